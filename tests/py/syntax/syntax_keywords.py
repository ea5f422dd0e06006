# keywords cannot be used as names
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['class = 1', 'def = 2', 'if = 3', 'import = 1', 'return = 1', 'for = 1', 'x = pass',
            'print(def)', 'lambda = 1', 'while = 0', 'x.class = 1', 'def if(): pass',
            'def f(for): pass', 'import if', 'None.x = 1 if 0 else x = 1', 'True += 1']:
    check(src)
check('print(1)')
