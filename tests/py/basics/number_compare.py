# ordering between ints, big ints and floats
print(1 < 1.5, 2 > 1.5, -1 < -0.5)
print(2 ** 100 > 1.0, -2 ** 100 < -1.0, 2 ** 100 < 2.0 ** 101)
print(10 ** 20 > 10 ** 19, -10 ** 20 < -10 ** 19)
print(max(1, 2.5, 2), min(-1, -1.5, 0))
print(1 <= 1.0, 1 >= 1.0, 3 < 2 ** 64)
print(float('inf') > 10 ** 100, -float('inf') < -10 ** 100)
print(sorted([3, 1.5, 2 ** 65, -2, 0.25]))
