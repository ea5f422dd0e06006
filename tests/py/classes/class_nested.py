# classes defined in functions and in classes
def make_class(greeting):
    class Greeter:
        def greet(self, who):
            return greeting + ', ' + who
    return Greeter
G1 = make_class('Hello')
G2 = make_class('Hi')
print(G1().greet('a'), G2().greet('b'), G1 is G2)
class Outer:
    class Inner:
        val = 'inner value'
        def get(self):
            return self.val
    def make(self):
        return Outer.Inner()
print(Outer.Inner.val, Outer().make().get(), Outer.Inner.__name__)
def counter_class():
    count = 0
    class C:
        def bump(self):
            nonlocal count
            count += 1
            return count
    return C
C = counter_class()
c = C()
c.bump(); c.bump()
print(c.bump(), C().bump())
