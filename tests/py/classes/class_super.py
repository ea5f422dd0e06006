# super() in methods, including explicit two-argument form
class A:
    def __init__(self):
        self.trace = ['A']
    def who(self):
        return 'A'
    def chain(self):
        return ['A']
class B(A):
    def __init__(self):
        super().__init__()
        self.trace.append('B')
    def who(self):
        return 'B>' + super().who()
    def chain(self):
        return ['B'] + super(B, self).chain()
class C(B):
    def __init__(self):
        super().__init__()
        self.trace.append('C')
    def who(self):
        return 'C>' + super().who()
    def chain(self):
        return ['C'] + super().chain()
c = C()
print(c.trace, c.who(), c.chain())
class D(A):
    def who(self):
        helper = lambda: 'helper'
        return super().who() + helper()
print(D().who())
class E(A):
    pass
print(E().who(), super(E, E()).who())
