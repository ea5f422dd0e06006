# % formatting with a mapping
d = {'name': 'Ann', 'age': 30, 'score': 9.5}
print('%(name)s is %(age)d' % d)
print('%(score).2f %(name)r %(age)05d' % d)
print('%(name)s %(name)s' % d, '%%(name)s' % {})
print('%(x)s' % {'x': [1, 2]})
