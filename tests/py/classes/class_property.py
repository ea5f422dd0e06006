# property via decorators and via property()
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
    @property
    def fahrenheit(self):
        return self._c * 9 // 5 + 32
t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError:
    print('ValueError from setter')
try:
    t.fahrenheit = 1
except AttributeError:
    print('AttributeError: read-only property')
del t.celsius
print(t.celsius)
class Old:
    def __init__(self):
        self._x = 'x'
    def get_x(self):
        return self._x
    def set_x(self, v):
        self._x = v
    x = property(get_x, set_x)
o = Old()
o.x = 'new'
print(o.x, type(Old.x).__name__)
class Child(Temp):
    pass
c = Child()
c.celsius = 5
print(c.celsius, c.fahrenheit)
