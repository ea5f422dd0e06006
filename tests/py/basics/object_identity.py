# id() is stable per object and distinct between live objects
a = [1]
b = [1]
print(id(a) == id(a), id(a) != id(b))
c = a
print(id(c) == id(a))
print(isinstance(id(a), int))
objs = [object() for i in range(10)]
print(len(set(id(o) for o in objs)))
print(a is c, a is not b)
class K:
    pass
k = K()
print(id(k) == id(k), k is k)
