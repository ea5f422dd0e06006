# bytearray: slice assignment and deletion, in-place operators, mutation errors
ba = bytearray(b'0123456789')
ba[::3] = b'abcd'
print(ba)
del ba[::2]
print(ba)
del ba[-1]
ba[0:0] = [65, 66]
ba[-1:] = bytearray(b'ZZ')
print(ba, len(ba))
ba[1:3] = ba
print(ba)
ba *= 2
print(ba)
ba2 = ba
ba2 += b'!'
print(ba is ba2, ba[-3:])
ba[5:2] = b'<>'
del ba[::-3]
print(ba)
ba[:] = (x for x in b'gen')
print(ba, ba.pop(-2), ba, bytearray(b'x') * 0, bytearray(2) + bytearray(1))
x = bytearray(b'abc')
x.extend(range(3))
x.extend(memoryview(b'm'))
x.insert(-100, 0x2d)
x.reverse()
print(x, x.copy() == x, x.copy() is x, x.index(b'c'), x.count(0))
for bad in [lambda: ba.__setitem__(slice(None, None, 2), b'x'), lambda: ba.__setitem__(0, 256), lambda: ba.__setitem__(0, 'a'),
            lambda: bytearray(b'a').pop(5), lambda: bytearray().pop(), lambda: bytearray(b'a').remove(9), lambda: bytearray(b'a')[5],
            lambda: bytearray(b'a').__setitem__(slice(0, 1), 5), lambda: bytearray(b'a').extend('x'), lambda: bytearray(b'a').append(-1),
            lambda: hash(bytearray()), lambda: bytearray(b'a').__setitem__(slice(0, 1), 'x')]:
    try:
        print(bad())
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
