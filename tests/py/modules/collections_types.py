# collections: namedtuple, OrderedDict and deque
from collections import namedtuple, OrderedDict, deque
P = namedtuple('Point', 'x y')
p = P(1, 2)
print(p, p.x, p.y, p[0], p[-1], len(p), tuple(p), p == (1, 2), isinstance(p, tuple), P._fields)
x, y = p; print(x, y)
print(P(y=5, x=3), p._replace(y=9), p._asdict(), P._make([7, 8]), hash(p) == hash((1, 2)))
Q = namedtuple('Q', ['a', 'b', 'c'], defaults=[10, 20])
print(Q(1), Q(1, 2), Q(1, 2, 3), Q._field_defaults)
R = namedtuple('R', 'a, b def _c a', rename=True); print(R._fields)
class S(namedtuple('S', 'u v')):
    def total(self):
        return self.u + self.v
s = S(3, 4); print(s, s.total(), type(s).__name__)
print(p + (3,), p[::-1], sorted([P(2, 1), P(1, 5)]))
for bad in [lambda: P(1), lambda: P(1, 2, 3), lambda: P(1, 2, z=3), lambda: P(1, x=2), lambda: namedtuple('1x', 'a'),
            lambda: namedtuple('T', 'a a'), lambda: namedtuple('T', '_a'), lambda: namedtuple('T', 'class'),
            lambda: p._replace(z=1), lambda: namedtuple('T', 'a', defaults=[1, 2])]:
    try: bad(); print('no error')
    except Exception as e: print(type(e).__name__)
try:
    p.x = 5
except AttributeError: print('AttributeError')

od = OrderedDict()
od['b'] = 1; od['a'] = 2; od['c'] = 3
print(list(od), list(od.items()), od['a'], len(od), 'a' in od, isinstance(od, dict))
od.move_to_end('b'); print(list(od))
od.move_to_end('c', last=False); print(list(od))
print(od.popitem(), od.popitem(last=False), list(od))
o1 = OrderedDict([(1, 1), (2, 2)]); o2 = OrderedDict([(2, 2), (1, 1)])
print(o1 == o2, o1 == dict(o2), dict(o1) == dict(o2), o1 != o2)
c = o1.copy(); c[3] = 3; print(type(c).__name__, list(c), list(o1))
try: OrderedDict().popitem()
except KeyError: print('KeyError')
try: od.move_to_end('zz')
except KeyError: print('KeyError')
print(OrderedDict(a=1, b=2)['b'], dict(OrderedDict(x=1)))

d = deque()
d.append(1); d.append(2); d.appendleft(0); print(d, len(d), bool(d), list(d), d[0], d[-1])
print(d.pop(), d.popleft(), d)
d = deque([1, 2, 3], 3); d.append(4); print(d, d.maxlen); d.appendleft(0); print(d)
d.extend([7, 8]); print(d); d.extendleft([5, 6]); print(d)
e = deque(range(10)); e.rotate(3); print(e); e.rotate(-5); print(e); e.reverse(); print(e)
print(e.count(3), e.index(3), 3 in e, 42 in e); e.remove(3); print(e); del e[0]; e[0] = 'x'; print(e)
e.insert(2, 'y'); print(e, e == deque(e), e != deque(), deque([1]) + deque([2]))
f = deque(); f += [1, 2]; print(f, f.copy(), deque([1, 2]) < deque([1, 3]))
z = deque([], 0); z.append(1); print(z, len(z))
for i in range(100): f.append(i); f.popleft()
print(f)
for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([], -1), lambda: deque([1])[5], lambda: deque([1]).remove(2)]:
    try: bad(); print('no error')
    except Exception as ex: print(type(ex).__name__)
g = deque([1, 2, 3])
try:
    for v in g: g.append(v)
except RuntimeError: print('RuntimeError')
print(list(reversed(deque([1, 2, 3]))), deque('abc'), deque(maxlen=2), deque([1, 2], maxlen=None))
d = deque()
for i in range(50):
    d.appendleft(i)
    if i % 3 == 0:
        d.pop()
print(len(d), d[0], d[-1], list(d)[:5])
P3 = namedtuple('P3', ('a', 'b', 'c'))
print(P3(*range(3)), P3._fields, P3(1, 2, 3)._asdict()['c'], P3._make(iter('xyz')))
print(namedtuple('E', '')(), namedtuple('E', [])._fields)
od = OrderedDict.fromkeys('abc', 0)
print(list(od.items()), od.get('b'), od.pop('a'), list(od.keys()), list(od.values()))
od.update({'z': 1}); od.setdefault('y', 2); del od['b']
print(list(od.items()))
od.move_to_end('c'); print(list(od))
