# list construction, indexing and item assignment
print([], list(), list('abc'), list(range(4)), list((1, 2)), list({'a': 1}))
l = [10, 20, 30, 40]
print(l[0], l[-1], l[1:3], len(l))
l[1] = 'x'
l[-1] = None
print(l)
print([1, [2, 3]][1][0], [[]] == [[]], [1, 2] != [2, 1])
print(list(l) is l, list(l) == l)
a = [1, 2, 3]
b = a
b.append(4)
print(a)
print([i * i for i in a], sum(a), max(a), min(a))
print(repr([]), str([1, 'a', 2.5, None]))
