# bitwise operations on big ints with mixed signs
a = 2 ** 100 + 2 ** 50 + 1
b = -(2 ** 80) + 12345
for x in (a, -a):
    for y in (b, -b, 0xffff, -1):
        print(x & y, x | y, x ^ y)
print(~a, ~b, ~(-a))
print(a & 0xff, -a & 0xffffffffffffffff)
print((1 << 200) - 1 & -(1 << 100))
