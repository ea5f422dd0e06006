# set construction, membership, add/remove
s = {3, 1, 2, 3, 1}
print(sorted(s), len(s), 2 in s, 5 in s)
print(set(), sorted(set('hello')), sorted(set([1, 1, 2])), sorted(set(range(3))))
s.add(10)
s.add(1)
print(sorted(s))
s.remove(10)
s.discard(99)
s.discard(3)
print(sorted(s))
try:
    s.remove(99)
except KeyError:
    print('remove missing: KeyError')
print(s.pop() in (1, 2), len(s))
s.clear()
print(s, len(s))
print({1}, {'a'}, set([()]))
t = {1, 2}
u = t.copy()
u.add(3)
print(sorted(t), sorted(u))
