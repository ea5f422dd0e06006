# dicts with many entries, deletions and reinsertion
d = {}
for i in range(2000):
    d[i] = i * i
print(len(d), d[1999], d[0], sum(d.values()) % 1000007)
for i in range(0, 2000, 2):
    del d[i]
print(len(d), 2 in d, 3 in d, list(d)[:5])
for i in range(0, 20, 2):
    d[i] = -i
print(len(d), list(d)[-3:])
s = {}
for i in range(300):
    s['key%d' % i] = i
print(s['key0'], s['key299'], len(s))
