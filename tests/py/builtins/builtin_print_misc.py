# print() of various objects and end/sep combinations
print(1, 2, sep='')
print('a', 'b', 'c', sep=' | ', end=' <end>\n')
print([], {}, (), '', sep=',')
print('multi\nline')
print(*[1, 2, 3], sep='\n')
for i in range(3):
    print(i, end=' ')
print()
print('', end='')
print(end='x\n')
