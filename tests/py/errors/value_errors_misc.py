# ValueError from math functions and other domain errors
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

import math
check('sqrt(-1)', lambda: math.sqrt(-1))
check('log(0)', lambda: math.log(0))
check('log(-1)', lambda: math.log(-1))
check('acos(2)', lambda: math.acos(2))
check('asin(-2)', lambda: math.asin(-2))
check('pow(-8, 1/3) float', lambda: math.pow(-8, 1 / 3))
check('int(nan)', lambda: int(float('nan')))
check('round nan', lambda: round(float('nan')))
check('sqrt ok', lambda: math.sqrt(4))
check('list.remove with key', lambda: ['a'].remove('b'))
check('dict from bad pairs', lambda: dict([(1, 2, 3)]))
check('dict from short pairs', lambda: dict(['a']))
check('format bad spec', lambda: '{:q}'.format(1))
check('format unknown conv', lambda: '{!x}'.format(1))
check('format single brace', lambda: '{'.format(1))
check('format closing brace', lambda: '}'.format(1))
check('% bad char', lambda: '%y' % 1)
check('% incomplete', lambda: 'abc %' % ())
