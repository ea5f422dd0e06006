# throw() raises an exception at the paused yield
def worker():
    while True:
        try:
            x = yield
            print('got', x)
        except ValueError as e:
            print('handled', e.args[0])
            yield 'recovered'
g = worker()
next(g)
g.send(1)
print(g.throw(ValueError('oops')))
next(g)
g.send(2)
try:
    g.throw(KeyError('unhandled'))
except KeyError as e:
    print('propagated', e.args[0])
try:
    next(g)
except StopIteration:
    print('generator finished after unhandled throw')
def fresh():
    yield 1
f = fresh()
try:
    f.throw(TypeError('before start'))
except TypeError:
    print('throw into unstarted generator raises it')
