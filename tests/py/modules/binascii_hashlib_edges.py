# binascii and hashlib against CPython: every function on empty, odd and
# wrong-typed input, base64 padding and junk, crc32 chaining, digests at
# the block boundaries, update after digest, copy
import binascii, hashlib
def attempt(label, f):
    try:
        r = f()
        print(label, 'ok', repr(r))
    except (ValueError, binascii.Error) as e:
        print(label, 'ValueError')
    except Exception as e:
        print(label, type(e).__name__)
for d in [b'', b'\x00\xff', bytearray(b'abc'), memoryview(b'xyz'), 'str', 5]:
    d_label = type(d).__name__
    attempt('hexlify %s' % d_label, lambda: binascii.hexlify(d))
    attempt('b2a_hex %s' % d_label, lambda: binascii.b2a_hex(d))
attempt('hexlify sep', lambda: binascii.hexlify(b'\x01\x02\x03', '-'))
attempt('hexlify sep b', lambda: binascii.hexlify(b'\x01\x02\x03', b':'))
attempt('hexlify sep bad', lambda: binascii.hexlify(b'\x01\x02', '--'))
for d in ['', '00ff', 'ABcd', b'0a', '0', 'zz', '0 1', bytearray(b'ab'), 'é1']:
    attempt('unhexlify %r' % (d,), lambda: binascii.unhexlify(d))
for d in [b'', b'a', b'ab', b'abc', b'abcd', bytes(range(256)), 'str']:
    attempt('b2a_base64 %r' % (d[:8],), lambda: binascii.b2a_base64(d))
attempt('b2a_base64 nl', lambda: binascii.b2a_base64(b'ab', newline=False))
for d in [b'', b'YQ==', b'YWI=', b'YWJj', 'YWJj', b'YW\nJj\n', b'YWJ', b'Y', b'YQ', b'YQ=', b'Y===', b'!!!!', b'YWJjZA==extra', b'YW Jj', b'=YWJj', bytearray(b'YWJj')]:
    attempt('a2b_base64 %r' % (d,), lambda: binascii.a2b_base64(d))
for d, v in [(b'', 0), (b'hello', 0), (b'hello', 123), (b'hello', -1), (b'hello', 2**32 + 5), (bytearray(b'x'), 0)]:
    attempt('crc32 %r %r' % (d, v), lambda: binascii.crc32(d, v))
attempt('crc32 1arg', lambda: binascii.crc32(b'The quick brown fox jumps over the lazy dog'))
attempt('crc32 str', lambda: binascii.crc32('x'))
attempt('crc32 chain', lambda: binascii.crc32(b'world', binascii.crc32(b'hello ')) == binascii.crc32(b'hello world'))
for name in ('sha256', 'sha1', 'md5'):
    h = getattr(hashlib, name)
    for d in [b'', b'abc', b'a' * 55, b'a' * 56, b'a' * 63, b'a' * 64, b'a' * 65, b'a' * 1000, bytes(range(256)) * 5]:
        attempt('%s %d' % (name, len(d)), lambda: h(d).hexdigest())
    x = h()
    x.update(b'ab')
    x.update(bytearray(b'c'))
    x.update(memoryview(b'def'))
    attempt(name + ' update', lambda: x.digest() == h(b'abcdef').digest())
    attempt(name + ' digest twice', lambda: x.digest() == x.digest())
    attempt(name + ' update after digest', lambda: (x.update(b'g'), x.hexdigest() == h(b'abcdefg').hexdigest())[1])
    attempt(name + ' str', lambda: h('abc'))
    attempt(name + ' update str', lambda: h().update('abc'))
    attempt(name + ' int', lambda: h(5))
    attempt(name + ' sizes', lambda: (h().digest_size, h().block_size, h().name))
    attempt(name + ' copy', lambda: (lambda a: (a.update(b'x'), a.copy().hexdigest() == a.hexdigest())[1])(h(b'y')))
attempt('new', lambda: hashlib.new('sha256', b'abc').hexdigest())
attempt('new bad', lambda: hashlib.new('nope'))
