# generator objects
def gen():
    yield 1
    yield 2
g = gen()
print(type(g).__name__, iter(g) is g)
print(next(g), next(g), next(g, 'done'))
ge = (x * 2 for x in range(3))
print(type(ge).__name__, list(ge), list(ge))
print(hasattr(g, 'send'), hasattr(g, 'throw'), hasattr(g, 'close'))
