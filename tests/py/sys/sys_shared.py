# sys as CPython has it: constants, streams, exc_info, path/argv/modules
import sys

print(sys.byteorder in ('little', 'big'), sys.byteorder)
print(type(sys.maxsize).__name__, sys.maxsize in (2 ** 63 - 1, 2 ** 31 - 1))
print(sys.maxsize + 1 > sys.maxsize, -sys.maxsize - 1 < 0)
bits = 0
v = sys.maxsize
while v:
    bits += 1
    v >>= 1
print(bits in (31, 63))
print(sys.platform, type(sys.version).__name__, sys.version[0])
print(sys.version_info[0], sys.version_info[0] == 3, len(sys.version_info) >= 3)
print(type(sys.implementation.name).__name__, isinstance(sys.implementation.version, tuple))

# streams: text ones write str, their .buffer writes bytes
print(sys.stdout.write('text\n'))
sys.stdout.flush()
print(sys.stdout.buffer.write(b'bytes\n'))
sys.stdout.buffer.flush()
print(sys.stderr.write(''))
for stream, data in [(sys.stdout, b'x'), (sys.stdout.buffer, 'x'), (sys.stdout, 5)]:
    try:
        stream.write(data)
    except TypeError:
        print('TypeError')
print(sys.stdin.read(), sys.stdin.buffer.read())
print(sys.stdin.readline() == '', sys.stdin.buffer.readline() == b'')

# exc_info: the exception being handled, (None, None, None) outside
print(sys.exc_info())
try:
    raise ValueError('first')
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v.args)
    try:
        raise KeyError('inner')
    except KeyError:
        print(sys.exc_info()[0].__name__)
    print(sys.exc_info()[0].__name__)
print(sys.exc_info())

def handler():
    try:
        1 / 0
    except ZeroDivisionError:
        return sys.exc_info()[0].__name__
print(handler(), sys.exc_info()[0])

try:
    raise OSError(2, 'x')
except OSError:
    def look():
        return sys.exc_info()[1].args
    print(look())
try:
    try:
        raise ValueError
    finally:
        print('finally', sys.exc_info()[0] is not None)
except ValueError:
    pass

# path and argv are lists to change; modules is a dict with this one in it
print(type(sys.path).__name__, type(sys.argv).__name__, type(sys.modules).__name__)
sys.path.append('/nowhere')
print(sys.path[-1])
sys.path.pop()
print(sys.argv[0].endswith('sys_shared.py'))
# (built-in modules may be left out, as on MicroPython)
print('__main__' in sys.modules, sys.modules['sys'] is sys if 'sys' in sys.modules else True)
import mod_plain
print(sys.modules['mod_plain'] is mod_plain)
del sys.modules['mod_plain']
import mod_plain as again
print(again is not mod_plain, again.VALUE)

# exit takes at most one argument
for args in [(), (0,), (3,), ('message',), (None,)]:
    try:
        sys.exit(*args)
    except SystemExit as e:
        print('SystemExit', e.args)
try:
    sys.exit(1, 2)
except TypeError:
    print('TypeError')
