# campy-opts: -X heapsize=16m
# Small objects that outgrow the room below the heap's large blocks go into
# the holes among them. While the live data stays as it is, a collection
# cannot make room, so there is no collecting again every few objects: that
# took minutes here, and now a fraction of a second.
import gc
hole = bytes(8000000)          # large blocks go top down: this one first,
middle = bytearray(600)        # then one below it, in the middle of the heap;
hole = None                    # freed, the first leaves a hole above it
gc.collect()
t = ()
n = 0
try:
    while True:                # live small objects, all the way into the hole
        t = (t,)
        n += 1
except MemoryError:
    pass
t = None
print(n > 300000, len(middle))
