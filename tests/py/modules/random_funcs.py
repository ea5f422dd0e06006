# random: ranges, types, determinism after seed() (values differ from CPython's)
import random

random.seed(42)
a = [random.random() for i in range(10)]
random.seed(42)
b = [random.random() for i in range(10)]
random.seed(43)
c = [random.random() for i in range(10)]
print(a == b, a != c, all(0 <= x < 1 for x in a), type(a[0]).__name__)
random.seed(7)
s1 = [random.getrandbits(16), random.randrange(100), random.randint(1, 6), random.choice('abc')]
random.seed(7)
s2 = [random.getrandbits(16), random.randrange(100), random.randint(1, 6), random.choice('abc')]
print(s1 == s2)
random.seed()
random.seed(None)
random.seed(-5)
random.seed(2**100)
random.seed('text')
random.seed(b'bytes')
for k in (0, 1, 5, 8, 16, 31, 32, 33, 64, 100, 200):
    ok = all(0 <= random.getrandbits(k) < 2**k for i in range(50))
    print(k, ok)
print(random.getrandbits(0))
seen = set(random.randrange(10) for i in range(1000))
print(sorted(seen))
seen = set(random.randrange(-5, 5) for i in range(1000))
print(sorted(seen))
print(sorted(set(random.randrange(1, 10, 3) for i in range(300))), sorted(set(random.randrange(10, 0, -4) for i in range(300))))
print(sorted(set(random.randint(-2, 2) for i in range(300))), random.randint(5, 5))
big = [random.randrange(10**30) for i in range(50)]
print(all(0 <= x < 10**30 for x in big), len(set(big)) > 45)
big = [random.randint(-2**70, 2**70) for i in range(50)]
print(all(-2**70 <= x <= 2**70 for x in big), any(x < 0 for x in big), any(x > 2**60 for x in big))
print(all(random.choice([4, 5, 6]) in (4, 5, 6) for i in range(50)), random.choice((9,)), random.choice(range(3, 4)))
u = [random.uniform(2, 5) for i in range(200)]
print(all(2 <= v <= 5 for v in u), all(-1 <= random.uniform(0, -1) <= 0 for i in range(50)))
# a rough look at the distribution: 6000 dice throws, each face near 1000
counts = [0] * 6
for i in range(6000):
    counts[random.randint(1, 6) - 1] += 1
print(all(850 < n < 1150 for n in counts))
mean = sum(random.random() for i in range(4000)) / 4000
print(0.45 < mean < 0.55)
bits = sum(random.getrandbits(1) for i in range(4000))
print(1800 < bits < 2200)
l = list(range(20))
random.shuffle(l)
print(sorted(l) == list(range(20)))
for bad in [lambda: random.randrange(0), lambda: random.randrange(5, 5), lambda: random.randrange(1, 10, 0),
            lambda: random.randrange(10, 1), lambda: random.randrange(1, 10, -1), lambda: random.randint(3, 1),
            lambda: random.getrandbits(-1), lambda: random.choice([]),
            lambda: random.randint(1, 'x'), lambda: random.seed([1])]:
    try:
        bad()
        print('no error')
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__)
