# slice assignment on bytearray, including resizing
ba = bytearray(b'0123456789')
ba[2:4] = b'ab'
print(ba)
ba[2:4] = b'XYZW'
print(ba)
ba[0:3] = b''
print(ba)
ba[:0] = b'<<'
print(ba)
ba[len(ba):] = b'>>'
print(ba)
ba[::2] = b'.' * len(ba[::2])
print(ba)
ba[1:3] = bytearray(b'!')
print(ba)
ba[:] = [65, 66]
print(ba)
m = bytearray(5)
m[1:4] = memoryview(b'xyz')
print(m)
