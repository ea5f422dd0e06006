# small int arithmetic
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a + b, -a * b, a - -b)
print(abs(-7), abs(7), abs(0))
print(0 * -1, -0, 7 // 7, 0 // 5)
print(divmod(17, 5), divmod(-17, 5))
x = 1
for i in range(20):
    x = x * 3 + 1
print(x)
print(10 / 4, 10 / 5, -9 / 3)
print(type(10 / 5).__name__, type(10 // 5).__name__)
print(int.__name__, int() , int(7))
