# bin(), hex(), oct() of ints of any size and sign
for v in (0, 1, -1, 7, 255, -255, 1024, 2 ** 40, -(2 ** 70)):
    print(bin(v), hex(v), oct(v))
print(int(bin(12345), 2), int(hex(12345), 16), int(oct(12345), 8))
print(hex(True), bin(False))
