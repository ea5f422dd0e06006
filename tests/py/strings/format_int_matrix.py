# format() of ints and bools against many specs
vals = [0, 1, -1, 7, 42, -42, 255, 1000000, -1234567, 2**40, -2**70, 2**100, True, False]
specs = ['', 'd', 'x', 'X', 'o', 'b', '#x', '#o', '#b', '#X', '+d', ' d', '08d', '+08d', '<8', '>8', '^8', '=8', '*^9',
         '010,', ',', '_', '_x', '_b', '#010x', '08,d', 'n', 'c', '-', '09_', '<06', 'x<+#8X', '#_o', '+#x', ' 010']
for v in vals:
    out = []
    for sp in specs:
        try:
            out.append(format(v, sp))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__)
    print(v, '|'.join(out))
for bad in [lambda: format(1, 'q'), lambda: format(1, '.2d'), lambda: format(1, ',x'), lambda: format(1, ',_'), lambda: format(1, '.'),
            lambda: format(1, '5.2.3'), lambda: format(-1, 'c'), lambda: format(1, '+c'), lambda: format(1, 'z'), lambda: format(None, 'x')]:
    try:
        print(bad())
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(hex(255), oct(-8), bin(5), hex(2**70), format(2**64, 'x'))
