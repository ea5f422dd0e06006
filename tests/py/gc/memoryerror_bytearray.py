# a huge bytearray raises MemoryError and the script carries on
try:
    b = bytearray(10 ** 9)
    print('allocated')
except MemoryError:
    print('MemoryError')
small = bytearray(100)
print(len(small), small[0])
