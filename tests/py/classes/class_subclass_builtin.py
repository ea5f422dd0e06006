# subclassing list and dict
class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
s = Stack()
s.push(1)
s.push(2)
s.extend([3, 4])
print(s.peek(), len(s), s.pop(), isinstance(s, list), list(s))
print(sum(s), sorted(s, reverse=True), s[0], 2 in s)
class Registry(dict):
    def register(self, name):
        self[name] = len(self)
r = Registry()
r.register('a')
r.register('b')
print(r['b'], len(r), list(r.keys()), isinstance(r, dict), 'a' in r)
class Init(list):
    def __init__(self, n):
        super().__init__(range(n))
        self.n = n
i = Init(3)
print(list(i), i.n, len(i))
