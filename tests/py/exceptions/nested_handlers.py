# exceptions propagate through nested try blocks and function calls
def level3():
    raise IndexError('deep')
def level2():
    try:
        level3()
    except KeyError:
        print('not here')
def level1():
    try:
        level2()
    finally:
        print('level1 finally')
try:
    level1()
except LookupError as e:
    print('caught at top', type(e).__name__, e.args)
def handler_raises():
    try:
        raise ValueError('first')
    except ValueError:
        raise TypeError('second')
try:
    handler_raises()
except TypeError as e:
    print('second wins', e.args)
except ValueError:
    print('not here')
try:
    try:
        raise ValueError('v')
    except TypeError:
        print('wrong handler')
    else:
        print('no else')
except ValueError:
    print('propagated past non-matching handler')
