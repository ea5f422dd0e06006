# str.join
print(','.join(['a', 'b', 'c']), ''.join(['x', 'y']), '-'.join('abc'))
print(', '.join([]), ' '.join(['single']))
print('\n'.join(str(i) for i in range(3)))
print('ab'.join(('1', '2', '3')))
print('|'.join({'k1': 1, 'k2': 2}))
print('é'.join(['a', 'b']), ''.join(reversed('hello')))
