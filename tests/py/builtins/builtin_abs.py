# abs() of numbers and objects with __abs__
print(abs(5), abs(-5), abs(0), abs(-0.5), abs(2.5), abs(-(2 ** 100)), abs(True))
print(abs(3 + 4j), abs(-1.5e10), abs(float('-inf')))
class Dist:
    def __abs__(self):
        return 'abs called'
print(abs(Dist()))
print(abs(-2 ** 63), abs(-2 ** 31))
