# binary files: bytes in and out, readinto, seek from the end, large data
import mod_tmp

d = mod_tmp.make("bin")
p = d + "/data.bin"

with open(p, "wb") as f:
    print(f.write(b"\x00\x01\x02abc"))
    print(f.write(bytearray(b"XYZ")))
    print(f.write(memoryview(b"0123456789")[2:5]))
with open(p, "rb") as f:
    print(f.read())
    print(f.read(), f.read(10))
    f.seek(-3, 2)
    print(f.read(), f.tell())
    f.seek(2)
    buf = bytearray(4)
    print(f.readinto(buf), buf)
    f.seek(-2, 1)
    print(f.read(2))
    f.seek(0)
    print(f.readline(), f.readlines())

# many lines through readline, and iteration
data = b"".join(b"line %d\n" % i for i in range(500))
with open(p, "wb") as f:
    f.write(data)
with open(p, "rb") as f:
    n = 0
    total = 0
    for line in f:
        n += 1
        total += len(line)
    print(n, total == len(data))
with open(p, "rb") as f:
    print(f.readline(), f.tell(), f.read(7), f.tell())
    f.readline()
    print(f.tell(), f.readline())
    try:
        f.seek(-1000, 1)
    except OSError as e:
        print("OSError", e.errno)
    print(f.readline(), f.tell())

# a big file in one go, and in pieces
big = bytes(range(256)) * 300
with open(p, "wb") as f:
    print(f.write(big))
with open(p, "rb") as f:
    print(f.read() == big)
with open(p, "rb") as f:
    parts = []
    while True:
        chunk = f.read(1000)
        if not chunk:
            break
        parts.append(chunk)
    print(len(parts), b"".join(parts) == big)

# r+b: reads and writes at the same position
with open(p, "wb") as f:
    f.write(b"0123456789\nabcdef\n")
with open(p, "r+b") as f:
    print(f.readline())
    f.write(b"AB")
    print(f.tell())
    f.seek(0)
    print(f.read())

# what flush() hands over is visible to another reader at once
f = open(p, "wb")
f.write(b"abc")
f.flush()
print(open(p, "rb").read())
f.write(b"def" * 300)
f.flush()
print(len(open(p, "rb").read()))
f.write(b"g")
f.close()
print(len(open(p, "rb").read()))

mod_tmp.remove(d)
