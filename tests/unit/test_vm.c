/*
 * test_vm.c - tests of the bytecode interpreter (py/vm.c, objfun.c, objgen.c,
 * exec.c) through the whole core: each case compiles and runs a script and
 * compares what it prints. The expected text of the script cases is what
 * CPython 3.11 prints for them; the other cases check what only C can see
 * (tracebacks, Ctrl-C, the REPL's continuation rule).
 *
 * Usage: test_vm [results-file]; one PASS/FAIL line per case there (stdout
 * when absent), details of failures on stderr.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "py/campy.h"

static FILE *results;
static int n_passed, n_failed;

static void report(const char *name, bool ok, const char *want, const char *got) {
    fprintf(results, "%s %s\n", ok ? "PASS" : "FAIL", name);
    if (ok) {
        n_passed++;
        return;
    }
    n_failed++;
    fprintf(stderr, "FAIL %s\n--- expected\n%s--- got\n%s---\n", name, want, got);
}

/* ---- output capture */

static char out_buf[1 << 16];
static size_t out_len;

static void capture(const char *s, size_t n) {
    if (n > sizeof(out_buf) - 1 - out_len) {
        n = sizeof(out_buf) - 1 - out_len;
    }
    memcpy(out_buf + out_len, s, n);
    out_len += n;
    out_buf[out_len] = '\0';
}

static void capture_reset(void) {
    out_len = 0;
    out_buf[0] = '\0';
}

static py_qstr qstr(const char *s) { return py_qstr_from_cstr(s); }

static py_val fresh_globals(void) {
    py_val mod = py_module_new(qstr("__main__"));
    return py_module_globals(mod);
}

/* Runs src; an exception that escapes is printed after "EXC ". */
static void run(const char *src, int mode) {
    py_val globals = fresh_globals();
    py_nlr nlr;
    py_try(nlr) {
        py_exec_str(src, strlen(src), qstr("test.py"), mode, globals, globals);
        py_nlr_pop();
    } else {
        capture("EXC ", 4);
        py_print_exception(&py_print_stdout, nlr.exc);
    }
}

static void check_output(const char *name, const char *src, int mode, const char *want) {
    capture_reset();
    run(src, mode);
    report(name, strcmp(out_buf, want) == 0, want, out_buf);
}

/* ---- scripts, with CPython's output */

typedef struct script_case {
    const char *name, *src, *want;
} script_case;

/* generated from the scripts and CPython's output */
// clang-format off
static const script_case scripts[] = {
    {"small_int_overflow",
        "x = 4611686018427387903\n"
        "print(x + 1, x * x, -x - 2, x - -x)\n"
        "y = -4611686018427387904\n"
        "print(y - 1, -y, y // -1, y * -1, abs(y))\n"
        "print(7 // 2, -7 // 2, 7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)\n"
        "print(1 << 62, 1 << 70, -1 >> 100, 5 >> 1, -5 >> 1, 3 & -2, 3 | 8, 3 ^ 5)\n"
        "a = 10\n"
        "a += 5; a -= 3; a *= 2; a //= 5; a %= 3; a <<= 4; a >>= 1; a |= 1; a ^= 3; a &= 6\n"
        "print(a, 3 < 4, 4 <= 4, 5 > 6, 5 >= 5, 5 == 5, 5 != 5)\n",
        "4611686018427387904 21267647932558653957237540927630737409 -4611686018427387905 9223372036854775806\n"
        "-4611686018427387905 4611686018427387904 4611686018427387904 4611686018427387904 4611686018427387904\n"
        "3 -4 -4 1 2 -2 -1\n"
        "4611686018427387904 1180591620717411303424 -1 2 -3 2 11 6\n"
        "2 True True False True True False\n"},
    {"closures",
        "def counter():\n"
        "    n = 0\n"
        "    def inc(k=1):\n"
        "        nonlocal n\n"
        "        n += k\n"
        "        return n\n"
        "    return inc\n"
        "c = counter()\n"
        "c(); c(); print(c(10))\n"
        "def outer(x):\n"
        "    def mid():\n"
        "        def inner():\n"
        "            return x * 2\n"
        "        return inner\n"
        "    return mid()()\n"
        "print(outer(21))\n"
        "fs = [lambda i=i: i * i for i in range(4)]\n"
        "print([f() for f in fs])\n"
        "def make():\n"
        "    fs = []\n"
        "    for i in range(3):\n"
        "        fs.append(lambda: i)\n"
        "    return [f() for f in fs]\n"
        "print(make())\n"
        "def param_cell(a, b):\n"
        "    def g():\n"
        "        return a + b\n"
        "    a = a * 10\n"
        "    return g()\n"
        "print(param_cell(1, 2))\n",
        "12\n"
        "42\n"
        "[0, 1, 4, 9]\n"
        "[2, 2, 2]\n"
        "12\n"},
    {"binding_ok",
        "def f(a, b=2, *args, c, d=4, **kw):\n"
        "    return (a, b, args, c, d, sorted(kw.items()))\n"
        "print(f(1, c=3))\n"
        "print(f(1, 5, 6, 7, c=3, e=9, d=0))\n"
        "print(f(*[1, 2, 3], **{'c': 5, 'z': 1}))\n"
        "def g(a, b, /, c, *, d):\n"
        "    return a, b, c, d\n"
        "print(g(1, 2, c=3, d=4), g(1, 2, 3, d=4))\n"
        "def h(a, b, /, **kw):\n"
        "    return a, b, kw\n"
        "print(h(1, 2, a=3, b=4))\n"
        "def k(*args, **kw):\n"
        "    return args, kw\n"
        "print(k(), k(1, x=2))\n"
        "class A:\n"
        "    def m(self, x, y=3):\n"
        "        return self.v + x + y\n"
        "    v = 100\n"
        "a = A()\n"
        "print(a.m(1), a.m(1, 2), A.m(a, 0), a.m(y=0, x=0))\n"
        "bm = a.m\n"
        "print(bm(5), bm(x=5, y=5))\n",
        "(1, 2, (), 3, 4, [])\n"
        "(1, 5, (6, 7), 3, 0, [('e', 9)])\n"
        "(1, 2, (3,), 5, 4, [('z', 1)])\n"
        "(1, 2, 3, 4) (1, 2, 3, 4)\n"
        "(1, 2, {'a': 3, 'b': 4})\n"
        "((), {}) ((1,), {'x': 2})\n"
        "104 103 103 100\n"
        "108 110\n"},
    {"binding_errors",
        "def f(a, b): pass\n"
        "def g(a, b=1): pass\n"
        "def h(): pass\n"
        "def k(a, *, c): pass\n"
        "def p(a, /, b): pass\n"
        "def q(a, b, c): pass\n"
        "def one(a): pass\n"
        "tests = [\n"
        "    lambda: f(1),\n"
        "    lambda: f(),\n"
        "    lambda: q(),\n"
        "    lambda: f(1, 2, 3),\n"
        "    lambda: g(1, 2, 3),\n"
        "    lambda: h(1),\n"
        "    lambda: h(1, 2),\n"
        "    lambda: one(1, 2),\n"
        "    lambda: f(1, 2, c=3),\n"
        "    lambda: f(1, a=2),\n"
        "    lambda: k(1),\n"
        "    lambda: k(1, 2, c=3),\n"
        "    lambda: p(a=1, b=2),\n"
        "    lambda: f(1, **{'b': 2, 'x': 3}),\n"
        "    lambda: f(1, **{1: 2}),\n"
        "]\n"
        "for t in tests:\n"
        "    try:\n"
        "        t()\n"
        "    except TypeError as e:\n"
        "        print(e)\n",
        "f() missing 1 required positional argument: 'b'\n"
        "f() missing 2 required positional arguments: 'a' and 'b'\n"
        "q() missing 3 required positional arguments: 'a', 'b', and 'c'\n"
        "f() takes 2 positional arguments but 3 were given\n"
        "g() takes from 1 to 2 positional arguments but 3 were given\n"
        "h() takes 0 positional arguments but 1 was given\n"
        "h() takes 0 positional arguments but 2 were given\n"
        "one() takes 1 positional argument but 2 were given\n"
        "f() got an unexpected keyword argument 'c'\n"
        "f() got multiple values for argument 'a'\n"
        "k() missing 1 required keyword-only argument: 'c'\n"
        "k() takes 1 positional argument but 2 positional arguments (and 1 keyword-only argument) were given\n"
        "p() got some positional-only arguments passed as keyword arguments: 'a'\n"
        "f() got an unexpected keyword argument 'x'\n"
        "keywords must be strings\n"},
    {"generators",
        "def gen(n):\n"
        "    for i in range(n):\n"
        "        x = yield i\n"
        "        if x is not None:\n"
        "            print('got', x)\n"
        "    return 'done'\n"
        "g = gen(3)\n"
        "print(next(g), g.send('a'), next(g))\n"
        "try:\n"
        "    g.__next__()\n"
        "except StopIteration as e:\n"
        "    print('stop', e.value)\n"
        "print(list(gen(4)))\n"
        "def sub():\n"
        "    r = yield 1\n"
        "    yield r\n"
        "    return 'subret'\n"
        "def deleg():\n"
        "    v = yield from sub()\n"
        "    print('v', v)\n"
        "    yield 'after'\n"
        "d = deleg()\n"
        "print(next(d), d.send('s'), next(d))\n"
        "def ranges():\n"
        "    yield from range(3)\n"
        "    yield from [7, 8]\n"
        "print(list(ranges()))\n"
        "def thrower():\n"
        "    try:\n"
        "        yield 1\n"
        "    except ValueError as e:\n"
        "        print('caught', e)\n"
        "        yield 2\n"
        "    yield 3\n"
        "t = thrower()\n"
        "print(next(t), t.throw(ValueError('boom')), next(t))\n"
        "def closer():\n"
        "    try:\n"
        "        yield 1\n"
        "    finally:\n"
        "        print('finally ran')\n"
        "c = closer(); next(c); c.close(); c.close()\n"
        "print(list(c))\n"
        "def ignorer():\n"
        "    try:\n"
        "        yield 1\n"
        "    except GeneratorExit:\n"
        "        yield 2\n"
        "i = ignorer(); next(i)\n"
        "try:\n"
        "    i.close()\n"
        "except RuntimeError as e:\n"
        "    print(e)\n"
        "def selfref():\n"
        "    yield next(s)\n"
        "s = selfref()\n"
        "try:\n"
        "    next(s)\n"
        "except ValueError as e:\n"
        "    print(e)\n"
        "def stopper():\n"
        "    raise StopIteration(5)\n"
        "    yield\n"
        "try:\n"
        "    next(stopper())\n"
        "except RuntimeError as e:\n"
        "    print(e)\n"
        "g2 = (x * x for x in range(5) if x % 2)\n"
        "print(list(g2), list(g2))\n"
        "def fresh():\n"
        "    yield 1\n"
        "try:\n"
        "    fresh().send(5)\n"
        "except TypeError as e:\n"
        "    print(e)\n"
        "def deleg_throw():\n"
        "    try:\n"
        "        yield from thrower()\n"
        "    except KeyError:\n"
        "        print('outer caught')\n"
        "        yield 'x'\n"
        "dt = deleg_throw()\n"
        "print(next(dt), dt.throw(ValueError('v')), dt.throw(KeyError('k')))\n",
        "got a\n"
        "0 1 2\n"
        "stop done\n"
        "[0, 1, 2, 3]\n"
        "v subret\n"
        "1 s after\n"
        "[0, 1, 2, 7, 8]\n"
        "caught boom\n"
        "1 2 3\n"
        "finally ran\n"
        "[]\n"
        "generator ignored GeneratorExit\n"
        "generator already executing\n"
        "generator raised StopIteration\n"
        "[1, 9] []\n"
        "can't send non-None value to a just-started generator\n"
        "caught v\n"
        "outer caught\n"
        "1 2 x\n"},
    {"exceptions",
        "def f(x):\n"
        "    try:\n"
        "        if x == 0:\n"
        "            raise ValueError('zero')\n"
        "        if x == 1:\n"
        "            return 'one'\n"
        "        r = 10 // (x - 2)\n"
        "    except ValueError as e:\n"
        "        return 'VE ' + str(e)\n"
        "    except ZeroDivisionError:\n"
        "        return 'ZD'\n"
        "    else:\n"
        "        return 'else %d' % r\n"
        "    finally:\n"
        "        print('finally', x)\n"
        "for i in range(4):\n"
        "    print(f(i))\n"
        "try:\n"
        "    try:\n"
        "        raise KeyError('k')\n"
        "    except KeyError:\n"
        "        raise\n"
        "except KeyError as e:\n"
        "    print('reraised', repr(e))\n"
        "try:\n"
        "    try:\n"
        "        1 / 0\n"
        "    except ZeroDivisionError as e:\n"
        "        raise ValueError('v') from e\n"
        "except ValueError as e:\n"
        "    print(type(e.__cause__).__name__)\n"
        "try:\n"
        "    try:\n"
        "        1 / 0\n"
        "    except ZeroDivisionError:\n"
        "        raise ValueError('ctx')\n"
        "except ValueError as e:\n"
        "    print(type(e.__context__).__name__)\n"
        "def loop():\n"
        "    out = []\n"
        "    for i in range(5):\n"
        "        try:\n"
        "            if i == 1:\n"
        "                continue\n"
        "            if i == 3:\n"
        "                break\n"
        "            out.append(i)\n"
        "        finally:\n"
        "            out.append('f%d' % i)\n"
        "    return out\n"
        "print(loop())\n"
        "def fin_return():\n"
        "    try:\n"
        "        return 1\n"
        "    finally:\n"
        "        print('in finally')\n"
        "print(fin_return())\n"
        "def nested():\n"
        "    try:\n"
        "        try:\n"
        "            raise ValueError(1)\n"
        "        except ValueError:\n"
        "            raise TypeError(2)\n"
        "    except TypeError as e:\n"
        "        return repr(e)\n"
        "print(nested())\n"
        "try:\n"
        "    raise 5\n"
        "except TypeError as e:\n"
        "    print(e)\n"
        "try:\n"
        "    raise\n"
        "except RuntimeError as e:\n"
        "    print(e)\n"
        "class MyErr(Exception):\n"
        "    pass\n"
        "try:\n"
        "    raise MyErr\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, isinstance(e, MyErr))\n"
        "def unbound():\n"
        "    try:\n"
        "        print(zz)\n"
        "        zz = 1\n"
        "    except NameError as e:\n"
        "        print(e)\n"
        "unbound()\n"
        "try:\n"
        "    undefined_name\n"
        "except NameError as e:\n"
        "    print(e)\n"
        "def exc_var():\n"
        "    try:\n"
        "        raise ValueError\n"
        "    except ValueError as err:\n"
        "        pass\n"
        "    try:\n"
        "        err\n"
        "    except NameError:\n"
        "        print('err cleared')\n"
        "exc_var()\n",
        "finally 0\n"
        "VE zero\n"
        "finally 1\n"
        "one\n"
        "finally 2\n"
        "ZD\n"
        "finally 3\n"
        "else 10\n"
        "reraised KeyError('k')\n"
        "ZeroDivisionError\n"
        "ZeroDivisionError\n"
        "[0, 'f0', 'f1', 2, 'f2', 'f3']\n"
        "in finally\n"
        "1\n"
        "TypeError(2)\n"
        "exceptions must derive from BaseException\n"
        "No active exception to reraise\n"
        "MyErr True\n"
        "cannot access local variable 'zz' where it is not associated with a value\n"
        "name 'undefined_name' is not defined\n"
        "err cleared\n"},
    {"with_stmt",
        "class CM:\n"
        "    def __init__(self, name, suppress=False):\n"
        "        self.name = name; self.suppress = suppress\n"
        "    def __enter__(self):\n"
        "        print('enter', self.name)\n"
        "        return self.name\n"
        "    def __exit__(self, t, v, tb):\n"
        "        print('exit', self.name, t.__name__ if t else None, v)\n"
        "        return self.suppress\n"
        "with CM('a') as x, CM('b') as y:\n"
        "    print('body', x, y)\n"
        "with CM('s', True):\n"
        "    raise ValueError('swallowed')\n"
        "print('after')\n"
        "try:\n"
        "    with CM('n'):\n"
        "        raise KeyError('k')\n"
        "except KeyError:\n"
        "    print('propagated')\n"
        "def ret():\n"
        "    with CM('r'):\n"
        "        return 'returned'\n"
        "print(ret())\n"
        "for i in range(3):\n"
        "    with CM(str(i)):\n"
        "        if i == 1:\n"
        "            continue\n"
        "        if i == 2:\n"
        "            break\n"
        "try:\n"
        "    with 5:\n"
        "        pass\n"
        "except TypeError as e:\n"
        "    print(e)\n",
        "enter a\n"
        "enter b\n"
        "body a b\n"
        "exit b None None\n"
        "exit a None None\n"
        "enter s\n"
        "exit s ValueError swallowed\n"
        "after\n"
        "enter n\n"
        "exit n KeyError 'k'\n"
        "propagated\n"
        "enter r\n"
        "exit r None None\n"
        "returned\n"
        "enter 0\n"
        "exit 0 None None\n"
        "enter 1\n"
        "exit 1 None None\n"
        "enter 2\n"
        "exit 2 None None\n"
        "'int' object does not support the context manager protocol\n"},
    {"unpacking",
        "a, b = 1, 2\n"
        "a, b = b, a\n"
        "print(a, b)\n"
        "a, *b, c = range(6)\n"
        "print(a, b, c)\n"
        "*a, b = 'xyz'\n"
        "print(a, b)\n"
        "a, (b, c), d = 1, [2, 3], 4\n"
        "print(a, b, c, d)\n"
        "for k, v in {'p': 1, 'q': 2}.items():\n"
        "    print(k, v)\n"
        "for x, *y in [(1, 2, 3), (4,)]:\n"
        "    print(x, y)\n"
        "try:\n"
        "    a, b = 1, 2, 3\n"
        "except ValueError as e:\n"
        "    print(e)\n"
        "try:\n"
        "    a, b, c = [1, 2]\n"
        "except ValueError as e:\n"
        "    print(e)\n"
        "try:\n"
        "    a, *b, c = [1]\n"
        "except ValueError as e:\n"
        "    print(e)\n"
        "try:\n"
        "    a, b = iter([1])\n"
        "except ValueError as e:\n"
        "    print(e)\n"
        "try:\n"
        "    a, b = 5\n"
        "except TypeError as e:\n"
        "    print(e)\n"
        "print([*range(3), *'ab'], (*[1], 2), {*[1, 1, 2]}, {**{'a': 1}, 'b': 2})\n",
        "2 1\n"
        "0 [1, 2, 3, 4] 5\n"
        "['x', 'y'] z\n"
        "1 2 3 4\n"
        "p 1\n"
        "q 2\n"
        "1 [2, 3]\n"
        "4 []\n"
        "too many values to unpack (expected 2)\n"
        "not enough values to unpack (expected 3, got 2)\n"
        "not enough values to unpack (expected at least 2, got 1)\n"
        "not enough values to unpack (expected 2, got 1)\n"
        "cannot unpack non-iterable int object\n"
        "[0, 1, 2, 'a', 'b'] (1, 2) {1, 2} {'a': 1, 'b': 2}\n"},
    {"fstrings",
        "x = 3.14159\n"
        "n = 42\n"
        "s = 'hi'\n"
        "print(f'{x:.2f} {n:5d}|{n:<5}|{s!r} {s!s} {s:>4} {n!r:>6}')\n"
        "print(f'{\"\303\251\"!a} {[1, \"a\"]}')\n"
        "w = 8\n"
        "print(f'{n:{w}} {n=} {x=:.1f}')\n"
        "print(f'{{literal}} {n:#x} {n:08b}')\n",
        "3.14    42|42   |'hi' hi   hi     42\n"
        "'\\xe9' [1, 'a']\n"
        "      42 n=42 x=3.1\n"
        "{literal} 0x2a 00101010\n"},
    {"names",
        "x = 1\n"
        "def f():\n"
        "    global x\n"
        "    x = 2\n"
        "    return x\n"
        "f()\n"
        "print(x)\n"
        "def g():\n"
        "    y = 5\n"
        "    return sorted(locals().items())\n"
        "print(g())\n"
        "print('x' in globals())\n"
        "class C:\n"
        "    a = 1\n"
        "    b = a + 1\n"
        "    def m(self):\n"
        "        return __class__\n"
        "print(C.b, C().m() is C)\n"
        "class D(C):\n"
        "    def m(self):\n"
        "        return super().m()\n"
        "print(D().m() is C)\n"
        "del x\n"
        "try:\n"
        "    x\n"
        "except NameError as e:\n"
        "    print(e)\n"
        "def gdel():\n"
        "    global gx\n"
        "    gx = 1\n"
        "    del gx\n"
        "gdel()\n"
        "print('gx' in globals())\n"
        "print(len)\n",
        "2\n"
        "[('y', 5)]\n"
        "True\n"
        "2 True\n"
        "True\n"
        "name 'x' is not defined\n"
        "False\n"
        "<built-in function len>\n"},
    {"calls_misc",
        "def deep(n):\n"
        "    return 0 if n == 0 else 1 + deep(n - 1)\n"
        "print(deep(500))\n"
        "def inf(n):\n"
        "    return inf(n + 1)\n"
        "try:\n"
        "    inf(0)\n"
        "except RuntimeError as e:\n"
        "    print('recursion')\n"
        "print(deep(100))\n"
        "class R:\n"
        "    def __add__(self, o):\n"
        "        return self + o\n"
        "try:\n"
        "    R() + 1\n"
        "except RuntimeError as e:\n"
        "    print('c recursion')\n"
        "def kw(**k): return k\n"
        "print(kw(a=1, **{'b': 2}))\n"
        "print((lambda *a, **k: (a, k))(1, 2, x=3))\n"
        "import_ok = True\n"
        "m = [3, 1, 2]\n"
        "m.sort()\n"
        "print(m, max(m), sorted(m, key=lambda v: -v))\n"
        "print(list(map(lambda v: v + 1, m)))\n"
        "class P:\n"
        "    def __init__(self, v):\n"
        "        self.v = v\n"
        "    def __repr__(self):\n"
        "        return 'P(%r)' % self.v\n"
        "    def __eq__(self, o):\n"
        "        return self.v == o.v\n"
        "print([P(1), P(2)], P(1) == P(1), P(1) != P(2))\n"
        "print(P(1).__init__ == P(1).__init__)\n",
        "500\n"
        "recursion\n"
        "100\n"
        "c recursion\n"
        "{'a': 1, 'b': 2}\n"
        "((1, 2), {'x': 3})\n"
        "[1, 2, 3] 3 [3, 2, 1]\n"
        "[2, 3, 4]\n"
        "[P(1), P(2)] True True\n"
        "False\n"},
    {"attr_cache_invalidation",
        "class A:\n"
        "    k = 'class k'\n"
        "    def m(self):\n"
        "        return 'A.m'\n"
        "def read_x(o):\n"
        "    return o.x\n"
        "def read_k(o):\n"
        "    return o.k\n"
        "def call_m(o):\n"
        "    return o.m()\n"
        "def write_x(o, v):\n"
        "    o.x = v\n"
        "a = A()\n"
        "a.x = 1\n"
        "for i in range(3):\n"
        "    print(read_x(a), read_k(a), call_m(a))\n"
        "a.k = 'instance k'\n"
        "print(read_k(a))\n"
        "del a.k\n"
        "print(read_k(a))\n"
        "A.k = 'new class k'\n"
        "print(read_k(a))\n"
        "a.m = lambda: 'instance m'\n"
        "print(call_m(a))\n"
        "del a.m\n"
        "print(call_m(a))\n"
        "A.m = lambda self: 'replaced m'\n"
        "print(call_m(a))\n"
        "A.x = property(lambda self: 'property x', lambda self, v: print('setter', v))\n"
        "print(read_x(a))\n"
        "write_x(a, 5)\n"
        "del A.x\n"
        "print(read_x(a))\n"
        "write_x(a, 6)\n"
        "print(read_x(a))\n"
        "class B(A):\n"
        "    pass\n"
        "b = B()\n"
        "b.x = 'b x'\n"
        "print(read_x(b), read_x(a), read_k(b), call_m(b))\n"
        "b.__class__ = A\n"
        "print(call_m(b))\n"
        "for n in range(20):\n"
        "    setattr(a, 'attr%d' % n, n)\n"
        "print(read_x(a), a.attr19)\n"
        "del a.x\n"
        "try:\n"
        "    read_x(a)\n"
        "except AttributeError as e:\n"
        "    print('AttributeError')\n"
        "class S:\n"
        "    def __setattr__(self, name, value):\n"
        "        print('setattr', name, value)\n"
        "        object.__setattr__(self, name, value)\n"
        "s = S()\n"
        "write_x(s, 1)\n"
        "write_x(s, 2)\n"
        "print(read_x(s))\n"
        "class G:\n"
        "    def __getattr__(self, name):\n"
        "        return 'getattr ' + name\n"
        "g = G()\n"
        "print(read_x(g))\n"
        "g.x = 'real'\n"
        "print(read_x(g))\n"
        "del g.x\n"
        "print(read_x(g))\n"
        "lst = [3, 1, 2]\n"
        "def app(l, v):\n"
        "    l.append(v)\n"
        "app(lst, 4); app(lst, 5)\n"
        "print(lst, 'abc'.upper(), ' '.join(['x', 'y']))\n",
        "1 class k A.m\n"
        "1 class k A.m\n"
        "1 class k A.m\n"
        "instance k\n"
        "class k\n"
        "new class k\n"
        "instance m\n"
        "A.m\n"
        "replaced m\n"
        "property x\n"
        "setter 5\n"
        "1\n"
        "6\n"
        "b x 6 new class k replaced m\n"
        "replaced m\n"
        "6 19\n"
        "AttributeError\n"
        "setattr x 1\n"
        "setattr x 2\n"
        "2\n"
        "getattr x\n"
        "real\n"
        "getattr x\n"
        "[3, 1, 2, 4, 5] ABC x y\n"},
    {"float_fast_paths",
        "x = 1.5\n"
        "print(x + 2, x - 2, x * 2, x / 2, 2 / x, 1 / 3, 7 / 2, -7 / 2)\n"
        "print(x < 2, x > 2, x == 1.5, 2 == 2.0, x != 1.5, 3 <= 3.0, 9007199254740993 == 9007199254740992.0)\n"
        "print(2 ** 53 + 1.0, 0.1 + 0.2, float('inf') - float('inf') != 0)\n"
        "n = float('nan')\n"
        "print(n == n, n != n, n < 1, n > 1)\n"
        "try:\n"
        "    x / 0\n"
        "except ZeroDivisionError as e:\n"
        "    print(e)\n"
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError as e:\n"
        "    print(e)\n"
        "t = 0.0\n"
        "for i in range(10):\n"
        "    t += i * 0.5\n"
        "print(t)\n"
        "s = 'ab'\n"
        "print(s == 'ab', s != 'ab', 'a' + 'b' == s, s is s)\n",
        "3.5 -0.5 3.0 0.75 1.3333333333333333 0.3333333333333333 3.5 -3.5\n"
        "True False True True False True False\n"
        "9007199254740992.0 0.30000000000000004 True\n"
        "False True False False\n"
        "float division by zero\n"
        "division by zero\n"
        "22.5\n"
        "True False True True\n"},
    {"generators_in_for_loops",
        "def count(n):\n"
        "    for i in range(n):\n"
        "        yield i\n"
        "def evens(src):\n"
        "    for v in src:\n"
        "        if v % 2 == 0:\n"
        "            yield v\n"
        "def squares(src):\n"
        "    for v in src:\n"
        "        yield v * v\n"
        "print(list(squares(evens(count(10)))))\n"
        "t = 0\n"
        "for v in squares(evens(count(1000))):\n"
        "    t += v\n"
        "print(t)\n"
        "g = count(5)\n"
        "for v in g:\n"
        "    if v == 2:\n"
        "        break\n"
        "print(next(g), list(g))\n"
        "def boom(n):\n"
        "    yield 1\n"
        "    raise ValueError('boom %d' % n)\n"
        "try:\n"
        "    for v in boom(7):\n"
        "        print('got', v)\n"
        "except ValueError as e:\n"
        "    print('caught', e)\n"
        "def stopper():\n"
        "    yield 1\n"
        "    raise StopIteration\n"
        "try:\n"
        "    for v in stopper():\n"
        "        pass\n"
        "except RuntimeError as e:\n"
        "    print('RuntimeError', e, type(e.__cause__).__name__)\n"
        "def catcher():\n"
        "    try:\n"
        "        for v in boom(1):\n"
        "            yield v\n"
        "    except ValueError:\n"
        "        yield 'inner caught'\n"
        "print(list(catcher()))\n"
        "def reentrant():\n"
        "    for v in gself:\n"
        "        yield v\n"
        "gself = reentrant()\n"
        "try:\n"
        "    for v in gself:\n"
        "        pass\n"
        "except ValueError as e:\n"
        "    print(e)\n"
        "def with_finally():\n"
        "    try:\n"
        "        yield 1\n"
        "        yield 2\n"
        "    finally:\n"
        "        print('cleanup')\n"
        "wf = with_finally()\n"
        "for v in wf:\n"
        "    print(v)\n"
        "    break\n"
        "wf.close()\n"
        "def ret_value():\n"
        "    yield 1\n"
        "    return 'ignored'\n"
        "print([v for v in ret_value()])\n"
        "def nested(d):\n"
        "    if d == 0:\n"
        "        yield 'leaf'\n"
        "        return\n"
        "    for v in nested(d - 1):\n"
        "        yield v\n"
        "print(list(nested(50)))\n"
        "def deep(d):\n"
        "    for v in deep(d + 1):\n"
        "        yield v\n"
        "    yield d\n"
        "try:\n"
        "    for v in deep(0):\n"
        "        pass\n"
        "except RuntimeError as e:\n"
        "    print('deep', e)\n"
        "def calls():\n"
        "    def f(x):\n"
        "        return x * 10\n"
        "    for i in range(3):\n"
        "        yield f(i)\n"
        "print(sum(v for v in calls()), list(calls()))\n"
        "def sent():\n"
        "    x = yield 1\n"
        "    print('sent in', x)\n"
        "    yield 2\n"
        "s = sent()\n"
        "print(next(s))\n"
        "for v in s:\n"
        "    print('for got', v)\n",
        "[0, 4, 16, 36, 64]\n"
        "166167000\n"
        "3 [4]\n"
        "got 1\n"
        "caught boom 7\n"
        "RuntimeError generator raised StopIteration StopIteration\n"
        "[1, 'inner caught']\n"
        "generator already executing\n"
        "1\n"
        "cleanup\n"
        "[1]\n"
        "['leaf']\n"
        "deep maximum recursion depth exceeded\n"
        "30 [0, 10, 20]\n"
        "1\n"
        "sent in None\n"
        "for got 2\n"},
    {"format_value",
        "class F:\n"
        "    def __format__(self, spec):\n"
        "        return 'F<%s>' % spec\n"
        "    def __str__(self):\n"
        "        return 'strF'\n"
        "    def __repr__(self):\n"
        "        return 'reprF'\n"
        "f = F()\n"
        "print(f'{f} {f:xy} {f!s} {f!r} {f!r:>7}|')\n"
        "class S(str):\n"
        "    pass\n"
        "print(f'{S(\"abc\")} {S(\"abc\"):>5} {3.0} {1e16} {True} {None} {[1, 2]} {b\"x\"} {-0.0}')\n"
        "w, p = 10, 3\n"
        "print(f'{3.14159:{w}.{p}f}|{\"x\":^{w}}|{12345:,}|{255:#06x}|{\"\303\251\"!a}|{\"\303\251\"!r}')\n",
        "F<> F<xy> strF reprF   reprF|\n"
        "abc   abc 3.0 1e+16 True None [1, 2] b'x' -0.0\n"
        "     3.142|    x     |12,345|0x00ff|'\\xe9'|'\303\251'\n"},
    {"call_ex_bound_method",
        "class A:\n"
        "    def m(self, *a, **k):\n"
        "        return (len(a), a, sorted(k.items()))\n"
        "a = A()\n"
        "bm = a.m\n"
        "t = (1, 2, 3)\n"
        "l = [4, 5]\n"
        "print(bm(*t), t, len(t))\n"
        "print(bm(*l, x=1), l)\n"
        "print(bm(*t, **{'y': 2}), t)\n"
        "def f(*a):\n"
        "    return a\n"
        "print(f(*t), f(*l), f(*'ab'), f(*range(3)), t)\n"
        "import_names = sorted({'b': 1, 'a': 2})\n"
        "print(import_names)\n",
        "(3, (1, 2, 3), []) (1, 2, 3) 3\n"
        "(2, (4, 5), [('x', 1)]) [4, 5]\n"
        "(3, (1, 2, 3), [('y', 2)]) (1, 2, 3)\n"
        "(1, 2, 3) (4, 5) ('a', 'b') (0, 1, 2) (1, 2, 3)\n"
        "['a', 'b']\n"},

};
// clang-format on

/* ---- what only C sees */

static const char traceback_src[] = "def inner(x):\n"
                                    "    return 10 // x\n"
                                    "def outer():\n"
                                    "    y = 1\n"
                                    "    return inner(y - 1)\n"
                                    "outer()\n";
static const char traceback_want[] = "EXC Traceback (most recent call last):\n"
                                     "  File \"test.py\", line 6, in <module>\n"
                                     "  File \"test.py\", line 5, in outer\n"
                                     "  File \"test.py\", line 2, in inner\n"
                                     "ZeroDivisionError: integer division or modulo by zero\n";

static const char reraise_src[] = "def f():\n"
                                  "    try:\n"
                                  "        raise ValueError('x')\n"
                                  "    except ValueError:\n"
                                  "        raise\n"
                                  "try:\n"
                                  "    f()\n"
                                  "finally:\n"
                                  "    pass\n";
static const char reraise_want[] = "EXC Traceback (most recent call last):\n"
                                   "  File \"test.py\", line 7, in <module>\n"
                                   "  File \"test.py\", line 3, in f\n"
                                   "ValueError: x\n";

static const char gen_tb_src[] = "def g():\n"
                                 "    yield 1\n"
                                 "    yield 1 // 0\n"
                                 "for x in g():\n"
                                 "    pass\n";
static const char gen_tb_want[] = "EXC Traceback (most recent call last):\n"
                                  "  File \"test.py\", line 4, in <module>\n"
                                  "  File \"test.py\", line 3, in g\n"
                                  "ZeroDivisionError: integer division or modulo by zero\n";

static const char builtin_args_src[] =
    "for f in (lambda: len(), lambda: len(1, 2), lambda: abs(x=1)):\n"
    "    try:\n"
    "        f()\n"
    "    except TypeError as e:\n"
    "        print(e)\n";
static const char builtin_args_want[] = "function takes 1 positional arguments but 0 were given\n"
                                        "function takes 1 positional arguments but 2 were given\n"
                                        "function doesn't take keyword arguments\n";

/* Ctrl-C: a timer signal makes KeyboardInterrupt pending while a loop runs. */
static py_val interrupt_exc;

static void on_alarm(int sig) {
    (void)sig;
    py_set_pending_exception(interrupt_exc);
}

static void test_interrupt(const char *name, const char *src) {
    interrupt_exc = py_exc_new(&py_type_KeyboardInterrupt, 0, NULL);
    signal(SIGALRM, on_alarm);
    struct itimerval t = {{0, 0}, {0, 50000}};
    setitimer(ITIMER_REAL, &t, NULL);
    check_output(name, src, PY_INPUT_FILE, "caught\n");
    signal(SIGALRM, SIG_DFL);
    interrupt_exc = PY_NULL;
}

static void test_repl_continue(void) {
    static const struct {
        const char *src;
        bool more;
    } cases[] = {
        {"1 + 2", false},
        {"x = (1,", true},
        {"if x:", true},
        {"if x:\n    y = 1", true},
        {"if x:\n    y = 1\n", false},
        {"for i in range(3): print(i)", true},
        {"for i in range(3): print(i)\n", false},
        {"def f():\n  return 1\n  ", false},
        {"s = '''abc", true},
        {"@dec", true},
        {"1 +", false},
        {"print(\n", true},
        {"x = 1 \\", true},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char name[64];
        snprintf(name, sizeof(name), "repl_continue_%u", (unsigned)i);
        bool more = py_repl_continue_with_input(cases[i].src, strlen(cases[i].src));
        report(name, more == cases[i].more, cases[i].more ? "true\n" : "false\n",
               more ? "true\n" : "false\n");
    }
}

static void test_eval_and_single(void) {
    check_output("single_prints_repr", "1 + 1\nNone\n'a'\n", PY_INPUT_SINGLE, "2\n'a'\n");
    py_val globals = fresh_globals();
    capture_reset();
    py_nlr nlr;
    py_try(nlr) {
        py_exec_str("6 * 7", 5, qstr("<stdin>"), PY_INPUT_SINGLE, globals, globals);
        py_exec_str("print(_ + 1)", 12, qstr("<stdin>"), PY_INPUT_SINGLE, globals, globals);
        py_nlr_pop();
    } else {
        py_print_exception(&py_print_stdout, nlr.exc);
    }
    report("single_keeps_underscore", strcmp(out_buf, "42\n43\n") == 0, "42\n43\n", out_buf);
    py_val r = PY_NULL;
    py_try(nlr) {
        r = py_exec_str("6 * 7", 5, qstr("<eval>"), PY_INPUT_EVAL, globals, PY_NULL);
        py_nlr_pop();
    } else {
        r = PY_NULL;
    }
    report("eval_returns_value", r == PY_SMALL(42), "42\n", "other\n");
    capture_reset();
    run("def f(:\n", PY_INPUT_FILE);
    report("syntax_error_reported",
           strncmp(out_buf, "EXC ", 4) == 0 && strstr(out_buf, "SyntaxError") != NULL,
           "EXC ... SyntaxError\n", out_buf);
}

int main(int argc, char **argv) {
    results = argc > 1 ? fopen(argv[1], "w") : stdout;
    if (results == NULL) {
        perror(argv[1]);
        return 1;
    }
    size_t heap_size = 16 << 20;
    void *heap = malloc(heap_size);
    if (heap == NULL) {
        return 1;
    }
    int stack_top;
    py_stack_set_top(&stack_top);
    py_stack_set_limit(256 * 1024);
    py_gc_init();
    py_gc_add_region(heap, heap_size);
    py_port_hooks.write_stdout = capture;
    py_port_hooks.write_stderr = capture;
    py_init();

    for (size_t i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++) {
        check_output(scripts[i].name, scripts[i].src, PY_INPUT_FILE, scripts[i].want);
    }
    check_output("traceback_lines", traceback_src, PY_INPUT_FILE, traceback_want);
    check_output("traceback_bare_raise", reraise_src, PY_INPUT_FILE, reraise_want);
    check_output("traceback_generator", gen_tb_src, PY_INPUT_FILE, gen_tb_want);
    check_output("builtin_arg_counts", builtin_args_src, PY_INPUT_FILE, builtin_args_want);
    test_interrupt("interrupt_while_loop",
                   "try:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n"
                   "    print('caught')\n");
    test_interrupt("interrupt_calls",
                   "def f(x):\n    return x\ntry:\n    i = 0\n    while 1:\n        i = f(i)\n"
                   "except KeyboardInterrupt:\n    print('caught')\n");
    test_repl_continue();
    test_eval_and_single();

    py_deinit();
    free(heap);
    fprintf(stderr, "test_vm: %d passed, %d failed\n", n_passed, n_failed);
    if (results != stdout) {
        fclose(results);
    }
    return 0;
}
