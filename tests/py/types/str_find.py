# find, rfind, index, rindex
s = 'abracadabra'
print(s.find('a'), s.find('bra'), s.find('z'), s.find(''), s.find('a', 1), s.find('a', 1, 3))
print(s.rfind('a'), s.rfind('bra'), s.rfind('z'), s.rfind(''), s.rfind('a', 0, 5))
print(s.index('c'), s.rindex('a'), s.index('a', 4), s.rindex('bra', 0, 6))
print(s.find('a', -4), s.find('a', 100), s.rfind('b', -3))
try:
    s.index('z')
except ValueError:
    print('index: ValueError')
try:
    s.rindex('q')
except ValueError:
    print('rindex: ValueError')
