# slice assignment and deletion on lists
l = list(range(10))
l[2:4] = ['a', 'b', 'c']
print(l)
l[:2] = []
print(l)
l[-1:] = [97, 98, 99]
print(l)
l[::2] = [0] * len(l[::2])
print(l)
l[1::2] = 'x' * len(l[1::2])
print(l)
l[3:3] = ['inserted']
print(l)
del l[::3]
print(l)
l[:] = (1, 2)
print(l)
l[5:] = [3]
print(l)
l[0:1] = range(3)
print(l)
m = [1, 2, 3]
m[1:2] = m
print(m)
