# array against CPython: every typecode's range and refusals, indexing and
# slices, growing, arithmetic, comparison, bytes and memoryview views
import array
def attempt(label, f):
    try:
        r = f()
        print(label, 'ok', repr(r))
    except Exception as e:
        print(label, type(e).__name__)
ranges = {'b': (-128, 127), 'B': (0, 255), 'h': (-32768, 32767), 'H': (0, 65535), 'i': (-2**31, 2**31 - 1), 'I': (0, 2**32 - 1),
          'q': (-2**63, 2**63 - 1), 'Q': (0, 2**64 - 1)}
# l and L have the C long's size: 8 bytes on the PC, 4 on the board
bits = array.array('l').itemsize * 8
ranges['l'] = (-2 ** (bits - 1), 2 ** (bits - 1) - 1)
ranges['L'] = (0, 2 ** bits - 1)
for tc, (lo, hi) in ranges.items():
    if tc in 'lL':
        attempt(tc + ' ends', lambda: array.array(tc, [ranges[tc][0], ranges[tc][1]]).tolist() == list(ranges[tc]))
        attempt(tc + ' below', lambda: array.array(tc, [ranges[tc][0] - 1]))
        attempt(tc + ' above', lambda: array.array(tc, [ranges[tc][1] + 1]))
        continue
    attempt(tc + ' ends', lambda: array.array(tc, [lo, hi]).tolist())
    attempt(tc + ' below', lambda: array.array(tc, [lo - 1]))
    attempt(tc + ' above', lambda: array.array(tc, [hi + 1]))
    attempt(tc + ' float', lambda: array.array(tc, [1.0]))
    attempt(tc + ' str', lambda: array.array(tc, ['1']))
    attempt(tc + ' itemsize', lambda: array.array(tc).itemsize >= 1)
for tc in 'fd':
    attempt(tc, lambda: array.array(tc, [1, 2.5, True]).tolist())
    attempt(tc + ' str', lambda: array.array(tc, ['x']))
for bad in ['z', 'bb', '', 5, 'é']:
    attempt('typecode %r' % (bad,), lambda: array.array(bad))
a = array.array('h', [1, 2, 3])
attempt('repr', lambda: (repr(a), repr(array.array('d')), repr(array.array('b', b'\x01\x02'))))
attempt('index', lambda: (a[0], a[-1], a[1:], a[::-1], a[::2]))
attempt('index out', lambda: a[3])
attempt('set', lambda: (a.__setitem__(0, 7), a)[1])
attempt('set bad', lambda: a.__setitem__(0, 2**20))
attempt('set slice', lambda: (a.__setitem__(slice(0, 2), array.array('h', [9, 9, 9])), a)[1])
attempt('set slice list', lambda: a.__setitem__(slice(0, 1), [1]))
attempt('set slice other type', lambda: a.__setitem__(slice(0, 1), array.array('b', [1])))
attempt('del', lambda: (a.__delitem__(0), a)[1])
attempt('append', lambda: (a.append(5), a)[1])
attempt('append bad', lambda: a.append('x'))
attempt('extend', lambda: (a.extend([6, 7]), a.extend(array.array('h', [8])), a)[1])
attempt('extend bad type', lambda: a.extend(array.array('b', [1])))
attempt('extend iter', lambda: (a.extend(range(2)), a)[1])
attempt('add', lambda: array.array('h', [1]) + array.array('h', [2]))
attempt('add bad', lambda: array.array('h', [1]) + array.array('b', [2]))
attempt('add list', lambda: array.array('h', [1]) + [2])
attempt('iadd', lambda: (lambda x: (x.__iadd__(array.array('h', [3])), x)[1])(array.array('h', [1])))
attempt('mul', lambda: (array.array('b', [1, 2]) * 2, 0 * array.array('b', [1])))
attempt('eq', lambda: (array.array('b', [1]) == array.array('h', [1]), array.array('b', [1]) == [1], array.array('f', [1.5]) == array.array('d', [1.5])))
attempt('lt', lambda: array.array('b', [1]) < array.array('b', [2]))
attempt('in', lambda: (2 in array.array('b', [1, 2]), 3 in array.array('b', [1, 2])))
attempt('len', lambda: len(array.array('q', range(10))))
attempt('bytes', lambda: bytes(array.array('h', [1, 256])))
attempt('tobytes', lambda: array.array('h', [1, 256]).tobytes())
attempt('frombytes', lambda: (lambda x: (x.frombytes(b'\x01\x00\x02\x00'), x)[1])(array.array('h')))
attempt('frombytes odd', lambda: array.array('h').frombytes(b'\x01'))
attempt('from bytes ctor', lambda: array.array('h', b'\x01\x00\x02\x00'))
attempt('from bytes ctor odd', lambda: array.array('h', b'\x01'))
attempt('from bytearray ctor', lambda: array.array('B', bytearray(b'ab')))
attempt('from str ctor', lambda: array.array('b', 'ab'))
attempt('memoryview', lambda: (lambda m: (m[0], len(m), m.itemsize if hasattr(m, 'itemsize') else 2))(memoryview(array.array('h', [5, 6]))))
attempt('memoryview write', lambda: (lambda x: (memoryview(x).__setitem__(0, 9), x)[1])(array.array('h', [5, 6])))
attempt('index/count', lambda: (array.array('b', [1, 2, 1]).index(2), array.array('b', [1, 2, 1]).count(1)))
attempt('index missing', lambda: array.array('b', [1]).index(5))
attempt('pop', lambda: (lambda x: (x.pop(), x.pop(0), x)[:])(array.array('b', [1, 2, 3])))
attempt('pop empty', lambda: array.array('b').pop())
attempt('insert', lambda: (lambda x: (x.insert(0, 9), x.insert(100, 8), x)[2])(array.array('b', [1])))
attempt('remove', lambda: (lambda x: (x.remove(1), x)[1])(array.array('b', [1, 2, 1])))
attempt('reverse', lambda: (lambda x: (x.reverse(), x)[1])(array.array('b', [1, 2, 3])))
attempt('typecode', lambda: array.array('d').typecode)
attempt('typecodes', lambda: sorted(set('bBhHiIlLqQfd') - set(array.typecodes)))
attempt('hash', lambda: hash(array.array('b')))
attempt('iter', lambda: list(iter(array.array('f', [0.5, 1.5]))))
attempt('sort', lambda: sorted(array.array('b', [3, 1, 2])))
attempt('big ctor', lambda: len(array.array('b', bytes(100000))))
