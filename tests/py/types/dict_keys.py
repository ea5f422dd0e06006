# keys of many hashable types; equal numbers are the same key
d = {}
d[1] = 'int'
d[1.0] = 'float replaces int value'
d[True] = 'bool too'
print(d, len(d))
d[2 ** 100] = 'big'
d[-5] = 'neg'
d['s'] = 'str'
d[b's'] = 'bytes'
d[(1, (2, 3))] = 'tuple'
d[frozenset([1])] = 'frozenset'
d[None] = 'none'
print(d[2 ** 100], d[-5], d['s'], d[b's'], d[(1, (2, 3))], d[frozenset({1})], d[None])
print(len(d))
class K:
    pass
k = K()
d[k] = 'instance'
print(d[k])
print(d.get(0.5), {0.5: 'half'}[0.5])
