# TypeError for unhashable dict keys and set members
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

check('dict key list', lambda: {[1]: 2})
check('dict key dict', lambda: {{}: 1})
check('dict key set', lambda: {set(): 1})
check('dict key bytearray', lambda: {bytearray(): 1})
check('set of lists', lambda: {[1], [2]})
check('set.add list', lambda: set().add([]))
check('in set with list', lambda: [] in {1})
check('dict lookup list', lambda: {1: 2}[[1]])
check('hash list', lambda: hash([1]))
check('hash tuple with list', lambda: hash((1, [2])))
check('frozenset of lists', lambda: frozenset([[1]]))
check('dict.fromkeys lists', lambda: dict.fromkeys([[1]]))
def setitem():
    d = {}
    d[{}] = 1
check('dict setitem dict key', setitem)
check('hash of tuple ok', lambda: hash((1, 2)) == hash((1, 2)))
