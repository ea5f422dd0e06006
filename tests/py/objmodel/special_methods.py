# special method dispatch and its error paths
class V:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __repr__(self):
        return 'V%r' % (tuple(self.xs),)
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __neg__(self):
        return V(*[-x for x in self.xs])
    def __abs__(self):
        return sum(abs(x) for x in self.xs)
    def __invert__(self):
        return 'inverted'
    def __pos__(self):
        return 'positive'
    def __int__(self):
        return 42
    def __float__(self):
        return 2.5
v = V(1, -2, 3)
print(len(v), -v, abs(v), ~v, +v, int(v), float(v), list(v), 2 in v, 7 in v)
print(bool(V()), bool(v), [x for x in V(4, 5)])

class Cmp:
    def __init__(self, n):
        self.n = n
    def __lt__(self, o):
        return self.n < o.n
    def __eq__(self, o):
        return isinstance(o, Cmp) and self.n == o.n
print(Cmp(1) < Cmp(2), Cmp(2) > Cmp(1), Cmp(1) == Cmp(1), Cmp(1) != Cmp(1), Cmp(1) != Cmp(2))
print(sorted([Cmp(3), Cmp(1), Cmp(2)], key=lambda c: c.n)[0].n, min(Cmp(5), Cmp(4)).n)
try:
    Cmp(1) <= Cmp(2)
except TypeError as e:
    print('TypeError', e)
try:
    hash(Cmp(1))
except TypeError as e:
    print('TypeError', e)

class Base:
    def __eq__(self, o):
        return 'Base.__eq__'
class Derived(Base):
    def __eq__(self, o):
        return 'Derived.__eq__'
print(Base() == Derived(), Derived() == Base())

class BadBool:
    def __bool__(self):
        return 1
class BadLen:
    def __len__(self):
        return -1
class BadInit:
    def __init__(self):
        return 5
class BadIter:
    def __iter__(self):
        return 5
class BadStr:
    def __str__(self):
        return 5
for make in (lambda: bool(BadBool()), lambda: len(BadLen()), BadInit,
             lambda: iter(BadIter()), lambda: str(BadStr())):
    try:
        make()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

class Callable:
    def __call__(self, a, b=2, *rest, **kw):
        return a + b + len(rest) + len(kw)
c = Callable()
print(c(1), c(1, 10, 0, 0, x=1), callable(c), callable(V()))

class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(Seq()), 20 in Seq(), 25 in Seq(), [*Seq()])

class Box:
    def __init__(self):
        self.d = {}
    def __setitem__(self, k, v):
        self.d[k] = v
    def __getitem__(self, k):
        return self.d[k]
    def __delitem__(self, k):
        del self.d[k]
    def __contains__(self, k):
        return k in self.d
b = Box()
b['x'] = 1
b['y'] = 2
del b['x']
print('x' in b, 'y' in b, b['y'], sorted(b.d))

class Ops:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        self.v += o
        return self
    def __add__(self, o):
        return Ops(self.v + o)
    def __matmul__(self, o):
        return 'matmul'
    def __floordiv__(self, o):
        return 'floordiv'
    def __rtruediv__(self, o):
        return 'rtruediv'
    def __pow__(self, o):
        return 'pow'
    def __rpow__(self, o):
        return 'rpow'
    def __divmod__(self, o):
        return 'divmod'
o = Ops(1)
same = o
o += 5
print(o is same, o.v, (o + 1).v, o @ o, o // 2, 2 / o, o ** 2, 2 ** o, divmod(o, 3))
for expr in (lambda: o - 1, lambda: 1 - o, lambda: o < o, lambda: -o, lambda: o[0], lambda: len(o)):
    try:
        expr()
    except TypeError as e:
        print('TypeError', e)

class WithNext:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
print(list(WithNext()), next(iter(WithNext())))
