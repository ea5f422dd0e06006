# skip-if: single-float
# float reprs that need double precision (shortest round-trip digits)
print(0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3)
print(3.141592653589793, 2.718281828459045)
print(1e100, 1.7976931348623157e308, 5e-324)
print(123456789.123, 1234567890123456.0)
print(2 ** 0.5, 10 / 7)
print(float(2 ** 53), float(2 ** 53 + 1))
