# comparisons involving big ints
a = 10 ** 30
print(a > 10 ** 29, a < -a, -a < -(10 ** 29), a == 10 ** 30)
print(a > 1, 1 < a, -a < 1, a != a + 1)
print(sorted([a, -a, 0, a + 1, -a - 1, 5]))
print(max(a, a * 2), min(-a, -a * 2))
print(hash(a) == hash(10 ** 30), 2 ** 64 in {2 ** 64: 1})
print(2 ** 80 == 2.0 ** 80, 2 ** 80 + 1 > 2 ** 80)
