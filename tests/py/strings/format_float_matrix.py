# skip-if: single-float
# format() of floats against many specs
fvals = [0.0, -0.0, 1.0, -1.5, 3.14159265, 1e-5, 1.23456e-7, 1e16, 1.5e300, 123456789.125, 0.1, 2.5, 0.5, 1e100,
         float('inf'), float('-inf'), float('nan'), 100.0, 12345.678]
fspecs = ['', 'f', '.0f', '.1f', '.3f', 'e', '.0e', '.2E', 'g', '.3g', '.10g', 'G', '%', '.1%', '.3', '.1', '10.2f', '<10',
          '^12.3e', '010.3f', '+f', ' .2f', ',.2f', '_.3f', '012,.1f', '#.0f', '#g', '#.3', 'n', 'z.1f', '=+12.2f', 'x>+10.1f', 'F', '.2F']
for v in fvals:
    out = []
    for sp in fspecs:
        try:
            out.append(format(v, sp))
        except ValueError as e:
            out.append(type(e).__name__)
    print(repr(v), '|'.join(out))
print(format(1+2j), format(1+2j, '>12'), format(1.5-2j, '.2f'), format(-1j, ''), format(3j, 'e'), format(complex(1, 0), 'g'))
for bad in [lambda: format(1.0, 'd'), lambda: format(1.0, 'x'), lambda: format(1.0, ',n'), lambda: format(1j, '05')]:
    try:
        print(bad())
    except ValueError as e:
        print(type(e).__name__, e)
