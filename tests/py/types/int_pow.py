# integer powers, three-argument pow, negative exponents give floats
print(2 ** 10, 3 ** 0, 0 ** 0, (-2) ** 3, (-2) ** 4)
print(2 ** 62, 2 ** 63, 2 ** 64, 7 ** 30)
print(2 ** -1, 4 ** -2, (-2) ** -1)
print(pow(2, 10), pow(3, 4, 5), pow(7, 128, 13), pow(-3, 3, 7))
print(pow(2, 200, 10 ** 9 + 7), pow(123456789, 987654321, 1000000007))
print(pow(5, 0, 3), pow(10, 5, 1))
print(10 ** 20 // 10 ** 19, 1 ** 1000, (-1) ** 1001)
