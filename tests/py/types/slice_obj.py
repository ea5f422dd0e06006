# slice objects and their use with sequences and __getitem__
s = slice(1, 8, 2)
print(s, s.start, s.stop, s.step)
print(slice(5), slice(None, 3), slice(1, None, -1))
print([0, 1, 2, 3, 4, 5, 6, 7, 8][s], 'abcdefghij'[s], (0, 1, 2, 3)[slice(2)])
class Show:
    def __getitem__(self, key):
        return key
o = Show()
print(o[1:2], o[::3], o[:], o[1:2, 3], o[...])
k = o[2:9:3]
print(type(k).__name__, k.start, k.stop, k.step)
print(s.indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3))
