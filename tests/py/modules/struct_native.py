# skip-if: single-float
# struct in native mode ('@'): the 64-bit PC build's sizes and alignment
import struct

for fmt in ['b', 'h', 'i', 'l', 'q', 'n', 'N', 'P', 'e', 'f', 'd', '?', 'bh', 'bi', 'bq', 'bd', 'hbi',
            'qb', 'bhiq', 'hh0l', 'b0q', '@ci', '=ci', 'cP', '3sl', 'x', 'xi']:
    print(fmt, struct.calcsize(fmt))
print(struct.pack('@bi', 1, 2), struct.pack('@bhb', 1, 2, 3), struct.pack('=bi', 1, 2))
print(struct.unpack('@bq', bytes(16)), struct.pack('@P', 0) == bytes(8), struct.pack('@n', -1))
print(struct.pack('@N', 2**64 - 1))
# a double too big for 'f' (the single-float build has no such double)
try:
    struct.pack('<f', 1e300)
except OverflowError:
    print('OverflowError')
print(struct.pack('<f', 3.4028234663852886e38), struct.pack('<d', 0.1))
