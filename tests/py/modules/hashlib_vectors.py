# hashlib: sha256, sha1 and md5 around the block and padding boundaries
import hashlib

for n in [0, 1, 3, 55, 56, 57, 63, 64, 65, 111, 112, 119, 120, 127, 128, 129, 1000]:
    d = bytes((i * 7 + n) & 255 for i in range(n))
    print(n, hashlib.sha256(d).hexdigest(), hashlib.sha1(d).hexdigest(), hashlib.md5(d).hexdigest())
print(hashlib.sha256(b'abc').digest())
print(hashlib.sha1(b'abc').digest(), hashlib.md5(b'abc').digest())
print(hashlib.sha256(b'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq').hexdigest())
# feeding in pieces of every size gives the same digest
data = bytes(range(256)) * 3
for name in ('sha256', 'sha1', 'md5'):
    whole = getattr(hashlib, name)(data).digest()
    ok = True
    for step in (1, 7, 63, 64, 65, 200):
        h = getattr(hashlib, name)()
        for i in range(0, len(data), step):
            h.update(data[i:i + step])
        ok = ok and h.digest() == whole
    print(name, ok)
# digest() does not end the hash; copy() forks it
h = hashlib.sha256(b'abc')
c = h.copy()
print(h.hexdigest() == h.hexdigest(), h.digest() == c.digest())
h.update(b'def')
print(h.hexdigest(), c.hexdigest(), hashlib.sha256(b'abcdef').hexdigest() == h.hexdigest())
print(h.digest_size, h.block_size, h.name, hashlib.sha1().digest_size, hashlib.md5().name)
print(hashlib.new('sha1', b'x').hexdigest(), hashlib.new('md5').hexdigest())
h = hashlib.md5()
h.update(bytearray(b'ab'))
h.update(memoryview(b'cd'))
print(h.hexdigest() == hashlib.md5(b'abcd').hexdigest())
for bad in [lambda: hashlib.sha256('text'), lambda: hashlib.sha1().update('x'), lambda: hashlib.md5(5),
            lambda: hashlib.new('sha3_999')]:
    try:
        bad()
        print('no error')
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
