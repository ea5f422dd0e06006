# bound methods keep their instance
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self, by=1):
        self.n += by
        return self.n
c = Counter()
m = c.inc
print(m(), m(5), c.n)
print(m.__self__ is c, m.__func__ is Counter.inc)
print(Counter.inc(c, 10), c.n)
d = Counter()
print(c.inc == c.inc, c.inc != d.inc)
methods = [c.inc, d.inc]
for meth in methods:
    meth(100)
print(c.n, d.n)
lst = []
push = lst.append
push(1); push(2)
print(lst)
print(callable(m), callable(push))
