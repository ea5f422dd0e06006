# exception objects: args, str, repr, attributes, subclassing
for e in (ValueError(), ValueError('x'), ValueError('x', 2), KeyError('k'), KeyError('a', 'b'),
          IndexError(5), OSError(5, 'io failed'), SystemExit(3), StopIteration('v')):
    print(repr(e), '|', str(e), '|', e.args)
print(SystemExit(3).code, SystemExit().code, StopIteration().value, StopIteration(7).value)
e = OSError(13, 'denied')
print(e.errno, e.strerror, OSError('m').strerror)

class AppError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
class NotFound(AppError, LookupError):
    pass
try:
    raise NotFound('missing', 404)
except LookupError as ex:
    print(type(ex).__name__, ex, ex.args, ex.code, repr(ex), isinstance(ex, AppError))
print([k.__name__ for k in NotFound.__mro__])

class Quiet(Exception):
    def __str__(self):
        return 'quiet: ' + ','.join(map(str, self.args))
print(str(Quiet(1, 2)), repr(Quiet(1)))

class NoInit(ValueError):
    pass
x = NoInit('a', 1)
print(x.args, str(x), isinstance(x, ValueError))
x.extra = 'attr'
x.args = ['changed']
print(x.extra, x.args)

try:
    try:
        1 / 0
    except ZeroDivisionError as inner:
        raise ValueError('outer') from inner
except ValueError as outer:
    print(type(outer.__cause__).__name__, type(outer.__context__).__name__)

try:
    raise TypeError
except TypeError as t:
    print(repr(t), t.args)
try:
    raise 5
except TypeError as t:
    print('TypeError', t)
try:
    try:
        pass
    except 5:
        pass
    raise KeyError('k')
except KeyError as k:
    print('KeyError', k)
try:
    try:
        raise ValueError('v')
    except int:
        pass
except TypeError as t:
    print('TypeError', t)
print(issubclass(KeyError, LookupError), issubclass(UnicodeError, ValueError),
      issubclass(NotImplementedError, RuntimeError), issubclass(IndentationError, SyntaxError),
      issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyboardInterrupt, Exception))
