# binascii: hex and base64 forms, crc32
import binascii
print(binascii.hexlify(b'\x01\xab\xff'), binascii.hexlify(b'abcdef', '-'), binascii.hexlify(b'abcdefg', b':', 2), binascii.hexlify(b'abcdefg', ':', -2), binascii.hexlify(b''))
print(binascii.unhexlify('01abFF'), binascii.unhexlify(b''))
for bad in ['abc', 'zz']:
    try: binascii.unhexlify(bad)
    except ValueError as e: print('err', e)
for n in range(8):
    d = bytes(range(200, 200 + n))
    e = binascii.b2a_base64(d)
    print(e, binascii.b2a_base64(d, newline=False), binascii.a2b_base64(e) == d)
print(binascii.a2b_base64('YW Jj\nZA=='), binascii.a2b_base64(b'YWJjZA==YQ=='), binascii.a2b_base64('YWI=x'))
for bad in ['YWJjZ', 'YWJjZA', 'YWJjZA=']:
    try: print(binascii.a2b_base64(bad))
    except ValueError as e: print('err', e)
print(binascii.crc32(b''), binascii.crc32(b'hello world'), binascii.crc32(b'world', binascii.crc32(b'hello ')), binascii.crc32(b'x', 2**40+5), binascii.crc32(b'abc', -1))
print(binascii.crc32(bytes(range(256)) * 10))
print(binascii.b2a_hex(b'\x00\x10'), binascii.a2b_hex('0010'), binascii.hexlify(bytearray(b'ab')), binascii.hexlify(memoryview(b'xy')))
print(binascii.unhexlify(bytearray(b'4142')), binascii.a2b_base64(bytearray(b'QUJD')), binascii.b2a_base64(b''))
for f, arg in [(binascii.hexlify, 'str'), (binascii.unhexlify, 'é0'), (binascii.a2b_base64, 'é'), (binascii.crc32, 'abc'),
               (binascii.b2a_base64, 'abc'), (binascii.unhexlify, 5)]:
    try:
        print(f(arg))
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
try:
    binascii.hexlify(b'abc', '--')
except ValueError:
    print('ValueError')
print(binascii.Error is not None, issubclass(binascii.Error, Exception))
