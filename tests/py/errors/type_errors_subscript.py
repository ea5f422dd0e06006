# TypeError from subscripting and item assignment
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

items, text, tup, five, nothing = [1, 2], 'abc', (1,), 5, None
check('list[str]', lambda: items['0'])
check('list[float]', lambda: items[1.0])
check('str[str]', lambda: text['a'])
check('tuple[None]', lambda: tup[None])
check('int[0]', lambda: five[0])
check('None[0]', lambda: nothing[0])
check('len-less object', lambda: object()[0])
def set_str():
    s = 'abc'
    s[0] = 'x'
def set_tuple():
    t = (1, 2)
    t[0] = 5
def del_tuple():
    t = (1, 2)
    del t[0]
def set_bytes():
    b = b'abc'
    b[0] = 1
def set_range():
    r = range(3)
    r[0] = 1
def set_frozenset_add():
    frozenset([1]).add(2)
def slice_set_int():
    l = [1, 2, 3]
    l[0:2] = 5
def bytearray_set_str():
    b = bytearray(2)
    b[0] = 'a'
check('str item assignment', set_str)
check('tuple item assignment', set_tuple)
check('tuple item deletion', del_tuple)
check('bytes item assignment', set_bytes)
check('range item assignment', set_range)
check('frozenset.add', set_frozenset_add)
check('slice assign non-iterable', slice_set_int)
check('bytearray item str', bytearray_set_str)
check('dict.get unhashable', lambda: {}.get([]))
check('slice with str bounds', lambda: [1, 2, 3]['a':'b'])
