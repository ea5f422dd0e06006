/*
 * objset.c - set and frozenset, over the hash table of map.c (keys only; the
 * value word holds the key again so entries never point at freed objects).
 */
#include <string.h>

#include "campy.h"
#include "objtype.h"

typedef struct py_set {
    py_head head;
    py_map map;
} py_set;

static bool is_set_like(py_val v) {
    return py_isinstance(v, &py_type_set) || py_isinstance(v, &py_type_frozenset);
}

static py_set *set_of(py_val v) {
    if (!py_is_type(v, &py_type_set) && !py_is_type(v, &py_type_frozenset)) {
        v = py_native_value(v);
    }
    return py_ptr(v);
}

static py_val set_alloc(const py_type *type, size_t cap) {
    py_set *s = py_new(py_set);
    s->head.type = type;
    py_map_init(&s->map, cap);
    return PY_OBJ(s);
}

static void set_add_raw(py_set *s, py_val item) {
    py_map_entry *e = py_map_lookup(&s->map, item, PY_MAP_ADD_IF_MISSING);
    e->value = e->key;
}

static void set_update_from(py_set *s, py_val iterable) {
    if (is_set_like(iterable)) {
        py_map *m = &set_of(iterable)->map;
        for (size_t p = 0; (p = py_map_next(m, p)) != 0;) {
            set_add_raw(s, m->table[p - 1].key);
        }
        return;
    }
    py_val it = py_getiter(iterable), v;
    while ((v = py_iternext(it)) != PY_STOP) {
        set_add_raw(s, v);
    }
}

py_val py_set_new(size_t n, const py_val *items) {
    py_val s = set_alloc(&py_type_set, n);
    for (size_t i = 0; i < n; i++) {
        set_add_raw(py_ptr(s), items[i]);
    }
    return s;
}

void py_set_add(py_val set, py_val item) { set_add_raw(set_of(set), item); }

static bool set_has(py_set *s, py_val item) {
    return py_map_lookup(&s->map, item, PY_MAP_LOOKUP) != NULL;
}

static void set_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_set *s = set_of(self);
    bool frozen = py_isinstance(self, &py_type_frozenset);
    if (s->map.used == 0) {
        py_print_str(out, frozen ? "frozenset()" : "set()");
        return;
    }
    py_print_str(out, frozen ? "frozenset({" : "{");
    bool first = true;
    for (size_t p = 0; (p = py_map_next(&s->map, p)) != 0;) {
        if (!first) {
            py_print_str(out, ", ");
        }
        first = false;
        py_print_value(out, s->map.table[p - 1].key, PY_PRINT_REPR);
    }
    py_print_str(out, frozen ? "})" : "}");
}

static py_val set_make_new(const py_type *type, size_t n_args, size_t n_kw,
                           const py_val *args) {
    py_check_nargs(n_args, n_kw, 0, 1, false);
    const py_type *base = py_is_subclass(type, &py_type_frozenset) ? &py_type_frozenset
                                                                    : &py_type_set;
    if (base == &py_type_frozenset && n_args == 1 && py_is_type(args[0], &py_type_frozenset)) {
        return args[0];
    }
    py_val s = set_alloc(base, 0);
    if (n_args == 1) {
        set_update_from(py_ptr(s), args[0]);
    }
    return s;
}

static py_val set_copy_as(py_val self, const py_type *type) {
    py_set *s = set_of(self);
    py_val r = set_alloc(type, s->map.used);
    set_update_from(py_ptr(r), self);
    return r;
}

static const py_type *result_type(py_val self) {
    return py_isinstance(self, &py_type_frozenset) ? &py_type_frozenset : &py_type_set;
}

static bool is_subset(py_set *a, py_set *b) {
    if (a->map.used > b->map.used) {
        return false;
    }
    for (size_t p = 0; (p = py_map_next(&a->map, p)) != 0;) {
        if (!set_has(b, a->map.table[p - 1].key)) {
            return false;
        }
    }
    return true;
}

/* The set operations, on a new set or in place. */
static py_val set_union(py_val self, py_val other, bool in_place) {
    py_val r = in_place ? self : set_copy_as(self, result_type(self));
    set_update_from(set_of(r), other);
    return r;
}

static py_val set_intersection(py_val self, py_val other, bool in_place) {
    py_set *s = set_of(self);
    py_val o = is_set_like(other) ? other : py_call1(PY_OBJ(&py_type_set), other);
    py_val r = set_alloc(result_type(self), 0);
    for (size_t p = 0; (p = py_map_next(&s->map, p)) != 0;) {
        py_val k = s->map.table[p - 1].key;
        if (set_has(set_of(o), k)) {
            set_add_raw(py_ptr(r), k);
        }
    }
    if (in_place) {
        s->map = ((py_set *)py_ptr(r))->map;
        return self;
    }
    return r;
}

static py_val set_difference(py_val self, py_val other, bool in_place) {
    py_set *s = set_of(self);
    py_val o = is_set_like(other) ? other : py_call1(PY_OBJ(&py_type_set), other);
    if (in_place) {
        if (o == self) {
            py_map_clear(&s->map);
            return self;
        }
        py_map *om = &set_of(o)->map;
        for (size_t p = 0; (p = py_map_next(om, p)) != 0;) {
            py_map_lookup(&s->map, om->table[p - 1].key, PY_MAP_REMOVE);
        }
        return self;
    }
    py_val r = set_alloc(result_type(self), 0);
    for (size_t p = 0; (p = py_map_next(&s->map, p)) != 0;) {
        py_val k = s->map.table[p - 1].key;
        if (!set_has(set_of(o), k)) {
            set_add_raw(py_ptr(r), k);
        }
    }
    return r;
}

static py_val set_symmetric_difference(py_val self, py_val other, bool in_place) {
    py_val o = is_set_like(other) ? other : py_call1(PY_OBJ(&py_type_set), other);
    py_val a = set_difference(self, o, false);
    py_val b = set_difference(o, self, false);
    set_update_from(py_ptr(a), b);
    if (in_place) {
        set_of(self)->map = ((py_set *)py_ptr(a))->map;
        return self;
    }
    if (py_isinstance(self, &py_type_frozenset)) {
        ((py_set *)py_ptr(a))->head.type = &py_type_frozenset;
    }
    return a;
}

static py_val set_unary_op(py_unop op, py_val self) {
    py_set *s = set_of(self);
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(s->map.used != 0);
    case PY_UNOP_LEN:
        return PY_SMALL((py_int_t)s->map.used);
    case PY_UNOP_HASH: {
        if (!py_isinstance(self, &py_type_frozenset)) {
            return PY_NULL;
        }
        /* order-independent: combine with xor and sum */
        uint32_t h = 1927868237u, x = 0;
        for (size_t p = 0; (p = py_map_next(&s->map, p)) != 0;) {
            uint32_t k = (uint32_t)py_hash(s->map.table[p - 1].key);
            x ^= (k ^ (k << 16) ^ 89869747u) * 3644798167u;
        }
        h = (h ^ x) * 69069u + 907133923u;
        return PY_SMALL((py_int_t)(h & 0x3fffffff));
    }
    default:
        return PY_NULL;
    }
}

static py_val set_binary_op(py_binop op, py_val lhs, py_val rhs) {
    if (op == PY_BINOP_CONTAINS) {
        py_set *s = set_of(lhs);
        if (py_isinstance(rhs, &py_type_set)) {
            /* a set is looked up as the frozenset with the same items */
            rhs = set_copy_as(rhs, &py_type_frozenset);
        }
        return PY_BOOL(set_has(s, rhs));
    }
    if (!is_set_like(rhs)) {
        return op == PY_BINOP_EQ ? PY_FALSE : op == PY_BINOP_NE ? PY_TRUE : PY_NULL;
    }
    py_set *a = set_of(lhs), *b = set_of(rhs);
    bool frozen = py_isinstance(lhs, &py_type_frozenset);
    switch (op) {
    case PY_BINOP_OR:
        return set_union(lhs, rhs, false);
    case PY_BINOP_IOR:
        return set_union(lhs, rhs, !frozen);
    case PY_BINOP_AND:
        return set_intersection(lhs, rhs, false);
    case PY_BINOP_IAND:
        return set_intersection(lhs, rhs, !frozen);
    case PY_BINOP_SUB:
        return set_difference(lhs, rhs, false);
    case PY_BINOP_ISUB:
        return set_difference(lhs, rhs, !frozen);
    case PY_BINOP_XOR:
        return set_symmetric_difference(lhs, rhs, false);
    case PY_BINOP_IXOR:
        return set_symmetric_difference(lhs, rhs, !frozen);
    case PY_BINOP_EQ:
        return PY_BOOL(a->map.used == b->map.used && is_subset(a, b));
    case PY_BINOP_NE:
        return PY_BOOL(!(a->map.used == b->map.used && is_subset(a, b)));
    case PY_BINOP_LE:
        return PY_BOOL(is_subset(a, b));
    case PY_BINOP_LT:
        return PY_BOOL(a->map.used < b->map.used && is_subset(a, b));
    case PY_BINOP_GE:
        return PY_BOOL(is_subset(b, a));
    case PY_BINOP_GT:
        return PY_BOOL(b->map.used < a->map.used && is_subset(b, a));
    default:
        return PY_NULL;
    }
}

/* ---- iteration */

typedef struct set_iter {
    py_head head;
    py_val set;
    size_t pos, used_at_start;
} set_iter;

static py_val set_iter_next(py_val self) {
    set_iter *it = py_ptr(self);
    py_map *m = &((py_set *)py_ptr(it->set))->map;
    if (m->used != it->used_at_start) {
        py_raise_msg(&py_type_RuntimeError, "Set changed size during iteration");
    }
    size_t p = py_map_next(m, it->pos);
    if (p == 0) {
        it->pos = m->filled;
        return PY_STOP;
    }
    it->pos = p;
    return m->table[p - 1].key;
}

static py_val iter_self(py_val self) { return self; }

static const py_type set_iter_type = {
    .head = {&py_type_type},
    .name = Q_set_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .getiter = iter_self,
    .iternext = set_iter_next,
};

static py_val set_getiter(py_val self) {
    set_iter *it = py_new(set_iter);
    it->head.type = &set_iter_type;
    it->set = PY_OBJ(set_of(self));
    it->used_at_start = set_of(self)->map.used;
    return PY_OBJ(it);
}

/* ---- methods */

static py_set *mutable_set(py_val self) {
    if (!py_isinstance(self, &py_type_set)) {
        py_raise_type_error("'%T' object is immutable", self);
    }
    return set_of(self);
}

static py_val set_add(py_val self, py_val item) {
    set_add_raw(mutable_set(self), item);
    return PY_NONE;
}
PY_DEFINE_FUN_2(set_add_obj, set_add);

static py_val set_clear(py_val self) {
    py_map_clear(&mutable_set(self)->map);
    return PY_NONE;
}
PY_DEFINE_FUN_1(set_clear_obj, set_clear);

static py_val set_copy(py_val self) { return set_copy_as(self, result_type(self)); }
PY_DEFINE_FUN_1(set_copy_obj, set_copy);

static py_val set_discard(py_val self, py_val item) {
    py_map_lookup(&mutable_set(self)->map, item, PY_MAP_REMOVE);
    return PY_NONE;
}
PY_DEFINE_FUN_2(set_discard_obj, set_discard);

static py_val set_remove(py_val self, py_val item) {
    if (py_map_lookup(&mutable_set(self)->map, item, PY_MAP_REMOVE) == NULL) {
        py_raise(py_exc_new(&py_type_KeyError, 1, &item));
    }
    return PY_NONE;
}
PY_DEFINE_FUN_2(set_remove_obj, set_remove);

static py_val set_pop(py_val self) {
    py_set *s = mutable_set(self);
    size_t p = py_map_next(&s->map, 0);
    if (p == 0) {
        py_raise_msg(&py_type_KeyError, "pop from an empty set");
    }
    py_val k = s->map.table[p - 1].key;
    py_map_lookup(&s->map, k, PY_MAP_REMOVE);
    return k;
}
PY_DEFINE_FUN_1(set_pop_obj, set_pop);

/* union/update and friends take any number of iterables */
static py_val set_multi(size_t n_args, const py_val *args,
                        py_val (*op)(py_val, py_val, bool), bool in_place) {
    if (in_place) {
        mutable_set(args[0]);
    }
    py_val r = in_place ? args[0] : set_copy_as(args[0], result_type(args[0]));
    for (size_t i = 1; i < n_args; i++) {
        r = op(r, args[i], true);
    }
    return in_place ? PY_NONE : r;
}

#define SET_MULTI(name, op, in_place)                                                     \
    static py_val name(size_t n_args, const py_val *args) {                               \
        return set_multi(n_args, args, op, in_place);                                     \
    }                                                                                     \
    PY_DEFINE_FUN_VAR(name##_obj, 1, PY_ARGS_MAX, name);

SET_MULTI(set_union_m, set_union, false)
SET_MULTI(set_update_m, set_union, true)
SET_MULTI(set_intersection_m, set_intersection, false)
SET_MULTI(set_intersection_update_m, set_intersection, true)
SET_MULTI(set_difference_m, set_difference, false)
SET_MULTI(set_difference_update_m, set_difference, true)

static py_val set_symdiff_m(py_val self, py_val other) {
    return set_symmetric_difference(self, other, false);
}
PY_DEFINE_FUN_2(set_symdiff_m_obj, set_symdiff_m);

static py_val set_symdiff_update_m(py_val self, py_val other) {
    set_symmetric_difference(PY_OBJ(mutable_set(self)), other, true);
    return PY_NONE;
}
PY_DEFINE_FUN_2(set_symdiff_update_m_obj, set_symdiff_update_m);

static py_set *as_set(py_val v) {
    return set_of(is_set_like(v) ? v : py_call1(PY_OBJ(&py_type_set), v));
}

static py_val set_issubset(py_val self, py_val other) {
    return PY_BOOL(is_subset(set_of(self), as_set(other)));
}
PY_DEFINE_FUN_2(set_issubset_obj, set_issubset);

static py_val set_issuperset(py_val self, py_val other) {
    return PY_BOOL(is_subset(as_set(other), set_of(self)));
}
PY_DEFINE_FUN_2(set_issuperset_obj, set_issuperset);

static py_val set_isdisjoint(py_val self, py_val other) {
    py_set *s = set_of(self);
    py_val it = py_getiter(other), v;
    while ((v = py_iternext(it)) != PY_STOP) {
        if (set_has(s, v)) {
            return PY_FALSE;
        }
    }
    return PY_TRUE;
}
PY_DEFINE_FUN_2(set_isdisjoint_obj, set_isdisjoint);

static const py_map_entry set_locals_table[] = {
    {PY_QSTR(Q_add), PY_OBJ(&set_add_obj)},
    {PY_QSTR(Q_clear), PY_OBJ(&set_clear_obj)},
    {PY_QSTR(Q_copy), PY_OBJ(&set_copy_obj)},
    {PY_QSTR(Q_difference), PY_OBJ(&set_difference_m_obj)},
    {PY_QSTR(Q_difference_update), PY_OBJ(&set_difference_update_m_obj)},
    {PY_QSTR(Q_discard), PY_OBJ(&set_discard_obj)},
    {PY_QSTR(Q_intersection), PY_OBJ(&set_intersection_m_obj)},
    {PY_QSTR(Q_intersection_update), PY_OBJ(&set_intersection_update_m_obj)},
    {PY_QSTR(Q_isdisjoint), PY_OBJ(&set_isdisjoint_obj)},
    {PY_QSTR(Q_issubset), PY_OBJ(&set_issubset_obj)},
    {PY_QSTR(Q_issuperset), PY_OBJ(&set_issuperset_obj)},
    {PY_QSTR(Q_pop), PY_OBJ(&set_pop_obj)},
    {PY_QSTR(Q_remove), PY_OBJ(&set_remove_obj)},
    {PY_QSTR(Q_symmetric_difference), PY_OBJ(&set_symdiff_m_obj)},
    {PY_QSTR(Q_symmetric_difference_update), PY_OBJ(&set_symdiff_update_m_obj)},
    {PY_QSTR(Q_union), PY_OBJ(&set_union_m_obj)},
    {PY_QSTR(Q_update), PY_OBJ(&set_update_m_obj)},
};
PY_DEFINE_FIXED_DICT(set_locals, set_locals_table);

static const py_map_entry frozenset_locals_table[] = {
    {PY_QSTR(Q_copy), PY_OBJ(&set_copy_obj)},
    {PY_QSTR(Q_difference), PY_OBJ(&set_difference_m_obj)},
    {PY_QSTR(Q_intersection), PY_OBJ(&set_intersection_m_obj)},
    {PY_QSTR(Q_isdisjoint), PY_OBJ(&set_isdisjoint_obj)},
    {PY_QSTR(Q_issubset), PY_OBJ(&set_issubset_obj)},
    {PY_QSTR(Q_issuperset), PY_OBJ(&set_issuperset_obj)},
    {PY_QSTR(Q_symmetric_difference), PY_OBJ(&set_symdiff_m_obj)},
    {PY_QSTR(Q_union), PY_OBJ(&set_union_m_obj)},
};
PY_DEFINE_FIXED_DICT(frozenset_locals, frozenset_locals_table);

const py_type py_type_set = {
    .head = {&py_type_type},
    .name = Q_set,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = set_print,
    .make_new = set_make_new,
    .unary_op = set_unary_op,
    .binary_op = set_binary_op,
    .getiter = set_getiter,
    .locals = PY_OBJ(&set_locals),
};

const py_type py_type_frozenset = {
    .head = {&py_type_type},
    .name = Q_frozenset,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = set_print,
    .make_new = set_make_new,
    .unary_op = set_unary_op,
    .binary_op = set_binary_op,
    .getiter = set_getiter,
    .locals = PY_OBJ(&frozenset_locals),
};
