# text files: write, read, readline, readlines, iteration, seek and tell
import mod_tmp

d = mod_tmp.make("text")
p = d + "/a.txt"

with open(p, "w") as f:
    print(f.closed, f.name == p, f.mode)
    print(f.write("first line\n"))
    print(f.write("second\nthird"))
    print(f.write(""))
    print("printed", 42, file=f)
print(f.closed)

f = open(p)
print(repr(f.read(5)), repr(f.readline()), f.tell())
print(repr(f.readline(3)), repr(f.readline()))
print(repr(f.readline()), repr(f.readline()), repr(f.read()))
f.seek(0)
print(f.readlines())
f.seek(0)
print([line for line in f])
print(f.seek(6), repr(f.read(4)))
print(f.seek(0, 2), repr(f.read()))
f.close()
f.close()  # closing twice is fine
print(f.closed)

# append and the + modes
with open(p, "a") as f:
    f.write("appended\n")
with open(p) as f:
    print(f.read().splitlines()[-2:])
with open(p, "r+") as f:
    print(repr(f.readline()))
    f.seek(0)
    f.write("FIRST")
    f.seek(0)
    print(repr(f.readline()))
with open(p, "w+") as f:
    f.write("abc\ndef\n")
    f.seek(0)
    print(f.read())
with open(p, "a+") as f:
    f.write("ghi\n")
    f.seek(0)
    print(f.readlines())

# non-ASCII text: read(n) counts characters
with open(p, "w") as f:
    print(f.write("héllo wörld ✓ end\n"))
with open(p) as f:
    print(repr(f.read(2)), repr(f.read(5)), repr(f.read(3)))
    print(repr(f.readline(2)), repr(f.read()))
with open(p, "rb") as f:
    print(len(f.read()))

# x: create only
with open(d + "/new.txt", "x") as f:
    f.write("x")
print(open(d + "/new.txt").read())

mod_tmp.remove(d)
