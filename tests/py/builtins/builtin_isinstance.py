# isinstance() and issubclass() with builtin types
checks = [(1, int), (True, int), (True, bool), (1, bool), (1.0, float), (1, float), ('s', str),
          (b'b', bytes), (bytearray(), bytes), ([], list), ((), tuple), ({}, dict), (set(), set),
          (frozenset(), set), (None, object), (int, type), (len, object), (1j, complex)]
for i, (obj, t) in enumerate(checks):
    print(i, t.__name__, isinstance(obj, t))
print(issubclass(bool, int), issubclass(int, bool), issubclass(bool, (str, int)), issubclass(list, object))
print(isinstance(3, (str, (float, int))))
