# set comprehensions
print(sorted({x % 3 for x in range(10)}))
print(sorted({c for c in 'mississippi'}))
print(sorted({(x, y) for x in range(2) for y in range(2)}))
print(len({w.lower() for w in ['A', 'a', 'B']}))
print({x for x in []} == set(), type({x for x in 'a'}).__name__)
