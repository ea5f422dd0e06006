# dict() constructor forms
print(dict(), dict(a=1), dict([('a', 1), ('b', 2)]), dict((('x', 'y'),)))
print(dict({'k': 1}), dict({'k': 1}, k=2), dict([('a', 1)], b=2))
print(dict(zip(range(3), 'abc')), dict(['ab', 'cd']), dict.fromkeys('abc', 0))
print(dict([(1, 'first'), (1, 'second')]))
d = {'orig': 1}
c = dict(d)
c['new'] = 2
print(d, c)
