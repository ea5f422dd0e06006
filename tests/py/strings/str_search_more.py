# find/rfind/index/count/startswith/endswith with start and end, empty needles
s = 'hello world'
print(s.find('o'), s.rfind('o'), s.find('o', 5), s.find('o', 5, 7), s.find(''), s.find('', 11), s.find('', 12))
print(s.find('o', -4), s.rfind('l', 0, -2), s.find('world', 6, 11), s.find('world', 6, 10), s.rfind(''), s.rfind('', 3, 5))
print(s.count('o'), s.count(''), s.count('l', 3), s.count('', 2, 5), 'aaaa'.count('aa'), s.count('', 20), s.count('', 5, 2))
print(s.index('w'), s.rindex('l'), s.index('l', 4), s.rindex('o', 0, 6))
print(s.startswith('hell'), s.startswith(('x', 'he')), s.endswith('ld', 0, 11), s.startswith('', 11), s.startswith('', 12))
print('abc'.startswith('', 2, 1), 'abc'.endswith('c', -1), 'abc'.endswith('bc', 0, 2), 'abc'.endswith(('a', 'b'), 0, 2))
print(s.find('o', None, None), s.find('o', None, 5), s.count('l', None), s.startswith('wor', 6, None))
print(s.find('o', -100, 100), s.find('o', 10**20), s.find('o', -10**20))
e = 'αβγαβγ'
print(e.find('γ'), e.rfind('α'), e.find('β', 2), e.index('γα'), e.count('β'), e.find('', 4), e.startswith('βγ', 1), e.endswith('α', 0, 4))
print('b' in 'abc', '' in 'abc', 'abc' in 'abc', 'abcd' in 'abc', 'é' in 'café', 'ab' in 'a')
for bad in [lambda: s.index('zz'), lambda: s.rindex('q', 3), lambda: 'a'.find(1), lambda: 'a'.startswith(1),
            lambda: 'a'.startswith(('a', 1)), lambda: 1 in 'a', lambda: s.find('o', 1.5)]:
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
