/*
 * modcollections.c - the collections module: deque, OrderedDict, namedtuple.
 *
 * deque is a ring buffer of values that grows by doubling; with a maxlen it
 * drops items from the far end when full, as CPython does, or raises
 * IndexError when made with MicroPython's flags argument set to 1.
 *
 * OrderedDict is a dict (dicts keep insertion order already) with
 * move_to_end() and popitem(last=); its slots pass through to dict's.
 *
 * namedtuple() builds a real class with `type(name, (tuple,), namespace)`:
 * a __new__ that maps arguments to fields, one property per field, and the
 * _fields / _replace / _asdict / _make helpers, so instances are tuples and
 * the class can be subclassed like any other.
 */
#include <string.h>

#include "campy.h"

/* ================================================================ deque */

typedef struct deque_obj {
    py_head head;
    py_val *ring;
    size_t alloc, first, len;
    size_t maxlen;      /* SIZE_MAX: unbounded */
    bool raise_if_full; /* MicroPython's flags & 1 */
    size_t version;     /* bumped by every change in length, for iterators */
} deque_obj;

static const py_type deque_type;

static deque_obj *deque_of(py_val v) {
    if (!py_isinstance(v, &deque_type)) {
        py_raise_type_error("descriptor requires a 'deque' object but received a '%s'",
                            py_type_name(v));
    }
    return py_ptr(v);
}

static py_val *deque_slot(deque_obj *d, size_t i) { return &d->ring[(d->first + i) % d->alloc]; }

static void deque_grow(deque_obj *d) {
    size_t alloc = d->alloc < 4 ? 4 : d->alloc * 2;
    if (alloc > SIZE_MAX / 2 / sizeof(py_val)) {
        py_raise_memory_error();
    }
    py_val *ring = py_gc_alloc(alloc * sizeof(py_val));
    for (size_t i = 0; i < d->len; i++) {
        ring[i] = *deque_slot(d, i);
    }
    if (d->ring != NULL) {
        py_gc_free(d->ring);
    }
    d->ring = ring;
    d->alloc = alloc;
    d->first = 0;
}

/* Room for one more item; false when it must be dropped (maxlen 0). */
static bool deque_make_room(deque_obj *d, bool at_right) {
    if (d->maxlen == 0) {
        return false;
    }
    if (d->len == d->maxlen) {
        if (d->raise_if_full) {
            py_raise_msg(&py_type_IndexError, "full");
        }
        /* drop from the other end */
        if (at_right) {
            *deque_slot(d, 0) = PY_NULL;
            d->first = (d->first + 1) % d->alloc;
        } else {
            *deque_slot(d, d->len - 1) = PY_NULL;
        }
        d->len--;
    }
    if (d->len == d->alloc) {
        deque_grow(d);
    }
    return true;
}

static void deque_push(deque_obj *d, py_val v, bool at_right) {
    if (!deque_make_room(d, at_right)) {
        return;
    }
    if (at_right) {
        *deque_slot(d, d->len) = v;
    } else {
        d->first = (d->first + d->alloc - 1) % d->alloc;
        d->ring[d->first] = v;
    }
    d->len++;
    d->version++;
}

static py_val deque_take(deque_obj *d, bool at_right) {
    if (d->len == 0) {
        py_raise_msg(&py_type_IndexError, "pop from an empty deque");
    }
    py_val *slot = at_right ? deque_slot(d, d->len - 1) : deque_slot(d, 0);
    py_val v = *slot;
    *slot = PY_NULL;
    if (!at_right) {
        d->first = (d->first + 1) % d->alloc;
    }
    d->len--;
    d->version++;
    return v;
}

static void deque_extend_from(deque_obj *d, py_val iterable, bool at_right) {
    if (iterable == PY_OBJ(d)) {
        iterable = py_list_new(0, NULL); /* a snapshot: d grows while we read it */
        for (size_t i = 0; i < d->len; i++) {
            py_list_append(iterable, *deque_slot(d, i));
        }
    }
    py_val it = py_getiter(iterable), v;
    while ((v = py_iternext(it)) != PY_STOP) {
        deque_push(d, v, at_right);
    }
}

static deque_obj *deque_alloc(size_t maxlen, bool raise_if_full) {
    deque_obj *d = py_new(deque_obj);
    d->head.type = &deque_type;
    d->maxlen = maxlen;
    d->raise_if_full = raise_if_full;
    return d;
}

/* deque(iterable=(), maxlen=None, flags=0) */
static py_val deque_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    (void)type;
    static const py_arg_spec spec[] = {
        {Q_iterable, 0, PY_NULL},
        {Q_maxlen, 0, PY_NONE},
        {Q_flags, 0, PY_SMALL(0)},
    };
    py_val v[3];
    py_parse_args_raw(n_args, n_kw, args, 3, spec, v);
    size_t maxlen = SIZE_MAX;
    if (v[1] != PY_NONE) {
        py_int_t n = py_get_int(v[1]);
        if (n < 0) {
            py_raise_value_error("maxlen must be non-negative");
        }
        maxlen = (size_t)n;
    }
    deque_obj *d = deque_alloc(maxlen, (py_get_int(v[2]) & 1) != 0);
    if (v[0] != PY_NULL) {
        deque_extend_from(d, v[0], true);
    }
    return PY_OBJ(d);
}

static void deque_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    deque_obj *d = deque_of(self);
    py_stack_check();
    py_print_str(out, "deque([");
    for (size_t i = 0; i < d->len; i++) {
        if (i > 0) {
            py_print_str(out, ", ");
        }
        py_print_value(out, *deque_slot(d, i), PY_PRINT_REPR);
    }
    py_print_str(out, "]");
    if (d->maxlen != SIZE_MAX) {
        py_printf(out, ", maxlen=%zu", d->maxlen);
    }
    py_print_str(out, ")");
}

static py_val deque_unary_op(py_unop op, py_val self) {
    deque_obj *d = deque_of(self);
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(d->len != 0);
    case PY_UNOP_LEN:
        return py_int_from_u64(d->len);
    case PY_UNOP_HASH:
        py_raise_type_error("unhashable type: 'deque'");
    default:
        return PY_NULL;
    }
}

static py_val deque_copy_of(deque_obj *d) {
    deque_obj *c = deque_alloc(d->maxlen, d->raise_if_full);
    for (size_t i = 0; i < d->len; i++) {
        deque_push(c, *deque_slot(d, i), true);
    }
    return PY_OBJ(c);
}

/* Lexicographic comparison, item by item. */
static bool deque_compare(py_binop op, deque_obj *a, deque_obj *b) {
    for (size_t i = 0; i < a->len && i < b->len; i++) {
        py_val x = *deque_slot(a, i), y = *deque_slot(b, i);
        if (x == y || py_equal(x, y)) {
            continue;
        }
        if (op == PY_BINOP_EQ || op == PY_BINOP_NE) {
            return op == PY_BINOP_NE;
        }
        return py_truthy(py_binary_op(op, x, y));
    }
    size_t na = a->len, nb = b->len;
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

static py_val deque_binary_op(py_binop op, py_val lhs, py_val rhs) {
    deque_obj *d = deque_of(lhs);
    switch (op) {
    case PY_BINOP_ADD:
        if (!py_isinstance(rhs, &deque_type)) {
            return PY_NULL;
        } else {
            py_val r = deque_copy_of(d);
            deque_extend_from(py_ptr(r), rhs, true);
            return r;
        }
    case PY_BINOP_IADD:
        deque_extend_from(d, rhs, true);
        return lhs;
    case PY_BINOP_CONTAINS:
        for (size_t i = 0; i < d->len; i++) {
            size_t version = d->version;
            bool found = py_equal(*deque_slot(d, i), rhs);
            if (version != d->version) {
                py_raise_msg(&py_type_RuntimeError, "deque mutated during iteration");
            }
            if (found) {
                return PY_TRUE;
            }
        }
        return PY_FALSE;
    case PY_BINOP_EQ:
    case PY_BINOP_NE:
    case PY_BINOP_LT:
    case PY_BINOP_LE:
    case PY_BINOP_GT:
    case PY_BINOP_GE:
        if (!py_isinstance(rhs, &deque_type)) {
            return op == PY_BINOP_EQ ? PY_FALSE : op == PY_BINOP_NE ? PY_TRUE : PY_NULL;
        }
        return PY_BOOL(deque_compare(op, d, py_ptr(rhs)));
    default:
        return PY_NULL;
    }
}

/* Removes the item at i, closing the gap from the nearer end. */
static void deque_delete_at(deque_obj *d, size_t i) {
    if (i < d->len / 2) {
        for (size_t k = i; k > 0; k--) {
            *deque_slot(d, k) = *deque_slot(d, k - 1);
        }
        *deque_slot(d, 0) = PY_NULL;
        d->first = (d->first + 1) % d->alloc;
    } else {
        for (size_t k = i; k + 1 < d->len; k++) {
            *deque_slot(d, k) = *deque_slot(d, k + 1);
        }
        *deque_slot(d, d->len - 1) = PY_NULL;
    }
    d->len--;
    d->version++;
}

static py_val deque_subscr(py_val self, py_val index, py_val value) {
    deque_obj *d = deque_of(self);
    if (py_is_type(index, &py_type_slice)) {
        py_raise_type_error("sequence index must be integer, not 'slice'");
    }
    size_t len = d->len;
    size_t i = py_get_index_in(index, len, "deque");
    if (d->len != len) { /* __index__ ran Python code that resized the deque */
        py_raise_msg(&py_type_RuntimeError, "deque mutated during iteration");
    }
    if (value == PY_SENTINEL) {
        return *deque_slot(d, i);
    }
    if (value == PY_NULL) {
        deque_delete_at(d, i);
    } else {
        *deque_slot(d, i) = value;
    }
    return PY_NONE;
}

/* ---- iteration */

typedef struct deque_iter {
    py_head head;
    py_val deque;
    size_t index, version;
} deque_iter;

static py_val deque_iter_next(py_val self) {
    deque_iter *it = py_ptr(self);
    deque_obj *d = py_ptr(it->deque);
    if (it->version != d->version) {
        py_raise_msg(&py_type_RuntimeError, "deque mutated during iteration");
    }
    if (it->index >= d->len) {
        return PY_STOP;
    }
    return *deque_slot(d, it->index++);
}

static const py_type deque_iter_type = {
    .head = {&py_type_type},
    .name = Q__deque_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .iternext = deque_iter_next,
};

static py_val deque_getiter(py_val self) {
    deque_obj *d = deque_of(self);
    deque_iter *it = py_new(deque_iter);
    it->head.type = &deque_iter_type;
    it->deque = PY_OBJ(d);
    it->version = d->version;
    return PY_OBJ(it);
}

/* ---- methods */

static py_val deque_append(py_val self, py_val v) {
    deque_push(deque_of(self), v, true);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(deque_append_obj, deque_append);

static py_val deque_appendleft(py_val self, py_val v) {
    deque_push(deque_of(self), v, false);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(deque_appendleft_obj, deque_appendleft);

static py_val deque_pop(py_val self) { return deque_take(deque_of(self), true); }
static PY_DEFINE_FUN_1(deque_pop_obj, deque_pop);

static py_val deque_popleft(py_val self) { return deque_take(deque_of(self), false); }
static PY_DEFINE_FUN_1(deque_popleft_obj, deque_popleft);

static py_val deque_extend(py_val self, py_val iterable) {
    deque_extend_from(deque_of(self), iterable, true);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(deque_extend_obj, deque_extend);

static py_val deque_extendleft(py_val self, py_val iterable) {
    deque_extend_from(deque_of(self), iterable, false);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(deque_extendleft_obj, deque_extendleft);

static py_val deque_clear(py_val self) {
    deque_obj *d = deque_of(self);
    d->ring = NULL;
    d->alloc = d->first = d->len = 0;
    d->version++;
    return PY_NONE;
}
static PY_DEFINE_FUN_1(deque_clear_obj, deque_clear);

static py_val deque_copy(py_val self) { return deque_copy_of(deque_of(self)); }
static PY_DEFINE_FUN_1(deque_copy_obj, deque_copy);

static py_val deque_count(py_val self, py_val v) {
    deque_obj *d = deque_of(self);
    size_t n = 0;
    for (size_t i = 0; i < d->len; i++) {
        size_t version = d->version;
        n += py_equal(*deque_slot(d, i), v);
        if (version != d->version) {
            py_raise_msg(&py_type_RuntimeError, "deque mutated during iteration");
        }
    }
    return py_int_from_u64(n);
}
static PY_DEFINE_FUN_2(deque_count_obj, deque_count);

/* The position of the first item equal to v, or SIZE_MAX. */
static size_t deque_find(deque_obj *d, py_val v, size_t from, size_t to) {
    for (size_t i = from; i < to && i < d->len; i++) {
        size_t version = d->version;
        bool found = py_equal(*deque_slot(d, i), v);
        if (version != d->version) {
            py_raise_msg(&py_type_RuntimeError, "deque mutated during iteration");
        }
        if (found) {
            return i;
        }
    }
    return SIZE_MAX;
}

static size_t bound_arg(py_val v, size_t len) {
    py_int_t i = py_get_int(v);
    if (i < 0) {
        i += (py_int_t)len;
        if (i < 0) {
            i = 0;
        }
    }
    return (size_t)i > len ? len : (size_t)i;
}

static py_val deque_index(size_t n_args, const py_val *args) {
    deque_obj *d = deque_of(args[0]);
    size_t from = n_args > 2 ? bound_arg(args[2], d->len) : 0;
    size_t to = n_args > 3 ? bound_arg(args[3], d->len) : d->len;
    size_t i = deque_find(d, args[1], from, to);
    if (i == SIZE_MAX) {
        py_raise_value_error("deque.index(x): x not in deque");
    }
    return py_int_from_u64(i);
}
static PY_DEFINE_FUN_VAR(deque_index_obj, 2, 4, deque_index);

static py_val deque_remove(py_val self, py_val v) {
    deque_obj *d = deque_of(self);
    size_t i = deque_find(d, v, 0, d->len);
    if (i == SIZE_MAX) {
        py_raise_value_error("deque.remove(x): x not in deque");
    }
    deque_delete_at(d, i);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(deque_remove_obj, deque_remove);

static py_val deque_insert(py_val self, py_val index, py_val v) {
    deque_obj *d = deque_of(self);
    if (d->len == d->maxlen) {
        py_raise_msg(&py_type_IndexError, "deque already at its maximum size");
    }
    size_t i = bound_arg(index, d->len);
    deque_push(d, v, true);
    for (size_t k = d->len - 1; k > i; k--) {
        *deque_slot(d, k) = *deque_slot(d, k - 1);
    }
    *deque_slot(d, i) = v;
    return PY_NONE;
}
static PY_DEFINE_FUN_3(deque_insert_obj, deque_insert);

static py_val deque_reverse(py_val self) {
    deque_obj *d = deque_of(self);
    for (size_t i = 0, j = d->len; i + 1 < j; i++, j--) {
        py_val t = *deque_slot(d, i);
        *deque_slot(d, i) = *deque_slot(d, j - 1);
        *deque_slot(d, j - 1) = t;
    }
    return PY_NONE;
}
static PY_DEFINE_FUN_1(deque_reverse_obj, deque_reverse);

/* rotate(n=1): n steps to the right; negative n to the left */
static py_val deque_rotate(size_t n_args, const py_val *args) {
    deque_obj *d = deque_of(args[0]);
    py_int_t n = n_args > 1 ? py_get_int(args[1]) : 1;
    if (d->len < 2) {
        return PY_NONE;
    }
    py_int_t len = (py_int_t)d->len;
    n %= len;
    if (n < 0) {
        n += len;
    }
    if (d->len < d->alloc) {
        /* make the ring exactly full so moving `first` rotates the items */
        deque_obj tmp = *d;
        py_val *ring = py_gc_alloc(d->len * sizeof(py_val));
        for (size_t i = 0; i < d->len; i++) {
            ring[i] = *deque_slot(&tmp, i);
        }
        d->ring = ring;
        d->alloc = d->len;
        d->first = 0;
    }
    d->first = (d->first + d->alloc - (size_t)n) % d->alloc;
    d->version++;
    return PY_NONE;
}
static PY_DEFINE_FUN_VAR(deque_rotate_obj, 1, 2, deque_rotate);

static void deque_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL || name != Q_maxlen) {
        return;
    }
    deque_obj *d = deque_of(self);
    dest[0] = d->maxlen == SIZE_MAX ? PY_NONE : py_int_from_u64(d->maxlen);
}

static const py_map_entry deque_locals_table[] = {
    {PY_QSTR(Q_append), PY_OBJ(&deque_append_obj)},
    {PY_QSTR(Q_appendleft), PY_OBJ(&deque_appendleft_obj)},
    {PY_QSTR(Q_pop), PY_OBJ(&deque_pop_obj)},
    {PY_QSTR(Q_popleft), PY_OBJ(&deque_popleft_obj)},
    {PY_QSTR(Q_extend), PY_OBJ(&deque_extend_obj)},
    {PY_QSTR(Q_extendleft), PY_OBJ(&deque_extendleft_obj)},
    {PY_QSTR(Q_clear), PY_OBJ(&deque_clear_obj)},
    {PY_QSTR(Q_copy), PY_OBJ(&deque_copy_obj)},
    {PY_QSTR(Q_count), PY_OBJ(&deque_count_obj)},
    {PY_QSTR(Q_index), PY_OBJ(&deque_index_obj)},
    {PY_QSTR(Q_insert), PY_OBJ(&deque_insert_obj)},
    {PY_QSTR(Q_remove), PY_OBJ(&deque_remove_obj)},
    {PY_QSTR(Q_reverse), PY_OBJ(&deque_reverse_obj)},
    {PY_QSTR(Q_rotate), PY_OBJ(&deque_rotate_obj)},
};
static PY_DEFINE_FIXED_DICT(deque_locals, deque_locals_table);

static const py_type deque_type = {
    .head = {&py_type_type},
    .name = Q_deque,
    .print = deque_print,
    .make_new = deque_make_new,
    .unary_op = deque_unary_op,
    .binary_op = deque_binary_op,
    .attr = deque_attr,
    .subscr = deque_subscr,
    .getiter = deque_getiter,
    .locals = PY_OBJ(&deque_locals),
};

/* ================================================================ OrderedDict */

static const py_type ordereddict_type;

static py_map *od_map(py_val self) {
    if (!py_isinstance(self, &ordereddict_type)) {
        py_raise_type_error("descriptor requires an 'OrderedDict' object but received a '%s'",
                            py_type_name(self));
    }
    return py_dict_map(self);
}

static py_val od_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    py_val d = py_type_dict.make_new(&py_type_dict, n_args, n_kw, args);
    ((py_dict *)py_ptr(d))->head.type = type;
    return d;
}

static void od_print(const py_print *out, py_val self, int kind) {
    py_print_str(out, "OrderedDict(");
    if (od_map(self)->used > 0) {
        py_type_dict.print(out, self, kind);
    }
    py_print_str(out, ")");
}

static py_val od_unary_op(py_unop op, py_val self) {
    od_map(self);
    if (op == PY_UNOP_HASH) {
        py_raise_type_error("unhashable type: 'OrderedDict'");
    }
    return py_type_dict.unary_op(op, self);
}

/* Two OrderedDicts are equal only with their items in the same order. */
static py_val od_binary_op(py_binop op, py_val lhs, py_val rhs) {
    py_map *a = od_map(lhs);
    if ((op == PY_BINOP_EQ || op == PY_BINOP_NE) && py_isinstance(rhs, &ordereddict_type)) {
        py_map *b = py_dict_map(rhs);
        bool equal = a->used == b->used;
        for (size_t pa = 0, pb = 0; equal && (pa = py_map_next(a, pa)) != 0;) {
            pb = py_map_next(b, pb);
            equal = pb != 0 && py_equal(a->table[pa - 1].key, b->table[pb - 1].key) &&
                    py_equal(a->table[pa - 1].value, b->table[pb - 1].value);
        }
        return PY_BOOL(equal == (op == PY_BINOP_EQ));
    }
    return py_type_dict.binary_op(op, lhs, rhs);
}

static py_val od_subscr(py_val self, py_val index, py_val value) {
    od_map(self);
    return py_type_dict.subscr(self, index, value);
}

static py_val od_getiter(py_val self) {
    od_map(self);
    return py_type_dict.getiter(self);
}

/* move_to_end(key, last=True) */
static py_val od_move_to_end(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_self, PY_ARG_REQUIRED, PY_NULL},
        {Q_key, PY_ARG_REQUIRED, PY_NULL},
        {Q_last, 0, PY_TRUE},
    };
    py_val v[3];
    py_parse_args(n_args, args, kw, 3, spec, v);
    py_map *m = od_map(v[0]);
    py_map_entry *e = py_map_lookup(m, v[1], PY_MAP_REMOVE);
    if (e == NULL) {
        py_raise(py_exc_new(&py_type_KeyError, 1, &v[1]));
    }
    py_val key = e->key, value = e->value;
    if (py_truthy(v[2])) {
        py_map_store(m, key, value);
        return PY_NONE;
    }
    /* to the front: rebuild the table with the key first */
    size_t n = m->used;
    py_val *saved = py_gc_alloc((2 * n + 1) * sizeof(py_val));
    size_t k = 0;
    for (size_t p = 0; (p = py_map_next(m, p)) != 0;) {
        saved[k++] = m->table[p - 1].key;
        saved[k++] = m->table[p - 1].value;
    }
    py_map_clear(m);
    py_map_store(m, key, value);
    for (size_t i = 0; i < k; i += 2) {
        py_map_store(m, saved[i], saved[i + 1]);
    }
    py_gc_free(saved);
    return PY_NONE;
}
static PY_DEFINE_FUN_KW(od_move_to_end_obj, 2, od_move_to_end);

/* popitem(last=True): the newest item, or the oldest with last=False */
static py_val od_popitem(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_self, PY_ARG_REQUIRED, PY_NULL},
        {Q_last, 0, PY_TRUE},
    };
    py_val v[2];
    py_parse_args(n_args, args, kw, 2, spec, v);
    py_map *m = od_map(v[0]);
    bool last = py_truthy(v[1]); /* first: its __bool__ may empty the dict */
    if (m->used == 0) {
        py_raise_msg(&py_type_KeyError, "dictionary is empty");
    }
    size_t pos = 0;
    if (last) {
        for (size_t i = m->filled; i-- > 0;) {
            if (m->table[i].key != PY_NULL) {
                pos = i + 1;
                break;
            }
        }
    } else {
        pos = py_map_next(m, 0);
    }
    py_val key = m->table[pos - 1].key;
    py_map_entry *e = py_map_lookup(m, key, PY_MAP_REMOVE);
    if (e == NULL) { /* the key's __hash__ or __eq__ changed the dict */
        py_raise_msg(&py_type_RuntimeError, "OrderedDict mutated during popitem");
    }
    return py_tuple2(e->key, e->value);
}
static PY_DEFINE_FUN_KW(od_popitem_obj, 1, od_popitem);

static py_val od_copy(py_val self) {
    od_map(self);
    return od_make_new(&ordereddict_type, 1, 0, &self);
}
static PY_DEFINE_FUN_1(od_copy_obj, od_copy);

/* reversed(od): the keys, newest first (a snapshot, so changing the dict
 * while iterating cannot go wrong). */
static py_val od_reversed(py_val self) {
    py_map *m = od_map(self);
    py_val keys = py_list_new(0, NULL);
    for (size_t i = m->filled; i-- > 0;) {
        if (m->table[i].key != PY_NULL) {
            py_list_append(keys, m->table[i].key);
        }
    }
    return py_getiter(keys);
}
static PY_DEFINE_FUN_1(od_reversed_obj, od_reversed);

static const py_map_entry od_locals_table[] = {
    {PY_QSTR(Q___reversed__), PY_OBJ(&od_reversed_obj)},
    {PY_QSTR(Q_move_to_end), PY_OBJ(&od_move_to_end_obj)},
    {PY_QSTR(Q_popitem), PY_OBJ(&od_popitem_obj)},
    {PY_QSTR(Q_copy), PY_OBJ(&od_copy_obj)},
};
static PY_DEFINE_FIXED_DICT(od_locals, od_locals_table);

static const py_type ordereddict_type = {
    .head = {&py_type_type},
    .name = Q_OrderedDict,
    .print = od_print,
    .make_new = od_make_new,
    .unary_op = od_unary_op,
    .binary_op = od_binary_op,
    .subscr = od_subscr,
    .getiter = od_getiter,
    .base = &py_type_dict,
    .locals = PY_OBJ(&od_locals),
};

/* ================================================================ namedtuple */

/* The getter behind each field's property: item `index` of the tuple. */
typedef struct field_getter {
    py_head head;
    size_t index;
} field_getter;

static py_val field_getter_call(py_val self, size_t n_args, size_t n_kw, const py_val *args) {
    py_check_nargs(n_args, n_kw, 1, 1, false);
    field_getter *g = py_ptr(self);
    if (!py_isinstance(args[0], &py_type_tuple)) {
        py_raise_type_error("descriptor for field %zu needs a tuple, not '%s'", g->index,
                            py_type_name(args[0]));
    }
    py_tuple *t = py_ptr(args[0]);
    if (g->index >= t->len) {
        py_raise_msg(&py_type_IndexError, "tuple index out of range");
    }
    return t->items[g->index];
}

static const py_type field_getter_type = {
    .head = {&py_type_type},
    .name = Q__tuplegetter,
    .call = field_getter_call,
};

static void class_fields(py_val cls, size_t *n, py_val **fields) {
    py_get_array(py_getattr(cls, Q__fields), n, fields);
}

static size_t field_index(size_t n, const py_val *fields, py_val name) {
    for (size_t i = 0; i < n; i++) {
        if (py_equal(fields[i], name)) {
            return i;
        }
    }
    return SIZE_MAX;
}

/* __new__(cls, *args, **kwargs): the fields from arguments and defaults */
static py_val nt_new(size_t n_args, const py_val *args, py_map *kw) {
    py_val cls = args[0];
    size_t n;
    py_val *fields;
    class_fields(cls, &n, &fields);
    if (n_args - 1 > n) {
        py_raise_type_error("__new__() takes %zu positional arguments but %zu were given", n + 1,
                            n_args);
    }
    py_val values = py_tuple_new(n, NULL);
    py_val *items = ((py_tuple *)py_ptr(values))->items;
    for (size_t i = 0; i < n; i++) {
        items[i] = i + 1 < n_args ? args[i + 1] : PY_NULL;
    }
    for (size_t p = 0; (p = py_map_next(kw, p)) != 0;) {
        py_val key = kw->table[p - 1].key;
        size_t i = field_index(n, fields, key);
        if (i == SIZE_MAX) {
            py_raise_type_error("__new__() got an unexpected keyword argument '%v'", key);
        }
        if (items[i] != PY_NULL) {
            py_raise_type_error("__new__() got multiple values for argument '%v'", key);
        }
        items[i] = kw->table[p - 1].value;
    }
    py_val defaults = py_getattr(cls, Q__field_defaults);
    for (size_t i = 0; i < n; i++) {
        if (items[i] == PY_NULL) {
            items[i] =
                py_isinstance(defaults, &py_type_dict) ? py_dict_get(defaults, fields[i]) : PY_NULL;
            if (items[i] == PY_NULL) {
                py_raise_type_error("__new__() missing required argument '%v'", fields[i]);
            }
        }
    }
    py_val tuple_new[2];
    tuple_new[0] = cls;
    tuple_new[1] = values;
    return py_call(py_getattr(PY_OBJ(&py_type_tuple), Q___new__), 2, 0, tuple_new);
}
static PY_DEFINE_FUN_KW(nt_new_obj, 1, nt_new);
static PY_DEFINE_STATICMETHOD(nt_new_static, nt_new_obj);

static py_tuple *nt_self(py_val self) {
    if (!py_isinstance(self, &py_type_tuple)) {
        py_raise_type_error("expected a named tuple, got '%s'", py_type_name(self));
    }
    return py_ptr(self);
}

/* Point(x=1, y=2), with the name of the instance's own class */
static void nt_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_tuple *t = nt_self(self);
    size_t n;
    py_val *fields;
    class_fields(PY_OBJ(py_type_of(self)), &n, &fields);
    py_stack_check();
    py_printf(out, "%s(", py_type_name(self));
    for (size_t i = 0; i < t->len; i++) {
        if (i > 0) {
            py_print_str(out, ", ");
        }
        if (i < n) {
            py_printf(out, "%v=", fields[i]);
        }
        py_print_value(out, t->items[i], PY_PRINT_REPR);
    }
    py_print_str(out, ")");
}

static py_val nt_asdict(py_val self) {
    py_tuple *t = nt_self(self);
    size_t n;
    py_val *fields;
    class_fields(PY_OBJ(py_type_of(self)), &n, &fields);
    py_val d = py_dict_new(n);
    for (size_t i = 0; i < n && i < t->len; i++) {
        py_dict_store(d, fields[i], t->items[i]);
    }
    return d;
}
static PY_DEFINE_FUN_1(nt_asdict_obj, nt_asdict);

/* _replace(**changes): a new instance with some fields changed */
static py_val nt_replace(size_t n_args, const py_val *args, py_map *kw) {
    if (n_args != 1) {
        py_raise_type_error("_replace() takes no positional arguments");
    }
    py_tuple *t = nt_self(args[0]);
    size_t n;
    py_val *fields;
    class_fields(PY_OBJ(py_type_of(args[0])), &n, &fields);
    py_val values = py_tuple_new(t->len, t->items);
    py_val *items = ((py_tuple *)py_ptr(values))->items;
    for (size_t p = 0; (p = py_map_next(kw, p)) != 0;) {
        py_val key = kw->table[p - 1].key;
        size_t i = field_index(n, fields, key);
        if (i == SIZE_MAX || i >= t->len) {
            py_raise_value_error("Got unexpected field names: ['%v']", key);
        }
        items[i] = kw->table[p - 1].value;
    }
    size_t len;
    py_val *vals;
    py_get_array(values, &len, &vals);
    return py_call(PY_OBJ(py_type_of(args[0])), len, 0, vals);
}
static PY_DEFINE_FUN_KW(nt_replace_obj, 1, nt_replace);

/* _make(iterable), a class method */
static py_val nt_make(py_val cls, py_val iterable) {
    size_t n;
    py_val *items;
    py_get_array_any(iterable, &n, &items);
    return py_call(cls, n, 0, items);
}
static PY_DEFINE_FUN_2(nt_make_obj, nt_make);
static PY_DEFINE_CLASSMETHOD(nt_make_class, nt_make_obj);

/* The built-in base of every named tuple class: a tuple whose repr names
 * the fields, with the helper methods. Methods of a built-in base bind to
 * the instance, which functions stored in the class itself would not. */
static py_val nt_base_make_new(const py_type *type, size_t n_args, size_t n_kw,
                               const py_val *args) {
    (void)type;
    return py_type_tuple.make_new(&py_type_tuple, n_args, n_kw, args);
}

static py_val nt_base_unary_op(py_unop op, py_val self) { return py_type_tuple.unary_op(op, self); }

static py_val nt_base_binary_op(py_binop op, py_val lhs, py_val rhs) {
    return py_type_tuple.binary_op(op, lhs, rhs);
}

static py_val nt_base_subscr(py_val self, py_val index, py_val value) {
    return py_type_tuple.subscr(self, index, value);
}

static py_val nt_base_getiter(py_val self) { return py_type_tuple.getiter(self); }

static const py_map_entry nt_base_locals_table[] = {
    {PY_QSTR(Q__asdict), PY_OBJ(&nt_asdict_obj)},
    {PY_QSTR(Q__replace), PY_OBJ(&nt_replace_obj)},
    {PY_QSTR(Q__make), PY_OBJ(&nt_make_class)},
};
static PY_DEFINE_FIXED_DICT(nt_base_locals, nt_base_locals_table);

static const py_type namedtuple_base_type = {
    .head = {&py_type_type},
    .name = Q_namedtuple,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = nt_print,
    .make_new = nt_base_make_new,
    .unary_op = nt_base_unary_op,
    .binary_op = nt_base_binary_op,
    .subscr = nt_base_subscr,
    .getiter = nt_base_getiter,
    .base = &py_type_tuple,
    .locals = PY_OBJ(&nt_base_locals),
};

static bool is_identifier(const char *s, size_t len) {
    if (len == 0 || (s[0] >= '0' && s[0] <= '9')) {
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c >= 0x80;
        if (!ok) {
            return false;
        }
    }
    return true;
}

static bool is_keyword(const char *s, size_t len) {
    static const char *const keywords[] = {
        "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
        "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
        "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",
    };
    for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
        if (strlen(keywords[i]) == len && memcmp(keywords[i], s, len) == 0) {
            return true;
        }
    }
    return false;
}

static void check_name(py_val name) {
    size_t len;
    const char *s = py_get_str(name, &len);
    if (!is_identifier(s, len)) {
        py_raise_value_error("Type names and field names must be valid identifiers: %r", name);
    }
    if (is_keyword(s, len)) {
        py_raise_value_error("Type names and field names cannot be a keyword: %r", name);
    }
}

/* The field names: a list of str from "x y", "x, y" or an iterable of str. */
static py_val field_name_list(py_val spec) {
    py_val names = py_list_new(0, NULL);
    if (py_is_str(spec)) {
        size_t len;
        const char *s = py_str_data(spec, &len);
        size_t i = 0;
        while (i < len) {
            while (i < len && (s[i] == ' ' || s[i] == ',' || s[i] == '\t' || s[i] == '\n')) {
                i++;
            }
            size_t start = i;
            while (i < len && !(s[i] == ' ' || s[i] == ',' || s[i] == '\t' || s[i] == '\n')) {
                i++;
            }
            if (i > start) {
                py_list_append(names, py_str_new(s + start, i - start));
            }
        }
        return names;
    }
    py_val it = py_getiter(spec), v;
    while ((v = py_iternext(it)) != PY_STOP) {
        py_list_append(names, py_str_of(v));
    }
    return names;
}

/* Field names checked as CPython does; with rename, bad ones become _<index>. */
static void check_fields(py_list *names, bool rename) {
    for (size_t i = 0; i < names->len; i++) {
        py_val name = names->items[i];
        size_t len;
        const char *s = py_get_str(name, &len);
        bool bad = !is_identifier(s, len) || is_keyword(s, len) || s[0] == '_';
        for (size_t j = 0; j < i && !bad; j++) {
            bad = py_equal(names->items[j], name);
        }
        if (bad && rename) {
            char text[24];
            py_buf b = {text, 0, sizeof(text)};
            py_buf_printf(&b, "_%zu", i);
            names->items[i] = py_str_new(b.data, b.len);
            continue;
        }
        check_name(name);
        if (s[0] == '_') {
            py_raise_value_error("Field names cannot start with an underscore: %r", name);
        }
        for (size_t j = 0; j < i; j++) {
            if (py_equal(names->items[j], name)) {
                py_raise_value_error("Encountered duplicate field name: %r", name);
            }
        }
    }
}

/* namedtuple(typename, field_names, *, rename=False, defaults=None, module=None) */
static py_val collections_namedtuple(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_typename, PY_ARG_REQUIRED, PY_NULL}, {Q_field_names, PY_ARG_REQUIRED, PY_NULL},
        {Q_rename, PY_ARG_KW_ONLY, PY_FALSE},   {Q_defaults, PY_ARG_KW_ONLY, PY_NONE},
        {Q_module, PY_ARG_KW_ONLY, PY_NONE},
    };
    py_val v[5];
    py_parse_args(n_args, args, kw, 5, spec, v);
    py_val type_name = v[0];
    check_name(type_name);
    py_val names = field_name_list(v[1]);
    py_list *name_list = py_ptr(names);
    check_fields(name_list, py_truthy(v[2]));
    size_t n = name_list->len;

    py_val fields = py_tuple_new(n, NULL);
    py_val ns = py_dict_new(8 + n);
    for (size_t i = 0; i < n; i++) {
        py_val name = py_str_intern(name_list->items[i]);
        ((py_tuple *)py_ptr(fields))->items[i] = name;
        field_getter *g = py_new(field_getter);
        g->head.type = &field_getter_type;
        g->index = i;
        py_val getter = PY_OBJ(g);
        py_dict_store(ns, name, py_call(PY_OBJ(&py_type_property), 1, 0, &getter));
    }

    py_val defaults = py_dict_new(0);
    if (v[3] != PY_NONE) {
        size_t n_defaults;
        py_val *items;
        py_get_array_any(v[3], &n_defaults, &items);
        if (n_defaults > n) {
            py_raise_type_error("Got more default values than field names");
        }
        for (size_t i = 0; i < n_defaults; i++) {
            py_dict_store(defaults, ((py_tuple *)py_ptr(fields))->items[n - n_defaults + i],
                          items[i]);
        }
    }
    py_dict_store(ns, PY_QSTR(Q__fields), fields);
    py_dict_store(ns, PY_QSTR(Q__field_defaults), defaults);
    py_dict_store(ns, PY_QSTR(Q___new__), PY_OBJ(&nt_new_static));
    if (v[4] != PY_NONE) {
        py_dict_store(ns, PY_QSTR(Q___module__), v[4]);
    }
    py_val base = PY_OBJ(&namedtuple_base_type);
    py_val type_args[3] = {type_name, py_tuple_new(1, &base), ns};
    return py_call(PY_OBJ(&py_type_type), 3, 0, type_args);
}
static PY_DEFINE_FUN_KW(collections_namedtuple_obj, 2, collections_namedtuple);

static const py_map_entry collections_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_collections)},
    {PY_QSTR(Q_deque), PY_OBJ(&deque_type)},
    {PY_QSTR(Q_OrderedDict), PY_OBJ(&ordereddict_type)},
    {PY_QSTR(Q_namedtuple), PY_OBJ(&collections_namedtuple_obj)},
};
static PY_DEFINE_FIXED_DICT(collections_globals, collections_table);
PY_DEFINE_MODULE(py_module_collections, collections_globals);
PY_REGISTER_MODULE(Q_collections, py_module_collections);
