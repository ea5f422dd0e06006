# round() on floats
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5))
print(round(2.4), round(2.6), round(-2.6), round(-0.4))
print(round(1.25, 1), round(1.75, 1), round(3.14159, 2), round(2.71828, 3))
print(round(123.456, -1), round(1250.0, -2), round(0.0), round(-0.0, 1))
print(type(round(2.5)).__name__, type(round(2.5, 1)).__name__)
print(round(7), round(7, 2), round(1234, -2), round(1250, -2), round(-1350, -2))
