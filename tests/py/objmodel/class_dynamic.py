# class attributes changed at run time, hooks, descriptors, builtin subclasses with __new__
class A:
    x = 1
    def f(self):
        return 'f1'
a = A()
print(a.x, a.f())
A.x = 2
A.f = lambda self: 'f2'
print(a.x, a.f())
a.x = 'inst'
print(a.x, A.x)
del a.x
print(a.x)
del A.x
try:
    a.x
except AttributeError as e:
    print('AttributeError', e)
a.f = lambda: 'instance f'
print(a.f())
del a.f
print(a.f())
class B(A):
    pass
b = B()
A.g = lambda self: 'g from A'
print(b.g())
B.g = lambda self: 'g from B'
print(b.g(), a.g())
class H:
    def __eq__(self, o): return True
    def __hash__(self): return 1
class H2(H):
    def __eq__(self, o): return False
print(hash(H()))
try:
    hash(H2())
except TypeError as e:
    print('TypeError', e)
class Gen:
    def __iter__(self):
        yield 1
        yield 2
print(list(Gen()), sum(Gen()), 2 in Gen())
class C:
    def __contains__(self, x):
        return x
print(1 in C(), 0 in C(), 0 not in C())
class Idx:
    def __index__(self):
        return 1
print([10, 20, 30][Idx()], hex(Idx()), bin(Idx()))
class Ctx:
    def __enter__(self):
        print('enter')
        return self
    def __exit__(self, t, v, tb):
        print('exit', t.__name__ if t else None, v)
        return True
with Ctx() as c:
    raise ValueError('suppressed')
print('after with')
class R:
    def __repr__(self):
        return repr(self)
try:
    repr(R())
except RuntimeError as e:
    print('RuntimeError')
class MyInt(int):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)
print(MyInt(5), type(MyInt(5)).__name__)
class Up(str):
    def __new__(cls, s):
        return str.__new__(cls, s.upper())
print(Up('abc'), Up('abc') == 'ABC', len(Up('xy')))
class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    x = property(lambda self: self[0])
    y = property(lambda self: self[1])
    def __repr__(self):
        return 'Point(x=%r, y=%r)' % self
p = Point(3, 4)
print(p, p.x, p.y, p == (3, 4), len(p), list(p), p[1])
class Outer:
    class Inner:
        def hello(self):
            return 'inner'
    def make(self):
        return self.Inner()
print(Outer().make().hello(), Outer.Inner.__name__)
def deco(cls):
    cls.decorated = True
    return cls
@deco
class D:
    pass
print(D.decorated)
class Base:
    def __init_subclass__(cls, **kw):
        cls.registered = cls.__name__
class Child(Base):
    pass
print(Child.registered)
class Desc:
    def __set_name__(self, owner, name):
        self.n = name
d = Desc()
class Uses:
    attr = d
print(d.n)
def outer():
    class L(list):
        def m(self):
            return super().__len__()
    return L([1, 2, 3]).m()
print(outer())
class S:
    __slots__ = ('a',)
    def __init__(self):
        self.a = 1
print(S().a)
class DA:
    def who(self): return 'A'
class DB:
    def who(self): return 'B'
a = DA()
a.x = 1
a.__dict__ = {'y': 2}
print(a.__dict__, a.y, hasattr(a, 'x'))
a.__class__ = DB
print(a.who(), type(a).__name__, isinstance(a, DB))
try:
    a.__class__ = int
except TypeError:
    print('TypeError')
try:
    a.__dict__ = 5
except TypeError:
    print('TypeError')
