# object() and super() as builtins
o = object()
print(type(o) is object, isinstance(o, object))
class A:
    def f(self):
        return 'A.f'
class B(A):
    def f(self):
        return 'B.f+' + super().f()
    def g(self):
        s = super()
        return s.f()
print(B().f(), B().g(), super(B, B()).f())
