/*
 * objdict.c - the dict type and its views (keys(), values(), items()), over
 * the insertion-ordered hash table of map.c.
 */
#include <string.h>

#include "campy.h"
#include "objtype.h"

static py_dict *dict_of(py_val v) {
    if (!py_is_type(v, &py_type_dict)) {
        v = py_native_value(v);
    }
    return py_ptr(v);
}

static void dict_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_map *m = &dict_of(self)->map;
    py_print_str(out, "{");
    bool first = true;
    for (size_t p = 0; (p = py_map_next(m, p)) != 0;) {
        if (!first) {
            py_print_str(out, ", ");
        }
        first = false;
        /* the key's __repr__ may empty the dict: print the pair as it was */
        py_map_entry e = m->table[p - 1];
        py_print_value(out, e.key, PY_PRINT_REPR);
        py_print_str(out, ": ");
        py_print_value(out, e.value, PY_PRINT_REPR);
    }
    py_print_str(out, "}");
}

/* d.update(other): a mapping (anything with keys()) or an iterable of pairs. */
static void dict_update_from(py_dict *d, py_val other) {
    if (py_isinstance(other, &py_type_dict)) {
        py_map *src = &dict_of(other)->map;
        for (size_t p = 0; (p = py_map_next(src, p)) != 0;) {
            py_map_store(&d->map, src->table[p - 1].key, src->table[p - 1].value);
        }
        return;
    }
    py_val keys[2];
    py_load_method_maybe(other, Q_keys, keys);
    if (keys[0] != PY_NULL) {
        py_val it = py_getiter(py_call_method(keys, 0, 0, NULL)), k;
        while ((k = py_iternext(it)) != PY_STOP) {
            py_map_store(&d->map, k, py_subscr_load(other, k));
        }
        return;
    }
    py_val it = py_getiter(other), item;
    while ((item = py_iternext(it)) != PY_STOP) {
        py_val pair_it = py_getiter(item);
        py_val k = py_iternext(pair_it);
        py_val v = k == PY_STOP ? PY_STOP : py_iternext(pair_it);
        if (v == PY_STOP || py_iternext(pair_it) != PY_STOP) {
            py_raise_value_error("dictionary update sequence element has wrong length");
        }
        py_map_store(&d->map, k, v);
    }
}

static void dict_update_kw(py_dict *d, size_t n_kw, const py_val *pairs) {
    for (size_t i = 0; i < n_kw; i++) {
        py_map_store(&d->map, pairs[2 * i], pairs[2 * i + 1]);
    }
}

static py_val dict_make_new(const py_type *type, size_t n_args, size_t n_kw,
                            const py_val *args) {
    (void)type;
    py_check_nargs(n_args, 0, 0, 1, false);
    py_val r = py_dict_new(n_kw);
    if (n_args == 1) {
        dict_update_from(py_ptr(r), args[0]);
    }
    dict_update_kw(py_ptr(r), n_kw, args + n_args);
    return r;
}

static py_val dict_unary_op(py_unop op, py_val self) {
    py_map *m = &dict_of(self)->map;
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(m->used != 0);
    case PY_UNOP_LEN:
        return PY_SMALL((py_int_t)m->used);
    default:
        return PY_NULL;
    }
}

static py_val dict_binary_op(py_binop op, py_val lhs, py_val rhs) {
    py_map *a = &dict_of(lhs)->map;
    switch (op) {
    case PY_BINOP_CONTAINS:
        return PY_BOOL(py_map_lookup(a, rhs, PY_MAP_LOOKUP) != NULL);
    case PY_BINOP_EQ:
    case PY_BINOP_NE: {
        if (!py_isinstance(rhs, &py_type_dict)) {
            return PY_BOOL(op == PY_BINOP_NE);
        }
        py_map *b = &dict_of(rhs)->map;
        bool eq = a->used == b->used;
        for (size_t p = 0; eq && (p = py_map_next(a, p)) != 0;) {
            py_map_entry *e = py_map_lookup(b, a->table[p - 1].key, PY_MAP_LOOKUP);
            eq = e != NULL && py_equal(e->value, a->table[p - 1].value);
        }
        return PY_BOOL(eq == (op == PY_BINOP_EQ));
    }
    case PY_BINOP_OR:
    case PY_BINOP_IOR: {
        if (!py_isinstance(rhs, &py_type_dict)) {
            return PY_NULL;
        }
        py_val r = lhs;
        if (op == PY_BINOP_OR) {
            r = py_dict_new(a->used);
            dict_update_from(py_ptr(r), lhs);
        }
        dict_update_from(dict_of(r), rhs);
        return r;
    }
    default:
        return PY_NULL;
    }
}

static py_val dict_subscr(py_val self, py_val index, py_val value) {
    py_dict *d = dict_of(self);
    if (value == PY_SENTINEL) {
        py_map_entry *e = py_map_lookup(&d->map, index, PY_MAP_LOOKUP);
        if (e == NULL) {
            if (!py_is_type(self, &py_type_dict)) {
                py_val dest[2];
                py_load_method_maybe(self, Q___missing__, dest);
                if (dest[0] != PY_NULL) {
                    return py_call_method(dest, 1, 0, &index);
                }
            }
            py_raise(py_exc_new(&py_type_KeyError, 1, &index));
        }
        return e->value;
    }
    if (value == PY_NULL) {
        py_dict_delete(PY_OBJ(d), index);
    } else {
        py_map_store(&d->map, index, value);
    }
    return PY_NONE;
}

/* ---- iteration and views */

enum { VIEW_KEYS, VIEW_VALUES, VIEW_ITEMS };

typedef struct dict_iter {
    py_head head;
    py_val dict;
    size_t pos, used_at_start;
    int kind;
} dict_iter;

static const py_type dict_iter_type;

static py_val dict_iter_new(py_val dict, int kind) {
    dict_iter *it = py_new(dict_iter);
    it->head.type = &dict_iter_type;
    it->dict = PY_OBJ(dict_of(dict));
    it->used_at_start = dict_of(dict)->map.used;
    it->kind = kind;
    return PY_OBJ(it);
}

static py_val dict_iter_next(py_val self) {
    dict_iter *it = py_ptr(self);
    py_map *m = &((py_dict *)py_ptr(it->dict))->map;
    if (m->used != it->used_at_start) {
        py_raise_msg(&py_type_RuntimeError, "dictionary changed size during iteration");
    }
    size_t p = py_map_next(m, it->pos);
    if (p == 0) {
        it->pos = m->filled;
        return PY_STOP;
    }
    it->pos = p;
    py_map_entry *e = &m->table[p - 1];
    switch (it->kind) {
    case VIEW_KEYS:
        return e->key;
    case VIEW_VALUES:
        return e->value;
    default:
        return py_tuple2(e->key, e->value);
    }
}

static py_val iter_self(py_val self) { return self; }

static const py_type dict_iter_type = {
    .head = {&py_type_type},
    .name = Q_dict_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .getiter = iter_self,
    .iternext = dict_iter_next,
};

static py_val dict_getiter(py_val self) { return dict_iter_new(self, VIEW_KEYS); }

typedef struct dict_view {
    py_head head;
    py_val dict;
    int kind;
} dict_view;

static py_val view_new(py_val dict, int kind) {
    dict_view *v = py_new(dict_view);
    v->head.type = &py_type_dict_view;
    v->dict = dict;
    v->kind = kind;
    return PY_OBJ(v);
}

static void view_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    dict_view *v = py_ptr(self);
    static const char *const names[] = {"dict_keys", "dict_values", "dict_items"};
    py_printf(out, "%s([", names[v->kind]);
    py_val it = dict_iter_new(v->dict, v->kind), x;
    bool first = true;
    while ((x = py_iternext(it)) != PY_STOP) {
        if (!first) {
            py_print_str(out, ", ");
        }
        first = false;
        py_print_value(out, x, PY_PRINT_REPR);
    }
    py_print_str(out, "])");
}

static py_val view_getiter(py_val self) {
    dict_view *v = py_ptr(self);
    return dict_iter_new(v->dict, v->kind);
}

static py_val view_unary_op(py_unop op, py_val self) {
    dict_view *v = py_ptr(self);
    size_t n = dict_of(v->dict)->map.used;
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(n != 0);
    case PY_UNOP_LEN:
        return PY_SMALL((py_int_t)n);
    default:
        return PY_NULL;
    }
}

static py_val view_binary_op(py_binop op, py_val lhs, py_val rhs) {
    dict_view *v = py_ptr(lhs);
    py_map *m = &dict_of(v->dict)->map;
    if (op == PY_BINOP_CONTAINS) {
        if (v->kind == VIEW_KEYS) {
            return PY_BOOL(py_map_lookup(m, rhs, PY_MAP_LOOKUP) != NULL);
        }
        if (v->kind == VIEW_ITEMS) {
            if (!py_isinstance(rhs, &py_type_tuple)) {
                return PY_FALSE;
            }
            size_t n;
            py_val *kv;
            py_get_array(rhs, &n, &kv);
            if (n != 2) {
                return PY_FALSE;
            }
            py_map_entry *e = py_map_lookup(m, kv[0], PY_MAP_LOOKUP);
            return PY_BOOL(e != NULL && py_equal(e->value, kv[1]));
        }
        py_val it = view_getiter(lhs), x;
        while ((x = py_iternext(it)) != PY_STOP) {
            if (py_equal(x, rhs)) {
                return PY_TRUE;
            }
        }
        return PY_FALSE;
    }
    if (v->kind == VIEW_VALUES) {
        return PY_NULL;
    }
    /* keys and items views behave as sets for comparison and set operators */
    switch (op) {
    case PY_BINOP_EQ:
    case PY_BINOP_NE:
    case PY_BINOP_LT:
    case PY_BINOP_LE:
    case PY_BINOP_GT:
    case PY_BINOP_GE:
    case PY_BINOP_OR:
    case PY_BINOP_AND:
    case PY_BINOP_SUB:
    case PY_BINOP_XOR: {
        py_val a = py_call1(PY_OBJ(&py_type_set), lhs);
        py_val b = py_is_type(rhs, &py_type_dict_view) ? py_call1(PY_OBJ(&py_type_set), rhs)
                                                        : rhs;
        return py_binary_op(op, a, b);
    }
    default:
        return PY_NULL;
    }
}

const py_type py_type_dict_view = {
    .head = {&py_type_type},
    .name = Q_dict_view,
    .print = view_print,
    .unary_op = view_unary_op,
    .binary_op = view_binary_op,
    .getiter = view_getiter,
};

/* ---- methods */

static py_val dict_keys(py_val self) { return view_new(self, VIEW_KEYS); }
PY_DEFINE_FUN_1(dict_keys_obj, dict_keys);
static py_val dict_values(py_val self) { return view_new(self, VIEW_VALUES); }
PY_DEFINE_FUN_1(dict_values_obj, dict_values);
static py_val dict_items(py_val self) { return view_new(self, VIEW_ITEMS); }
PY_DEFINE_FUN_1(dict_items_obj, dict_items);

static py_val dict_get(size_t n_args, const py_val *args) {
    py_map_entry *e = py_map_lookup(&dict_of(args[0])->map, args[1], PY_MAP_LOOKUP);
    return e != NULL ? e->value : n_args > 2 ? args[2] : PY_NONE;
}
PY_DEFINE_FUN_VAR(dict_get_obj, 2, 3, dict_get);

static py_val dict_pop(size_t n_args, const py_val *args) {
    py_map_entry *e = py_map_lookup(&dict_of(args[0])->map, args[1], PY_MAP_REMOVE);
    if (e == NULL) {
        if (n_args > 2) {
            return args[2];
        }
        py_raise(py_exc_new(&py_type_KeyError, 1, &args[1]));
    }
    return e->value;
}
PY_DEFINE_FUN_VAR(dict_pop_obj, 2, 3, dict_pop);

static py_val dict_popitem(py_val self) {
    py_map *m = &dict_of(self)->map;
    /* the last entry inserted goes first (LIFO), as Python promises */
    for (size_t i = m->filled; i-- > 0;) {
        if (m->table[i].key != PY_NULL) {
            py_val k = m->table[i].key, v = m->table[i].value;
            py_map_lookup(m, k, PY_MAP_REMOVE);
            return py_tuple2(k, v);
        }
    }
    py_raise_msg(&py_type_KeyError, "popitem(): dictionary is empty");
}
PY_DEFINE_FUN_1(dict_popitem_obj, dict_popitem);

static py_val dict_setdefault(size_t n_args, const py_val *args) {
    py_map_entry *e = py_map_lookup(&dict_of(args[0])->map, args[1], PY_MAP_ADD_IF_MISSING);
    if (e->value == PY_NULL) {
        e->value = n_args > 2 ? args[2] : PY_NONE;
    }
    return e->value;
}
PY_DEFINE_FUN_VAR(dict_setdefault_obj, 2, 3, dict_setdefault);

static py_val dict_update(size_t n_args, const py_val *args, py_map *kw) {
    if (n_args > 2) {
        py_raise_type_error("update expected at most 1 argument, got %zu", n_args - 1);
    }
    py_dict *d = dict_of(args[0]);
    if (n_args == 2) {
        dict_update_from(d, args[1]);
    }
    if (kw != NULL) {
        for (size_t p = 0; (p = py_map_next(kw, p)) != 0;) {
            py_map_store(&d->map, kw->table[p - 1].key, kw->table[p - 1].value);
        }
    }
    return PY_NONE;
}
PY_DEFINE_FUN_KW(dict_update_obj, 1, dict_update);

static py_val dict_copy(py_val self) {
    py_val r = py_dict_new(dict_of(self)->map.used);
    dict_update_from(py_ptr(r), self);
    return r;
}
PY_DEFINE_FUN_1(dict_copy_obj, dict_copy);

static py_val dict_clear(py_val self) {
    py_map_clear(&dict_of(self)->map);
    return PY_NONE;
}
PY_DEFINE_FUN_1(dict_clear_obj, dict_clear);

static py_val dict_fromkeys(size_t n_args, const py_val *args) {
    py_val value = n_args > 2 ? args[2] : PY_NONE;
    py_val r = py_call0(args[0]);
    py_val it = py_getiter(args[1]), k;
    while ((k = py_iternext(it)) != PY_STOP) {
        py_subscr_store(r, k, value);
    }
    return r;
}
PY_DEFINE_FUN_VAR(dict_fromkeys_fun_obj, 2, 3, dict_fromkeys);
PY_DEFINE_CLASSMETHOD(dict_fromkeys_obj, dict_fromkeys_fun_obj);

static const py_map_entry dict_locals_table[] = {
    {PY_QSTR(Q_clear), PY_OBJ(&dict_clear_obj)},
    {PY_QSTR(Q_copy), PY_OBJ(&dict_copy_obj)},
    {PY_QSTR(Q_fromkeys), PY_OBJ(&dict_fromkeys_obj)},
    {PY_QSTR(Q_get), PY_OBJ(&dict_get_obj)},
    {PY_QSTR(Q_items), PY_OBJ(&dict_items_obj)},
    {PY_QSTR(Q_keys), PY_OBJ(&dict_keys_obj)},
    {PY_QSTR(Q_pop), PY_OBJ(&dict_pop_obj)},
    {PY_QSTR(Q_popitem), PY_OBJ(&dict_popitem_obj)},
    {PY_QSTR(Q_setdefault), PY_OBJ(&dict_setdefault_obj)},
    {PY_QSTR(Q_update), PY_OBJ(&dict_update_obj)},
    {PY_QSTR(Q_values), PY_OBJ(&dict_values_obj)},
};
PY_DEFINE_FIXED_DICT(dict_locals, dict_locals_table);

const py_type py_type_dict = {
    .head = {&py_type_type},
    .name = Q_dict,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = dict_print,
    .make_new = dict_make_new,
    .unary_op = dict_unary_op,
    .binary_op = dict_binary_op,
    .subscr = dict_subscr,
    .getiter = dict_getiter,
    .locals = PY_OBJ(&dict_locals),
};
