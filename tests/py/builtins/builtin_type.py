# type() with one argument and with three
print(type(0).__name__, type('').__name__, type([]).__name__, type(None).__name__, type(type).__name__)
Point = type('Point', (object,), {'x': 0, 'y': 0, 'norm1': lambda self: abs(self.x) + abs(self.y)})
p = Point()
p.x, p.y = 3, -4
print(type(p).__name__, p.norm1(), isinstance(p, Point))
Point3 = type('Point3', (Point,), {'z': 5})
q = Point3()
print(q.z, q.x, q.norm1(), issubclass(Point3, Point))
print(type(p) is Point, type(q) is Point, type(q).__name__)
Empty = type('Empty', (), {})
print(Empty.__name__, type(Empty()) is Empty)
