# calls with the wrong arguments raise TypeError
def f(a, b=1):
    return a + b
calls = [
    lambda: f(),
    lambda: f(1, 2, 3),
    lambda: f(1, c=2),
    lambda: f(1, a=2),
    lambda: f(b=2),
    lambda: (lambda: 0)(1),
    lambda: (lambda *, k: k)(),
    lambda: f(*[1, 2, 3]),
    lambda: f(**{'z': 1}),
]
for c in calls:
    try:
        c()
        print('no error')
    except TypeError:
        print('TypeError')
print(f(1), f(a=5), f(1, b=2))
