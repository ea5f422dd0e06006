# skip-if: 64bit
# struct in native mode on the 32-bit build: 4-byte long and pointer
import struct

print(struct.calcsize('l'), struct.calcsize('L'), struct.calcsize('P'), struct.calcsize('n'), struct.calcsize('N'))
print(struct.calcsize('bi'), struct.calcsize('bl'), struct.calcsize('hh0l'), struct.calcsize('bP'))
print(struct.pack('@l', -2), struct.pack('@P', 1), struct.unpack('@L', b'\xff\xff\xff\xff'))
