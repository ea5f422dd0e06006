# raise ... from ...: the new exception is raised
class AppError(Exception):
    pass
def load(d, k):
    try:
        return d[k]
    except KeyError as e:
        raise AppError('missing ' + k) from e
try:
    load({}, 'cfg')
except AppError as e:
    print('AppError', e.args[0])
try:
    raise ValueError('no cause') from None
except ValueError as e:
    print('ValueError', e.args[0])
try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise RuntimeError('wrapped') from z
except RuntimeError as r:
    print('RuntimeError', r.args[0])
