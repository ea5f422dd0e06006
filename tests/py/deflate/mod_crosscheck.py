# Checks deflate against CPython's zlib in both directions. Not a test
# script of its own (it needs both interpreters): run it with python3,
#     python3 tests/py/deflate/mod_crosscheck.py build/campy
# It has campy compress a range of inputs in every framing and window size
# and decompresses the results with zlib, then has zlib compress at every
# level and strategy and campy decompress. Prints "ok" or what failed.
import subprocess
import sys
import zlib

CAMPY_COMPRESS = r'''
import deflate, io, sys
def data_of(i):
    x = i + 1
    out = bytearray()
    for k in range(i * 997 % 20000):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(b"abcd efgh\n"[x >> 16 & 7] if i % 3 else x >> 16 & 255)
    return bytes(out)
for i in range(24):
    for fmt in (1, 2, 3):
        for wbits in (0, 5, 8, 12, 15):
            b = io.BytesIO()
            with deflate.DeflateIO(b, fmt, wbits) as g:
                g.write(data_of(i))
            print(i, fmt, wbits, b.getvalue().hex())
'''

CAMPY_DECOMPRESS = r'''
import deflate, io, sys, binascii
for line in sys.stdin:
    fmt, packed = line.split()
    out = deflate.DeflateIO(io.BytesIO(bytes.fromhex(packed)), int(fmt)).read()
    print(len(out), binascii.crc32(out))
'''


def data_of(i):
    x = i + 1
    out = bytearray()
    for k in range(i * 997 % 20000):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(b"abcd efgh\n"[x >> 16 & 7] if i % 3 else x >> 16 & 255)
    return bytes(out)


def run(campy, program, stdin=""):
    r = subprocess.run([campy, "-c", program], input=stdin, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("campy failed: " + r.stderr)
    return r.stdout.splitlines()


def main():
    campy = sys.argv[1] if len(sys.argv) > 1 else "build/campy"
    failed = 0
    for line in run(campy, CAMPY_COMPRESS):
        i, fmt, wbits, packed = line.split()
        w = {"1": -15, "2": 15, "3": 31}[fmt]
        try:
            ok = zlib.decompress(bytes.fromhex(packed), w) == data_of(int(i))
        except zlib.error as e:
            ok = False
        if not ok:
            failed += 1
            print("zlib cannot decompress campy's output:", i, fmt, wbits)
    lines, expect = [], []
    for i in range(24):
        data = data_of(i)
        for level in (0, 1, 6, 9):
            for strategy in (0, 1, 2, 3, 4):
                fmt, w = ((1, -15), (2, 15), (3, 31))[(i + level + strategy) % 3]
                co = zlib.compressobj(level, zlib.DEFLATED, w, 8, strategy)
                packed = co.compress(data) + co.flush()
                lines.append("%d %s" % (fmt if fmt != 1 else 1, packed.hex()))
                expect.append("%d %d" % (len(data), zlib.crc32(data)))
    # raw streams need their window size: give the largest
    program = CAMPY_DECOMPRESS.replace("int(fmt)).read()", "int(fmt), 15).read()")
    got = run(campy, program, "\n".join(lines) + "\n")
    for k, (g, e) in enumerate(zip(got, expect)):
        if g != e:
            failed += 1
            print("campy cannot decompress zlib's output:", lines[k][:40])
    if len(got) != len(expect):
        failed += 1
        print("campy stopped early")
    print("ok" if failed == 0 else "%d failed" % failed)


if __name__ == "__main__":
    main()
