# binary and unary arithmetic special methods
class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return 'V(%r, %r)' % (self.x, self.y)
    def __add__(self, o):
        return V(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return V(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return V(self.x * k, self.y * k)
    def __truediv__(self, k):
        return V(self.x / k, self.y / k)
    def __floordiv__(self, k):
        return V(self.x // k, self.y // k)
    def __mod__(self, k):
        return V(self.x % k, self.y % k)
    def __pow__(self, k):
        return V(self.x ** k, self.y ** k)
    def __neg__(self):
        return V(-self.x, -self.y)
    def __pos__(self):
        return V(+self.x, +self.y)
    def __abs__(self):
        return (self.x * self.x + self.y * self.y) ** 0.5
    def __invert__(self):
        return V(self.y, self.x)
    def __and__(self, o):
        return 'and'
    def __or__(self, o):
        return 'or'
    def __xor__(self, o):
        return 'xor'
    def __lshift__(self, n):
        return 'lshift %d' % n
    def __rshift__(self, n):
        return 'rshift %d' % n
a, b = V(1, 2), V(3, 4)
print(a + b, a - b, a * 3, b / 2, b // 2, b % 2, a ** 2)
print(-a, +a, abs(b), ~a)
print(a & b, a | b, a ^ b, a << 2, a >> 1)
print(a + b + a, (a + b) * 2 - a)
