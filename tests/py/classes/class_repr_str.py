# __repr__ and __str__
class Both:
    def __repr__(self):
        return 'Both()'
    def __str__(self):
        return 'both'
class ReprOnly:
    def __repr__(self):
        return 'ReprOnly()'
class StrOnly:
    def __str__(self):
        return 'str-only'
b = Both()
print(b, str(b), repr(b), [b], (b, b), {'k': b})
r = ReprOnly()
print(r, str(r), repr(r), [r])
s = StrOnly()
print(s, str(s))
print('%s %r' % (b, b), '{} {!r}'.format(b, b))
