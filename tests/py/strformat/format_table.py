# building an aligned table with format specs
rows = [('apple', 3, 1.25), ('kiwi', 12, 0.5), ('watermelon', 1, 3.75)]
print('{:<12}{:>5}{:>8}'.format('name', 'qty', 'price'))
for name, qty, price in rows:
    print('{:<12}{:>5d}{:>8.2f}'.format(name, qty, price))
total = sum(q * p for _, q, p in rows)
print('{:<12}{:>13.2f}'.format('total', total))
print('-' * 25)
for name, qty, price in rows:
    print('%-12s%5d%8.2f' % (name, qty, price))
