# ValueError from conversions of malformed values
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

check("int('')", lambda: int(''))
check("int('abc')", lambda: int('abc'))
check("int('1.5')", lambda: int('1.5'))
check("int('12', 2)", lambda: int('12', 2))
check("int('9', 8)", lambda: int('9', 8))
check("int('0x', 16)", lambda: int('0x', 16))
check("int('1 2')", lambda: int('1 2'))
check("int('--1')", lambda: int('--1'))
check('int base 1', lambda: int('1', 1))
check('int base 37', lambda: int('1', 37))
check("float('')", lambda: float(''))
check("float('abc')", lambda: float('abc'))
check("float('1.2.3')", lambda: float('1.2.3'))
check("float('1e')", lambda: float('1e'))
check("complex('x')", lambda: complex('1+'))
check('int(nan)', lambda: int(float('nan')))
check("int(' ')", lambda: int(' '))
check("int('0b2', 0)", lambda: int('0b2', 0))
check("int('1_')", lambda: int('1_'))
