/*
 * modcmath.c - the cmath module: complex exp, log, sqrt, cos, sin and the
 * polar form.
 *
 * The formulas avoid overflow in intermediate values (sqrt scales by 8
 * before adding; log uses log1p close to the unit circle) so results agree
 * with CPython's for ordinary arguments. Arguments may be ints, floats or
 * complex numbers.
 */
#include <math.h>

#include "campy.h"

#if PY_FLOAT_SINGLE
#define M(fn) fn##f
#else
#define M(fn) fn
#endif

typedef struct cmath_float { /* the layout of a float object (objfloat.c) */
    py_head head;
    py_float_t value;
} cmath_float;

static const cmath_float cmath_e = {{&py_type_float}, (py_float_t)2.718281828459045235360287};
static const cmath_float cmath_pi = {{&py_type_float}, (py_float_t)3.141592653589793238462643};
static const cmath_float cmath_tau = {{&py_type_float}, (py_float_t)6.283185307179586476925287};
static const cmath_float cmath_inf = {{&py_type_float}, (py_float_t)INFINITY};
static const cmath_float cmath_nan = {{&py_type_float}, (py_float_t)NAN};

typedef struct cplx {
    py_float_t re, im;
} cplx;

static cplx arg_of(py_val v) {
    cplx z;
    py_get_complex(v, &z.re, &z.im);
    return z;
}

static bool finite(cplx z) { return isfinite(z.re) && isfinite(z.im); }

static bool has_nan(cplx z) { return isnan(z.re) || isnan(z.im); }

/* Finite in, infinite out: the result did not fit. No NaN in, a NaN out:
 * the function is not defined there (cos of an infinite angle). */
static py_val result(cplx in, cplx out) {
    if (!has_nan(in) && has_nan(out)) {
        py_raise_value_error("math domain error");
    }
    if (finite(in) && !finite(out)) {
        py_raise_msg(&py_type_OverflowError, "math range error");
    }
    return py_complex_new(out.re, out.im);
}

/* a * b where an exact zero wins over an infinity or a NaN, as in the
 * limits the formulas stand for: sin(0) * sinh(inf) is 0, not NaN. A NaN
 * counts as negative there, which gives the signs CPython's tables have
 * (cos(nan+0j) is nan+0j, sin(nan+0j) is nan-0j). */
static py_float_t mul0(py_float_t a, py_float_t b) {
    if (a == 0 || b == 0) {
        py_float_t sa = isnan(a) ? -1 : M(copysign)(1, a), sb = isnan(b) ? -1 : M(copysign)(1, b);
        return M(copysign)(0, sa * sb);
    }
    return a * b;
}

static py_val cmath_phase(py_val v) {
    cplx z = arg_of(v);
    return py_float_new(M(atan2)(z.im, z.re));
}
static PY_DEFINE_FUN_1(cmath_phase_obj, cmath_phase);

static py_val cmath_polar(py_val v) {
    cplx z = arg_of(v);
    py_float_t r = M(hypot)(z.re, z.im);
    if (isinf(r) && finite(z)) {
        py_raise_msg(&py_type_OverflowError, "math range error");
    }
    return py_tuple2(py_float_new(r), py_float_new(M(atan2)(z.im, z.re)));
}
static PY_DEFINE_FUN_1(cmath_polar_obj, cmath_polar);

static py_val cmath_rect(py_val r_arg, py_val phi_arg) {
    py_float_t r = py_get_float(r_arg), phi = py_get_float(phi_arg);
    if (phi == 0) {
        return py_complex_new(r, mul0(r, phi)); /* keeps the sign of a zero phi */
    }
    if (isinf(phi) && !isnan(r)) {
        py_raise_value_error("math domain error");
    }
    return py_complex_new(r * M(cos)(phi), r * M(sin)(phi));
}
static PY_DEFINE_FUN_2(cmath_rect_obj, cmath_rect);

static py_val cmath_exp(py_val v) {
    cplx z = arg_of(v), r;
    if (z.im == 0) {
        r.re = M(exp)(z.re);
        r.im = z.im;
    } else {
        py_float_t l = M(exp)(z.re);
        r.re = mul0(l, M(cos)(z.im));
        r.im = mul0(l, M(sin)(z.im));
    }
    return result(z, r);
}
static PY_DEFINE_FUN_1(cmath_exp_obj, cmath_exp);

static cplx complex_log(cplx z) {
    py_float_t ax = M(fabs)(z.re), ay = M(fabs)(z.im);
    if (ax == 0 && ay == 0) {
        py_raise_value_error("math domain error");
    }
    cplx r;
    py_float_t h = M(hypot)(ax, ay);
    if (h >= (py_float_t)0.71 && h <= (py_float_t)1.73 && isfinite(h)) {
        /* near |z| = 1, log(h) loses digits: log1p of h*h - 1 keeps them */
        py_float_t big = ax > ay ? ax : ay, small = ax > ay ? ay : ax;
        r.re = M(log1p)((big - 1) * (big + 1) + small * small) / 2;
    } else {
        r.re = M(log)(h);
    }
    r.im = M(atan2)(z.im, z.re);
    return r;
}

static cplx complex_div(cplx a, cplx b) {
    py_float_t d = b.re * b.re + b.im * b.im;
    if (d == 0) {
        py_raise_msg(&py_type_ZeroDivisionError, "complex division by zero");
    }
    cplx r = {(a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d};
    return r;
}

static py_val cmath_log(size_t n_args, const py_val *args) {
    cplx r = complex_log(arg_of(args[0]));
    if (n_args > 1) {
        r = complex_div(r, complex_log(arg_of(args[1])));
    }
    return py_complex_new(r.re, r.im);
}
static PY_DEFINE_FUN_VAR(cmath_log_obj, 1, 2, cmath_log);

static py_val cmath_log10(py_val v) {
    cplx r = complex_log(arg_of(v));
    const py_float_t ln10 = (py_float_t)2.302585092994045684;
    return py_complex_new(r.re / ln10, r.im / ln10);
}
static PY_DEFINE_FUN_1(cmath_log10_obj, cmath_log10);

static py_val cmath_sqrt(py_val v) {
    cplx z = arg_of(v);
    if (z.re == 0 && z.im == 0) {
        return py_complex_new(0, z.im);
    }
    if (isinf(z.im)) {
        return py_complex_new((py_float_t)INFINITY, z.im);
    }
    py_float_t ax = M(fabs)(z.re), ay = M(fabs)(z.im);
    /* sqrt((ax + |z|) / 2), with the sum scaled down so it cannot overflow */
    py_float_t s = 2 * M(sqrt)(ax / 8 + M(hypot)(ax / 8, ay / 8));
    py_float_t d = ay / (2 * s);
    if (z.re >= 0) {
        return py_complex_new(s, M(copysign)(d, z.im));
    }
    return py_complex_new(d, M(copysign)(s, z.im));
}
static PY_DEFINE_FUN_1(cmath_sqrt_obj, cmath_sqrt);

/* cos(x + iy) = cos x cosh y - i sin x sinh y */
static py_val cmath_cos(py_val v) {
    cplx z = arg_of(v);
    cplx r = {mul0(M(cos)(z.re), M(cosh)(z.im)), -mul0(M(sin)(z.re), M(sinh)(z.im))};
    return result(z, r);
}
static PY_DEFINE_FUN_1(cmath_cos_obj, cmath_cos);

/* sin(x + iy) = sin x cosh y + i cos x sinh y */
static py_val cmath_sin(py_val v) {
    cplx z = arg_of(v);
    cplx r = {mul0(M(sin)(z.re), M(cosh)(z.im)), mul0(M(cos)(z.re), M(sinh)(z.im))};
    return result(z, r);
}
static PY_DEFINE_FUN_1(cmath_sin_obj, cmath_sin);

static py_val cmath_isfinite(py_val v) { return PY_BOOL(finite(arg_of(v))); }
static PY_DEFINE_FUN_1(cmath_isfinite_obj, cmath_isfinite);

static py_val cmath_isinf(py_val v) {
    cplx z = arg_of(v);
    return PY_BOOL(isinf(z.re) || isinf(z.im));
}
static PY_DEFINE_FUN_1(cmath_isinf_obj, cmath_isinf);

static py_val cmath_isnan(py_val v) {
    cplx z = arg_of(v);
    return PY_BOOL(isnan(z.re) || isnan(z.im));
}
static PY_DEFINE_FUN_1(cmath_isnan_obj, cmath_isnan);

static const py_map_entry cmath_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_cmath)},
    {PY_QSTR(Q_e), PY_OBJ(&cmath_e)},
    {PY_QSTR(Q_pi), PY_OBJ(&cmath_pi)},
    {PY_QSTR(Q_tau), PY_OBJ(&cmath_tau)},
    {PY_QSTR(Q_inf), PY_OBJ(&cmath_inf)},
    {PY_QSTR(Q_nan), PY_OBJ(&cmath_nan)},
    {PY_QSTR(Q_phase), PY_OBJ(&cmath_phase_obj)},
    {PY_QSTR(Q_polar), PY_OBJ(&cmath_polar_obj)},
    {PY_QSTR(Q_rect), PY_OBJ(&cmath_rect_obj)},
    {PY_QSTR(Q_exp), PY_OBJ(&cmath_exp_obj)},
    {PY_QSTR(Q_log), PY_OBJ(&cmath_log_obj)},
    {PY_QSTR(Q_log10), PY_OBJ(&cmath_log10_obj)},
    {PY_QSTR(Q_sqrt), PY_OBJ(&cmath_sqrt_obj)},
    {PY_QSTR(Q_cos), PY_OBJ(&cmath_cos_obj)},
    {PY_QSTR(Q_sin), PY_OBJ(&cmath_sin_obj)},
    {PY_QSTR(Q_isfinite), PY_OBJ(&cmath_isfinite_obj)},
    {PY_QSTR(Q_isinf), PY_OBJ(&cmath_isinf_obj)},
    {PY_QSTR(Q_isnan), PY_OBJ(&cmath_isnan_obj)},
};
static PY_DEFINE_FIXED_DICT(cmath_globals, cmath_table);
PY_DEFINE_MODULE(py_module_cmath, cmath_globals);
PY_REGISTER_MODULE(Q_cmath, py_module_cmath);
