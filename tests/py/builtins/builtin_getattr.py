# getattr, setattr, hasattr and delattr
class O:
    a = 1
o = O()
print(getattr(o, 'a'), getattr(o, 'b', None), hasattr(o, 'a'), hasattr(o, 'b'))
setattr(o, 'b', 'bee')
print(o.b, getattr(o, 'b'))
delattr(o, 'b')
print(hasattr(o, 'b'))
try:
    getattr(o, 'missing')
except AttributeError:
    print('AttributeError')
l = []
getattr(l, 'append')(5)
print(l)
print(getattr('abc', 'upper')(), getattr(5, 'real', 'n/a'))
import sys
print(getattr(sys, 'argv') is sys.argv, hasattr(sys, 'nope'))
