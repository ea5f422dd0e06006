# the % operator: conversions, flags, mappings and errors
print('%s %s' % ('a', 'b'), '%5s|%-5s|' % ('x', 'y'), '%.2s' % 'abc', '%r' % 'x', '%a' % 'é', '%c%c' % (0x20ac, 'é'), '%%')
print('%d %i %u' % (1, -2, 3), '%05d' % -3, '%+d % d' % (1, 1), '%x %X %o %#x %#X %#o' % (255, 255, 8, 255, 255, 8))
print('%.3d|%5.3d|%-5.3d|%05.3d|' % (5, 5, 5, 5), '%d' % 2**70, '%x' % -2**70, '%-8x|' % 255, '%+#o' % 8)
print('%f %.2f %10.3f| %-10.1f| %e %.2E %g %G %.3g' % (1.5, 2.345, -3.3, 4.44, 12345.6789, 0.000123, 1e-5, 1e20, 3.14159))
print('%s' % [1, 2], '%s' % (1,), '%(a)s-%(b)d' % {'a': 'x', 'b': 2}, '%(a)s %%' % {'a': 1}, '%s' % {'a': 1}, '%*d|%-*d|%.*f' % (4, 1, 4, 2, 2, 3.14159))
print('%d' % 3.99, '%i' % -3.99, '%x' % True, '%s' % None, '%.0f %.0f' % (0.5, 1.5), '%#.0f' % 1, '%#x' % 0, '%o' % 0, '%5c|' % 'x')
print('%-6.2f|%06.2f|%+.1e|% g' % (1.005, -1.5, 12345, 0.5), '%(x)05.1f' % {'x': 2.25}, '%s%%%s' % (1, 2), '%ld %hd' % (1, 2))
print('%s|%5s|%-5s|%.1s' % ('é€', 'é€', 'é€', 'é€'), '%r' % 'é', '%(é)s' % {'é': 1}, '%*s|' % (-4, 'a'))
class N:
    def __int__(self):
        return 7
    def __index__(self):
        return 8
    def __float__(self):
        return 1.5
print('%d %x %f' % (N(), N(), N()))
for bad in [lambda: '%d' % 'x', lambda: '%x' % 1.5, lambda: '%s %s' % 'a', lambda: '%s' % (1, 2), lambda: '%(a)s' % 1, lambda: '%' % (),
            lambda: '%y' % 1, lambda: '%c' % 'ab', lambda: '%c' % -1, lambda: '%f' % 'x', lambda: '%(a)s' % {}, lambda: '%*d' % ('a', 1),
            lambda: 'a' % 1, lambda: '%(a' % {'a': 1}, lambda: '%s' % ()]:
    try:
        print(bad())
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(type(e).__name__, e)
print(f'{3.5!r:>8}|{"x"!s:^5}|{10:#06x}|{-7:+05}|{1234567.5:,.2f}|{0.0625:.2%}')
