# % formatting of strings with width and precision
print('[%10s]' % 'right', '[%-10s]' % 'left', '[%.3s]' % 'truncate', '[%5.2s]' % 'abc')
print('[%s]' % '', '[%3s]' % 'toolong', '[%-3s]' % 'é')
print('[%5r]' % 'a', '[%c]' % 'x', '[%3c]' % 65)
print('%s' % 'é€', '%s|%s' % ('a', 'b'))
