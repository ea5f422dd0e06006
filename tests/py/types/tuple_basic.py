# tuples: construction, indexing, slicing, immutability of shape
t = (1, 'two', 3.0, None)
print(t, t[0], t[-1], t[1:3], t[::-1], len(t))
print((), (1,), tuple(), tuple([1, 2]), tuple('ab'), tuple(range(3)))
print(1, 2 == (1, 2), (1, 2) == (1, 2))
x = 1, 2, 3
print(x, type(x).__name__)
print(t.count(None), (1, 2, 1).count(1), (1, 2, 3).index(2), (1, 2, 1).index(1, 1))
print((1, 2) + (3,), (0,) * 3, 2 in (1, 2), 'x' not in t)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0])
l = [1]
tl = (l, 2)
l.append(99)
print(tl)
print(repr((1,)), str(('a', "b'")))
