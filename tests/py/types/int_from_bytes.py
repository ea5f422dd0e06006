# int.from_bytes with both byte orders, signed and unsigned
print(int.from_bytes(b'\x01\x00', 'big'), int.from_bytes(b'\x01\x00', 'little'))
print(int.from_bytes(b'', 'big'), int.from_bytes(b'\x00\x00', 'little'))
print(int.from_bytes(b'\xff\xff', 'big'), int.from_bytes(b'\xff\xff', 'big', signed=True))
print(int.from_bytes(b'\x80', 'little', signed=True), int.from_bytes(b'\x7f', 'little', signed=True))
print(int.from_bytes(b'\xfe\xff\xff\xff', 'little', signed=True))
print(int.from_bytes(b'\x01\x02\x03\x04\x05\x06\x07\x08\x09', 'big'))
print(int.from_bytes(b'\xff' * 12, 'little'), int.from_bytes(b'\xff' * 12, 'little', signed=True))
print(int.from_bytes(bytearray(b'\x10\x20'), 'big'))
for n in (0, 1, -1, 1000, -1000, 2 ** 40, -(2 ** 40)):
    b = n.to_bytes(8, 'little', signed=True)
    print(n, int.from_bytes(b, 'little', signed=True) == n)
