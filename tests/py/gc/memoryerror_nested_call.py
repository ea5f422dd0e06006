# MemoryError raised deep in a call chain unwinds like any exception
def level3():
    return bytearray(10 ** 9)
def level2():
    try:
        return level3()
    finally:
        print('level2 finally')
def level1():
    return level2()
try:
    level1()
except MemoryError:
    print('MemoryError reached the top')
print(sum(range(100)))
