/*
 * objrange.c - range objects and their iterator. Bounds are machine-word
 * ints (OverflowError beyond), as on MicroPython.
 */
#include "campy.h"

typedef struct py_range {
    py_head head;
    py_int_t start, stop, step;
} py_range;

/* Bounds are small ints; sums and differences of two of them can exceed a
 * machine word on 32-bit, so the arithmetic is done in long long. */
typedef struct range_iter {
    py_head head;
    long long cur, stop, step;
} range_iter;

static size_t range_len(const py_range *r) {
    long long start = r->start, stop = r->stop, step = r->step;
    if (step > 0 && stop > start) {
        return (size_t)((stop - start - 1) / step + 1);
    }
    if (step < 0 && stop < start) {
        return (size_t)((start - stop - 1) / -step + 1);
    }
    return 0;
}

static py_val range_new(py_int_t start, py_int_t stop, py_int_t step) {
    py_range *r = py_new(py_range);
    r->head.type = &py_type_range;
    r->start = start;
    r->stop = stop;
    r->step = step;
    return PY_OBJ(r);
}

static py_int_t range_arg(py_val v) {
    py_int_t n;
    if (py_get_int_maybe(v, &n)) {
        return n;
    }
    if (py_is_int(v)) {
        py_raise_msg(&py_type_OverflowError, "range argument too large");
    }
    py_val idx = py_getattr_maybe(v, Q___index__);
    if (idx != PY_NULL) {
        return range_arg(py_call0(idx));
    }
    py_raise_type_error("'%T' object cannot be interpreted as an integer", v);
}

static py_val range_make_new(const py_type *type, size_t n_args, size_t n_kw,
                             const py_val *args) {
    (void)type;
    py_check_nargs(n_args, n_kw, 1, 3, false);
    py_int_t start = 0, stop, step = 1;
    if (n_args == 1) {
        stop = range_arg(args[0]);
    } else {
        start = range_arg(args[0]);
        stop = range_arg(args[1]);
        if (n_args == 3) {
            step = range_arg(args[2]);
            if (step == 0) {
                py_raise_value_error("range() arg 3 must not be zero");
            }
        }
    }
    if (!PY_SMALL_FITS(start) || !PY_SMALL_FITS(stop) || !PY_SMALL_FITS(step)) {
        py_raise_msg(&py_type_OverflowError, "range argument too large");
    }
    return range_new(start, stop, step);
}

static void range_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_range *r = py_ptr(self);
    if (r->step == 1) {
        py_printf(out, "range(%ld, %ld)", (long)r->start, (long)r->stop);
    } else {
        py_printf(out, "range(%ld, %ld, %ld)", (long)r->start, (long)r->stop, (long)r->step);
    }
}

static py_val range_unary_op(py_unop op, py_val self) {
    py_range *r = py_ptr(self);
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(range_len(r) != 0);
    case PY_UNOP_LEN:
        return PY_SMALL((py_int_t)range_len(r));
    case PY_UNOP_HASH:
        return PY_SMALL((r->start * 31 + r->stop) * 31 + r->step);
    default:
        return PY_NULL;
    }
}

static bool range_has(const py_range *r, py_int_t v) {
    if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) {
        return false;
    }
    return (v - r->start) % r->step == 0;
}

static py_val range_binary_op(py_binop op, py_val lhs, py_val rhs) {
    py_range *a = py_ptr(lhs);
    switch (op) {
    case PY_BINOP_CONTAINS: {
        py_int_t v;
        if (py_get_int_maybe(rhs, &v) && (py_is_small(rhs) || py_is_type(rhs, &py_type_bool))) {
            return PY_BOOL(range_has(a, v));
        }
        if (py_is_int(rhs)) {
            return PY_FALSE; /* a big int is outside any range */
        }
        /* 1.0 in range(3): compare item by item */
        size_t n = range_len(a);
        for (size_t i = 0; i < n; i++) {
            if (py_equal(PY_SMALL((py_int_t)(a->start + (long long)i * a->step)), rhs)) {
                return PY_TRUE;
            }
        }
        return PY_FALSE;
    }
    case PY_BINOP_EQ:
    case PY_BINOP_NE: {
        if (!py_is_type(rhs, &py_type_range)) {
            return PY_BOOL(op == PY_BINOP_NE);
        }
        py_range *b = py_ptr(rhs);
        size_t na = range_len(a), nb = range_len(b);
        bool eq = na == nb && (na == 0 || (a->start == b->start &&
                                           (na == 1 || a->step == b->step)));
        return PY_BOOL(eq == (op == PY_BINOP_EQ));
    }
    default:
        return PY_NULL;
    }
}

static py_val range_subscr(py_val self, py_val index, py_val value) {
    if (value != PY_SENTINEL) {
        return PY_NULL;
    }
    py_range *r = py_ptr(self);
    size_t n = range_len(r);
    if (py_is_type(index, &py_type_slice)) {
        py_int_t start, stop, step;
        py_slice_indices(index, n, &start, &stop, &step);
        /* as CPython: the bounds are the items at the slice's bounds */
        long long a = r->start + (long long)start * r->step;
        long long b = r->start + (long long)stop * r->step;
        long long st = (long long)step * r->step;
        if (!PY_SMALL_FITS(a) || !PY_SMALL_FITS(b) || !PY_SMALL_FITS(st)) {
            py_raise_msg(&py_type_OverflowError, "range argument too large");
        }
        return range_new((py_int_t)a, (py_int_t)b, (py_int_t)st);
    }
    size_t i = py_get_index_in(index, n, "range");
    return PY_SMALL((py_int_t)(r->start + (long long)i * r->step));
}

static py_val range_iter_next(py_val self) {
    range_iter *it = py_ptr(self);
    if (it->step > 0 ? it->cur >= it->stop : it->cur <= it->stop) {
        return PY_STOP;
    }
    py_int_t v = (py_int_t)it->cur;
    it->cur += it->step;
    return PY_SMALL(v);
}

static py_val iter_self(py_val self) { return self; }

const py_type py_type_range_iterator = {
    .head = {&py_type_type},
    .name = Q_range_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .getiter = iter_self,
    .iternext = range_iter_next,
};

static py_val range_getiter(py_val self) {
    py_range *r = py_ptr(self);
    range_iter *it = py_new(range_iter);
    it->head.type = &py_type_range_iterator;
    it->cur = r->start;
    it->stop = r->stop;
    it->step = r->step;
    return PY_OBJ(it);
}

static void range_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return;
    }
    py_range *r = py_ptr(self);
    if (name == Q_start) {
        dest[0] = PY_SMALL(r->start);
    } else if (name == Q_stop) {
        dest[0] = PY_SMALL(r->stop);
    } else if (name == Q_step) {
        dest[0] = PY_SMALL(r->step);
    }
}

static py_val range_count(py_val self, py_val v) {
    return PY_SMALL(py_truthy(range_binary_op(PY_BINOP_CONTAINS, self, v)) ? 1 : 0);
}
PY_DEFINE_FUN_2(range_count_obj, range_count);

static py_val range_index(py_val self, py_val v) {
    py_range *r = py_ptr(self);
    py_int_t i;
    if (py_get_int_maybe(v, &i) && range_has(r, i)) {
        return PY_SMALL((py_int_t)(((long long)i - r->start) / r->step));
    }
    py_raise_value_error("%r is not in range", v);
}
PY_DEFINE_FUN_2(range_index_obj, range_index);

static const py_map_entry range_locals_table[] = {
    {PY_QSTR(Q_count), PY_OBJ(&range_count_obj)},
    {PY_QSTR(Q_index), PY_OBJ(&range_index_obj)},
};
PY_DEFINE_FIXED_DICT(range_locals, range_locals_table);

const py_type py_type_range = {
    .head = {&py_type_type},
    .name = Q_range,
    .print = range_print,
    .make_new = range_make_new,
    .unary_op = range_unary_op,
    .binary_op = range_binary_op,
    .subscr = range_subscr,
    .getiter = range_getiter,
    .attr = range_attr,
    .locals = PY_OBJ(&range_locals),
};
