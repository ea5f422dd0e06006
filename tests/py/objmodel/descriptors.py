# property, classmethod, staticmethod and user descriptors
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273:
            raise ValueError('too cold')
        self._c = v
    @celsius.deleter
    def celsius(self):
        print('deleting')
        self._c = None
    fahrenheit = property(lambda self: self._c * 9 / 5 + 32)
t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print('ValueError', e)
del t.celsius
print(t.celsius)
try:
    t.fahrenheit = 3
except AttributeError:
    print('AttributeError read-only')
t.__dict__['celsius'] = 'shadow'
print(t.celsius, type(Temp.celsius).__name__, Temp.celsius.fget is not None)

class Counter:
    count = 0
    @classmethod
    def bump(cls, n=1):
        cls.count += n
        return cls
    @staticmethod
    def add(a, b):
        return a + b
class SubCounter(Counter):
    pass
print(Counter.bump().count, SubCounter.bump(5).count, Counter.count)
print(Counter.add(1, 2), Counter().add(3, 4), SubCounter().bump() is SubCounter)

class Typed:
    def __set_name__(self, owner, name):
        self.name = '_' + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, 'unset')
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError('int wanted')
        setattr(obj, self.name, value)
class Point:
    x = Typed()
    y = Typed()
p = Point()
print(p.x)
p.x = 3
p.y = 4
print(p.x, p.y, sorted(p.__dict__.items()), isinstance(Point.x, Typed))
try:
    p.x = 'no'
except TypeError as e:
    print('TypeError', e)

class Plain:
    def __get__(self, obj, objtype=None):
        return 'from get'
class Holder:
    attr = Plain()
h = Holder()
print(h.attr, Holder.attr)
h.__dict__['attr'] = 'instance wins over non-data descriptor'
print(h.attr)
