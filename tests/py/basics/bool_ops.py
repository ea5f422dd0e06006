# bool is a subclass of int; and/or return one of their operands
print(True, False)
print(True + True, True * 3, False - 1)
print(int(True), int(False), float(True))
print(isinstance(True, int), issubclass(bool, int))
print(True == 1, False == 0, True is True)
print(1 and 2, 0 and 2, 1 or 2, 0 or 2)
print('' or 'default', 'x' and 'y', None or 0)
print(not 1, not 0, not [], not [0])
print(bool(0), bool(1), bool(-1), bool('a'), bool(''))
print(True & False, True | False, True ^ True)
print(str(True), repr(False))
print(hash(True) == hash(1))

def side(v):
    print('eval', v)
    return v

print(side(0) and side(1))
print(side(1) or side(2))
print(side(1) and side(0) or side(3))
