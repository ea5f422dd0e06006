# update from dicts, pairs and keywords; |, |= merges
d = {'a': 1}
d.update({'b': 2})
d.update([('c', 3), ('a', 10)])
d.update(e=5, b=20)
d.update()
print(d)
d.update(zip(['x', 'y'], [8, 9]))
print(d)
c = d.copy()
c['a'] = 'changed'
print(d['a'], c['a'])
c.clear()
print(c, len(d))
print(dict.fromkeys([1, 2, 3], 0), dict.fromkeys((), 1), dict.fromkeys('xy', []))
