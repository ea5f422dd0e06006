# complex mixed with ints and floats, hashing and truth
print(1 + 0j == 1, 0.5 + 0j == 0.5)
print(hash(1 + 0j) == hash(1), bool(0j), bool(0.5j))
print({1j: 'i'}[1j])
print(complex(1.5, -0.5) * 2)
print(sum([1j, 2j, 1]))
print(repr(1.5j), repr(-0.5 + 0.25j))
