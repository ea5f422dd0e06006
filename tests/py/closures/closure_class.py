# closures inside methods and classes capturing outer scopes
def make_class(prefix):
    class Tagger:
        def tag(self, s):
            return prefix + s
        def tagger(self):
            return lambda s: self.tag(s).upper()
    return Tagger
T = make_class('pre-')
t = T()
print(t.tag('x'), t.tagger()('y'))
class Counter:
    def __init__(self):
        self.count = 0
    def make_incrementer(self, step):
        def inc():
            self.count += step
            return self.count
        return inc
c = Counter()
inc2 = c.make_incrementer(2)
inc2(); inc2()
print(c.count)
