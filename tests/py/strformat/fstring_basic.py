# f-strings with names, expressions, calls and different quotes
name = 'World'
n = 3
print(f'Hello, {name}!', f"{n} + 1 = {n + 1}", F'{name.upper()}')
print(f'{n * 2} {n ** 2} {n > 2} {[i for i in range(n)]}')
d = {'key': 'value'}
print(f"{d['key']}", f'{d["key"]}', f'{len(d)}')
items = ['a', 'b']
print(f'{items}', f'{items[0]}{items[-1]}', f'{", ".join(items)}')
print(f'', f'plain', f'{"literal"}')
def fn(x):
    return x * 10
print(f'{fn(4)}', f'{fn(n) + 1}', f'{n if n else 0}')
x, y = 1, 2
print(f'{x}{y}', f'{x} {y}', f'({x}, {y})')
