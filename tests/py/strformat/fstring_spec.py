# f-strings with format specs and conversions
pi = 3.14159
n = 42
s = 'text'
print(f'{pi:.2f} {pi:8.3f}| {n:05d} {n:x} {n:#b} {n:>6}| {n:<6}| {n:^6}|')
print(f'{s!r} {s!s} {s:>8} {s:*^10} {s!r:>10}')
width, prec = 8, 3
print(f'{pi:{width}.{prec}f}|', f'{s:>{width}}|')
print(f'{n:,}', f'{0.5:.0%}', f'{1e-3:e}', f'{-n:+d}')
print(f'{[1, 2]!r}', f'{None}', f'{True}')
