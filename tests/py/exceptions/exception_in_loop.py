# catching exceptions inside loops and continuing
results = []
for x in [1, 0, 'a', 4, None, 2]:
    try:
        results.append(12 // x)
    except ZeroDivisionError:
        results.append('div0')
    except TypeError:
        results.append('type')
print(results)
count = 0
while True:
    try:
        count += 1
        if count < 5:
            raise ValueError
        break
    except ValueError:
        continue
print(count)
d = {'a': 1}
for k in 'abc':
    try:
        print(k, d[k])
    except KeyError as e:
        print(k, 'missing', e.args)
