# TypeError from conversions with the wrong argument types
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

check('int(None)', lambda: int(None))
check('int([])', lambda: int([]))
check('int with base non-str', lambda: int(10, 2))
check('float(None)', lambda: float(None))
check('float([])', lambda: float([1]))
check('complex(None)', lambda: complex(None))
check('bytes(str)', lambda: bytes('abc'))
check('bytes(float)', lambda: bytes(1.5))
check('bytearray(str)', lambda: bytearray('x'))
check('bytes list of str', lambda: bytes(['a']))
check('str(bytes, int)', lambda: str(b'a', 5))
check('chr(float)', lambda: chr(65.0))
check('bin(str)', lambda: bin('1'))
check('list.index no args', lambda: [].index())
check('str.encode int', lambda: 'a'.encode(5))
check('bool(x, y)', lambda: bool(1, 2))
check('int.from_bytes str', lambda: int.from_bytes('ab', 'big'))
check('to_bytes float len', lambda: (1).to_bytes(1.5, 'big'))
check('memoryview(str)', lambda: memoryview('abc'))
check('memoryview(int)', lambda: memoryview(5))
