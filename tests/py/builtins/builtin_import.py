# __import__ returns a module object
m = __import__('sys')
import sys
print(m is sys, m.__name__)
math = __import__('math')
print(math.floor(2.7), type(math).__name__)
try:
    __import__('no_such_module_anywhere')
except ImportError:
    print('ImportError')
