# bytearray construction, indexing and item assignment
print(bytearray(), bytearray(3), bytearray(b'abc'), bytearray([1, 2, 255]))
print(bytearray('hé', 'utf-8'), bytearray(range(4)), bytearray(bytearray(b'x')))
ba = bytearray(b'hello')
ba[0] = 72
ba[-1] = ord('O')
print(ba, ba[0], ba[1:3], len(ba))
print(list(ba), bytes(ba), ba == b'HellO')
print(ba + b'!', ba * 2, b'x' + ba, 108 in ba)
print(bytearray(b'ab')[::-1], bytearray(b'abcdef')[1::2])
c = ba
c[1] = 69
print(ba)
print(type(ba[1:2]).__name__)
