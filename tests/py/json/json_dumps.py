# json.dumps: every kind of value, CPython's default separators and escapes.
import json

print(json.dumps(None), json.dumps(True), json.dumps(False))
print(json.dumps(0), json.dumps(-17), json.dumps(2**40), json.dumps(-(2**100)))
print(json.dumps(1.5), json.dumps(-0.25), json.dumps(1e30), json.dumps(0.0))
print(json.dumps(float("nan")), json.dumps(float("inf")), json.dumps(float("-inf")))
print(json.dumps([k / 8 for k in range(-20, 21, 3)]))
print(json.dumps([-0.0, 4095.875, 8191.25, 123456.5, 0.1, 2.675, 1e-5, 3.14159, 1e15, 1e16]))
print(json.dumps(""), json.dumps("plain text"))
print(json.dumps("quote \" backslash \\ slash /"))
print(json.dumps("\n\r\t\b\f \x00 \x01 \x1f \x7f"))
print(json.dumps("caf\u00e9 \u65e5\u672c \u20ac"))
print(json.dumps("astral \U0001f600 \U00010000 \U0010ffff"))
print(json.dumps([]), json.dumps({}), json.dumps(()))
print(json.dumps([1, [2, [3, []]], {"a": {"b": {}}}]))
print(json.dumps((1, "two", 3.0, None)))
print(json.dumps({"one": 1, "two": [2, 2], "three": {"x": None}}))

# keys that are not strings become strings, as in CPython
print(json.dumps({1: "int", 2.5: "float", True: "t", False: "f", None: "n", -3: 0}))
print(json.dumps({2**70: 1}))

# separators
data = {"a": [1, 2, {"b": None}], "c": "d"}
print(json.dumps(data, separators=(",", ":")))
print(json.dumps(data, separators=(" , ", " : ")))
print(json.dumps(data, separators=[";", "="]))
print(json.dumps([1, 2], separators=("", "")))

# subclasses of the built-in types
class MyList(list):
    pass


class MyDict(dict):
    pass


class MyStr(str):
    pass


class MyInt(int):
    def __repr__(self):
        return "not used"


print(json.dumps(MyList([1, 2])), json.dumps(MyDict(k=[3])), json.dumps(MyStr("s")))
print(json.dumps(MyInt(42)), json.dumps({MyStr("key"): MyInt(-1)}))

# large containers
big = list(range(1000))
text = json.dumps(big)
print(len(text), text[:30], text[-20:])
print(json.loads(text) == big)
d = {"k%d" % i: [i, str(i), i * 0.5] for i in range(300)}
print(json.loads(json.dumps(d)) == d)

# errors
def fails(*args, **kw):
    try:
        json.dumps(*args, **kw)
        print("no error")
    except Exception as e:
        print(type(e).__name__)


fails(object())
fails({1, 2})
fails(b"bytes")
fails([1, 2, print])
fails({(1, 2): 3})
fails({"ok": {frozenset(): 1}})
fails(1j)
fails([1], separators=(",",))
fails([1], separators=(1, 2))
fails()

cycle = [1, 2]
cycle.append(cycle)
fails(cycle)
cyclic = {"a": {}}
cyclic["a"]["back"] = cyclic
fails(cyclic)

# the same object twice is not a cycle
shared = [1]
print(json.dumps([shared, shared, {"s": shared}]))

nested = []
for i in range(100000):
    nested = [nested]
try:
    json.dumps(nested)
except RuntimeError:
    print("RuntimeError")
