# campy-opts: -X heapsize=100k
# many short-lived objects in a small heap force frequent collections
total = 0
for i in range(3000):
    s = 'item%d' % i
    l = [s, s.upper(), i]
    d = {'k': l, 'n': i * 2}
    total += len(d['k'][1]) + d['n']
print(total)
words = []
for i in range(200):
    words.append(('w%d' % i) * 3)
    if len(words) > 50:
        words = words[25:]
print(len(words), words[-1])
acc = 0
for n in range(2000):
    acc += sum([n, n + 1, n + 2])
print(acc)
