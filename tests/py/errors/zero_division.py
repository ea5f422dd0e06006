# ZeroDivisionError from every division-like operation
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

check('1 / 0', lambda: 1 / 0)
check('1 // 0', lambda: 1 // 0)
check('1 % 0', lambda: 1 % 0)
check('1.0 / 0', lambda: 1.0 / 0)
check('1 / 0.0', lambda: 1 / 0.0)
check('1.5 // 0.0', lambda: 1.5 // 0.0)
check('1.5 % 0.0', lambda: 1.5 % 0.0)
check('divmod(1, 0)', lambda: divmod(1, 0))
check('divmod(1.0, 0.0)', lambda: divmod(1.0, 0.0))
check('big / 0', lambda: (10 ** 30) / 0)
check('big // 0', lambda: (10 ** 30) // 0)
check('big % 0', lambda: (-10 ** 30) % 0)
check('0 ** -1', lambda: 0 ** -1)
check('0.0 ** -1', lambda: 0.0 ** -1)
check('pow(0, -2)', lambda: pow(0, -2))
check('complex / 0', lambda: (1 + 1j) / 0)
check('pow mod 0', lambda: pow(2, 3, 0))
def aug():
    x = 5
    x //= 0
check('augmented //= 0', aug)
check('0 / 1 fine', lambda: 0 / 1)
