# a for loop variable keeps its last value after the loop
for i in range(5):
    pass
print(i)
for ch in 'abc':
    pass
print(ch)
i = 'unchanged'
for i in []:
    pass
print(i)
for k in {'p': 1, 'q': 2}:
    pass
print(k)
