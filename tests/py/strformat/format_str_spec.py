# string presentation, precision and conversions
print('[{:.3}]'.format('truncated'), '[{:5.2}]'.format('abc'), '[{:s}]'.format('s'))
print('{!r}'.format('quoted'), '{!s}'.format('plain'), '{0!r:>10}'.format('r'))
print('{!r} {!r}'.format([1, 'a'], 1.5), '{!s:^7}'.format(3))
print('{:>5s}|{:<5s}|'.format('ab', 'cd'))
