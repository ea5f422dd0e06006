/*
 * objfloat.c - float: a boxed py_float_t (32-bit on the board build, 64-bit
 * on the PC build), its arithmetic with ints, and its text forms.
 *
 * repr() gives the shortest text that reads back as the same value, in
 * Python's layout (exponent form below 1e-4 and from 1e16 on). Integral
 * floats hash like the equal int, so 1 == 1.0 finds the same dict entry.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campy.h"
#include "objtype.h"

typedef struct py_float_obj {
    py_head head;
    py_float_t value;
} py_float_obj;

#if PY_FLOAT_SINGLE
#define FLOAT_REPR_DIGITS 9
#define strtofloat strtof
#define FMOD fmodf
#define FLOOR floorf
#define POW powf
#else
#define FLOAT_REPR_DIGITS 17
#define strtofloat strtod
#define FMOD fmod
#define FLOOR floor
#define POW pow
#endif

py_val py_float_new(py_float_t f) {
    py_float_obj *o = py_gc_alloc_flags(sizeof(py_float_obj), PY_GC_LEAF);
    o->head.type = &py_type_float;
    o->value = f;
    return PY_OBJ(o);
}

static py_float_t float_value(py_val v) {
    if (!py_is_type(v, &py_type_float)) {
        v = py_native_value(v);
    }
    return ((py_float_obj *)py_ptr(v))->value;
}

bool py_get_float_maybe(py_val v, py_float_t *out) {
    if (py_is_small(v)) {
        *out = (py_float_t)py_small_value(v);
        return true;
    }
    if (py_isinstance(v, &py_type_float)) {
        *out = float_value(v);
        return true;
    }
    if (py_is_int(v)) {
        py_val f = py_unary_op(PY_UNOP_FLOAT, v); /* int's slot: OverflowError if too big */
        *out = float_value(f);
        return true;
    }
    return false;
}

py_float_t py_get_float(py_val v) {
    py_float_t f;
    if (py_get_float_maybe(v, &f)) {
        return f;
    }
    if (py_is_obj(v)) {
        py_val dest[2];
        py_load_method_maybe(v, Q___float__, dest);
        if (dest[0] != PY_NULL) {
            py_val r = py_call_method(dest, 0, 0, NULL);
            if (py_isinstance(r, &py_type_float)) {
                return float_value(r);
            }
        }
    }
    py_raise_type_error("can't convert %T to float", v);
}

/* ---- text */

/* The decimal "[-]d.ddde[+-]xx" with its last digit moved by dir (+1 or -1)
 * in magnitude direction of the value, keeping the digit count. */
static bool decimal_neighbour(const char *in, int dir, char *out, size_t size) {
    bool neg = in[0] == '-';
    const char *p = neg ? in + 1 : in;
    char mant[40];
    int n = 0;
    for (; *p && *p != 'e' && n < 39; p++) {
        if (*p != '.') {
            mant[n++] = *p;
        }
    }
    if (*p != 'e' || n == 0) {
        return false;
    }
    int exp10 = atoi(p + 1);
    if (neg) {
        dir = -dir; /* moving the value up moves a negative magnitude down */
    }
    int i = n - 1;
    if (dir > 0) {
        while (i >= 0 && mant[i] == '9') {
            mant[i--] = '0';
        }
        if (i < 0) { /* 9.99 -> 10.0: one more digit, shift the exponent */
            mant[0] = '1';
            exp10++;
        } else {
            mant[i]++;
        }
    } else {
        while (i >= 0 && mant[i] == '0') {
            mant[i--] = '9';
        }
        if (i < 0) {
            return false;
        }
        mant[i]--;
        if (mant[0] == '0') {
            if (n == 1) {
                return false;
            }
            memmove(mant, mant + 1, (size_t)n - 1); /* 0.999 -> 9.99e-1 */
            mant[n - 1] = '9';
            exp10--;
        }
    }
    int k = snprintf(out, size, "%s%c%s%.*se%+03d", neg ? "-" : "", mant[0], n > 1 ? "." : "",
                     n - 1, mant + 1, exp10);
    return k > 0 && (size_t)k < size;
}

/* Writes f into buf the way repr() does. */
static void format_repr(py_buf *out, py_float_t f) {
    if (isnan(f)) {
        py_buf_add_str(out, "nan");
        return;
    }
    if (isinf(f)) {
        py_buf_add_str(out, f < 0 ? "-inf" : "inf");
        return;
    }
    /* shortest digits that read back to the same value */
    char digits[48];
    for (int prec = 1; prec <= FLOAT_REPR_DIGITS; prec++) {
        snprintf(digits, sizeof(digits), "%.*e", prec - 1, (double)f);
        py_float_t back = strtofloat(digits, NULL);
        if (back == f) {
            break;
        }
        /* next to a power of two the round-trip interval is lopsided: the
         * correctly rounded digits may miss it while their neighbour on the
         * side of f hits it */
        char alt[48];
        if (decimal_neighbour(digits, back < f ? 1 : -1, alt, sizeof(alt)) &&
            strtofloat(alt, NULL) == f) {
            memcpy(digits, alt, sizeof(alt));
            break;
        }
    }
    /* digits is [-]d.ddde[+-]xx: split into sign, mantissa digits, exponent */
    const char *p = digits;
    bool neg = *p == '-';
    if (neg) {
        p++;
    }
    char mant[24];
    int nm = 0;
    for (; *p && *p != 'e'; p++) {
        if (*p != '.') {
            mant[nm++] = *p;
        }
    }
    int exp10 = atoi(p + 1);
    while (nm > 1 && mant[nm - 1] == '0') {
        nm--;
    }
    if (neg) {
        py_buf_add_byte(out, '-');
    }
    if (exp10 < -4 || exp10 >= 16) {
        py_buf_add_byte(out, mant[0]);
        if (nm > 1) {
            py_buf_add_byte(out, '.');
            py_buf_add(out, mant + 1, (size_t)nm - 1);
        }
        py_buf_printf(out, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
        return;
    }
    if (exp10 < 0) {
        py_buf_add_str(out, "0.");
        for (int i = -1; i > exp10; i--) {
            py_buf_add_byte(out, '0');
        }
        py_buf_add(out, mant, (size_t)nm);
        return;
    }
    /* exp10 >= 0: integer part has exp10 + 1 digits */
    for (int i = 0; i <= exp10; i++) {
        py_buf_add_byte(out, i < nm ? mant[i] : '0');
    }
    py_buf_add_byte(out, '.');
    if (nm > exp10 + 1) {
        py_buf_add(out, mant + exp10 + 1, (size_t)(nm - exp10 - 1));
    } else {
        py_buf_add_byte(out, '0');
    }
}

void py_format_float(py_buf *out, py_float_t f, char fmt, int precision, int flags) {
    (void)flags;
    if (fmt == 'r' || fmt == 0) {
        format_repr(out, f);
        return;
    }
    if (isnan(f) || isinf(f)) {
        bool upper = fmt == 'E' || fmt == 'F' || fmt == 'G';
        const char *s = isnan(f) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        if (isinf(f) && f < 0) {
            py_buf_add_byte(out, '-');
        }
        py_buf_add_str(out, s);
        return;
    }
    if (precision < 0) {
        precision = 6;
    }
    char spec[8] = {'%', '.', '*', fmt, 0};
    int n = snprintf(NULL, 0, spec, precision, (double)f);
    if (n < 0) {
        return;
    }
    char *dst = py_buf_extend(out, (size_t)n + 1);
    snprintf(dst, (size_t)n + 1, spec, precision, (double)f);
    out->len--; /* drop the terminating zero */
}

static void float_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    char tmp[64];
    py_buf b = {tmp, 0, sizeof(tmp)}; /* a repr always fits: no allocation */
    format_repr(&b, float_value(self));
    py_print_strn(out, b.data, b.len);
}

/* Whole-string ASCII comparison ignoring case; b is lower case. */
static bool ascii_ieq(const char *a, const char *b) {
    for (; *a && *b; a++, b++) {
        char c = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        if (c != *b) {
            return false;
        }
    }
    return *a == 0 && *b == 0;
}

/* Parses Python float text: optional spaces and sign, digits with '_',
 * inf/infinity/nan in any case. false for anything else. */
static bool parse_float(const char *s, size_t len, py_float_t *out) {
    while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')) {
        s++, len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                       s[len - 1] == '\r' || s[len - 1] == '\f' || s[len - 1] == '\v')) {
        len--;
    }
    if (len == 0 || len > 400) {
        return false;
    }
    char tmp[401];
    size_t k = 0;
    char prev = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '_') {
            /* only between digits */
            if (!(prev >= '0' && prev <= '9') || i + 1 >= len || !(s[i + 1] >= '0' && s[i + 1] <= '9')) {
                return false;
            }
            prev = c;
            continue;
        }
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' ||
              c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            return false;
        }
        tmp[k++] = c;
        prev = c;
    }
    tmp[k] = 0;
    const char *t = tmp;
    if (*t == '+' || *t == '-') {
        t++;
    }
    /* strtod accepts hex floats and "infinity"/"nan(...)": allow only what
     * Python's float() does */
    if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
        return false;
    }
    bool alpha = (*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z');
    if (alpha) {
        bool ok = ascii_ieq(t, "inf") || ascii_ieq(t, "nan") || ascii_ieq(t, "infinity");
        if (!ok) {
            return false;
        }
    }
    char *end;
    py_float_t v = strtofloat(tmp, &end);
    if (*end != 0) {
        return false;
    }
    *out = v;
    return true;
}

static py_val float_from_str(const char *s, size_t len) {
    py_float_t f;
    if (!parse_float(s, len, &f)) {
        py_raise_value_error("could not convert string to float: %r", py_str_new(s, len));
    }
    return py_float_new(f);
}

static py_val float_make_new(const py_type *type, size_t n_args, size_t n_kw,
                             const py_val *args) {
    (void)type;
    py_check_nargs(n_args, n_kw, 0, 1, false);
    if (n_args == 0) {
        return py_float_new(0);
    }
    py_val x = args[0];
    if (py_is_type(x, &py_type_float)) {
        return x;
    }
    if (py_is_str(x)) {
        size_t len;
        const char *s = py_str_data(x, &len);
        return float_from_str(s, len);
    }
    py_buffer buf;
    if (py_is_bytes_like(x) && py_get_buffer(x, &buf, PY_BUFFER_READ)) {
        return float_from_str(buf.buf, buf.len);
    }
    return py_float_new(py_get_float(x));
}

/* Hash: integral values hash like the equal int. */
static py_val float_hash(py_float_t f) {
    if (isfinite(f) && f == FLOOR(f)) {
        if (f >= (py_float_t)PY_SMALL_MIN && f < -(py_float_t)PY_SMALL_MIN) {
            return PY_SMALL((py_int_t)f);
        }
        return PY_SMALL(py_hash(py_int_from_float(f)));
    }
    uint32_t bits[2] = {0, 0};
    memcpy(bits, &f, sizeof(f));
    return PY_SMALL((py_int_t)((bits[0] ^ (bits[1] * 31u)) & 0x3fffffff));
}

static py_val float_unary_op(py_unop op, py_val self) {
    py_float_t f = float_value(self);
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(f != 0);
    case PY_UNOP_POS:
        return py_is_type(self, &py_type_float) ? self : py_float_new(f);
    case PY_UNOP_NEG:
        return py_float_new(-f);
    case PY_UNOP_ABS:
        return py_float_new(f < 0 || (f == 0 && signbit(f)) ? -f : f);
    case PY_UNOP_HASH:
        return float_hash(f);
    case PY_UNOP_INT:
        return py_int_from_float(f);
    case PY_UNOP_FLOAT:
        return py_is_type(self, &py_type_float) ? self : py_float_new(f);
    default:
        return PY_NULL;
    }
}

/* Floor division and modulo with Python's signs (result takes the divisor's). */
static void float_divmod(py_float_t a, py_float_t b, py_float_t *q, py_float_t *r) {
    py_float_t mod = FMOD(a, b);
    py_float_t div = (a - mod) / b;
    if (mod != 0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1;
        }
    } else {
        mod = copysign(0.0, b);
    }
    py_float_t fl;
    if (div != 0) {
        fl = FLOOR(div);
        if (div - fl > 0.5) {
            fl += 1;
        }
    } else {
        fl = copysign(0.0, a / b);
    }
    *q = fl;
    *r = mod;
}

static py_val float_binary_op(py_binop op, py_val lhs, py_val rhs) {
    py_float_t a, b;
    bool reflected = op >= PY_BINOP_ROR && op <= PY_BINOP_RPOW;
    if (reflected) {
        op = (py_binop)(op - (PY_BINOP_ROR - PY_BINOP_OR));
        py_val t = lhs;
        lhs = rhs;
        rhs = t;
    }
    if (op >= PY_BINOP_IOR && op <= PY_BINOP_IPOW) {
        op = PY_BINOP_INPLACE_TO_PLAIN(op);
    }
    if (op >= PY_BINOP_LT && op <= PY_BINOP_NE && !py_is_small(rhs) && py_is_int(rhs) &&
        py_isinstance(lhs, &py_type_float)) {
        /* float against a big int: let int compare exactly (no overflow) */
        static const uint8_t swapped[] = {PY_BINOP_GT, PY_BINOP_LT, PY_BINOP_EQ,
                                          PY_BINOP_GE, PY_BINOP_LE, PY_BINOP_NE};
        return py_binary_op((py_binop)swapped[op - PY_BINOP_LT], rhs, lhs);
    }
    if (!py_get_float_maybe(lhs, &a) || !py_get_float_maybe(rhs, &b)) {
        if (py_isinstance(rhs, &py_type_complex) || py_isinstance(lhs, &py_type_complex)) {
            return PY_NULL; /* complex's reflected slot takes it */
        }
        return PY_NULL;
    }
    switch (op) {
    case PY_BINOP_ADD:
        return py_float_new(a + b);
    case PY_BINOP_SUB:
        return py_float_new(a - b);
    case PY_BINOP_MUL:
        return py_float_new(a * b);
    case PY_BINOP_TRUEDIV:
        if (b == 0) {
            py_raise_msg(&py_type_ZeroDivisionError, "float division by zero");
        }
        return py_float_new(a / b);
    case PY_BINOP_FLOORDIV:
    case PY_BINOP_MOD:
    case PY_BINOP_DIVMOD: {
        if (b == 0) {
            py_raise_msg(&py_type_ZeroDivisionError,
                         op == PY_BINOP_MOD ? "float modulo" : "float divmod()");
        }
        py_float_t q, r;
        float_divmod(a, b, &q, &r);
        if (op == PY_BINOP_FLOORDIV) {
            return py_float_new(q);
        }
        if (op == PY_BINOP_MOD) {
            return py_float_new(r);
        }
        return py_tuple2(py_float_new(q), py_float_new(r));
    }
    case PY_BINOP_POW:
        if (a == 0 && b < 0) {
            py_raise_msg(&py_type_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        }
        if (a < 0 && b != FLOOR(b) && isfinite(b)) {
            /* a negative number to a fractional power is complex */
            return py_binary_op(PY_BINOP_POW, py_complex_new(a, 0), py_complex_new(b, 0));
        }
        return py_float_new(POW(a, b));
    case PY_BINOP_LT:
        return PY_BOOL(a < b);
    case PY_BINOP_GT:
        return PY_BOOL(a > b);
    case PY_BINOP_LE:
        return PY_BOOL(a <= b);
    case PY_BINOP_GE:
        return PY_BOOL(a >= b);
    case PY_BINOP_EQ:
        return PY_BOOL(a == b);
    case PY_BINOP_NE:
        return PY_BOOL(a != b);
    default:
        return PY_NULL;
    }
}

static py_val float_is_integer(py_val self) {
    py_float_t f = float_value(self);
    return PY_BOOL(isfinite(f) && f == FLOOR(f));
}
PY_DEFINE_FUN_1(float_is_integer_obj, float_is_integer);

static void float_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return;
    }
    if (name == Q_real) {
        dest[0] = py_float_new(float_value(self));
    } else if (name == Q_imag) {
        dest[0] = py_float_new(0);
    }
}

static const py_map_entry float_locals_table[] = {
    {PY_QSTR(Q_is_integer), PY_OBJ(&float_is_integer_obj)},
};
PY_DEFINE_FIXED_DICT(float_locals, float_locals_table);

const py_type py_type_float = {
    .head = {&py_type_type},
    .name = Q_float,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = float_print,
    .make_new = float_make_new,
    .unary_op = float_unary_op,
    .binary_op = float_binary_op,
    .attr = float_attr,
    .locals = PY_OBJ(&float_locals),
};
