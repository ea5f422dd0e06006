# method lookup through several levels, explicit base calls
class Base:
    def name(self):
        return 'Base'
    def describe(self):
        return 'I am ' + self.name()
class Mid(Base):
    def name(self):
        return 'Mid(' + Base.name(self) + ')'
class Leaf(Mid):
    def name(self):
        return 'Leaf(' + super().name() + ')'
for o in (Base(), Mid(), Leaf()):
    print(o.describe())
print(Base.describe(Leaf()))
m = Leaf().name
print(m())
