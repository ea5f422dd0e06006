# __setattr__ and __delattr__ intercept attribute assignment
class Logged:
    def __init__(self):
        self.a = 1
    def __setattr__(self, name, value):
        print('setattr', name, value)
        object.__setattr__(self, name, value * 2)
    def __delattr__(self, name):
        print('delattr', name)
        object.__delattr__(self, name)
l = Logged()
l.b = 5
print(l.a, l.b)
setattr(l, 'c', 7)
print(l.c)
del l.b
print(hasattr(l, 'b'))
class ReadOnly:
    def __setattr__(self, name, value):
        raise AttributeError('read only: ' + name)
r = ReadOnly()
try:
    r.x = 1
except AttributeError as e:
    print('AttributeError', e.args[0])
