# eval() of expressions with globals and locals dictionaries
print(eval('1 + 2 * 3'), eval('"abc".upper()'), eval('[x * x for x in range(4)]'))
x = 10
print(eval('x + 1'))
print(eval('x * y', {'x': 2, 'y': 21}), eval('x', {'x': 'global'}, {'x': 'local'}))
print(eval('len(s)', {'s': 'hello'}), eval('  7  '), eval('(1, 2)'))
g = {'n': 5}
print(eval('n ** 2', g), eval('lambda v: v + n', g)(1))
print(eval('{"k": [1, 2]}')['k'], eval('None'), eval('True and 3'))
print(eval('abs(-3)', {}), eval('2 ** 100'))
