# complex arithmetic
a = 1 + 2j
b = 3 - 1j
print(a + b, a - b, a * b, a / (1 + 1j))
print(a * 2, a + 1, 2 - a, -a, +a)
print(1j * 1j, (1 + 1j) * (1 + 1j))
print(a == 1 + 2j, abs(3 + 4j), abs(-5j))
print((2 + 4j) / 2, (4j) / (2j))
print(a * a.conjugate())
