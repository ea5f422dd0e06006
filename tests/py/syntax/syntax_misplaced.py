# statements outside the constructs they belong to
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['return 1', 'return', 'break', 'continue', 'yield 1', 'yield from x',
            'nonlocal x', 'def f():\n    nonlocal x', 'class C:\n    return 1',
            'def f():\n    break', 'for x in y:\n    def g():\n        break',
            'while 1:\n    class C:\n        continue', 'class C:\n    yield 1']:
    check(src)
check('def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n')
check('def f():\n    yield 1\n    return 2\n')
check('for x in y:\n    try:\n        continue\n    finally:\n        pass\n')
