# deflate: writing. The exact bytes MicroPython makes for small inputs,
# headers and trailers of each framing, round trips through DeflateIO for
# many inputs, window sizes and ways of writing, output that CPython's zlib
# was checked to decompress when this file was written, and errors.
import binascii
import deflate
import io


def compress(data, *args):
    b = io.BytesIO()
    with deflate.DeflateIO(b, *args) as g:
        g.write(data)
    return b.getvalue()


def decompress(data, *args):
    return deflate.DeflateIO(io.BytesIO(data), *args).read()


# the fixed-code output MicroPython gives for these
PATTERNS_RAW = (
    (b"0", b"3\x00\x00"),
    (b"a", b"K\x04\x00"),
    (b"0" * 100, b"3\xa0\x03\x00\x00"),
    (bytes(range(64)), b"c`dbfaec\xe7\xe0\xe4\xe2\xe6\xe1\xe5\xe3\x17\x10\x14\x12\x16\x11\x15\x13\x97\x90\x94\x92\x96\x91\x95\x93WPTRVQUS\xd7\xd0\xd4\xd2\xd6\xd1\xd5\xd370426153\xb7\xb0\xb4\xb2\xb6\xb1\xb5\xb3\x07\x00"),
)
for unpacked, packed in PATTERNS_RAW:
    print(compress(unpacked) == packed, compress(unpacked, deflate.RAW) == packed)

packed = b"\xcbH\xcd\xc9\xc9\x07\x00"
print(compress(b"hello", deflate.RAW) == packed)
print(compress(b"hello", deflate.ZLIB, 9) == b"\x18\x95" + packed + b"\x06,\x02\x15")
print(compress(b"hello", deflate.ZLIB, 15) == b"\x78\x9c" + packed + b"\x06,\x02\x15")
print(compress(b"hello", deflate.GZIP, 9) == b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\x03" + packed + b"\x86\xa6\x106\x05\x00\x00\x00")
print(compress(b""), compress(b"", deflate.ZLIB), compress(b"", deflate.GZIP))

# writing in pieces gives the same as writing at once
text = b"".join(b"%d bottles of beer on the wall, %d bottles of beer.\n" % (i, i) for i in range(40, 0, -1))
b = io.BytesIO()
g = deflate.DeflateIO(b, deflate.ZLIB, 10)
for i in range(0, len(text), 17):
    print(g.write(text[i : i + 17]), end=" ")
g.write(b"")
g.write(bytearray(b"!"))
g.write(memoryview(b"!!"))
g.close()
print()
print(b.getvalue() == compress(text + b"!!!", deflate.ZLIB, 10))
print(decompress(b.getvalue()) == text + b"!!!")

# round trips
def lcg_bytes(n, seed, alphabet):
    out = bytearray()
    for i in range(n):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(alphabet[(seed >> 16) % len(alphabet)] if alphabet else seed >> 16 & 255)
    return bytes(out)


inputs = [b"", b"x", b"ab" * 3, bytes(300), b"hello" + bytes(300) + b"hello", text,
          lcg_bytes(3000, 1, None), lcg_bytes(5000, 2, b"ab"), bytes(range(256)) * 20,
          b"abc" * 30000]
for i, data in enumerate(inputs):
    sizes = []
    ok = True
    for fmt in (deflate.RAW, deflate.ZLIB, deflate.GZIP):
        for wbits in (0, 5, 8, 11, 15):
            c = compress(data, fmt, wbits)
            ok = ok and decompress(c, fmt, wbits if fmt == deflate.RAW else 0) == data
            if fmt == deflate.RAW:
                sizes.append(len(c))
    print(i, len(data), ok, sizes)

# the window grows: compression does not get worse (pseudo-random bytes, as MicroPython tests)
buf = bytearray(1024)
lfsr = 1 << 15 | 1
for i in range(len(buf)):
    bit = (lfsr ^ (lfsr >> 1) ^ (lfsr >> 3) ^ (lfsr >> 12)) & 1
    lfsr = (lfsr >> 1) | (bit << 15)
    buf[i] = lfsr & 0xFF
sizes = [len(compress(buf, deflate.RAW, w)) for w in range(5, 11)]
print(sizes, all(a >= b for a, b in zip(sizes, sizes[1:])))
print(all(decompress(compress(buf, deflate.RAW, w), deflate.RAW, w) == buf for w in range(5, 11)))

# compressed text round-trips in every framing and window size (that
# CPython's zlib reads campy's output is deflate_zlib.py's concern)
for fmt in (deflate.RAW, deflate.ZLIB, deflate.GZIP):
    for wbits in (0, 5, 9, 15):
        c = compress(text, fmt, wbits)
        print(fmt, wbits, len(c) < len(text) // 3, decompress(c, fmt, wbits if fmt == deflate.RAW else 0) == text)


# any object with write() will do as the underlying stream
class Sink:
    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))
        return len(data)


s = Sink()
with deflate.DeflateIO(s, deflate.GZIP) as g:
    g.write(text * 3)
out = b"".join(s.parts)
print(len(s.parts) > 1, decompress(out) == text * 3, binascii.crc32(text * 3) == int.from_bytes(out[-8:-4], "little"))

# errors
b = io.BytesIO()
g = deflate.DeflateIO(b, deflate.RAW)
g.write(b"micropython")
b.close()
try:
    g.write(b"micropython" * 100)
    g.close()
except (ValueError, OSError):
    print("error from the closed stream")
b = io.BytesIO()
g = deflate.DeflateIO(b, deflate.RAW)
g.write(b"micropython")
g.close()
try:
    g.write(b"micropython")
except OSError:
    print("OSError")
for args in [(deflate.RAW, -1), (deflate.RAW, 1), (deflate.RAW, 4), (deflate.RAW, 16), (-1,), (5,)]:
    try:
        compress(b"hello", *args)
    except ValueError:
        print("ValueError")

# one DeflateIO reads and writes at once, as over a socket: the two
# directions are independent
class Duplex:
    def __init__(self, incoming):
        self.incoming = io.BytesIO(incoming)
        self.outgoing = io.BytesIO()

    def read(self, n):
        return self.incoming.read(n)

    def write(self, data):
        return self.outgoing.write(data)


s = Duplex(compress(b"hello from the other side\n" * 3, deflate.ZLIB))
g = deflate.DeflateIO(s, deflate.ZLIB)
print(g.readline())
g.write(b"answer " * 10)
print(g.read())
g.write(b"!")
g.close()
print(decompress(s.outgoing.getvalue(), deflate.ZLIB))
g = deflate.DeflateIO(io.BytesIO())
try:
    g.write(12)
except TypeError:
    print("TypeError")


class Broken:
    def write(self, data):
        raise OSError(28)


try:
    with deflate.DeflateIO(Broken()) as g:
        g.write(bytes(1000))
except OSError as e:
    print("OSError", e.args[0])


# a write() that takes only part of what it is given gets the rest after
class Slow:
    def __init__(self):
        self.data = bytearray()

    def write(self, data):
        self.data += data[:5]
        return min(5, len(data))


s = Slow()
with deflate.DeflateIO(s, deflate.ZLIB) as g:
    g.write(text)
print(decompress(bytes(s.data)) == text)
