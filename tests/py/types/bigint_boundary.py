# values around machine word sizes behave as plain integers
for k in (29, 30, 31, 32, 62, 63, 64):
    p = 2 ** k
    for v in (p - 1, p, p + 1, -p - 1, -p, -p + 1):
        print(k, v, v + 1, v - 1, v * 2, v // 3, v % 7, -v)
x = 2 ** 62 - 1
print(x + x, x * x, (x + 1) // 2)
y = 2 ** 31 - 1
print(y * y, y * -y, y + 1, -y - 2)
print(2 ** 63 - 1 == 9223372036854775807, -2 ** 63 == -9223372036854775808)
