# Dicts and sets whose keys run Python code while the table is searched or
# rebuilt: a __hash__ or __eq__ that raises must leave every entry findable,
# and one that clears or grows the container must not make the search read
# the table it replaced.
calls = [0]
limit = [0]


class K:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        calls[0] += 1
        if calls[0] > limit[0]:
            raise ValueError("hash")
        return self.v % 3

    def __eq__(self, o):
        calls[0] += 1
        if calls[0] > limit[0]:
            raise KeyError("eq")
        return isinstance(o, K) and self.v == o.v


bad = 0
for lim in range(0, 300, 3):
    limit[0] = lim
    calls[0] = 0
    d = {}
    s = set()
    try:
        for i in range(40):
            d[K(i)] = i
    except (ValueError, KeyError):
        pass
    calls[0] = 0
    try:
        for i in range(40):
            s.add(K(i))
    except (ValueError, KeyError):
        pass
    limit[0] = 10**9
    for k, v in list(d.items()):
        if d.get(k) != v:
            bad += 1
    for k in list(s):
        if k not in s:
            bad += 1
print("entries lost:", bad)


class Act:
    def __init__(self, v, act=None):
        self.v = v
        self.act = act

    def __hash__(self):
        return 7

    def __eq__(self, o):
        if self.act:
            self.act()
        return isinstance(o, Act) and self.v == o.v


d = {i: i for i in range(20)}
for i in range(5):
    d[Act(i)] = i
print(d.get(Act(99, d.clear)), len(d))
d = {}
for i in range(5):
    d[Act(i)] = i


def shrink():
    if d:
        d.popitem()


print(Act(2, shrink) in d, len(d))
s = set(Act(i) for i in range(12))
print(Act(5, s.clear) in s, len(s))
