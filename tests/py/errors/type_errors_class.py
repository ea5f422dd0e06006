# TypeError from class definitions, instantiation and method calls
def check(label, fn):
    try:
        r = fn()
        print(label, 'no error', r)
    except Exception as e:
        print(label, type(e).__name__)
class P:
    def __init__(self, a, b):
        self.a = a
    def m(self, x):
        return x
check('too few init args', lambda: P(1))
check('too many init args', lambda: P(1, 2, 3))
check('method missing arg', lambda: P(1, 2).m())
check('unbound method no self', lambda: P.m(5))
check('init returns value', lambda: type('R', (), {'__init__': lambda self: 5})())
check('base is not a class', lambda: type('X', (5,), {}))
def subclass_of_instance():
    class Bad(P(1, 2)):
        pass
check('subclass of instance', subclass_of_instance)
check('call instance without __call__', lambda: P(1, 2)())
check('raise instance of non-exception', lambda: exec('raise P(1, 2)'))
check('super outside method arg', lambda: super(P, 5))
class NoLen:
    pass
check('len without __len__', lambda: len(NoLen()))
class BadLen:
    def __len__(self):
        return 'x'
check('__len__ returns str', lambda: len(BadLen()))
class BadStr:
    def __str__(self):
        return 5
check('__str__ returns int', lambda: str(BadStr()))
class BadBool:
    def __bool__(self):
        return 'yes'
check('__bool__ returns str', lambda: bool(BadBool()))
