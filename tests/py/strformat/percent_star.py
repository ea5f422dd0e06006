# * width and precision taken from the arguments
print('[%*d]' % (5, 42), '[%-*d]' % (5, 42), '[%.*f]' % (2, 3.14159))
print('[%*.*f]' % (8, 3, 2.5), '[%*s]' % (4, 'ab'), '[%-*s]' % (4, 'ab'))
