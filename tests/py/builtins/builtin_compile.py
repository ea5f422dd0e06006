# compile() in exec, eval and single modes
code = compile('x = 6 * 7', '<string>', 'exec')
ns = {}
exec(code, ns)
print(ns['x'])
expr = compile('a + b', '<expr>', 'eval')
print(eval(expr, {'a': 1, 'b': 2}), eval(expr, {'a': 'x', 'b': 'y'}))
multi = compile('def f(n):\n    return n * 2\nresult = f(21)\n', 'm', 'exec')
g = {}
exec(multi, g)
print(g['result'], g['f'](5))
loop = compile('''
total = 0
for i in range(5):
    total += i
''', 'loop', 'exec')
g2 = {}
exec(loop, g2)
print(g2['total'])
single = compile('y = 3', '<single>', 'single')
g3 = {}
exec(single, g3)
print(g3['y'])
c = compile('1 + 1', 'f', 'eval')
print(eval(c), eval(c))
