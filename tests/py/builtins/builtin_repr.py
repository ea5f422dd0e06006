# repr() of builtin values
for v in (None, True, 0, -12, 2 ** 70, 1.5, 'str', "it's", 'a"b', b'b\x00', bytearray(b'ba'),
          [], [1, 'a'], (), (1,), (1, 2), {}, {'k': 'v'}, set(), {5}, frozenset(), range(3),
          range(1, 5, 2), slice(1, 2, 3), 1j, Ellipsis, int, str, ValueError):
    print(repr(v))
print(repr('\t\n\\'), repr(''), repr(' '))
