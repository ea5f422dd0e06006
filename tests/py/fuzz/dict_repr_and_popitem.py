# A dict key whose __repr__ empties the dict being printed, and an
# OrderedDict.popitem(last=...) whose flag's __bool__ empties the dict.
from collections import OrderedDict


class K:
    def __repr__(self):
        d.clear()
        return "K"


d = {K(): [1, 2], 2: 3}
print(repr(d), len(d))


class Flag:
    def __bool__(self):
        od.clear()
        return True


od = OrderedDict([(1, 2), (3, 4)])
try:
    od.popitem(last=Flag())
except KeyError as e:
    print("KeyError", e)
print(len(od))
