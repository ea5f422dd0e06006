# struct with standard sizes: every code, both byte orders, repeat counts
import struct

print(struct.calcsize('<bBhHiIlLqQ'), struct.calcsize('>e f d'), struct.calcsize('!3s2x?c'), struct.calcsize(''))
print(struct.calcsize('<10p'), struct.calcsize('=i'), struct.calcsize('<0s0x'), struct.calcsize('< 2 h'))
values = (-128, 255, -32768, 65535, -2**31, 2**32 - 1, -2**31, 2**32 - 1, -2**63, 2**64 - 1)
for order in '<>!=':
    data = struct.pack(order + 'bBhHiIlLqQ', *values)
    print(order, data.hex(), struct.unpack(order + 'bBhHiIlLqQ', data) == values)
print(struct.pack('<3h', 1, -2, 3), struct.unpack('<3h', b'\x01\x00\xfe\xff\x03\x00'))
print(struct.pack('>2H', 1, 2), struct.pack('<q', -1), struct.pack('>Q', 1 << 63))
print(struct.pack('<?????', 0, 1, [], [0], 'x'), struct.unpack('<??', b'\x00\x05'))
print(struct.pack('<c3c', b'a', b'b', b'c', bytearray(b'd')), struct.unpack('2c', b'xy'))
print(struct.pack('<5s', b'abc'), struct.pack('<2s', b'abcdef'), struct.pack('<0s', b'abc'), struct.pack('s', b''))
print(struct.unpack('<5s', b'ab\x00\x00\x00'), struct.unpack('3s2s', b'abcde'))
print(struct.pack('<5p', b'abc'), struct.pack('<3p', b'abcdef'), struct.pack('<1p', b'abc'))
print(struct.unpack('<5p', b'\x03abc\x00'), struct.unpack('<3p', b'\x09ab'))
print(struct.pack('<2x'), struct.pack('<bxh', 1, 2), struct.unpack('<bxh', b'\x01\x00\x02\x00'))
for code in 'efd':
    for v in (0.0, -0.0, 1.5, -2.25, 1024.0, 0.125, float('inf'), float('-inf')):
        data = struct.pack('<' + code, v)
        print(code, v, data.hex(), struct.unpack('<' + code, data)[0], struct.unpack('>' + code, data[::-1])[0])
print(struct.unpack('<e', b'\x01\x00'), struct.unpack('<e', b'\xff\x7b'), struct.unpack('<e', b'\x00\x04'))
print(struct.pack('<e', 65504.0), struct.pack('<e', 1e-8), struct.pack('<e', 2049.0), struct.pack('<e', 2051.0))
print(struct.pack('<e', 5.9604645e-08), struct.pack('<e', 3e-08), struct.pack('<e', 65519.0))
import math
print(math.isnan(struct.unpack('<e', struct.pack('<e', math.nan))[0]), math.isnan(struct.unpack('<d', struct.pack('<d', math.nan))[0]))
print(struct.pack('<i', True), struct.pack('<f', 3), struct.pack('<d', 2**10))
print(struct.pack('>I', 0xdeadbeef), struct.unpack('>I', b'\xde\xad\xbe\xef'), struct.unpack('<I', b'\xde\xad\xbe\xef'))
print(struct.pack(b'<h', 5), struct.unpack(b'>h', b'\x00\x05'))
