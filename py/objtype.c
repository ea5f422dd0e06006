/*
 * objtype.c - type and object, user classes and their instances, super,
 * property, staticmethod and classmethod.
 *
 * A class statement makes a py_class (objtype.h): a type whose slots are the
 * instance_* dispatchers below. Each dispatcher looks the special method up
 * in the classes of the MRO that were made by class statements, in MRO order,
 * and stops at the first built-in one: what a built-in base does is reached
 * through the instance's built-in part (the instance itself, or the value it
 * wraps: see the layouts in objtype.h), or the default behaviour of object.
 *
 * The MRO is C3, as in CPython. Built-in types have a single base chain
 * (type->base, NULL meaning object); user classes keep their MRO as a tuple.
 * Metaclasses other than type are not supported: type cannot be subclassed.
 *
 * Looking up a special name such as __add__ or __getitem__ on a built-in type
 * that implements it in a slot rather than in its locals gives a "slot method"
 * object, so that super().__getitem__(k), dict.__setitem__(self, k, v) or
 * int.__new__(cls, 5) work on built-in bases.
 */
#include <string.h>

#include "objtype.h"
#include "vm.h"

static const py_class *class_of(const py_type *t) { return (const py_class *)t; }

static const py_type *type_ptr(py_val v) { return (const py_type *)py_ptr(v); }

static bool is_type_obj(py_val v) { return py_is_type(v, &py_type_type); }

/* ---------------------------------------------------------------- MRO walking */

typedef struct mro_iter {
    const py_val *items; /* a user class: its MRO tuple */
    size_t i, n;
    const py_type *next; /* a built-in type: the next one along the base chain */
} mro_iter;

static void mro_begin(mro_iter *it, const py_type *t) {
    if (py_type_is_heap(t)) {
        const py_tuple *mro = py_ptr(class_of(t)->mro);
        it->items = mro->items;
        it->n = mro->len;
        it->i = 0;
        it->next = NULL;
    } else {
        it->items = NULL;
        it->i = it->n = 0;
        it->next = t;
    }
}

static const py_type *mro_next(mro_iter *it) {
    if (it->items != NULL) {
        return it->i < it->n ? type_ptr(it->items[it->i++]) : NULL;
    }
    const py_type *t = it->next;
    if (t != NULL) {
        it->next = t->base != NULL ? t->base : t == &py_type_object ? NULL : &py_type_object;
    }
    return t;
}

static py_val locals_get(const py_type *t, py_qstr name) {
    if (t->locals == PY_NULL) {
        return PY_NULL;
    }
    py_map_entry *e = py_map_lookup_qstr(py_dict_map(t->locals), name, PY_MAP_LOOKUP);
    return e == NULL ? PY_NULL : e->value;
}

bool py_is_subclass(const py_type *sub, const py_type *base) {
    if (sub == base || base == &py_type_object) {
        return true;
    }
    mro_iter it;
    mro_begin(&it, sub);
    for (const py_type *t; (t = mro_next(&it)) != NULL;) {
        if (t == base) {
            return true;
        }
    }
    return false;
}

/* ---------------------------------------------------------------- lookup cache */

/* Recent results of looking a name up along a type's MRO, misses included,
 * as (type, name) -> (value, owner). Any change to a class's attributes, and
 * every new class (it may reuse the address of a collected one), bumps the
 * version, which empties the cache at once. Values are held by the classes
 * they were found in, so the cache needs no GC roots; slot methods, made
 * afresh by each lookup, are not kept. */
#define LOOKUP_CACHE_SIZE 128
enum { LOOKUP_ALL = 0, LOOKUP_USER = 1 };

typedef struct lookup_entry {
    const py_type *type;
    const py_type *owner;
    py_val value;
    uint32_t key; /* name << 1 | LOOKUP_USER */
    uint32_t version;
} lookup_entry;

static lookup_entry lookup_cache[LOOKUP_CACHE_SIZE];
uint32_t py_type_lookup_version = 1; /* objtype.h */
#define lookup_version py_type_lookup_version

static void lookup_cache_invalidate(void) {
    if (++lookup_version == 0) { /* wrapped: entries of version 0 must not match */
        memset(lookup_cache, 0, sizeof(lookup_cache));
        lookup_version = 1;
    }
}

static lookup_entry *lookup_cache_slot(const py_type *type, uint32_t key) {
    uint32_t h = (uint32_t)((uintptr_t)type >> 4) * 2654435761u ^ key * 40503u;
    return &lookup_cache[(h ^ (h >> 16)) & (LOOKUP_CACHE_SIZE - 1)];
}

static bool lookup_cache_find(const py_type *type, uint32_t key, py_val *value,
                              const py_type **owner) {
    const lookup_entry *e = lookup_cache_slot(type, key);
    if (e->type != type || e->key != key || e->version != lookup_version) {
        return false;
    }
    *value = e->value;
    if (owner != NULL) {
        *owner = e->owner;
    }
    return true;
}

static void lookup_cache_put(const py_type *type, uint32_t key, py_val value,
                             const py_type *owner) {
    lookup_entry *e = lookup_cache_slot(type, key);
    e->type = type;
    e->key = key;
    e->value = value;
    e->owner = owner;
    e->version = lookup_version;
}

/* A special method defined in Python: searched in the user classes of the
 * MRO up to the first built-in one. */
static py_val user_lookup_uncached(const py_type *type, py_qstr name) {
    mro_iter it;
    mro_begin(&it, type);
    for (const py_type *t; (t = mro_next(&it)) != NULL && py_type_is_heap(t);) {
        py_val v = locals_get(t, name);
        if (v != PY_NULL) {
            return v;
        }
    }
    return PY_NULL;
}

static py_val user_lookup(const py_type *type, py_qstr name) {
    if (!py_type_is_heap(type)) {
        return PY_NULL;
    }
    uint32_t key = (uint32_t)name << 1 | LOOKUP_USER;
    py_val v;
    if (lookup_cache_find(type, key, &v, NULL)) {
        return v;
    }
    v = user_lookup_uncached(type, name);
    lookup_cache_put(type, key, v, NULL);
    return v;
}

/* ---------------------------------------------------------------- slot methods */

/* What a special name maps to in a type's slots. */
enum {
    SLOT_NONE,
    SLOT_NEW,
    SLOT_REPR,
    SLOT_STR,
    SLOT_CALL,
    SLOT_GETITEM,
    SLOT_SETITEM,
    SLOT_DELITEM,
    SLOT_ITER,
    SLOT_NEXT,
    SLOT_UNARY,
    SLOT_BINARY,
};

typedef struct slot_name {
    uint16_t name;
    uint8_t kind, op;
} slot_name;

static const slot_name slot_names[] = {
    {Q___new__, SLOT_NEW, 0},
    {Q___repr__, SLOT_REPR, 0},
    {Q___str__, SLOT_STR, 0},
    {Q___call__, SLOT_CALL, 0},
    {Q___getitem__, SLOT_GETITEM, 0},
    {Q___setitem__, SLOT_SETITEM, 0},
    {Q___delitem__, SLOT_DELITEM, 0},
    {Q___iter__, SLOT_ITER, 0},
    {Q___next__, SLOT_NEXT, 0},
    {Q___pos__, SLOT_UNARY, PY_UNOP_POS},
    {Q___neg__, SLOT_UNARY, PY_UNOP_NEG},
    {Q___invert__, SLOT_UNARY, PY_UNOP_INVERT},
    {Q___bool__, SLOT_UNARY, PY_UNOP_BOOL},
    {Q___len__, SLOT_UNARY, PY_UNOP_LEN},
    {Q___hash__, SLOT_UNARY, PY_UNOP_HASH},
    {Q___abs__, SLOT_UNARY, PY_UNOP_ABS},
    {Q___int__, SLOT_UNARY, PY_UNOP_INT},
    {Q___float__, SLOT_UNARY, PY_UNOP_FLOAT},
    {Q___sizeof__, SLOT_UNARY, PY_UNOP_SIZEOF},
    {Q___lt__, SLOT_BINARY, PY_BINOP_LT},
    {Q___gt__, SLOT_BINARY, PY_BINOP_GT},
    {Q___eq__, SLOT_BINARY, PY_BINOP_EQ},
    {Q___le__, SLOT_BINARY, PY_BINOP_LE},
    {Q___ge__, SLOT_BINARY, PY_BINOP_GE},
    {Q___ne__, SLOT_BINARY, PY_BINOP_NE},
    {Q___ior__, SLOT_BINARY, PY_BINOP_IOR},
    {Q___ixor__, SLOT_BINARY, PY_BINOP_IXOR},
    {Q___iand__, SLOT_BINARY, PY_BINOP_IAND},
    {Q___ilshift__, SLOT_BINARY, PY_BINOP_ILSHIFT},
    {Q___irshift__, SLOT_BINARY, PY_BINOP_IRSHIFT},
    {Q___iadd__, SLOT_BINARY, PY_BINOP_IADD},
    {Q___isub__, SLOT_BINARY, PY_BINOP_ISUB},
    {Q___imul__, SLOT_BINARY, PY_BINOP_IMUL},
    {Q___imatmul__, SLOT_BINARY, PY_BINOP_IMATMUL},
    {Q___ifloordiv__, SLOT_BINARY, PY_BINOP_IFLOORDIV},
    {Q___itruediv__, SLOT_BINARY, PY_BINOP_ITRUEDIV},
    {Q___imod__, SLOT_BINARY, PY_BINOP_IMOD},
    {Q___ipow__, SLOT_BINARY, PY_BINOP_IPOW},
    {Q___or__, SLOT_BINARY, PY_BINOP_OR},
    {Q___xor__, SLOT_BINARY, PY_BINOP_XOR},
    {Q___and__, SLOT_BINARY, PY_BINOP_AND},
    {Q___lshift__, SLOT_BINARY, PY_BINOP_LSHIFT},
    {Q___rshift__, SLOT_BINARY, PY_BINOP_RSHIFT},
    {Q___add__, SLOT_BINARY, PY_BINOP_ADD},
    {Q___sub__, SLOT_BINARY, PY_BINOP_SUB},
    {Q___mul__, SLOT_BINARY, PY_BINOP_MUL},
    {Q___matmul__, SLOT_BINARY, PY_BINOP_MATMUL},
    {Q___floordiv__, SLOT_BINARY, PY_BINOP_FLOORDIV},
    {Q___truediv__, SLOT_BINARY, PY_BINOP_TRUEDIV},
    {Q___mod__, SLOT_BINARY, PY_BINOP_MOD},
    {Q___pow__, SLOT_BINARY, PY_BINOP_POW},
    {Q___divmod__, SLOT_BINARY, PY_BINOP_DIVMOD},
    {Q___contains__, SLOT_BINARY, PY_BINOP_CONTAINS},
    {Q___ror__, SLOT_BINARY, PY_BINOP_ROR},
    {Q___rxor__, SLOT_BINARY, PY_BINOP_RXOR},
    {Q___rand__, SLOT_BINARY, PY_BINOP_RAND},
    {Q___rlshift__, SLOT_BINARY, PY_BINOP_RLSHIFT},
    {Q___rrshift__, SLOT_BINARY, PY_BINOP_RRSHIFT},
    {Q___radd__, SLOT_BINARY, PY_BINOP_RADD},
    {Q___rsub__, SLOT_BINARY, PY_BINOP_RSUB},
    {Q___rmul__, SLOT_BINARY, PY_BINOP_RMUL},
    {Q___rmatmul__, SLOT_BINARY, PY_BINOP_RMATMUL},
    {Q___rfloordiv__, SLOT_BINARY, PY_BINOP_RFLOORDIV},
    {Q___rtruediv__, SLOT_BINARY, PY_BINOP_RTRUEDIV},
    {Q___rmod__, SLOT_BINARY, PY_BINOP_RMOD},
    {Q___rpow__, SLOT_BINARY, PY_BINOP_RPOW},
};

#define N_SLOT_NAMES (sizeof(slot_names) / sizeof(slot_names[0]))

static const slot_name *slot_name_find(py_qstr name) {
    for (size_t i = 0; i < N_SLOT_NAMES; i++) {
        if (slot_names[i].name == name) {
            return &slot_names[i];
        }
    }
    return NULL;
}

/* The special method name for an operator (Q_NULL when it has none). */
static py_qstr binop_name(py_binop op) {
    for (size_t i = 0; i < N_SLOT_NAMES; i++) {
        if (slot_names[i].kind == SLOT_BINARY && slot_names[i].op == op) {
            return slot_names[i].name;
        }
    }
    return Q_NULL;
}

static py_qstr unop_name(py_unop op) {
    for (size_t i = 0; i < N_SLOT_NAMES; i++) {
        if (slot_names[i].kind == SLOT_UNARY && slot_names[i].op == op) {
            return slot_names[i].name;
        }
    }
    return Q_NULL;
}

typedef struct slot_method {
    py_head head;
    const py_type *type; /* the built-in type whose slot it calls */
    const slot_name *slot;
} slot_method;

static const py_type slot_method_type;

static bool has_slot(const py_type *t, const slot_name *s) {
    switch (s->kind) {
    case SLOT_NEW:
        return t->make_new != NULL;
    case SLOT_REPR:
    case SLOT_STR:
        return t->print != NULL;
    case SLOT_CALL:
        return t->call != NULL;
    case SLOT_GETITEM:
    case SLOT_SETITEM:
    case SLOT_DELITEM:
        return t->subscr != NULL;
    case SLOT_ITER:
        return t->getiter != NULL;
    case SLOT_NEXT:
        return t->iternext != NULL;
    case SLOT_UNARY:
        if (s->op == PY_UNOP_LEN) {
            /* only containers have a length; hasattr(5, '__len__') is False */
            return t->unary_op != NULL && (t->getiter != NULL || t->subscr != NULL);
        }
        return t->unary_op != NULL;
    case SLOT_BINARY:
        return t->binary_op != NULL;
    default:
        return false;
    }
}

/* The slot method of built-in type t for name, or PY_NULL. object's methods
 * are in its locals, except __new__. */
static py_val slot_method_for(const py_type *t, py_qstr name) {
    if (t == &py_type_object && name != Q___new__) {
        return PY_NULL;
    }
    const char *s = py_qstr_str(name);
    if (s[0] != '_' || s[1] != '_') {
        return PY_NULL;
    }
    const slot_name *sn = slot_name_find(name);
    if (sn == NULL || (t == &py_type_object && sn->kind != SLOT_NEW) || !has_slot(t, sn)) {
        return PY_NULL;
    }
    slot_method *m = py_new(slot_method);
    m->head.type = &slot_method_type;
    m->type = t;
    m->slot = sn;
    return PY_OBJ(m);
}

py_val py_type_lookup_owner(const py_type *type, py_qstr name, const py_type **owner) {
    uint32_t key = (uint32_t)name << 1 | LOOKUP_ALL;
    py_val v;
    if (lookup_cache_find(type, key, &v, owner)) {
        return v;
    }
    mro_iter it;
    mro_begin(&it, type);
    for (const py_type *t; (t = mro_next(&it)) != NULL;) {
        v = locals_get(t, name);
        if (v != PY_NULL) {
            lookup_cache_put(type, key, v, t);
            if (owner != NULL) {
                *owner = t;
            }
            return v;
        }
        if (!py_type_is_heap(t) && (v = slot_method_for(t, name)) != PY_NULL) {
            if (owner != NULL) {
                *owner = t;
            }
            return v;
        }
    }
    lookup_cache_put(type, key, PY_NULL, NULL);
    return PY_NULL;
}

py_val py_type_lookup(const py_type *type, py_qstr name) {
    return py_type_lookup_owner(type, name, NULL);
}

/* ---------------------------------------------------------------- instances */

static bool is_data_descriptor(py_val m);

static bool is_exc_layout(const py_type *t) { return (t->flags & PY_TYPE_FLAG_EXCEPTION) != 0; }

static py_instance *inst_of(py_val v) { return (py_instance *)py_ptr(v); }

/* The built-in part of an instance: the built-in type whose slots apply and
 * the value they take (the instance itself, unless it wraps one). */
typedef struct native_part {
    const py_type *type; /* NULL: the class has no built-in base */
    py_val value;
} native_part;

static native_part native_of(py_val self, const py_type *cls) {
    const py_class *c = class_of(cls);
    native_part n = {NULL, PY_NULL};
    if (c->layout == PY_LAYOUT_WRAP) {
        n.value = inst_of(self)->native[0];
        n.type = py_type_of(n.value);
    } else if (c->layout == PY_LAYOUT_EMBED || c->layout == PY_LAYOUT_EXC) {
        n.value = self;
        n.type = c->native;
    }
    return n;
}

py_val py_native_value(py_val v) {
    if (!py_is_obj(v)) {
        return v;
    }
    const py_type *t = py_type_of(v);
    if (!py_type_is_heap(t) || class_of(t)->layout != PY_LAYOUT_WRAP) {
        return v;
    }
    return inst_of(v)->native[0];
}

static py_val *dict_slot(py_val self, const py_type *cls) {
    switch (class_of(cls)->layout) {
    case PY_LAYOUT_EXC:
        return &((py_exc *)py_ptr(self))->dict;
    case PY_LAYOUT_EMBED: {
        char *p = py_ptr(self);
        return (py_val *)(p + py_gc_block_bytes(p) - PY_BYTES_PER_BLOCK);
    }
    default:
        return &inst_of(self)->dict;
    }
}

static py_val instance_dict(py_val self, const py_type *cls) {
    py_val *slot = dict_slot(self, cls);
    if (*slot == PY_NULL) {
        /* sized for as many attributes as instances of the class had so far */
        *slot = py_dict_new(class_of(cls)->attr_hint);
    }
    return *slot;
}

static void instance_dict_store(py_val self, const py_type *cls, py_qstr name, py_val value) {
    py_val dict = instance_dict(self, cls);
    py_dict_store(dict, PY_QSTR(name), value);
    size_t used = py_dict_map(dict)->used;
    py_class *c = (py_class *)cls;
    if (used > c->attr_hint && used <= UINT8_MAX) {
        c->attr_hint = (uint8_t)used;
    }
}

/* list, dict, set and bytearray fill themselves in __init__, not __new__. */
static bool native_filled_by_init(const py_type *native) {
    return py_is_subclass(native, &py_type_list) || py_is_subclass(native, &py_type_dict) ||
           py_is_subclass(native, &py_type_set) || py_is_subclass(native, &py_type_bytearray);
}

/* Bytes of a built-in object to copy into an embedding instance. */
static size_t native_bytes(py_val v) {
    if (py_is_obj(v) && py_gc_is_heap_ptr(py_ptr(v))) {
        return py_gc_block_bytes(py_ptr(v));
    }
    if (py_is_type(v, &py_type_tuple)) { /* a static tuple, the empty one */
        size_t n = sizeof(py_tuple) + ((py_tuple *)py_ptr(v))->len * sizeof(py_val);
        return (n + PY_BYTES_PER_BLOCK - 1) / PY_BYTES_PER_BLOCK * PY_BYTES_PER_BLOCK;
    }
    py_raise_type_error("cannot make a subclass instance from a '%s'", py_type_name(v));
}

/* A copy of the built-in object v whose type is cls, with one more block
 * at the end for the instance's dict. */
static py_val embed(const py_type *cls, py_val v) {
    size_t size = native_bytes(v);
    char *p = py_gc_alloc(size + PY_BYTES_PER_BLOCK);
    memcpy(p, py_ptr(v), size);
    ((py_head *)p)->type = cls;
    return PY_OBJ(p);
}

/* Makes an instance of a user class without running __init__. */
static py_val instance_alloc(const py_type *cls, size_t n_args, size_t n_kw, const py_val *args,
                             bool has_init) {
    const py_class *c = class_of(cls);
    if (c->layout == PY_LAYOUT_PLAIN) {
        py_instance *o = py_new(py_instance);
        o->head.type = cls;
        return PY_OBJ(o);
    }
    if (c->layout == PY_LAYOUT_EXC) {
        return py_exc_alloc(cls, n_args, args);
    }
    const py_type *native = c->native;
    py_val value = has_init && native_filled_by_init(native)
                       ? native->make_new(native, 0, 0, args) /* none read; not NULL */
                       : native->make_new(native, n_args, n_kw, args);
    if (c->layout == PY_LAYOUT_EMBED) {
        return embed(cls, value);
    }
    py_instance *o = py_gc_alloc(sizeof(py_instance) + sizeof(py_val));
    o->head.type = cls;
    o->native[0] = value;
    return PY_OBJ(o);
}

/* Calls a member found on obj's class the way obj.name(...) would. */
static py_val call_member(py_val obj, py_val member, size_t n_args, size_t n_kw,
                          const py_val *args) {
    const py_type *type = py_type_of(obj);
    py_val dest[2] = {PY_NULL, PY_NULL};
    py_bind_member(obj, type, type, member, dest);
    return py_call_method(dest, n_args, n_kw, args);
}

/* Calls the special method `name` of a user class if it defines one. */
static bool call_special(py_val self, py_qstr name, size_t n_args, const py_val *args,
                         py_val *result) {
    py_val m = user_lookup(py_type_of(self), name);
    if (m == PY_NULL) {
        return false;
    }
    *result = call_member(self, m, n_args, 0, args);
    return true;
}

static py_val instance_make_new(const py_type *type, size_t n_args, size_t n_kw,
                                const py_val *args) {
    py_val new_fun = user_lookup(type, Q___new__);
    py_val init = user_lookup(type, Q___init__);
    py_val obj;
    if (new_fun != PY_NULL) {
        if (py_is_type(new_fun, &py_type_staticmethod)) {
            new_fun = ((py_method_wrapper *)py_ptr(new_fun))->fun;
        }
        size_t total = 1 + n_args + 2 * n_kw;
        py_val small[8];
        py_val *all = total <= 8 ? small : py_gc_alloc(total * sizeof(py_val));
        all[0] = PY_OBJ(type);
        memcpy(all + 1, args, (total - 1) * sizeof(py_val));
        obj = py_call(new_fun, n_args + 1, n_kw, all);
        if (!py_isinstance(obj, type)) {
            return obj;
        }
        init = user_lookup(py_type_of(obj), Q___init__);
    } else {
        if (init == PY_NULL && class_of(type)->layout == PY_LAYOUT_PLAIN && n_args + n_kw > 0) {
            py_raise_type_error("%q() takes no arguments", (py_qstr)type->name);
        }
        obj = instance_alloc(type, n_args, n_kw, args, init != PY_NULL);
    }
    if (init != PY_NULL) {
        py_val r = call_member(obj, init, n_args, n_kw, args);
        if (r != PY_NONE) {
            py_raise_type_error("__init__() should return None, not '%s'", py_type_name(r));
        }
    }
    return obj;
}

static void print_str_result(const py_print *out, py_val r, const char *what) {
    if (!py_is_str(r)) {
        py_raise_type_error("%s returned non-string (type %s)", what, py_type_name(r));
    }
    py_print_value(out, r, PY_PRINT_STR);
}

void py_object_print_default(const py_print *out, py_val self) {
    const py_type *t = py_type_of(self);
    py_val module = py_type_is_heap(t) ? locals_get(t, Q___module__) : PY_NULL;
    if (module != PY_NULL && py_is_str(module)) {
        py_printf(out, "<%v.%q object at %p>", module, (py_qstr)t->name, py_ptr(self));
    } else {
        py_printf(out, "<%q object at %p>", (py_qstr)t->name, py_ptr(self));
    }
}

static void instance_print(const py_print *out, py_val self, int kind) {
    const py_type *type = py_type_of(self);
    native_part n = native_of(self, type);
    py_val r;
    if (kind == PY_PRINT_STR) {
        if (call_special(self, Q___str__, 0, NULL, &r)) {
            print_str_result(out, r, "__str__");
            return;
        }
        /* Of the built-ins, only str and exceptions have a __str__ of their
         * own; the others print str() as repr(). */
        if (n.type != NULL && (is_exc_layout(type) || py_is_subclass(n.type, &py_type_str))) {
            n.type->print(out, n.value, PY_PRINT_STR);
            return;
        }
    }
    if (call_special(self, Q___repr__, 0, NULL, &r)) {
        print_str_result(out, r, "__repr__");
        return;
    }
    if (n.type != NULL && n.type->print != NULL) {
        n.type->print(out, n.value, PY_PRINT_REPR);
        return;
    }
    py_object_print_default(out, self);
}

static py_val instance_call(py_val self, size_t n_args, size_t n_kw, const py_val *args) {
    py_val m = user_lookup(py_type_of(self), Q___call__);
    if (m == PY_NULL) {
        py_raise_type_error("'%s' object is not callable", py_type_name(self));
    }
    return call_member(self, m, n_args, n_kw, args);
}

static py_int_t len_result(py_val r) {
    py_int_t n;
    if (!py_is_int(r)) {
        py_raise_type_error("'%s' object cannot be interpreted as an integer", py_type_name(r));
    }
    if (!py_get_int_maybe(r, &n)) {
        py_raise_msg(&py_type_OverflowError, "cannot fit 'int' into an index-sized integer");
    }
    if (n < 0) {
        py_raise_value_error("__len__() should return >= 0");
    }
    return n;
}

static py_val identity_hash(py_val self) {
    return PY_SMALL((py_int_t)((self >> 3) & (uintptr_t)PY_SMALL_MAX));
}

/* A slot of the built-in part, PY_NULL when it has none. */
static py_val native_unary(native_part n, py_unop op) {
    return n.type != NULL && n.type->unary_op != NULL ? n.type->unary_op(op, n.value) : PY_NULL;
}

static py_val instance_hash(py_val self, const py_type *type) {
    py_val m = user_lookup(type, Q___hash__);
    if (m == PY_NONE) {
        py_raise_type_error("unhashable type: '%s'", py_type_name(self));
    }
    if (m != PY_NULL) {
        py_val r = call_member(self, m, 0, 0, NULL);
        if (!py_is_int(r)) {
            py_raise_type_error("__hash__ method should return an integer");
        }
        return py_is_small(r) ? r : PY_SMALL(py_hash(r) & PY_SMALL_MAX);
    }
    native_part n = native_of(self, type);
    if (n.type != NULL) {
        if (native_filled_by_init(n.type)) {
            py_raise_type_error("unhashable type: '%s'", py_type_name(self));
        }
        py_val r = native_unary(n, PY_UNOP_HASH);
        if (r != PY_NULL) {
            return r;
        }
    }
    return identity_hash(self);
}

static py_val instance_unary_op(py_unop op, py_val self) {
    const py_type *type = py_type_of(self);
    native_part n = native_of(self, type);
    py_val r;
    switch (op) {
    case PY_UNOP_BOOL:
        if (call_special(self, Q___bool__, 0, NULL, &r)) {
            if (r != PY_TRUE && r != PY_FALSE) {
                py_raise_type_error("__bool__ should return bool, returned %s", py_type_name(r));
            }
            return r;
        }
        if (call_special(self, Q___len__, 0, NULL, &r)) {
            return PY_BOOL(len_result(r) != 0);
        }
        r = native_unary(n, PY_UNOP_BOOL);
        if (r == PY_NULL && (r = native_unary(n, PY_UNOP_LEN)) != PY_NULL) {
            r = PY_BOOL(r != PY_SMALL(0));
        }
        return r;
    case PY_UNOP_LEN:
        if (call_special(self, Q___len__, 0, NULL, &r)) {
            return PY_SMALL(len_result(r));
        }
        return native_unary(n, PY_UNOP_LEN);
    case PY_UNOP_HASH:
        return instance_hash(self, type);
    default:
        break;
    }
    py_qstr name = unop_name(op);
    if (name != Q_NULL && call_special(self, name, 0, NULL, &r)) {
        if (op == PY_UNOP_INT && !py_is_int(r)) {
            py_raise_type_error("__int__ returned non-int (type %s)", py_type_name(r));
        }
        if (op == PY_UNOP_FLOAT && !py_is_type(r, &py_type_float)) {
            py_raise_type_error("__float__ returned non-float (type %s)", py_type_name(r));
        }
        return r;
    }
    if (op == PY_UNOP_INT && call_special(self, Q___index__, 0, NULL, &r)) {
        return r;
    }
    return native_unary(n, op);
}

static bool is_reflected(py_binop op) { return op >= PY_BINOP_ROR && op <= PY_BINOP_RPOW; }
static bool is_inplace(py_binop op) { return op >= PY_BINOP_IOR && op <= PY_BINOP_IPOW; }

/* An operator on the built-in part of an instance: `self` was the left
 * operand unless op is a reflected form. */
static py_val native_binary_op(py_binop op, py_val self, native_part n, py_val other) {
    py_val other_native = py_native_value(other);
    py_val r = PY_NULL;
    if (is_reflected(op)) {
        /* the left operand's own slot may know the built-in value */
        const py_type *ot = py_type_of(other_native);
        py_binop plain = (py_binop)(op - (PY_BINOP_ROR - PY_BINOP_OR));
        if (!py_type_is_heap(ot) && ot->binary_op != NULL) {
            r = ot->binary_op(plain, other_native, n.value);
        }
    }
    if ((r == PY_NULL || r == PY_NOTIMPLEMENTED) && n.type->binary_op != NULL) {
        r = n.type->binary_op(op, n.value, other_native);
    }
    if (r == PY_NOTIMPLEMENTED) {
        return PY_NULL;
    }
    if (is_inplace(op) && r == n.value) {
        return self; /* list += ... works in place and keeps the subclass */
    }
    return r;
}

static py_val instance_binary_op(py_binop op, py_val self, py_val other) {
    const py_type *type = py_type_of(self);
    py_qstr name = binop_name(op);
    py_val r;
    if (name != Q_NULL && call_special(self, name, 1, &other, &r)) {
        if (op == PY_BINOP_CONTAINS) {
            return PY_BOOL(py_truthy(r));
        }
        return r == PY_NOTIMPLEMENTED ? PY_NULL : r;
    }
    native_part n = native_of(self, type);
    if (n.type != NULL) {
        return native_binary_op(op, self, n, other);
    }
    return PY_NULL;
}

/* dict subclasses: d[k] for a missing k calls __missing__(k) if defined. */
static py_val subscr_missing(py_val self, native_part n, py_val index) {
    py_val missing = user_lookup(py_type_of(self), Q___missing__);
    if (missing == PY_NULL || !py_is_subclass(n.type, &py_type_dict)) {
        return n.type->subscr(n.value, index, PY_SENTINEL);
    }
    py_val r = py_dict_get(n.value, index);
    return r != PY_NULL ? r : call_member(self, missing, 1, 0, &index);
}

static py_val instance_subscr(py_val self, py_val index, py_val value) {
    const py_type *type = py_type_of(self);
    py_val r;
    if (value == PY_SENTINEL) {
        if (call_special(self, Q___getitem__, 1, &index, &r)) {
            return r;
        }
    } else if (value == PY_NULL) {
        if (call_special(self, Q___delitem__, 1, &index, &r)) {
            return PY_NONE;
        }
    } else {
        py_val args[2] = {index, value};
        if (call_special(self, Q___setitem__, 2, args, &r)) {
            return PY_NONE;
        }
    }
    native_part n = native_of(self, type);
    if (n.type != NULL && n.type->subscr != NULL) {
        if (value == PY_SENTINEL) {
            return subscr_missing(self, n, index);
        }
        return n.type->subscr(n.value, index, value);
    }
    return PY_NULL;
}

static bool is_iterator(py_val v) {
    const py_type *t = py_type_of(v);
    if (t->iternext == NULL) {
        return false;
    }
    if (py_type_is_heap(t)) {
        native_part n = native_of(v, t);
        return user_lookup(t, Q___next__) != PY_NULL ||
               (n.type != NULL && n.type->iternext != NULL);
    }
    return true;
}

static py_val instance_getiter(py_val self) {
    const py_type *type = py_type_of(self);
    py_val r;
    if (call_special(self, Q___iter__, 0, NULL, &r)) {
        if (!is_iterator(r)) {
            py_raise_type_error("iter() returned non-iterator of type '%s'", py_type_name(r));
        }
        return r;
    }
    native_part n = native_of(self, type);
    if (n.type != NULL && n.type->getiter != NULL) {
        return n.type->getiter(n.value);
    }
    if (n.type != NULL && n.type->iternext != NULL) {
        return self;
    }
    if (user_lookup(type, Q___getitem__) != PY_NULL ||
        (n.type != NULL && n.type->subscr != NULL)) {
        return py_getitem_iter_new(self);
    }
    return PY_NULL;
}

static py_val instance_iternext(py_val self) {
    const py_type *type = py_type_of(self);
    py_val m = user_lookup(type, Q___next__);
    if (m != PY_NULL) {
        volatile py_val r = PY_NULL;
        py_nlr nlr;
        py_try(nlr) {
            r = call_member(self, m, 0, 0, NULL);
            py_nlr_pop();
        } else {
            if (py_isinstance(nlr.exc, &py_type_StopIteration)) {
                return PY_STOP;
            }
            py_nlr_jump(nlr.exc);
        }
        return r;
    }
    native_part n = native_of(self, type);
    if (n.type != NULL && n.type->iternext != NULL) {
        return n.type->iternext(n.value);
    }
    py_raise_type_error("'%s' object is not an iterator", py_type_name(self));
}

static bool instance_get_buffer(py_val self, py_buffer *buf, int flags) {
    native_part n = native_of(self, py_type_of(self));
    return n.type != NULL && n.type->get_buffer != NULL && n.type->get_buffer(n.value, buf, flags);
}

/* ---------------------------------------------------------------- binding */

/* A property, or an object whose class defines __set__ or __delete__: it
 * takes precedence over the instance's own attributes. */
static bool is_data_descriptor(py_val m) {
    if (!py_is_obj(m)) {
        return false;
    }
    const py_type *t = py_type_of(m);
    if (t == &py_type_property) {
        return true;
    }
    return py_type_is_heap(t) &&
           (user_lookup(t, Q___set__) != PY_NULL || user_lookup(t, Q___delete__) != PY_NULL);
}

typedef struct py_property {
    py_head head;
    py_val fget, fset, fdel, doc;
} py_property;

static py_val property_get(py_val prop, py_val obj) {
    py_property *p = py_ptr(prop);
    if (p->fget == PY_NONE) {
        py_raise_msg(&py_type_AttributeError, "unreadable attribute");
    }
    return py_call1(p->fget, obj);
}

/* What self becomes when a method of the built-in `owner` is bound to obj. */
static py_val self_for_builtin(const py_type *owner, py_val obj) {
    if (owner == &py_type_object || is_exc_layout(owner)) {
        return obj;
    }
    return py_native_value(obj);
}

void py_bind_member(py_val obj, const py_type *obj_type, const py_type *owner, py_val m,
                    py_val *dest) {
    const py_type *mt = py_type_of(m);
    if (mt == &py_type_function) {
        dest[0] = m;
        dest[1] = obj;
    } else if (mt == &py_type_builtin_function) {
        dest[0] = m;
        if (!py_type_is_heap(owner)) {
            dest[1] = self_for_builtin(owner, obj);
        }
    } else if (mt == &slot_method_type) {
        dest[0] = m;
        if (((slot_method *)py_ptr(m))->slot->kind != SLOT_NEW) {
            dest[1] = obj;
        }
    } else if (mt == &py_type_staticmethod) {
        dest[0] = ((py_method_wrapper *)py_ptr(m))->fun;
    } else if (mt == &py_type_classmethod) {
        dest[0] = ((py_method_wrapper *)py_ptr(m))->fun;
        dest[1] = PY_OBJ(obj_type);
    } else if (mt == &py_type_property) {
        dest[0] = property_get(m, obj);
    } else if (py_type_is_heap(mt) && user_lookup(mt, Q___get__) != PY_NULL) {
        py_val args[2] = {obj, PY_OBJ(obj_type)};
        dest[0] = call_member(m, user_lookup(mt, Q___get__), 2, 0, args);
    } else {
        dest[0] = m;
    }
}

/* `Class.name`: functions stay plain functions. */
static void bind_class_member(const py_type *cls, py_val m, py_val *dest) {
    const py_type *mt = py_type_of(m);
    if (mt == &py_type_staticmethod) {
        dest[0] = ((py_method_wrapper *)py_ptr(m))->fun;
    } else if (mt == &py_type_classmethod) {
        dest[0] = ((py_method_wrapper *)py_ptr(m))->fun;
        dest[1] = PY_OBJ(cls);
    } else if (py_type_is_heap(mt) && user_lookup(mt, Q___get__) != PY_NULL) {
        py_val args[2] = {PY_NONE, PY_OBJ(cls)};
        dest[0] = call_member(m, user_lookup(mt, Q___get__), 2, 0, args);
    } else {
        dest[0] = m;
    }
}

/* ---------------------------------------------------------------- instance attributes */

/* What a class's MRO defines that changes how instance attributes work,
 * worked out again after any class changes. */
enum { HOOK_GETATTR = 1, HOOK_SETATTR = 2, HOOK_DELATTR = 4, HOOK_DATA_DESCR = 8 };

static bool has_data_descriptor(const py_type *t) {
    if (t->locals == PY_NULL) {
        return false;
    }
    py_map *m = py_dict_map(t->locals);
    for (size_t pos = 0; (pos = py_map_next(m, pos)) != 0;) {
        if (is_data_descriptor(m->table[pos - 1].value)) {
            return true;
        }
    }
    return false;
}

static unsigned class_hooks(const py_type *type) {
    py_class *c = (py_class *)type;
    if (c->hooks_version == lookup_version) {
        return c->hooks;
    }
    unsigned hooks = 0;
    hooks |= user_lookup(type, Q___getattr__) != PY_NULL ? HOOK_GETATTR : 0;
    hooks |= user_lookup(type, Q___setattr__) != PY_NULL ? HOOK_SETATTR : 0;
    hooks |= user_lookup(type, Q___delattr__) != PY_NULL ? HOOK_DELATTR : 0;
    mro_iter it;
    mro_begin(&it, type);
    for (const py_type *t; (t = mro_next(&it)) != NULL;) {
        if (has_data_descriptor(t)) {
            hooks |= HOOK_DATA_DESCR;
            break;
        }
    }
    c->hooks = (uint8_t)hooks;
    c->hooks_version = lookup_version;
    return hooks;
}

/* Normal lookup: data descriptors of the class, the instance's dict, the
 * class, then the built-in value's own attributes. */
static void instance_load(py_val self, const py_type *type, py_qstr name, py_val *dest) {
    const py_type *owner = NULL;
    py_val member = PY_NULL;
    bool looked_up = false;
    if (class_hooks(type) & HOOK_DATA_DESCR) {
        member = py_type_lookup_owner(type, name, &owner);
        looked_up = true;
        if (member != PY_NULL && is_data_descriptor(member)) {
            py_bind_member(self, type, owner, member, dest);
            return;
        }
    }
    py_val dict = *dict_slot(self, type);
    if (dict != PY_NULL) {
        py_map_entry *e = py_map_lookup_qstr(py_dict_map(dict), name, PY_MAP_LOOKUP);
        if (e != NULL) {
            dest[0] = e->value;
            return;
        }
    }
    if (name == Q___dict__) {
        dest[0] = instance_dict(self, type);
        return;
    }
    if (!looked_up) {
        member = py_type_lookup_owner(type, name, &owner);
    }
    if (member != PY_NULL) {
        py_bind_member(self, type, owner, member, dest);
        return;
    }
    native_part n = native_of(self, type);
    if (n.type != NULL && n.type->attr != NULL) {
        n.type->attr(n.value, name, dest);
    }
}

/* obj.__dict__ = d replaces the attributes; obj.__class__ = C changes the
 * class when both classes lay their instances out the same way. */
static void store_dict_or_class(py_val self, const py_type *type, py_qstr name, py_val value) {
    if (name == Q___dict__) {
        if (!py_is_type(value, &py_type_dict)) {
            py_raise_type_error("__dict__ must be set to a dictionary, not a '%s'",
                                py_type_name(value));
        }
        *dict_slot(self, type) = value;
        return;
    }
    if (!is_type_obj(value)) {
        py_raise_type_error("__class__ must be set to a class, not '%s' object",
                            py_type_name(value));
    }
    const py_type *to = type_ptr(value);
    if (!py_type_is_heap(to) || class_of(to)->layout != class_of(type)->layout ||
        class_of(to)->native != class_of(type)->native) {
        py_raise_type_error("__class__ assignment: '%q' object layout differs from '%q'",
                            (py_qstr)to->name, (py_qstr)type->name);
    }
    ((py_head *)py_ptr(self))->type = to;
}

/* Store or delete (dest[1] == PY_NULL) without __setattr__/__delattr__. */
static void instance_store(py_val self, const py_type *type, py_qstr name, py_val *dest) {
    py_val value = dest[1];
    py_val member = class_hooks(type) & HOOK_DATA_DESCR ? py_type_lookup(type, name) : PY_NULL;
    if (member != PY_NULL && is_data_descriptor(member)) {
        if (py_is_type(member, &py_type_property)) {
            py_property *p = py_ptr(member);
            py_val f = value != PY_NULL ? p->fset : p->fdel;
            if (f == PY_NONE) {
                py_raise_msg(&py_type_AttributeError, value != PY_NULL ? "can't set attribute"
                                                                       : "can't delete attribute");
            }
            if (value != PY_NULL) {
                py_call2(f, self, value);
            } else {
                py_call1(f, self);
            }
        } else {
            const py_type *mt = py_type_of(member);
            py_val hook = user_lookup(mt, value != PY_NULL ? Q___set__ : Q___delete__);
            if (hook == PY_NULL) {
                py_raise_msg(&py_type_AttributeError, "can't %s attribute",
                             value != PY_NULL ? "set" : "delete");
            }
            py_val args[2] = {self, value};
            call_member(member, hook, value != PY_NULL ? 2 : 1, 0, args);
        }
        dest[0] = PY_NULL;
        return;
    }
    if (value != PY_NULL && (name == Q___dict__ || name == Q___class__)) {
        store_dict_or_class(self, type, name, value);
        dest[0] = PY_NULL;
        return;
    }
    if (is_exc_layout(type)) {
        py_exc_attr(self, name, dest);
        return;
    }
    if (value != PY_NULL) {
        instance_dict_store(self, type, name, value);
        dest[0] = PY_NULL;
        return;
    }
    py_val dict = *dict_slot(self, type);
    if (dict != PY_NULL &&
        py_map_lookup(py_dict_map(dict), PY_QSTR(name), PY_MAP_REMOVE) != NULL) {
        dest[0] = PY_NULL;
    }
}

static void instance_attr(py_val self, py_qstr name, py_val *dest) {
    const py_type *type = py_type_of(self);
    if (dest[0] == PY_NULL) {
        if (name == Q___class__) {
            dest[0] = PY_OBJ(type);
            return;
        }
        if (!(class_hooks(type) & HOOK_GETATTR)) {
            instance_load(self, type, name, dest);
            return;
        }
        py_val getattr = user_lookup(type, Q___getattr__);
        /* __getattr__ also runs when a property getter raises AttributeError */
        py_nlr nlr;
        py_try(nlr) {
            instance_load(self, type, name, dest);
            py_nlr_pop();
        } else {
            if (!py_isinstance(nlr.exc, &py_type_AttributeError)) {
                py_nlr_jump(nlr.exc);
            }
            dest[0] = dest[1] = PY_NULL;
        }
        if (dest[0] == PY_NULL) {
            py_val arg = PY_QSTR(name);
            dest[0] = call_member(self, getattr, 1, 0, &arg);
        }
        return;
    }
    unsigned wanted = dest[1] != PY_NULL ? HOOK_SETATTR : HOOK_DELATTR;
    py_val hook = class_hooks(type) & wanted
                      ? user_lookup(type, dest[1] != PY_NULL ? Q___setattr__ : Q___delattr__)
                      : PY_NULL;
    if (hook != PY_NULL) {
        py_val args[2] = {PY_QSTR(name), dest[1]};
        call_member(self, hook, dest[1] != PY_NULL ? 2 : 1, 0, args);
        dest[0] = PY_NULL;
        return;
    }
    instance_store(self, type, name, dest);
}

/* ---------------------------------------------------------------- object */

static py_val object_make_new(const py_type *type, size_t n_args, size_t n_kw,
                              const py_val *args) {
    (void)args;
    if (n_args + n_kw > 0) {
        py_raise_type_error("object() takes no arguments");
    }
    py_head *o = py_new(py_head);
    o->type = type;
    return PY_OBJ(o);
}

static void object_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_object_print_default(out, self);
}

/* object.__init__(self, *args, **kw): for subclasses of list, dict, set and
 * bytearray, super().__init__(iterable) makes the built-in value. */
static py_val object_init(size_t n_args, const py_val *args, py_map *kw) {
    py_val self = args[0];
    const py_type *type = py_type_of(self);
    if (!py_type_is_heap(type)) {
        return PY_NONE;
    }
    const py_class *c = class_of(type);
    const py_type *native = c->native;
    if (c->layout != PY_LAYOUT_EMBED || !native_filled_by_init(native) ||
        (n_args == 1 && kw->used == 0)) {
        return PY_NONE;
    }
    size_t n_kw = kw->used, total = n_args - 1 + 2 * n_kw;
    py_val *all = py_gc_alloc((total + 1) * sizeof(py_val));
    memcpy(all, args + 1, (n_args - 1) * sizeof(py_val));
    size_t k = n_args - 1;
    for (size_t pos = 0; (pos = py_map_next(kw, pos)) != 0;) {
        all[k++] = kw->table[pos - 1].key;
        all[k++] = kw->table[pos - 1].value;
    }
    /* refill in place: the instance keeps its identity, class and dict */
    py_val fresh = native->make_new(native, n_args - 1, n_kw, all);
    size_t size = py_gc_block_bytes(py_ptr(self)) - PY_BYTES_PER_BLOCK;
    size_t fresh_size = native_bytes(fresh);
    memcpy((char *)py_ptr(self) + sizeof(py_head), (char *)py_ptr(fresh) + sizeof(py_head),
           (size < fresh_size ? size : fresh_size) - sizeof(py_head));
    return PY_NONE;
}
static PY_DEFINE_FUN_KW(object_init_obj, 1, object_init);

static py_val object_eq(py_val self, py_val other) {
    return self == other ? PY_TRUE : PY_NOTIMPLEMENTED;
}
static PY_DEFINE_FUN_2(object_eq_obj, object_eq);

static py_val object_ne(py_val self, py_val other) {
    py_val dest[2];
    py_load_method(self, Q___eq__, dest);
    py_val r = py_call_method(dest, 1, 0, &other);
    return r == PY_NOTIMPLEMENTED ? r : PY_BOOL(!py_truthy(r));
}
static PY_DEFINE_FUN_2(object_ne_obj, object_ne);

static py_val object_hash(py_val self) { return identity_hash(self); }
static PY_DEFINE_FUN_1(object_hash_obj, object_hash);

static py_val object_repr(py_val self) {
    py_buf b;
    py_buf_init(&b, 48);
    py_print out;
    py_print_to_buf(&out, &b);
    py_object_print_default(&out, self);
    return py_buf_to_str(&b);
}
static PY_DEFINE_FUN_1(object_repr_obj, object_repr);

static py_val object_str(py_val self) { return py_repr(self); }
static PY_DEFINE_FUN_1(object_str_obj, object_str);

static py_qstr attr_name_arg(py_val name) {
    if (!py_is_str(name)) {
        py_raise_type_error("attribute name must be string, not '%s'", py_type_name(name));
    }
    return py_qstr_of(py_str_intern(name));
}

/* object.__setattr__ / __delattr__: the normal store, bypassing the hooks. */
static void object_store(py_val self, py_val name, py_val value) {
    py_qstr q = attr_name_arg(name);
    const py_type *type = py_type_of(self);
    if (!py_type_is_heap(type)) {
        if (value != PY_NULL) {
            py_setattr(self, q, value);
        } else {
            py_delattr(self, q);
        }
        return;
    }
    py_val dest[2] = {PY_SENTINEL, value};
    instance_store(self, type, q, dest);
    if (dest[0] != PY_NULL) {
        py_raise_msg(&py_type_AttributeError, "'%s' object has no attribute '%q'",
                     py_type_name(self), q);
    }
}

static py_val object_setattr(py_val self, py_val name, py_val value) {
    object_store(self, name, value);
    return PY_NONE;
}
static PY_DEFINE_FUN_3(object_setattr_obj, object_setattr);

static py_val object_delattr(py_val self, py_val name) {
    object_store(self, name, PY_NULL);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(object_delattr_obj, object_delattr);

/* object.__getattribute__: the normal lookup, without __getattr__. */
static py_val object_getattribute(py_val self, py_val name) {
    py_qstr q = attr_name_arg(name);
    const py_type *type = py_type_of(self);
    if (!py_type_is_heap(type)) {
        return py_getattr(self, q);
    }
    py_val dest[2] = {PY_NULL, PY_NULL};
    if (q == Q___class__) {
        return PY_OBJ(type);
    }
    instance_load(self, type, q, dest);
    if (dest[0] == PY_NULL) {
        py_raise_msg(&py_type_AttributeError, "'%s' object has no attribute '%q'",
                     py_type_name(self), q);
    }
    return dest[1] == PY_NULL ? dest[0] : py_bound_method_new(dest[0], dest[1]);
}
static PY_DEFINE_FUN_2(object_getattribute_obj, object_getattribute);

static py_val object_init_subclass(py_val cls) {
    (void)cls;
    return PY_NONE;
}
static PY_DEFINE_FUN_1(object_init_subclass_fun, object_init_subclass);
static PY_DEFINE_CLASSMETHOD(object_init_subclass_obj, object_init_subclass_fun);

static const py_map_entry object_locals_table[] = {
    {PY_QSTR(Q___init__), PY_OBJ(&object_init_obj)},
    {PY_QSTR(Q___eq__), PY_OBJ(&object_eq_obj)},
    {PY_QSTR(Q___ne__), PY_OBJ(&object_ne_obj)},
    {PY_QSTR(Q___hash__), PY_OBJ(&object_hash_obj)},
    {PY_QSTR(Q___repr__), PY_OBJ(&object_repr_obj)},
    {PY_QSTR(Q___str__), PY_OBJ(&object_str_obj)},
    {PY_QSTR(Q___setattr__), PY_OBJ(&object_setattr_obj)},
    {PY_QSTR(Q___delattr__), PY_OBJ(&object_delattr_obj)},
    {PY_QSTR(Q___getattribute__), PY_OBJ(&object_getattribute_obj)},
    {PY_QSTR(Q___init_subclass__), PY_OBJ(&object_init_subclass_obj)},
    {PY_QSTR(Q___doc__), PY_NONE},
};
static PY_DEFINE_FIXED_DICT(object_locals, object_locals_table);

const py_type py_type_object = {
    .head = {&py_type_type},
    .name = Q_object,
    .flags = PY_TYPE_FLAG_BASETYPE | PY_TYPE_FLAG_EQ_IS_IDENTITY,
    .print = object_print,
    .make_new = object_make_new,
    .locals = PY_OBJ(&object_locals),
};

/* ---------------------------------------------------------------- slot method objects */

static py_val slot_method_self(const slot_method *m, py_val self) {
    if (!py_isinstance(self, m->type)) {
        py_raise_type_error("descriptor '%q' requires a '%q' object but received a '%s'",
                            (py_qstr)m->slot->name, (py_qstr)m->type->name, py_type_name(self));
    }
    return py_native_value(self);
}

/* int.__new__(cls, ...): makes a value of the built-in type, or an instance
 * of the user subclass cls carrying one. */
static py_val slot_new(const py_type *t, size_t n_args, size_t n_kw, const py_val *args) {
    if (n_args == 0 || !is_type_obj(args[0])) {
        py_raise_type_error("%q.__new__(X): X is not a type object", (py_qstr)t->name);
    }
    const py_type *cls = type_ptr(args[0]);
    if (!py_is_subclass(cls, t)) {
        py_raise_type_error("%q.__new__(%q): %q is not a subtype of %q", (py_qstr)t->name,
                            (py_qstr)cls->name, (py_qstr)cls->name, (py_qstr)t->name);
    }
    if (!py_type_is_heap(cls)) {
        return cls->make_new(cls, n_args - 1, n_kw, args + 1);
    }
    bool has_init = user_lookup(cls, Q___init__) != PY_NULL;
    return instance_alloc(cls, n_args - 1, n_kw, args + 1, has_init);
}

static py_val slot_print(const py_type *t, py_val self, int kind) {
    py_buf b;
    py_buf_init(&b, 16);
    py_print out;
    py_print_to_buf(&out, &b);
    t->print(&out, self, kind);
    return py_buf_to_str(&b);
}

static py_val slot_method_call(py_val fun, size_t n_args, size_t n_kw, const py_val *args) {
    const slot_method *m = py_ptr(fun);
    const py_type *t = m->type;
    const slot_name *s = m->slot;
    if (s->kind == SLOT_NEW) {
        return slot_new(t, n_args, n_kw, args);
    }
    if (n_args == 0) {
        py_raise_type_error("descriptor '%q' needs an argument", (py_qstr)s->name);
    }
    py_val self = slot_method_self(m, args[0]);
    if (s->kind == SLOT_CALL) {
        return t->call(self, n_args - 1, n_kw, args + 1);
    }
    static const uint8_t n_wanted[] = {
        [SLOT_REPR] = 0, [SLOT_STR] = 0,   [SLOT_GETITEM] = 1, [SLOT_SETITEM] = 2,
        [SLOT_DELITEM] = 1, [SLOT_ITER] = 0, [SLOT_NEXT] = 0,  [SLOT_UNARY] = 0,
        [SLOT_BINARY] = 1,
    };
    py_check_nargs(n_args - 1, n_kw, n_wanted[s->kind], n_wanted[s->kind], false);
    py_val r = PY_NULL;
    switch (s->kind) {
    case SLOT_REPR:
        return slot_print(t, self, PY_PRINT_REPR);
    case SLOT_STR:
        return slot_print(t, self, PY_PRINT_STR);
    case SLOT_GETITEM:
        r = t->subscr(self, args[1], PY_SENTINEL);
        break;
    case SLOT_SETITEM:
        r = t->subscr(self, args[1], args[2]);
        break;
    case SLOT_DELITEM:
        r = t->subscr(self, args[1], PY_NULL);
        break;
    case SLOT_ITER:
        r = t->getiter(self);
        break;
    case SLOT_NEXT:
        r = t->iternext(self);
        if (r == PY_STOP) {
            py_raise_type(&py_type_StopIteration);
        }
        break;
    case SLOT_UNARY:
        if (s->op == PY_UNOP_HASH) {
            return py_int_from_i64(py_hash(self));
        }
        r = t->unary_op((py_unop)s->op, self);
        break;
    case SLOT_BINARY:
        r = t->binary_op((py_binop)s->op, self, py_native_value(args[1]));
        if (r == PY_NULL) {
            return PY_NOTIMPLEMENTED;
        }
        break;
    default:
        break;
    }
    if (r == PY_NULL) {
        py_raise_type_error("'%s' object does not support %q", py_type_name(self),
                            (py_qstr)s->name);
    }
    return r;
}

static void slot_method_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    const slot_method *m = py_ptr(self);
    py_printf(out, "<slot wrapper '%q' of '%q' objects>", (py_qstr)m->slot->name,
              (py_qstr)m->type->name);
}

static const py_type slot_method_type = {
    .head = {&py_type_type},
    .name = Q_wrapper_descriptor,
    .print = slot_method_print,
    .call = slot_method_call,
};

/* ---------------------------------------------------------------- classes */

static void check_base(py_val b) {
    if (!is_type_obj(b)) {
        py_raise_type_error("bases must be types");
    }
    const py_type *t = type_ptr(b);
    if (!(t->flags & (PY_TYPE_FLAG_BASETYPE | PY_TYPE_FLAG_HEAP))) {
        py_raise_type_error("type '%q' is not an acceptable base type", (py_qstr)t->name);
    }
}

/* The built-in base of a new class: the most derived one among its bases'.
 * Bases with unrelated built-ins cannot be combined, except exceptions,
 * which all share one layout. */
static const py_type *find_native(size_t n, const py_val *bases) {
    const py_type *native = NULL;
    for (size_t i = 0; i < n; i++) {
        const py_type *b = type_ptr(bases[i]);
        const py_type *nb = py_type_is_heap(b) ? class_of(b)->native : b;
        if (nb == NULL || nb == &py_type_object) {
            continue;
        }
        if (native == NULL || py_is_subclass(nb, native)) {
            native = nb;
        } else if (!py_is_subclass(native, nb) && !(is_exc_layout(nb) && is_exc_layout(native))) {
            py_raise_type_error("multiple bases have instance lay-out conflict");
        }
    }
    return native;
}

/* Which instance layout a built-in base calls for (objtype.h). */
static uint8_t layout_for(const py_type *native) {
    if (native == NULL) {
        return PY_LAYOUT_PLAIN;
    }
    if (is_exc_layout(native)) {
        return PY_LAYOUT_EXC;
    }
    if (native_filled_by_init(native) || py_is_subclass(native, &py_type_tuple)) {
        return PY_LAYOUT_EMBED;
    }
    return PY_LAYOUT_WRAP;
}

/* C3 linearisation: the class, then a merge of its bases' MROs and the list
 * of bases, taking each time the first head that is in no other tail. */
typedef struct mro_seq {
    size_t pos, end; /* into the flat array */
} mro_seq;

static bool in_some_tail(const py_type *t, const py_type **flat, const mro_seq *seqs, size_t n) {
    for (size_t s = 0; s < n; s++) {
        for (size_t i = seqs[s].pos + 1; i < seqs[s].end; i++) {
            if (flat[i] == t) {
                return true;
            }
        }
    }
    return false;
}

static _Noreturn void raise_mro_error(size_t n_bases, const py_val *bases) {
    py_buf b;
    py_buf_init(&b, 64);
    py_buf_add_str(&b, "Cannot create a consistent method resolution order (MRO) for bases");
    for (size_t i = 0; i < n_bases; i++) {
        py_buf_printf(&b, i == 0 ? " %q" : ", %q", (py_qstr)type_ptr(bases[i])->name);
    }
    py_val msg = py_buf_to_str(&b);
    py_raise(py_exc_new(&py_type_TypeError, 1, &msg));
}

static py_val compute_mro(const py_type *cls, size_t n_bases, const py_val *bases) {
    size_t total = n_bases;
    for (size_t i = 0; i < n_bases; i++) {
        mro_iter it;
        mro_begin(&it, type_ptr(bases[i]));
        while (mro_next(&it) != NULL) {
            total++;
        }
    }
    const py_type **flat = py_gc_alloc((total + 1) * sizeof(*flat));
    mro_seq *seqs = py_gc_alloc((n_bases + 1) * sizeof(*seqs));
    size_t k = 0;
    for (size_t i = 0; i < n_bases; i++) {
        seqs[i].pos = k;
        mro_iter it;
        mro_begin(&it, type_ptr(bases[i]));
        for (const py_type *t; (t = mro_next(&it)) != NULL;) {
            flat[k++] = t;
        }
        seqs[i].end = k;
    }
    seqs[n_bases].pos = k;
    for (size_t i = 0; i < n_bases; i++) {
        flat[k++] = type_ptr(bases[i]);
    }
    seqs[n_bases].end = k;
    size_t n_seqs = n_bases + 1;

    py_val *out = py_gc_alloc((total + 1) * sizeof(py_val));
    size_t n_out = 0;
    out[n_out++] = PY_OBJ(cls);
    for (;;) {
        const py_type *next = NULL;
        bool any_left = false;
        for (size_t s = 0; s < n_seqs && next == NULL; s++) {
            if (seqs[s].pos < seqs[s].end) {
                any_left = true;
                const py_type *head = flat[seqs[s].pos];
                if (!in_some_tail(head, flat, seqs, n_seqs)) {
                    next = head;
                }
            }
        }
        if (!any_left) {
            break;
        }
        if (next == NULL) {
            raise_mro_error(n_bases, bases);
        }
        out[n_out++] = PY_OBJ(next);
        for (size_t s = 0; s < n_seqs; s++) {
            if (seqs[s].pos < seqs[s].end && flat[seqs[s].pos] == next) {
                seqs[s].pos++;
            }
        }
    }
    if (type_ptr(out[n_out - 1]) != &py_type_object) {
        out[n_out++] = PY_OBJ(&py_type_object);
    }
    py_val mro = py_tuple_new(n_out, out);
    py_gc_free(out);
    py_gc_free(seqs);
    py_gc_free(flat);
    return mro;
}

/* CPython's implicit wrappers: __new__ is a static method, __init_subclass__
 * a class method; __eq__ without __hash__ makes instances unhashable. */
static void adjust_class_locals(py_val locals) {
    py_map *map = py_dict_map(locals);
    py_map_entry *e = py_map_lookup_qstr(map, Q___new__, PY_MAP_LOOKUP);
    if (e != NULL && py_is_type(e->value, &py_type_function)) {
        py_method_wrapper *w = py_new(py_method_wrapper);
        w->head.type = &py_type_staticmethod;
        w->fun = e->value;
        e->value = PY_OBJ(w);
    }
    e = py_map_lookup_qstr(map, Q___init_subclass__, PY_MAP_LOOKUP);
    if (e != NULL && py_is_type(e->value, &py_type_function)) {
        py_method_wrapper *w = py_new(py_method_wrapper);
        w->head.type = &py_type_classmethod;
        w->fun = e->value;
        e->value = PY_OBJ(w);
    }
    if (py_map_lookup_qstr(map, Q___eq__, PY_MAP_LOOKUP) != NULL &&
        py_map_lookup_qstr(map, Q___hash__, PY_MAP_LOOKUP) == NULL) {
        py_map_store(map, PY_QSTR(Q___hash__), PY_NONE);
    }
}

/* __set_name__(owner, name) on the class's attributes that define it, then
 * the nearest base's __init_subclass__. */
static void notify_new_class(const py_type *cls, py_val locals) {
    py_map *map = py_dict_map(locals);
    for (size_t pos = 0; (pos = py_map_next(map, pos)) != 0;) {
        py_val key = map->table[pos - 1].key, value = map->table[pos - 1].value;
        if (py_is_obj(value) && py_type_is_heap(py_type_of(value))) {
            py_val hook = user_lookup(py_type_of(value), Q___set_name__);
            if (hook != PY_NULL) {
                py_val args[2] = {PY_OBJ(cls), key};
                call_member(value, hook, 2, 0, args);
            }
        }
    }
    mro_iter it;
    mro_begin(&it, cls);
    mro_next(&it);
    for (const py_type *t; (t = mro_next(&it)) != NULL && t != &py_type_object;) {
        py_val hook = locals_get(t, Q___init_subclass__);
        if (hook != PY_NULL) {
            py_val dest[2] = {PY_NULL, PY_NULL};
            bind_class_member(cls, hook, dest);
            py_call_method(dest, 0, 0, NULL);
            return;
        }
    }
}

py_val py_type_new_class(py_qstr name, py_val bases_tuple, py_val locals) {
    size_t n_bases;
    py_val *bases;
    py_get_array(bases_tuple, &n_bases, &bases);
    for (size_t i = 0; i < n_bases; i++) {
        check_base(bases[i]);
        for (size_t j = 0; j < i; j++) {
            if (bases[j] == bases[i]) {
                py_raise_type_error("duplicate base class %q", (py_qstr)type_ptr(bases[i])->name);
            }
        }
    }
    if (name > 0xffff) {
        py_raise_msg(&py_type_RuntimeError, "too many names for a new class");
    }
    if (!py_is_type(locals, &py_type_dict)) {
        py_raise_type_error("type() argument 3 must be dict, not %s", py_type_name(locals));
    }
    const py_type *native = find_native(n_bases, bases);
    py_class *c = py_gc_alloc(sizeof(py_class));
    lookup_cache_invalidate();
    py_type *t = &c->type;
    t->head.type = &py_type_type;
    t->name = (uint16_t)name;
    t->flags = PY_TYPE_FLAG_HEAP | PY_TYPE_FLAG_BASETYPE;
    c->native = native;
    c->layout = layout_for(native);
    if (c->layout == PY_LAYOUT_EXC) {
        t->flags |= PY_TYPE_FLAG_EXCEPTION;
    }
    t->print = instance_print;
    t->make_new = instance_make_new;
    t->call = instance_call;
    t->unary_op = instance_unary_op;
    t->binary_op = instance_binary_op;
    t->attr = instance_attr;
    t->subscr = instance_subscr;
    t->getiter = instance_getiter;
    t->iternext = instance_iternext;
    t->get_buffer = native != NULL ? instance_get_buffer : NULL;
    t->base = n_bases > 0 ? type_ptr(bases[0]) : &py_type_object;
    t->bases = n_bases > 1 ? bases_tuple : PY_NULL;
    adjust_class_locals(locals);
    t->locals = locals;
    if (n_bases == 0) {
        py_val two[2] = {PY_OBJ(t), PY_OBJ(&py_type_object)};
        c->mro = py_tuple_new(2, two);
    } else {
        c->mro = compute_mro(t, n_bases, bases);
    }
    notify_new_class(t, locals);
    return PY_OBJ(t);
}

/* ---------------------------------------------------------------- type */

static void type_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    const py_type *t = type_ptr(self);
    py_val module = py_type_is_heap(t) ? locals_get(t, Q___module__) : PY_NULL;
    if (module != PY_NULL && py_is_str(module) && module != PY_QSTR(Q_builtins)) {
        py_printf(out, "<class '%v.%q'>", module, (py_qstr)t->name);
    } else {
        py_printf(out, "<class '%q'>", (py_qstr)t->name);
    }
}

static py_val type_make_new(const py_type *type, size_t n_args, size_t n_kw,
                            const py_val *args) {
    (void)type;
    if (n_args == 1 && n_kw == 0) {
        return PY_OBJ(py_type_of(args[0]));
    }
    if (n_args != 3) {
        py_raise_type_error("type() takes 1 or 3 arguments");
    }
    if (!py_is_str(args[0])) {
        py_raise_type_error("type() argument 1 must be str, not %s", py_type_name(args[0]));
    }
    if (!py_is_type(args[1], &py_type_tuple)) {
        py_raise_type_error("type() argument 2 must be tuple, not %s", py_type_name(args[1]));
    }
    if (!py_is_type(args[2], &py_type_dict)) {
        py_raise_type_error("type() argument 3 must be dict, not %s", py_type_name(args[2]));
    }
    py_val locals = py_dict_new(py_dict_map(args[2])->used);
    py_map *src = py_dict_map(args[2]);
    for (size_t pos = 0; (pos = py_map_next(src, pos)) != 0;) {
        py_val key = src->table[pos - 1].key;
        if (py_is_str(key)) {
            key = py_str_intern(key);
        }
        py_dict_store(locals, key, src->table[pos - 1].value);
    }
    if (py_dict_get(locals, PY_QSTR(Q___module__)) == PY_NULL) {
        /* the module of the code calling type(), as a class statement would say */
        py_val globals = py_vm_globals();
        py_val module = globals != PY_NULL ? py_dict_get(globals, PY_QSTR(Q___name__)) : PY_NULL;
        if (module != PY_NULL) {
            py_dict_store(locals, PY_QSTR(Q___module__), module);
        }
    }
    return py_type_new_class(py_qstr_of(py_str_intern(args[0])), args[1], locals);
}

static py_val type_call(py_val self, size_t n_args, size_t n_kw, const py_val *args) {
    const py_type *t = type_ptr(self);
    if (t->make_new == NULL) {
        py_raise_type_error("cannot create '%q' instances", (py_qstr)t->name);
    }
    return t->make_new(t, n_args, n_kw, args);
}

static py_val mro_tuple(const py_type *t) {
    if (py_type_is_heap(t)) {
        return class_of(t)->mro;
    }
    py_val items[16];
    size_t n = 0;
    mro_iter it;
    mro_begin(&it, t);
    for (const py_type *u; (u = mro_next(&it)) != NULL && n < 16;) {
        items[n++] = PY_OBJ(u);
    }
    return py_tuple_new(n, items);
}

static py_val bases_tuple(const py_type *t) {
    if (t->bases != PY_NULL) {
        return t->bases;
    }
    if (t == &py_type_object) {
        return py_tuple_new(0, NULL);
    }
    py_val base = PY_OBJ(t->base != NULL ? t->base : &py_type_object);
    return py_tuple_new(1, &base);
}

/* C.__dict__: a copy, read-only in effect as CPython's mappingproxy (class
 * attributes change through setattr, which keeps the lookup cache right). */
static py_val locals_copy(const py_type *t) {
    py_val d = py_dict_new(0);
    if (t->locals != PY_NULL) {
        py_map *src = py_dict_map(t->locals);
        for (size_t pos = 0; (pos = py_map_next(src, pos)) != 0;) {
            py_dict_store(d, src->table[pos - 1].key, src->table[pos - 1].value);
        }
    }
    return d;
}

/* Attributes every class has that are not in its locals. */
static py_val type_special_attr(const py_type *t, py_qstr name) {
    switch (name) {
    case Q___name__:
    case Q___qualname__:
        return PY_QSTR(t->name);
    case Q___module__:
        return PY_QSTR(Q_builtins);
    case Q___bases__:
        return bases_tuple(t);
    case Q___base__:
        return t == &py_type_object ? PY_NONE
                                    : PY_OBJ(t->base != NULL ? t->base : &py_type_object);
    case Q___mro__:
        return mro_tuple(t);
    case Q___dict__:
        return locals_copy(t);
    default:
        return PY_NULL;
    }
}

static void type_attr(py_val self, py_qstr name, py_val *dest) {
    const py_type *t = type_ptr(self);
    if (dest[0] == PY_NULL) {
        if (name == Q___name__ || name == Q___bases__ || name == Q___mro__ ||
            name == Q___dict__ || name == Q___base__) {
            dest[0] = type_special_attr(t, name);
            return;
        }
        py_val m = py_type_lookup(t, name);
        if (m != PY_NULL) {
            bind_class_member(t, m, dest);
            return;
        }
        dest[0] = type_special_attr(t, name);
        return;
    }
    if (!py_type_is_heap(t)) {
        py_raise_type_error("cannot set '%q' attribute of immutable type '%q'", name,
                            (py_qstr)t->name);
    }
    py_map *map = py_dict_map(t->locals);
    lookup_cache_invalidate();
    if (dest[1] != PY_NULL) {
        py_map_store(map, PY_QSTR(name), dest[1]);
        dest[0] = PY_NULL;
    } else if (py_map_lookup_qstr(map, name, PY_MAP_REMOVE) != NULL) {
        dest[0] = PY_NULL;
    }
}

static py_val type_mro(py_val self) {
    size_t n;
    py_val *items;
    py_get_array(mro_tuple(type_ptr(self)), &n, &items);
    return py_list_new(n, items);
}
static PY_DEFINE_FUN_1(type_mro_obj, type_mro);

static const py_map_entry type_locals_table[] = {
    {PY_QSTR(Q_mro), PY_OBJ(&type_mro_obj)},
};
static PY_DEFINE_FIXED_DICT(type_locals, type_locals_table);

const py_type py_type_type = {
    .head = {&py_type_type},
    .name = Q_type,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY,
    .print = type_print,
    .make_new = type_make_new,
    .call = type_call,
    .attr = type_attr,
    .locals = PY_OBJ(&type_locals),
};

/* ---------------------------------------------------------------- isinstance */

static bool classinfo_match(py_val classinfo, bool (*test)(const py_type *, const void *),
                            const void *ctx, const char *fn) {
    if (is_type_obj(classinfo)) {
        return test(type_ptr(classinfo), ctx);
    }
    if (py_is_type(classinfo, &py_type_tuple)) {
        size_t n;
        py_val *items;
        py_get_array(classinfo, &n, &items);
        for (size_t i = 0; i < n; i++) {
            if (classinfo_match(items[i], test, ctx, fn)) {
                return true;
            }
        }
        return false;
    }
    py_raise_type_error("%s() arg 2 must be a type, a tuple of types, or a union", fn);
}

static bool test_instance(const py_type *t, const void *ctx) {
    return py_isinstance(*(const py_val *)ctx, t);
}

static bool test_subclass(const py_type *t, const void *ctx) {
    return py_is_subclass((const py_type *)ctx, t);
}

bool py_isinstance_any(py_val obj, py_val classinfo) {
    return classinfo_match(classinfo, test_instance, &obj, "isinstance");
}

bool py_issubclass_any(py_val cls, py_val classinfo) {
    if (!is_type_obj(cls)) {
        py_raise_type_error("issubclass() arg 1 must be a class");
    }
    return classinfo_match(classinfo, test_subclass, type_ptr(cls), "issubclass");
}

/* ---------------------------------------------------------------- super */

typedef struct py_super {
    py_head head;
    const py_type *type;
    py_val obj;
} py_super;

static py_val super_make_new(const py_type *type, size_t n_args, size_t n_kw,
                             const py_val *args) {
    (void)type;
    py_check_nargs(n_args, n_kw, 0, 2, false);
    py_val cls, obj;
    if (n_args == 0) {
        py_vm_super_args(&cls, &obj);
    } else if (n_args == 2) {
        cls = args[0];
        obj = args[1];
    } else {
        py_raise_type_error("super() needs 0 or 2 arguments");
    }
    if (!is_type_obj(cls)) {
        py_raise_type_error("super() argument 1 must be a type, not %s", py_type_name(cls));
    }
    const py_type *t = type_ptr(cls);
    bool ok = py_isinstance(obj, t) || (is_type_obj(obj) && py_is_subclass(type_ptr(obj), t));
    if (!ok) {
        py_raise_type_error("super(type, obj): obj must be an instance or subtype of type");
    }
    py_super *s = py_new(py_super);
    s->head.type = &py_type_super;
    s->type = t;
    s->obj = obj;
    return PY_OBJ(s);
}

static void super_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return; /* super objects cannot be assigned to */
    }
    const py_super *s = py_ptr(self);
    bool on_class = is_type_obj(s->obj) && py_is_subclass(type_ptr(s->obj), s->type);
    const py_type *search = on_class ? type_ptr(s->obj) : py_type_of(s->obj);
    mro_iter it;
    mro_begin(&it, search);
    const py_type *t;
    while ((t = mro_next(&it)) != NULL && t != s->type) {
    }
    while ((t = mro_next(&it)) != NULL) {
        py_val v = locals_get(t, name);
        if (v == PY_NULL && !py_type_is_heap(t)) {
            v = slot_method_for(t, name);
        }
        if (v == PY_NULL) {
            continue;
        }
        if (on_class) {
            bind_class_member(search, v, dest);
        } else {
            py_bind_member(s->obj, search, t, v, dest);
        }
        return;
    }
}

static void super_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    const py_super *s = py_ptr(self);
    py_printf(out, "<super: <class '%q'>, <%s object>>", (py_qstr)s->type->name,
              py_type_name(s->obj));
}

const py_type py_type_super = {
    .head = {&py_type_type},
    .name = Q_super,
    .print = super_print,
    .make_new = super_make_new,
    .attr = super_attr,
};

/* ---------------------------------------------------------------- property */

static const py_arg_spec property_args[] = {
    {Q_fget, 0, PY_NONE},
    {Q_fset, 0, PY_NONE},
    {Q_fdel, 0, PY_NONE},
    {Q_doc, 0, PY_NONE},
};

static py_val property_make_new(const py_type *type, size_t n_args, size_t n_kw,
                                const py_val *args) {
    (void)type;
    py_val v[4];
    py_parse_args_raw(n_args, n_kw, args, 4, property_args, v);
    py_property *p = py_new(py_property);
    p->head.type = &py_type_property;
    p->fget = v[0];
    p->fset = v[1];
    p->fdel = v[2];
    p->doc = v[3];
    return PY_OBJ(p);
}

static py_val property_copy(py_val self, int which, py_val fun) {
    py_property *p = py_new(py_property);
    *p = *(py_property *)py_ptr(self);
    py_val *field = which == 0 ? &p->fget : which == 1 ? &p->fset : &p->fdel;
    *field = fun;
    return PY_OBJ(p);
}

static py_val property_getter(py_val self, py_val f) { return property_copy(self, 0, f); }
static py_val property_setter(py_val self, py_val f) { return property_copy(self, 1, f); }
static py_val property_deleter(py_val self, py_val f) { return property_copy(self, 2, f); }
static PY_DEFINE_FUN_2(property_getter_obj, property_getter);
static PY_DEFINE_FUN_2(property_setter_obj, property_setter);
static PY_DEFINE_FUN_2(property_deleter_obj, property_deleter);

static py_val property_dunder_get(size_t n_args, const py_val *args) {
    (void)n_args;
    if (args[1] == PY_NONE) {
        return args[0];
    }
    return property_get(args[0], args[1]);
}
static PY_DEFINE_FUN_VAR(property_dunder_get_obj, 2, 3, property_dunder_get);

static const py_map_entry property_locals_table[] = {
    {PY_QSTR(Q_getter), PY_OBJ(&property_getter_obj)},
    {PY_QSTR(Q_setter), PY_OBJ(&property_setter_obj)},
    {PY_QSTR(Q_deleter), PY_OBJ(&property_deleter_obj)},
    {PY_QSTR(Q___get__), PY_OBJ(&property_dunder_get_obj)},
};
static PY_DEFINE_FIXED_DICT(property_locals, property_locals_table);

static void property_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return;
    }
    const py_property *p = py_ptr(self);
    switch (name) {
    case Q_fget:
        dest[0] = p->fget;
        break;
    case Q_fset:
        dest[0] = p->fset;
        break;
    case Q_fdel:
        dest[0] = p->fdel;
        break;
    case Q___doc__:
        dest[0] = p->doc;
        break;
    default:
        break;
    }
}

const py_type py_type_property = {
    .head = {&py_type_type},
    .name = Q_property,
    .make_new = property_make_new,
    .attr = property_attr,
    .locals = PY_OBJ(&property_locals),
};

/* ---------------------------------------------------------------- staticmethod, classmethod */

static py_val wrapper_make_new(const py_type *type, size_t n_args, size_t n_kw,
                               const py_val *args) {
    py_check_nargs(n_args, n_kw, 1, 1, false);
    py_method_wrapper *w = py_new(py_method_wrapper);
    w->head.type = type;
    w->fun = args[0];
    return PY_OBJ(w);
}

static void wrapper_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] == PY_NULL && name == Q___func__) {
        dest[0] = ((py_method_wrapper *)py_ptr(self))->fun;
    }
}

static py_val staticmethod_call(py_val self, size_t n_args, size_t n_kw, const py_val *args) {
    return py_call(((py_method_wrapper *)py_ptr(self))->fun, n_args, n_kw, args);
}

const py_type py_type_staticmethod = {
    .head = {&py_type_type},
    .name = Q_staticmethod,
    .make_new = wrapper_make_new,
    .call = staticmethod_call,
    .attr = wrapper_attr,
};

const py_type py_type_classmethod = {
    .head = {&py_type_type},
    .name = Q_classmethod,
    .make_new = wrapper_make_new,
    .attr = wrapper_attr,
};
