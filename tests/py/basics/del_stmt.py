# del of names, items, slices, keys and attributes
x = 1
del x
try:
    x
except NameError:
    print('x gone')
l = list(range(10))
del l[0]
print(l)
del l[-1]
print(l)
del l[2:4]
print(l)
del l[::2]
print(l)
del l[:]
print(l)
d = {'a': 1, 'b': 2, 'c': 3}
del d['b']
print(d)
class C:
    pass
c = C()
c.attr = 5
print(hasattr(c, 'attr'))
del c.attr
print(hasattr(c, 'attr'))
a, b = 1, 2
del a, b
print('a' in globals(), 'b' in globals())
m = [[1, 2], [3, 4]]
del m[1][0]
print(m)
