# nested comprehensions and scoping of comprehension variables
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([[row[i] for row in matrix] for i in range(3)])
print([n for row in matrix for n in row if n % 2])
print({r[0]: {c for c in r} for r in matrix}[4] == {4, 5, 6})
def f(k):
    return [k * i for i in range(3)]
print(f(10))
offset = 100
print([x + offset for x in range(3)])
def closure_in_comp():
    base = 5
    return [(lambda y: y + base)(x) for x in range(3)]
print(closure_in_comp())
print([[(i, j) for j in range(i)] for i in range(3)])
