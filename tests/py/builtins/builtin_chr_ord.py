# chr() and ord() across ASCII and the rest of Unicode
print(chr(65), chr(97), chr(48), chr(32) == ' ', repr(chr(0)), repr(chr(10)))
print(ord('A'), ord('a'), ord('0'), ord(' '), ord('\n'), ord('\x00'))
for cp in (127, 128, 233, 2047, 2048, 8364, 65535, 65536, 128512, 1114111):
    c = chr(cp)
    print(cp, ord(c) == cp, len(c), len(c.encode()))
print(''.join(chr(ord(c) + 1) for c in 'HAL'))
print(ord(b'a'), ord(bytearray(b'z')))
