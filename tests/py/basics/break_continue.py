# break and continue in nested loops, including with try/finally
for i in range(4):
    if i == 1:
        continue
    for j in range(4):
        if j > i:
            break
        if j == 1:
            continue
        print(i, j)

i = 0
while i < 5:
    i += 1
    try:
        if i == 2:
            continue
        if i == 4:
            break
        print('body', i)
    finally:
        print('finally', i)
print('end', i)

out = []
for c in 'abcdef':
    if c in 'be':
        continue
    if c == 'f':
        break
    out.append(c)
print(out)
