# json.loads: values, numbers, strings and escapes, whitespace, errors.
import json

print(json.loads("null"), json.loads("true"), json.loads("false"))
print(json.loads("0"), json.loads("-0"), json.loads("123"), json.loads("-987"))
print(json.loads("123456789012345678901234567890"), json.loads("-99999999999999999999"))
print(json.loads("1.5"), json.loads("-0.0"), json.loads("1e3"), json.loads("1E-3"))
print(json.loads("2.5e+2"), json.loads("1e400"), json.loads("-1e400"), json.loads("1e-400"))
print(json.loads("0.1"), json.loads("3.141592653589793"), json.loads("123456789.125"))
print(json.loads("NaN"), json.loads("Infinity"), json.loads("-Infinity"))
print(type(json.loads("1")).__name__, type(json.loads("1.0")).__name__)
print(repr(json.loads('""')), repr(json.loads('"abc"')))
print(repr(json.loads(r'"\" \\ \/ \b \f \n \r \t"')))
print(repr(json.loads(r'"\u0041\u00e9\u20ac\uFFFF"')))
print(repr(json.loads(r'"\ud83d\ude00 and \uD800\uDC00"')))
print(repr(json.loads('"caf\u00e9 \U0001f600"')))
print(json.loads("[]"), json.loads("{}"), json.loads("[[]]"), json.loads('{"a": {}}'))
print(json.loads(' \t\n\r[ 1 ,\n 2 , {"a" :\t[ true ] } ] \n'))
print(json.loads('{"a": 1, "b": 2, "a": 3}'))
print(json.loads('{"x": [1, 2.5, "s", null, true, false, {"y": []}]}'))
print(json.loads(b'{"bytes": "ok \xc3\xa9"}'))
print(json.loads(bytearray(b"[1, 2]")))
print(json.loads(b'\xef\xbb\xbf{"bom": 1}'))

d = json.loads('{"name": "x", "value": 5}')
print(d["name"], d["value"], "name" in d, sorted(d))
for k in d:
    print(k, type(k).__name__, k == "name" or k == "value")

long_text = "[" + ", ".join(str(i) for i in range(2000)) + "]"
print(sum(json.loads(long_text)))
print(len(json.loads('"' + "x" * 5000 + '"')))
print(len(json.loads('"' + "\\n" * 3000 + '"')))

docs = [None, True, 1, -1.5, "s\u00e9\U0001f600\n", [1, [2]], {"a": [{"b": None}]}, list(range(100))]
for doc in docs:
    print(json.loads(json.dumps(doc)) == doc)

def fails(text):
    try:
        json.loads(text)
        print("no error", repr(text))
    except ValueError:
        print("ValueError")
    except TypeError:
        print("TypeError")


for bad in ["", " ", "[", "]", "[1,]", "[,1]", "[1 2]", "{", '{"a"}', '{"a" 1}', '{"a": 1,}',
            '{1: 2}', "{'a': 1}", "tru", "nul", "True", "None", '"abc', '"abc\\"', '"\\x41"',
            '"\\u12"', '"\\u12G4"', "01", "1 2", "[1] x", "-", "1.", ".5", "1e", "1e+", "+1",
            "--1", "0x10", '"tab\there"', '"nl\nhere"', "[1]]", "nan", "inf", "[01]", "'s'"]:
    fails(bad)
fails(b"\xff\xfe")
fails(b'"\xc0\x80"')
fails(12)
fails(None)
fails(["[1]"])

try:
    json.loads("[" * 100000 + "]" * 100000)
except RuntimeError:
    print("RuntimeError")
try:
    json.loads('{"a":' * 50000 + "1" + "}" * 50000)
except RuntimeError:
    print("RuntimeError")
