# str.format with automatic and explicit positions
print('{} {}'.format('a', 'b'), '{1} {0}'.format('a', 'b'), '{0}{1}{0}'.format('x', 'y'))
print('{}'.format(1), '{}'.format([1, 2]), '{}'.format(None), '{}'.format(1.5))
print('{0} {0} {0}'.format('rep'), '{} and {}'.format(*'ab'))
print(''.format(), 'no fields'.format(1, 2))
print('{}-{}'.format(10, 'ten'), 'x{}y'.format(''))
