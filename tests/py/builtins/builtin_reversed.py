# reversed() on sequences and objects with __len__/__getitem__
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed((1, 2))), list(reversed(range(5))))
print(list(reversed(range(0, 10, 3))), list(reversed([])), ''.join(reversed('stressed')))
print(list(reversed(b'ab')), list(reversed(bytearray(b'xy'))))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return 'item%d' % i
print(list(reversed(Seq())))
r = reversed([1, 2, 3])
print(next(r), list(r))
