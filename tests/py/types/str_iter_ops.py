# iterating strings and common operations
s = 'abc'
print(list(s), tuple(s), [c * 2 for c in s])
for i, c in enumerate(s):
    print(i, c)
print(''.join(sorted('dcba')), list(reversed('xyz')))
print('b' in s, 'bc' in s, 'cb' in s)
print(str(123), str(-4.5), str([1]), str(None), str(True))
print(len(''), len('a' * 100))
print('abc' + str(1) + 'é', 'x' * 0, 'x' * -1)
print(hash('abc') == hash('ab' + 'c'))
