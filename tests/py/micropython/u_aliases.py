# every module is importable under its plain and its u-prefixed name, as
# the same module object
names = ('sys time os io struct json math cmath random re binascii hashlib '
         'collections array heapq errno gc select micropython deflate platform').split()
for name in names:
    plain = __import__(name)
    prefixed = __import__('u' + name)
    print(name, plain is prefixed, plain.__name__)
from utime import ticks_add
from ujson import dumps
from uos import getcwd
print(ticks_add(1, 2), dumps([1]), type(getcwd()).__name__)
import sys
print('utime' in sys.modules or 'time' in sys.modules)
try:
    import uxyz_no_such_module
except ImportError:
    print('ImportError')
