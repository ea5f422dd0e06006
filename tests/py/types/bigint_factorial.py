# factorial and big-int digit arithmetic
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

f = fact(100)
print(f)
print(sum(int(c) for c in str(f)))
print(fact(50) // fact(48))
print(fact(30) % 1000003)
z = 0
while f % 10 == 0:
    f //= 10
    z += 1
print(z)
