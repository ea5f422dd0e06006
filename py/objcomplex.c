/*
 * objcomplex.c - complex numbers: two py_float_t in one object.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "campy.h"
#include "objtype.h"

typedef struct py_complex_obj {
    py_head head;
    py_float_t real, imag;
} py_complex_obj;

py_val py_complex_new(py_float_t real, py_float_t imag) {
    py_complex_obj *c = py_gc_alloc_flags(sizeof(py_complex_obj), PY_GC_LEAF);
    c->head.type = &py_type_complex;
    c->real = real;
    c->imag = imag;
    return PY_OBJ(c);
}

static bool complex_parts(py_val v, py_float_t *re, py_float_t *im) {
    if (py_isinstance(v, &py_type_complex)) {
        if (!py_is_type(v, &py_type_complex)) {
            v = py_native_value(v);
        }
        py_complex_obj *c = py_ptr(v);
        *re = c->real;
        *im = c->imag;
        return true;
    }
    *im = 0;
    return py_get_float_maybe(v, re);
}

void py_get_complex(py_val v, py_float_t *real, py_float_t *imag) {
    if (!complex_parts(v, real, imag)) {
        py_raise_type_error("can't convert %T to complex", v);
    }
}

/* Prints a part as repr(float) does, but without ".0" for integral values. */
static void print_part(py_buf *b, py_float_t f) {
    size_t start = b->len;
    py_format_float(b, f, 'r', 0, 0);
    if (b->len >= start + 2 && memcmp(b->data + b->len - 2, ".0", 2) == 0) {
        b->len -= 2;
    }
}

static void complex_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_complex_obj *c = py_ptr(self);
    char tmp[96];
    py_buf b = {tmp, 0, sizeof(tmp)};
    if (c->real == 0 && !signbit(c->real)) {
        print_part(&b, c->imag);
        py_buf_add_byte(&b, 'j');
    } else {
        py_buf_add_byte(&b, '(');
        print_part(&b, c->real);
        if (!signbit(c->imag) || isnan(c->imag)) {
            py_buf_add_byte(&b, '+');
        }
        print_part(&b, c->imag);
        py_buf_add_str(&b, "j)");
    }
    py_print_strn(out, b.data, b.len);
}

static py_float_t parse_part(const char *s, size_t n) {
    if (n == 0 || (n == 1 && s[0] == '+')) {
        return 1;
    }
    if (n == 1 && s[0] == '-') {
        return -1;
    }
    return py_get_float(py_call1(PY_OBJ(&py_type_float), py_str_new(s, n)));
}

/* Forms: "a", "bj", "a+bj", "a-bj", each possibly in parentheses. */
static py_val complex_from_str(const char *s, size_t len) {
    while (len > 0 && s[0] == ' ') {
        s++, len--;
    }
    while (len > 0 && s[len - 1] == ' ') {
        len--;
    }
    if (len >= 2 && s[0] == '(' && s[len - 1] == ')') {
        s++, len -= 2;
    }
    if (len == 0) {
        py_raise_value_error("complex() arg is a malformed string");
    }
    if (s[len - 1] != 'j' && s[len - 1] != 'J') {
        return py_complex_new(py_get_float(py_call1(PY_OBJ(&py_type_float), py_str_new(s, len))), 0);
    }
    len--; /* the j */
    size_t split = 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] == '+' || s[i] == '-') && s[i - 1] != 'e' && s[i - 1] != 'E') {
            split = i;
        }
    }
    py_float_t re = split > 0 ? py_get_float(py_call1(PY_OBJ(&py_type_float), py_str_new(s, split))) : 0;
    py_float_t im = parse_part(s + split, len - split);
    return py_complex_new(re, im);
}

static py_val complex_make_new(const py_type *type, size_t n_args, size_t n_kw,
                               const py_val *args) {
    (void)type;
    py_check_nargs(n_args, n_kw, 0, 2, false);
    py_float_t re = 0, im = 0;
    if (n_args >= 1) {
        if (py_is_str(args[0])) {
            if (n_args == 2) {
                py_raise_type_error("complex() can't take second arg if first is a string");
            }
            size_t len;
            const char *str = py_str_data(args[0], &len);
            return complex_from_str(str, len);
        }
        py_float_t r1, i1;
        py_get_complex(args[0], &r1, &i1);
        re = r1;
        im = i1;
    }
    if (n_args == 2) {
        /* as CPython: the imaginary part is the second argument's real part,
         * plus the first's imaginary part only when the first is complex (so
         * complex(-1, -0.0) keeps its negative zero) */
        py_float_t r2, i2;
        py_get_complex(args[1], &r2, &i2);
        re -= i2;
        im = py_isinstance(args[0], &py_type_complex) ? im + r2 : r2;
    }
    return py_complex_new(re, im);
}

static py_val complex_unary_op(py_unop op, py_val self) {
    py_complex_obj *c = py_ptr(py_is_type(self, &py_type_complex) ? self : py_native_value(self));
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(c->real != 0 || c->imag != 0);
    case PY_UNOP_POS:
        return PY_OBJ(c);
    case PY_UNOP_NEG:
        return py_complex_new(-c->real, -c->imag);
    case PY_UNOP_ABS:
        return py_float_new((py_float_t)hypot((double)c->real, (double)c->imag));
    case PY_UNOP_HASH:
        if (c->imag == 0) {
            return PY_SMALL(py_hash(py_float_new(c->real)));
        }
        return PY_SMALL((py_hash(py_float_new(c->real)) ^
                         (py_hash(py_float_new(c->imag)) * 1000003)) & 0x3fffffff);
    default:
        return PY_NULL;
    }
}

static py_val complex_pow(py_float_t ar, py_float_t ai, py_float_t br, py_float_t bi) {
    if (br == 0 && bi == 0) {
        return py_complex_new(1, 0);
    }
    if (ar == 0 && ai == 0) {
        if (bi != 0 || br < 0) {
            py_raise_msg(&py_type_ZeroDivisionError, "0.0 to a negative or complex power");
        }
        return py_complex_new(0, 0);
    }
    double len = hypot((double)ar, (double)ai);
    double arg = atan2((double)ai, (double)ar);
    double mag = pow(len, (double)br) * exp(-(double)bi * arg);
    double ang = (double)br * arg + (double)bi * log(len);
    return py_complex_new((py_float_t)(mag * cos(ang)), (py_float_t)(mag * sin(ang)));
}

static py_val complex_binary_op(py_binop op, py_val lhs, py_val rhs) {
    if (op >= PY_BINOP_ROR && op <= PY_BINOP_RPOW) {
        op = (py_binop)(op - (PY_BINOP_ROR - PY_BINOP_OR));
        py_val t = lhs;
        lhs = rhs;
        rhs = t;
    }
    if (op >= PY_BINOP_IOR && op <= PY_BINOP_IPOW) {
        op = PY_BINOP_INPLACE_TO_PLAIN(op);
    }
    py_float_t ar, ai, br, bi;
    if (!complex_parts(lhs, &ar, &ai) || !complex_parts(rhs, &br, &bi)) {
        return PY_NULL;
    }
    switch (op) {
    case PY_BINOP_ADD:
        return py_complex_new(ar + br, ai + bi);
    case PY_BINOP_SUB:
        return py_complex_new(ar - br, ai - bi);
    case PY_BINOP_MUL:
        return py_complex_new(ar * br - ai * bi, ar * bi + ai * br);
    case PY_BINOP_TRUEDIV: {
        if (br == 0 && bi == 0) {
            py_raise_msg(&py_type_ZeroDivisionError, "complex division by zero");
        }
        py_float_t d = br * br + bi * bi;
        return py_complex_new((ar * br + ai * bi) / d, (ai * br - ar * bi) / d);
    }
    case PY_BINOP_POW:
        return complex_pow(ar, ai, br, bi);
    case PY_BINOP_EQ:
        return PY_BOOL(ar == br && ai == bi);
    case PY_BINOP_NE:
        return PY_BOOL(ar != br || ai != bi);
    case PY_BINOP_FLOORDIV:
    case PY_BINOP_MOD:
    case PY_BINOP_DIVMOD:
        py_raise_type_error("can't take floor or mod of complex number.");
    default:
        return PY_NULL;
    }
}

static void complex_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return;
    }
    py_complex_obj *c = py_ptr(py_is_type(self, &py_type_complex) ? self : py_native_value(self));
    if (name == Q_real) {
        dest[0] = py_float_new(c->real);
    } else if (name == Q_imag) {
        dest[0] = py_float_new(c->imag);
    }
}

static py_val complex_conjugate(py_val self) {
    py_float_t re, im;
    py_get_complex(self, &re, &im);
    return py_complex_new(re, -im);
}
PY_DEFINE_FUN_1(complex_conjugate_obj, complex_conjugate);

static const py_map_entry complex_locals_table[] = {
    {PY_QSTR(Q_conjugate), PY_OBJ(&complex_conjugate_obj)},
};
PY_DEFINE_FIXED_DICT(complex_locals, complex_locals_table);

const py_type py_type_complex = {
    .head = {&py_type_type},
    .name = Q_complex,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = complex_print,
    .make_new = complex_make_new,
    .unary_op = complex_unary_op,
    .binary_op = complex_binary_op,
    .attr = complex_attr,
    .locals = PY_OBJ(&complex_locals),
};
