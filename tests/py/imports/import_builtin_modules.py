# modules that every build has can be imported
import sys
import math
import gc
print(sys.__name__, math.__name__, gc.__name__)
print(math.sqrt(16.0), math.floor(-2.5), math.ceil(2.1), math.pi > 3.14)
print(isinstance(sys.argv, list), isinstance(sys.path, list))
from math import pi, sqrt
print(round(pi, 2), sqrt(9))
