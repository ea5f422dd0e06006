# while loops: counters, conditions with side effects
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print(steps)
a, b = 0, 1
fibs = []
while a < 100:
    fibs.append(a)
    a, b = b, a + b
print(fibs)
s = 'hello'
i = len(s)
r = ''
while i:
    i -= 1
    r += s[i]
print(r)
