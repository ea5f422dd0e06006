# multiple inheritance with independent bases
class Walker:
    def walk(self):
        return 'walking'
    def move(self):
        return 'walker move'
class Swimmer:
    def swim(self):
        return 'swimming'
    def move(self):
        return 'swimmer move'
class Duck(Walker, Swimmer):
    pass
class Fish(Swimmer):
    pass
class Frog(Swimmer, Walker):
    def move(self):
        return 'frog: ' + Walker.move(self) + ' + ' + Swimmer.move(self)
d = Duck()
print(d.walk(), d.swim(), d.move())
print(Frog().move(), Fish().move())
print(isinstance(d, Walker), isinstance(d, Swimmer), issubclass(Duck, Swimmer))
class A:
    a = 'A.a'
class B:
    a = 'B.a'
    b = 'B.b'
class C(A, B):
    pass
print(C.a, C.b)
class Mixin:
    def greet(self):
        return 'hello from ' + self.name
class Named:
    def __init__(self, name):
        self.name = name
class Person(Mixin, Named):
    pass
print(Person('ann').greet())
