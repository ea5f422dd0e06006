# Lists changed by the Python code a list operation calls: __index__ of an
# index or slice bound, the iterable assigned to a slice, __eq__ while
# searching or comparing. The result is an exception or a consistent list,
# never a read of the list's old items array.
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
    except (IndexError, RuntimeError, ValueError, TypeError) as e:
        print(label, type(e).__name__)


l = list(range(100))
attempt("pop", lambda: l.pop(Idx(50, l.clear)))
l = list(range(100))
attempt("getitem", lambda: l[Idx(50, l.clear)])
l = list(range(100))
attempt("setitem", lambda: l.__setitem__(Idx(50, l.clear), 1))
l = list(range(100))
attempt("delitem", lambda: l.__delitem__(Idx(50, l.clear)))
l = list(range(100))
attempt("slice", lambda: l[Idx(10, l.clear):Idx(90, l.clear)])
l = list(range(100))
attempt("slice store", lambda: l.__setitem__(slice(Idx(10, l.clear), 90), [1, 2]))
print(l)

l = list(range(10))


def clear_then_yield():
    l.clear()
    yield from range(5)


attempt("extended slice from generator", lambda: l.__setitem__(slice(0, 10, 2), clear_then_yield()))
l = list(range(10))
l[5:8] = clear_then_yield()
print(l)
l = list(range(10))


def grow_then_yield():
    l.extend(range(100))
    yield 1


l[2:4] = grow_then_yield()
print(len(l), l[:5])


class Eq:
    def __init__(self, act, result):
        self.act = act
        self.result = result

    def __eq__(self, o):
        self.act()
        return self.result


l = [Eq(lambda: l.clear(), True) for _ in range(5)]
l.remove(1)
print("remove", len(l))
l = [Eq(lambda: l.clear(), False) for _ in range(5)]
print("in", 1 in l, len(l))
l = [Eq(lambda: l.clear(), False) for _ in range(5)]
print("count", l.count(1))
l = [Eq(lambda: l.clear(), False) for _ in range(5)]
attempt("index", lambda: l.index(1))


def pop_all_but_one():
    while len(l) > 1:
        l.pop()


l = [Eq(pop_all_but_one, False) for _ in range(100)]
print("in while shrinking", 1 in l, len(l))
a = [Eq(lambda: a.clear(), True) for _ in range(5)]
print("==", a == [1, 2, 3, 4, 5], len(a))
a = [Eq(lambda: a.clear(), False) for _ in range(5)]
print("<", a < [1, 2, 3, 4, 5], len(a))
