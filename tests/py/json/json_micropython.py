# What campy does where CPython's json differs: the u-prefixed alias, lone
# surrogates (a str holds UTF-8), deep nesting (RuntimeError).
import json
import ujson

print(ujson.dumps is json.dumps, ujson.loads("[1]"))
print(json.loads(r'"\ud800"') == "\ufffd", json.loads(r'"a\udc00b"') == "a\ufffdb")
print(json.loads(r'"\ud800\u0041"') == "\ufffdA")
try:
    json.loads(b'"\xed\xa0\x80"')  # CPython passes surrogates through
except ValueError:
    print("ValueError")
try:
    json.loads("[" * 100000 + "]" * 100000)
except RuntimeError as e:
    print("RuntimeError", e)
# dump writes UTF-8 bytes to binary streams too, as MicroPython's does
import io

b = io.BytesIO()
json.dump({"a": [1, "\u00e9"]}, b)
print(b.getvalue())
b.seek(0)
print(json.load(b))
