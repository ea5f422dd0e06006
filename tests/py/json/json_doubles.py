# skip-if: single-float
# json numbers that need double floats: the ends of the range and 17 digits
import json

for s in ['1.7976931348623157e308', '5e-324', '2.5e-324', '2.2250738585072014e-308', '1e308', '1e309',
          '0.1', '0.30000000000000004', '123456789.123456789', '9007199254740993.0', '-2.5e-320']:
    x = json.loads(s)
    print(s, x, json.dumps(x), json.loads(json.dumps(x)) == x)
for x in [1e100, 1 / 3, 2 / 3, 1e16, 1e22, 1e-300, 5e-324, 123456789.123456789]:
    print(json.dumps(x), json.loads(json.dumps(x)) == x)
