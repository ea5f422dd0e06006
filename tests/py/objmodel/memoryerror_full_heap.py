# campy-opts: -X heapsize=48k
# MemoryError is raised and caught when the heap is completely full, the
# heap is usable again afterwards, and exceptions still work there.
def fill():
    chunks = []
    try:
        while True:
            chunks.append([0] * 32)
    except MemoryError as e:
        n = len(chunks)
        chunks = None
        return type(e).__name__, e.args, n > 10
class Full(Exception):
    pass
def raise_when_full():
    keep = []
    try:
        while True:
            keep.append((1, 2, 3))
    except MemoryError:
        keep = None
        raise Full('heap was full')
for i in range(3):
    print(fill())
try:
    raise_when_full()
except Full as f:
    print('Full', f, f.args)
print([i * i for i in range(5)])
