# decoding bytes to str
print(b'abc'.decode(), b'\xc3\xa9t\xc3\xa9'.decode('utf-8'))
print(str(b'\xe2\x82\xac', 'utf-8'), len(b'\xe2\x82\xac'.decode()))
print(bytes([0xf0, 0x9f, 0x98, 0x80]).decode() == '\U0001F600')
print(repr(b'\x00a'.decode()))
print(str(b'abc'), str(bytearray(b'x')))
