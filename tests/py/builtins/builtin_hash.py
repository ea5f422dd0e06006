# hash() relations that hold in every implementation
print(hash(1) == hash(1.0), hash(0) == hash(False) == hash(0.0), hash(True) == hash(1))
print(hash('abc') == hash('abc'), hash(b'abc') == hash(b'abc'), hash((1, 'a')) == hash((1, 'a')))
print(hash(2 ** 70) == hash(2 ** 70), hash(None) == hash(None), hash(frozenset([1])) == hash(frozenset([1])))
print(isinstance(hash('x'), int), isinstance(hash(12.5), int))
for unhashable in ([], {}, set(), bytearray()):
    try:
        hash(unhashable)
    except TypeError:
        print(type(unhashable).__name__, 'unhashable')
class H:
    def __hash__(self):
        return 12345
print(hash(H()))
