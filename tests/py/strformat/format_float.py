# float presentation types in format specs
x = 2.718281
print('{:f} {:.2f} {:8.3f}| {:<8.1f}| {:+.1f} {:08.2f}'.format(x, x, x, x, x, -x))
print('{:e} {:.2e} {:E}'.format(12345.678, 0.000123, 1.5))
print('{:g} {:g} {:g} {:.3g} {:G}'.format(0.0001, 1e-5, 1234567.0, 3.14159, 1e-7))
print('{:%} {:.1%} {:.0%}'.format(0.25, 0.5, 1.0))
print('{} {} {}'.format(1.0, 0.5, -2.25), '{:.0f}'.format(7.7))
print('{:.3f}'.format(2), '{:f}'.format(10 ** 3), '{:10.4f}|'.format(0.5))
print('{:f} {:f}'.format(float('inf'), float('-inf')), '{:.1f}'.format(1e6))
