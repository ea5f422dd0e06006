# float arithmetic with values that have short exact representations
a, b = 7.5, 2.0
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a, +a, abs(-a), -0.0 == 0.0)
print(0.5 + 0.25, 1.5 * 4, 10.0 / 4, 2.0 ** 10, 2.0 ** -2)
print(1 + 0.5, 3 * 0.5, 1 / 2, 6 / 3)
print(1e3, 1e-3 * 1000, 1.5e2, 2.5e-1)
print(1e16, 1e20, 1e22, -1e100 if False else -1e30)
print(abs(0.1 + 0.2 - 0.3) < 1e-6)
print(float(7), float(-3), float(0))
x = 0.0
for i in range(8):
    x += 0.125
print(x)
