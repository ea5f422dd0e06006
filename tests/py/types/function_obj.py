# functions are objects
def add(a, b=1):
    return a + b
f = add
print(f(2), f(2, 3), f is add, add.__name__, callable(add))
print(type(add).__name__, type(lambda: 0).__name__)
ops = {'add': add, 'neg': lambda x: -x}
print(ops['add'](1, 1), ops['neg'](5))
def apply(fn, *args):
    return fn(*args)
print(apply(add, 10, 20), apply(max, 3, 9, 2))
print((lambda: 'x').__name__)
funcs = [add, len, str]
print([fn.__name__ for fn in funcs])
