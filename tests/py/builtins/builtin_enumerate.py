# enumerate() with and without a start
print(list(enumerate('abc')), list(enumerate('abc', 1)), list(enumerate([], 5)))
print(list(enumerate(['x', 'y'], start=10)), list(enumerate('ab', -1)))
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a, b)
e = enumerate(range(100, 103))
print(next(e), next(e), list(e))
print(dict(enumerate('hi')))
