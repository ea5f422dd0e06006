# constructs at the edge of the grammar that must compile
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['def f():\n    x = yield\n    return x', 'def f(*, a): pass', 'a, *b = c', 'lambda *a, **k: 0',
            'x = [*a, *b]', 'x = 1; y = 2;', 'if x: pass\nelif y: pass\nelse: pass', 'class C: pass',
            'def g():\n    x = (yield)', 'for x, in y: pass', 'x = y = z = 1',
            'del a, b[0], c.d', 'x = a[1:2, ::3]', 'assert x, "msg"', 'raise', 'try:\n    pass\nfinally:\n    pass',
            'with a as (b, c): pass', 'x = not not y', 'while 1:\n    break\nelse:\n    pass', 'global x, y',
            'x = {**a, "k": 1}', 'x = f(a)(b)[c].d', 'import a.b.c as d', 'from a import (b, c,)',
            'x = 1 if y else 2 if z else 3', 'x = [i for i in range(3)]\n\n\n', '\n\n# only a comment\n', '']:
    check(src)
