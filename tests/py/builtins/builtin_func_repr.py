# built-in functions of modules show their names, imported or not yet in
# sys.modules (built-in modules are not, as in MicroPython)
import math
import time


print(print, len, math.sqrt, time.sleep)
print(math.floor.__name__, time.ticks_ms.__name__ if hasattr(time, "ticks_ms") else "ticks_ms")
from math import cos as c

print(c, c.__name__)
