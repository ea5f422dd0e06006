# tuple ordering and hashing
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), () < (0,))
print(sorted([(2, 'a'), (1, 'b'), (1, 'a'), (0,)]))
print(hash((1, 2)) == hash((1, 2)), hash((1, 'a')) == hash((1.0, 'a')))
d = {(0, 0): 'origin', (1, 2): 'point'}
print(d[(1, 2)], d[0, 0], (1, 2) in d)
s = {(1, 2), (1, 2), (2, 1)}
print(len(s))
print(max([(1, 'z'), (2, 'a')]), min([(1, 2), (1, 1)]))
