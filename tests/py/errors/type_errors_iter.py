# TypeError when iterating or unpacking non-iterables
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

check('iter int', lambda: iter(5))
check('iter None', lambda: iter(None))
check('next on list', lambda: next([1, 2]))
check('next on int', lambda: next(5))
check('list(int)', lambda: list(3))
check('tuple(float)', lambda: tuple(1.5))
check('set(int)', lambda: set(7))
check('sorted(None)', lambda: sorted(None))
check('enumerate(int)', lambda: enumerate(1))
check('sum(int)', lambda: sum(5))
check('min(int)', lambda: min(1))
def unpack_int():
    a, b = 5
    return a, b
def for_over_int():
    for x in 42:
        pass
def star_int():
    return [*5]
def in_int():
    return 1 in 5
def dict_update_int():
    {}.update(5)
def yield_from_int():
    def g():
        yield from 5
    return list(g())
check('unpack int', unpack_int)
check('for over int', for_over_int)
check('star int', star_int)
check('in int', in_int)
check('dict.update int', dict_update_int)
check('yield from int', yield_from_int)
check('list.extend None', lambda: [].extend(None))
check('str.join int', lambda: ''.join(5))
class NoIter:
    pass
check('iter user object', lambda: iter(NoIter()))
class BadIter:
    def __iter__(self):
        return 5
check('__iter__ returns int', lambda: list(BadIter()))
