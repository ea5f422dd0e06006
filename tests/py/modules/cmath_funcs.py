# cmath: complex exp, log, sqrt, cos, sin and the polar form
import cmath
import math


def show(z):
    return (round(z.real, 5) + 0.0, round(z.imag, 5) + 0.0)


print(cmath.pi, cmath.e, cmath.tau)
print(cmath.phase(1j), cmath.phase(-1), cmath.phase(1), cmath.phase(-1 - 1j), cmath.phase(-1 - 1e-30j))
print(cmath.polar(1j), cmath.polar(-2), cmath.polar(3 + 4j))
print(show(cmath.rect(1, math.pi / 2)), cmath.rect(2, 0), show(cmath.rect(1, math.pi)))
print(cmath.sqrt(-1), cmath.sqrt(4), cmath.sqrt(-4), cmath.sqrt(3 + 4j), cmath.sqrt(-3 - 4j), cmath.sqrt(0))
print(cmath.sqrt(2j), cmath.sqrt(-2j), cmath.sqrt(complex(-0.0, 0.0)))
print(show(cmath.exp(1j * math.pi)), cmath.exp(0), show(cmath.exp(1 + 1j)), cmath.exp(1))
print(cmath.log(1), cmath.log(-1), show(cmath.log(1j)), show(cmath.log(3 + 4j)), show(cmath.log(100, 10)))
print(show(cmath.log(8, 2)), show(cmath.log(1 + 1j, 1j)))
print(cmath.log10(100), show(cmath.log10(-10)), show(cmath.log10(1j)))
print(show(cmath.cos(0)), show(cmath.cos(1j)), show(cmath.cos(1 + 2j)), show(cmath.cos(math.pi)))
print(show(cmath.sin(0)), show(cmath.sin(1j)), show(cmath.sin(1 + 2j)), show(cmath.sin(math.pi / 2)))
print(cmath.isfinite(1 + 1j), cmath.isinf(complex(math.inf, 0)), cmath.isnan(complex(0, math.nan)))
for z in [1 + 2j, -3.5 + 0.5j, 0.1 - 7j]:
    w = cmath.sqrt(z)
    print(abs(w * w - z) < 1e-6, abs(cmath.exp(cmath.log(z)) - z) < 1e-6)
    r, phi = cmath.polar(z)
    print(abs(cmath.rect(r, phi) - z) < 1e-6)
for f, arg in [(cmath.log, 0), (cmath.log10, 0j), (cmath.sqrt, 'x'), (cmath.exp, complex(1000, 1))]:
    try:
        print(f(arg))
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__)
