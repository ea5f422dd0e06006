# objects reachable only from closures, generators, classes and containers survive collections
import gc
def make_closure():
    secret = ['closure', 'data']
    return lambda: secret
def gen():
    local = {'gen': 'state'}
    yield 1
    yield local
class Holder:
    class_attr = ['class', 'attr']
f = make_closure()
g = gen()
next(g)
s = {('in', 'set'), frozenset(['frozen'])}
d = {'key': [bytearray(b'bytes'), 2 ** 100]}
t = ([1], [2])
for round_ in range(5):
    churn = [[k] * 10 for k in range(300)]
    gc.collect()
print(f(), next(g), Holder.class_attr)
print(sorted(map(str, s)), d, t)
