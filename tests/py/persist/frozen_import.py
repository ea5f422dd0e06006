# Modules frozen into the runner (frozen/pc.txt) import from the .frozen
# entry of sys.path, run the bytecode kept in the image, and keep their file
# names and line numbers in tracebacks.
import sys

print(sys.path[1], sys.path.index(".frozen"))
import frozentest

print(frozentest.VALUE, frozentest.where())
try:
    frozentest.call_fail()
except ValueError as e:
    sys.print_exception(e)

# the constants and code shapes of tests/py/persist/mpy/roundtrip.py, frozen
import frozen_roundtrip

frozen_roundtrip.show()
try:
    frozen_roundtrip.fail_here()
except RuntimeError as e:
    sys.print_exception(e)

# imported once; a second import is the same module
import frozentest as again

print(again is frozentest)

# without .frozen on sys.path, frozen modules are not found
del sys.modules["frozentest"]
sys.path.remove(".frozen")
try:
    import frozentest
except ImportError as e:
    print("ImportError:", e)
sys.path.append(".frozen")
import frozentest
