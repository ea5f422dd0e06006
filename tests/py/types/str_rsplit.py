# str.rsplit
print('a,b,c,d'.rsplit(',', 1), 'a,b,c,d'.rsplit(',', 2))
print('a,b,c'.rsplit(','), 'a b  c'.rsplit())
print('a b c d'.rsplit(None, 1), '  a b  '.rsplit(None, 1))
print('x--y--z'.rsplit('--', 1), 'abc'.rsplit('q', 3))
print(''.rsplit(','), 'a,b'.rsplit(',', 0))
