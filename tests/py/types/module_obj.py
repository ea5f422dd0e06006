# modules are objects with attributes
import sys
print(type(sys).__name__, sys.__name__)
m = sys
print(m is sys, hasattr(sys, 'argv'), callable(sys.exit))
mod_type = type(sys)
print(isinstance(sys, mod_type))
import math
print(math.__name__, type(math) is type(sys), hasattr(math, 'pi'))
print(getattr(math, 'floor')(2.5))
