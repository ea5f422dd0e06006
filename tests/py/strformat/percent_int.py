# % formatting of integers with widths, flags and bases
for v in (0, 7, -7, 255, -255, 123456):
    print('[%5d] [%-5d] [%05d] [%+d] [% d] [%x] [%X] [%o] [%#x] [%#o] [%#X]' %
          (v, v, v, v, v, v, v, v, v, v, v))
print('%d' % 2 ** 70, '%x' % 2 ** 70, '%o' % -(2 ** 40))
print('%3d|%-3d|%03d' % (12345, 12345, 12345))
print('%+05d' % 42, '%-+5d|' % 42, '%3d' % 7)
