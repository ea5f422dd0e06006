# micropython.RingIO: a fixed-size byte ring with a stream interface
import micropython, select

rb = micropython.RingIO(16)
print(rb.any())
print(rb.write(b'\x00'), rb.any())
print(rb.write(b'\x00'), rb.any())
print(rb.read(2), rb.any())
rb.write(b'\x00\x01')
print(rb.read())
print(rb.read(1))
print(rb.write(b'\x00\x01' * 10))
print(rb.write(b'\x00'))
print(rb.read())

ba = bytearray(17)
rb = micropython.RingIO(ba)
print(rb.write(b'\x00\x01' * 10))
print(rb.write(b'\x00'))
print(rb.read())

# wrapping around the end of the buffer
rb = micropython.RingIO(5)
for chunk in [b'abc', b'de', b'fgh', b'ijklm']:
    print(rb.write(chunk), rb.read(3), rb.any())
print(rb.read(100), rb.read(-1), rb.read(0))

# readline
rb = micropython.RingIO(32)
rb.write(b'one\ntwo\nthree')
print(rb.readline(), rb.readline(), rb.readline(), rb.readline())
rb.write(b'four\nfive\n')
print(rb.readline(2), rb.readline(), rb.readline(100))

# readinto
rb.write(b'abcdef')
buf = bytearray(4)
print(rb.readinto(buf), buf)
print(rb.readinto(buf, 1), buf)
print(rb.readinto(buf), buf, rb.any())
mv = memoryview(bytearray(8))
rb.write(b'xyz')
print(rb.readinto(mv[2:]), bytes(mv))
print(rb.close())

# as a stream for select
rb = micropython.RingIO(2)
p = select.poll()
p.register(rb, select.POLLIN | select.POLLOUT)
print(p.poll(0) == [(rb, select.POLLOUT)])
rb.write(b'ab')
print(p.poll(0) == [(rb, select.POLLIN)])
rb.read(1)
print(p.poll(0) == [(rb, select.POLLIN | select.POLLOUT)])

# errors
for arg in [None, 'abc', 1.5]:
    try:
        micropython.RingIO(arg)
    except TypeError:
        print('TypeError', type(arg).__name__)
for arg in [0, -1, bytearray(0), bytearray(1)]:
    try:
        micropython.RingIO(arg)
    except ValueError:
        print('ValueError', arg)
try:
    micropython.RingIO(b'readonly')
except TypeError:
    print('TypeError bytes')
try:
    rb.write('str')
except TypeError:
    print('TypeError write str')
try:
    rb.readinto(b'1234')
except TypeError:
    print('TypeError readinto bytes')
try:
    micropython.RingIO(1 << 62)
except (MemoryError, OverflowError):
    print('too big')

# the caller's buffer changing size is reported, not read past
ba = bytearray(8)
rb = micropython.RingIO(ba)
rb.write(b'12345')
ba.extend(b'123')
try:
    rb.read()
except ValueError as e:
    print('ValueError', e)
