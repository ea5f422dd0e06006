# all() and any() short-circuit and accept any iterable
print(all([]), any([]), all([1, 2]), all([1, 0]), any([0, '', None]), any([0, 'x']))
print(all('abc'), any(''), all(x > 0 for x in [1, 2]), any(x > 5 for x in range(5)))
seen = []
def check(x):
    seen.append(x)
    return x
print(all(check(x) for x in [1, 0, 2]), seen)
seen.clear()
print(any(check(x) for x in [0, 3, 4]), seen)
print(all({1: 0}), any({0: 1}), all(range(1, 5)), any(range(0)))
