# io.StringIO and io.BytesIO
import io

s = io.StringIO()
print(s.write("hello"), s.write(" world\n"), s.tell())
print(repr(s.getvalue()), repr(s.read()))
s.seek(0)
print(repr(s.read(5)), repr(s.readline()), repr(s.readline()))
s.write("more\nlines\n")
print(repr(s.getvalue()))
s.seek(0)
print(s.readlines())
s.seek(0)
print(list(s))
print(s.closed)
s.close()
print(s.closed)
try:
    s.getvalue()
except ValueError as e:
    print("ValueError", e)
try:
    s.write("x")
except ValueError as e:
    print("ValueError", e)

s = io.StringIO("initial\nvalue")
print(s.tell(), repr(s.readline()), repr(s.read()))
s.seek(0)
s.write("INIT")
print(repr(s.getvalue()))
with io.StringIO("ctx") as s:
    print(s.read())
print(s.closed)
print(io.StringIO("a\nb\nc").readline(1))
try:
    io.StringIO(b"bytes")
except TypeError:
    print("TypeError")
try:
    io.StringIO().write(b"x")
except TypeError:
    print("TypeError")

b = io.BytesIO(b"\x00\x01abc")
print(b.read(2), b.read(), b.read())
b.seek(0, 2)
print(b.write(b"def"), b.getvalue(), b.tell())
b.seek(1)
b.write(bytearray(b"XY"))
print(b.getvalue())
b.seek(10)
b.write(b"!")
print(b.getvalue())
b.seek(0)
buf = bytearray(3)
print(b.readinto(buf), buf, b.tell())
print(io.BytesIO(b"l1\nl2\n").readlines())
print(io.BytesIO().getvalue(), io.BytesIO(b"").read())
try:
    io.BytesIO("str")
except TypeError:
    print("TypeError")
try:
    io.BytesIO().write("str")
except TypeError:
    print("TypeError")

# print() into a StringIO
s = io.StringIO()
print("a", 1, [2], sep="-", end="!\n", file=s)
print(repr(s.getvalue()))

# non-ASCII: read(n) counts characters
s = io.StringIO("ünï ✓ çödé")
print(repr(s.read(3)), repr(s.read(3)), repr(s.read()))
