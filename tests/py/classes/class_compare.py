# rich comparison methods
class Ver:
    def __init__(self, *parts):
        self.parts = parts
    def __repr__(self):
        return 'Ver' + repr(self.parts)
    def __eq__(self, o):
        return self.parts == o.parts
    def __ne__(self, o):
        return self.parts != o.parts
    def __lt__(self, o):
        return self.parts < o.parts
    def __le__(self, o):
        return self.parts <= o.parts
    def __gt__(self, o):
        return self.parts > o.parts
    def __ge__(self, o):
        return self.parts >= o.parts
    def __hash__(self):
        return hash(self.parts)
a, b, c = Ver(1, 2), Ver(1, 10), Ver(1, 2)
print(a == c, a != b, a < b, b <= a, b > a, a >= c)
print(sorted([Ver(2), Ver(1, 5), Ver(1), Ver(0, 9)]))
print(max([a, b]), min([a, b]), a in [b, c], len({a, c}))
print(Ver(3) < Ver(3) < Ver(4), Ver(1) < Ver(2) < Ver(3))
class OnlyLt:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
print([x.v for x in sorted([OnlyLt(3), OnlyLt(1), OnlyLt(2)])])
class AlwaysEq:
    def __eq__(self, o):
        return True
print(AlwaysEq() == 5, AlwaysEq() == None, [1, AlwaysEq()].index(AlwaysEq()))
