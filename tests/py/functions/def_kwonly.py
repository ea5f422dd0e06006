# keyword-only arguments
def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2), f(1, c=4, b=5), f(a=0, b=0))
def g(*args, sep='-', end=''):
    return sep.join(args) + end
print(g('a', 'b'), g('a', 'b', sep='+', end='!'))
def h(x, *rest, flag=False, **extra):
    return x, rest, flag, sorted(extra.items())
print(h(1), h(1, 2, 3, flag=True, z=9, y=8))
try:
    f(1, 2)
except TypeError:
    print('TypeError: keyword-only passed positionally')
try:
    f(1)
except TypeError:
    print('TypeError: missing keyword-only')
