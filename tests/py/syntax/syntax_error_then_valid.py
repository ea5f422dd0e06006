# compiling bad code leaves the compiler ready for good code
bad = ['x = = 1', 'def f(:', 'if', '(((', 'class', 'lambda: return']
for b in bad:
    try:
        exec(b)
    except SyntaxError:
        pass
ns = {}
exec('def f(n):\n    return n * 3\nresult = [f(i) for i in range(4)]', ns)
print(ns['result'])
for i in range(50):
    try:
        compile('x = (' * (i % 5 + 1), 'f', 'exec')
    except SyntaxError:
        pass
print(eval('sum(range(10))'))
