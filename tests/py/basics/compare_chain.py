# chained comparisons evaluate each operand at most once
def v(x):
    print('v', x)
    return x

print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1)
print(1 == 1 == 1, 1 == 1 != 2, 1 < 2 > 0)
print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
x = 5
print(0 <= x < 10, 0 <= x < 5, x == 5 != None)
print(1 < 2 in [True], 'a' < 'b' < 'c' < 'd')
print([1] < [1, 0] < [2])
