# MicroPython's u-prefixed module names and deque's flags argument
import ustruct, ubinascii, uhashlib, urandom, uerrno, uheapq, uarray, ucollections, umath, ucmath
import struct, collections

print(ustruct is struct, ucollections is collections, umath.sqrt(4), ucmath.sqrt(-4))
print(ustruct.pack('<h', 1), ubinascii.hexlify(b'\x01'), uhashlib.sha256(b'').hexdigest()[:8])
print(uerrno.ENOENT, uheapq.nsmallest(1, [3, 2]), uarray.array('b', [1]), urandom.getrandbits(0))
d = collections.deque((), 2, 1)
d.append(1)
d.append(2)
try:
    d.append(3)
except IndexError as e:
    print('IndexError', e)
try:
    d.appendleft(3)
except IndexError as e:
    print('IndexError', e)
print(list(d))
d = collections.deque((), 2)
for i in range(5):
    d.append(i)
print(list(d))
try:
    struct.pack('<b', 1000)
except ValueError:
    print('struct.error is ValueError')
