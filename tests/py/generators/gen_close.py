# close() stops a generator, running its finally blocks
def gen():
    try:
        for i in range(10):
            yield i
    finally:
        print('cleanup')
g = gen()
print(next(g), next(g))
g.close()
try:
    next(g)
except StopIteration:
    print('StopIteration after close')
g2 = gen()
g2.close()
print('closed before start')
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 'refuses'
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError:
    print('RuntimeError: generator ignored GeneratorExit')
def finished():
    yield 1
h = finished()
list(h)
h.close()
print('close on finished generator is fine')
