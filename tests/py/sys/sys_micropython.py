# sys as MicroPython documents it beyond CPython: implementation,
# print_exception to any stream, atexit
import sys, io

print(sys.implementation.name, sys.implementation.version, type(sys.implementation._machine).__name__)
print(hasattr(sys.implementation, '_mpy'), hasattr(sys.implementation, 'nothing'))
print(repr(sys.implementation).startswith("(name='campy', version=(0, 1, 0), _machine='"))
print(sys.version.startswith('3.4.0; campy '))

def fail():
    raise ValueError('bad value')

try:
    fail()
except ValueError as e:
    err = e

s = io.StringIO()
sys.print_exception(err, s)
print(s.getvalue())
b = io.BytesIO()
sys.print_exception(err, b)
print(b.getvalue() == s.getvalue().encode())

class Writer:
    def __init__(self):
        self.parts = []
    def write(self, text):
        self.parts.append(text)
w = Writer()
sys.print_exception(err, w)
print(''.join(w.parts) == s.getvalue(), all(isinstance(p, str) for p in w.parts))

sys.print_exception(err)
sys.print_exception(KeyError('k'))
sys.print_exception(ValueError())
sys.print_exception(err, sys.stdout)
for args in [(), (err, s, 3)]:
    try:
        sys.print_exception(*args)
    except TypeError:
        print('TypeError')
try:
    sys.print_exception(err, 42)
except (TypeError, AttributeError) as e:
    print(type(e).__name__)

class Broken:
    def write(self, text):
        raise OSError(5)
try:
    sys.print_exception(err, Broken())
except OSError as e:
    print('OSError', e.args[0])

# atexit: returns the function set before; the last one set runs at the end
print(sys.atexit(lambda: print('not this one')))
first = sys.atexit(lambda: print('atexit ran'))
print(callable(first))
print('end of script')
