# math's integer functions work on ints of any size
import math

print([math.factorial(n) for n in range(12)])
print(math.factorial(30), math.factorial(True))
print(len(str(math.factorial(500))), math.factorial(100) % 1000003)
print(math.gcd(), math.gcd(12), math.gcd(12, 18), math.gcd(-12, 18), math.gcd(0, 0), math.gcd(12, 18, 27))
print(math.gcd(2**100, 2**60 * 3), math.gcd(10**40 + 1, 10**20 + 7))
print(math.lcm(), math.lcm(4, 6), math.lcm(4, 6, 10), math.lcm(0, 5), math.lcm(-4, 6), math.lcm(2**70, 3))
print([math.isqrt(n) for n in range(20)], math.isqrt(10**40), math.isqrt(10**40 - 1), math.isqrt(2**127))
print(math.comb(10, 3), math.comb(10, 0), math.comb(10, 10), math.comb(3, 5), math.comb(100, 50))
print(math.perm(5), math.perm(5, 2), math.perm(5, 0), math.perm(2, 5), math.perm(30, 20))
print(math.prod([]), math.prod([1, 2, 3, 4]), math.prod(range(1, 21)), math.prod([2, 3], start=10))
print(math.prod([1.5, 2]), math.prod(iter([2**40, 2**40])))
print(math.log(2**2000), math.log2(2**2000), math.log10(10**400), math.log(10**500, 10))
print(math.log(2**100 + 1) == math.log(2.0**100), math.log2(2**64))
print(math.ceil(2**80) == 2**80, math.floor(-2**70), math.trunc(12345678901234567890))
