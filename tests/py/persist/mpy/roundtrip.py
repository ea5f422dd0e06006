# Constants of every kind a code object holds, and code of every shape
# (closures, generators, classes, coroutines, handlers). Imported from
# source, from a bytecode file and frozen, it must behave the same.
import sys

NONE = None
BOOLS = (True, False)
ELLIPSIS = ...
SMALL = (0, 1, -1, 32767, -32768, 32768, -32769, 1073741823, -1073741824)
EDGE31 = (1073741824, -1073741825, 2147483647, -2147483648)
EDGE63 = (4611686018427387903, -4611686018427387904, 4611686018427387904,
          -4611686018427387905, 9223372036854775807, -9223372036854775808)
BIG = (12345678901234567890123456789, -98765432109876543210987654321,
       0x123456789abcdef0123456789abcdef)
FLOATS = (0.0, -0.0, 1.5, 0.1, -2.5e-3, 3.14159, 1e30, 1e-30, 1e400, -1e400)
COMPLEX = (2j, 1.5j, -0.25j)
STRS = ("", "a", "+", "hello world", "identifier_like", "naïve café ✓", "😀",
        "line\nbreak\ttab\\quote'\"", "x" * 3,
        "a long string that is well beyond thirty-two characters in length")
BYTES = (b"", b"a", b"\x00\xff\x80binary", b"abc" * 2)
NESTED = (1, "two", 3.0, (4, (5, b"six")), None, (), ((),), ...)


def defaults(a, b=(1, 2), *args, c=-7.5, d="kw", **kwargs):
    return (a, b, args, c, d, sorted(kwargs.items()))


def make_counter(start):
    n = start

    def step(by=1):
        nonlocal n
        n += by
        return n

    return step


def gen(n):
    for i in range(n):
        got = yield i * i
        if got is not None:
            yield "got %r" % (got,)


def delegate(n):
    r = yield from gen(n)
    return r


class Shape:
    sides = 0

    def __init__(self, name):
        self.name = name

    def describe(self):
        return "%s with %d sides" % (self.name, self.sides)

    @property
    def kind(self):
        return type(self).__name__


class Square(Shape):
    sides = 4

    def describe(self):
        return super().describe() + " (square)"


def handlers(x):
    log = []
    try:
        try:
            log.append(10 // x)
        except ZeroDivisionError as e:
            log.append("zero: %s" % e)
            raise ValueError("bad x") from e
        finally:
            log.append("finally")
    except ValueError as e:
        log.append("value error %s, cause %s" % (e, type(e.__cause__).__name__))
    else:
        log.append("no error")
    with Manager(log):
        log.append("inside")
    return log


class Manager:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, *exc):
        self.log.append("exit %r" % (exc[0],))
        return False


async def coro(x):
    return x * 2


async def awaiter():
    total = 0
    for i in range(3):
        total += await coro(i)
    return total


def run_coro(c):
    try:
        c.send(None)
    except StopIteration as e:
        return e.value


def comprehensions():
    return ([i * i for i in range(5)], {i: chr(65 + i) for i in range(3)},
            {i % 3 for i in range(10)}, list(x for x in "abc"),
            (lambda *a, **k: (a, sorted(k)))(1, 2, z=3))


def fail_here():
    x = 1
    raise RuntimeError("raised at a known line")


def show():
    print(NONE, BOOLS, ELLIPSIS)
    print(SMALL)
    print(EDGE31)
    print(EDGE63)
    print(BIG)
    print(FLOATS)
    print(COMPLEX)
    for s in STRS:
        print(repr(s), len(s))
    print(BYTES)
    print(NESTED)
    print(defaults(1), defaults(1, 2, 3, 4, c=5, e=6))
    c = make_counter(10)
    print(c(), c(5), c())
    g = gen(3)
    print(next(g), g.send("hi"), next(g), list(g))
    print(list(delegate(4)))
    s = Square("box")
    print(s.describe(), s.kind, Shape("blob").describe())
    print(handlers(0))
    print(handlers(5))
    print(run_coro(awaiter()))
    print(comprehensions())
    print(fail_here.__name__, defaults.__name__, make_counter(0).__name__)
