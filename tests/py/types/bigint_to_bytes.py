# to_bytes/from_bytes round trips of big ints
n = 0x0102030405060708090a0b0c0d0e0f10
print(n.to_bytes(16, 'big'))
print(n.to_bytes(20, 'little'))
print(int.from_bytes(n.to_bytes(16, 'little'), 'little') == n)
m = -(2 ** 100) + 7
b = m.to_bytes(13, 'big', signed=True)
print(b)
print(int.from_bytes(b, 'big', signed=True) == m)
print(int.from_bytes(b, 'big'))
