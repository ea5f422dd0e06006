# center, ljust, rjust
print('[' + 'ab'.center(6) + ']', '[' + 'ab'.center(7) + ']', '[' + 'abc'.center(6, '*') + ']')
print('[' + 'ab'.ljust(5) + ']', '[' + 'ab'.rjust(5) + ']')
print('ab'.ljust(5, '.'), 'ab'.rjust(5, '0'), 'abcdef'.center(3), 'abc'.ljust(2))
print('[' + ''.center(4, '-') + ']', 'x'.center(4, '='))
print('é'.rjust(3, '-'), 'é'.center(5, '*'))
