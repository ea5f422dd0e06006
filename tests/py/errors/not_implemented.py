# NotImplementedError for abstract methods; NotImplemented is a distinct constant
class Shape:
    def area(self):
        raise NotImplementedError('subclass must implement area')
class Sq(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
for shape in (Sq(3), Shape()):
    try:
        print(shape.area())
    except NotImplementedError as e:
        print('NotImplementedError', e.args[0])
print(NotImplemented is NotImplemented, isinstance(NotImplementedError(), RuntimeError))
class Cmp:
    def __eq__(self, o):
        return NotImplemented
print(Cmp() == 5, Cmp() != 5)
c = Cmp()
print(c == c)
