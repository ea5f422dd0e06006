# % formatting: basic conversions and argument forms
print('%s' % 'x', '%s %s' % ('a', 'b'), '%d items' % 3, '%i' % -7)
print('%r' % 'q', '%r' % [1, 'a'], '%s' % [1, 'a'], '%s' % None)
print('100%%', '%d%%' % 50, '%s' % (1,), '%s' % ((1, 2),))
print('%s and %r' % ('str', 'repr'), '%s' % b'bytes')
print('%d' % True, '%s' % True, '%d' % 3.99, '%d' % -3.99)
print('%s-%s-%s' % tuple('abc'))
name = 'n'
print('name=%s' % name)
print('%c%c%c' % (72, 'i', 33))
