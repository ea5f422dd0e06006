# split, join, strip, replace, partition, padding and case changes
print(' a b '.split(' '), 'a  b'.split(' ', 1), '  a  b  '.split(None, 1), '  a  b  '.rsplit(None, 1))
print('a,b,c'.rsplit(',', 1), 'a,b,c'.rsplit(','), 'abc'.rsplit('b'), ''.rsplit(), 'a b'.rsplit(maxsplit=0))
print('\x1ca\x1fb\u3000c\xa0d'.split(), 'a\u2028b'.split(), 'x y'.split(sep=None), 'a.b.c'.split('.', maxsplit=1))
print('x'.join('abc'), ', '.join(['a', 'b']), ''.join([]), '-'.join(('q',)), '-'.join(iter(['x', 'y'])), '-'.join({'a': 1}))
print('é'.join(['1', '2']), ''.join(['ab', 'é', 'c']), len('€'.join(['a'] * 5)))
print('  x  '.strip(), 'xxyxx'.strip('x'), 'abc'.strip('ac'), 'ééaéé'.strip('é'), '\u3000 x\u2028'.strip(), 'abc'.strip(None))
print('hello'.replace('l', 'L'), 'hello'.replace('l', 'L', 1), 'abc'.replace('', '-'), 'abc'.replace('', '-', 2))
print('éé'.replace('', '.'), 'aaa'.replace('a', ''), 'abc'.replace('x', 'y'), 'aaa'.replace('a', 'bb', -1), 'aXbXc'.replace('X', 'é'))
print('ab'.center(7, '*'), 'ab'.center(6), 'abc'.center(6), 'abc'.center(2), 'a'.ljust(3, 'é'), 'a'.rjust(4, '-'))
print('-42'.zfill(6), '+7'.zfill(3), 'x'.zfill(0), ''.zfill(3), 'é'.zfill(3), 'é'.center(4, '€'))
print('a\tb\tc'.expandtabs(), 'ab\tc'.expandtabs(4), '\t'.expandtabs(0), 'a\nb\tc'.expandtabs(2))
print('k=v=w'.partition('='), 'k=v=w'.rpartition('='), 'kv'.partition('='), 'kv'.rpartition('='), 'aéb'.partition('é'))
print('prefix_x'.removeprefix('prefix_'), 'x.py'.removesuffix('.py'), 'x'.removesuffix(''), 'abc'.removeprefix('z'))
print('Hello World'.swapcase(), 'ßtraße'.upper(), 'ÀÉÎ'.lower(), 'groß'.casefold(), 'αβγ'.upper(), 'ΑΒΓ'.lower(), 'привет'.upper())
print('hello world'.title(), "they're bill's".title(), 'éa éb'.title(), 'a1b2'.title(), 'HELLO'.capitalize(), 'éCOLE'.capitalize())
print('a\nb\r\nc\rd\x0be\x0cf\x1cg\x85h\u2028i'.splitlines(), 'x\n'.splitlines(keepends=True), 'a\r\n\r\nb'.splitlines(True))
for bad in [lambda: 'a'.split(''), lambda: 'a'.split(1), lambda: 'a'.center(5, 'ab'), lambda: 'a'.center(5, 1),
            lambda: 'abc'.partition(''), lambda: 'a'.replace(1, 'b'), lambda: 'a'.replace('a', 2), lambda: 'a'.strip(1),
            lambda: ''.join([1]), lambda: ''.join(['a', 2]), lambda: ''.join(5)]:
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
