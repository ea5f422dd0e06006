# lambda expressions
sq = lambda x: x * x
add = lambda a, b=10: a + b
print(sq(4), add(1), add(1, 2), (lambda: 'no args')())
print(list(map(lambda s: s.upper(), ['a', 'b'])))
print(sorted([(1, 'b'), (2, 'a')], key=lambda p: p[1]))
adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])
late = [lambda x: x + n for n in range(3)]
print([f(10) for f in late])
compose = lambda f, g: lambda x: f(g(x))
inc_then_sq = compose(sq, lambda x: x + 1)
print(inc_then_sq(3))
print((lambda *a, **k: (a, k))(1, 2, x=3))
print((lambda x, *, y: x - y)(10, y=3))
