# sorted() returns a new list and accepts any iterable
data = [3, 1, 2]
s = sorted(data)
print(s, data, s is data)
print(sorted('banana'), sorted({'b': 1, 'a': 2}), sorted({3, 1, 2}), sorted((2, 1)))
print(sorted(['b', 'A', 'c'], key=str.lower), sorted([-3, 2, -1], key=abs, reverse=True))
print(sorted([[2, 'b'], [1, 'z'], [2, 'a']]), sorted(x % 4 for x in range(8)))
people = [('amy', 30), ('bob', 25), ('cat', 30), ('dan', 25)]
print(sorted(people, key=lambda p: p[1]), sorted(people, key=lambda p: p[1], reverse=True))
print(sorted([0.5, -1, 2 ** 65, 3]), sorted([]), sorted([True, False, 0, 1]))
