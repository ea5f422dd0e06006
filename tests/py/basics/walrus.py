# assignment expressions
data = [3, 1, 4, 1, 5, 9, 2, 6]
if (n := len(data)) > 5:
    print('long list', n)
it = iter(data)
total = 0
while (x := next(it, None)) is not None:
    total += x
print(total)
print([y for v in data if (y := v * 2) > 8])
print((z := 10) + z)
def f():
    if (w := 'local') == 'local':
        return w
print(f())
