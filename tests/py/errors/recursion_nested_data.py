# printing or comparing absurdly nested data fails cleanly
nested = []
for i in range(100000):
    nested = [nested]
try:
    repr(nested)
    print('repr succeeded')
except RuntimeError:
    print('RuntimeError from repr of nested list')
d = {}
for i in range(100000):
    d = {'k': d}
try:
    str(d)
except RuntimeError:
    print('RuntimeError from str of nested dict')
t = ()
for i in range(100000):
    t = (t,)
try:
    hash(t)
except RuntimeError:
    pass
print('hash of nested tuple did not crash')
print(len(nested), len(d))
