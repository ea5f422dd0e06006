# assert raises AssertionError (with its message) only when false
assert True
assert 1 == 1, 'not raised'
try:
    assert False
except AssertionError as e:
    print('caught', e.args)
try:
    assert 1 > 2, 'one is not greater'
except AssertionError as e:
    print('caught', e.args[0])
try:
    assert [], ['msg', 1]
except AssertionError as e:
    print(e.args[0])
calls = []
def msg():
    calls.append(1)
    return 'm'
assert True, msg()
print(calls)
print(issubclass(AssertionError, Exception))
