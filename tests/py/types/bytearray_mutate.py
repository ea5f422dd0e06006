# bytearray mutation methods
ba = bytearray(b'abc')
ba.append(100)
print(ba)
ba.extend(b'ef')
ba.extend([103, 104])
ba.extend(bytearray(b'i'))
print(ba)
print(ba.pop(), ba.pop(0), ba)
ba.insert(0, 65)
ba.insert(100, 90)
ba.insert(-1, 89)
print(ba)
ba.remove(ord('c'))
print(ba)
ba.reverse()
print(ba)
del ba[0]
del ba[1:3]
print(ba)
ba += b'++'
print(ba)
ba.clear()
print(ba, len(ba))
c = bytearray(b'xyz')
d = c.copy()
d[0] = 65
print(c, d)
