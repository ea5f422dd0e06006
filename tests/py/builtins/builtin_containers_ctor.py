# list(), tuple(), set(), frozenset() from various iterables
src = [3, 1, 3, 2]
print(list(src), tuple(src), sorted(set(src)), sorted(frozenset(src)))
print(list('ab'), tuple('ab'), list(range(3)), tuple(range(3)))
print(list({'k1': 1, 'k2': 2}), tuple({'a': 0}.items()), list(b'AB'))
print(list(x for x in 'xy'), tuple(map(str, [1, 2])), list(), tuple(), set(), frozenset())
t = (1, 2)
print(tuple(t) is t or tuple(t) == t, list(t) == [1, 2])
