# dict construction, lookup, assignment, deletion
d = {'a': 1, 'b': 2}
print(d, d['a'], len(d), 'a' in d, 'z' in d, 1 in d)
d['c'] = 3
d['a'] = 10
print(d)
del d['b']
print(d, list(d))
print(dict(), dict(x=1, y=2), dict([('k', 'v'), (1, 2)]), dict({'a': 1}, b=2))
print(dict(zip('abc', range(3))), dict.fromkeys('ab'))
e = {}
for w in 'the cat the hat the end'.split():
    e[w] = e.get(w, 0) + 1
print(e)
print({1: 'int', 1.5: 'float', 'k': 'str', (1,): 'tuple', None: 'none', True: 'bool'})
print(repr({}), str({'q': [1]}))
