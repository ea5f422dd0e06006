# eval mode accepts only expressions
def check(src, mode="exec"):
    try:
        compile(src, "<test>", mode)
        print("compiled   ", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))

for src in ['x = 1', 'import os', 'pass', 'def f(): pass', 'if x: y', 'del x', 'x += 1',
            'return 1', 'for x in y: pass', 'a; b', 'global x', '']:
    check(src, 'eval')
for src in ['1 + 1', 'lambda: 0', '[x for x in y]', 'a if b else c', 'f(*a, **k)', 'not x']:
    check(src, 'eval')
for bad in ['x =', '1 +', 'if', ')']:
    try:
        eval(bad)
    except SyntaxError:
        print('eval SyntaxError', repr(bad))
    try:
        exec(bad)
    except SyntaxError:
        print('exec SyntaxError', repr(bad))
