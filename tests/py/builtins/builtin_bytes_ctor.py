# bytes() and bytearray() constructors
print(bytes(), bytes(0), bytes(4), bytes([1, 2, 3]), bytes((65, 66)), bytes(range(97, 100)))
print(bytes(b'copy'), bytes(bytearray(b'ba')), bytes('ünï', 'utf-8'), bytes(memoryview(b'mv')))
print(bytes(x for x in [72, 105]), bytes([]), bytes(iter([0, 255])))
print(bytearray(), bytearray(2), bytearray([1, 2]), bytearray(b'xy'), bytearray('é', 'utf-8'))
print(bytearray(x * 2 for x in range(4)), bytearray(bytes(3)))
b = bytes(5)
print(len(b), b[0], type(b).__name__)
