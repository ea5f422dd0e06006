/*
 * objtuple.c - tuple, and what tuple and list share: printing, comparison,
 * concatenation, repetition, search and iteration over an item array.
 *
 * A tuple is one heap block: the header, the length and the items, so a
 * 2-tuple takes two blocks on a 32-bit board.
 */
#include <string.h>

#include "campy.h"
#include "objtype.h"
#include "seq.h"

/* ---- shared sequence helpers (seq.h) */


/* A tuple or list walked while its items' methods run (__eq__, __lt__):
 * those may shrink a list or replace its array, so a list's fields are read
 * afresh at every step. A tuple cannot change. */
typedef struct seq_view {
    py_list *list; /* NULL for a tuple */
    const py_val *items;
    size_t len;
} seq_view;

static void view_init(seq_view *v, py_val seq) {
    py_val *items;
    py_get_array(seq, &v->len, &items);
    v->items = items;
    v->list = NULL;
    const py_type *t = py_type_of(seq);
    while (t != &py_type_tuple && t != &py_type_list) {
        t = t->base;
    }
    if (t == &py_type_list) {
        v->list = py_ptr(py_is_type(seq, t) ? seq : py_native_value(seq));
    }
}

static bool view_item(seq_view *v, size_t i, py_val *item) {
    if (v->list != NULL) {
        v->items = v->list->items;
        v->len = v->list->len;
    }
    if (i >= v->len) {
        return false;
    }
    *item = v->items[i];
    return true;
}

/* The items' __repr__ may change a list as it is printed. */
void py_seq_print(const py_print *out, py_val seq, const char *open, const char *close,
                  bool one_comma) {
    seq_view view;
    view_init(&view, seq);
    py_print_str(out, open);
    py_val item;
    size_t i = 0;
    for (; view_item(&view, i, &item); i++) {
        if (i > 0) {
            py_print_str(out, ", ");
        }
        py_print_value(out, item, PY_PRINT_REPR);
    }
    if (one_comma && i == 1) {
        py_print_str(out, ",");
    }
    py_print_str(out, close);
}

static bool compare_lengths(py_binop op, size_t na, size_t nb) {
    switch (op) {
    case PY_BINOP_EQ:
        return na == nb;
    case PY_BINOP_NE:
        return na != nb;
    case PY_BINOP_LT:
        return na < nb;
    case PY_BINOP_LE:
        return na <= nb;
    case PY_BINOP_GT:
        return na > nb;
    default:
        return na >= nb;
    }
}

/* Lexicographic comparison; op is one of the six comparisons. */
bool py_seq_compare(py_binop op, py_val a, py_val b) {
    py_stack_check();
    seq_view va, vb;
    view_init(&va, a);
    view_init(&vb, b);
    if ((op == PY_BINOP_EQ || op == PY_BINOP_NE) && va.len != vb.len) {
        return op == PY_BINOP_NE;
    }
    py_val x, y;
    size_t i = 0;
    for (;; i++) {
        bool has_x = view_item(&va, i, &x);
        bool has_y = view_item(&vb, i, &y);
        if (!has_x || !has_y) {
            return compare_lengths(op, va.len, vb.len);
        }
        if (x != y && !py_equal(x, y)) {
            break;
        }
    }
    if (op == PY_BINOP_EQ) {
        return false;
    }
    if (op == PY_BINOP_NE) {
        return true;
    }
    /* that __eq__ may have shortened a list: as in CPython, the items that
     * differ are read again, and lengths decide when one is gone */
    if (!view_item(&va, i, &x) || !view_item(&vb, i, &y)) {
        return compare_lengths(op, va.len, vb.len);
    }
    return py_truthy(py_binary_op(op, x, y));
}

bool py_seq_contains(py_val seq, py_val v) {
    seq_view view;
    view_init(&view, seq);
    py_val item;
    for (size_t i = 0; view_item(&view, i, &item); i++) {
        if (item == v || py_equal(item, v)) {
            return true;
        }
    }
    return false;
}

/* index(x[, start[, end]]) */
py_val py_seq_index(py_val seq, size_t n_args, const py_val *args, const char *what) {
    seq_view view;
    view_init(&view, seq);
    size_t n = view.len;
    py_int_t start = 0, end = (py_int_t)n;
    if (n_args > 1) {
        start = py_get_int(args[1]);
        if (start < 0) {
            start += (py_int_t)n;
            if (start < 0) {
                start = 0;
            }
        }
    }
    if (n_args > 2) {
        end = py_get_int(args[2]);
        if (end < 0) {
            end += (py_int_t)n;
        }
        if (end > (py_int_t)n) {
            end = (py_int_t)n;
        }
    }
    py_val item;
    for (py_int_t i = start; i < end && view_item(&view, (size_t)i, &item); i++) {
        if (item == args[0] || py_equal(item, args[0])) {
            return PY_SMALL(i);
        }
    }
    py_raise_value_error("%s.index(x): x not in %s", what, what);
}

py_val py_seq_count(py_val seq, py_val v) {
    seq_view view;
    view_init(&view, seq);
    py_int_t c = 0;
    py_val item;
    for (size_t i = 0; view_item(&view, i, &item); i++) {
        if (item == v || py_equal(item, v)) {
            c++;
        }
    }
    return PY_SMALL(c);
}

/* Repetition count for seq * n: negative counts are 0; too big is MemoryError. */
size_t py_seq_repeat_count(py_val n, size_t len) {
    py_int_t k;
    if (!py_get_int_maybe(n, &k)) {
        if (py_is_int(n)) {
            /* a big int: negative means empty, positive can't fit */
            if (py_truthy(py_binary_op(PY_BINOP_LT, n, PY_SMALL(0)))) {
                return 0;
            }
            py_raise_msg(&py_type_OverflowError, "cannot fit 'int' into an index-sized integer");
        }
        return SIZE_MAX; /* not an int: the caller reports the type */
    }
    if (k <= 0 || len == 0) {
        return 0;
    }
    if ((size_t)k > (SIZE_MAX / sizeof(py_val)) / len) {
        py_raise_memory_error();
    }
    return (size_t)k;
}


/* ---- iterator over an array in a tuple or list: reads the length each time,
 * so a list that shrinks while iterated just ends early */

typedef struct seq_iter {
    py_head head;
    py_val seq;
    size_t index;
} seq_iter;

static py_val seq_iter_next(py_val self) {
    seq_iter *it = py_ptr(self);
    size_t n;
    py_val *items;
    py_get_array(it->seq, &n, &items);
    if (it->index >= n) {
        return PY_STOP;
    }
    return items[it->index++];
}

static py_val iter_self(py_val self) { return self; }

const py_type py_type_seq_iterator = {
    .head = {&py_type_type},
    .name = Q_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .getiter = iter_self,
    .iternext = seq_iter_next,
};

py_val py_seq_iter_new(py_val seq) {
    seq_iter *it = py_new(seq_iter);
    it->head.type = &py_type_seq_iterator;
    it->seq = seq;
    return PY_OBJ(it);
}

/* ---- tuple */

/* The empty tuple is a single static object, as in CPython. */
static const struct {
    py_head head;
    size_t len;
} empty_tuple_obj = {{&py_type_tuple}, 0};

py_val py_tuple_new(size_t n, const py_val *items) {
    if (n == 0) {
        return PY_OBJ(&empty_tuple_obj);
    }
    if (n > (SIZE_MAX - sizeof(py_tuple)) / sizeof(py_val)) {
        py_raise_memory_error();
    }
    py_tuple *t = py_new_var(py_tuple, py_val, n);
    t->head.type = &py_type_tuple;
    t->len = n;
    for (size_t i = 0; i < n; i++) {
        t->items[i] = items == NULL ? PY_NONE : items[i];
    }
    return PY_OBJ(t);
}

py_val py_tuple2(py_val a, py_val b) {
    py_val items[2] = {a, b};
    return py_tuple_new(2, items);
}

/* The tuple or list behind v, or NULL (also sees through built-in subclasses). */
static bool array_of(py_val v, size_t *len, py_val **items) {
    const py_type *t = py_type_of(v);
    while (t != NULL && t != &py_type_tuple && t != &py_type_list) {
        t = t->base;
    }
    if (t == NULL) {
        return false;
    }
    if (!py_is_type(v, t)) {
        v = py_native_value(v);
    }
    if (t == &py_type_tuple) {
        py_tuple *tp = py_ptr(v);
        *len = tp->len;
        *items = tp->items;
    } else {
        py_list *l = py_ptr(v);
        *len = l->len;
        *items = l->items;
    }
    return true;
}

void py_get_array(py_val seq, size_t *len, py_val **items) {
    if (!array_of(seq, len, items)) {
        py_raise_type_error("expected tuple/list, got '%T'", seq);
    }
}

void py_get_array_any(py_val seq, size_t *len, py_val **items) {
    if (!array_of(seq, len, items)) {
        py_val t = py_call1(PY_OBJ(&py_type_tuple), seq);
        py_get_array(t, len, items);
    }
}

static py_tuple *tuple_of(py_val v) {
    if (!py_is_type(v, &py_type_tuple)) {
        v = py_native_value(v);
    }
    return py_ptr(v);
}

static void tuple_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_tuple *t = tuple_of(self);
    py_seq_print(out, PY_OBJ(t), "(", ")", true);
}

/* Makes a tuple from any iterable. */
static py_val tuple_from_iterable(py_val iterable) {
    size_t n;
    py_val *items;
    if (array_of(iterable, &n, &items)) {
        return py_tuple_new(n, items);
    }
    py_val list = py_list_new(0, NULL);
    py_val it = py_getiter(iterable), v;
    while ((v = py_iternext(it)) != PY_STOP) {
        py_list_append(list, v);
    }
    py_list *l = py_ptr(list);
    return py_tuple_new(l->len, l->items);
}

static py_val tuple_make_new(const py_type *type, size_t n_args, size_t n_kw,
                             const py_val *args) {
    (void)type;
    py_check_nargs(n_args, n_kw, 0, 1, false);
    if (n_args == 0) {
        return py_tuple_new(0, NULL);
    }
    if (py_is_type(args[0], &py_type_tuple)) {
        return args[0];
    }
    return tuple_from_iterable(args[0]);
}

py_int_t py_seq_hash(const py_val *items, size_t n) {
    uint32_t h = 0x345678u;
    uint32_t mult = 1000003u;
    for (size_t i = 0; i < n; i++) {
        uint32_t x = (uint32_t)py_hash(items[i]);
        h = (h ^ x) * mult;
        mult += (uint32_t)(82520u + 2 * (n - i));
    }
    h += 97531u;
    return (py_int_t)(h & 0x3fffffff);
}

static py_val tuple_unary_op(py_unop op, py_val self) {
    py_tuple *t = tuple_of(self);
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(t->len != 0);
    case PY_UNOP_LEN:
        return PY_SMALL((py_int_t)t->len);
    case PY_UNOP_HASH:
        return PY_SMALL(py_seq_hash(t->items, t->len));
    default:
        return PY_NULL;
    }
}

static py_val tuple_binary_op(py_binop op, py_val lhs, py_val rhs) {
    py_tuple *a = tuple_of(lhs);
    switch (op) {
    case PY_BINOP_ADD:
    case PY_BINOP_IADD: {
        if (!py_isinstance(rhs, &py_type_tuple)) {
            return PY_NULL;
        }
        py_tuple *b = tuple_of(rhs);
        if (b->len == 0) {
            return PY_OBJ(a);
        }
        py_tuple *r = py_ptr(py_tuple_new(a->len + b->len, NULL));
        memcpy(r->items, a->items, a->len * sizeof(py_val));
        memcpy(r->items + a->len, b->items, b->len * sizeof(py_val));
        return PY_OBJ(r);
    }
    case PY_BINOP_MUL:
    case PY_BINOP_IMUL:
    case PY_BINOP_RMUL: {
        size_t k = py_seq_repeat_count(rhs, a->len);
        if (k == SIZE_MAX) {
            return PY_NULL;
        }
        py_tuple *r = py_ptr(py_tuple_new(a->len * k, NULL));
        for (size_t i = 0; i < k; i++) {
            memcpy(r->items + i * a->len, a->items, a->len * sizeof(py_val));
        }
        return PY_OBJ(r);
    }
    case PY_BINOP_CONTAINS:
        return PY_BOOL(py_seq_contains(lhs, rhs));
    case PY_BINOP_EQ:
    case PY_BINOP_NE:
    case PY_BINOP_LT:
    case PY_BINOP_LE:
    case PY_BINOP_GT:
    case PY_BINOP_GE: {
        if (!py_isinstance(rhs, &py_type_tuple)) {
            return op == PY_BINOP_EQ ? PY_FALSE : op == PY_BINOP_NE ? PY_TRUE : PY_NULL;
        }
        return PY_BOOL(py_seq_compare(op, lhs, rhs));
    }
    default:
        return PY_NULL;
    }
}

static py_val tuple_subscr(py_val self, py_val index, py_val value) {
    if (value != PY_SENTINEL) {
        return PY_NULL; /* immutable: the runtime reports it */
    }
    py_tuple *t = tuple_of(self);
    if (py_is_type(index, &py_type_slice)) {
        py_int_t start, stop, step;
        size_t count = py_slice_indices(index, t->len, &start, &stop, &step);
        py_tuple *r = py_ptr(py_tuple_new(count, NULL));
        for (size_t i = 0; i < count; i++) {
            r->items[i] = t->items[start + (py_int_t)i * step];
        }
        return PY_OBJ(r);
    }
    return t->items[py_get_index_in(index, t->len, "tuple")];
}

static py_val tuple_getiter(py_val self) { return py_seq_iter_new(PY_OBJ(tuple_of(self))); }

static py_val tuple_count(py_val self, py_val v) {
    return py_seq_count(PY_OBJ(tuple_of(self)), v);
}
PY_DEFINE_FUN_2(tuple_count_obj, tuple_count);

static py_val tuple_index(size_t n_args, const py_val *args) {
    return py_seq_index(PY_OBJ(tuple_of(args[0])), n_args - 1, args + 1, "tuple");
}
PY_DEFINE_FUN_VAR(tuple_index_obj, 2, 4, tuple_index);

static const py_map_entry tuple_locals_table[] = {
    {PY_QSTR(Q_count), PY_OBJ(&tuple_count_obj)},
    {PY_QSTR(Q_index), PY_OBJ(&tuple_index_obj)},
};
PY_DEFINE_FIXED_DICT(tuple_locals, tuple_locals_table);

const py_type py_type_tuple = {
    .head = {&py_type_type},
    .name = Q_tuple,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = tuple_print,
    .make_new = tuple_make_new,
    .unary_op = tuple_unary_op,
    .binary_op = tuple_binary_op,
    .subscr = tuple_subscr,
    .getiter = tuple_getiter,
    .locals = PY_OBJ(&tuple_locals),
};
