# ValueError from bytes, chr and related range checks
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

check('bytes([256])', lambda: bytes([256]))
check('bytes([-1])', lambda: bytes([-1]))
check('bytearray([300])', lambda: bytearray([300]))
check('bytearray item 256', lambda: bytearray(1).__setitem__(0, 256))
check('bytearray append -1', lambda: bytearray().append(-1))
check('fromhex bad digit', lambda: bytes.fromhex('zz'))
check('fromhex odd length', lambda: bytes.fromhex('abc'))
check('chr(-1)', lambda: chr(-1))
check('chr(0x110000)', lambda: chr(0x110000))
check('bytes(-1)', lambda: bytes(-1))
check('bytearray(-5)', lambda: bytearray(-5))
check('to_bytes bad order', lambda: (1).to_bytes(2, 'middle'))
check('from_bytes bad order', lambda: int.from_bytes(b'\x01', 'sideways'))
check('negative shift left', lambda: 1 << -1)
check('negative shift right', lambda: 1 >> -1)
check('big negative shift', lambda: (2 ** 100) >> -5)
check('str * huge ok', lambda: len('ab' * 3))
