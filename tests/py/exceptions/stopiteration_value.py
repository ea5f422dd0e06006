# StopIteration carries a generator's return value
def gen():
    yield 1
    return 'result'
g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print('value', e.value, e.args)
def empty():
    return
    yield
try:
    next(empty())
except StopIteration as e:
    print('value', e.value)
it = iter([])
try:
    next(it)
except StopIteration:
    print('exhausted list iterator')
print(next(iter([]), 'default'))
