# *args and **kwargs
def collect(*args, **kwargs):
    return args, kwargs
print(collect(), collect(1, 2), collect(a=1), collect(1, b=2, c=3))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print(total(), total(1, 2, 3), total(*range(10)))
def describe(**info):
    return ', '.join('%s=%s' % kv for kv in info.items())
print(describe(x=1, y='two', z=None))
def forward(*a, **k):
    return collect(*a, **k)
print(forward(1, 2, key='v'))
args = (1, 2)
kwargs = {'c': 3}
def three(a, b, c):
    return a * 100 + b * 10 + c
print(three(*args, **kwargs), three(*(4, 5, 6)), three(1, *[2], **{'c': 9}))
def mixed(a, b=0, *args, c, d=1, **kw):
    return a, b, args, c, d, kw
print(mixed(1, c=2), mixed(1, 2, 3, 4, c=5, d=6, e=7))
