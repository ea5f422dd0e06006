# __build_class__ is the function behind the class statement
print(callable(__build_class__))
def body():
    pass
C = __build_class__(body, 'C')
print(C.__name__, type(C) is type, isinstance(C(), C))
class Base:
    def hello(self):
        return 'hello from base'
D = __build_class__(body, 'D', Base)
print(D.__name__, issubclass(D, Base), D().hello())
