# the format() builtin
print(format(3.5), format(42), format('s'), format(1.26, '.1f'))
print(format(255, 'x'), format(255, '#b'), format(-3, '05d'), format(0.125, '.2%'))
print(format('mid', '^9') + '|', format(12345, ',') , format(True), format(None))
print(format(1e-3, 'e'), format(7, ''), format([1, 2]))
