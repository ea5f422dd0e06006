# list comprehensions
print([x * 2 for x in range(5)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in 'ab'])
print([x + y for x in 'ab' for y in 'xy' if y != 'x'])
print([[r * c for c in range(3)] for r in range(3)])
print([c.upper() for c in 'hello' if c not in 'l'])
print([x if x > 0 else 0 for x in [-2, -1, 0, 1, 2]])
print([len(w) for w in 'the quick brown fox'.split()])
print([i for i in []], [[]for _ in range(2)])
x = 'outer'
r = [x for x in range(3)]
print(x, r)
