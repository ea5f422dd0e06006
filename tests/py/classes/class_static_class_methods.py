# staticmethod and classmethod
class Shape:
    count = 0
    def __init__(self, name):
        self.name = name
        Shape.count += 1
    @staticmethod
    def area_of_square(side):
        return side * side
    @classmethod
    def square(cls, name):
        return cls(name)
    @classmethod
    def get_count(cls):
        return cls.count
class Circle(Shape):
    pass
print(Shape.area_of_square(3), Shape('a').area_of_square(4))
sq = Shape.square('sq')
c = Circle.square('circle')
print(type(sq).__name__, type(c).__name__, c.name)
print(Shape.get_count(), Circle.get_count(), c.get_count())
def plain(x):
    return x + 1
class Holder:
    inc = staticmethod(plain)
    make = classmethod(lambda cls: cls.__name__)
print(Holder.inc(1), Holder().inc(2), Holder.make(), Holder().make())
