# printing nested containers uses repr of elements
data = {'name': 'x', 'items': [1, (2, 3), {'k': [4, 5]}], 'empty': ([], {}, ())}
print(data)
print(data['items'][2]['k'][1])
print([[]] * 2, [[1], [2, [3, [4]]]])
print(('single',), ((),), [(), ()])
print(['quote\'s', "dq\"s", 'nl\n'])
print(str([1, 'a']), repr('a'), str('a'))
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
print(grid)
print(grid[1][2], grid[-1][-1])
