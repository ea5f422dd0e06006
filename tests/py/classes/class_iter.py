# iterator protocol: __iter__ and __next__
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(5)))
for x in Countdown(3):
    print(x)
c = Countdown(2)
print(next(c), next(c), next(c, 'end'))
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return iter(range(0, self.n, 2))
r = Range2(7)
print(list(r), list(r), sum(r), sorted(r, reverse=True), 4 in r)
print(dict(zip(Range2(5), 'abc')))
a, b, c = Range2(6)
print(a, b, c)
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * i
print(list(Seq()), 9 in Seq())
