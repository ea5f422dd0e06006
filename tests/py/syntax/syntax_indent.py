# indentation errors are SyntaxErrors
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['  x = 1', 'if 1:\nx = 1', 'if 1:\n    x = 1\n  y = 2', 'def f():\nreturn 1',
            'for i in x:\n    pass\n      pass', 'class C:\n    def f(self):\n    pass',
            'x = 1\n    y = 2', 'if 1:\n        a = 1\n    b = 2', 'while x:\n\nbreak']:
    check(src)
check('if 1:\n    x = 1\n\n    y = 2\n')
check('if 1:\n  x = 1\nelse:\n        y = 2\n')
check('def f():\n    return [\n1,\n        2]\n')
