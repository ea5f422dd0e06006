# str() constructor
print(str(), str(1), str(-2.5), str([1, 'a']), str((1,)), str({'a': 1}), str(None), str(False))
print(str(b'abc'), str(b'abc', 'utf-8'), str(bytearray(b'x'), 'utf-8'), str('same'))
print(str(2 ** 64), str(1e20), str(1j), str(range(2)), str(ValueError('msg')))
class S:
    def __str__(self):
        return 'custom str'
print(str(S()), str(str))
