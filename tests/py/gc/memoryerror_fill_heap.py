# campy-opts: -X heapsize=256k
# filling the heap piece by piece ends in MemoryError; freeing it lets work resume
import gc
chunks = []
try:
    while True:
        chunks.append(bytearray(1024))
except MemoryError:
    print('MemoryError after filling the heap')
print(len(chunks) > 10)
chunks = None
gc.collect()
data = [bytearray(1024) for i in range(20)]
print(len(data), sum(len(d) for d in data))
