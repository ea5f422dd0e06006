# len() of builtin containers and objects with __len__
print(len(''), len('abc'), len('é€😀'), len(b'\x00\x01'), len(bytearray(7)))
print(len([]), len([1, [2, 3]]), len(()), len((1,)), len({}), len({'a': 1}))
print(len(set()), len({1, 2, 2}), len(frozenset('aab')), len(range(10)), len(range(0, 10, 3)))
print(len(memoryview(b'abcd')), len({1: 2}.items()), len({1: 2}.keys()))
class L:
    def __len__(self):
        return 42
print(len(L()))
