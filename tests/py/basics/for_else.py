# for ... else: else runs only when the loop was not broken
for i in range(3):
    print('loop', i)
else:
    print('else ran')

for i in range(5):
    if i == 2:
        print('break at', i)
        break
else:
    print('not printed')

for i in []:
    print('never')
else:
    print('empty else')

def find(seq, target):
    for i, x in enumerate(seq):
        if x == target:
            return i
    else:
        return -1

print(find('hello', 'l'), find('hello', 'z'))

for i in range(3):
    for j in range(3):
        if j == 1:
            break
    else:
        print('inner else')
    print('outer', i, j)
else:
    print('outer else')
