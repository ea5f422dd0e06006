# generator expressions as sole call arguments and with other arguments
print(sum(x for x in range(4)))
print(sum((x for x in range(4)), 100))
print(sorted((x for x in 'cab'), reverse=True))
print(list(zip((x for x in range(3)), 'abc')))
print(tuple(x * x for x in range(4)), frozenset(x % 2 for x in range(5)) == frozenset({0, 1}))
print(' '.join(w.capitalize() for w in 'hello big world'.split()))
print(min(abs(x) for x in [-3, 2, -1]), any(c.isdigit() for c in 'ab1'))
