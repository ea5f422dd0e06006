# zip() of several iterables stops at the shortest
print(list(zip([1, 2, 3], 'abc')), list(zip([1, 2], 'abcd', (True,) * 5)))
print(list(zip()), list(zip([])), list(zip('ab')), list(zip(range(3), range(10, 13))))
a, b = zip(*[(1, 'x'), (2, 'y')])
print(a, b)
z = zip(iter([1, 2]), iter([3]))
print(next(z), next(z, 'done'))
print(dict(zip(['k1', 'k2'], [10, 20])))
