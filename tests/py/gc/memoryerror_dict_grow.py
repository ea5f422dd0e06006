# campy-opts: -X heapsize=128k
# a dict growing without bound fails with MemoryError, not a crash, and the
# program goes on once it lets go of the dict (n exists beforehand: binding
# a new global could need memory while the heap is still full)
n = 0
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
print(n > 100, len(['after'] * 100))
