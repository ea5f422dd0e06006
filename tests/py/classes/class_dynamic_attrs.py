# getattr, setattr, hasattr, delattr on instances and classes
class C:
    x = 1
c = C()
setattr(c, 'y', 2)
print(getattr(c, 'x'), getattr(c, 'y'), c.y, hasattr(c, 'y'), hasattr(c, 'z'))
print(getattr(c, 'z', 'default'))
delattr(c, 'y')
print(hasattr(c, 'y'))
setattr(C, 'z', 'class level')
print(c.z, C().z)
def method(self, k):
    return self.x * k
C.times = method
print(c.times(5))
name = 'dyn'
setattr(c, name + '_attr', [1])
print(getattr(c, 'dyn_attr'))
for attr in ('x', 'z', 'nope'):
    print(attr, hasattr(C, attr))
