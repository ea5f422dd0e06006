# dicts keep insertion order, also across deletion and growth
d = {}
for k in ['z', 'a', 'm', 'b', 'y']:
    d[k] = len(d)
print(list(d), list(d.values()))
del d['a']
d['a'] = 'again'
print(list(d.items()))
d['z'] = 'updated'
print(list(d))
big = {}
for i in range(100, 0, -1):
    big[i] = i
print(list(big)[:5], list(big)[-3:])
for i in range(100, 10, -1):
    del big[i]
print(list(big))
big.update({500: 0, 5: 'five'})
print(list(big))
