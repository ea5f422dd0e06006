# float() from strings and numbers
print(float('1.5'), float(' -2.25 '), float('3'), float('+0.5'))
print(float('1e3'), float('1E-2'), float('.5'), float('5.'))
print(float('inf'), float('-inf'), float('Infinity'), float('-INF'))
print(float('nan'))
print(float(True), float(10 ** 3), float(-7))
print(int(2.5), int(-2.5), int(1e6))
print(float('0.0'), float('-0.0'))
