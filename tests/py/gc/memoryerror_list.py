# a huge list raises MemoryError and the script carries on
try:
    l = [0] * (10 ** 9)
    print('allocated')
except MemoryError:
    print('MemoryError')
try:
    s = 'ab' * (10 ** 9)
    print('allocated')
except MemoryError:
    print('MemoryError')
try:
    b = bytes(10 ** 9)
    print('allocated')
except MemoryError:
    print('MemoryError')
print([1, 2, 3] * 2)
