# recursion through special methods and builtins is caught, not a crash
class Loop:
    def __getattr__(self, name):
        return self.__getattr__(name)
try:
    Loop().anything
except RuntimeError:
    print('RuntimeError from __getattr__')
class SelfRepr:
    def __repr__(self):
        return repr(self)
try:
    repr(SelfRepr())
except RuntimeError:
    print('RuntimeError from __repr__')
class SelfAdd:
    def __add__(self, o):
        return self + o
try:
    SelfAdd() + 1
except RuntimeError:
    print('RuntimeError from __add__')
class SelfEq:
    def __eq__(self, o):
        return self == o
try:
    SelfEq() == 1
except RuntimeError:
    print('RuntimeError from __eq__')
class SelfLen:
    def __len__(self):
        return len(self)
try:
    len(SelfLen())
except RuntimeError:
    print('RuntimeError from __len__')
class SelfIter:
    def __iter__(self):
        return iter(self)
try:
    iter(SelfIter())
except RuntimeError:
    print('RuntimeError from __iter__')
def via_map(x):
    return list(map(via_map, [x]))
try:
    via_map(1)
except RuntimeError:
    print('RuntimeError through map')
def via_sorted(x):
    return sorted([x, x], key=via_sorted)
try:
    via_sorted(1)
except RuntimeError:
    print('RuntimeError through sorted key')
print('done')
