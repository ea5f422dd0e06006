# from-import of names, with aliases
from mod_simple import x, func as double, Thing
print(x, double(21), Thing().hello())
from mod_simple import items
items.append(4)
import mod_simple
print(mod_simple.items, 'func' in dir(), 'double' in dir())
