# exceptions raised inside a generator reach the consumer and end it
def risky():
    yield 1
    raise ValueError('inside')
    yield 2
g = risky()
print(next(g))
try:
    next(g)
except ValueError as e:
    print('caught', e.args[0])
print(next(g, 'finished'))
def guarded():
    for x in [1, 0, 2]:
        try:
            yield 10 // x
        except ZeroDivisionError:
            yield 'div by zero'
print(list(guarded()))
def stop_inside():
    yield 1
    raise StopIteration
try:
    print(list(stop_inside()))
except RuntimeError:
    print('RuntimeError: StopIteration raised inside generator')
