# C3 method resolution order: diamonds, __mro__, mro(), conflicts
class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass
print([k.__name__ for k in Z.__mro__])
print([k.__name__ for k in Z.mro()])

class Base:
    def who(self):
        return ['Base']
class Left(Base):
    def who(self):
        return ['Left'] + super().who()
class Right(Base):
    def who(self):
        return ['Right'] + super().who()
class Bottom(Left, Right):
    def who(self):
        return ['Bottom'] + super().who()
print(Bottom().who())
print(Bottom.__bases__ == (Left, Right), Bottom.__base__ is Left, object.__bases__)

try:
    class Bad(A, K1): pass
except TypeError as e:
    print('TypeError', str(e).startswith('Cannot create a consistent method resolution'))
try:
    class Dup(A, A): pass
except TypeError as e:
    print('TypeError', e)
try:
    class NoBool(bool): pass
except TypeError as e:
    print('TypeError', e)
print(int.__mro__, bool.__mro__)
print(issubclass(Z, (int, O)), issubclass(bool, int), issubclass(Z, object))
print(isinstance(Z(), (int, (str, K3))), isinstance(3, (str, list)))
try:
    isinstance(3, 4)
except TypeError:
    print('TypeError isinstance arg 2')
try:
    issubclass(3, int)
except TypeError:
    print('TypeError issubclass arg 1')
