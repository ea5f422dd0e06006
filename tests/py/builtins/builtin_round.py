# round() on ints and floats with and without ndigits
print(round(0.4), round(0.6), round(-0.6), round(3.5), round(4.5), round(-3.5), round(-4.5))
print(round(5), round(-5), round(15, -1), round(25, -1), round(149, -2), round(-151, -2), round(7, 3))
print(round(2.567, 2), round(2.5678, 3), round(-1.26, 1), round(100.0, -2), round(0.875, 2))
print(type(round(1.5)).__name__, type(round(1.5, 0)).__name__, round(1.5, 0))
print(round(2 ** 70, -20), round(-(2 ** 70), -19))
