/*
 * modmath.c - the math module: C's libm behind Python's error rules.
 *
 * Python turns what C reports as NaN or infinity into exceptions: a NaN from
 * a non-NaN argument is ValueError("math domain error"), an infinity from a
 * finite argument is OverflowError("math range error") for functions that
 * can grow past the float range, and a domain error for the others (log(0)).
 * On the board floats are single precision, so the f-suffixed functions are
 * used there. The integer functions (factorial, gcd, isqrt, comb ...) work on
 * ints of any size through the int type's operators.
 */
#include <math.h>
#include <stdint.h>

#include "campy.h"

#if PY_FLOAT_SINGLE
#define M(fn) fn##f
#define HUGE_BITS 128 /* ints this long or longer overflow a float */
#else
#define M(fn) fn
#define HUGE_BITS 1024
#endif

typedef py_float_t (*unary_fn)(py_float_t);
typedef py_float_t (*binary_fn)(py_float_t, py_float_t);

/* A float in a static table: the layout of a float object (objfloat.c). */
typedef struct math_float {
    py_head head;
    py_float_t value;
} math_float;

static const math_float math_e = {{&py_type_float}, (py_float_t)2.718281828459045235360287};
static const math_float math_pi = {{&py_type_float}, (py_float_t)3.141592653589793238462643};
static const math_float math_tau = {{&py_type_float}, (py_float_t)6.283185307179586476925287};
static const math_float math_inf = {{&py_type_float}, (py_float_t)INFINITY};
static const math_float math_nan = {{&py_type_float}, (py_float_t)NAN};

static _Noreturn void domain_error(void) { py_raise_value_error("math domain error"); }

static _Noreturn void range_error(void) {
    py_raise_msg(&py_type_OverflowError, "math range error");
}

/* The shared result check: a NaN or infinity that the arguments did not
 * bring in is an error. */
static py_val checked(py_float_t r, bool args_nan, bool args_finite, bool can_overflow) {
    if (isnan(r) && !args_nan) {
        domain_error();
    }
    if (isinf(r) && args_finite) {
        if (can_overflow) {
            range_error();
        }
        domain_error();
    }
    return py_float_new(r);
}

static py_val math_1(py_val arg, unary_fn fn, bool can_overflow) {
    py_float_t x = py_get_float(arg);
    return checked(fn(x), isnan(x), isfinite(x), can_overflow);
}

static py_val math_2(py_val arg_x, py_val arg_y, binary_fn fn, bool can_overflow) {
    py_float_t x = py_get_float(arg_x), y = py_get_float(arg_y);
    return checked(fn(x, y), isnan(x) || isnan(y), isfinite(x) && isfinite(y), can_overflow);
}

#define MATH_FUN_1(name, cfun, can_overflow)                                                       \
    static py_val math_##name(py_val x) { return math_1(x, cfun, can_overflow); }                  \
    static PY_DEFINE_FUN_1(math_##name##_obj, math_##name)

#define MATH_FUN_2(name, cfun, can_overflow)                                                       \
    static py_val math_##name(py_val x, py_val y) { return math_2(x, y, cfun, can_overflow); }     \
    static PY_DEFINE_FUN_2(math_##name##_obj, math_##name)

/* Wrappers where the libm name is a macro or needs a fixed argument. */
static py_float_t c_fabs(py_float_t x) { return M(fabs)(x); }
static py_float_t c_copysign(py_float_t x, py_float_t y) { return M(copysign)(x, y); }

MATH_FUN_1(sqrt, M(sqrt), false);
MATH_FUN_1(exp, M(exp), true);
MATH_FUN_1(expm1, M(expm1), true);
MATH_FUN_1(log1p, M(log1p), false);
MATH_FUN_1(cos, M(cos), false);
MATH_FUN_1(sin, M(sin), false);
MATH_FUN_1(tan, M(tan), false);
MATH_FUN_1(acos, M(acos), false);
MATH_FUN_1(asin, M(asin), false);
MATH_FUN_1(atan, M(atan), false);
MATH_FUN_1(cosh, M(cosh), true);
MATH_FUN_1(sinh, M(sinh), true);
MATH_FUN_1(tanh, M(tanh), false);
MATH_FUN_1(acosh, M(acosh), false);
MATH_FUN_1(asinh, M(asinh), false);
MATH_FUN_1(atanh, M(atanh), false);
MATH_FUN_1(fabs, c_fabs, false);
MATH_FUN_1(erf, M(erf), false);
MATH_FUN_1(erfc, M(erfc), false);
MATH_FUN_2(atan2, M(atan2), false);
MATH_FUN_2(copysign, c_copysign, false);

/* Plain scaling: an infinity here is the right answer, as in CPython. */
static py_val math_degrees(py_val x) {
    return py_float_new(py_get_float(x) * (py_float_t)(180.0 / 3.141592653589793));
}
static PY_DEFINE_FUN_1(math_degrees_obj, math_degrees);

static py_val math_radians(py_val x) {
    return py_float_new(py_get_float(x) * (py_float_t)(3.141592653589793 / 180.0));
}
static PY_DEFINE_FUN_1(math_radians_obj, math_radians);

/* log(x) of an int too long for a float: x = m * 2**e with m in [0.5, 1)
 * taken from its top bits, and log(x) = log(m) + e * log(2). */
static bool big_int_log(py_val x, unary_fn fn, py_float_t *out) {
    if (!py_is_int(x) || py_is_small(x)) {
        return false;
    }
    if (!py_truthy(py_binary_op(PY_BINOP_GT, x, PY_SMALL(0)))) {
        domain_error();
    }
    py_int_t bits = py_get_int(py_call_method_name(x, Q_bit_length, 0, NULL));
    if (bits < HUGE_BITS) {
        return false; /* converts to a float without overflow */
    }
    const int top_bits = 55;
    py_val top = py_binary_op(PY_BINOP_RSHIFT, x, PY_SMALL(bits - top_bits));
    py_float_t m = M(ldexp)(py_get_float(top), -top_bits);
    *out = fn(m) + fn(2) * (py_float_t)bits;
    return true;
}

static py_float_t c_log(py_float_t x) { return M(log)(x); }
static py_float_t c_log2(py_float_t x) { return M(log2)(x); }
static py_float_t c_log10(py_float_t x) { return M(log10)(x); }

static py_float_t log_of(py_val arg, unary_fn fn) {
    py_float_t r;
    if (big_int_log(arg, fn, &r)) {
        return r;
    }
    py_float_t x = py_get_float(arg);
    if (isnan(x)) {
        return x;
    }
    if (x <= 0) {
        domain_error();
    }
    return fn(x);
}

static py_val math_log(size_t n_args, const py_val *args) {
    py_float_t num = log_of(args[0], c_log);
    if (n_args == 1) {
        return py_float_new(num);
    }
    py_float_t den = log_of(args[1], c_log);
    if (den == 0) {
        py_raise_msg(&py_type_ZeroDivisionError, "float division by zero");
    }
    return py_float_new(num / den);
}
static PY_DEFINE_FUN_VAR(math_log_obj, 1, 2, math_log);

static py_val math_log2(py_val x) { return py_float_new(log_of(x, c_log2)); }
static PY_DEFINE_FUN_1(math_log2_obj, math_log2);

static py_val math_log10(py_val x) { return py_float_new(log_of(x, c_log10)); }
static PY_DEFINE_FUN_1(math_log10_obj, math_log10);

static py_val math_pow(py_val arg_x, py_val arg_y) {
    py_float_t x = py_get_float(arg_x), y = py_get_float(arg_y);
    py_float_t r = M(pow)(x, y);
    if (isfinite(x) && isfinite(y)) {
        if (isnan(r)) {
            domain_error(); /* a negative number to a fractional power */
        }
        if (isinf(r)) {
            if (x == 0) {
                domain_error(); /* 0 to a negative power */
            }
            range_error();
        }
    }
    return py_float_new(r);
}
static PY_DEFINE_FUN_2(math_pow_obj, math_pow);

static py_val math_fmod(py_val arg_x, py_val arg_y) {
    py_float_t x = py_get_float(arg_x), y = py_get_float(arg_y);
    if (isinf(y) && isfinite(x)) {
        return py_float_new(x);
    }
    return checked(M(fmod)(x, y), isnan(x) || isnan(y), true, false);
}
static PY_DEFINE_FUN_2(math_fmod_obj, math_fmod);

/* hypot(*coordinates): scaled by the largest so the squares cannot overflow. */
static py_val math_hypot(size_t n_args, const py_val *args) {
    if (n_args == 2) {
        py_float_t x = py_get_float(args[0]), y = py_get_float(args[1]);
        return checked(M(hypot)(x, y), isnan(x) || isnan(y), isfinite(x) && isfinite(y), true);
    }
    py_float_t biggest = 0;
    bool any_nan = false;
    for (size_t i = 0; i < n_args; i++) {
        py_float_t v = M(fabs)(py_get_float(args[i]));
        if (isinf(v)) {
            return py_float_new(v);
        }
        any_nan |= isnan(v);
        if (v > biggest) {
            biggest = v;
        }
    }
    if (any_nan) {
        return py_float_new((py_float_t)NAN);
    }
    if (biggest == 0 || n_args == 1) {
        return py_float_new(biggest);
    }
    py_float_t sum = 0;
    for (size_t i = 0; i < n_args; i++) {
        py_float_t v = py_get_float(args[i]) / biggest;
        sum += v * v;
    }
    return checked(biggest * M(sqrt)(sum), false, true, true);
}
static PY_DEFINE_FUN_VAR(math_hypot_obj, 0, PY_ARGS_MAX, math_hypot);

/* dist(p, q): the Euclidean distance between two points of equal dimension. */
static py_val math_dist(py_val p, py_val q) {
    size_t np, nq;
    py_val *ip, *iq;
    py_get_array(p, &np, &ip);
    py_get_array(q, &nq, &iq);
    if (np != nq) {
        py_raise_value_error("both points must have the same number of dimensions");
    }
    py_val *diffs = py_gc_alloc((np + 1) * sizeof(py_val));
    for (size_t i = 0; i < np; i++) {
        diffs[i] = py_float_new(py_get_float(ip[i]) - py_get_float(iq[i]));
    }
    py_val r = math_hypot(np, diffs);
    py_gc_free(diffs);
    return r;
}
static PY_DEFINE_FUN_2(math_dist_obj, math_dist);

/* ---- rounding to ints */

static bool is_bool(py_val v) { return v == PY_TRUE || v == PY_FALSE; }

/* x itself for ints, x.__name__() for objects that define it, else fn(float(x)). */
static py_val round_to_int(py_val x, py_qstr special, unary_fn fn) {
    if (py_is_int(x)) {
        return is_bool(x) ? PY_SMALL(x == PY_TRUE) : x;
    }
    if (!py_is_type(x, &py_type_float) && py_is_obj(x)) {
        py_val dest[2];
        py_load_method_maybe(x, special, dest);
        if (dest[0] != PY_NULL) {
            return py_call_method(dest, 0, 0, NULL);
        }
    }
    return py_int_from_float(fn(py_get_float(x)));
}

static py_val math_ceil(py_val x) { return round_to_int(x, Q___ceil__, M(ceil)); }
static PY_DEFINE_FUN_1(math_ceil_obj, math_ceil);

static py_val math_floor(py_val x) { return round_to_int(x, Q___floor__, M(floor)); }
static PY_DEFINE_FUN_1(math_floor_obj, math_floor);

static py_val math_trunc(py_val x) { return round_to_int(x, Q___trunc__, M(trunc)); }
static PY_DEFINE_FUN_1(math_trunc_obj, math_trunc);

/* ---- float anatomy */

static py_val math_modf(py_val arg) {
    py_float_t x = py_get_float(arg), whole;
    py_float_t frac = M(modf)(x, &whole);
    return py_tuple2(py_float_new(frac), py_float_new(whole));
}
static PY_DEFINE_FUN_1(math_modf_obj, math_modf);

static py_val math_frexp(py_val arg) {
    py_float_t x = py_get_float(arg);
    int e = 0;
    py_float_t m = x;
    if (isfinite(x)) {
        m = M(frexp)(x, &e);
    }
    return py_tuple2(py_float_new(m), PY_SMALL(e));
}
static PY_DEFINE_FUN_1(math_frexp_obj, math_frexp);

static py_val math_ldexp(py_val arg_x, py_val arg_e) {
    py_float_t x = py_get_float(arg_x);
    if (!py_is_int(arg_e)) {
        py_raise_type_error("Expected an int as second argument to ldexp.");
    }
    py_int_t e;
    if (!py_get_int_maybe(arg_e, &e)) { /* a huge exponent: only its sign matters */
        e = py_truthy(py_binary_op(PY_BINOP_LT, arg_e, PY_SMALL(0))) ? -100000 : 100000;
    }
    if (e > 100000) {
        e = 100000;
    } else if (e < -100000) {
        e = -100000;
    }
    if (x == 0 || !isfinite(x)) {
        return py_float_new(x);
    }
    py_float_t r = M(ldexp)(x, (int)e);
    if (isinf(r)) {
        range_error();
    }
    return py_float_new(r);
}
static PY_DEFINE_FUN_2(math_ldexp_obj, math_ldexp);

static py_val math_isfinite(py_val x) { return PY_BOOL(isfinite(py_get_float(x))); }
static PY_DEFINE_FUN_1(math_isfinite_obj, math_isfinite);

static py_val math_isinf(py_val x) { return PY_BOOL(isinf(py_get_float(x))); }
static PY_DEFINE_FUN_1(math_isinf_obj, math_isinf);

static py_val math_isnan(py_val x) { return PY_BOOL(isnan(py_get_float(x))); }
static PY_DEFINE_FUN_1(math_isnan_obj, math_isnan);

/* isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0) */
static py_val math_isclose(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_a, PY_ARG_REQUIRED, PY_NULL},
        {Q_b, PY_ARG_REQUIRED, PY_NULL},
        {Q_rel_tol, PY_ARG_KW_ONLY, PY_NULL},
        {Q_abs_tol, PY_ARG_KW_ONLY, PY_NULL},
    };
    py_val v[4];
    py_parse_args(n_args, args, kw, 4, spec, v);
    py_float_t a = py_get_float(v[0]), b = py_get_float(v[1]);
    py_float_t rel_tol = v[2] == PY_NULL ? (py_float_t)1e-9 : py_get_float(v[2]);
    py_float_t abs_tol = v[3] == PY_NULL ? 0 : py_get_float(v[3]);
    if (rel_tol < 0 || abs_tol < 0) {
        py_raise_value_error("tolerances must be non-negative");
    }
    if (a == b) {
        return PY_TRUE;
    }
    if (isinf(a) || isinf(b)) {
        return PY_FALSE;
    }
    py_float_t diff = M(fabs)(b - a);
    return PY_BOOL(diff <= M(fabs)(rel_tol * b) || diff <= M(fabs)(rel_tol * a) || diff <= abs_tol);
}
static PY_DEFINE_FUN_KW(math_isclose_obj, 2, math_isclose);

/* ---- gamma */

static bool is_nonpositive_integer(py_float_t x) { return x <= 0 && x == M(floor)(x); }

static py_val math_gamma(py_val arg) {
    py_float_t x = py_get_float(arg);
    if (isnan(x) || (isinf(x) && x > 0)) {
        return py_float_new(x);
    }
    if (isinf(x) || is_nonpositive_integer(x)) {
        domain_error();
    }
    py_float_t r = M(tgamma)(x);
    if (isinf(r)) {
        range_error();
    }
    return py_float_new(r);
}
static PY_DEFINE_FUN_1(math_gamma_obj, math_gamma);

static py_val math_lgamma(py_val arg) {
    py_float_t x = py_get_float(arg);
    if (isnan(x)) {
        return py_float_new(x);
    }
    if (isinf(x)) {
        return py_float_new((py_float_t)INFINITY);
    }
    if (is_nonpositive_integer(x)) {
        domain_error();
    }
    py_float_t r = M(lgamma)(x);
    if (isinf(r)) {
        range_error();
    }
    return py_float_new(r);
}
static PY_DEFINE_FUN_1(math_lgamma_obj, math_lgamma);

/* ---- integer functions, for ints of any size */

static py_val mul(py_val a, py_val b) { return py_binary_op(PY_BINOP_MUL, a, b); }
static bool is_less(py_val a, py_val b) { return py_truthy(py_binary_op(PY_BINOP_LT, a, b)); }

/* An int argument, as an int value (bools become 0/1); TypeError otherwise. */
static py_val int_arg(py_val v) {
    if (!py_is_int(v)) {
        py_raise_type_error("'%s' object cannot be interpreted as an integer", py_type_name(v));
    }
    return is_bool(v) ? PY_SMALL(v == PY_TRUE) : v;
}

/* The product lo * (lo+1) * ... * hi, split in halves so the big
 * multiplications are between numbers of similar size. */
static py_val range_product(uint64_t lo, uint64_t hi) {
    py_stack_check();
    if (hi - lo < 8) {
        uint64_t acc = 1;
        py_val r = PY_SMALL(1);
        for (uint64_t k = lo; k <= hi; k++) {
            if (acc > UINT64_MAX / k) {
                r = mul(r, py_int_from_u64(acc));
                acc = 1;
            }
            acc *= k;
        }
        return mul(r, py_int_from_u64(acc));
    }
    uint64_t mid = lo + (hi - lo) / 2;
    return mul(range_product(lo, mid), range_product(mid + 1, hi));
}

static py_val math_factorial(py_val arg) {
    py_val n = int_arg(arg);
    py_int_t k;
    if (!py_get_int_maybe(n, &k) || k > 1000000) {
        if (is_less(n, PY_SMALL(0))) {
            py_raise_value_error("factorial() not defined for negative values");
        }
        py_raise_msg(&py_type_OverflowError, "factorial() argument should not exceed %ld",
                     1000000L);
    }
    if (k < 0) {
        py_raise_value_error("factorial() not defined for negative values");
    }
    return k < 2 ? PY_SMALL(1) : range_product(2, (uint64_t)k);
}
static PY_DEFINE_FUN_1(math_factorial_obj, math_factorial);

static py_val gcd2(py_val a, py_val b) {
    a = py_unary_op(PY_UNOP_ABS, a);
    b = py_unary_op(PY_UNOP_ABS, b);
    while (b != PY_SMALL(0)) {
        py_int_t x, y;
        if (py_get_int_maybe(a, &x) && py_get_int_maybe(b, &y)) {
            while (y != 0) {
                py_int_t t = x % y;
                x = y;
                y = t;
            }
            return PY_SMALL(x);
        }
        py_val t = py_binary_op(PY_BINOP_MOD, a, b);
        a = b;
        b = t;
        py_check_interrupt();
    }
    return a;
}

static py_val math_gcd(size_t n_args, const py_val *args) {
    py_val g = PY_SMALL(0);
    for (size_t i = 0; i < n_args; i++) {
        g = gcd2(g, int_arg(args[i]));
    }
    return g;
}
static PY_DEFINE_FUN_VAR(math_gcd_obj, 0, PY_ARGS_MAX, math_gcd);

static py_val math_lcm(size_t n_args, const py_val *args) {
    py_val l = PY_SMALL(1);
    for (size_t i = 0; i < n_args; i++) {
        py_val v = py_unary_op(PY_UNOP_ABS, int_arg(args[i]));
        if (v == PY_SMALL(0) || l == PY_SMALL(0)) {
            l = PY_SMALL(0);
            continue;
        }
        l = mul(py_binary_op(PY_BINOP_FLOORDIV, l, gcd2(l, v)), v);
    }
    return l;
}
static PY_DEFINE_FUN_VAR(math_lcm_obj, 0, PY_ARGS_MAX, math_lcm);

/* isqrt(n): the floor of the exact square root, by Newton's method. */
static py_val math_isqrt(py_val arg) {
    py_val n = int_arg(arg);
    if (is_less(n, PY_SMALL(0))) {
        py_raise_value_error("isqrt() argument must be nonnegative");
    }
    if (n == PY_SMALL(0)) {
        return n;
    }
    py_int_t bits = py_get_int(py_call_method_name(n, Q_bit_length, 0, NULL));
    py_val x = py_binary_op(PY_BINOP_LSHIFT, PY_SMALL(1), PY_SMALL((bits + 1) / 2));
    for (;;) {
        py_val y = py_binary_op(
            PY_BINOP_FLOORDIV, py_binary_op(PY_BINOP_ADD, x, py_binary_op(PY_BINOP_FLOORDIV, n, x)),
            PY_SMALL(2));
        if (!is_less(y, x)) {
            return x;
        }
        x = y;
    }
}
static PY_DEFINE_FUN_1(math_isqrt_obj, math_isqrt);

static py_val nonnegative_arg(py_val v, const char *name) {
    v = int_arg(v);
    if (is_less(v, PY_SMALL(0))) {
        py_raise_value_error("%s must be a non-negative integer", name);
    }
    return v;
}

/* n * (n-1) * ... * (n-k+1), divided by k! when choosing. */
static py_val falling_product(py_val n, py_val k, bool choose) {
    if (is_less(n, k)) {
        return PY_SMALL(0);
    }
    if (choose) {
        py_val rest = py_binary_op(PY_BINOP_SUB, n, k);
        if (is_less(rest, k)) {
            k = rest;
        }
    }
    py_int_t count;
    if (!py_get_int_maybe(k, &count) || count > 10000000) {
        py_raise_msg(&py_type_OverflowError, "k must not exceed %ld", 10000000L);
    }
    py_val r = PY_SMALL(1);
    for (py_int_t i = 0; i < count; i++) {
        r = mul(r, py_binary_op(PY_BINOP_SUB, n, PY_SMALL(i)));
        if (choose) {
            r = py_binary_op(PY_BINOP_FLOORDIV, r, PY_SMALL(i + 1));
        }
        if ((i & 255) == 255) {
            py_check_interrupt();
        }
    }
    return r;
}

static py_val math_comb(py_val n, py_val k) {
    return falling_product(nonnegative_arg(n, "n"), nonnegative_arg(k, "k"), true);
}
static PY_DEFINE_FUN_2(math_comb_obj, math_comb);

static py_val math_perm(size_t n_args, const py_val *args) {
    py_val n = nonnegative_arg(args[0], "n");
    py_val k = n_args > 1 && args[1] != PY_NONE ? nonnegative_arg(args[1], "k") : n;
    return falling_product(n, k, false);
}
static PY_DEFINE_FUN_VAR(math_perm_obj, 1, 2, math_perm);

/* prod(iterable, *, start=1) */
static py_val math_prod(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_iterable, PY_ARG_REQUIRED, PY_NULL},
        {Q_start, PY_ARG_KW_ONLY, PY_SMALL(1)},
    };
    py_val v[2];
    py_parse_args(n_args, args, kw, 2, spec, v);
    py_val it = py_getiter(v[0]), item, r = v[1];
    while ((item = py_iternext(it)) != PY_STOP) {
        r = mul(r, item);
    }
    return r;
}
static PY_DEFINE_FUN_KW(math_prod_obj, 1, math_prod);

static const py_map_entry math_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_math)},
    {PY_QSTR(Q_e), PY_OBJ(&math_e)},
    {PY_QSTR(Q_pi), PY_OBJ(&math_pi)},
    {PY_QSTR(Q_tau), PY_OBJ(&math_tau)},
    {PY_QSTR(Q_inf), PY_OBJ(&math_inf)},
    {PY_QSTR(Q_nan), PY_OBJ(&math_nan)},
    {PY_QSTR(Q_sqrt), PY_OBJ(&math_sqrt_obj)},
    {PY_QSTR(Q_pow), PY_OBJ(&math_pow_obj)},
    {PY_QSTR(Q_exp), PY_OBJ(&math_exp_obj)},
    {PY_QSTR(Q_expm1), PY_OBJ(&math_expm1_obj)},
    {PY_QSTR(Q_log), PY_OBJ(&math_log_obj)},
    {PY_QSTR(Q_log2), PY_OBJ(&math_log2_obj)},
    {PY_QSTR(Q_log10), PY_OBJ(&math_log10_obj)},
    {PY_QSTR(Q_log1p), PY_OBJ(&math_log1p_obj)},
    {PY_QSTR(Q_cos), PY_OBJ(&math_cos_obj)},
    {PY_QSTR(Q_sin), PY_OBJ(&math_sin_obj)},
    {PY_QSTR(Q_tan), PY_OBJ(&math_tan_obj)},
    {PY_QSTR(Q_acos), PY_OBJ(&math_acos_obj)},
    {PY_QSTR(Q_asin), PY_OBJ(&math_asin_obj)},
    {PY_QSTR(Q_atan), PY_OBJ(&math_atan_obj)},
    {PY_QSTR(Q_atan2), PY_OBJ(&math_atan2_obj)},
    {PY_QSTR(Q_cosh), PY_OBJ(&math_cosh_obj)},
    {PY_QSTR(Q_sinh), PY_OBJ(&math_sinh_obj)},
    {PY_QSTR(Q_tanh), PY_OBJ(&math_tanh_obj)},
    {PY_QSTR(Q_acosh), PY_OBJ(&math_acosh_obj)},
    {PY_QSTR(Q_asinh), PY_OBJ(&math_asinh_obj)},
    {PY_QSTR(Q_atanh), PY_OBJ(&math_atanh_obj)},
    {PY_QSTR(Q_ceil), PY_OBJ(&math_ceil_obj)},
    {PY_QSTR(Q_floor), PY_OBJ(&math_floor_obj)},
    {PY_QSTR(Q_trunc), PY_OBJ(&math_trunc_obj)},
    {PY_QSTR(Q_fabs), PY_OBJ(&math_fabs_obj)},
    {PY_QSTR(Q_fmod), PY_OBJ(&math_fmod_obj)},
    {PY_QSTR(Q_modf), PY_OBJ(&math_modf_obj)},
    {PY_QSTR(Q_frexp), PY_OBJ(&math_frexp_obj)},
    {PY_QSTR(Q_ldexp), PY_OBJ(&math_ldexp_obj)},
    {PY_QSTR(Q_copysign), PY_OBJ(&math_copysign_obj)},
    {PY_QSTR(Q_isfinite), PY_OBJ(&math_isfinite_obj)},
    {PY_QSTR(Q_isinf), PY_OBJ(&math_isinf_obj)},
    {PY_QSTR(Q_isnan), PY_OBJ(&math_isnan_obj)},
    {PY_QSTR(Q_isclose), PY_OBJ(&math_isclose_obj)},
    {PY_QSTR(Q_degrees), PY_OBJ(&math_degrees_obj)},
    {PY_QSTR(Q_radians), PY_OBJ(&math_radians_obj)},
    {PY_QSTR(Q_erf), PY_OBJ(&math_erf_obj)},
    {PY_QSTR(Q_erfc), PY_OBJ(&math_erfc_obj)},
    {PY_QSTR(Q_gamma), PY_OBJ(&math_gamma_obj)},
    {PY_QSTR(Q_lgamma), PY_OBJ(&math_lgamma_obj)},
    {PY_QSTR(Q_hypot), PY_OBJ(&math_hypot_obj)},
    {PY_QSTR(Q_dist), PY_OBJ(&math_dist_obj)},
    {PY_QSTR(Q_factorial), PY_OBJ(&math_factorial_obj)},
    {PY_QSTR(Q_gcd), PY_OBJ(&math_gcd_obj)},
    {PY_QSTR(Q_lcm), PY_OBJ(&math_lcm_obj)},
    {PY_QSTR(Q_isqrt), PY_OBJ(&math_isqrt_obj)},
    {PY_QSTR(Q_comb), PY_OBJ(&math_comb_obj)},
    {PY_QSTR(Q_perm), PY_OBJ(&math_perm_obj)},
    {PY_QSTR(Q_prod), PY_OBJ(&math_prod_obj)},
};
static PY_DEFINE_FIXED_DICT(math_globals, math_table);
PY_DEFINE_MODULE(py_module_math, math_globals);
PY_REGISTER_MODULE(Q_math, py_module_math);
