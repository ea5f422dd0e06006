# with statement: several managers, enter/exit order, as targets
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print('enter', self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print('exit', self.name, et is None)
        return False

with CM('a') as a, CM('b') as b:
    print('body', a, b)
with CM('c'):
    print('no target')
with CM('d') as (x):
    print(x)
try:
    with CM('e'), CM('f'):
        raise ValueError
except ValueError:
    print('propagated')
