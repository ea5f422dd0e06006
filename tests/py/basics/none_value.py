# None: identity, truth value, comparisons and repr
x = None
print(x)
print(repr(None), str(None))
print(x is None, x is not None)
print(None == None, None != None)
print(bool(None), not None)
print(type(None).__name__)

def f():
    pass

print(f() is None)
print([None, None].count(None))
print(None in [0, False, None])
print({None: 1}[None])
