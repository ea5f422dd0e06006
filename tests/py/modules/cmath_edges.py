# skip-if: single-float
# cmath against CPython: ordinary, signed-zero, infinite and NaN arguments,
# domain errors where a formula has no limit, the polar form
import cmath, math
def fmt(r):
    if isinstance(r, complex):
        return '(%s, %s)' % (fmt(r.real), fmt(r.imag))
    if isinstance(r, float):
        if r != r: return 'nan'
        if r == 0 or math.isinf(r): return repr(r)
        return '%.12g' % r
    if isinstance(r, tuple): return '(' + ', '.join(fmt(x) for x in r) + ')'
    return repr(r)
def attempt(label, f):
    try:
        print(label, fmt(f()))
    except Exception as e:
        print(label, type(e).__name__)
inf, nan = float('inf'), float('nan')
vals = [0, 1, -1, 1j, -1j, 1+1j, -2-3j, 0.5, complex(0, -0.0), complex(-0.0, 0), complex(-1, -0.0), complex(inf, 0), complex(0, inf), complex(nan, 0), 1e300 + 1e300j, 3]
for name in ['cos', 'exp', 'log', 'log10', 'phase', 'polar', 'sin', 'sqrt', 'isfinite', 'isinf', 'isnan']:
    f = getattr(cmath, name)
    for v in vals:
        attempt('%s(%r)' % (name, v), lambda: f(v))
    attempt(name + '(str)', lambda: f('1'))
for r, phi in [(1, 0), (2, math.pi / 2), (0, 1), (inf, 0), (1, inf), (-1, 0.5)]:
    attempt('rect(%r, %r)' % (r, phi), lambda: cmath.rect(r, phi))
attempt('log base', lambda: cmath.log(8, 2))
attempt('log 0', lambda: cmath.log(0))
attempt('consts', lambda: (cmath.pi, cmath.e))
attempt('tau inf', lambda: (cmath.tau, cmath.inf))
