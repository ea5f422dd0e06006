# list.sort and sorted with key and reverse; sorting is stable
l = [5, 2, 8, 1, 9, 3]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
words = ['banana', 'Apple', 'cherry', 'date', 'fig']
print(sorted(words), sorted(words, key=len), sorted(words, key=str.lower))
print(sorted(words, key=len, reverse=True))
pairs = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b')]
pairs.sort(key=lambda p: p[0])
print(pairs)
print(sorted(pairs))
print(sorted([3.5, -1, 2, 0.5]), sorted('hello'), sorted([]))
data = [('x', 3), ('y', 1), ('z', 3), ('w', 1)]
print(sorted(data, key=lambda t: t[1], reverse=True))
n = list(range(50))
n.sort(key=lambda v: v % 5)
print(n)
print(l.sort() is None)
