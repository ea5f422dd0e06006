# Bytecode files that are not right are refused on import with ValueError
# saying why: not a bytecode file, another format version, made for another
# kind of build (float size, small-int width, instruction set), truncated at
# any length, or with data after the end. Nothing of such a file runs.
import sys

import mod_mpydir

mod_mpydir.use()
BAD = mod_mpydir.DIR + "/badfile.mpy"

with open(mod_mpydir.DIR + "/roundtrip.mpy", "rb") as f:
    good = f.read()


def reason(e):
    # the message starts with the file's path, which depends on the build
    msg = str(e)
    return msg[len(BAD) + 2 :] if msg.startswith(BAD + ": ") else "?" + msg


def attempt(data):
    with open(BAD, "wb") as f:
        f.write(data)
    sys.modules.pop("badfile", None)
    try:
        import badfile

        return "loaded"
    except ValueError as e:
        return reason(e)


def show(label, data):
    print(label + ":", attempt(data))


def patched(at, value):
    return good[:at] + bytes([value]) + good[at + 1 :]


show("empty", b"")
show("source text", b"print('not bytecode')\n")
show("bad magic", b"XPYB" + good[4:])
show("header cut", good[:10])
show("format version 2", patched(4, 2))
show("format version 0", patched(4, 0))
show("reserved flags", patched(7, 1))
show("instruction set", patched(8, good[8] ^ 0x5A))
show("half", good[: len(good) // 2])
show("one byte short", good[:-1])
show("a byte too many", good + b"\x00")
show("the good file", good)

# made for the other kind of build: the message names both and the fix
other_float = 4 if good[5] == 8 else 8
other_bits = 31 if good[6] == 63 else 63
for label, data in (("float size", patched(5, other_float)), ("small-int width", patched(6, other_bits))):
    r = attempt(data)
    print(label + ":", r.startswith("bytecode file made for"), "campy-cross -t" in r)

# truncation at any length is refused, and always as ValueError: every
# length of a small file, lengths all through a big one
with open(mod_mpydir.DIR + "/shadow.mpy", "rb") as f:
    small = f.read()
lengths = [(small, n) for n in range(len(small))] + [(good, n) for n in range(0, len(good), 97)]
refused = 0
for data, n in lengths:
    if attempt(data[:n]) != "loaded":
        refused += 1
print("truncations refused:", refused == len(lengths))
print("module never registered:", "badfile" in sys.modules)

import os

os.remove(BAD)
