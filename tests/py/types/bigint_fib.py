# fibonacci numbers well past the machine word
a, b = 0, 1
for i in range(300):
    a, b = b, a + b
print(a)
print(a % 1000000007, len(str(a)))
def fib_pair(n):
    if n == 0:
        return 0, 1
    x, y = fib_pair(n // 2)
    c = x * (2 * y - x)
    d = x * x + y * y
    return (d, c + d) if n % 2 else (c, d)
print(fib_pair(300)[0] == a)
print(fib_pair(1000)[0] % 10 ** 12)
