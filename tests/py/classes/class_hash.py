# user objects as dict keys and set members
class Key:
    def __init__(self, k):
        self.k = k
    def __hash__(self):
        return hash(self.k)
    def __eq__(self, o):
        return isinstance(o, Key) and self.k == o.k
d = {Key(1): 'one', Key('a'): 'a'}
print(d[Key(1)], d[Key('a')], Key(2) in d)
s = {Key(1), Key(1), Key(2)}
print(len(s))
class Plain:
    pass
p, q = Plain(), Plain()
print(p == p, p == q, hash(p) == hash(p))
dd = {p: 'p', q: 'q'}
print(dd[p], dd[q], len(dd))
class ConstHash:
    def __hash__(self):
        return 42
print(hash(ConstHash()))
