# sequence repetition and concatenation
print([1, 2] * 2, 2 * [0], [1] * 0, [1] * -3)
print((1,) * 3, 'ab' * 3, 3 * 'x', b'ab' * 2)
print([1] + [2], (1,) + (2,), 'a' + 'b', b'a' + b'b')
print(bytearray(b'x') * 3, bytearray(b'a') + b'b')
l = [[0]] * 3
l[0].append(1)
print(l)
print(len('abc' * 1000))
