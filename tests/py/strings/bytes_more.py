# bytes: methods, operators, construction and errors
b = b'hello world'
print(b[0], b[-1], b[1:4], b[::-2], b.find(b'o'), b.find(111), b.rfind(b'o'), b.count(b'l'), b.count(108), b.index(b'w'))
print(b.split(), b.split(b'o'), b.rsplit(b'o', 1), b.upper(), b.title(), b.capitalize(), b.swapcase(), b.center(15, b'*'), b.zfill(13))
print(b.replace(b'o', b'0'), b.strip(b'hd'), b.partition(b' '), b.rpartition(b'x'), b.startswith(b'he'), b.endswith(memoryview(b'ld')))
print(b' '.join([b'a', bytearray(b'b'), memoryview(b'c')]), b'ab' + bytearray(b'cd'), bytearray(b'ab') + b'cd', b'ab' + memoryview(b'x'))
print(b'abc' == bytearray(b'abc'), bytearray(b'abc') == b'abc', b'abc' < bytearray(b'abd'), b'a' == 'a', b'abc' == memoryview(b'abc'))
print(bytes(5), bytes([1, 2]), bytes(b'x'), bytes(bytearray(b'y')), bytes(memoryview(b'z')), bytes(x for x in range(3)), bytes(range(250, 256)))
print(b'\x00\xff'.hex(), b'abc'.hex(':'), b'abcdef'.hex('-', 2), b'abcdef'.hex('-', -2), b'abcde'.hex(' ', 2), bytes.fromhex('41 42\t43'), bytearray.fromhex('ff'))
print(b'%d %s %r %x %c %c %5.1f|%-4b|' % (5, b'x', b'y', 255, 65, b'z', 2.25, b'q'), b'%(k)s' % {b'k': b'v'}, b'%a' % 'é', b'%s' % memoryview(b'm'))
print(hash(b'abc') == hash(b'ab' + b'c'), b'abc'.decode(), len(bytes(1000)), b'a\tb'.expandtabs(4), b'A b'.isalpha(), b'Ab'.istitle())
print(b'  x '.lstrip(), b'xyx'.rstrip(b'x'), b'a,b'.split(b',', maxsplit=0), b'a\nb\r\n'.splitlines(True), b'abc'.removeprefix(b'a'))
print(repr(b"'"), repr(b'"'), repr(b'\'"'), repr(bytes(range(0x1e, 0x22))), repr(b'\x7f\x80\\'), bytearray(b"'"), bytearray(b'"'))
class B(bytes):
    pass
x = B(b'xy')
print(x, x + b'z', x[0], len(x), x.upper(), isinstance(x, bytes), bytes(x))
for bad in [lambda: b'a' + 'b', lambda: b'a'[5], lambda: bytes('a'), lambda: bytes(-1), lambda: bytes([256]), lambda: bytes([1, 'a']),
            lambda: bytes(1.5), lambda: b'a'.find('a'), lambda: b'a' < 'a', lambda: bytes.fromhex('zz'), lambda: bytes.fromhex('a'),
            lambda: b'a'.decode('zzz'), lambda: 300 in b'a', lambda: 'a' in b'a', lambda: b'%d' % b'x', lambda: b'%s' % 'x',
            lambda: b'a'.join(['b']), lambda: bytes(b'abc', 'utf-8'), lambda: b'a'.center(3, 'x'), lambda: b'abc'[1:2:0], lambda: b'a' * 'b',
            lambda: b'%y' % 1, lambda: b'%s %s' % b'x']:
    try:
        print(bad())
    except (TypeError, ValueError, IndexError, LookupError) as e:
        print(type(e).__name__, e)
