# heap_lock / heap_unlock / heap_locked nest; allocation while locked
# raises MemoryError and the heap works again after the last unlock
import micropython

l = []
l2 = list(range(100))
results = [None] * 8
# every global the locked parts assign exists already: a new name would
# grow the module's dict
depth_locked = depth = total = i = 0
print(micropython.heap_locked())
micropython.heap_lock()
micropython.heap_lock()
depth_locked = micropython.heap_locked()

try:
    [1, 2, 3]
    results[0] = 'list allocated'
except MemoryError:
    results[0] = 'list MemoryError'
try:
    l.extend(l2)
    results[1] = 'extend allocated'
except MemoryError:
    results[1] = 'extend MemoryError'
try:
    {'a': 1}
    results[2] = 'dict allocated'
except MemoryError:
    results[2] = 'dict MemoryError'
try:
    'abc' * 100
    results[3] = 'str allocated'
except MemoryError:
    results[3] = 'str MemoryError'
try:
    bytearray(50)
    results[4] = 'bytearray allocated'
except MemoryError:
    results[4] = 'bytearray MemoryError'
try:
    2 ** 200
    results[5] = 'bigint allocated'
except MemoryError:
    results[5] = 'bigint MemoryError'
depth = micropython.heap_unlock()
try:
    [1]
    results[6] = 'allocated with depth 1'
except MemoryError:
    results[6] = 'still locked at depth 1'
results[7] = micropython.heap_unlock()
print(depth_locked, depth, results[7], micropython.heap_locked())
for r in results[:7]:
    print(r)
print([1, 2, 3], len(l))
# unlocking an unlocked heap stays at 0
print(micropython.heap_unlock(), micropython.heap_locked())

# small ints, arithmetic on them and while loops need no heap
micropython.heap_lock()
total = 0
i = 0
while i < 100:
    total += i
    i += 1
micropython.heap_unlock()
print(total)

# a MemoryError caught inside the locked region leaves the heap usable
micropython.heap_lock()
try:
    [0] * 10
except MemoryError:
    pass
micropython.heap_unlock()
print(list(range(3)))

# wrong arguments
for f in (micropython.heap_lock, micropython.heap_unlock, micropython.heap_locked):
    try:
        f(1)
    except TypeError:
        print('TypeError')
