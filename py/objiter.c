/*
 * objiter.c - the iterator types the builtins return: enumerate, zip, map,
 * filter and reversed.
 */
#include "campy.h"

static py_val iter_self(py_val self) { return self; }

/* ---- enumerate(iterable, start=0) */

typedef struct enumerate_obj {
    py_head head;
    py_val iter;
    py_val index; /* an int: small, or big past the small range */
} enumerate_obj;

static py_val enumerate_make_new(const py_type *type, size_t n_args, size_t n_kw,
                                 const py_val *args) {
    static const py_arg_spec spec[] = {
        {Q_iterable, PY_ARG_REQUIRED, PY_NULL},
        {Q_start, 0, PY_SMALL(0)},
    };
    py_val a[2];
    py_parse_args_raw(n_args, n_kw, args, 2, spec, a);
    if (!py_is_int(a[1])) {
        py_raise_type_error("'%T' object cannot be interpreted as an integer", a[1]);
    }
    enumerate_obj *e = py_new(enumerate_obj);
    e->head.type = type;
    e->iter = py_getiter(a[0]);
    e->index = a[1];
    return PY_OBJ(e);
}

static py_val enumerate_next(py_val self) {
    enumerate_obj *e = py_ptr(self);
    py_val v = py_iternext(e->iter);
    if (v == PY_STOP) {
        return PY_STOP;
    }
    py_val i = e->index;
    e->index = py_is_small(i) && py_small_value(i) < PY_SMALL_MAX
                   ? PY_SMALL(py_small_value(i) + 1)
                   : py_binary_op(PY_BINOP_ADD, i, PY_SMALL(1));
    return py_tuple2(i, v);
}

const py_type py_type_enumerate = {
    .head = {&py_type_type},
    .name = Q_enumerate,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .make_new = enumerate_make_new,
    .getiter = iter_self,
    .iternext = enumerate_next,
};

/* ---- zip(*iterables) */

typedef struct zip_obj {
    py_head head;
    size_t n;
    py_val iters[];
} zip_obj;

static py_val zip_make_new(const py_type *type, size_t n_args, size_t n_kw,
                           const py_val *args) {
    py_check_nargs(n_args, n_kw, 0, PY_ARGS_MAX, false);
    zip_obj *z = py_new_var(zip_obj, py_val, n_args);
    z->head.type = type;
    z->n = n_args;
    for (size_t i = 0; i < n_args; i++) {
        z->iters[i] = py_getiter(args[i]);
    }
    return PY_OBJ(z);
}

static py_val zip_next(py_val self) {
    zip_obj *z = py_ptr(self);
    if (z->n == 0) {
        return PY_STOP;
    }
    py_val t = py_tuple_new(z->n, NULL);
    py_tuple *tp = py_ptr(t);
    for (size_t i = 0; i < z->n; i++) {
        py_val v = py_iternext(z->iters[i]);
        if (v == PY_STOP) {
            py_gc_free(tp);
            return PY_STOP;
        }
        tp->items[i] = v;
    }
    return t;
}

const py_type py_type_zip = {
    .head = {&py_type_type},
    .name = Q_zip,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .make_new = zip_make_new,
    .getiter = iter_self,
    .iternext = zip_next,
};

/* ---- map(function, *iterables) */

typedef struct map_obj {
    py_head head;
    py_val fun;
    size_t n;
    py_val iters[];
} map_obj;

static py_val map_make_new(const py_type *type, size_t n_args, size_t n_kw,
                           const py_val *args) {
    py_check_nargs(n_args, n_kw, 2, PY_ARGS_MAX, false);
    map_obj *m = py_new_var(map_obj, py_val, n_args - 1);
    m->head.type = type;
    m->fun = args[0];
    m->n = n_args - 1;
    for (size_t i = 1; i < n_args; i++) {
        m->iters[i - 1] = py_getiter(args[i]);
    }
    return PY_OBJ(m);
}

static py_val map_next(py_val self) {
    map_obj *m = py_ptr(self);
    py_val small[4];
    py_val *vals = m->n <= 4 ? small : py_gc_alloc(m->n * sizeof(py_val));
    for (size_t i = 0; i < m->n; i++) {
        vals[i] = py_iternext(m->iters[i]);
        if (vals[i] == PY_STOP) {
            return PY_STOP;
        }
    }
    return py_call(m->fun, m->n, 0, vals);
}

const py_type py_type_map = {
    .head = {&py_type_type},
    .name = Q_map,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .make_new = map_make_new,
    .getiter = iter_self,
    .iternext = map_next,
};

/* ---- filter(function or None, iterable) */

typedef struct filter_obj {
    py_head head;
    py_val fun, iter;
} filter_obj;

static py_val filter_make_new(const py_type *type, size_t n_args, size_t n_kw,
                              const py_val *args) {
    py_check_nargs(n_args, n_kw, 2, 2, false);
    filter_obj *f = py_new(filter_obj);
    f->head.type = type;
    f->fun = args[0];
    f->iter = py_getiter(args[1]);
    return PY_OBJ(f);
}

static py_val filter_next(py_val self) {
    filter_obj *f = py_ptr(self);
    for (;;) {
        py_val v = py_iternext(f->iter);
        if (v == PY_STOP) {
            return PY_STOP;
        }
        py_val keep = f->fun == PY_NONE ? v : py_call1(f->fun, v);
        if (py_truthy(keep)) {
            return v;
        }
    }
}

const py_type py_type_filter = {
    .head = {&py_type_type},
    .name = Q_filter,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .make_new = filter_make_new,
    .getiter = iter_self,
    .iternext = filter_next,
};

/* ---- reversed(sequence): __reversed__ if the object has it, else len()
 * and indexing from the end */

typedef struct reversed_obj {
    py_head head;
    py_val seq;
    size_t remaining;
} reversed_obj;

static py_val reversed_make_new(const py_type *type, size_t n_args, size_t n_kw,
                                const py_val *args) {
    py_check_nargs(n_args, n_kw, 1, 1, false);
    py_val dest[2];
    py_load_method_maybe(args[0], Q___reversed__, dest);
    if (dest[0] != PY_NULL) {
        return py_call_method(dest, 0, 0, NULL);
    }
    if (py_is_type(args[0], &py_type_dict) || py_is_type(args[0], &py_type_set) ||
        py_type_of(args[0])->subscr == NULL) {
        py_raise_type_error("'%T' object is not reversible", args[0]);
    }
    reversed_obj *r = py_new(reversed_obj);
    r->head.type = type;
    r->seq = args[0];
    r->remaining = py_len(args[0]);
    return PY_OBJ(r);
}

static py_val reversed_next(py_val self) {
    reversed_obj *r = py_ptr(self);
    if (r->remaining == 0) {
        return PY_STOP;
    }
    r->remaining--;
    return py_subscr_load(r->seq, PY_SMALL((py_int_t)r->remaining));
}

const py_type py_type_reversed = {
    .head = {&py_type_type},
    .name = Q_reversed,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .make_new = reversed_make_new,
    .getiter = iter_self,
    .iternext = reversed_next,
};
