# isinstance and issubclass with tuples and deep hierarchies
class A: pass
class B(A): pass
class C(B): pass
class X: pass
c = C()
print(isinstance(c, A), isinstance(c, (X, B)), isinstance(c, (X,)), isinstance(c, ()))
print(issubclass(C, A), issubclass(C, (X, A)), issubclass(A, C), issubclass(C, C))
print(isinstance(1, (str, int)), isinstance('s', (int, float)), isinstance(True, int))
print(isinstance(c, object), issubclass(X, object), isinstance(A, type))
print(isinstance([], (list, tuple)), isinstance((), list), isinstance({}, dict))
print(type(c) is C, type(c) is A, type(c) == C)
