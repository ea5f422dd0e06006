# str.format with keyword fields
print('{name} is {age}'.format(name='Bob', age=5))
print('{a}{b}{a}'.format(a='1', b='2'), '{0} {k}'.format('pos', k='kw'))
d = {'x': 1, 'y': 2}
print('{x},{y}'.format(**d), '{} {}'.format(*[3, 4]))
print('{greeting}, {0}!'.format('World', greeting='Hello'))
