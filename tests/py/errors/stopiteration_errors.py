# StopIteration from next() on exhausted iterators of every kind
def check(label, it):
    try:
        while True:
            next(it)
    except StopIteration:
        print(label, 'StopIteration')
check('list', iter([1, 2]))
check('tuple', iter(()))
check('str', iter('ab'))
check('bytes', iter(b'ab'))
check('dict', iter({'a': 1}))
check('dict items', iter({'a': 1}.items()))
check('set', iter({1}))
check('range', iter(range(3)))
check('enumerate', enumerate('ab'))
check('zip', zip('ab', 'c'))
check('map', map(abs, [1]))
check('filter', filter(None, [0, 0]))
check('reversed', reversed([1, 2]))
check('generator', (x for x in 'ab'))
check('iter sentinel', iter(lambda: 0, 0))
