# identity and membership operators
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
print(2 in a, 3 in a, 3 not in a)
print('ell' in 'hello', 'xyz' in 'hello', '' in 'abc')
print(b'ab' in b'cabd', 98 in b'abc')
print('k' in {'k': 1}, 1 in {'k': 1})
print(1 in {1, 2}, (1, 2) in [(1, 2)], [1] in [[1]])
print(3 in range(0, 10, 3), 4 in range(0, 10, 3))
print(None is None, type(1) is int)
print(1.0 in [1], 1 in [True])
