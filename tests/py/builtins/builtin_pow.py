# pow() with two and three arguments
print(pow(2, 8), pow(2, -2), pow(2.0, 3), pow(-2, 3), pow(4, 0.5), pow(0, 0))
print(pow(3, 200, 1000), pow(2, 10 ** 6, 97), pow(-2, 5, 7), pow(7, 0, 1))
print(pow(10, 30), pow(10, 30) // pow(10, 28), pow(2 ** 100, 2, 2 ** 61 - 1))
