# str.encode and bytes.decode
print('abc'.encode(), 'abc'.encode('utf-8'), 'é€'.encode('utf-8'))
print('😀'.encode(), len('😀'.encode()))
print(b'caf\xc3\xa9'.decode(), b'caf\xc3\xa9'.decode('utf-8'))
print(str(b'abc', 'utf-8'), bytes('é', 'utf-8'))
print(bytearray('xé', 'utf-8'), bytearray(b'ab').decode())
print(''.encode(), b''.decode())
