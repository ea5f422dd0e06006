# shifts, including negative values and shifts past the word size
for a in (1, 3, -1, -3, 12345, -12345):
    print(a, a << 1, a << 10, a >> 1, a >> 3, a >> 40)
print(1 << 31, 1 << 32, 1 << 63, 1 << 64, 1 << 100)
print(-1 << 31, -1 << 63, -1 << 65)
print((1 << 100) >> 98, (-1 << 100) >> 99, -1 >> 100)
print(5 >> 0, 5 << 0)
x = 1
x <<= 70
print(x)
x >>= 69
print(x)
