# divmod() for ints, big ints and floats
for a, b in ((7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (10 ** 20, 7), (-(10 ** 20), 7)):
    print(a, b, divmod(a, b))
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(7, 0.5), divmod(1, 0.25))
q, r = divmod(12345, 100)
print(q, r)
