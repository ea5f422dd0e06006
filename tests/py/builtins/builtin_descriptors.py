# property(), staticmethod() and classmethod() called as functions
class C:
    def __init__(self):
        self._v = 1
    def _get(self):
        return self._v * 10
    def _set(self, v):
        self._v = v
    value = property(_get, _set)
    ro = property(lambda self: 'read only')
    twice = staticmethod(lambda x: x * 2)
    name = classmethod(lambda cls: cls.__name__)
c = C()
print(c.value, c.ro, C.twice(4), c.twice(5), C.name(), c.name())
c.value = 7
print(c.value)
try:
    c.ro = 1
except AttributeError:
    print('AttributeError')
print(isinstance(C.value, property))
class D(C):
    pass
print(D.name(), D().value)
