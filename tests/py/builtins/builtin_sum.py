# sum() with start values
print(sum([]), sum([1, 2, 3]), sum(range(101)), sum([1, 2], 10), sum((0.5, 0.25)))
print(sum([[1], [2, 3]], []), sum(((1,), (2,)), ()), sum([2 ** 64, 2 ** 64]))
print(sum(x * x for x in range(4)), sum([True, True, False]), sum([1, 2.5]), sum([], 7))
print(sum([1j, 2, 0.5]))
