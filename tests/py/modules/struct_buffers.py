# struct with buffers: pack_into, unpack_from with offsets, iter_unpack, Struct
import struct

buf = bytearray(10)
struct.pack_into('<H', buf, 0, 0x1234)
struct.pack_into('<I', buf, 4, 0xdeadbeef)
struct.pack_into('<b', buf, -1, -1)
print(buf)
print(struct.unpack_from('<H', buf), struct.unpack_from('<I', buf, 4), struct.unpack_from('<I', buf, offset=4))
print(struct.unpack_from('<b', buf, -1), struct.unpack_from('<2B', buf, -2), struct.unpack_from('<2s', memoryview(buf), 1))
print(struct.unpack_from('<H', b'\x01\x02\x03\x04\x05', 3))
print(struct.unpack('<H', memoryview(b'\x01\x02')), struct.unpack('<H', bytearray(b'\x02\x01')))
print(list(struct.iter_unpack('<H', b'\x01\x00\x02\x00\x03\x00')), list(struct.iter_unpack('<2B', b'')))
it = struct.iter_unpack('>bb', bytes([1, 2, 3, 4]))
print(next(it), next(it))
try:
    next(it)
except StopIteration:
    print('StopIteration')
s = struct.Struct('<hI')
print(s.size, s.format, s.pack(-1, 7), s.unpack(s.pack(-1, 7)), s.unpack_from(b'xx' + s.pack(3, 4), 2))
b2 = bytearray(8)
s.pack_into(b2, 1, 5, 6)
print(b2, list(s.iter_unpack(s.pack(1, 2) * 2)), struct.Struct(b'>b').format)
mv = memoryview(bytearray(4))
struct.pack_into('<HH', mv, 0, 1, 2)
print(bytes(mv))
