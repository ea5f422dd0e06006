# OverflowError where a value cannot be represented
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

check('int(inf)', lambda: int(float('inf')))
check('int(-inf)', lambda: int(float('-inf')))
check('round(inf)', lambda: round(float('inf')))
check('to_bytes too small', lambda: (256).to_bytes(1, 'big'))
check('to_bytes negative unsigned', lambda: (-1).to_bytes(2, 'little'))
check('to_bytes signed range', lambda: (128).to_bytes(1, 'big', signed=True))
check('to_bytes big value', lambda: (2 ** 100).to_bytes(8, 'big'))
check('math.floor(inf)', lambda: __import__('math').floor(float('inf')))
check('list * huge', lambda: [1] * (2 ** 100))
check('str * huge', lambda: 'ab' * (2 ** 100))
check('to_bytes fits', lambda: (255).to_bytes(1, 'big'))
