# keys, values, items views
d = {'one': 1, 'two': 2, 'three': 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i)
print(list(k), list(v), list(i), len(k), len(v), len(i))
print('one' in k, 'four' in k, ('two', 2) in i, 2 in v)
d['four'] = 4
print(list(k), list(v))
for key, val in d.items():
    print(key, val)
print(sorted(d.values()), sorted(d, key=d.get))
print(sum(d.values()), max(d), min(d.items()))
