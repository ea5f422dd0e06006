# micropython: const, opt_level, stack_use, mem_info, qstr_info,
# alloc_emergency_exception_buf, kbd_intr, buf_contains_ptrs
import micropython
from micropython import const

X = const(123)
Y = const(2 * X + 1)
print(X, Y, micropython.const('s'), micropython.const((1, 2)))

level = micropython.opt_level()
print(level)
micropython.opt_level(1)
print(micropython.opt_level())
exec('assert False, "not compiled at level 1"')
print(eval('__debug__'))
micropython.opt_level(0)
print(eval('__debug__'))
try:
    exec('assert False, "compiled at level 0"')
except AssertionError as e:
    print('AssertionError', e)
for bad in ['1', None, 1.0]:
    try:
        micropython.opt_level(bad)
    except TypeError:
        print('TypeError', type(bad).__name__)
try:
    micropython.opt_level(-1)
except ValueError:
    print('ValueError -1')

s0 = micropython.stack_use()
print(type(s0).__name__, s0 >= 0)
try:
    micropython.stack_use(1)
except TypeError:
    print('TypeError stack_use(1)')

print(micropython.alloc_emergency_exception_buf(100))
print(micropython.alloc_emergency_exception_buf(0))
for bad in [None, 'x', -1]:
    try:
        micropython.alloc_emergency_exception_buf(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__)

print(micropython.kbd_intr(-1), micropython.kbd_intr(3))
for bad in [None, 'x', 1.0]:
    try:
        micropython.kbd_intr(bad)
    except TypeError:
        print('TypeError', type(bad).__name__)
for bad in [-2, 256]:
    try:
        micropython.kbd_intr(bad)
    except ValueError:
        print('ValueError', bad)

print(micropython.buf_contains_ptrs(bytearray(4)), micropython.buf_contains_ptrs(b''))
try:
    micropython.buf_contains_ptrs(5)
except TypeError:
    print('TypeError int')
