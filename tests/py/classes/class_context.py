# context managers: __enter__/__exit__, exception info and suppression
class Ctx:
    def __init__(self, suppress=False):
        self.suppress = suppress
    def __enter__(self):
        print('enter')
        return self
    def __exit__(self, exc_type, exc, tb):
        print('exit', exc_type.__name__ if exc_type else None,
              exc.args if exc else None)
        return self.suppress
with Ctx() as c:
    print('inside', isinstance(c, Ctx))
with Ctx(suppress=True):
    raise ValueError('swallowed')
print('after suppressed')
try:
    with Ctx():
        raise KeyError('k')
except KeyError as e:
    print('caught', e.args)
def f():
    with Ctx():
        return 'returned'
print(f())
for i in range(3):
    with Ctx():
        if i == 1:
            break
print('broke at', i)
class Resource:
    def __enter__(self):
        return 'value from enter'
    def __exit__(self, *args):
        return False
with Resource() as v:
    print(v)
