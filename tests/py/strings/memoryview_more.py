# memoryview: attributes, nested slices, steps, casts and errors
ba = bytearray(3)
mv = memoryview(ba)
mv[0] = 1
mv[1:] = b'\x02\x03'
print(ba, mv.tobytes(), mv.tolist(), mv.hex(), mv.readonly, mv.itemsize, mv.nbytes, mv.format, mv.obj is ba, len(mv))
m2 = memoryview(b'abcdef')
print(m2.readonly, m2[1:5][1:3].tobytes(), m2[::-1].tobytes(), m2[::2][::-1].tolist(), bytes(m2[1::2]), m2 == b'abcdef', m2[::2] == b'ace')
print(hash(m2) == hash(b'abcdef'), memoryview(memoryview(b'xy')).tobytes(), list(memoryview(b'ab')), m2[-1], m2[5:1:-2].tobytes())
c = memoryview(bytearray(b'\x01\x00\x02\x00')).cast('H')
print(c.tolist(), c.itemsize, len(c), c[1], c.nbytes)
c[0] = 513
print(c.obj, c.cast('B').tolist())
buf = bytearray(range(8))
w = memoryview(buf)
w[::2] = b'\xaa\xbb\xcc\xdd'
w[1:7][::3] = bytes([7, 9])
print(buf, bytes(w[::-3]))
x = bytearray(b'abc')
v = memoryview(x)
x[0] = 65
print(bytes(v), v[0])
for bad in [lambda: m2.__setitem__(0, 1), lambda: m2[10], lambda: memoryview('abc'), lambda: memoryview(5), lambda: mv.__setitem__(0, 300),
            lambda: mv.__setitem__(slice(0, 2), b'x'), lambda: mv.__delitem__(0), lambda: hash(mv), lambda: c.__setitem__(0, -1),
            lambda: memoryview(b'abc').cast('H')]:
    try:
        print(bad())
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
