# __class__ and __name__ of types
class Thing:
    def kind(self):
        return self.__class__.__name__
class Sub(Thing):
    pass
t, s = Thing(), Sub()
print(t.kind(), s.kind(), s.__class__ is Sub, type(s).__name__)
print((5).__class__.__name__, 'x'.__class__ is str, [].__class__.__name__)
new = s.__class__()
print(type(new).__name__, Thing.__name__, Sub.__name__)
print(int.__class__ is type, Sub.__class__ is type)
