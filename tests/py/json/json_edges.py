# json against CPython: numbers, strings and escapes, nesting, what
# loads refuses (ValueError), what dumps refuses (TypeError/ValueError),
# separators, dump/load on streams, subclasses of the basic types
import json, io
def attempt(label, f):
    try:
        r = f()
        print(label, 'ok', repr(r))
    except ValueError as e:
        print(label, 'ValueError')
    except Exception as e:
        print(label, type(e).__name__)
for s in ['1', '-0', '1.5', '1e3', '1E-2', '-1.5e+10', '"a"', '"\\u00e9\\n\\t\\"\\\\\\/"', '"\\ud83d\\ude00"', 'true', 'false', 'null',
          '[]', '{}', '[1, 2, [3]]', '{"a": {"b": []}}', ' [ 1 , 2 ] ', '123456789012345678901234567890', '1.0', '0.1', '1e400', '-1e400',
          '[1,]', '{"a":1,}', '{a:1}', "'x'", '01', '1.', '.5', '+1', '-', '', ' ', '[', ']', '{"a"}', '"abc', '"\\x"', '"\\u12"', 'tru', 'nul', 'NaN', 'Infinity', '-Infinity',
          '[1] x', '"\x01"', '{"a":1, "a":2}', '{"1": 1}', '[1e5, 1E5, 1e-5]', '[-0.0]', '1 2', '\n\t1\r\n', '{"":""}', '[[[[[]]]]]',
          '9' * 50, '-' + '9' * 50, '"\t"']:
    attempt('loads %r' % s, lambda: json.loads(s))
attempt('loads bytes', lambda: json.loads(b'[1]'))
attempt('loads bytearray', lambda: json.loads(bytearray(b'[1]')))
attempt('loads int', lambda: json.loads(1))
attempt('loads None', lambda: json.loads(None))
for o in [1, -1, 1.5, 1e-7, 0.1, 0.5, -0.0, True, False, None, 'a', 'é', '\u20ac', '\U0001F600', '\x00\x1f\x7f', '"\\/\b\f\n\r\t',
          [], {}, [1, [2, [3]]], {'a': 1, 'b': [1, 2]}, (1, 2), {1: 2}, {1.5: 2}, {True: 1}, {None: 1}, 10**30,
          float('inf'), float('nan'), float('-inf'), {(1,): 2}, set(), b'x', {'a': {'b': {'c': None}}}]:
    attempt('dumps %r' % (o,), lambda: json.dumps(o))
for sep in [(',', ':'), (', ', ': '), (';', '='), (',', ': '), None]:
    attempt('sep %r' % (sep,), lambda: json.dumps({'a': [1, 2], 'b': {'c': 3}}, separators=sep))
attempt('sep bad', lambda: json.dumps([1], separators=(',',)))
attempt('sep bad2', lambda: json.dumps([1], separators=1))
attempt('sep bad3', lambda: json.dumps([1], separators=(1, 2)))
s = io.StringIO()
attempt('dump', lambda: (json.dump({'x': [1, 'y']}, s), s.getvalue()))
s = io.StringIO()
attempt('dump sep', lambda: (json.dump({'x': [1, 'y']}, s, separators=(',', ':')), s.getvalue()))
attempt('load', lambda: json.load(io.StringIO('{"k": [true, null]}')))
attempt('load bytes', lambda: json.load(io.BytesIO(b'{"k": [true, null]}')))
attempt('load bad', lambda: json.load(io.StringIO('{"k": [true, null]')))
attempt('load empty', lambda: json.load(io.StringIO('')))
attempt('load trailing', lambda: json.load(io.StringIO('[1] [2]')))
attempt('dump nonstream', lambda: json.dump([1], 5))
attempt('load nonstream', lambda: json.load(5))
class S(str): pass
class I(int): pass
class F(float): pass
class L(list): pass
class D(dict): pass
attempt('subclasses', lambda: json.dumps([S('s'), I(3), F(2.5), L([1]), D(a=1)]))
d = {}
d['self'] = d
attempt('recursion', lambda: json.dumps(d))
l = []
l.append(l)
attempt('recursion list', lambda: json.dumps(l))
attempt('deep', lambda: len(json.dumps(json.loads('[' * 100 + ']' * 100))))
attempt('order', lambda: json.dumps({'b': 1, 'a': 2, 'c': 3}))
attempt('big float', lambda: json.dumps([1e16, 1e15, 2.5e-5]))
attempt('int keys', lambda: json.dumps({1: 'a', 2: 'b'}))
