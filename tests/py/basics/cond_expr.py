# conditional expressions
for x in (-5, 0, 5):
    print('neg' if x < 0 else 'zero' if x == 0 else 'pos')
a = [1, 2] if True else 1 / 0
print(a)
b = 1 / 0 if False else 'lazy'
print(b)
f = lambda n: n if n < 2 else f(n - 1) + f(n - 2)
print(f(10))
print((lambda: 1) if 0 else (lambda: 2)())
print([i if i % 2 else -i for i in range(6)])
