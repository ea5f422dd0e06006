/*
 * runtime.c - the operations the VM and C code apply to any value: calls,
 * attribute access, operators, truth, hashing, length, subscripts and
 * iteration.
 *
 * Each goes to the value's type slot and turns "unsupported" (a PY_NULL or
 * NotImplemented from the slot) into Python's fallbacks and TypeErrors.
 * Binary operators follow CPython: the left operand's slot, then the right
 * operand's reflected form (first, when the right operand's type is a
 * subclass of the left's); comparisons reflect (< with >, == with ==); ==
 * falls back to identity and != to the negation of ==; in-place operators
 * fall back to the plain ones. Small ints have fast paths here.
 */
#include <string.h>

#include "objtype.h"
#include "vm.h"

/* ---------------------------------------------------------------- types */

const py_type *py_type_of(py_val v) {
    if (py_is_small(v)) {
        return &py_type_int;
    }
    if (py_is_qstr(v)) {
        return &py_type_str;
    }
    return ((const py_head *)py_ptr(v))->type;
}

bool py_is_type(py_val v, const py_type *t) { return py_type_of(v) == t; }

bool py_isinstance(py_val v, const py_type *t) {
    const py_type *vt = py_type_of(v);
    return vt == t || py_is_subclass(vt, t);
}

const char *py_type_name(py_val v) { return py_qstr_str((py_qstr)py_type_of(v)->name); }

/* ---------------------------------------------------------------- calls */

/* Callers with no arguments may pass NULL; callees compute args + n_args,
 * which is undefined on NULL even for 0, so they get a real address. */
static const py_val no_args[1];

py_val py_call(py_val fun, size_t n_args, size_t n_kw, const py_val *args) {
    const py_type *t = py_type_of(fun);
    if (t->call == NULL) {
        py_raise_type_error("'%s' object is not callable", py_type_name(fun));
    }
    return t->call(fun, n_args, n_kw, args != NULL ? args : no_args);
}

py_val py_call0(py_val fun) { return py_call(fun, 0, 0, NULL); }
py_val py_call1(py_val fun, py_val a) { return py_call(fun, 1, 0, &a); }

py_val py_call2(py_val fun, py_val a, py_val b) {
    py_val args[2] = {a, b};
    return py_call(fun, 2, 0, args);
}

py_val py_call_method(const py_val *dest, size_t n_args, size_t n_kw, const py_val *args) {
    if (dest[1] == PY_NULL) {
        return py_call(dest[0], n_args, n_kw, args);
    }
    size_t total = 1 + n_args + 2 * n_kw;
    py_val small[8];
    py_val *all = total <= 8 ? small : py_gc_alloc(total * sizeof(py_val));
    all[0] = dest[1];
    if (total > 1) {
        memcpy(all + 1, args, (total - 1) * sizeof(py_val));
    }
    py_val r = py_call(dest[0], n_args + 1, n_kw, all);
    if (all != small) {
        py_gc_free(all);
    }
    return r;
}

py_val py_call_method_name(py_val obj, py_qstr name, size_t n_args, const py_val *args) {
    py_val dest[2];
    py_load_method(obj, name, dest);
    return py_call_method(dest, n_args, 0, args);
}

bool py_is_callable(py_val v) {
    const py_type *t = py_type_of(v);
    if (t->call == NULL) {
        return false;
    }
    return !py_type_is_heap(t) || py_type_lookup(t, Q___call__) != PY_NULL;
}

/* ---------------------------------------------------------------- attributes */

static _Noreturn void raise_no_attr(py_val obj, py_qstr name) {
    if (py_is_type(obj, &py_type_type)) {
        py_raise_msg(&py_type_AttributeError, "type object '%q' has no attribute '%q'",
                     (py_qstr)((const py_type *)py_ptr(obj))->name, name);
    }
    if (py_type_of(obj)->name == Q_module) { /* some modules have a type of their own */
        py_val mod_name = py_getattr_maybe(obj, Q___name__);
        if (mod_name != PY_NULL && py_is_str(mod_name)) {
            py_raise_msg(&py_type_AttributeError, "module '%v' has no attribute '%q'", mod_name,
                         name);
        }
    }
    py_raise_msg(&py_type_AttributeError, "'%s' object has no attribute '%q'", py_type_name(obj),
                 name);
}

void py_load_method_maybe(py_val obj, py_qstr name, py_val *dest) {
    dest[0] = dest[1] = PY_NULL;
    const py_type *t = py_type_of(obj);
    if (t->attr != NULL) {
        t->attr(obj, name, dest);
        if (dest[0] != PY_NULL || py_type_is_heap(t)) {
            return; /* a user class's slot did the whole lookup */
        }
    }
    if (name == Q___class__) {
        dest[0] = PY_OBJ(t);
        return;
    }
    const py_type *owner = t;
    py_val member = py_type_lookup_owner(t, name, &owner);
    if (member != PY_NULL) {
        py_bind_member(obj, t, owner, member, dest);
    }
}

void py_load_method(py_val obj, py_qstr name, py_val *dest) {
    py_load_method_maybe(obj, name, dest);
    if (dest[0] == PY_NULL) {
        raise_no_attr(obj, name);
    }
}

py_val py_getattr(py_val obj, py_qstr name) {
    py_val dest[2];
    py_load_method(obj, name, dest);
    return dest[1] == PY_NULL ? dest[0] : py_bound_method_new(dest[0], dest[1]);
}

py_val py_getattr_maybe(py_val obj, py_qstr name) {
    py_val dest[2];
    if (py_type_is_heap(py_type_of(obj))) {
        /* __getattr__ or a property may say "missing" by raising AttributeError */
        py_nlr nlr;
        py_try(nlr) {
            py_load_method_maybe(obj, name, dest);
            py_nlr_pop();
        } else {
            if (!py_isinstance(nlr.exc, &py_type_AttributeError)) {
                py_nlr_jump(nlr.exc);
            }
            return PY_NULL;
        }
    } else {
        py_load_method_maybe(obj, name, dest);
    }
    if (dest[0] == PY_NULL) {
        return PY_NULL;
    }
    return dest[1] == PY_NULL ? dest[0] : py_bound_method_new(dest[0], dest[1]);
}

static void store_attr(py_val obj, py_qstr name, py_val value) {
    const py_type *t = py_type_of(obj);
    py_val dest[2] = {PY_SENTINEL, value};
    if (t->attr != NULL) {
        t->attr(obj, name, dest);
        if (dest[0] == PY_NULL) {
            return;
        }
    }
    raise_no_attr(obj, name);
}

void py_setattr(py_val obj, py_qstr name, py_val value) { store_attr(obj, name, value); }
void py_delattr(py_val obj, py_qstr name) { store_attr(obj, name, PY_NULL); }

/* ---------------------------------------------------------------- truth, hash, len */

bool py_truthy(py_val v) {
    if (v == PY_FALSE || v == PY_NONE) {
        return false;
    }
    if (v == PY_TRUE) {
        return true;
    }
    if (py_is_small(v)) {
        return v != PY_SMALL(0);
    }
    if (py_is_qstr(v)) {
        return v != PY_QSTR(Q_);
    }
    const py_type *t = py_type_of(v);
    if (t->unary_op != NULL) {
        py_val r = t->unary_op(PY_UNOP_BOOL, v);
        if (r != PY_NULL) {
            return r == PY_TRUE;
        }
        r = t->unary_op(PY_UNOP_LEN, v);
        if (r != PY_NULL) {
            return r != PY_SMALL(0);
        }
    }
    return true;
}

static bool unhashable_builtin(const py_type *t) {
    return t == &py_type_list || t == &py_type_dict || t == &py_type_set ||
           t == &py_type_bytearray || t == &py_type_dict_view;
}

py_int_t py_hash(py_val v) {
    if (py_is_small(v)) {
        return py_small_value(v);
    }
    const py_type *t = py_type_of(v);
    py_stack_check(); /* hash of a tuple recurses into its items */
    if (t->unary_op != NULL) {
        py_val r = t->unary_op(PY_UNOP_HASH, v);
        if (r != PY_NULL) {
            if (!py_is_small(r)) {
                py_raise_type_error("__hash__ method should return an integer");
            }
            return py_small_value(r);
        }
    }
    if (unhashable_builtin(t)) {
        py_raise_type_error("unhashable type: '%s'", py_type_name(v));
    }
    return (py_int_t)((v >> 3) & (uintptr_t)PY_SMALL_MAX);
}

py_val py_len_maybe(py_val v) {
    const py_type *t = py_type_of(v);
    return t->unary_op != NULL ? t->unary_op(PY_UNOP_LEN, v) : PY_NULL;
}

size_t py_len(py_val v) {
    py_val r = py_len_maybe(v);
    if (r == PY_NULL) {
        py_raise_type_error("object of type '%s' has no len()", py_type_name(v));
    }
    return (size_t)py_small_value(r);
}

/* ---------------------------------------------------------------- unary operators */

static py_val small_unary(py_unop op, py_int_t n) {
    switch (op) {
    case PY_UNOP_POS:
    case PY_UNOP_INT:
        return PY_SMALL(n);
    case PY_UNOP_NEG:
        return py_int_from_i64(-(long long)n);
    case PY_UNOP_ABS:
        return py_int_from_i64(n < 0 ? -(long long)n : n);
    case PY_UNOP_INVERT:
        return PY_SMALL(~n);
    default:
        return PY_NULL;
    }
}

py_val py_unary_op(py_unop op, py_val v) {
    switch (op) {
    case PY_UNOP_NOT:
        return PY_BOOL(!py_truthy(v));
    case PY_UNOP_BOOL:
        return PY_BOOL(py_truthy(v));
    case PY_UNOP_LEN:
        return PY_SMALL((py_int_t)py_len(v));
    case PY_UNOP_HASH:
        return py_int_from_i64(py_hash(v));
    default:
        break;
    }
    if (py_is_small(v)) {
        py_val r = small_unary(op, py_small_value(v));
        if (r != PY_NULL) {
            return r;
        }
    }
    const py_type *t = py_type_of(v);
    if (t->unary_op != NULL) {
        py_val r = t->unary_op(op, v);
        if (r != PY_NULL && r != PY_NOTIMPLEMENTED) {
            return r;
        }
    }
    switch (op) {
    case PY_UNOP_POS:
    case PY_UNOP_NEG:
    case PY_UNOP_INVERT: {
        static const char sym[] = "+-~";
        py_raise_type_error("bad operand type for unary %c: '%s'", sym[op], py_type_name(v));
    }
    case PY_UNOP_ABS:
        py_raise_type_error("bad operand type for abs(): '%s'", py_type_name(v));
    case PY_UNOP_INT:
        py_raise_type_error(
            "int() argument must be a string, a bytes-like object or a real number, not '%s'",
            py_type_name(v));
    case PY_UNOP_FLOAT:
        py_raise_type_error("float() argument must be a string or a real number, not '%s'",
                            py_type_name(v));
    default:
        py_raise_type_error("unsupported operand type for %s", py_type_name(v));
    }
}

/* ---------------------------------------------------------------- binary operators */

static const char *const binop_symbol[] = {
    [PY_BINOP_LT] = "<",      [PY_BINOP_GT] = ">",         [PY_BINOP_EQ] = "==",
    [PY_BINOP_LE] = "<=",     [PY_BINOP_GE] = ">=",        [PY_BINOP_NE] = "!=",
    [PY_BINOP_IOR] = "|=",    [PY_BINOP_IXOR] = "^=",      [PY_BINOP_IAND] = "&=",
    [PY_BINOP_ILSHIFT] = "<<=", [PY_BINOP_IRSHIFT] = ">>=", [PY_BINOP_IADD] = "+=",
    [PY_BINOP_ISUB] = "-=",   [PY_BINOP_IMUL] = "*=",      [PY_BINOP_IMATMUL] = "@=",
    [PY_BINOP_IFLOORDIV] = "//=", [PY_BINOP_ITRUEDIV] = "/=", [PY_BINOP_IMOD] = "%=",
    [PY_BINOP_IPOW] = "**=",  [PY_BINOP_OR] = "|",         [PY_BINOP_XOR] = "^",
    [PY_BINOP_AND] = "&",     [PY_BINOP_LSHIFT] = "<<",    [PY_BINOP_RSHIFT] = ">>",
    [PY_BINOP_ADD] = "+",     [PY_BINOP_SUB] = "-",        [PY_BINOP_MUL] = "*",
    [PY_BINOP_MATMUL] = "@",  [PY_BINOP_FLOORDIV] = "//",  [PY_BINOP_TRUEDIV] = "/",
    [PY_BINOP_MOD] = "%",     [PY_BINOP_POW] = "** or pow()", [PY_BINOP_DIVMOD] = "divmod()",
};

static py_val try_slot(const py_type *t, py_binop op, py_val a, py_val b) {
    if (t->binary_op == NULL) {
        return PY_NULL;
    }
    py_val r = t->binary_op(op, a, b);
    return r == PY_NOTIMPLEMENTED ? PY_NULL : r;
}

static py_binop swapped_compare(py_binop op) {
    switch (op) {
    case PY_BINOP_LT:
        return PY_BINOP_GT;
    case PY_BINOP_GT:
        return PY_BINOP_LT;
    case PY_BINOP_LE:
        return PY_BINOP_GE;
    case PY_BINOP_GE:
        return PY_BINOP_LE;
    default:
        return op; /* == and != are symmetric */
    }
}

/* The right operand goes first when its type is a proper subclass of the
 * left's, so a subclass can override what its base does with it. */
static bool right_first(const py_type *lt, const py_type *rt) {
    return rt != lt && py_is_subclass(rt, lt);
}

static py_val compare(py_binop op, py_val lhs, py_val rhs) {
    const py_type *lt = py_type_of(lhs), *rt = py_type_of(rhs);
    py_binop swapped = swapped_compare(op);
    bool rfirst = right_first(lt, rt);
    py_val r = PY_NULL;
    if (rfirst) {
        r = try_slot(rt, swapped, rhs, lhs);
    }
    if (r == PY_NULL) {
        r = try_slot(lt, op, lhs, rhs);
    }
    if (r == PY_NULL && !rfirst) {
        r = try_slot(rt, swapped, rhs, lhs);
    }
    if (r != PY_NULL) {
        return r;
    }
    if (op == PY_BINOP_EQ) {
        return PY_BOOL(lhs == rhs);
    }
    if (op == PY_BINOP_NE) {
        return PY_BOOL(!py_truthy(compare(PY_BINOP_EQ, lhs, rhs)));
    }
    py_raise_type_error("'%s' not supported between instances of '%s' and '%s'", binop_symbol[op],
                        py_type_name(lhs), py_type_name(rhs));
}

static bool has_reflection(py_binop op) { return op >= PY_BINOP_OR && op <= PY_BINOP_POW; }

/* A plain arithmetic operator; `shown` is the operator named in the error
 * (the in-place form when falling back from one). */
static py_val arith(py_binop op, py_val lhs, py_val rhs, py_binop shown) {
    const py_type *lt = py_type_of(lhs), *rt = py_type_of(rhs);
    bool reflect = has_reflection(op) && rt != lt;
    py_binop rop = reflect ? PY_BINOP_PLAIN_TO_REFLECTED(op) : op;
    bool rfirst = reflect && right_first(lt, rt);
    py_val r = PY_NULL;
    if (rfirst) {
        r = try_slot(rt, rop, rhs, lhs);
    }
    if (r == PY_NULL) {
        r = try_slot(lt, op, lhs, rhs);
    }
    if (r == PY_NULL && reflect && !rfirst) {
        r = try_slot(rt, rop, rhs, lhs);
    }
    /* n * seq: sequence repetition is commutative, for built-in types only */
    if (r == PY_NULL && op == PY_BINOP_MUL && rt != lt && !py_type_is_heap(rt) &&
        !py_type_is_heap(lt)) {
        r = try_slot(rt, PY_BINOP_MUL, rhs, lhs);
    }
    if (r != PY_NULL) {
        return r;
    }
    py_raise_type_error("unsupported operand type(s) for %s: '%s' and '%s'", binop_symbol[shown],
                        py_type_name(lhs), py_type_name(rhs));
}

static py_val getiter_maybe(py_val v);

static bool contains(py_val container, py_val item) {
    const py_type *t = py_type_of(container);
    py_val r = try_slot(t, PY_BINOP_CONTAINS, container, item);
    if (r != PY_NULL) {
        return py_truthy(r);
    }
    py_val it = getiter_maybe(container);
    if (it == PY_NULL) {
        py_raise_type_error("argument of type '%s' is not iterable", py_type_name(container));
    }
    for (py_val x; (x = py_iternext(it)) != PY_STOP;) {
        if (py_equal(x, item)) {
            return true;
        }
    }
    return false;
}

static bool is_exc_class(py_val cls) {
    return py_is_type(cls, &py_type_type) &&
           (((const py_type *)py_ptr(cls))->flags & PY_TYPE_FLAG_EXCEPTION) != 0;
}

/* An exception class or a tuple of them (not nested, as in CPython). */
static bool valid_exc_class(py_val cls) {
    if (py_is_type(cls, &py_type_tuple)) {
        size_t n;
        py_val *items;
        py_get_array(cls, &n, &items);
        for (size_t i = 0; i < n; i++) {
            if (!is_exc_class(items[i])) {
                return false;
            }
        }
        return true;
    }
    return is_exc_class(cls);
}

static py_val small_binary(py_binop op, py_int_t a, py_int_t b) {
    switch (op) {
    case PY_BINOP_LT:
        return PY_BOOL(a < b);
    case PY_BINOP_GT:
        return PY_BOOL(a > b);
    case PY_BINOP_EQ:
        return PY_BOOL(a == b);
    case PY_BINOP_LE:
        return PY_BOOL(a <= b);
    case PY_BINOP_GE:
        return PY_BOOL(a >= b);
    case PY_BINOP_NE:
        return PY_BOOL(a != b);
    case PY_BINOP_ADD:
    case PY_BINOP_IADD: {
        py_int_t r = a + b; /* small ints have a spare bit: no overflow */
        return PY_SMALL_FITS(r) ? PY_SMALL(r) : PY_NULL;
    }
    case PY_BINOP_SUB:
    case PY_BINOP_ISUB: {
        py_int_t r = a - b;
        return PY_SMALL_FITS(r) ? PY_SMALL(r) : PY_NULL;
    }
    case PY_BINOP_AND:
    case PY_BINOP_IAND:
        return PY_SMALL(a & b);
    case PY_BINOP_OR:
    case PY_BINOP_IOR:
        return PY_SMALL(a | b);
    case PY_BINOP_XOR:
    case PY_BINOP_IXOR:
        return PY_SMALL(a ^ b);
    default:
        return PY_NULL;
    }
}

py_val py_binary_op(py_binop op, py_val lhs, py_val rhs) {
    if (py_is_small(lhs) && py_is_small(rhs)) {
        py_val r = small_binary(op, py_small_value(lhs), py_small_value(rhs));
        if (r != PY_NULL) {
            return r;
        }
    }
    switch (op) {
    case PY_BINOP_IS:
        return PY_BOOL(lhs == rhs);
    case PY_BINOP_IS_NOT:
        return PY_BOOL(lhs != rhs);
    case PY_BINOP_IN:
        return PY_BOOL(contains(rhs, lhs));
    case PY_BINOP_NOT_IN:
        return PY_BOOL(!contains(rhs, lhs));
    case PY_BINOP_CONTAINS:
        return PY_BOOL(contains(lhs, rhs));
    case PY_BINOP_EXC_MATCH:
        if (!valid_exc_class(rhs)) {
            py_raise_type_error(
                "catching classes that do not inherit from BaseException is not allowed");
        }
        return PY_BOOL(py_exc_matches(lhs, rhs));
    case PY_BINOP_LT:
    case PY_BINOP_GT:
    case PY_BINOP_EQ:
    case PY_BINOP_LE:
    case PY_BINOP_GE:
    case PY_BINOP_NE:
        return compare(op, lhs, rhs);
    default:
        break;
    }
    if (op >= PY_BINOP_IOR && op <= PY_BINOP_IPOW) {
        py_val r = try_slot(py_type_of(lhs), op, lhs, rhs);
        if (r != PY_NULL) {
            return r;
        }
        return arith(PY_BINOP_INPLACE_TO_PLAIN(op), lhs, rhs, op);
    }
    if (op >= PY_BINOP_ROR && op <= PY_BINOP_RPOW) {
        /* asked for directly: x.__radd__(y) is y + x */
        py_binop plain = (py_binop)(op - (PY_BINOP_ROR - PY_BINOP_OR));
        return arith(plain, rhs, lhs, plain);
    }
    return arith(op, lhs, rhs, op);
}

bool py_equal(py_val a, py_val b) {
    if (a == b) {
        return true;
    }
    /* distinct small ints, or distinct interned strings, or one of each */
    if ((py_is_small(a) || py_is_qstr(a)) && (py_is_small(b) || py_is_qstr(b))) {
        return false;
    }
    py_stack_check(); /* containers compare their items */
    return py_truthy(py_binary_op(PY_BINOP_EQ, a, b));
}

/* ---------------------------------------------------------------- subscripts */

static py_val subscr(py_val obj, py_val index, py_val value) {
    const py_type *t = py_type_of(obj);
    return t->subscr != NULL ? t->subscr(obj, index, value) : PY_NULL;
}

py_val py_subscr_load(py_val obj, py_val index) {
    py_val r = subscr(obj, index, PY_SENTINEL);
    if (r == PY_NULL) {
        if (py_is_type(obj, &py_type_type)) {
            py_raise_type_error("type '%q' is not subscriptable",
                                (py_qstr)((const py_type *)py_ptr(obj))->name);
        }
        py_raise_type_error("'%s' object is not subscriptable", py_type_name(obj));
    }
    return r;
}

void py_subscr_store(py_val obj, py_val index, py_val value) {
    if (subscr(obj, index, value) == PY_NULL) {
        py_raise_type_error("'%s' object does not support item assignment", py_type_name(obj));
    }
}

void py_subscr_delete(py_val obj, py_val index) {
    if (subscr(obj, index, PY_NULL) == PY_NULL) {
        py_raise_type_error("'%s' object doesn't support item deletion", py_type_name(obj));
    }
}

/* ---------------------------------------------------------------- iteration */

/* iter() over a type with __getitem__ but no __iter__: obj[0], obj[1], ...
 * until IndexError or StopIteration. */
typedef struct seq_iter {
    py_head head;
    py_val seq;
    size_t index;
} seq_iter;

static py_val seq_iter_next(py_val self) {
    seq_iter *it = py_ptr(self);
    if (it->seq == PY_NULL) {
        return PY_STOP;
    }
    volatile py_val r = PY_NULL;
    py_nlr nlr;
    py_try(nlr) {
        r = py_subscr_load(it->seq, PY_SMALL((py_int_t)it->index));
        py_nlr_pop();
    } else {
        if (py_isinstance(nlr.exc, &py_type_IndexError) ||
            py_isinstance(nlr.exc, &py_type_StopIteration)) {
            it->seq = PY_NULL;
            return PY_STOP;
        }
        py_nlr_jump(nlr.exc);
    }
    it->index++;
    return r;
}

static const py_type seq_iter_type = {
    .head = {&py_type_type},
    .name = Q_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .iternext = seq_iter_next,
};

py_val py_getitem_iter_new(py_val obj) {
    seq_iter *it = py_new(seq_iter);
    it->head.type = &seq_iter_type;
    it->seq = obj;
    return PY_OBJ(it);
}

static py_val getiter_maybe(py_val v) {
    const py_type *t = py_type_of(v);
    if (t->getiter != NULL) {
        return t->getiter(v);
    }
    if (t->iternext != NULL) {
        return v;
    }
    if (t->subscr != NULL) {
        return py_getitem_iter_new(v);
    }
    return PY_NULL;
}

py_val py_getiter(py_val v) {
    py_val it = getiter_maybe(v);
    if (it == PY_NULL) {
        py_raise_type_error("'%s' object is not iterable", py_type_name(v));
    }
    return it;
}

py_val py_iternext(py_val it) {
    const py_type *t = py_type_of(it);
    if (t->iternext == NULL) {
        py_raise_type_error("'%s' object is not an iterator", py_type_name(it));
    }
    return t->iternext(it);
}

py_val py_iternext_or_raise(py_val it) {
    py_val r = py_iternext(it);
    if (r == PY_STOP) {
        py_raise_type(&py_type_StopIteration);
    }
    return r;
}
