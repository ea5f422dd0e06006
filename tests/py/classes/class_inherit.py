# single inheritance, overriding and calling the base class
class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return '...'
    def intro(self):
        return '%s says %s' % (self.name, self.speak())
class Cat(Animal):
    def speak(self):
        return 'meow'
class Lion(Cat):
    def __init__(self, name, pride):
        super().__init__(name)
        self.pride = pride
    def speak(self):
        return Cat.speak(self).upper() + '!'
for a in (Animal('thing'), Cat('Tom'), Lion('Leo', 'north')):
    print(a.intro())
l = Lion('Leo', 'north')
print(l.pride, isinstance(l, Cat), isinstance(l, Animal), issubclass(Lion, Animal))
print(issubclass(Animal, Cat), isinstance(Cat('x'), Lion))
class Base:
    x = 1
class Derived(Base):
    pass
print(Derived.x, Derived().x)
Base.x = 2
print(Derived.x)
