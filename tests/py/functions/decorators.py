# function decorators, stacked and with arguments
def trace(fn):
    def wrapper(*args, **kw):
        print('call', fn.__name__, args)
        return fn(*args, **kw)
    return wrapper
def repeat(n):
    def deco(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(n)]
        return wrapper
    return deco
@trace
def add(a, b):
    return a + b
print(add(2, 3))
@repeat(3)
def hello(name):
    return 'hi ' + name
print(hello('x'))
@trace
@repeat(2)
def double(x):
    return x * 2
print(double(5))
def memo(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapper
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80))
