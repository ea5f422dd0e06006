/*
 * objslice.c - slice objects and the one place slice bounds are resolved
 * against a length (py_slice_indices), for every sequence type.
 */
#include "campy.h"

py_val py_slice_new(py_val start, py_val stop, py_val step) {
    py_slice *s = py_new(py_slice);
    s->head.type = &py_type_slice;
    s->start = start;
    s->stop = stop;
    s->step = step;
    return PY_OBJ(s);
}

/* A slice bound: None gives def; ints (big ones too) clamp into [lo, hi]. */
static py_int_t bound(py_val v, py_int_t len, py_int_t def, py_int_t lo, py_int_t hi) {
    if (v == PY_NONE) {
        return def;
    }
    py_int_t i;
    if (!py_get_int_maybe(v, &i)) {
        if (!py_is_int(v)) {
            py_val idx = py_getattr_maybe(v, Q___index__);
            if (idx == PY_NULL) {
                py_raise_type_error("slice indices must be integers or None or have an __index__ method");
            }
            return bound(py_call0(idx), len, def, lo, hi);
        }
        /* a big int is beyond either end */
        return py_truthy(py_binary_op(PY_BINOP_LT, v, PY_SMALL(0))) ? lo : hi;
    }
    if (i < 0) {
        i += len;
        if (i < lo) {
            i = lo;
        }
    } else if (i > hi) {
        i = hi;
    }
    return i;
}

size_t py_slice_indices(py_val slice, size_t len, py_int_t *start, py_int_t *stop,
                        py_int_t *step) {
    py_slice *s = py_ptr(slice);
    py_int_t st = 1;
    if (s->step != PY_NONE) {
        if (!py_get_int_maybe(s->step, &st)) {
            if (!py_is_int(s->step)) {
                py_raise_type_error("slice indices must be integers or None or have an __index__ method");
            }
            st = py_truthy(py_binary_op(PY_BINOP_LT, s->step, PY_SMALL(0))) ? -PY_SMALL_MAX
                                                                              : PY_SMALL_MAX;
        }
        if (st == 0) {
            py_raise_value_error("slice step cannot be zero");
        }
    }
    py_int_t n = (py_int_t)len;
    py_int_t a, b;
    if (st > 0) {
        a = bound(s->start, n, 0, 0, n);
        b = bound(s->stop, n, n, 0, n);
    } else {
        a = bound(s->start, n, n - 1, -1, n - 1);
        b = bound(s->stop, n, -1, -1, n - 1);
    }
    *start = a;
    *stop = b;
    *step = st;
    if (st > 0) {
        return b > a ? (size_t)((b - a - 1) / st + 1) : 0;
    }
    return a > b ? (size_t)((a - b - 1) / -st + 1) : 0;
}

static void slice_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_slice *s = py_ptr(self);
    py_printf(out, "slice(%r, %r, %r)", s->start, s->stop, s->step);
}

static py_val slice_make_new(const py_type *type, size_t n_args, size_t n_kw,
                             const py_val *args) {
    (void)type;
    py_check_nargs(n_args, n_kw, 1, 3, false);
    if (n_args == 1) {
        return py_slice_new(PY_NONE, args[0], PY_NONE);
    }
    return py_slice_new(args[0], args[1], n_args == 3 ? args[2] : PY_NONE);
}

static void slice_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return; /* read-only */
    }
    py_slice *s = py_ptr(self);
    if (name == Q_start) {
        dest[0] = s->start;
    } else if (name == Q_stop) {
        dest[0] = s->stop;
    } else if (name == Q_step) {
        dest[0] = s->step;
    }
}

static py_val slice_binary_op(py_binop op, py_val lhs, py_val rhs) {
    if ((op != PY_BINOP_EQ && op != PY_BINOP_NE) || !py_is_type(rhs, &py_type_slice)) {
        return PY_NULL;
    }
    py_slice *a = py_ptr(lhs), *b = py_ptr(rhs);
    bool eq = py_equal(a->start, b->start) && py_equal(a->stop, b->stop) &&
              py_equal(a->step, b->step);
    return PY_BOOL(eq == (op == PY_BINOP_EQ));
}

static py_val slice_indices(py_val self, py_val length) {
    py_int_t n = py_get_int(length);
    if (n < 0) {
        py_raise_value_error("length should not be negative");
    }
    py_int_t start, stop, step;
    py_slice_indices(self, (size_t)n, &start, &stop, &step);
    py_val items[3] = {PY_SMALL(start), PY_SMALL(stop), PY_SMALL(step)};
    return py_tuple_new(3, items);
}
PY_DEFINE_FUN_2(slice_indices_obj, slice_indices);

static const py_map_entry slice_locals_table[] = {
    {PY_QSTR(Q_indices), PY_OBJ(&slice_indices_obj)},
};
PY_DEFINE_FIXED_DICT(slice_locals, slice_locals_table);

const py_type py_type_slice = {
    .head = {&py_type_type},
    .name = Q_slice,
    .print = slice_print,
    .make_new = slice_make_new,
    .binary_op = slice_binary_op,
    .attr = slice_attr,
    .locals = PY_OBJ(&slice_locals),
};
