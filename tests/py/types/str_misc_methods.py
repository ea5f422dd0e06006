# a few more str methods and the str() constructor
print(str(), str(''), str('x'), str(b'ab'), str(1.5))
print('  x '.isspace(), 'Hello'.startswith('H'))
print('ab' * 2 + 'c', 'abc'.upper().lower() == 'abc')
print('%s' % 'fmt', 'x{}y'.format(1))
print(''.join(map(str, range(5))))
print('Hello World'.lower().split(), 'one;two'.split(';'))
