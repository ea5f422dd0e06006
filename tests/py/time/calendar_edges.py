# gmtime / localtime / mktime at the edges, as CPython gives them (the PC
# runner's epoch is 1970, as CPython's)
import time

def g(t):
    return tuple(time.gmtime(t))[:8]

# leap years: 1900 and 2100 are not, 2000 is
for y, days in ((1900, 59), (2000, 59), (2100, 59), (2024, 59), (1970, 364)):
    base = time.mktime((y, 1, 1, 0, 0, 0, 0, 0, 0)) - time.mktime((1970, 1, 1, 0, 0, 0, 0, 0, 0))
    print(y, g(int(base) + days * 86400))
for t in (951782399, 951782400, 951868800, 4107542400, 4107628800, -2203891200, -2203977600):
    print(t, g(t))
# every weekday and the last day of a year
for t in range(0, 7 * 86400, 86400):
    print(g(t)[6], end=' ')
print()
print(g(31535999), g(31536000))
# floats are floored, negative ones too
for t in (0.5, 1.999, -0.5, -1.0, -1.5, -86400.25, 1e9 + 0.75):
    print(t, g(t)[:6])
# far from now
for t in (10 ** 15, -10 ** 15, 10 ** 16, -10 ** 16, 2 ** 40, -2 ** 40, 253402300799, 253402300800):
    print(t, g(t))
for bad in (float('nan'),):
    try:
        time.gmtime(bad)
    except ValueError as e:
        print('ValueError', e)
for bad in (float('inf'), float('-inf'), 1e300, 2 ** 64, -2 ** 64):
    try:
        time.gmtime(bad)
        print('no error')
    except OverflowError:
        print('OverflowError')
for bad in ('0', [0], 1j):
    try:
        time.gmtime(bad)
    except TypeError:
        print('TypeError')
print(g(True), g(False) == g(0))

# localtime agrees with the host's zone, and mktime inverts it
for t in (0, 86399, 951782400, 1234567890, 1700000000, 2000000000, -1000000, 1711846800, 1729990800):
    lt = time.localtime(t)
    print(t, tuple(lt)[:8], int(time.mktime(lt)) == t)

# mktime carries out-of-range fields over, as C's does
for fields in ((2020, 13, 1, 0, 0, 0), (2020, 0, 1, 0, 0, 0), (2020, 1, 0, 0, 0, 0),
               (2020, 2, 30, 0, 0, 0), (2020, 1, 1, -1, 0, 0), (2020, 1, 1, 0, 60, 0),
               (2020, 1, 1, 0, 0, 3600), (2020, 1, 1, 0, 0, -1), (2019, 25, 1, 0, 0, 0),
               (2020, -13, 1, 0, 0, 0), (1969, 12, 31, 23, 59, 59), (2038, 1, 19, 3, 14, 8)):
    t = int(time.mktime(fields + (0, 0, 0)))
    back = tuple(time.localtime(t))[:6]
    print(fields, back)
for bad in ((2020, 1, 1, 0, 0, 0, 0, 0, '0'), (2020, 1.5, 1, 0, 0, 0, 0, 0, 0), ('2020', 1, 1, 0, 0, 0, 0, 0, 0)):
    try:
        time.mktime(bad)
        print('no error')
    except TypeError:
        print('TypeError')
for bad in (None, 2020, 'abc'):
    try:
        time.mktime(bad)
    except TypeError:
        print('TypeError')
