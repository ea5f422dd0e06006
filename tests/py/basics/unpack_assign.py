# tuple and list unpacking in assignments and for loops
a, b = 1, 2
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
[f, g] = 'xy'
print(f, g)
h, = [9]
print(h)
i, j, k = range(3)
print(i, j, k)
x, y = (n * n for n in (3, 4))
print(x, y)
for p, q in [(1, 'a'), (2, 'b')]:
    print(p, q)
for idx, (m, n) in enumerate([(1, 2), (3, 4)]):
    print(idx, m + n)
l = [0, 0, 0]
l[0], l[2] = 'first', 'last'
print(l)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = 'abcd'
print(init, last)
a1, *mid, z1 = range(6)
print(a1, mid, z1)
u, *v = [1]
print(u, v)
(w, *ws), o = [1, 2, 3], 4
print(w, ws, o)
for head, *tail in ['abc', 'de']:
    print(head, tail)
