# decorators applied to methods and classes
def shout(fn):
    def wrapper(*args, **kw):
        return fn(*args, **kw).upper()
    return wrapper
def register(cls):
    registry.append(cls.__name__)
    return cls
registry = []
@register
class Greeter:
    def __init__(self, name):
        self.name = name
    @shout
    def hello(self, punct='!'):
        return 'hello ' + self.name + punct
@register
class Other:
    pass
print(Greeter('bob').hello(), Greeter('amy').hello(punct='?'))
print(registry)
def add_method(cls):
    cls.extra = lambda self: 'extra method'
    return cls
@add_method
class Plain:
    pass
print(Plain().extra())
