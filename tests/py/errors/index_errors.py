# IndexError from out-of-range indexes
def check(label, fn):
    try:
        r = fn()
        print(label, "no error", r)
    except Exception as e:
        print(label, type(e).__name__)

check('list[5]', lambda: [1, 2][5])
check('list[-3]', lambda: [1, 2][-3])
check('empty list[0]', lambda: [][0])
check('str[10]', lambda: 'abc'[10])
check('str[-4]', lambda: 'abc'[-4])
check('unicode str[4]', lambda: 'aé€😀'[4])
check('tuple[1]', lambda: (0,)[1])
check('bytes[3]', lambda: b'abc'[3])
check('bytearray[-4]', lambda: bytearray(b'abc')[-4])
check('range[10]', lambda: range(10)[10])
check('range[-11]', lambda: range(10)[-11])
check('memoryview[5]', lambda: memoryview(b'abc')[5])
check('list.pop empty', lambda: [].pop())
check('list.pop(5)', lambda: [1].pop(5))
check('bytearray.pop empty', lambda: bytearray().pop())
check('index 1000', lambda: [1][10 ** 3])
def assign_out():
    l = [1, 2]
    l[2] = 3
def del_out():
    l = [1, 2]
    del l[-3]
def bytearray_assign_out():
    b = bytearray(2)
    b[2] = 1
check('list assign out of range', assign_out)
check('list del out of range', del_out)
check('bytearray assign out of range', bytearray_assign_out)
check('format missing positional', lambda: '{} {}'.format(1))
check('format index too big', lambda: '{5}'.format(1))
check('slice never raises', lambda: [1, 2][5:10])
