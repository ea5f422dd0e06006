# argument unpacking and keyword passing in calls
def f(a, b, c=0, *rest, **kw):
    return (a, b, c, rest, sorted(kw.items()))
print(f(1, 2))
print(f(*[1, 2, 3, 4, 5]))
print(f(**{'a': 1, 'b': 2, 'x': 3}))
print(f(1, *(2, 3), **{'y': 4}))
print(f(b=2, a=1), f(1, c=3, b=2))
d = {'c': 'C'}
print(f('A', 'B', **d), f(*'AB', z=1, **d))
print(max(*[3, 7, 1]), min(4, *[9, 2]))
print(dict(**{'x': 1}, y=2))
