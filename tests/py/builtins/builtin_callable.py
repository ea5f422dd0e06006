# callable()
class WithCall:
    def __call__(self):
        return 1
class Without:
    pass
def f():
    pass
for obj in (f, lambda: 0, len, print, int, WithCall, WithCall(), Without, Without(), 1, 'x', [], None, [].append, str.upper):
    print(callable(obj))
