# truth value of builtin objects
values = [0, 1, -1, 0.0, 0.5, '', 'a', b'', b'\x00', [], [0], (), (0,),
          {}, {0: 0}, set(), {0}, range(0), range(1), None, 0j, 1j,
          bytearray(), bytearray(1), frozenset()]
for v in values:
    print(repr(v), bool(v))
if []:
    print('empty list true')
else:
    print('empty list false')
n = 0
while [1] * (3 - n):
    n += 1
print(n)
