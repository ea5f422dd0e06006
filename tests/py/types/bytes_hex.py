# bytes.hex and bytes.fromhex
print(b'\x00\x01\xab\xff'.hex(), b''.hex(), bytearray(b'\x10\x20').hex())
print(bytes.fromhex('00 01 ab FF'), bytes.fromhex(''), bytes.fromhex('deadbeef'))
print(bytearray.fromhex('0a0b'))
print(bytes.fromhex(b'\x12\x34'.hex()) == b'\x12\x34')
print(bytes(range(16)).hex())
