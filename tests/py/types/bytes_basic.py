# bytes construction, indexing and slicing
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(3)), bytes(b'xy'))
print(bytes(bytearray(b'ba')), bytes('hé', 'utf-8'), bytes((1, 255)))
b = b'hello'
print(b[0], b[-1], b[1:3], b[::-1], b[::2], b[10:])
print(len(b), list(b), tuple(b'\x00\x7f\x80\xff'))
print(b'a' + b'b', b'ab' * 3, b'x' in b'xyz', 120 in b'xyz', 0 in b'xyz')
print(b == b'hello', b != b'hellp', b < b'help', b'' < b'\x00')
print(repr(b'\t\n\r\\\'"'), b'\x00\x1f\x7f\x80\xfe')
print(hash(b'abc') == hash(b'abc'), type(b[0]).__name__)
for x in b'hi':
    print(x)
