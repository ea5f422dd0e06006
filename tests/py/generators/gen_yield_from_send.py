# send and throw pass through yield from
def inner():
    total = 0
    while True:
        try:
            x = yield total
        except ValueError:
            print('inner caught ValueError')
            continue
        if x is None:
            return total
        total += x
def outer():
    result = yield from inner()
    yield 'final %d' % result
g = outer()
print(next(g))
print(g.send(3))
print(g.send(4))
print(g.throw(ValueError))
print(g.send(None))
def closer():
    try:
        yield 1
        yield 2
    finally:
        print('inner closed')
def delegating():
    yield from closer()
d = delegating()
next(d)
d.close()
