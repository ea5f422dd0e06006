# generator functions produce values lazily
def count_up(n):
    print('start')
    i = 0
    while i < n:
        yield i
        i += 1
    print('end')
g = count_up(3)
print('created')
for v in g:
    print('got', v)
print(list(count_up(0)))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def squares(seq):
    for x in seq:
        yield x * x
print(sum(squares(range(5))), list(squares([1, 2])))
