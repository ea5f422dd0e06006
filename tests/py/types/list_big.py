# larger lists grow and shrink correctly
l = []
for i in range(1000):
    l.append(i * 2)
print(len(l), l[0], l[999], sum(l))
while len(l) > 10:
    l.pop()
print(l)
m = list(range(500)) + list(range(500))
print(len(m), m.count(7), m.index(499), m.index(0, 1))
del m[100:900]
print(len(m), m[99], m[100])
m.sort(reverse=True)
print(m[:5])
