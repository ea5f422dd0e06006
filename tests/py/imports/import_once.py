# a module body runs only once, however often it is imported
import mod_counter
import mod_counter
import mod_counter as again
from mod_counter import value
def f():
    import mod_counter
    return mod_counter.value
print(f(), value, again is mod_counter)
import sys
print('mod_counter' in sys.modules, sys.modules['mod_counter'] is mod_counter)
