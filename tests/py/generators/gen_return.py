# return inside a generator ends iteration
def limited(n):
    for i in range(100):
        if i >= n:
            return
        yield i
print(list(limited(4)), list(limited(0)))
def with_value():
    yield 'x'
    return 42
g = with_value()
next(g)
try:
    next(g)
except StopIteration as e:
    print(e.value)
def early(flag):
    if flag:
        return
    yield 'yielded'
print(list(early(True)), list(early(False)))
