# unbalanced brackets and unterminated strings
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['(', ')', 'x = (1', 'x = 1)', '[1, 2', '{1: 2', 'f(1, 2', 'x = (1]', 'x = [1, 2)]',
            '"""abc', "'abc", '"abc', "x = 'abc\n'", 'x = {1, 2]', 'f(]', '((1)', 'x = [(])']:
    check(src)
check('x = (1 +\n 2)')
check("x = '''a\nb'''")
