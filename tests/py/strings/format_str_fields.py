# format() of strings and objects, and str.format field syntax
for v in ['abc', 'é€', '']:
    out = []
    for sp in ['', 's', '5', '<5', '>5', '^5', '*^6', '.1', '5.2', '05', '=5', '+5', '#', ',', 'd', 'é^7', 'z']:
        try:
            out.append(format(v, sp))
        except ValueError as e:
            out.append('ValueError:' + str(e))
    print(repr(v), '|'.join(out))
print(format(None), format([1]), format(object)[:6], format(1.5), format(True))
class F:
    def __format__(self, spec):
        return 'F<' + spec + '>'
class I(int):
    pass
class S(str):
    pass
class P:
    x = 5
    def __str__(self):
        return 'P!'
print(format(F(), 'xyz'), '{:abc}'.format(F()), f'{F():q}', format(I(5), '03d'), format(S('ab'), '>4'), format(P()))
print('{0}{1}{0}'.format('a', 'b'), '{}{}'.format(1, 2), '{x}{y[0]}{y[1]}'.format(x=1, y=[2, 3]), '{0.real}'.format(3))
print('{a[k]}'.format(a={'k': 'v'}), '{0[1]}'.format('xy'), '{0.x:>3}'.format(P()), '{!s:>4}'.format(P()), '{0[a:b]}'.format({'a:b': 7}))
print('{:{w}.{p}f}'.format(3.14159, w=8, p=2), '{!r:>6}'.format('a'), '{!a}'.format('é'), '{{}}{}'.format(1), '{:}'.format(5))
print('{:{}{}}'.format(1, '>', 4), '{0:{1}}'.format('x', 3), '{:%Y}'.format(F()), '{}'.format(F()))
for bad in ['{', '}', '{0}{}', '{}{0}', '{2}', '{x}', '{!}', '{0!q}', '{0:{1:{2}}}', '{0.}', '{0[}', 'a{0!r x}', 'x{0', '{0[0]x}', '{:d}']:
    try:
        print(bad.format(1, 2, 3))
    except (ValueError, KeyError, IndexError, AttributeError, TypeError) as e:
        print(type(e).__name__, e)
try:
    format(P(), 'x')
except TypeError as e:
    print('TypeError', e)
