# type() of builtin values
values = [None, True, 1, 2 ** 100, 1.5, 1j, 'str', b'b', bytearray(),
          [], (), {}, set(), frozenset(), range(1), slice(1), object(),
          lambda: 0, (x for x in ()), type, int, Exception()]
for v in values:
    print(type(v))
import sys
print(type(sys))
