# errors of open() and of file methods
import mod_tmp

d = mod_tmp.make("err")
p = d + "/f.txt"


def show(fn, *args):
    try:
        fn(*args)
        print("no error")
    except OSError as e:
        print("OSError", e.errno)
    except ValueError as e:
        print("ValueError", e)
    except TypeError:
        print("TypeError")


def show_unsupported(fn, *args):
    # CPython: io.UnsupportedOperation (an OSError); MicroPython: EBADF
    try:
        fn(*args)
        print("no error")
    except OSError:
        print("OSError")


show(open, d + "/missing.txt")
show(open, d + "/missing.txt", "rb")
show(open, d + "/no/such/dir.txt", "w")
show(open, d)
show(open, d, "w")
for mode in ("rw", "rr", "q", "", "rbt", "wa", "b", "+", "r++", "U"):
    show(open, p, mode)
show(open, p, "rb", -1, "utf-8")

with open(p, "w") as f:
    f.write("text")
show(open, p, "x")

f = open(p)
show_unsupported(f.write, "more")
f.close()
show(f.read)
show(f.readline)
show(f.write, "x")
show(f.seek, 0)
show(f.tell)
show(next, f)
try:
    with f:
        pass
except ValueError as e:
    print("ValueError", e)

f = open(p, "w")
show_unsupported(f.read)
show(f.write, b"bytes")
f.close()
f = open(p, "wb")
show(f.write, "str")
f.close()
f = open(p, "rb")
show(f.seek, -1)
f.close()
f = open(p)
show(f.seek, -1)
show(f.seek, 0, 5)
f.close()
show(open, p, 5)
show(open, 3.5)

mod_tmp.remove(d)
