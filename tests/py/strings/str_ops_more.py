# operators, indexing, slicing, iteration, hashing, str() and repr()
s = 'hello world'
print(s[0], s[-1], s[3:8], s[::2], s[::-1], s[-3:], s[:-3], s[100:], s[2:2], s[8:2:-2], s[-100:3])
u = 'é€😀aß'
print(u[1], u[-1], u[::-1], u[0:2], u[1::2], u[::-2], u[-2:0:-1], u[10:], len(u), u[2:3] == '😀')
print(list('é€a'), [c for c in 'ab'], list(reversed('abc')), sorted('cba'), max('aé'), min('bza'))
print('a' + 'b', 'ab' * 3, 3 * 'ab', 'ab' * 0, 'ab' * -1, 'x' * True, 'é' * 2)
print('a' < 'b', 'a' < 'ab', 'b' > 'ab', 'a' == 'a', 'a' != 'a', 'é' > 'z', 'abc' <= 'abc', 'abd' >= 'abc', '' < 'a')
print(hash('abc') == hash('ab' + 'c'), hash('') == hash(''.join([])), 'x' == 1, 'x' != 1, 'a' == b'a')
d = {'key': 1, 2: 'two'}
k = 'ke' + 'y'
print(d[k], k in d, {k: 2}['key'], {'a' + 'b': 1} == {'ab': 1}, len({'ab', 'a' + 'b'}))
print(str(), str('x'), str(5), str(1.5), str([1, 'a']), str(None), str(b'x'), str(b'x\xff', 'latin-1'), str(b'ab', encoding='ascii'))
print(str(b'a\xffb', 'utf-8', 'replace'), str(b'a\xffb', 'utf-8', 'ignore'), repr(b'\xe2\x82'.decode('utf-8', 'replace')), str(object='o'))
print(repr('\\'), repr("'"), repr('"'), repr('\'"'), repr('\x7f\x80\x9f\xa0\xad'), repr('\u200b\u2028\ufeff\U0001F600'))
print(repr('a\x00b\x1b'), repr('\t\r\n'), repr('é€'), repr(['x', "y'"]), str('\x07') == '\x07')
class S(str):
    def shout(self):
        return self.upper() + '!'
x = S('hey')
print(x.shout(), x + 'x', x[1:], len(x), x == 'hey', isinstance(x, str), x.split('e'), '%s' % x, '{}'.format(x), str(x), repr(x))
for bad in [lambda: s[20], lambda: s['a'], lambda: 'a' + 1, lambda: 1 + 'a', lambda: 'a' * 'b', lambda: 'a' < 1,
            lambda: 'a' * 1.5, lambda: s[::0], lambda: str(b'a', 'foo'), lambda: str('a', 'utf-8'), lambda: str(5, 'utf-8')]:
    try:
        print(bad())
    except (TypeError, ValueError, IndexError, LookupError) as e:
        print(type(e).__name__, e)
