# ValueError from sequence operations
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

check('list.remove missing', lambda: [1, 2].remove(3))
check('list.index missing', lambda: [1, 2].index(3))
check('list.index out of window', lambda: [1, 2, 1].index(2, 2))
check('tuple.index missing', lambda: (1,).index(2))
check('str.index missing', lambda: 'abc'.index('d'))
check('str.rindex missing', lambda: 'abc'.rindex('d'))
check('bytes.index missing', lambda: b'abc'.index(b'd'))
check('split empty sep', lambda: 'a b'.split(''))
check('rsplit empty sep', lambda: 'a b'.rsplit(''))
check('bytes split empty', lambda: b'ab'.split(b''))
check('partition empty', lambda: 'ab'.partition(''))
check('range step 0', lambda: range(1, 5, 0))
check('slice step 0', lambda: [1, 2, 3][::0])
check('str slice step 0', lambda: 'abc'[::0])
check('max empty', lambda: max([]))
check('min empty', lambda: min(()))
check('bytearray.remove missing', lambda: bytearray(b'ab').remove(99))
def too_many():
    a, b = [1, 2, 3]
def too_few():
    a, b, c = 'ab'
def star_too_few():
    a, b, *c = [1]
def extended_slice_size():
    l = [0] * 6
    l[::2] = [1, 2]
check('unpack too many', too_many)
check('unpack too few', too_few)
check('star unpack too few', star_too_few)
check('extended slice size mismatch', extended_slice_size)
check('range index missing', lambda: range(3).index(7))
