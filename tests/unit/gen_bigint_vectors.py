#!/usr/bin/env python3
"""Prints test vectors for tests/unit/test_bigint.c, with CPython's answers.

One case per line: an operation name, its operands, then the expected
results, separated by single spaces. Integers are signed lowercase hex
without prefix ("-1f"); doubles and floats are their IEEE bit patterns in
hex; byte strings and text that may hold spaces are hex of their bytes.
"ERR" names an expected error (the C side knows which one per operation).
The seed is fixed so the file is the same on every run.
"""
import math
import random
import struct
import sys

B = 1 << 32
SPECIAL_DIGITS = [0, 1, 2, 3, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE, 0xFFFFFFFF]

out = []


def h(x):
    return format(x, "x")


def emit(*fields):
    out.append(" ".join(str(f) for f in fields))


def digits_of(x):
    ds = []
    while x:
        ds.append(x & (B - 1))
        x >>= 32
    return ds


def from_digits(ds):
    return sum(d << (32 * i) for i, d in enumerate(ds))


def rand_len(maxlen):
    return random.choice([0, 1, 1, 2, 2, 3, 4, 5, 8, random.randint(1, maxlen)])


def rand_mag(maxlen):
    n = rand_len(maxlen)
    bits = 32 * n
    kind = random.randrange(8)
    if n == 0:
        return 0
    if kind == 0:
        return (1 << random.randint(1, bits)) - 1  # all ones: carries everywhere
    if kind == 1:
        return 1 << random.randint(0, bits - 1)
    if kind == 2:
        return (1 << random.randint(1, bits)) + random.choice([1, -1, 0, 2])
    if kind == 3:
        return from_digits([random.choice(SPECIAL_DIGITS) for _ in range(n)])
    if kind == 4:
        return random.getrandbits(random.randint(1, bits))
    return random.getrandbits(bits)


def rand_int(maxlen=12):
    v = rand_mag(maxlen)
    return -v if random.random() < 0.5 else v


def double_bits(x):
    return h(struct.unpack("<Q", struct.pack("<d", x))[0])


def float_bits(x):
    return h(struct.unpack("<I", struct.pack("<f", x))[0])


def round_int_to_float32(a):
    """float32(a) correctly rounded from the integer (no double rounding)."""
    m = abs(a)
    if m == 0:
        return 0.0
    n = m.bit_length()
    if n > 24:
        drop = n - 24
        q, r = m >> drop, m & ((1 << drop) - 1)
        half = 1 << (drop - 1)
        if r > half or (r == half and q & 1):
            q += 1
        m = q << drop
    if m >= 1 << 128:
        return None
    v = float(m)  # exact: at most 24 significant bits
    return -v if a < 0 else v


def hash31(a):
    p = (1 << 31) - 1
    v = abs(a) % p
    if a < 0:
        v = -v
    return -2 if v == -1 else v


def knuth_add_backs(a, b):
    """How many times Knuth's algorithm D adds back dividing a by b (base 2^32)."""
    vd = digits_of(b)
    n = len(vd)
    if n < 2 or a < b:
        return 0
    s = 32 - vd[-1].bit_length()
    v = digits_of(b << s)
    u = digits_of(a << s)
    u += [0] * (len(digits_of(a)) + 1 - len(u))
    vv = b << s
    count = 0
    for j in range(len(u) - n - 1, -1, -1):
        num = (u[j + n] << 32) | u[j + n - 1]
        qhat, rhat = divmod(num, v[n - 1])
        if qhat >= B:
            qhat = B - 1
            rhat = num - qhat * v[n - 1]
        while rhat < B and qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2]):
            qhat -= 1
            rhat += v[n - 1]
        cur = sum(u[j + i] << (32 * i) for i in range(n + 1))
        t = cur - qhat * vv
        if t < 0:
            count += 1
            t += vv
        for i in range(n + 1):
            u[j + i] = (t >> (32 * i)) & (B - 1)
    return count


def add_back_cases(want):
    found = []
    while len(found) < want:
        n = random.randint(2, 5)
        m = random.randint(1, 4)

        def digit():
            if random.random() < 0.8:
                return random.choice(SPECIAL_DIGITS)
            return random.getrandbits(32)

        b = from_digits([digit() for _ in range(n)])
        a = from_digits([digit() for _ in range(n + m)])
        if b and knuth_add_backs(a, b):
            found.append((a, b))
    return found


def division_pairs():
    pairs = []
    for _ in range(1500):
        a, b = rand_int(16), rand_int(10)
        if b:
            pairs.append((a, b))
    # quotient and remainder chosen: exact, remainder b-1, high digit 1, 2^k-1
    for _ in range(400):
        b = rand_mag(8) or 1
        kind = random.randrange(4)
        if kind == 0:
            b = (1 << (32 * random.randint(1, 6))) + random.getrandbits(32 * random.randint(0, 5))
        elif kind == 1:
            b = (1 << (32 * random.randint(1, 6))) - 1
        q = rand_mag(8)
        r = random.choice([0, b - 1, random.randrange(b)])
        a = q * b + r
        sa, sb = random.choice([(1, 1), (1, -1), (-1, 1), (-1, -1)])
        pairs.append((sa * a, sb * b))
    for a, b in add_back_cases(150):
        for sa, sb in [(1, 1), (-1, 1), (1, -1), (-1, -1)]:
            pairs.append((sa * a, sb * b))
    return pairs


def gen_arith():
    specials = [0, 1, -1, 2, -2, B - 1, B, B + 1, -(B - 1), -B, (1 << 64) - 1, -(1 << 64),
                (1 << 63), -(1 << 63), (1 << 96) - 1]
    pairs = [(a, b) for a in specials for b in specials]
    pairs += [(rand_int(), rand_int()) for _ in range(2000)]
    for a, b in pairs:
        emit("add", h(a), h(b), h(a + b))
        emit("sub", h(a), h(b), h(a - b))
        emit("mul", h(a), h(b), h(a * b))
        emit("cmp", h(a), h(b), (a > b) - (a < b))
        emit("and", h(a), h(b), h(a & b))
        emit("or", h(a), h(b), h(a | b))
        emit("xor", h(a), h(b), h(a ^ b))
        if b:
            q, r = divmod(a, b)
            emit("divmod", h(a), h(b), h(q), h(r))
        else:
            emit("divmod", h(a), h(b), "ERR", "ERR")
    # Karatsuba-sized and lopsided multiplications
    for _ in range(150):
        a = random.getrandbits(32 * random.randint(30, 400)) * random.choice([1, -1])
        b = random.getrandbits(32 * random.randint(30, 400)) * random.choice([1, -1])
        if random.random() < 0.2:
            b = (1 << (32 * random.randint(30, 400))) - 1
        if random.random() < 0.2:
            b = a
        emit("mul", h(a), h(b), h(a * b))
    for _ in range(30):
        a = random.getrandbits(32 * random.randint(40, 80))
        b = random.getrandbits(32 * random.randint(300, 900))
        emit("mul", h(a), h(b), h(a * b))
    for a, b in division_pairs():
        q, r = divmod(a, b)
        emit("divmod", h(a), h(b), h(q), h(r))
    for _ in range(100):  # long divisions, large quotients
        b = random.getrandbits(32 * random.randint(2, 60)) + 1
        a = random.getrandbits(32 * random.randint(60, 200)) * random.choice([1, -1])
        b *= random.choice([1, -1])
        q, r = divmod(a, b)
        emit("divmod", h(a), h(b), h(q), h(r))


def gen_unary():
    values = [0, 1, -1, 2, -2, B - 1, -B, B, (1 << 64) - 1, -(1 << 64), 1 << 63, -(1 << 63),
              (1 << 63) - 1, -(1 << 63) - 1, (1 << 64), -(1 << 64) + 1]
    values += [rand_int() for _ in range(1500)]
    for a in values:
        emit("invert", h(a), h(~a))
        emit("bitlen", h(a), a.bit_length())
        emit("bitcount", h(a), bin(a).count("1"))
        for s in [0, 1, 5, 31, 32, 33, 63, 64, 65, random.randint(0, 500)]:
            emit("lshift", h(a), s, h(a << s))
            emit("rshift", h(a), s, h(a >> s))
        emit("rshift", h(a), 1 << 40, h(a >> (1 << 40)))
        emit("int64", h(a), h(a) if -(1 << 63) <= a < (1 << 63) else "ERR")
        emit("uint64", h(a), h(a) if 0 <= a < (1 << 64) else "ERR")
        emit("hash", h(a), hash(a), hash31(a))
        try:
            emit("double", h(a), double_bits(float(a)))
        except OverflowError:
            emit("double", h(a), "ERR")
        f = round_int_to_float32(a)
        emit("float", h(a), "ERR" if f is None else float_bits(f))
        for base in [2, 8, 10, 16, 36, 3, 7, random.randint(2, 36)]:
            emit("str", h(a), base, to_base(a, base))


def gen_big_text():
    for _ in range(60):
        a = random.getrandbits(32 * random.randint(30, 400)) * random.choice([1, -1])
        if random.random() < 0.2:
            a = 10 ** random.randint(100, 3500) - random.choice([0, 1])
        for base in [10, 16, 7, 36]:
            text = to_base(a, base)
            emit("str", h(a), base, text)
            emit("parse", text.encode().hex(), base, h(a))


def to_base(a, base):
    if a == 0:
        return "0"
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    m, s = abs(a), []
    while m:
        m, d = divmod(m, base)
        s.append(chars[d])
    return ("-" if a < 0 else "") + "".join(reversed(s))


def gen_floats():
    vals = []
    edges = [(1 << 53) - 1, 1 << 53, (1 << 53) + 1, (1 << 54) + 2, (1 << 54) + 6, (1 << 54) + 3,
             2 ** 1024 - 2 ** 970, 2 ** 1024 - 2 ** 970 - 1, 2 ** 1024 - 2 ** 971, 2 ** 1024,
             2 ** 1023, (2 ** 53 - 1) * 2 ** 971, 2 ** 128 - 2 ** 103, 2 ** 128 - 2 ** 104,
             2 ** 128 - 2 ** 104 - 1, (1 << 24) + 1, (1 << 25) + 3]
    for e in edges:
        vals += [e, -e]
    for _ in range(400):
        n = random.randint(1, 1100)
        v = random.getrandbits(n)
        if random.random() < 0.3:  # exact ties and near ties at double precision
            k = max(0, v.bit_length() - 54)
            v = ((v >> k) | 1) << k
            v += random.choice([0, 1, -1])
        vals.append(v if random.random() < 0.5 else -v)
    for a in vals:
        try:
            emit("double", h(a), double_bits(float(a)))
        except OverflowError:
            emit("double", h(a), "ERR")
        f = round_int_to_float32(a)
        emit("float", h(a), "ERR" if f is None else float_bits(f))
    # float -> int
    ds = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 2.0 ** 52 + 0.5, 2.0 ** 53, 2.0 ** 63,
          -2.0 ** 63, 2.0 ** 64, 1e300, -1e300, 1.7976931348623157e308, 5e-324, 123456789.75,
          float("inf"), float("-inf"), float("nan")]
    ds += [random.uniform(-1e6, 1e6) for _ in range(100)]
    ds += [math.ldexp(random.random(), random.randint(-20, 1024)) * random.choice([1, -1])
           for _ in range(300)]
    for d in ds:
        try:
            emit("fromdouble", double_bits(d), h(int(d)))
        except (OverflowError, ValueError):
            emit("fromdouble", double_bits(d), "ERR")
    # exact comparisons of int with double
    ints = [0, 1, -1, 2 ** 53 + 1, 2 ** 53, -(2 ** 53) - 1, 2 ** 1024, -(2 ** 1024), 10 ** 400]
    ints += [rand_int(40) for _ in range(200)]
    for a in ints:
        cands = [0.0, -0.0, 0.5, float(2 ** 53), 1e308, -1e308, float("inf"), float("-inf"),
                 float("nan"), random.uniform(-1e20, 1e20)]
        try:
            fa = float(a)
            cands += [fa, math.nextafter(fa, math.inf), math.nextafter(fa, -math.inf), fa + 0.5]
        except OverflowError:
            pass
        for d in cands:
            if math.isnan(d):
                c = 2
            else:
                c = (a > d) - (a < d)
            emit("cmpdouble", h(a), double_bits(d), c)
    # true division
    pairs = [(1, 3), (-1, 3), (2, 3), (10 ** 400, 10 ** 399), (1, 10 ** 400), (-1, 10 ** 330),
             (10 ** 400, 3), (2 ** 1024 - 2 ** 970, 1), (2 ** 1024 - 2 ** 970 - 1, 1),
             (2 ** 1024 - 2 ** 970, 1 << 1), (0, 5), (0, -5), (5, 0), (2 ** 2000, 2 ** 976),
             (2 ** 2000, 2 ** 977), (1, 2 ** 1074), (1, 2 ** 1075), (3, 2 ** 1076),
             (1, 2 ** 1075 - 1), (1, 2 ** 1075 + 1), (2 ** 60 + 1, 2 ** 60)]
    for _ in range(600):
        a = rand_int(40)
        b = rand_int(40)
        if random.random() < 0.2:
            b = random.randint(1, 1000) * random.choice([1, -1])
        pairs.append((a, b))
    for _ in range(100):  # tiny and subnormal quotients
        a = random.getrandbits(random.randint(1, 200)) + 1
        b = a << random.randint(1000, 1100) | random.getrandbits(50)
        pairs.append((a, b))
    for a, b in pairs:
        try:
            emit("truediv", h(a), h(b), double_bits(a / b))
        except (OverflowError, ZeroDivisionError):
            emit("truediv", h(a), h(b), "ERR")


def rand_literal():
    """Random text for int(text, base), valid or not."""
    base = random.choice([0, 0, 0, 2, 8, 10, 16, 36, 3, 7, random.randint(2, 36), 1, 37])
    b = base if base in range(2, 37) else random.choice([2, 8, 10, 16])
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"[:b]
    n = random.choice([0, 1, 2, 3, 10, random.randint(1, 120)])
    s = "".join(random.choice(chars) for _ in range(n))
    if random.random() < 0.3:
        s = "".join(c + ("_" if random.random() < 0.2 else "") for c in s)
    if random.random() < 0.3 and base in (0, 2, 8, 16):
        p = random.choice(["0x", "0X", "0o", "0O", "0b", "0B"])
        s = p + ("_" if random.random() < 0.3 else "") + s
    if random.random() < 0.2:
        s = random.choice(["+", "-"]) + s
    if random.random() < 0.2:
        s = random.choice([" ", "\t", "\n ", "  "]) + s + random.choice(["", " ", "\r\n"])
    if random.random() < 0.1 and s:
        i = random.randrange(len(s))
        s = s[:i] + random.choice(["_", "__", " ", "-", "Z", "\x00", "."]) + s[i:]
    if random.random() < 0.3:
        s = s.upper()
    return s, base


def gen_parse():
    fixed = [("0", 0), ("00", 0), ("0_0", 0), ("010", 0), ("0_1", 0), ("1_000", 10),
             ("1__0", 10), ("_1", 10), ("1_", 10), ("0x_ff", 0), ("0x_ff", 16), ("0x__ff", 16),
             ("0x", 16), ("0b", 16), ("0b1", 16), ("0b1", 2), ("0b1", 0), ("0o17", 8),
             ("0o", 0), ("-0", 10), ("+0x10", 0), ("- 1", 10), ("  -12  ", 10), ("", 10),
             (" ", 10), ("z", 36), ("Z", 36), ("10", 1), ("10", 37), ("10", -1),
             ("9" * 500, 10), ("f" * 300, 16), ("1" * 200, 2), ("07", 10), ("07", 0),
             ("0_7", 8), ("0x1_2_3", 0), ("0X1F", 16), ("1e5", 10), ("12 3", 10)]
    cases = fixed + [rand_literal() for _ in range(3000)]
    for s, base in cases:
        try:
            v = h(int(s, base))
        except ValueError:
            v = "ERR"
        emit("parse", s.encode().hex() or "-", base, v)


def gen_bytes():
    values = [0, 1, -1, 127, 128, -128, -129, 255, 256, -256, -32768, 32767, 32768,
              2 ** 63, -(2 ** 63), 2 ** 64 - 1]
    values += [rand_int(6) for _ in range(600)]
    for a in values:
        need = (a.bit_length() + 7) // 8
        for length in sorted({0, 1, 2, need, need + 1, need + 3, max(need - 1, 0)}):
            for order in ("little", "big"):
                for signed in (0, 1):
                    try:
                        r = a.to_bytes(length, order, signed=bool(signed)).hex() or "-"
                    except OverflowError:
                        r = "ERR"
                    emit("tobytes", h(a), length, order, signed, r)
    for _ in range(600):
        n = random.choice([0, 1, 2, 3, 4, 5, 7, 8, 9, random.randint(1, 40)])
        data = bytes(random.choice([0, 0xFF, 0x80, 0x7F, random.getrandbits(8)]) for _ in range(n))
        for order in ("little", "big"):
            for signed in (0, 1):
                v = int.from_bytes(data, order, signed=bool(signed))
                emit("frombytes", data.hex() or "-", order, signed, h(v))


def gen_number_theory():
    for _ in range(300):
        a = rand_int(4)
        e = random.choice([0, 1, 2, 3, 5, 10, random.randint(0, 200)])
        if abs(a) > 1 and a.bit_length() * e > 200000:
            e = 3
        emit("pow", h(a), e, h(a ** e))
    for a, e in [(0, 0), (0, 5), (1, 10 ** 6), (-1, 10 ** 6 + 1), (-1, 10 ** 6), (2, 10000),
                 (3, 2000), (-(2 ** 32) - 1, 150)]:
        emit("pow", h(a), e, h(a ** e))
    for _ in range(400):
        a = rand_int(8)
        e = rand_mag(3)
        m = rand_int(6) or 7
        emit("powmod", h(a), h(e), h(m), h(pow(a, e, m)))
    for m in [1, -1, 2, -2, 7, -7]:
        for a in [0, 3, -3]:
            for e in [0, 1, 5]:
                emit("powmod", h(a), h(e), h(m), h(pow(a, e, m)))
    emit("powmod", h(3), h(5), h(0), "ERR")
    emit("powmod", h(3), h(-5), h(7), "ERR")
    for _ in range(400):
        a, b = rand_int(10), rand_int(10)
        if random.random() < 0.3:
            g = rand_int(4)
            a, b = a * g, b * g
        emit("gcd", h(a), h(b), h(math.gcd(a, b)))
    for a, b in [(0, 0), (0, 5), (-5, 0), (2 ** 64, 2 ** 32), (2 ** 200 - 1, 2 ** 100 - 1)]:
        emit("gcd", h(a), h(b), h(math.gcd(a, b)))
    primes = [7, 65537, 2 ** 61 - 1, 2 ** 127 - 1, 2 ** 521 - 1]
    cases = [(3, 7), (0, 7), (7, 7), (5, 1), (5, -1), (-3, 7), (3, -7), (2, 4), (0, 1), (5, 0)]
    for _ in range(400):
        m = random.choice(primes) if random.random() < 0.4 else rand_mag(8)
        cases.append((rand_int(10), m * random.choice([1, -1])))
    for a, m in cases:
        try:
            v = h(pow(a, -1, m))
        except ValueError:
            v = "ERR"
        emit("modinv", h(a), h(m), v)


def main():
    random.seed(20240601)
    gen_arith()
    gen_unary()
    gen_big_text()
    gen_floats()
    gen_parse()
    gen_bytes()
    gen_number_theory()
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
