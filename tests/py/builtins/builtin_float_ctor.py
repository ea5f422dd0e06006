# float() constructor
print(float(), float(1), float(-3), float('2.5'), float(' 7 '), float('-0.125'), float(True))
print(float('1e2'), float('1.5E-1'), float('inf'), float('-inf'), float('+1.25'))
print(float(10 ** 15), float(2 ** 60) == 2 ** 60)
class F:
    def __float__(self):
        return 0.75
print(float(F()))
