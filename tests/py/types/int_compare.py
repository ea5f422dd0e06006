# comparisons of small ints
print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 1 == 1, 1 != 1)
print(-1 < 0, -5 > -6, 0 == -0)
print(max(3, 9, -2), min(3, 9, -2))
print(sorted([5, -3, 0, 12, -30, 7]))
print(hash(5) == hash(5), hash(-1) == hash(-1))
print(1 == 1.0, hash(1) == hash(1.0), hash(0) == hash(0.0) == hash(False))
