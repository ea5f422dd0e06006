# OrderedDict repr as CPython 3.12 and MicroPython show it
from collections import OrderedDict

print(OrderedDict())
print(OrderedDict([('a', 1), ('b', 2)]))
print(repr(OrderedDict(x=[1])))
