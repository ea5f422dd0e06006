# formatting str and int subclasses that define __str__, __repr__ or __format__
class S(str):
    def __str__(self):
        return 'y'
    def __repr__(self):
        return 'R'
s = S('x')
print(format(s), format(s, '>3'), '{}'.format(s), f'{s}', str(s), [s], s + 'z', '%s %r' % (s, s), '%5s|' % (s,))
class I(int):
    def __str__(self):
        return 'eye'
    def __format__(self, spec):
        return 'F' + spec
print('%s' % I(3), '%d' % I(3), '{}'.format(I(3)), format(I(3), 'x'), str(I(3)), f'{I(3):>4}')
