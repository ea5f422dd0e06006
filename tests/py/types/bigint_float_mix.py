# mixing big ints with floats
print(float(2 ** 60) == 2.0 ** 60)
print(2 ** 70 * 0.5 == 2.0 ** 69)
print(2 ** 64 / 2 ** 62, 2 ** 100 / 2 ** 98)
print(int(2.0 ** 80) == 2 ** 80)
print(2 ** 80 > 1.5, 2 ** 80 < 1e30)
print(round(float(10 ** 20) / 1e20, 3))
