# user subclasses of built-in types keep the built-in behaviour
class MyInt(int):
    def double(self):
        return self * 2
n = MyInt(21)
print(n, n.double(), n + 1, 1 + n, n == 21, hash(n) == hash(21), isinstance(n, int))
print(type(n).__name__, type(n + 1).__name__, n.bit_length(), repr(n), str(n), -n, int(n))

class MyStr(str):
    def shout(self):
        return self.upper() + '!'
s = MyStr('hi')
print(s, s.shout(), s + ' there', len(s), s == 'hi', 'i' in s, repr(s), s[0], {s: 1}['hi'])

class MyFloat(float):
    pass
f = MyFloat(1.5)
print(f, f * 2, f > 1, round(f))

class Pair(tuple):
    def swap(self):
        return Pair((self[1], self[0]))
p = Pair((1, 2))
print(p, p.swap(), len(p), p + (3,), p == (1, 2), isinstance(p, tuple), hash(p) == hash((1, 2)))
print(Pair(), Pair([]) == (), type(Pair('ab')).__name__, Pair('ab'))

class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
c['a'] += 1
c['a'] += 1
print(c, c['zz'], len(c), 'zz' in c)

class Logged(dict):
    def __setitem__(self, k, v):
        print('set', k, v)
        super().__setitem__(k, v * 10)
    def __getitem__(self, k):
        return dict.__getitem__(self, k) + 1
d = Logged(a=1)
d['b'] = 2
print(d['b'], d.get('b'), sorted(d.items()), dict(d) == {'a': 1, 'b': 20})

class Stack(list):
    def __init__(self, *items):
        super().__init__(items)
        self.pushes = 0
    def push(self, x):
        self.pushes += 1
        self.append(x)
st = Stack(1, 2)
st.push(3)
st += [4]
print(st, st.pushes, type(st).__name__, st[1:], [0] + st, st * 2, sorted(st, reverse=True))
print(len(st), bool(Stack()), list(reversed(st)), st.index(3), st == [1, 2, 3, 4])
try:
    hash(st)
except TypeError as e:
    print('TypeError', e)

class Bits(set):
    pass
b = Bits([1, 2])
b.add(3)
print(sorted(b), 2 in b, len(b), isinstance(b, set))
