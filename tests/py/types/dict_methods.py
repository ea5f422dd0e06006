# get, setdefault, pop, popitem
d = {'a': 1, 'b': 2, 'c': 3}
print(d.get('a'), d.get('z'), d.get('z', 'dflt'))
print(d.setdefault('a', 100), d.setdefault('n', []), d)
d['n'].append(5)
print(d['n'])
print(d.pop('b'), d.pop('b', 'gone'), d)
print(d.popitem(), d)
print(d.popitem(), d.popitem(), d)
try:
    d.popitem()
except KeyError:
    print('popitem from empty: KeyError')
try:
    d.pop('missing')
except KeyError as e:
    print('pop missing: KeyError', e.args)
