# iter() and next(), including the callable/sentinel form
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, 'end'))
try:
    next(it)
except StopIteration:
    print('StopIteration')
print(list(iter('abc')), list(iter({'k': 1})), list(iter((1,))))
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 5)))
lines = iter(['a', 'b', '', 'c'])
print(list(iter(lambda: next(lines), '')))
d = {'x': 1, 'y': 2}
di = iter(d)
print(next(di), next(di), next(di, None))
print(iter(it) is it)
