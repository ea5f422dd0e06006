# map() with one or more iterables
print(list(map(str, [1, 2, 3])), list(map(len, ['a', 'bb', ''])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6, 7])))
print(list(map(pow, [2, 3], [3, 2], [5, 5])))
m = map(lambda x: x * 10, range(3))
print(next(m), list(m), list(m))
print(list(map(int, '123')), list(map(str.upper, 'ab')))
print(list(map(lambda x: x, [])))
