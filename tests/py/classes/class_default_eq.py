# default equality is identity
class P:
    pass
a, b = P(), P()
print(a == a, a == b, a != b, a is a)
print(a in [b], a in [b, a], [a].count(a), [a, b].index(b))
class E:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __ne__(self, o):
        return self.v != o.v
print(E(1) == E(1), E(1) != E(1), E(1) in [E(0), E(1)], [E(2)].count(E(2)))
