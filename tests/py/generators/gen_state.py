# generator local state persists between yields; independent instances
def counter(start):
    n = start
    while True:
        cmd = yield n
        if cmd == 'reset':
            n = start
        else:
            n += 1
a = counter(10)
b = counter(100)
print(next(a), next(b), next(a), next(a), next(b))
print(a.send('reset'), next(a))
def running_avg():
    total = count = 0
    avg = None
    while True:
        x = yield avg
        total += x
        count += 1
        avg = total / count
r = running_avg()
next(r)
print([r.send(v) for v in (2, 4, 6)])
