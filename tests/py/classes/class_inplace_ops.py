# in-place operators, with and without __iadd__
class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, x):
        self.items.append(x)
        return self
    def __isub__(self, x):
        self.items.remove(x)
        return self
class Num:
    def __init__(self, n):
        self.n = n
    def __add__(self, o):
        return Num(self.n + o)
    def __mul__(self, o):
        return Num(self.n * o)
a = Acc()
alias = a
a += 1
a += 2
a -= 1
print(a.items, a is alias)
n = Num(1)
orig = n
n += 5
n *= 2
print(n.n, orig.n, n is orig)
