# mixed int/float arithmetic produces floats
print(1 + 1.0, 2 * 0.5, 3 - 0.25, 7 / 2, 7 // 2.0, 7 % 2.5)
print(2 ** 0.5 == 2 ** 0.5, 4 ** 0.5, 8 ** (1 / 3) > 1.99)
print(type(1 + 1.0).__name__, type(True + 1.5).__name__)
print(10 * 0.1 == 1.0, 3 * 1.5 == 4.5)
print(sum([0.5, 0.25, 1]), sum([1, 2], 0.5))
print(-7 / 2, -7 // 2.0, abs(-2) * 1.5)
