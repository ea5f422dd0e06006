# starred expressions in displays and calls
a = [1, 2]
b = (3, 4)
print([*a, *b, 5])
print((*a, *b))
print(sorted({*a, *b, 1}))
d1 = {'x': 1, 'y': 2}
d2 = {'y': 20, 'z': 30}
print({**d1, **d2})
print({**d1, 'x': 'over', **{}})
print(*a, *b, sep='-')
def f(*args, **kw):
    return args, sorted(kw.items())
print(f(*a, 0, *b))
print(f(**d1, w=0))
print(f(*'ab', *range(2), **d2))
print([*range(3), *'xy', *[]])
t = *a, 9
print(t)
