# __new__ controls instance creation
class Single:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            print('creating')
            cls._inst = object.__new__(cls)
        return cls._inst
    def __init__(self):
        print('init')
a = Single()
b = Single()
print(a is b)
class Tagged:
    def __new__(cls, tag):
        obj = super().__new__(cls)
        obj.tag = tag
        return obj
    def __init__(self, tag):
        self.tag = self.tag + '!'
print(Tagged('t').tag)
class Other:
    def __new__(cls, x):
        return x * 2
    def __init__(self, x):
        print('not called')
print(Other(21))
class Sub(Tagged):
    pass
s = Sub('sub')
print(type(s).__name__, s.tag)
