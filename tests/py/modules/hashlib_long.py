# hashlib over a megabyte and more, fed in chunks (the heap need not hold it)
import hashlib

chunk = bytes(range(256)) * 4
hashes = [hashlib.sha256(), hashlib.sha1(), hashlib.md5()]
for i in range(1100):
    for h in hashes:
        h.update(chunk)
for h in hashes:
    print(h.name, h.hexdigest())
