# truth testing of instances: __bool__, then __len__, else true
class Never:
    def __bool__(self):
        return False
class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
class Plain:
    pass
print(bool(Never()), bool(Sized(0)), bool(Sized(3)), bool(Plain()))
if not Never():
    print('Never is falsy')
print(len(Sized(7)), 'yes' if Sized(1) else 'no', 'yes' if Sized(0) else 'no')
print(Never() or 'fallback', Sized(2) and 'both')
class Both:
    def __bool__(self):
        return True
    def __len__(self):
        return 0
print(bool(Both()))
