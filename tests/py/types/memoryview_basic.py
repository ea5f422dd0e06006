# memoryview over bytes and bytearray
b = b'abcdef'
m = memoryview(b)
print(len(m), m[0], m[-1], bytes(m[1:4]), list(m[::2]))
print(bytes(m), bytes(m) == b)
ba = bytearray(b'hello')
mv = memoryview(ba)
mv[0] = 74
print(ba)
mv[1:3] = b'EL'
print(ba)
sub = mv[2:]
sub[0] = ord('!')
print(ba, bytes(sub), len(sub))
print(list(memoryview(bytearray(3))))
print(type(m).__name__, isinstance(m, memoryview))
