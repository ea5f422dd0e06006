# comprehensions over larger ranges
sq = [x * x for x in range(2000)]
print(len(sq), sq[-1], sum(sq))
d = {x: str(x) for x in range(500)}
print(len(d), d[499])
s = {x % 97 for x in range(5000)}
print(len(s))
primes = [n for n in range(2, 200) if all(n % p for p in range(2, n) if p * p <= n)]
print(primes)
