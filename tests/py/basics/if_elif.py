# if / elif / else chains
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    elif n < 100:
        return 'medium'
    else:
        return 'large'

for n in (-1, 0, 5, 50, 500):
    print(n, classify(n))
if 0:
    print('no')
elif '':
    print('no')
elif []:
    print('no')
else:
    print('all false')
x = 3
if x > 1:
    if x > 2:
        print('nested')
