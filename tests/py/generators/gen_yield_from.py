# yield from delegates to a sub-iterator and returns its value
def sub():
    yield 1
    yield 2
    return 'sub result'
def outer():
    r = yield from sub()
    print('sub returned', r)
    yield from [10, 20]
    yield from range(3)
    yield from 'ab'
print(list(outer()))
def tree(n):
    if n == 0:
        yield 'leaf'
        return
    yield 'node%d' % n
    yield from tree(n - 1)
    yield from tree(n - 1)
print(list(tree(2)))
