# skip-if: single-float
# math against CPython: every function on ordinary, signed-zero, huge,
# infinite and NaN arguments, domain and range errors, big-int arguments
import math
def fmt(r):
    if isinstance(r, float):
        if r != r: return 'nan'
        return repr(r)
    if isinstance(r, tuple): return '(' + ', '.join(fmt(x) for x in r) + ')'
    return repr(r)
def attempt(label, f):
    try:
        r = f()
        if label.startswith(('gamma', 'lgamma')) and isinstance(r, float) and r == r:
            r = float('%.12g' % r)  # the last digit is the C library's
        print(label, fmt(r))
    except Exception as e:
        print(label, type(e).__name__)
inf, nan = float('inf'), float('nan')
vals = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 10.0, -10.0, 1e300, -1e300, 1e-300, inf, -inf, nan, 3, -7, True, 2**70]
one = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'ceil', 'cos', 'cosh', 'degrees', 'erf', 'erfc', 'exp', 'expm1', 'fabs',
       'floor', 'frexp', 'gamma', 'isfinite', 'isinf', 'isnan', 'lgamma', 'log', 'log10', 'log1p', 'log2', 'modf', 'radians', 'sin',
       'sinh', 'sqrt', 'tan', 'tanh', 'trunc']
for name in one:
    f = getattr(math, name)
    for v in vals:
        attempt('%s(%r)' % (name, v), lambda: f(v))
    attempt('%s(str)' % name, lambda: f('1'))
two = ['atan2', 'copysign', 'fmod', 'ldexp', 'pow', 'log', 'isclose', 'hypot', 'gcd', 'lcm', 'comb', 'perm']
pairs = [(1.0, 2.0), (-1.0, 0.0), (0.0, -0.0), (inf, 1.0), (1.0, inf), (nan, 1.0), (2.0, 1024), (2, -1075), (-8.0, 1/3), (0.0, -1.0),
         (10, 3), (-10, 3), (12, 18), (0, 0), (5, 2), (2, 5), (-1, 2), (10, 2.5), (1e308, 10.0), (3.0, 2)]
for name in two:
    f = getattr(math, name)
    for a, b in pairs:
        attempt('%s(%r, %r)' % (name, a, b), lambda: f(a, b))
attempt('factorial(0)', lambda: math.factorial(0))
attempt('factorial(20)', lambda: math.factorial(20))
attempt('factorial(-1)', lambda: math.factorial(-1))
attempt('factorial(2.0)', lambda: math.factorial(2.0))
attempt('factorial(2.5)', lambda: math.factorial(2.5))
attempt('isqrt', lambda: [math.isqrt(n) for n in (0, 1, 15, 16, 10**40)])
attempt('isqrt neg', lambda: math.isqrt(-1))
attempt('prod', lambda: (math.prod([1, 2, 3]), math.prod([]), math.prod([1.5, 2], start=2)))
attempt('dist', lambda: math.dist((0, 0), (3, 4)))
attempt('dist bad', lambda: math.dist((0, 0), (3,)))
attempt('isclose kw', lambda: (math.isclose(1.0, 1.0001, rel_tol=1e-3), math.isclose(0, 1e-10, abs_tol=1e-9)))
attempt('isclose neg tol', lambda: math.isclose(1, 1, rel_tol=-1))
attempt('log base', lambda: (math.log(8, 2), math.log(100, 10), math.log(1, 10)))
attempt('log base 1', lambda: math.log(2, 1))
attempt('log big int', lambda: math.log(2**2000))
attempt('log10 big int', lambda: math.log10(10**400))
attempt('log2 big', lambda: math.log2(2**3000))
attempt('sqrt big', lambda: math.sqrt(10**400))
attempt('floor big', lambda: math.floor(1e30))
attempt('ceil inf', lambda: math.ceil(inf))
attempt('floor nan', lambda: math.floor(nan))
attempt('trunc -2.5', lambda: math.trunc(-2.5))
attempt('consts', lambda: (math.pi, math.e, math.tau, math.inf, math.nan != math.nan))
attempt('hypot 3', lambda: math.hypot(3, 4, 12))
attempt('gcd many', lambda: math.gcd(12, 18, 27))
attempt('gcd float', lambda: math.gcd(1.5, 2))
attempt('comb float', lambda: math.comb(5, 2.0))
attempt('comb neg', lambda: math.comb(-1, 2))
attempt('perm 1', lambda: math.perm(5))
attempt('ldexp float', lambda: math.ldexp(1.0, 1.5))
attempt('pow 0 neg', lambda: math.pow(0.0, -1.0))
attempt('pow neg frac', lambda: math.pow(-2.0, 0.5))
attempt('fmod inf', lambda: math.fmod(inf, 1.0))
attempt('fmod zero', lambda: math.fmod(1.0, 0.0))
attempt('exp overflow', lambda: math.exp(1000))
attempt('frexp 0', lambda: math.frexp(0.0))
attempt('modf inf', lambda: math.modf(inf))
