# return statements: none, single, multiple values
def nothing():
    pass
def bare():
    return
def one():
    return 1
def many():
    return 1, 'two', [3]
print(nothing(), bare(), one(), many())
a, b, c = many()
print(a, b, c)
def early(x):
    if x < 0:
        return 'negative'
    for i in range(x):
        if i == 3:
            return 'found 3'
    return 'done'
print(early(-1), early(10), early(2))
def returns_func():
    def inner():
        return 'inner'
    return inner
print(returns_func()())
