# big int division and modulo, including negative operands
a = 10 ** 40 + 12345
b = 10 ** 17 + 3
for x, y in ((a, b), (-a, b), (a, -b), (-a, -b), (a, 7), (-a, 7), (a, -7)):
    q, r = divmod(x, y)
    print(q, r, q * y + r == x, x // y == q, x % y == r)
print(a // a, a % a, (a * b) // b == a)
print(2 ** 200 // 2 ** 100 == 2 ** 100)
print(123 // (10 ** 30), -123 // (10 ** 30), -123 % (10 ** 30))
