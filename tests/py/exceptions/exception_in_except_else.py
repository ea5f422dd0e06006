# an exception raised in else or finally propagates
def f():
    try:
        pass
    except ValueError:
        print('not here')
    else:
        raise KeyError('from else')
try:
    f()
except KeyError as e:
    print('caught', e.args[0])
def g():
    try:
        raise ValueError('original')
    finally:
        raise TypeError('from finally')
try:
    g()
except TypeError as e:
    print('caught', e.args[0])
except ValueError:
    print('not here')
