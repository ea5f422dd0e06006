# heapq, errno and gc against CPython where they meet: heap order and
# errors, the error numbers and their names, collector switches
import heapq, errno, gc
def attempt(label, f):
    try:
        r = f()
        print(label, 'ok', repr(r))
    except Exception as e:
        print(label, type(e).__name__)
h = []
for x in [5, 1, 4, 1, 9, 2, 6]:
    heapq.heappush(h, x)
print(h, [heapq.heappop(h) for i in range(len(h))])
attempt('pop empty', lambda: heapq.heappop([]))
attempt('push non-list', lambda: heapq.heappush((1,), 2))
attempt('heapify', lambda: (lambda l: (heapq.heapify(l), l)[1])([9, 8, 7, 6, 5, 4, 3, 2, 1]))
attempt('heapify tuple', lambda: heapq.heapify((1, 2)))
attempt('mixed', lambda: heapq.heappush([1], 'a'))
attempt('tuples', lambda: (lambda l: [heapq.heappush(l, t) for t in [(2, 'b'), (1, 'z'), (1, 'a')]] and [heapq.heappop(l) for i in range(3)])([]))
attempt('pushpop', lambda: (lambda l: (heapq.heappushpop(l, 0), l))([1, 2]))
attempt('replace', lambda: (lambda l: (heapq.heapreplace(l, 5), l))([1, 2]))
attempt('replace empty', lambda: heapq.heapreplace([], 1))
attempt('nlargest', lambda: (heapq.nlargest(2, [3, 1, 4, 1, 5]), heapq.nsmallest(2, [3, 1, 4, 1, 5]), heapq.nlargest(2, 'abc', key=lambda c: -ord(c))))
class C:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
attempt('custom', lambda: (lambda l: [heapq.heappush(l, C(v)) for v in (3, 1, 2)] and [heapq.heappop(l).v for i in range(3)])([]))
for name in ['EPERM', 'ENOENT', 'EIO', 'EBADF', 'EAGAIN', 'ENOMEM', 'EACCES', 'EEXIST', 'ENODEV', 'EISDIR', 'EINVAL', 'ENOSPC', 'ENOTDIR',
             'ETIMEDOUT', 'EINPROGRESS', 'EALREADY', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EHOSTUNREACH', 'EADDRINUSE', 'ENOTCONN', 'ENOBUFS', 'ENOTEMPTY', 'EROFS', 'EXDEV', 'ENAMETOOLONG', 'ELOOP', 'EPIPE']:
    v = getattr(errno, name, None)
    print(name, v, errno.errorcode.get(v) == name if v is not None else None)
print(type(errno.errorcode).__name__)
attempt('errorcode missing', lambda: errno.errorcode[99999])
print(gc.isenabled())
gc.disable(); print(gc.isenabled()); gc.enable(); print(gc.isenabled())
print(gc.collect() is None or isinstance(gc.collect(), int))
