# dict comprehensions
print({x: x * x for x in range(5)})
print({k: v for k, v in zip('abc', [1, 2, 3]) if v != 2})
words = ['apple', 'bob', 'cat', 'avocado']
print({w[0]: w for w in words})
print({v: k for k, v in {'a': 1, 'b': 2}.items()})
print({i: [j for j in range(i)] for i in range(4)})
print({(i, j): i * j for i in range(2) for j in range(2)})
