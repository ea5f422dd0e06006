# Keyword arguments from ** mappings: a name given twice is a TypeError,
# whichever side it comes from; ** takes any mapping (keys() and []), and
# its keys must be strings.
def f(*a, **kw):
    return a, kw


def show(src):
    try:
        print(eval("f(%s)" % src))
    except TypeError as e:
        print("TypeError", str(e).replace("__main__.", ""))


class Mapping:
    def keys(self):
        return ["x", "y"]

    def __getitem__(self, k):
        return k * 2


for src in [
    "a=1, **{'a': 2}",
    "**{'a': 1}, **{'a': 2}",
    "**{'a': 1}, a=2",
    "**{'a': 1}, b=2",
    "**{}, **{}",
    "*[1, 2], **{'b': 1}, c=3, **{'d': 4}, e=5",
    "**5",
    "**[('a', 1)]",
    "**{1: 2}",
    "**Mapping(), z=1",
    "x=0, **Mapping()",
    "**Mapping(), y=0",
]:
    show(src)


def g(a, b=2, **rest):
    return a, b, rest


print(g(**{"a": 1}), g(1, **{"b": 3, "c": 4}))
try:
    g(1, **{"a": 5})
except TypeError as e:
    print("TypeError", str(e).replace("__main__.", ""))
d = {"k": 1}
print(f(**d, j=2), d)
