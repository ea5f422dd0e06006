# integer presentation types in format specs
for v in (0, 10, -10, 255, 2 ** 40):
    print('{:d} {:x} {:X} {:o} {:b} {:#x} {:#o} {:#b} {:+d} {: d}'.format(v, v, v, v, v, v, v, v, v, v))
print('{:08d} {:+08d} {:08x} {:#010x} {:8b}|'.format(42, 42, 255, 255, 5))
print('{:,}'.format(1234567), '{:,}'.format(-1000), '{:,}'.format(999), '{:,d}'.format(10 ** 10))
print('{:c}'.format(65), '{:5}'.format(True), '{}'.format(True), '{:d}'.format(True))
