# skip-if: 64bit
# struct's float codes e, f, d on the single-float build: values are floats
# first, so 1e308 is already inf and f and d give back what f holds
import struct


def attempt(label, f):
    try:
        r = f()
        print(label, 'ok', r)
    except struct.error:
        print(label, 'error')
    except Exception as e:
        print(label, type(e).__name__)


VALUES = {'e': [1.5, -0.0, 65504.0, 65519.0, 1e-7, 6e-8, 2e-8, float('inf'), float('-inf')],
          'f': [1.5, -2.25, 3.4e38, 3.4028235e38, 1e-45, 1e-46, float('inf')],
          'd': [1.1, -0.0, 1e308, 5e-324, float('inf')]}
for c, vs in VALUES.items():
    for pre in ('<', '>', '!', '='):
        for v in vs:
            attempt('pack %s%s %r' % (pre, c, v), lambda: struct.pack(pre + c, v))
            try:
                print('  unpack', struct.unpack(pre + c, struct.pack(pre + c, v)))
            except Exception as e:
                print('  unpack', type(e).__name__)
for c in 'efd':
    packed = struct.pack('<' + c, float('nan'))
    x = struct.unpack('<' + c, packed)[0]
    print(c, x != x, len(packed))
for fmt, v in [('<e', 65520.0), ('<e', 1e6), ('<e', -1e6), ('<f', 1e39), ('<f', -1e39), ('>f', 3.5e38),
               ('f', 1e39), ('@f', -1e39), ('<f', 'x'), ('<d', None), ('<e', '1'), ('<d', 2 ** 1000),
               ('<f', 1), ('<d', True), ('<e', 2 ** 2000)]:
    attempt('pack %s %r' % (fmt, v), lambda: struct.pack(fmt, v))
for data in (b'\x00\x7c', b'\x00\xfc', b'\x01\x00', b'\xff\x7b', b'\x00\x80', b'\x01\x7c'):
    x = struct.unpack('<e', data)[0]
    print(data, x if x == x else 'nan')
for data in (b'\x01\x00\x00\x00', b'\x00\x00\x80\x7f', b'\xff\xff\x7f\x7f'):
    print(data, struct.unpack('<f', data))
print(struct.unpack('<2e3f2d', struct.pack('<2e3f2d', 1, 2, 3, 4, 5, 6, 7)))
