# reflected operators and NotImplemented
class Money:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return 'Money(%d)' % self.v
    def __add__(self, o):
        if isinstance(o, Money):
            return Money(self.v + o.v)
        if isinstance(o, int):
            return Money(self.v + o)
        return NotImplemented
    def __radd__(self, o):
        print('radd called with', o)
        return self.__add__(o)
    def __rsub__(self, o):
        return Money(o - self.v)
    def __rmul__(self, k):
        return Money(self.v * k)
m = Money(5)
print(m + 1, 1 + m, m + m, 10 - m, 3 * m)
print(sum([Money(1), Money(2), Money(3)]))
try:
    m + 'x'
except TypeError:
    print('TypeError for unsupported operand')
try:
    'x' + m
except TypeError:
    print('TypeError for reflected unsupported')
class Left:
    def __add__(self, o):
        return NotImplemented
class Right:
    def __radd__(self, o):
        return 'Right.__radd__'
print(Left() + Right())
