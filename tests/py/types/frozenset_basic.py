# frozenset: immutable, hashable set
f = frozenset([3, 1, 2, 1])
print(sorted(f), len(f), 2 in f, type(f).__name__)
print(frozenset(), frozenset('aab') == frozenset('ab'), frozenset({1}) == {1})
g = frozenset([2, 3, 4])
print(sorted(f | g), sorted(f & g), sorted(f - g), sorted(f ^ g))
print(type(f | g).__name__, type({1} | f).__name__)
print(f.issubset({1, 2, 3, 4}), f.union([9]) == frozenset({1, 2, 3, 9}))
d = {f: 'frozen key'}
print(d[frozenset([1, 2, 3])])
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
s = {frozenset([1]), frozenset([1]), frozenset()}
print(len(s))
print(hasattr(f, 'add'), f.copy() == f)
