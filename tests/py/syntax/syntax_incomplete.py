# statements cut off before they are complete
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['x =', 'x = 1 +', 'if x', 'if x:', 'def f(', 'def f():', 'for x in', 'for x in y',
            'while', 'while x:', 'class C', 'import', 'from x import', 'from x', 'lambda x',
            'x = [1,', '@', '@dec', 'try:\n    pass', 'with x', 'with x as', 'x = not',
            'del', 'assert', 'raise from x', 'global', 'nonlocal', 'x = 1 if y', 'x = 1 if y else', 'f(x,']:
    check(src)
