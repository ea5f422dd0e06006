# heapq: a min-heap in a list
import heapq

h = []
for x in [5, 3, 8, 1, 9, 2, 7, 3]:
    heapq.heappush(h, x)
print(h, [heapq.heappop(h) for i in range(len(h))], h)
l = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
heapq.heapify(l)
print(l)
print(heapq.heapreplace(l, 10), l)
print(heapq.heappushpop(l, -1), heapq.heappushpop(l, 5), l)
print(heapq.heappushpop([], 3))
h = []
heapq.heappush(h, (2, 'b'))
heapq.heappush(h, (1, 'a'))
heapq.heappush(h, (1, 'Z'))
print(heapq.heappop(h), heapq.heappop(h), heapq.heappop(h))
print(heapq.nsmallest(3, [5, 1, 4, 2]), heapq.nlargest(2, 'hello'), heapq.nsmallest(0, [1]), heapq.nlargest(10, [3, 1]))
print(heapq.nsmallest(2, [(1, 'b'), (0, 'z'), (5, 'a')], key=lambda t: t[1]), heapq.nlargest(1, [1, -5], key=abs))
# heap sort of pseudo-random data matches sorted()
data = [(i * 7919) % 1009 for i in range(500)]
heap = []
for v in data:
    heapq.heappush(heap, v)
print([heapq.heappop(heap) for i in range(len(heap))] == sorted(data))
heap = list(data)
heapq.heapify(heap)
ok = all(heap[k] <= heap[c] for k in range(len(heap)) for c in (2 * k + 1, 2 * k + 2) if c < len(heap))
print(ok, [heapq.heappop(heap) for i in range(len(heap))] == sorted(data))
heap = [1.5, 0.5, 2]
heapq.heapify(heap)
print(heapq.heappop(heap))


class Item:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v > other.v  # a max-heap by reversed order

    def __repr__(self):
        return 'Item(%d)' % self.v


h = []
for v in [3, 1, 4, 1, 5]:
    heapq.heappush(h, Item(v))
print([heapq.heappop(h) for i in range(5)])


class Sub(list):
    pass


s = Sub([3, 2, 1])
heapq.heapify(s)
print(s, heapq.heappop(s))
for bad in [lambda: heapq.heappop([]), lambda: heapq.heapreplace([], 1), lambda: heapq.heappush((), 1),
            lambda: heapq.heapify('abc'), lambda: heapq.heappush([1], 'x')]:
    try:
        bad()
        print('no error')
    except (IndexError, TypeError) as e:
        print(type(e).__name__)


class Mutator:
    def __init__(self, heap):
        self.heap = heap

    def __lt__(self, other):
        self.heap.clear()
        return True


h = [1, 2, 3]
h.append(Mutator(h))
try:
    heapq.heapify(h)
    print('no error')
except (RuntimeError, IndexError) as e:
    print('changed size')
