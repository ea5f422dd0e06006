/*
 * objint.c - int: small ints are tagged words and never touch the heap;
 * values beyond the small range are big-int objects (sign, length, 32-bit
 * digits) computed by py/bigint.c. Every result that fits the small range is
 * returned as a small int, so a value has exactly one form and equal ints
 * compare and hash alike.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bigint.h"
#include "campy.h"
#include "objint.h"
#include "objtype.h"

typedef struct py_int_obj {
    py_head head;
    size_t size; /* digit count << 1 | negative */
    py_digit d[];
} py_int_obj;

/* ---- views and results */

/* A py_bigint view of any int value; tmp holds a small int's digits. */
typedef struct int_view {
    py_bigint b;
    py_digit tmp[PY_BIGINT_INT64_LEN];
} int_view;

static bool is_big(py_val v) { return py_is_obj(v) && py_is_type(v, &py_type_int); }

static py_val int_native(py_val v) {
    if (py_is_small(v) || is_big(v)) {
        return v;
    }
    if (v == PY_TRUE || v == PY_FALSE) {
        return PY_SMALL(v == PY_TRUE);
    }
    return py_native_value(v);
}

static void view_of(py_val v, int_view *w) {
    v = int_native(v);
    if (py_is_small(v)) {
        w->b.d = w->tmp;
        py_bigint_from_int64(&w->b, (int64_t)py_small_value(v));
    } else {
        py_int_obj *o = py_ptr(v);
        w->b.d = o->d;
        w->b.len = o->size >> 1;
        w->b.neg = (o->size & 1) != 0;
    }
}

/* A big-int object with room for n digits, its py_bigint aimed at it. */
static py_int_obj *big_alloc(size_t n, py_bigint *r) {
    if (n == PY_BIGINT_TOO_BIG || n > PY_BIGINT_MAX_LEN) {
        py_raise_memory_error();
    }
    py_int_obj *o = py_gc_alloc_flags(sizeof(py_int_obj) + (n ? n : 1) * sizeof(py_digit),
                                      PY_GC_LEAF);
    o->head.type = &py_type_int;
    r->d = o->d;
    r->len = 0;
    r->neg = false;
    return o;
}

/* Turns a computed result into a value: small when it fits. */
static py_val big_finish(py_int_obj *o, const py_bigint *r) {
    int64_t v;
    if (py_bigint_to_int64(r, &v) == PY_BIGINT_OK && v >= PY_SMALL_MIN && v <= PY_SMALL_MAX) {
        py_gc_free(o);
        return PY_SMALL((py_int_t)v);
    }
    if (r->d != o->d) {
        memmove(o->d, r->d, r->len * sizeof(py_digit));
    }
    o->size = r->len << 1 | (r->neg ? 1 : 0);
    size_t want = sizeof(py_int_obj) + r->len * sizeof(py_digit);
    if (py_gc_block_bytes(o) >= want + 2 * PY_BYTES_PER_BLOCK) {
        o = py_gc_realloc(o, want); /* shrinks in place */
    }
    return PY_OBJ(o);
}

static py_digit *scratch_alloc(size_t n) {
    if (n == 0) {
        return NULL;
    }
    if (n == PY_BIGINT_TOO_BIG || n > PY_BIGINT_MAX_LEN) {
        py_raise_memory_error();
    }
    return py_gc_alloc_flags(n * sizeof(py_digit), PY_GC_LEAF);
}

static void scratch_free(py_digit *p) {
    if (p != NULL) {
        py_gc_free(p);
    }
}

static py_val from_bigint_status(py_bigint_status st) {
    switch (st) {
    case PY_BIGINT_OK:
        return PY_NULL;
    case PY_BIGINT_EZERODIV:
        py_raise_msg(&py_type_ZeroDivisionError, "integer division or modulo by zero");
    case PY_BIGINT_EOVERFLOW:
        py_raise_msg(&py_type_OverflowError, "int too large");
    case PY_BIGINT_ETOOBIG:
        py_raise_memory_error();
    default:
        py_raise_value_error("invalid int operation");
    }
}

/* ---- constructors and accessors (campy.h) */

py_val py_int_from_i64(long long n) {
    if (n >= PY_SMALL_MIN && n <= PY_SMALL_MAX) {
        return PY_SMALL((py_int_t)n);
    }
    py_bigint r;
    py_int_obj *o = big_alloc(PY_BIGINT_INT64_LEN, &r);
    py_bigint_from_int64(&r, (int64_t)n);
    return big_finish(o, &r);
}

py_val py_int_from_u64(unsigned long long n) {
    if (n <= (unsigned long long)PY_SMALL_MAX) {
        return PY_SMALL((py_int_t)n);
    }
    py_bigint r;
    py_int_obj *o = big_alloc(PY_BIGINT_INT64_LEN, &r);
    py_bigint_from_uint64(&r, (uint64_t)n);
    return big_finish(o, &r);
}

py_val py_int_from_float(py_float_t f) {
    if (isnan(f)) {
        py_raise_value_error("cannot convert float NaN to integer");
    }
    if (isinf(f)) {
        py_raise_msg(&py_type_OverflowError, "cannot convert float infinity to integer");
    }
    double d = (double)f;
    if (d > -9.0e15 && d < 9.0e15) {
        return py_int_from_i64((long long)d);
    }
    py_bigint r;
    py_int_obj *o = big_alloc(py_bigint_from_double_size(d), &r);
    from_bigint_status(py_bigint_from_double(&r, d));
    return big_finish(o, &r);
}

py_val py_int_from_str(const char *s, size_t len, int base) {
    /* the common case: a short decimal */
    if (base == 10 && len > 0 && len < 16) {
        bool ok = true;
        long long v = 0;
        for (size_t i = 0; i < len; i++) {
            if (s[i] < '0' || s[i] > '9') {
                ok = false;
                break;
            }
            v = v * 10 + (s[i] - '0');
        }
        if (ok && (len == 1 || s[0] != '0' || v != 0)) {
            return py_int_from_i64(v);
        }
    }
    py_bigint r;
    py_int_obj *o = big_alloc(py_bigint_from_str_size(len, base), &r);
    if (py_bigint_from_str(&r, s, len, base) != PY_BIGINT_OK) {
        py_gc_free(o);
        if (base != 0 && (base < 2 || base > 36)) {
            py_raise_value_error("int() arg 2 must be >= 2 and <= 36");
        }
        py_raise_value_error("invalid literal for int() with base %d: %r", base,
                             py_str_new(s, len));
    }
    return big_finish(o, &r);
}

bool py_is_int(py_val v) {
    return py_is_small(v) || is_big(v) || v == PY_TRUE || v == PY_FALSE ||
           (py_is_obj(v) && py_isinstance(v, &py_type_int));
}

bool py_get_int_maybe(py_val v, py_int_t *out) {
    if (py_is_small(v)) {
        *out = py_small_value(v);
        return true;
    }
    if (v == PY_TRUE || v == PY_FALSE) {
        *out = v == PY_TRUE;
        return true;
    }
    if (py_is_obj(v) && !is_big(v) && py_isinstance(v, &py_type_int)) {
        return py_get_int_maybe(int_native(v), out);
    }
    if (is_big(v)) {
        int_view w;
        view_of(v, &w);
        int64_t x;
        if (py_bigint_to_int64(&w.b, &x) == PY_BIGINT_OK && x >= INTPTR_MIN && x <= INTPTR_MAX) {
            *out = (py_int_t)x;
            return true;
        }
    }
    return false;
}

py_int_t py_get_int(py_val v) {
    py_int_t n;
    if (py_get_int_maybe(v, &n)) {
        return n;
    }
    if (py_is_int(v)) {
        py_raise_msg(&py_type_OverflowError, "overflow converting long int to machine word");
    }
    py_raise_type_error("can't convert %T to int", v);
}

long long py_get_i64(py_val v) {
    if (!py_is_int(v)) {
        py_raise_type_error("can't convert %T to int", v);
    }
    int_view w;
    view_of(v, &w);
    int64_t x;
    if (py_bigint_to_int64(&w.b, &x) != PY_BIGINT_OK) {
        py_raise_msg(&py_type_OverflowError, "overflow converting long int to machine word");
    }
    return (long long)x;
}

py_int_t py_get_index(py_val v) {
    if (py_is_int(v)) {
        return py_get_int(v);
    }
    py_val dest[2];
    py_load_method_maybe(v, Q___index__, dest);
    if (dest[0] != PY_NULL) {
        return py_get_index(py_call_method(dest, 0, 0, NULL));
    }
    py_raise_type_error("'%T' object cannot be interpreted as an integer", v);
}

size_t py_get_index_in(py_val index, size_t len, const char *what) {
    py_int_t i;
    if (py_is_small(index)) {
        i = py_small_value(index);
    } else if (!py_is_int(index)) {
        py_val dest[2];
        if (py_is_obj(index)) {
            py_load_method_maybe(index, Q___index__, dest);
            if (dest[0] != PY_NULL) {
                return py_get_index_in(py_call_method(dest, 0, 0, NULL), len, what);
            }
        }
        py_raise_type_error("%s indices must be integers, not %T", what, index);
    } else if (!py_get_int_maybe(index, &i)) {
        py_raise_msg(&py_type_IndexError, "%s index out of range", what);
    }
    if (i < 0) {
        i += (py_int_t)len;
    }
    if (i < 0 || (size_t)i >= len) {
        py_raise_msg(&py_type_IndexError, "%s index out of range", what);
    }
    return (size_t)i;
}

/* ---- text */

void py_int_append_digits(py_buf *out, py_val v, int base, const char *prefix) {
    v = int_native(v);
    if (py_is_small(v) && base == 10) {
        py_buf_printf(out, "%s%s%ld", py_small_value(v) < 0 ? "-" : "", prefix ? prefix : "",
                      (long)(py_small_value(v) < 0 ? -py_small_value(v) : py_small_value(v)));
        return;
    }
    int_view w;
    view_of(v, &w);
    size_t plen = prefix ? strlen(prefix) : 0;
    size_t need = py_bigint_to_str_size(w.b.len, base) + plen;
    py_digit *scratch = scratch_alloc(py_bigint_to_str_scratch(w.b.len, base));
    view_of(v, &w); /* an allocation may have moved nothing, but re-aim tmp anyway */
    char *dst = py_buf_extend(out, need);
    size_t n;
    py_bigint_to_str(&w.b, base, prefix, dst, &n, scratch);
    out->len -= need - n;
    scratch_free(scratch);
}

static void int_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    self = int_native(self);
    if (py_is_small(self)) {
        char tmp[32];
        int n = snprintf(tmp, sizeof(tmp), "%ld", (long)py_small_value(self));
        py_print_strn(out, tmp, (size_t)n);
        return;
    }
    py_buf b;
    py_buf_init(&b, 32);
    py_int_append_digits(&b, self, 10, NULL);
    py_print_strn(out, b.data, b.len);
    py_gc_free(b.data);
}

/* ---- arithmetic on big values */

static py_val big_add_sub(py_val a, py_val b, bool sub) {
    int_view x, y;
    view_of(a, &x);
    view_of(b, &y);
    py_bigint r;
    py_int_obj *o = big_alloc(py_bigint_add_size(x.b.len, y.b.len), &r);
    view_of(a, &x);
    view_of(b, &y);
    if (sub) {
        py_bigint_sub(&r, &x.b, &y.b);
    } else {
        py_bigint_add(&r, &x.b, &y.b);
    }
    return big_finish(o, &r);
}

static py_val big_mul(py_val a, py_val b) {
    int_view x, y;
    view_of(a, &x);
    view_of(b, &y);
    py_bigint r;
    py_digit *scratch = scratch_alloc(py_bigint_mul_scratch(x.b.len, y.b.len));
    py_int_obj *o = big_alloc(py_bigint_mul_size(x.b.len, y.b.len), &r);
    view_of(a, &x);
    view_of(b, &y);
    py_bigint_mul(&r, &x.b, &y.b, scratch);
    scratch_free(scratch);
    return big_finish(o, &r);
}

/* Floor division and/or modulo; want: 1 quotient, 2 remainder, 3 both. */
static py_val big_divmod(py_val a, py_val b, int want) {
    int_view x, y;
    view_of(a, &x);
    view_of(b, &y);
    if (y.b.len == 0) {
        py_raise_msg(&py_type_ZeroDivisionError, "integer division or modulo by zero");
    }
    size_t na = x.b.len, nb = y.b.len;
    py_digit *scratch = scratch_alloc(py_bigint_divmod_scratch(na, nb));
    py_bigint q, r;
    py_int_obj *qo = (want & 1) ? big_alloc(py_bigint_div_size(na, nb), &q) : NULL;
    py_int_obj *ro = (want & 2) ? big_alloc(py_bigint_mod_size(na, nb), &r) : NULL;
    view_of(a, &x);
    view_of(b, &y);
    from_bigint_status(py_bigint_divmod(qo ? &q : NULL, ro ? &r : NULL, &x.b, &y.b, scratch));
    scratch_free(scratch);
    py_val qv = qo ? big_finish(qo, &q) : PY_NULL;
    py_val rv = ro ? big_finish(ro, &r) : PY_NULL;
    if (want == 1) {
        return qv;
    }
    if (want == 2) {
        return rv;
    }
    return py_tuple2(qv, rv);
}

static py_val big_bitwise(py_binop op, py_val a, py_val b) {
    int_view x, y;
    view_of(a, &x);
    view_of(b, &y);
    py_bigint r;
    py_int_obj *o = big_alloc(py_bigint_bitwise_size(x.b.len, y.b.len), &r);
    view_of(a, &x);
    view_of(b, &y);
    if (op == PY_BINOP_AND) {
        py_bigint_and(&r, &x.b, &y.b);
    } else if (op == PY_BINOP_OR) {
        py_bigint_or(&r, &x.b, &y.b);
    } else {
        py_bigint_xor(&r, &x.b, &y.b);
    }
    return big_finish(o, &r);
}

static py_val big_shift(py_val a, py_val count, bool left) {
    if (!py_is_small(count)) {
        if (py_truthy(py_binary_op(PY_BINOP_LT, count, PY_SMALL(0)))) {
            py_raise_value_error("negative shift count");
        }
        if (left) {
            if (py_equal(a, PY_SMALL(0))) {
                return PY_SMALL(0);
            }
            py_raise_memory_error();
        }
        /* shifting right by a huge count leaves the sign */
        return py_truthy(py_binary_op(PY_BINOP_LT, a, PY_SMALL(0))) ? PY_SMALL(-1) : PY_SMALL(0);
    }
    py_int_t n = py_small_value(count);
    if (n < 0) {
        py_raise_value_error("negative shift count");
    }
    int_view x;
    view_of(a, &x);
    py_bigint r;
    size_t size = left ? py_bigint_lshift_size(x.b.len, (uint64_t)n)
                       : py_bigint_rshift_size(x.b.len, (uint64_t)n);
    py_int_obj *o = big_alloc(size, &r);
    view_of(a, &x);
    if (left) {
        py_bigint_lshift(&r, &x.b, (uint64_t)n);
    } else {
        py_bigint_rshift(&r, &x.b, (uint64_t)n);
    }
    return big_finish(o, &r);
}

static py_val int_true_div(py_val a, py_val b) {
    if (py_is_small(a) && py_is_small(b)) {
        py_int_t y = py_small_value(b);
        if (y == 0) {
            py_raise_msg(&py_type_ZeroDivisionError, "division by zero");
        }
        long long x = py_small_value(a), yy = y;
        /* exact when both fit a double's mantissa */
        if (x > -(1LL << 53) && x < (1LL << 53) && yy > -(1LL << 53) && yy < (1LL << 53)) {
            return py_float_new((py_float_t)((double)x / (double)y));
        }
    }
    int_view x, y;
    view_of(a, &x);
    view_of(b, &y);
    if (y.b.len == 0) {
        py_raise_msg(&py_type_ZeroDivisionError, "division by zero");
    }
    py_digit *scratch = scratch_alloc(py_bigint_truediv_scratch(x.b.len, y.b.len));
    view_of(a, &x);
    view_of(b, &y);
    double d;
    py_bigint_status st = py_bigint_truediv(&x.b, &y.b, &d, scratch);
    scratch_free(scratch);
    if (st == PY_BIGINT_EOVERFLOW) {
        py_raise_msg(&py_type_OverflowError, "integer division result too large for a float");
    }
    from_bigint_status(st);
    return py_float_new((py_float_t)d);
}

static py_val int_pow(py_val a, py_val b) {
    if (py_truthy(py_binary_op(PY_BINOP_LT, b, PY_SMALL(0)))) {
        /* negative exponent: a float result */
        return py_binary_op(PY_BINOP_POW, py_float_new(py_get_float(a)), py_float_new(py_get_float(b)));
    }
    if (py_is_small(a) && py_is_small(b)) {
        py_int_t base = py_small_value(a), e = py_small_value(b), r = 1;
        bool overflow = false;
        while (e > 0 && !overflow) {
            if (e & 1) {
                overflow = __builtin_mul_overflow(r, base, &r);
            }
            e >>= 1;
            if (e > 0 && !overflow) {
                overflow = __builtin_mul_overflow(base, base, &base);
            }
        }
        if (!overflow && PY_SMALL_FITS(r)) {
            return PY_SMALL(r);
        }
    }
    int_view x;
    view_of(a, &x);
    if (!py_is_small(b)) {
        /* only 0, 1 and -1 survive a huge exponent */
        if (x.b.len == 0 || (x.b.len == 1 && x.b.d[0] == 1)) {
            if (!x.b.neg) {
                return a;
            }
            return py_truthy(py_binary_op(PY_BINOP_AND, b, PY_SMALL(1))) ? PY_SMALL(-1) : PY_SMALL(1);
        }
        py_raise_memory_error();
    }
    uint64_t e = (uint64_t)py_small_value(b);
    size_t size = py_bigint_pow_size(&x.b, e);
    py_digit *scratch = scratch_alloc(py_bigint_pow_scratch(&x.b, e));
    py_bigint r;
    py_int_obj *o = big_alloc(size, &r);
    view_of(a, &x);
    py_bigint_pow(&r, &x.b, e, scratch);
    scratch_free(scratch);
    return big_finish(o, &r);
}

py_val py_int_pow3(py_val base, py_val exp, py_val mod) {
    if (!py_is_int(base) || !py_is_int(exp) || !py_is_int(mod)) {
        py_raise_type_error("pow() 3rd argument not allowed unless all arguments are integers");
    }
    int_view a, e, m;
    view_of(base, &a);
    view_of(exp, &e);
    view_of(mod, &m);
    if (m.b.len == 0) {
        py_raise_value_error("pow() 3rd argument cannot be 0");
    }
    if (e.b.neg) {
        py_raise_value_error("pow() 2nd argument cannot be negative when 3rd argument specified");
    }
    py_digit *scratch = scratch_alloc(py_bigint_powmod_scratch(a.b.len, e.b.len, m.b.len));
    py_bigint r;
    py_int_obj *o = big_alloc(py_bigint_powmod_size(m.b.len), &r);
    view_of(base, &a);
    view_of(exp, &e);
    view_of(mod, &m);
    from_bigint_status(py_bigint_powmod(&r, &a.b, &e.b, &m.b, scratch));
    scratch_free(scratch);
    return big_finish(o, &r);
}

/* ---- slots */

static py_val int_to_float(py_val v) {
    v = int_native(v);
    if (py_is_small(v)) {
        return py_float_new((py_float_t)py_small_value(v));
    }
    int_view w;
    view_of(v, &w);
#if PY_FLOAT_SINGLE
    float f;
    py_bigint_status st = py_bigint_to_float(&w.b, &f);
#else
    double f;
    py_bigint_status st = py_bigint_to_double(&w.b, &f);
#endif
    if (st != PY_BIGINT_OK) {
        py_raise_msg(&py_type_OverflowError, "int too large to convert to float");
    }
    return py_float_new((py_float_t)f);
}

static py_val int_unary_op(py_unop op, py_val self) {
    py_val v = int_native(self);
    if (py_is_small(v)) {
        py_int_t n = py_small_value(v);
        switch (op) {
        case PY_UNOP_BOOL:
            return PY_BOOL(n != 0);
        case PY_UNOP_POS:
        case PY_UNOP_INT:
            return v;
        case PY_UNOP_NEG:
            return py_int_from_i64(-(long long)n);
        case PY_UNOP_ABS:
            return py_int_from_i64(n < 0 ? -(long long)n : n);
        case PY_UNOP_INVERT:
            return PY_SMALL(~n);
        case PY_UNOP_HASH:
            return v;
        case PY_UNOP_FLOAT:
            return int_to_float(v);
        default:
            return PY_NULL;
        }
    }
    int_view w;
    view_of(v, &w);
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_TRUE; /* big ints are never zero */
    case PY_UNOP_POS:
    case PY_UNOP_INT:
        return v;
    case PY_UNOP_NEG:
    case PY_UNOP_ABS: {
        py_bigint r;
        py_int_obj *o = big_alloc(w.b.len, &r);
        view_of(v, &w);
        memcpy(r.d, w.b.d, w.b.len * sizeof(py_digit));
        r.len = w.b.len;
        r.neg = op == PY_UNOP_NEG ? !w.b.neg : false;
        return big_finish(o, &r);
    }
    case PY_UNOP_INVERT: {
        py_bigint r;
        py_int_obj *o = big_alloc(py_bigint_invert_size(w.b.len), &r);
        view_of(v, &w);
        py_bigint_invert(&r, &w.b);
        return big_finish(o, &r);
    }
    case PY_UNOP_HASH:
        return PY_SMALL((py_int_t)(py_bigint_hash(&w.b, 31) & 0x3fffffff));
    case PY_UNOP_FLOAT:
        return int_to_float(v);
    default:
        return PY_NULL;
    }
}

/* Comparison of an int with a float, exactly. */
static py_val compare_with_float(py_binop op, py_val a, py_float_t f) {
    int_view w;
    view_of(a, &w);
    int c = py_bigint_cmp_double(&w.b, (double)f);
    if (c == PY_BIGINT_UNORDERED) {
        return PY_BOOL(op == PY_BINOP_NE);
    }
    switch (op) {
    case PY_BINOP_LT:
        return PY_BOOL(c < 0);
    case PY_BINOP_LE:
        return PY_BOOL(c <= 0);
    case PY_BINOP_GT:
        return PY_BOOL(c > 0);
    case PY_BINOP_GE:
        return PY_BOOL(c >= 0);
    case PY_BINOP_EQ:
        return PY_BOOL(c == 0);
    default:
        return PY_BOOL(c != 0);
    }
}

static py_val small_op(py_binop op, py_int_t x, py_int_t y) {
    py_int_t r;
    switch (op) {
    case PY_BINOP_ADD:
        if (!__builtin_add_overflow(x, y, &r) && PY_SMALL_FITS(r)) {
            return PY_SMALL(r);
        }
        return PY_NULL;
    case PY_BINOP_SUB:
        if (!__builtin_sub_overflow(x, y, &r) && PY_SMALL_FITS(r)) {
            return PY_SMALL(r);
        }
        return PY_NULL;
    case PY_BINOP_MUL:
        if (!__builtin_mul_overflow(x, y, &r) && PY_SMALL_FITS(r)) {
            return PY_SMALL(r);
        }
        return PY_NULL;
    case PY_BINOP_FLOORDIV:
    case PY_BINOP_MOD:
    case PY_BINOP_DIVMOD: {
        if (y == 0) {
            py_raise_msg(&py_type_ZeroDivisionError, "integer division or modulo by zero");
        }
        py_int_t q = x / y, m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) {
            q -= 1;
            m += y;
        }
        if (!PY_SMALL_FITS(q)) {
            return PY_NULL; /* PY_SMALL_MIN // -1 */
        }
        if (op == PY_BINOP_FLOORDIV) {
            return PY_SMALL(q);
        }
        if (op == PY_BINOP_MOD) {
            return PY_SMALL(m);
        }
        return py_tuple2(PY_SMALL(q), PY_SMALL(m));
    }
    case PY_BINOP_AND:
        return PY_SMALL(x & y);
    case PY_BINOP_OR:
        return PY_SMALL(x | y);
    case PY_BINOP_XOR:
        return PY_SMALL(x ^ y);
    case PY_BINOP_LSHIFT:
        if (y < 0) {
            py_raise_value_error("negative shift count");
        }
        if (y < (py_int_t)PY_SMALL_BITS - 1) {
            r = (py_int_t)((uintptr_t)x << y);
            if ((r >> y) == x && PY_SMALL_FITS(r)) {
                return PY_SMALL(r);
            }
        } else if (x == 0) {
            return PY_SMALL(0);
        }
        return PY_NULL;
    case PY_BINOP_RSHIFT:
        if (y < 0) {
            py_raise_value_error("negative shift count");
        }
        return PY_SMALL(y >= (py_int_t)PY_SMALL_BITS ? (x < 0 ? -1 : 0) : x >> y);
    case PY_BINOP_LT:
        return PY_BOOL(x < y);
    case PY_BINOP_LE:
        return PY_BOOL(x <= y);
    case PY_BINOP_GT:
        return PY_BOOL(x > y);
    case PY_BINOP_GE:
        return PY_BOOL(x >= y);
    case PY_BINOP_EQ:
        return PY_BOOL(x == y);
    case PY_BINOP_NE:
        return PY_BOOL(x != y);
    default:
        return PY_NULL;
    }
}

static py_val int_binary_op(py_binop op, py_val lhs, py_val rhs) {
    if (op >= PY_BINOP_ROR && op <= PY_BINOP_RPOW) {
        op = (py_binop)(op - (PY_BINOP_ROR - PY_BINOP_OR));
        py_val t = lhs;
        lhs = rhs;
        rhs = t;
    }
    if (op >= PY_BINOP_IOR && op <= PY_BINOP_IPOW) {
        op = PY_BINOP_INPLACE_TO_PLAIN(op);
    }
    bool lhs_int = py_is_int(lhs), rhs_int = py_is_int(rhs);
    if (!lhs_int || !rhs_int) {
        /* int with float: arithmetic in floats, comparison exact */
        py_val other = lhs_int ? rhs : lhs;
        if (!py_isinstance(other, &py_type_float)) {
            return PY_NULL;
        }
        py_float_t f = py_get_float(other);
        if (op >= PY_BINOP_LT && op <= PY_BINOP_NE && lhs_int) {
            return compare_with_float(op, lhs, f);
        }
        return py_binary_op(op, lhs_int ? int_to_float(lhs) : lhs, rhs_int ? int_to_float(rhs) : rhs);
    }
    py_val a = int_native(lhs), b = int_native(rhs);
    if (py_is_small(a) && py_is_small(b) && op != PY_BINOP_POW && op != PY_BINOP_TRUEDIV) {
        py_val r = small_op(op, py_small_value(a), py_small_value(b));
        if (r != PY_NULL) {
            return r;
        }
    }
    switch (op) {
    case PY_BINOP_ADD:
        return big_add_sub(a, b, false);
    case PY_BINOP_SUB:
        return big_add_sub(a, b, true);
    case PY_BINOP_MUL:
        return big_mul(a, b);
    case PY_BINOP_FLOORDIV:
        return big_divmod(a, b, 1);
    case PY_BINOP_MOD:
        return big_divmod(a, b, 2);
    case PY_BINOP_DIVMOD:
        return big_divmod(a, b, 3);
    case PY_BINOP_TRUEDIV:
        return int_true_div(a, b);
    case PY_BINOP_POW:
        return int_pow(a, b);
    case PY_BINOP_AND:
    case PY_BINOP_OR:
    case PY_BINOP_XOR:
        return big_bitwise(op, a, b);
    case PY_BINOP_LSHIFT:
        return big_shift(a, b, true);
    case PY_BINOP_RSHIFT:
        return big_shift(a, b, false);
    case PY_BINOP_LT:
    case PY_BINOP_LE:
    case PY_BINOP_GT:
    case PY_BINOP_GE:
    case PY_BINOP_EQ:
    case PY_BINOP_NE: {
        int_view x, y;
        view_of(a, &x);
        view_of(b, &y);
        int c = py_bigint_cmp(&x.b, &y.b);
        switch (op) {
        case PY_BINOP_LT:
            return PY_BOOL(c < 0);
        case PY_BINOP_LE:
            return PY_BOOL(c <= 0);
        case PY_BINOP_GT:
            return PY_BOOL(c > 0);
        case PY_BINOP_GE:
            return PY_BOOL(c >= 0);
        case PY_BINOP_EQ:
            return PY_BOOL(c == 0);
        default:
            return PY_BOOL(c != 0);
        }
    }
    default:
        return PY_NULL;
    }
}

static py_val int_make_new(const py_type *type, size_t n_args, size_t n_kw,
                           const py_val *args) {
    (void)type;
    static const py_arg_spec spec[] = {
        {Q_x, 0, PY_SMALL(0)},
        {Q_base, 0, PY_NULL},
    };
    py_val a[2];
    py_parse_args_raw(n_args, n_kw, args, 2, spec, a);
    py_val x = a[0];
    if (a[1] != PY_NULL) {
        py_int_t base = py_get_int(a[1]);
        if (base != 0 && (base < 2 || base > 36)) {
            py_raise_value_error("int() arg 2 must be >= 2 and <= 36");
        }
        if (!py_is_str(x) && !py_is_bytes_like(x)) {
            py_raise_type_error("int() can't convert non-string with explicit base");
        }
        size_t len;
        const char *s = py_str_data(x, &len);
        return py_int_from_str(s, len, (int)base);
    }
    if (py_is_int(x)) {
        return int_native(x);
    }
    if (py_isinstance(x, &py_type_float)) {
        return py_int_from_float(py_get_float(x));
    }
    if (py_is_str(x)) {
        size_t len;
        const char *s = py_str_data(x, &len);
        return py_int_from_str(s, len, 10);
    }
    if (py_is_type(x, &py_type_bytes) || py_is_type(x, &py_type_bytearray)) {
        py_buffer buf;
        py_get_buffer_or_raise(x, &buf, PY_BUFFER_READ);
        return py_int_from_str(buf.buf, buf.len, 10);
    }
    py_val r = py_unary_op(PY_UNOP_INT, x);
    if (!py_is_int(r)) {
        py_raise_type_error("__int__ returned non-int (type %T)", r);
    }
    return int_native(r);
}

/* ---- methods */

static py_val int_bit_length(py_val self) {
    int_view w;
    view_of(self, &w);
    return PY_SMALL((py_int_t)py_bigint_bit_length(&w.b));
}
PY_DEFINE_FUN_1(int_bit_length_obj, int_bit_length);

static bool byteorder_big(py_val order) {
    size_t len;
    const char *s = py_get_str(order, &len);
    if (len == 3 && memcmp(s, "big", 3) == 0) {
        return true;
    }
    if (len == 6 && memcmp(s, "little", 6) == 0) {
        return false;
    }
    py_raise_value_error("byteorder must be either 'little' or 'big'");
}

static py_val int_to_bytes(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_self, PY_ARG_REQUIRED, PY_NULL},
        {Q_length, 0, PY_SMALL(1)},
        {Q_byteorder, 0, PY_QSTR(Q_big)},
        {Q_signed, PY_ARG_KW_ONLY, PY_FALSE},
    };
    py_val a[4];
    py_parse_args(n_args, args, kw, 4, spec, a);
    py_int_t length = py_get_int(a[1]);
    if (length < 0) {
        py_raise_value_error("length argument must be non-negative");
    }
    bool big = byteorder_big(a[2]);
    py_val out = py_bytes_new(NULL, (size_t)length);
    py_buffer buf;
    py_get_buffer_or_raise(out, &buf, PY_BUFFER_READ);
    int_view w;
    view_of(a[0], &w);
    if (py_bigint_to_bytes(&w.b, buf.buf, (size_t)length, big, py_truthy(a[3])) != PY_BIGINT_OK) {
        py_raise_msg(&py_type_OverflowError, w.b.neg && !py_truthy(a[3])
                                                  ? "can't convert negative int to unsigned"
                                                  : "int too big to convert");
    }
    return out;
}
PY_DEFINE_FUN_KW(int_to_bytes_obj, 1, int_to_bytes);

static py_val int_from_bytes(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_cls, PY_ARG_REQUIRED, PY_NULL},
        {Q_bytes, PY_ARG_REQUIRED, PY_NULL},
        {Q_byteorder, 0, PY_QSTR(Q_big)},
        {Q_signed, PY_ARG_KW_ONLY, PY_FALSE},
    };
    py_val a[4];
    py_parse_args(n_args, args, kw, 4, spec, a);
    bool big = byteorder_big(a[2]);
    py_val data = a[1];
    py_buffer buf;
    if (py_is_str(data)) {
        py_raise_type_error("cannot convert 'str' object to bytes");
    }
    if (!py_get_buffer(data, &buf, PY_BUFFER_READ)) {
        data = py_call1(PY_OBJ(&py_type_bytes), data);
        py_get_buffer_or_raise(data, &buf, PY_BUFFER_READ);
    }
    py_bigint r;
    py_int_obj *o = big_alloc(py_bigint_from_bytes_size(buf.len), &r);
    py_get_buffer_or_raise(data, &buf, PY_BUFFER_READ);
    py_bigint_from_bytes(&r, buf.buf, buf.len, big, py_truthy(a[3]));
    py_val v = big_finish(o, &r);
    if (a[0] != PY_OBJ(&py_type_int)) {
        return py_call1(a[0], v);
    }
    return v;
}
PY_DEFINE_FUN_KW(int_from_bytes_fun_obj, 2, int_from_bytes);
PY_DEFINE_CLASSMETHOD(int_from_bytes_obj, int_from_bytes_fun_obj);

static void int_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return;
    }
    if (name == Q_real || name == Q_numerator) {
        dest[0] = int_native(self);
    } else if (name == Q_imag) {
        dest[0] = PY_SMALL(0);
    } else if (name == Q_denominator) {
        dest[0] = PY_SMALL(1);
    }
}

static const py_map_entry int_locals_table[] = {
    {PY_QSTR(Q_bit_length), PY_OBJ(&int_bit_length_obj)},
    {PY_QSTR(Q_from_bytes), PY_OBJ(&int_from_bytes_obj)},
    {PY_QSTR(Q_to_bytes), PY_OBJ(&int_to_bytes_obj)},
};
PY_DEFINE_FIXED_DICT(int_locals, int_locals_table);

const py_type py_type_int = {
    .head = {&py_type_type},
    .name = Q_int,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = int_print,
    .make_new = int_make_new,
    .unary_op = int_unary_op,
    .binary_op = int_binary_op,
    .attr = int_attr,
    .locals = PY_OBJ(&int_locals),
};
