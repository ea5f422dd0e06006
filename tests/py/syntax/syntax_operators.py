# misused operators and malformed expressions
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['x = 1 +* 2', 'x = = 1', 'a ! b', 'x = 2 ** ** 2', 'x = 1 <> 2', 'x = a and or b',
            'x = not', 'x = [x for x]', 'x = [x for in y]', 'x = {1: 2, 3}', 'x = {1, 2: 3}',
            'x.1', 'x..y', 'a[]', 'x = a[1:2:3:4]', 'x = (1 2)', 'x = 1 if', 'x = >3', 'x = a.',
            'x = *a', 'x = **a', 'x = a not b', 'x = a is not not', 'x = a in not b']:
    check(src)
check('x = a is not b and c not in d')
check('x = -+-~1')
