# user-defined exception classes
class MyError(Exception):
    pass
class DetailedError(MyError):
    def __init__(self, code, text):
        super().__init__(code, text)
        self.code = code
        self.text = text
    def __str__(self):
        return 'E%d: %s' % (self.code, self.text)
try:
    raise MyError('plain')
except MyError as e:
    print(type(e).__name__, e.args, str(e))
try:
    raise DetailedError(42, 'bad thing')
except MyError as e:
    print(type(e).__name__, e.code, e.text, str(e), e.args)
print(issubclass(DetailedError, Exception), isinstance(DetailedError(1, ''), MyError))
class NoInit(ValueError):
    def describe(self):
        return 'describe: ' + repr(self.args)
try:
    raise NoInit(1, 2)
except ValueError as e:
    print(e.describe())
class WithAttr(Exception):
    pass
e = WithAttr()
e.extra = 'attached'
print(e.extra)
