# input() reads lines from stdin; EOFError at the end
name = input()
print('name:', name)
age = input('age? ')
print()
print('age:', int(age) + 1)
rest = []
try:
    while True:
        rest.append(input())
except EOFError:
    print('EOFError after', len(rest), 'more lines')
print(rest)
