# A module compiled by build/campy-cross into a bytecode file (.mpy) imports
# from sys.path and behaves as its source does: every kind of constant, and
# code of every shape.
import sys

import mod_mpydir

mod_mpydir.use()
import roundtrip

print(roundtrip.__name__, roundtrip.__file__.endswith("/roundtrip.mpy"))
roundtrip.show()
# tracebacks name the source file recorded at compile time, and its lines
try:
    roundtrip.fail_here()
except RuntimeError as e:
    sys.print_exception(e)
import mpypkg

print(mpypkg.leaf.VALUE, mpypkg.__path__[0].endswith("/mpypkg"))
from mpypkg.leaf import deep

try:
    deep(2)
except IndexError as e:
    sys.print_exception(e)
