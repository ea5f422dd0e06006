# function names and identity
def named():
    pass
alias = named
print(named.__name__, alias.__name__, alias is named)
class K:
    def meth(self):
        pass
print(K.meth.__name__, K().meth.__name__)
def outer():
    def inner():
        pass
    return inner
print(outer().__name__, outer() is outer())
