# print with several arguments, sep, end and file
import sys
print()
print(1, 'two', 3.5, [4], (5,), {6: 7}, None, True)
print('a', 'b', 'c', sep='')
print('a', 'b', sep=', ')
print('no newline', end='')
print(' continued', end='!\n')
print('x', 'y', sep='\n', end='\n--\n')
print(sep='never', end='')
print('to stdout', file=sys.stdout)
print(*range(5))
print('a', 'b', sep=None, end=None)
sys.stdout.write('written\n')
