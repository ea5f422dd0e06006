# many positional parameters and argument binding order
def f(a, b, c, d, e, f, g, h):
    return [a, b, c, d, e, f, g, h]
print(f(1, 2, 3, 4, 5, 6, 7, 8))
print(f(*range(8)))
print(f(1, 2, 3, 4, h=8, g=7, f=6, e=5))
def many(*args):
    return len(args), args[-1]
print(many(*range(300)))
def kw(**k):
    return len(k)
print(kw(**{'k%d' % i: i for i in range(50)}))
