# passing and returning functions, higher-order functions
def apply_twice(f, x):
    return f(f(x))
def inc(x):
    return x + 1
print(apply_twice(inc, 5), apply_twice(lambda s: s + '!', 'hi'))
def pipeline(*fns):
    def run(x):
        for fn in fns:
            x = fn(x)
        return x
    return run
p = pipeline(inc, lambda x: x * 10, str)
print(p(1), repr(p(1)))
dispatch = {'inc': inc, 'neg': lambda x: -x, 'abs': abs}
print([dispatch[k](-3) for k in ('inc', 'neg', 'abs')])
print(list(map(inc, filter(lambda v: v % 2, range(7)))))
print(sorted(['bb', 'a', 'ccc'], key=len), max(['bb', 'a', 'ccc'], key=len))
