# exceptions carry no __traceback__ attribute
class MyError(Exception):
    pass
try:
    raise MyError('x')
except MyError as e:
    print(hasattr(e, '__traceback__'))
try:
    1 / 0
except ZeroDivisionError as e:
    print(hasattr(e, '__traceback__'))
