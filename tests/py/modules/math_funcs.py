# math functions on ordinary arguments: values agree with CPython
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(0.25), math.sqrt(0), math.sqrt(16))
print(math.exp(0), math.exp(1), math.exp(-2.5), math.expm1(1e-10), math.expm1(1))
print(math.log(1), math.log(math.e), math.log(8, 2), math.log(100, 10), math.log(0.5))
print(math.log2(8), math.log2(1024), math.log2(3), math.log10(1000), math.log10(0.01))
print(math.log1p(0), math.log1p(1e-10), math.log1p(1))
print(math.pow(2, 10), math.pow(2, -1), math.pow(-2, 3), math.pow(4, 0.5), math.pow(0, 0))
print(math.pow(1, math.nan), math.pow(math.nan, 0), math.pow(math.inf, -1))
print(math.cos(0), math.sin(0), math.tan(0), math.cos(math.pi), math.sin(math.pi / 2))
print(math.acos(1), math.asin(1), math.atan(1), math.atan2(1, 1), math.atan2(-1, -1))
print(math.atan2(0.0, -1), math.atan2(-0.0, -1), math.atan(math.inf))
print(math.cosh(0), math.sinh(0), math.tanh(0), math.tanh(100), math.cosh(1))
print(math.acosh(1), math.asinh(0), math.atanh(0), math.acosh(2), math.asinh(1), math.atanh(0.5))
print(math.fabs(-3), math.fabs(2.5), math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3))
print(math.fmod(5.5, math.inf), math.copysign(3, -0.0), math.copysign(-2, 1))
print(math.degrees(math.pi), math.radians(180), math.degrees(1), math.radians(1))
print(math.modf(2.5), math.modf(-3.75), math.modf(math.inf), math.modf(-math.inf))
print(math.frexp(8.0), math.frexp(0.0), math.frexp(-3), math.frexp(1e-3))
print(math.ldexp(0.5, 4), math.ldexp(1, -3), math.ldexp(3, 0), math.ldexp(1.0, 10**100 * 0))
print(math.isfinite(1), math.isfinite(math.inf), math.isfinite(math.nan))
print(math.isinf(math.inf), math.isinf(-math.inf), math.isinf(1e300 * 0), math.isnan(math.nan), math.isnan(2))
print(math.erf(0), math.erf(1) > 0.84, math.erfc(0), round(math.erf(0.5), 6), round(math.erfc(1.5), 6))
print(math.gamma(1), math.gamma(5), math.gamma(0.5) ** 2 - math.pi < 1e-5, round(math.lgamma(10), 5))
print(math.hypot(3, 4), math.hypot(5, 12), math.hypot(), math.hypot(-2), round(math.hypot(1, 2, 2), 6))
print(math.hypot(math.inf, math.nan), math.dist((0, 0), (3, 4)), math.dist([1], [4]))
print(math.isclose(1, 1), math.isclose(1, 1.0000000001), math.isclose(1, 1.1), math.isclose(1, 1.1, rel_tol=0.2))
print(math.isclose(0, 1e-12), math.isclose(0, 1e-12, abs_tol=1e-9), math.isclose(math.inf, math.inf))
print(math.isclose(math.inf, -math.inf), math.isclose(math.nan, math.nan))
for f in (math.ceil, math.floor, math.trunc):
    print(f(2.5), f(-2.5), f(3), f(-3.0), f(True), f(0.999))
print(type(math.ceil(1.5)), type(math.floor(1.5)), type(math.trunc(1.5)))


class Ceil:
    def __ceil__(self):
        return 'ceil'

    def __floor__(self):
        return 'floor'

    def __trunc__(self):
        return 'trunc'


print(math.ceil(Ceil()), math.floor(Ceil()), math.trunc(Ceil()))
print(math.floor(10**30) == 10**30, math.ceil(-10**30) == -10**30)
