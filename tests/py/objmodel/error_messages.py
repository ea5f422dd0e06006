# TypeError and AttributeError messages of the runtime
class A:
    pass
import sys
five = 5
nothing = None
tests = [
    lambda: 1 + 'a',
    lambda: 'a' - 1,
    lambda: [] < 1,
    lambda: five[0],
    lambda: iter(5),
    lambda: nothing(),
    lambda: A().missing,
    lambda: A.missing,
    lambda: sys.missing,
    lambda: (1).missing,
    lambda: hash([]),
    lambda: 1 in 5,
    lambda: -'x',
    lambda: len(5),
    lambda: A(1),
    lambda: next(A()),
    lambda: abs('x'),
    lambda: 2 ** 'x',
    lambda: divmod('a', 1),
]
for t in tests:
    try:
        t()
        print('no error')
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ':', e)
def assign():
    t = (1, 2)
    t[0] = 5
def delete():
    t = (1, 2)
    del t[0]
def augmented():
    x = 'a'
    x -= 1
def setattr_int():
    (5).x = 1
for f in (assign, delete, augmented, setattr_int):
    try:
        f()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ':', e)
