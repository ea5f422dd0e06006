# deflate: damaged input never crashes. Valid streams with bytes changed or
# cut short, and streams of noise, end in OSError or EOFError (or, rarely,
# decompress to something); this counts what happened.
import deflate
import io

seed = 99


def rand(n):
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
    return (seed >> 8) % n


def compress(data, fmt):
    b = io.BytesIO()
    with deflate.DeflateIO(b, fmt, 9) as g:
        g.write(data)
    return b.getvalue()


text = b"".join(b"record %d: value=%d;\n" % (i, i * i % 97) for i in range(200))
valid = [compress(text, f) for f in (deflate.RAW, deflate.ZLIB, deflate.GZIP)]
# a dynamic-Huffman zlib stream from CPython (zlib.compress(b"13371813150|13764518736|12345678901"))
valid.append(b"x\x9c\x05\xc1\x81\x01\x000\x04\x04\xb1\x95\\\x1f\xcfn\x86o\x82d\x06Qq\xc8\x9d\xc5X}<e\xb5g\x83\x0f\x89X\x07\xab")

outcomes = {}
for trial in range(600):
    data = bytearray(valid[rand(len(valid))])
    if trial % 5 == 4:
        data = bytearray(rand(256) for _ in range(rand(60)))
    else:
        for k in range(1 + rand(3)):
            data[rand(len(data))] = rand(256)
        if rand(3) == 0:
            data = data[: rand(len(data))]
    fmt = rand(4)
    try:
        g = deflate.DeflateIO(io.BytesIO(data), fmt, (0, 5, 9, 15)[rand(4)])
        while g.read(1 + rand(300)):
            pass
        what = "decompressed"
    except OSError:
        what = "OSError"
    except EOFError:
        what = "EOFError"
    outcomes[what] = outcomes.get(what, 0) + 1
print(sorted(outcomes))
print(sum(outcomes.values()))
