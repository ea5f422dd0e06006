# re against CPython on MicroPython's subset: spans and groups of matches,
# sub with templates, group references and callables, split, findall,
# Match and Pattern methods, what compile refuses
import re
def attempt(label, f):
    try:
        r = f()
        print(label, 'ok', repr(r))
    except re.error:
        print(label, 're.error')
    except Exception as e:
        print(label, type(e).__name__)
def m(p, s, fn='search'):
    r = getattr(re, fn)(p, s)
    if r is None: return None
    return (r.group(0), r.groups(), r.span(), [r.span(i) for i in range(len(r.groups()) + 1)], r.start(), r.end())
cases = [(r'a(b)?c', 'ac'), (r'(a)|(b)', 'b'), (r'(a*)*', 'aaa'), (r'(\d+)-(\d+)', 'x 12-345 y'), (r'^$', ''), (r'x*', 'abc'),
         (r'[a-c]+', 'zzabcabz'), (r'[^a-c]+', 'abzz9c'), (r'\w+\s\W', 'hi !x'), (r'(?:ab)+', 'ababab'), (r'a{2,3}', 'aaaa'),
         (r'a{2,}?', 'aaaa'), (r'a+?b', 'aaab'), (r'\bfoo\b', 'a foo b'), (r'(?i)abc', 'xABC'), (r'a.c', 'a\nc'), (r'(?s)a.c', 'a\nc'),
         (r'^b', 'a\nb'), (r'(?m)^b', 'a\nb'), (r'a$', 'a\n'), (r'\d\D\s\S', '1a b'), (r'[\d.]+', 'v1.2.3'), (r'(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)', 'abcdefghijk'),
         (r'[\]]', ']'), (r'\\', 'a\\b'),
         (r'\x41\u0042', 'AB'), (r'[é-ü]+', 'aéöü'), (r'ü+', 'üü'), (r'.', '€')]
for p, s in cases:
    attempt('search %r %r' % (p, s), lambda: m(p, s))
    attempt('match %r %r' % (p, s), lambda: m(p, s, 'match'))
for p, r, s in [(r'a', 'b', 'aaa'), (r'(\w+) (\w+)', r'\2 \1', 'hello world'), (r'(\w+)', r'<\g<1>>', 'a b'), (r'x*', '-', 'abc'),
                (r'(?P<n>\d)', r'\g<n>\g<n>', 'a1b2'), (r'a', r'\n\t\\', 'a'), (r'(a)|b', r'[\1]', 'ab'), (r'\d', lambda mo: str(int(mo.group()) * 2), 'a1b5c9'),
                (r'(a)', r'\2', 'a'), (r'a', r'\g<x>', 'a'), (r'a', r'\0', 'a'), (r'', '-', 'ab'), (r'b*', '-', 'abc')]:
    attempt('sub %r %r %r' % (p, r if isinstance(r, str) else 'function', s), lambda: re.sub(p, r, s))
    attempt('subn %r %r' % (p, s), lambda: re.subn(p, r, s))
attempt('sub count', lambda: re.sub('a', 'b', 'aaaa', 2))
attempt('sub count kw', lambda: re.sub('a', 'b', 'aaaa', count=1))
attempt('sub callable returns int', lambda: re.sub('a', lambda m: 1, 'a'))
attempt('sub bytes', lambda: re.sub(b'a', b'b', b'cat'))
attempt('sub mixed', lambda: re.sub('a', b'b', 'cat'))
for p, s in [(r',', 'a,b,,c'), (r'(,)', 'a,b'), (r'\s*', 'a b'), (r'x', 'abc'), (r',', ''), (r'(a)|(b)', 'xaybz'), (r'\W+', 'Words, words, words.')]:
    attempt('split %r %r' % (p, s), lambda: re.split(p, s))
attempt('split max', lambda: re.split(',', 'a,b,c,d', 2))
attempt('split max kw', lambda: re.split(',', 'a,b,c,d', maxsplit=1))
attempt('findall', lambda: (re.findall(r'\d+', 'a1b22c333'), re.findall(r'(\w)(\d)', 'a1b2'), re.findall(r'(\d)', 'x1y2')))
attempt('finditer', lambda: [mo.span() for mo in re.finditer(r'\d+', 'a1b22c333')])
attempt('fullmatch', lambda: (re.fullmatch(r'\d+', '123') is not None, re.fullmatch(r'\d+', '123a')))
c = re.compile(r'(\d)(x)?')
mo = c.search('a1b')
attempt('group args', lambda: (mo.group(), mo.group(0), mo.group(1), mo.group(2), mo.group(1, 2), mo[1]))
attempt('group bad', lambda: mo.group(3))
attempt('group neg', lambda: mo.group(-1))
attempt('span none', lambda: (mo.span(2), mo.start(2), mo.end(2)))
attempt('groups default', lambda: mo.groups('z'))
attempt('pattern pos', lambda: (c.search('1a2', 1).span(), c.match('a1', 1).span(), c.search('123', 0, 1).span()))
attempt('string/re', lambda: (mo.string, mo.re is c, c.pattern, c.flags & 0))
attempt('groupdict', lambda: re.match(r'(?P<a>x)(?P<b>y)?', 'x').groupdict())
attempt('lastindex', lambda: re.match(r'(a)(b)?', 'a').lastindex)
attempt('expand', lambda: re.match(r'(a)(b)', 'ab').expand(r'\2\1'))
for bad in [r'(', r')', r'[', r'a**', r'\\', r'(?P<1>a)', r'a{2,1}', r'[z-a]', r'\1', r'(?<=a+)b', '*a', r'(?Q)', '\\']:
    attempt('compile %r' % bad, lambda: re.compile(bad))
attempt('escape', lambda: re.escape('a.b*c\n'))
attempt('flags', lambda: (int(re.I), int(re.M), int(re.S), re.IGNORECASE == re.I))
attempt('search non-str', lambda: re.search('a', 5))
attempt('search bytes pattern on str', lambda: re.search(b'a', 'a'))
attempt('deep', lambda: re.match('(a|b)*c', 'ab' * 5000 + 'c').span())
attempt('catastrophic', lambda: re.match('(a*)*b', 'a' * 25) is None)
