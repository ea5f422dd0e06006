# assignment to things that cannot be assigned
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['1 = x', 'f() = 1', 'x + 1 = 2', '"s" = 1', 'None = 1', 'True = 1', 'False = 0',
            '(a, 1) = (2, 3)', 'del f()', 'del 1', '(a, b) += 1', '[a, b] += 1', 'x.y() = 1',
            'lambda: 1 = 2', '*a = 1', 'a, *b, *c = x', 'a if b else c = 1', '[x for x in y] = 1',
            '1 += 1', 'f() += 1', 'x, y += 1, 2', '... = 1', '-x = 1', 'not x = 1', 'a < b = c']:
    check(src)
check('a, b = c')
check('a.b, c[0], *d = e')
