# the base object type
o = object()
print(type(o).__name__, isinstance(o, object))
print(o == o, o != object(), o is o)
print(str(o) == repr(o))
try:
    o.attr = 1
except AttributeError:
    print('cannot set attribute on object()')
class C(object):
    pass
c = C()
c.attr = 1
print(c.attr, isinstance(c, object), hash(o) == hash(o))
print(object.__name__, issubclass(C, object))
