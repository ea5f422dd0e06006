# unreachable reference cycles are freed by gc.collect()
import gc
class Node:
    pass
gc.collect()
before = gc.mem_free()
ring = []
for i in range(300):
    a = Node()
    b = Node()
    a.peer = b
    b.peer = a
    a.payload = bytearray(16)
    ring.append(a)
held = gc.mem_free()
print(held < before)
ring = None
a = b = None
gc.collect()
print(gc.mem_free() > held)
