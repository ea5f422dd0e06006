# malformed function and class definitions
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['def (x): pass', 'def f[x]: pass', 'def 1f(): pass', 'class 1C: pass', 'def f:\n    pass',
            'class C(x y): pass', 'def f() -> : pass', 'def f(x):\n    return\n  x', 'class C\n    pass',
            '@\ndef f(): pass', '@dec\nx = 1', 'def f(x) pass', 'lambda: return 1']:
    check(src)
check('@a.b(c)\n@d\nclass C(B, E):\n    def m(self, *a, **k):\n        return (yield)\n')
