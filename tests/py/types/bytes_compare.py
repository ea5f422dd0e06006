# comparisons and hashing between bytes-like objects
print(b'abc' == bytearray(b'abc'), bytearray(b'abc') == b'abc')
print(b'abc' < b'abd', b'ab' < b'abc', b'b' > b'abc', b'\xff' > b'\x00')
print(sorted([b'b', b'a', b'', b'ab']))
print(b'abc' == 'abc', b'a' != 'a')
print(max([b'x', b'xy', b'a']), min(b'zyx'))
print({b'k': 1}[b'k'], b'ab' in {b'ab', b'cd'})
print(bytearray(b'a') < bytearray(b'b'), bytearray(b'ab') >= b'ab')
