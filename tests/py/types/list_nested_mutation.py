# lists containing lists share references
row = [0] * 3
grid = [row] * 2
grid[0][0] = 1
print(grid)
grid2 = [[0] * 3 for _ in range(2)]
grid2[0][0] = 1
print(grid2)
a = [1, 2]
b = [a, a]
a.append(3)
print(b)
c = b[:]
c[0] = 'new'
print(b[0], c[0])
stack = []
for i in range(4):
    stack.append(i)
print(stack.pop(), stack.pop(), stack)
queue = [1, 2, 3]
print(queue.pop(0), queue)
