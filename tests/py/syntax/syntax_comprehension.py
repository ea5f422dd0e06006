# malformed comprehensions and generator expressions
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['[x for x in y if]', '{x: for x in y}', '[x for x in y for]', '(x for x in)',
            '[for x in y]', '{x for x}', '[x for 1 in y]', '[x, y for x in z]', '{x: y for x in}']:
    check(src)
check('[x for x in y if x for z in x if z]')
check('{k: v for k, v in d.items()}')
