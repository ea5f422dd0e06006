# arbitrary precision add, subtract, multiply
a = 123456789012345678901234567890
b = 987654321098765432109876543210
print(a + b, a - b, b - a)
print(a * b)
print(-a * b, -a * -b)
print(a * 0, a * 1, a + 0, a - a)
print((2 ** 100 + 1) * (2 ** 100 - 1) == 2 ** 200 - 1)
x = 1
for i in range(1, 30):
    x *= i
print(x)
print(abs(-a), -(-a) == a)
print(10 ** 50 + 1 - 10 ** 50)
