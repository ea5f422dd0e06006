# class attributes, instance attributes, methods and __init__
class Dog:
    kind = 'canine'
    def __init__(self, name):
        self.name = name
        self.tricks = []
    def add_trick(self, trick):
        self.tricks.append(trick)
        return self
    def describe(self):
        return '%s the %s knows %s' % (self.name, self.kind, self.tricks)
a = Dog('Rex')
b = Dog('Fido')
a.add_trick('sit').add_trick('roll')
print(a.describe())
print(b.describe())
print(a.kind, Dog.kind, a.name, type(a).__name__, type(a) is Dog)
Dog.kind = 'wolf'
print(a.kind, b.kind)
a.kind = 'own'
print(a.kind, b.kind, Dog.kind)
print(isinstance(a, Dog), Dog.__name__)
class Empty:
    pass
e = Empty()
e.x = 1
print(e.x)
