# chaining generators into a pipeline
def numbers(n):
    for i in range(n):
        yield i
def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x
def scaled(src, k):
    for x in src:
        yield x * k
def take(src, n):
    for i, x in enumerate(src):
        if i >= n:
            return
        yield x
print(list(take(scaled(evens(numbers(1000)), 3), 5)))
def infinite():
    i = 0
    while True:
        yield i
        i += 1
print(list(take(infinite(), 3)))
print(list(zip(infinite(), 'abc')))
