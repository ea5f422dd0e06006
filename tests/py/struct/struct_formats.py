# struct against CPython: every format code in every standard byte order,
# their ranges and errors, pack_into/unpack_from offsets, iter_unpack,
# Struct objects (floats are in struct_floats.py)
import struct


def attempt(label, f):
    try:
        r = f()
        print(label, 'ok', r)
    except struct.error:
        # CPython's struct.error; MicroPython's ValueError (struct.error here)
        print(label, 'error')
    except Exception as e:
        print(label, type(e).__name__)


for c in 'xcbB?hHiIlLqQnNefdspP':
    for pre in ('=', '<', '>', '!'):
        attempt('calcsize %s%s' % (pre, c), lambda: struct.calcsize(pre + c))
for fmt in ('<bhiq', '>BHIQ', '<ci', '<3s2x?', '>5p', '<0s', '<10x', '=bq', '!2h3b'):
    attempt('calcsize ' + fmt, lambda: struct.calcsize(fmt))
vals = {'b': [-128, 127], 'B': [0, 255], 'h': [-32768, 32767], 'H': [0, 65535], 'i': [-2**31, 2**31-1],
        'I': [0, 2**32-1], 'l': [-2**31, 2**31-1], 'L': [0, 2**32-1], 'q': [-2**63, 2**63-1], 'Q': [0, 2**64-1],
        '?': [True, False, 0, 5, [], [1]], 'c': [b'a', b'\xff']}
for c, vs in vals.items():
    for pre in ('<', '>', '!'):
        for v in vs:
            attempt('pack %s%s %r' % (pre, c, v), lambda: struct.pack(pre + c, v))
            try:
                print('  unpack', struct.unpack(pre + c, struct.pack(pre + c, v)))
            except Exception as e:
                print('  unpack', type(e).__name__)
# out of range
for fmt, v in [('b', 128), ('b', -129), ('B', -1), ('B', 256), ('h', 2**15), ('H', -1), ('i', 2**31), ('I', 2**32), ('I', -1),
               ('q', 2**63), ('Q', -1), ('Q', 2**64), ('<l', 2**31), ('<L', 2**32), ('c', b'ab'), ('c', 'a'), ('c', 1),
               ('b', 1.0), ('b', '1'), ('s', 1), ('p', 'x'), ('?', None), ('B', True)]:
    attempt('range %s %r' % (fmt, v), lambda: struct.pack('<' + fmt.lstrip('<'), v))
attempt('s', lambda: struct.pack('<5s', b'abcdefg'))
attempt('s short', lambda: struct.pack('5s', b'ab'))
attempt('s str', lambda: struct.pack('5s', 'ab'))
attempt('s bytearray', lambda: struct.pack('3s', bytearray(b'ab')))
attempt('p', lambda: struct.pack('5p', b'abcdefg'))
attempt('p0', lambda: struct.pack('0p', b'abc'))
attempt('p1', lambda: struct.pack('1p', b'abc'))
attempt('p256', lambda: len(struct.pack('300p', b'a' * 299)))
attempt('unpack p', lambda: struct.unpack('5p', b'\x09abcd'))
attempt('too few', lambda: struct.pack('<ii', 1))
attempt('too many', lambda: struct.pack('<i', 1, 2))
attempt('bad fmt', lambda: struct.pack('z', 1))
attempt('bad fmt2', lambda: struct.calcsize('ii!'))
attempt('space', lambda: struct.calcsize('i i'))
attempt('space2', lambda: struct.pack(' <i ', 1))
attempt('unpack short', lambda: struct.unpack('<i', b'abc'))
attempt('unpack long', lambda: struct.unpack('<i', b'abcde'))
attempt('unpack_from', lambda: struct.unpack_from('<h', b'\x01\x02\x03', 1))
attempt('unpack_from neg', lambda: struct.unpack_from('<h', b'\x01\x02\x03', -2))
attempt('unpack_from neg big', lambda: struct.unpack_from('<h', b'\x01\x02\x03', -5))
attempt('unpack_from past', lambda: struct.unpack_from('<h', b'\x01\x02\x03', 2))
attempt('unpack_from kw', lambda: struct.unpack_from('<h', buffer=b'\x01\x02\x03', offset=1))
ba = bytearray(8)
attempt('pack_into', lambda: (struct.pack_into('<hh', ba, 2, 1, -1), ba))
attempt('pack_into neg', lambda: (struct.pack_into('<h', ba, -2, 0x4142), ba))
attempt('pack_into over', lambda: struct.pack_into('<q', ba, 4, 1))
attempt('pack_into over neg', lambda: struct.pack_into('<h', ba, -9, 1))
attempt('pack_into bytes', lambda: struct.pack_into('<h', b'1234', 0, 1))
attempt('pack_into memoryview', lambda: (struct.pack_into('<h', memoryview(ba)[4:], 0, 0x3132), ba))
attempt('iter_unpack', lambda: list(struct.iter_unpack('<h', b'\x01\x00\x02\x00')))
attempt('iter_unpack bad', lambda: list(struct.iter_unpack('<h', b'\x01\x00\x02')))
attempt('iter_unpack 0', lambda: list(struct.iter_unpack('', b'')))
s = struct.Struct('<hi')
attempt('Struct', lambda: (s.size, s.format, s.pack(1, 2), s.unpack(s.pack(1, 2)), s.unpack_from(b'\x00' + s.pack(3, 4), 1)))
attempt('Struct bad', lambda: struct.Struct('q!'))
attempt('error', lambda: issubclass(struct.error, Exception))
attempt('float to int', lambda: struct.pack('<i', 1.5))
attempt('count', lambda: struct.pack('<3b', 1, 2, 3))
attempt('count big', lambda: struct.calcsize('100000000000000000000b'))
attempt('fmt bytes', lambda: struct.pack(b'<h', 1))
attempt('fmt int', lambda: struct.pack(5, 1))
