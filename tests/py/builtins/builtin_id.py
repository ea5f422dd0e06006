# id() is constant for an object and unique among live objects
a = []
b = []
print(id(a) == id(a), id(a) != id(b), type(id(a)).__name__)
ids = {id(x) for x in (a, b, object(), 'text')}
print(len(ids) >= 3)
def f():
    pass
print(id(f) == id(f))
c = a
print(id(c) == id(a))
