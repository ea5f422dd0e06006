# campy-opts: -X heapsize=128k
# a dict growing without bound fails with MemoryError, not a crash
d = {}
try:
    i = 0
    while True:
        d[i] = 'value %d' % i
        i += 1
except MemoryError:
    print('MemoryError')
n = len(d)
d = None
print(n > 100)
