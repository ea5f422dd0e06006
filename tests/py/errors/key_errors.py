# KeyError from missing dict keys and set members
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

d = {'a': 1, 2: 'two'}
check("d['b']", lambda: d['b'])
check('d[1]', lambda: d[1])
check('d[(1, 2)]', lambda: d[(1, 2)])
check('d.pop missing', lambda: d.pop('zz'))
check('empty popitem', lambda: {}.popitem())
check('set.remove missing', lambda: {1}.remove(2))
check('empty set.pop', lambda: set().pop())
check('format missing key', lambda: '{k}'.format(x=1))
check('% missing key', lambda: '%(k)s' % {'x': 1})
def del_missing():
    e = {}
    del e['nope']
check('del missing', del_missing)
try:
    {}['the key']
except KeyError as e:
    print('args', e.args)
try:
    {}[(1, 2)]
except LookupError as e:
    print('LookupError catches', type(e).__name__, e.args)
print(d.get('b'), d.pop('zz', 'default'), 'b' in d)
