# shifts of big ints, including negatives
a = 12345678901234567890123
for n in (1, 7, 31, 32, 63, 64, 65, 100):
    print(n, a << n, a >> n, -a << n, -a >> n)
print((-a) >> 200, a >> 200)
print((1 << 1000) >> 999)
