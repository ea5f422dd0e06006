# AssertionError details
def check(x):
    assert x > 0, 'x must be positive'
    return x
print(check(1))
try:
    check(-1)
except AssertionError as e:
    print(type(e).__name__, e.args)
try:
    assert isinstance('s', int)
except AssertionError as e:
    print('no message', e.args)
