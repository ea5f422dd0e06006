# send() delivers a value as the result of the yield expression
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    yield 'done: ' + ','.join(received)
g = echo()
print(next(g))
print(g.send('a'))
print(g.send('b'))
print(g.send(None))
def accumulator():
    total = 0
    while True:
        v = yield total
        total += v
acc = accumulator()
acc.send(None)
for n in (5, 10, 20):
    print(acc.send(n))
g2 = echo()
try:
    g2.send('too early')
except TypeError:
    print('TypeError: non-None send to fresh generator')
