# deflate: reading. Format detection, framing mismatches, corrupt and
# truncated data, checksums, partial reads that take from the underlying
# stream only what they need, gzip header fields, wbits, readline,
# readinto, streams that are Python objects, closing.
import deflate
import io

TEXT = b"micropython hello world hello world micropython"
# zlib.compress(TEXT, wbits=-9), wbits=9 and wbits=25 in CPython
data_raw = b'\xcb\xcdL.\xca/\xa8,\xc9\xc8\xcfS\xc8H\xcd\xc9\xc9W(\xcf/\xcaIAa\xe7"\xd4\x00\x00'
data_zlib = b'\x18\x95\xcb\xcdL.\xca/\xa8,\xc9\xc8\xcfS\xc8H\xcd\xc9\xc9W(\xcf/\xcaIAa\xe7"\xd4\x00\x00\xbc\xfa\x12\x91'
data_gzip = b'\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\xcdL.\xca/\xa8,\xc9\xc8\xcfS\xc8H\xcd\xc9\xc9W(\xcf/\xcaIAa\xe7"\xd4\x00\x00"\xeb\xc4\x98/\x00\x00\x00'
# b"hello" + bytes(300) + b"hello" compressed raw with windows of 32, 64, 256 bytes
data_wbits_5 = b"\xcbH\xcd\xc9\xc9g\x18\xe9\x00\x08\x88\x95\xcfH\xcd\xc9\xc9\x07\x00"
data_wbits_6 = b"\xcbH\xcd\xc9\xc9g\x18\xe9\x00\x08\x88\xd5\x9f\x91\x9a\x93\x93\x0f\x00"
data_wbits_8 = b"\xcbH\xcd\xc9\xc9g\x18\xe9\x00\x08\x88\xf5\x7fFjNN>\x00"


def decompress(data, *args):
    with deflate.DeflateIO(io.BytesIO(data), *args) as g:
        return g.read()


def decompress_error(data, *args):
    try:
        decompress(data, *args)
        print("no error")
    except OSError:
        print("OSError")
    except EOFError:
        print("EOFError")
    except ValueError:
        print("ValueError")


print(deflate.AUTO, deflate.RAW, deflate.ZLIB, deflate.GZIP)
print(decompress(data_raw, deflate.RAW))
print(decompress(data_zlib, deflate.ZLIB))
print(decompress(data_gzip, deflate.GZIP))
print(decompress(data_zlib), decompress(data_gzip) == TEXT)

# the wrong framing
decompress_error(data_raw)
decompress_error(data_raw, deflate.ZLIB)
decompress_error(data_raw, deflate.GZIP)
decompress_error(data_zlib, deflate.RAW)
decompress_error(data_zlib, deflate.GZIP)
decompress_error(data_gzip, deflate.RAW)
decompress_error(data_gzip, deflate.ZLIB)

# corrupt and truncated data
decompress_error(b"abcef", deflate.RAW)
decompress_error(b"\x07", deflate.RAW)  # block type 3
decompress_error(data_raw[:10], deflate.RAW)
decompress_error(b"", deflate.RAW)
decompress_error(b"")
decompress_error(data_zlib[:1])
decompress_error(data_gzip[:5])
decompress_error(data_zlib[:-2])
decompress_error(data_gzip[:-3])
decompress_error(b"\x01\x05\x00\xfa\xff", deflate.RAW)  # stored block cut short
decompress_error(b"\x01\x05\x00\xfb\xffhello", deflate.RAW)  # bad length complement
decompress_error(b"\x78\xbb" + data_raw)  # zlib with a preset dictionary
decompress_error(b"\x79\x9c" + data_raw)  # zlib with an unknown method
decompress_error(b"\x1f\x8b\x07" + data_gzip[3:])  # gzip with an unknown method
decompress_error(b"\x1f\x8c" + data_gzip[2:])
decompress_error(b"\x03\x01\x00", deflate.RAW)  # a length code before any data

# checksums and the gzip length
decompress_error(data_zlib[:-4] + b"\x00\x00\x00\x00")
decompress_error(data_gzip[:-8] + b"\x00\x00\x00\x00" + data_gzip[-4:])
decompress_error(data_gzip[:-4] + b"\x00\x00\x00\x00")
decompress_error(data_zlib[:-4] + b"\x00\x00\x00\x00", deflate.ZLIB)

# partial reads take from the underlying stream only what they need
buf = io.BytesIO(data_zlib)
with deflate.DeflateIO(buf) as g:
    print(buf.seek(0, 1))
    print(g.read(1), buf.seek(0, 1))
    print(g.read(1), buf.seek(0, 1))
    print(g.read(2), buf.seek(0, 1))
    print(g.read(), buf.seek(0, 1))
    print(g.read(1), buf.seek(0, 1))
    print(g.read())

# so data after a raw stream, or after a gzip member, stays in the stream
buf = io.BytesIO(data_raw + b"after")
print(deflate.DeflateIO(buf, deflate.RAW).read(), buf.read())
buf = io.BytesIO(data_gzip + b"next")
print(deflate.DeflateIO(buf).read() == TEXT, buf.read())

# gzip header with FTEXT, FHCRC, FEXTRA, FNAME and FCOMMENT
gz = b"\x1f\x8b\x08\x1f\x00\x00\x00\x00\x00\x03" + b"\x03\x00xyz" + b"name\x00" + b"comment\x00" + b"\x12\x34"
print(decompress(gz + data_gzip[10:]) == TEXT)

# wbits: 0 or 5..15; the window must be large enough for the data
decompress_error(data_wbits_5, deflate.RAW, -1)
print(len(decompress(data_wbits_5, deflate.RAW, 0)))
decompress_error(data_wbits_5, deflate.RAW, 1)
decompress_error(data_wbits_5, deflate.RAW, 4)
print([len(decompress(data_wbits_5, deflate.RAW, i)) for i in range(5, 16)])
decompress_error(data_wbits_5, deflate.RAW, 16)
decompress_error(data_raw, -1)
decompress_error(data_raw, 4)
decompress_error(data_wbits_6, deflate.RAW, 5)
print(len(decompress(data_wbits_6, deflate.RAW, 6)), len(decompress(data_wbits_6, deflate.RAW, 7)))
decompress_error(data_wbits_8, deflate.RAW, 7)
print(len(decompress(data_wbits_8, deflate.RAW, 8)))
decompress_error(b"\x18\x95" + data_wbits_8, deflate.ZLIB, 8)  # header asks for 512 bytes

# several stored blocks, one of them empty
stored = b"\x00\x03\x00\xfc\xffabc" + b"\x00\x00\x00\xff\xff" + b"\x01\x02\x00\xfd\xffde"
print(decompress(stored, deflate.RAW))

# readline and readinto
lines = b"first line\nsecond\n\nlast without newline"
stored = b"\x01" + bytes([len(lines), 0, 255 - len(lines), 255]) + lines
g = deflate.DeflateIO(io.BytesIO(stored), deflate.RAW)
print(g.readline(), g.readline(3), g.readline(), g.readline(), g.readline(), g.readline())
g = deflate.DeflateIO(io.BytesIO(stored), deflate.RAW)
b = bytearray(8)
print(g.readinto(b), bytes(b))
print(g.readinto(b, 3), bytes(b), g.read(4))
mv = memoryview(bytearray(5))
print(g.readinto(mv), bytes(mv))


# any object with read() will do as the underlying stream
class Source:
    def __init__(self, data):
        self.data = data
        self.calls = 0

    def read(self, n):
        self.calls += 1
        out, self.data = self.data[:n], self.data[n:]
        return out


s = Source(data_gzip)
print(deflate.DeflateIO(s).read() == TEXT, s.calls > 0)


class Failing:
    def read(self, n):
        raise OSError(5)


try:
    deflate.DeflateIO(Failing()).read()
except OSError as e:
    print("OSError", e.args[0])

# closing
b = io.BytesIO(data_raw)
g = deflate.DeflateIO(b, deflate.RAW)
print(g.read(4))
b.close()
try:
    g.read(4)
except (OSError, ValueError):
    print("error from the closed stream")
b = io.BytesIO(data_raw)
g = deflate.DeflateIO(b, deflate.RAW)
g.read(4)
g.close()
g.close()
try:
    g.read(4)
except OSError:
    print("OSError")
b = io.BytesIO(data_raw)
with deflate.DeflateIO(b, deflate.RAW, 0, True) as g:
    g.read()
try:
    b.read()
except ValueError:
    print("underlying stream closed")

# bad arguments
for args in [(), (io.BytesIO(), 1, 0, False, 5), (io.BytesIO(), "x")]:
    try:
        deflate.DeflateIO(*args)
    except TypeError:
        print("TypeError")
try:
    deflate.DeflateIO(io.BytesIO(data_raw), deflate.RAW).readinto(b"immutable")
except TypeError:
    print("TypeError")


class TooMuch:
    def read(self, n):
        return b"\x78\x9c\x00"


try:
    deflate.DeflateIO(TooMuch()).read()
except ValueError:
    print("ValueError")
