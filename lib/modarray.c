/*
 * modarray.c - the array module: compact sequences of C numbers.
 *
 * An array keeps its items as raw machine values in one growable leaf block,
 * so a thousand shorts take two kilobytes, not a thousand objects. Items
 * become Python ints and floats when read. Values that do not fit the
 * typecode raise OverflowError rather than wrapping, and the block is lent
 * out through the buffer protocol (bytes(a), memoryview(a), file writes).
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "campy.h"

typedef struct typecode_info {
    char code;
    uint8_t size;
    bool is_signed;
    bool is_float;
} typecode_info;

static const typecode_info typecodes[] = {
    {'b', 1, true, false},
    {'B', 1, false, false},
    {'h', sizeof(short), true, false},
    {'H', sizeof(short), false, false},
    {'i', sizeof(int), true, false},
    {'I', sizeof(int), false, false},
    {'l', sizeof(long), true, false},
    {'L', sizeof(long), false, false},
    {'q', sizeof(long long), true, false},
    {'Q', sizeof(long long), false, false},
    {'f', sizeof(float), true, true},
    {'d', sizeof(double), true, true},
};
#define N_TYPECODES (sizeof(typecodes) / sizeof(typecodes[0]))

typedef struct array_obj {
    py_head head;
    const typecode_info *type;
    size_t len, alloc; /* in items */
    uint8_t *items;
} array_obj;

static const py_type array_type;

static array_obj *array_of(py_val v) {
    if (!py_is_type(v, &array_type)) {
        py_raise_type_error("descriptor requires an 'array' object but received a '%s'",
                            py_type_name(v));
    }
    return py_ptr(v);
}

static bool is_array(py_val v) { return py_is_type(v, &array_type); }

static uint8_t *item_ptr(const array_obj *a, size_t i) { return a->items + i * a->type->size; }

/* ---------------------------------------------------------------- items */

static py_val item_get(const array_obj *a, size_t i) {
    const uint8_t *p = item_ptr(a, i);
    const typecode_info *t = a->type;
    if (t->is_float) {
        if (t->size == sizeof(float)) {
            float f;
            memcpy(&f, p, sizeof(f));
            return py_float_new((py_float_t)f);
        }
        double d;
        memcpy(&d, p, sizeof(d));
        return py_float_new((py_float_t)d);
    }
    uint64_t bits;
    switch (t->size) {
    case 1:
        bits = *p;
        break;
    case 2: {
        uint16_t v;
        memcpy(&v, p, 2);
        bits = v;
        break;
    }
    case 4: {
        uint32_t v;
        memcpy(&v, p, 4);
        bits = v;
        break;
    }
    default:
        memcpy(&bits, p, 8);
        break;
    }
    if (!t->is_signed) {
        return py_int_from_u64(bits);
    }
    unsigned width = 8u * t->size;
    if (width < 64 && (bits >> (width - 1)) & 1) {
        bits |= ~0ULL << width; /* sign-extend */
    }
    return py_int_from_i64((long long)bits);
}

static _Noreturn void out_of_range(const typecode_info *t) {
    py_raise_msg(&py_type_OverflowError, "value out of range for array typecode '%c'", t->code);
}

/* The bits of an int for typecode t, checked against its range. */
static uint64_t int_item_bits(const typecode_info *t, py_val v) {
    if (!py_is_int(v)) {
        py_raise_type_error("'%s' object cannot be interpreted as an integer", py_type_name(v));
    }
    if (!py_is_small(v) && !t->is_signed && t->size == 8 &&
        py_truthy(py_binary_op(PY_BINOP_GE, v, py_int_from_u64(1ULL << 63)))) {
        /* from 2**63 on: only an unsigned 64-bit item holds it */
        py_val two_63 = py_int_from_u64(1ULL << 63);
        py_val wrapped = py_binary_op(PY_BINOP_SUB, py_binary_op(PY_BINOP_SUB, v, two_63), two_63);
        if (!py_truthy(py_binary_op(PY_BINOP_LT, wrapped, PY_SMALL(0)))) {
            out_of_range(t);
        }
        return (uint64_t)py_get_i64(wrapped);
    }
    long long x;
    py_int_t small;
    if (py_get_int_maybe(v, &small)) {
        x = small;
    } else if (py_truthy(
                   py_binary_op(PY_BINOP_LT, v, py_int_from_i64(-0x7fffffffffffffffLL - 1))) ||
               py_truthy(py_binary_op(PY_BINOP_GT, v, py_int_from_i64(0x7fffffffffffffffLL)))) {
        out_of_range(t);
    } else {
        x = py_get_i64(v);
    }
    unsigned width = 8u * t->size;
    if (t->is_signed) {
        if (width < 64) {
            long long max = (long long)((1ULL << (width - 1)) - 1);
            if (x > max || x < -max - 1) {
                out_of_range(t);
            }
        }
    } else if (x < 0 || (width < 64 && ((unsigned long long)x >> width) != 0)) {
        out_of_range(t);
    }
    return (uint64_t)x;
}

/* A number as a float: beyond the float range an infinity, as a C cast
 * gives; tested first, as the cast itself would be undefined there. */
static float float_of(py_float_t f) {
    double d = (double)f, a = fabs(d);
    if (a > FLT_MAX && !isinf(d)) {
        return (float)copysign(a < FLT_MAX + ldexp(1.0, 103) ? FLT_MAX : INFINITY, d);
    }
    return (float)d;
}

/* Encodes v as one item of type t into out (t->size bytes). */
static void item_encode(const typecode_info *t, py_val v, uint8_t *out) {
    if (t->is_float) {
        py_float_t f;
        if (!py_get_float_maybe(v, &f)) {
            py_raise_type_error("must be real number, not %s", py_type_name(v));
        }
        if (t->size == sizeof(float)) {
            float x = float_of(f);
            memcpy(out, &x, sizeof(x));
        } else {
            double x = (double)f;
            memcpy(out, &x, sizeof(x));
        }
        return;
    }
    uint64_t bits = int_item_bits(t, v);
    switch (t->size) {
    case 1:
        *out = (uint8_t)bits;
        break;
    case 2: {
        uint16_t x = (uint16_t)bits;
        memcpy(out, &x, 2);
        break;
    }
    case 4: {
        uint32_t x = (uint32_t)bits;
        memcpy(out, &x, 4);
        break;
    }
    default:
        memcpy(out, &bits, 8);
        break;
    }
}

/* ---------------------------------------------------------------- storage */

static void array_reserve(array_obj *a, size_t n) {
    if (n <= a->alloc) {
        return;
    }
    if (n > (SIZE_MAX / 2) / a->type->size) {
        py_raise_memory_error();
    }
    size_t alloc = a->alloc + a->alloc / 2;
    if (alloc < n) {
        alloc = n;
    }
    if (alloc < 4) {
        alloc = 4;
    }
    if (a->items == NULL) {
        a->items = py_gc_alloc_flags(alloc * a->type->size, PY_GC_LEAF);
    } else {
        a->items = py_gc_realloc(a->items, alloc * a->type->size);
    }
    a->alloc = alloc;
}

static array_obj *array_new(const typecode_info *t, size_t n) {
    array_obj *a = py_new(array_obj);
    a->head.type = &array_type;
    a->type = t;
    array_reserve(a, n > 0 ? n : 1); /* items is never NULL */
    a->len = n;
    return a;
}

static void array_append_value(array_obj *a, py_val v) {
    uint8_t item[8];
    item_encode(a->type, v, item); /* before growing: a bad value changes nothing */
    array_reserve(a, a->len + 1);
    memcpy(item_ptr(a, a->len), item, a->type->size);
    a->len++;
}

static void array_append_bytes(array_obj *a, const void *data, size_t n_bytes) {
    if (n_bytes % a->type->size != 0) {
        py_raise_value_error("bytes length not a multiple of item size");
    }
    size_t n = n_bytes / a->type->size;
    array_reserve(a, a->len + n);
    memmove(item_ptr(a, a->len), data, n_bytes);
    a->len += n;
}

static void array_extend_from(array_obj *a, py_val iterable) {
    if (is_array(iterable)) {
        array_obj *b = py_ptr(iterable);
        if (b->type != a->type) {
            py_raise_type_error("can only extend with array of same kind");
        }
        array_append_bytes(a, b->items, b->len * b->type->size); /* b may be a */
        return;
    }
    py_val it = py_getiter(iterable), v;
    while ((v = py_iternext(it)) != PY_STOP) {
        array_append_value(a, v);
    }
}

static const typecode_info *typecode_arg(py_val v) {
    size_t len;
    if (!py_is_str(v)) {
        py_raise_type_error("array() argument 1 must be a unicode character, not %s",
                            py_type_name(v));
    }
    const char *s = py_str_data(v, &len);
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) {
        chars += ((unsigned char)s[i] & 0xc0) != 0x80; /* UTF-8: count the lead bytes */
    }
    if (chars != 1) { /* not one character: TypeError, as CPython */
        py_raise_type_error(
            "array() argument 1 must be a unicode character, not a str of length %zu", chars);
    }
    for (size_t i = 0; i < N_TYPECODES; i++) {
        if (typecodes[i].code == s[0]) {
            return &typecodes[i];
        }
    }
    py_raise_value_error("bad typecode (must be b, B, h, H, i, I, l, L, q, Q, f or d)");
}

static py_val array_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    (void)type;
    py_check_nargs(n_args, n_kw, 1, 2, false);
    const typecode_info *t = typecode_arg(args[0]);
    array_obj *a = array_new(t, 0);
    if (n_args == 2) {
        py_val init = args[1];
        if (py_is_str(init)) {
            py_raise_type_error("cannot use a str to initialize an array with typecode '%c'",
                                t->code);
        }
        if (py_is_type(init, &py_type_bytes) || py_is_type(init, &py_type_bytearray)) {
            py_buffer b;
            py_get_buffer_or_raise(init, &b, PY_BUFFER_READ);
            array_append_bytes(a, b.buf, b.len);
        } else {
            py_val n = py_len_maybe(init);
            if (n != PY_NULL && py_is_small(n)) {
                array_reserve(a, (size_t)py_small_value(n));
            }
            array_extend_from(a, init);
        }
    }
    return PY_OBJ(a);
}

/* ---------------------------------------------------------------- slots */

static void array_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    array_obj *a = array_of(self);
    py_printf(out, "array('%c'", a->type->code);
    if (a->len > 0) {
        py_print_str(out, ", [");
        for (size_t i = 0; i < a->len; i++) {
            if (i > 0) {
                py_print_str(out, ", ");
            }
            py_print_value(out, item_get(a, i), PY_PRINT_REPR);
        }
        py_print_str(out, "]");
    }
    py_print_str(out, ")");
}

static py_val array_unary_op(py_unop op, py_val self) {
    array_obj *a = array_of(self);
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(a->len != 0);
    case PY_UNOP_LEN:
        return py_int_from_u64(a->len);
    case PY_UNOP_HASH:
        py_raise_type_error("unhashable type: 'array'");
    default:
        return PY_NULL;
    }
}

/* Lexicographic comparison of two arrays by their Python values. */
static bool array_compare(py_binop op, array_obj *a, array_obj *b) {
    size_t i = 0;
    for (; i < a->len && i < b->len; i++) {
        py_val x = item_get(a, i), y = item_get(b, i);
        if (!py_equal(x, y)) {
            if (op == PY_BINOP_EQ) {
                return false;
            }
            if (op == PY_BINOP_NE) {
                return true;
            }
            return py_truthy(py_binary_op(op, x, y));
        }
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

static py_val array_repeat(array_obj *a, py_val count_v, array_obj *dest) {
    if (!py_is_int(count_v)) {
        return PY_NULL;
    }
    py_int_t k = py_get_int(count_v);
    size_t n = a->len, bytes = n * a->type->size;
    if (k <= 0 || n == 0) {
        k = 0;
    } else if ((size_t)k > (SIZE_MAX / 4) / (bytes == 0 ? 1 : bytes)) {
        py_raise_memory_error();
    }
    if (dest == NULL) {
        dest = array_new(a->type, 0);
    }
    array_reserve(dest, n * (size_t)k);
    for (py_int_t i = (dest == a) ? 1 : 0; i < k; i++) {
        memcpy(dest->items + (size_t)i * bytes, a->items, bytes);
    }
    dest->len = n * (size_t)k;
    return PY_OBJ(dest);
}

static py_val array_binary_op(py_binop op, py_val lhs, py_val rhs) {
    array_obj *a = array_of(lhs);
    switch (op) {
    case PY_BINOP_ADD: {
        if (!is_array(rhs)) {
            return PY_NULL;
        }
        array_obj *b = py_ptr(rhs);
        if (b->type != a->type) {
            py_raise_type_error("bad argument type for built-in operation");
        }
        array_obj *r = array_new(a->type, 0);
        array_append_bytes(r, a->items, a->len * a->type->size);
        array_append_bytes(r, b->items, b->len * b->type->size);
        return PY_OBJ(r);
    }
    case PY_BINOP_IADD:
        if (!is_array(rhs)) {
            py_raise_type_error("can only extend array with array (not \"%s\")", py_type_name(rhs));
        }
        array_extend_from(a, rhs);
        return lhs;
    case PY_BINOP_MUL:
    case PY_BINOP_RMUL:
        return array_repeat(a, rhs, NULL);
    case PY_BINOP_IMUL:
        return array_repeat(a, rhs, a);
    case PY_BINOP_CONTAINS:
        for (size_t i = 0; i < a->len; i++) {
            if (py_equal(item_get(a, i), rhs)) {
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
        if (!is_array(rhs)) {
            return op == PY_BINOP_EQ ? PY_FALSE : op == PY_BINOP_NE ? PY_TRUE : PY_NULL;
        }
        return PY_BOOL(array_compare(op, a, py_ptr(rhs)));
    default:
        return PY_NULL;
    }
}

static void array_delete_slice(array_obj *a, py_int_t start, py_int_t step, size_t count) {
    size_t size = a->type->size;
    if (step == 1) {
        size_t end = (size_t)start + count;
        memmove(item_ptr(a, (size_t)start), item_ptr(a, end), (a->len - end) * size);
        a->len -= count;
        return;
    }
    if (step < 0) { /* the same items, walking forwards */
        start += (py_int_t)(count - 1) * step;
        step = -step;
    }
    size_t w = (size_t)start, k = 0;
    for (size_t r = (size_t)start; r < a->len; r++) {
        if (k < count && r == (size_t)(start + (py_int_t)k * step)) {
            k++;
            continue;
        }
        memmove(a->items + w * size, a->items + r * size, size);
        w++;
    }
    a->len = w;
}

/* Positions for the array as it is now: the __index__ methods of an index
 * or of a slice's bounds run Python code that may resize the array, and
 * positions worked out for the old length must not be used on the new one. */
static size_t array_slice(array_obj *a, py_val slice, py_int_t *start, py_int_t *stop,
                          py_int_t *step) {
    size_t len = a->len;
    size_t count = py_slice_indices(slice, len, start, stop, step);
    if (a->len != len) {
        py_raise_msg(&py_type_RuntimeError, "array changed size during slicing");
    }
    return count;
}

static size_t array_position(array_obj *a, py_val index, const char *what) {
    size_t len = a->len;
    size_t i = py_get_index_in(index, len, what);
    if (a->len != len) {
        py_raise_msg(&py_type_RuntimeError, "array changed size during indexing");
    }
    return i;
}

static void array_assign_slice(array_obj *a, py_val slice, py_val value) {
    py_int_t start, stop, step;
    size_t count = array_slice(a, slice, &start, &stop, &step);
    if (value == PY_NULL) {
        if (count > 0) {
            array_delete_slice(a, start, step, count);
        }
        return;
    }
    if (!is_array(value)) {
        py_raise_type_error("can only assign array (not \"%s\") to array slice",
                            py_type_name(value));
    }
    array_obj *src = py_ptr(value);
    if (src->type != a->type) {
        py_raise_type_error("bad argument type for built-in operation");
    }
    size_t size = a->type->size, n = src->len;
    /* copy first: src may be a itself */
    uint8_t *copy = py_gc_alloc_flags(n * size + 1, PY_GC_LEAF);
    memcpy(copy, src->items, n * size);
    if (step != 1) {
        if (n != count) {
            py_raise_value_error(
                "attempt to assign array of size %zu to extended slice of size %zu", n, count);
        }
        for (size_t i = 0; i < n; i++) {
            memcpy(item_ptr(a, (size_t)(start + (py_int_t)i * step)), copy + i * size, size);
        }
    } else {
        if (stop < start) {
            stop = start;
        }
        size_t old = (size_t)(stop - start), tail = a->len - (size_t)stop;
        size_t new_len = a->len - old + n;
        array_reserve(a, new_len);
        memmove(item_ptr(a, (size_t)start + n), item_ptr(a, (size_t)stop), tail * size);
        memcpy(item_ptr(a, (size_t)start), copy, n * size);
        a->len = new_len;
    }
    py_gc_free(copy);
}

static py_val array_subscr(py_val self, py_val index, py_val value) {
    array_obj *a = array_of(self);
    if (py_is_type(index, &py_type_slice)) {
        if (value == PY_SENTINEL) {
            py_int_t start, stop, step;
            size_t count = array_slice(a, index, &start, &stop, &step);
            array_obj *r = array_new(a->type, count);
            for (size_t i = 0; i < count; i++) {
                memcpy(item_ptr(r, i), item_ptr(a, (size_t)(start + (py_int_t)i * step)),
                       a->type->size);
            }
            return PY_OBJ(r);
        }
        array_assign_slice(a, index, value);
        return PY_NONE;
    }
    size_t i = array_position(a, index, "array");
    if (value == PY_SENTINEL) {
        return item_get(a, i);
    }
    if (value == PY_NULL) {
        array_delete_slice(a, (py_int_t)i, 1, 1);
    } else {
        item_encode(a->type, value, item_ptr(a, i));
    }
    return PY_NONE;
}

static bool array_get_buffer(py_val self, py_buffer *buf, int flags) {
    (void)flags;
    array_obj *a = array_of(self);
    buf->buf = a->items;
    buf->len = a->len * a->type->size;
    buf->typecode = a->type->code;
    return true;
}

/* ---- iteration */

typedef struct array_iter {
    py_head head;
    py_val array;
    size_t index;
} array_iter;

static py_val array_iter_next(py_val self) {
    array_iter *it = py_ptr(self);
    array_obj *a = py_ptr(it->array);
    if (it->index >= a->len) {
        return PY_STOP;
    }
    return item_get(a, it->index++);
}

static const py_type array_iter_type = {
    .head = {&py_type_type},
    .name = Q_arrayiterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .iternext = array_iter_next,
};

static py_val array_getiter(py_val self) {
    array_iter *it = py_new(array_iter);
    it->head.type = &array_iter_type;
    it->array = PY_OBJ(array_of(self));
    return PY_OBJ(it);
}

/* ---------------------------------------------------------------- methods */

static py_val array_append(py_val self, py_val v) {
    array_append_value(array_of(self), v);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(array_append_obj, array_append);

static py_val array_extend(py_val self, py_val iterable) {
    array_extend_from(array_of(self), iterable);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(array_extend_obj, array_extend);

static py_val array_insert(py_val self, py_val index, py_val v) {
    array_obj *a = array_of(self);
    py_int_t i = py_get_int(index);
    if (i < 0) {
        i += (py_int_t)a->len;
        if (i < 0) {
            i = 0;
        }
    }
    if (i > (py_int_t)a->len) {
        i = (py_int_t)a->len;
    }
    uint8_t item[8];
    item_encode(a->type, v, item);
    array_reserve(a, a->len + 1);
    memmove(item_ptr(a, (size_t)i + 1), item_ptr(a, (size_t)i),
            (a->len - (size_t)i) * a->type->size);
    memcpy(item_ptr(a, (size_t)i), item, a->type->size);
    a->len++;
    return PY_NONE;
}
static PY_DEFINE_FUN_3(array_insert_obj, array_insert);

static py_val array_pop(size_t n_args, const py_val *args) {
    array_obj *a = array_of(args[0]);
    if (a->len == 0) {
        py_raise_msg(&py_type_IndexError, "pop from empty array");
    }
    size_t i = n_args > 1 ? array_position(a, args[1], "pop") : a->len - 1;
    py_val v = item_get(a, i);
    array_delete_slice(a, (py_int_t)i, 1, 1);
    return v;
}
static PY_DEFINE_FUN_VAR(array_pop_obj, 1, 2, array_pop);

static bool find_value(array_obj *a, py_val v, size_t from, size_t to, size_t *at) {
    for (size_t i = from; i < to && i < a->len; i++) {
        if (py_equal(item_get(a, i), v)) {
            *at = i;
            return true;
        }
    }
    return false;
}

static py_val array_remove(py_val self, py_val v) {
    array_obj *a = array_of(self);
    size_t i;
    if (!find_value(a, v, 0, a->len, &i)) {
        py_raise_value_error("array.remove(x): x not in array");
    }
    array_delete_slice(a, (py_int_t)i, 1, 1);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(array_remove_obj, array_remove);

/* A start or stop bound of index(): negative counts from the end, clamped. */
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

static py_val array_index(size_t n_args, const py_val *args) {
    array_obj *a = array_of(args[0]);
    size_t from = n_args > 2 ? bound_arg(args[2], a->len) : 0;
    size_t to = n_args > 3 ? bound_arg(args[3], a->len) : a->len;
    size_t i;
    if (!find_value(a, args[1], from, to, &i)) {
        py_raise_value_error("array.index(x): x not in array");
    }
    return py_int_from_u64(i);
}
static PY_DEFINE_FUN_VAR(array_index_obj, 2, 4, array_index);

static py_val array_count(py_val self, py_val v) {
    array_obj *a = array_of(self);
    size_t n = 0;
    for (size_t i = 0; i < a->len; i++) {
        n += py_equal(item_get(a, i), v);
    }
    return py_int_from_u64(n);
}
static PY_DEFINE_FUN_2(array_count_obj, array_count);

static py_val array_reverse(py_val self) {
    array_obj *a = array_of(self);
    size_t size = a->type->size;
    uint8_t tmp[8];
    for (size_t i = 0, j = a->len; i + 1 < j; i++, j--) {
        memcpy(tmp, item_ptr(a, i), size);
        memcpy(item_ptr(a, i), item_ptr(a, j - 1), size);
        memcpy(item_ptr(a, j - 1), tmp, size);
    }
    return PY_NONE;
}
static PY_DEFINE_FUN_1(array_reverse_obj, array_reverse);

static py_val array_byteswap(py_val self) {
    array_obj *a = array_of(self);
    size_t size = a->type->size;
    for (size_t i = 0; i < a->len; i++) {
        uint8_t *p = item_ptr(a, i);
        for (size_t k = 0; k < size / 2; k++) {
            uint8_t t = p[k];
            p[k] = p[size - 1 - k];
            p[size - 1 - k] = t;
        }
    }
    return PY_NONE;
}
static PY_DEFINE_FUN_1(array_byteswap_obj, array_byteswap);

static py_val array_tobytes(py_val self) {
    array_obj *a = array_of(self);
    return py_bytes_new(a->items, a->len * a->type->size);
}
static PY_DEFINE_FUN_1(array_tobytes_obj, array_tobytes);

static py_val array_frombytes(py_val self, py_val data) {
    array_obj *a = array_of(self);
    py_buffer b;
    if (py_is_str(data)) {
        py_raise_type_error("a bytes-like object is required, not 'str'");
    }
    py_get_buffer_or_raise(data, &b, PY_BUFFER_READ);
    if (b.len % a->type->size != 0) {
        py_raise_value_error("bytes length not a multiple of item size");
    }
    array_reserve(a, a->len + b.len / a->type->size);
    py_get_buffer_or_raise(data, &b, PY_BUFFER_READ); /* data may be a itself */
    array_append_bytes(a, b.buf, b.len);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(array_frombytes_obj, array_frombytes);

static py_val array_tolist(py_val self) {
    array_obj *a = array_of(self);
    py_val l = py_list_new(a->len, NULL);
    py_list *items = py_ptr(l);
    for (size_t i = 0; i < a->len && i < items->len; i++) {
        items->items[i] = item_get(a, i);
    }
    return l;
}
static PY_DEFINE_FUN_1(array_tolist_obj, array_tolist);

/* fromlist(list): all or nothing */
static py_val array_fromlist(py_val self, py_val list) {
    array_obj *a = array_of(self);
    if (!py_isinstance(list, &py_type_list)) {
        py_raise_type_error("arg must be list");
    }
    size_t old_len = a->len, n;
    py_val *items;
    py_get_array(list, &n, &items);
    py_nlr nlr;
    py_try(nlr) {
        for (size_t i = 0; i < n; i++) {
            py_get_array(list, &n, &items);
            if (i < n) {
                array_append_value(a, items[i]);
            }
        }
        py_nlr_pop();
    }
    else {
        a->len = old_len;
        py_raise(nlr.exc);
    }
    return PY_NONE;
}
static PY_DEFINE_FUN_2(array_fromlist_obj, array_fromlist);

static void array_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return;
    }
    array_obj *a = array_of(self);
    if (name == Q_typecode) {
        dest[0] = py_str_new(&a->type->code, 1);
    } else if (name == Q_itemsize) {
        dest[0] = PY_SMALL(a->type->size);
    }
}

static const py_map_entry array_locals_table[] = {
    {PY_QSTR(Q_append), PY_OBJ(&array_append_obj)},
    {PY_QSTR(Q_extend), PY_OBJ(&array_extend_obj)},
    {PY_QSTR(Q_insert), PY_OBJ(&array_insert_obj)},
    {PY_QSTR(Q_pop), PY_OBJ(&array_pop_obj)},
    {PY_QSTR(Q_remove), PY_OBJ(&array_remove_obj)},
    {PY_QSTR(Q_index), PY_OBJ(&array_index_obj)},
    {PY_QSTR(Q_count), PY_OBJ(&array_count_obj)},
    {PY_QSTR(Q_reverse), PY_OBJ(&array_reverse_obj)},
    {PY_QSTR(Q_byteswap), PY_OBJ(&array_byteswap_obj)},
    {PY_QSTR(Q_tobytes), PY_OBJ(&array_tobytes_obj)},
    {PY_QSTR(Q_frombytes), PY_OBJ(&array_frombytes_obj)},
    {PY_QSTR(Q_tolist), PY_OBJ(&array_tolist_obj)},
    {PY_QSTR(Q_fromlist), PY_OBJ(&array_fromlist_obj)},
};
static PY_DEFINE_FIXED_DICT(array_locals, array_locals_table);

static const py_type array_type = {
    .head = {&py_type_type},
    .name = Q_array,
    .print = array_print,
    .make_new = array_make_new,
    .unary_op = array_unary_op,
    .binary_op = array_binary_op,
    .attr = array_attr,
    .subscr = array_subscr,
    .getiter = array_getiter,
    .get_buffer = array_get_buffer,
    .locals = PY_OBJ(&array_locals),
};

static const py_map_entry array_module_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_array)},
    {PY_QSTR(Q_array), PY_OBJ(&array_type)},
    {PY_QSTR(Q_typecodes), PY_QSTR(Q_bBhHiIlLqQfd)},
};
static PY_DEFINE_FIXED_DICT(array_globals, array_module_table);
PY_DEFINE_MODULE(py_module_array, array_globals);
PY_REGISTER_MODULE(Q_array, py_module_array);
