# array.array and collections.deque indexed with an object whose __index__
# empties the container: an exception, not a read or write through the
# positions of the old contents (CPython itself crashes on the array case).
import array
from collections import deque


class Idx:
    def __init__(self, v, act):
        self.v = v
        self.act = act

    def __index__(self):
        self.act()
        return self.v


def attempt(label, f):
    try:
        print(label, f())
    except (IndexError, RuntimeError, TypeError) as e:
        print(label, type(e).__name__)


def empty(a):
    return lambda: a.__delitem__(slice(0, len(a)))


a = array.array("i", range(100))
attempt("array pop", lambda: a.pop(Idx(50, empty(a))))
a = array.array("i", range(100))
attempt("array get", lambda: a[Idx(50, empty(a))])
a = array.array("i", range(100))
attempt("array set", lambda: a.__setitem__(Idx(50, empty(a)), 7))
a = array.array("i", range(100))
attempt("array del", lambda: a.__delitem__(Idx(50, empty(a))))
a = array.array("i", range(100))
attempt("array slice", lambda: a[Idx(10, empty(a)):90])
print(len(a))
d = deque(range(10))
attempt("deque get", lambda: d[Idx(5, d.clear)])
d = deque(range(10))
attempt("deque set", lambda: d.__setitem__(Idx(5, d.clear), 1))
d = deque(range(10))
attempt("deque del", lambda: d.__delitem__(Idx(5, d.clear)))
print(len(d))
