# formatting user objects goes through __str__ and __repr__
class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __str__(self):
        return 'P(%d,%d)' % (self.x, self.y)
    def __repr__(self):
        return '<P %d %d>' % (self.x, self.y)
p = P(1, 2)
print('{}'.format(p), '{!r}'.format(p), '%s' % p, '%r' % p, f'{p} {p!r}')
print(str(p), repr(p), [p], (p,), {'k': p})
class OnlyRepr:
    def __repr__(self):
        return 'only-repr'
print(str(OnlyRepr()), '{}'.format(OnlyRepr()), '%s' % OnlyRepr())
print('{} {}'.format(p.x, p.y))
