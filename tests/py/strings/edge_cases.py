# argument checks and mapping rules found by comparing many random calls with CPython
t = bytes.maketrans(b'abc', b'xyz')
print(len(t), b'aabbcd'.translate(t), bytearray(b'abc').translate(None, b'b'), b'hello'.translate(t, b'l'), bytearray.maketrans(b'a', b'b')[97])
print(repr('' % b'x'), repr('' % []), repr('' % bytearray()), repr(bytearray() % {}), repr(str(b'', 'nope')), repr(b''.decode('nope')))
print(memoryview(bytearray(b'ab')) < bytearray(b'b'), bytearray(b'a') <= memoryview(b'a'), memoryview(b'ab').tobytes('C'))
for f in [lambda: b''.translate(b'x'), lambda: bytes.maketrans(b'a', b'bc'), lambda: '{0}'.format_map({}), lambda: '{}'.format_map({}),
          lambda: b'a'.decode(None), lambda: b'a'.decode('utf-8', None), lambda: str(b'a', None), lambda: bytes('a', None),
          lambda: 'a'.encode(errors=5), lambda: ''.encode('nope'), lambda: 'x' * (-2**70), lambda: b'x' * (2**70),
          lambda: 'a'.splitlines(b'x'), lambda: b'' % 'a', lambda: b'x' % b'y', lambda: b'a' < memoryview(b'b'),
          lambda: bytearray().pop('x'), lambda: bytearray().extend('x'), lambda: memoryview(b'a').tobytes('Q'),
          lambda: b'ab'.find(300), lambda: b'ab'.find(1, 'x')]:
    try:
        print(repr(f()))
    except (TypeError, ValueError, IndexError, LookupError, OverflowError) as e:
        print(type(e).__name__, e)
ba = bytearray()
ba.extend('')
print(ba)
# format corner cases
print(format(1e-7, '#12'), '{:#}'.format(1+2j), format(-0.5j, 'z#'), format(42, '06c'), format(65, '5c'), format(1+2j, 'é>+02'))
for f in [lambda: format(0, '10_n'), lambda: format(-1, '.11c'), lambda: format(1, 'zc'), lambda: '%1.5%' % (42,),
          lambda: '%5%' % (), lambda: format(-0.5j, '0<#13f')]:
    try:
        print(repr(f()))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
