# read-only methods shared with bytes
ba = bytearray(b'a,b,c')
print(ba.split(b','), ba.find(b'b'), ba.count(b','), ba.index(b'c'))
print(ba.replace(b',', b';'), ba.upper(), ba.startswith(b'a'), ba.endswith(b'c'))
print(bytearray(b'  x ').strip(), bytearray(b'-').join([b'1', b'2']))
print(ba.decode(), ba.hex(), bytearray(b'ab') * 2)
print(bytearray(b'AbC').lower(), bytearray(b'12').isdigit())
