# the Ellipsis singleton
print(...)
print(Ellipsis is ..., ... == Ellipsis)
print(bool(...))
x = ...
print(x)
class C:
    def __getitem__(self, k):
        return k
print(C()[...] is Ellipsis)
