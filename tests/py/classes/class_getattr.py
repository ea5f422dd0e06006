# __getattr__ runs only for attributes that are not found normally
class Proxy:
    real = 'class attribute'
    def __init__(self):
        self.own = 'instance attribute'
    def __getattr__(self, name):
        if name.startswith('dyn_'):
            return name[4:].upper()
        raise AttributeError(name)
p = Proxy()
print(p.own, p.real, p.dyn_hello, getattr(p, 'dyn_x'))
print(hasattr(p, 'dyn_y'), hasattr(p, 'other'), getattr(p, 'other', 'default'))
try:
    p.missing
except AttributeError:
    print('AttributeError')
class Wrapper:
    def __init__(self, obj):
        self.obj = obj
    def __getattr__(self, name):
        return getattr(self.obj, name)
w = Wrapper([3, 1, 2])
w.append(0)
w.sort()
print(w.obj, w.count(1), w.index(3))
