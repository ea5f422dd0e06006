# malformed parameter lists and call arguments
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['f(a=1, 2)', 'f(**a, *b)', 'f(**a, b)', 'def f(a=1, b): pass', 'def f(*): pass',
            'def f(**k, a): pass', 'def f(a, a): pass', 'lambda a=1, b: 0', 'def f(*a, *b): pass',
            'def f(**a, **b): pass', 'def f(a, *, ): pass', 'def f(1): pass', 'def f(a b): pass',
            'f(a b)', 'f(,)', 'f(a,,b)', 'def f(a,,b): pass', 'lambda *: 0', 'f(1=2)', 'f(a.b=1)']:
    check(src)
check('def f(a, b=1, *c, d, e=2, **g): pass')
check('f(1, *a, b=2, *c, **d, e=3)')
check('lambda a, *b, c=1, **d: 0')
