# slices of memoryviews share the underlying buffer
buf = bytearray(range(10))
mv = memoryview(buf)
a = mv[2:8]
b = a[1:3]
b[0] = 99
b[1] = 98
print(list(buf))
print(bytes(a), bytes(b), len(a), len(b))
buf[4] = 7
print(b[1], a[2])
print(bytes(mv[-3:]), bytes(mv[:0]), bytes(mv[5:2]))
print([x for x in mv[7:]])
