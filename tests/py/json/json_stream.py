# json.dump and json.load on any object with write() / read().
import json


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)
        return len(text)

    def text(self):
        return "".join(self.parts)


class Source:
    def __init__(self, text):
        self.text = text

    def read(self, *args):
        t = self.text
        self.text = ""
        return t


s = Sink()
print(json.dump({"a": [1, 2, 3], "b": "x\u00e9"}, s))
print(s.text())
print(all(type(p) is str for p in s.parts))

s = Sink()
json.dump([1, {"b": 2}], s, separators=(",", ":"))
print(s.text())

s = Sink()
big = {"item%d" % i: list(range(i % 10)) for i in range(500)}
json.dump(big, s)
print(json.loads(s.text()) == big, s.text() == json.dumps(big))

print(json.load(Source('{"loaded": [true, null, 1.25]}')))
print(json.load(Source(b"[1, 2, 3]")))
print(json.load(Source(s.text())) == big)


class ListGrows(Sink):
    """A write() that changes the list being written must not break dump."""

    def __init__(self, target):
        super().__init__()
        self.target = target

    def write(self, text):
        if len(self.target) < 2000:
            self.target.append(0)
        return super().write(text)


data = list(range(300))
g = ListGrows(data)
json.dump(data, g)
print(json.loads(g.text()) == data[: len(json.loads(g.text()))])


class Broken:
    def write(self, text):
        raise OSError(5)


try:
    json.dump(list(range(1000)), Broken())
except OSError as e:
    print("OSError", e.args[0])

try:
    json.dump([1], object())
except AttributeError:
    print("AttributeError")
try:
    json.load(object())
except AttributeError:
    print("AttributeError")
try:
    json.load(Source("[1, 2"))
except ValueError:
    print("ValueError")

# io.StringIO and files
import io

s = io.StringIO()
json.dump({"a": [1, "x" * 300, "\u00e9"]}, s)
print(len(s.getvalue()), json.loads(s.getvalue())["a"][0])
s.seek(0)
print(json.load(s)["a"][2])
with open("json_stream.tmp", "w") as f:
    json.dump(list(range(100)), f, separators=(",", ":"))
with open("json_stream.tmp") as f:
    print(sum(json.load(f)))
with open("json_stream.tmp", "rb") as f:
    print(len(json.load(f)))
import os

os.remove("json_stream.tmp")
