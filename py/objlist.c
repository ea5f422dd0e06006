/*
 * objlist.c - list: a header and a separately allocated item array that
 * grows by half again when full.
 *
 * sort() is a stable merge sort (Python promises stability), with keys
 * computed once when key= is given.
 */
#include <string.h>

#include "campy.h"
#include "objtype.h"
#include "seq.h"

static py_list *list_of(py_val v) {
    if (!py_is_type(v, &py_type_list)) {
        v = py_native_value(v);
    }
    return py_ptr(v);
}

static void list_reserve(py_list *l, size_t n) {
    if (n <= l->alloc) {
        return;
    }
    if (n > SIZE_MAX / sizeof(py_val) / 2) {
        py_raise_memory_error();
    }
    size_t alloc = l->alloc + l->alloc / 2;
    if (alloc < n) {
        alloc = n;
    }
    if (alloc < 4) {
        alloc = 4;
    }
    l->items = py_gc_realloc(l->items, alloc * sizeof(py_val));
    l->alloc = alloc;
}

py_val py_list_new(size_t n, const py_val *items) {
    if (n > SIZE_MAX / sizeof(py_val) / 2) {
        py_raise_memory_error();
    }
    py_list *l = py_new(py_list);
    l->head.type = &py_type_list;
    if (n > 0) {
        l->items = py_gc_alloc(n * sizeof(py_val));
        l->alloc = n;
        for (size_t i = 0; i < n; i++) {
            l->items[i] = items == NULL ? PY_NONE : items[i];
        }
        l->len = n;
    }
    return PY_OBJ(l);
}

void py_list_append(py_val list, py_val item) {
    py_list *l = list_of(list);
    if (l->len == l->alloc) {
        list_reserve(l, l->len + 1);
    }
    l->items[l->len++] = item;
}

static void list_extend_from(py_list *l, py_val iterable) {
    size_t n;
    py_val *items;
    if (py_isinstance(iterable, &py_type_list) || py_isinstance(iterable, &py_type_tuple)) {
        py_get_array(iterable, &n, &items);
        list_reserve(l, l->len + n);
        py_get_array(iterable, &n, &items); /* l may be iterable itself: re-read */
        if (n > 0) { /* an empty list's items may be NULL, not for memmove */
            memmove(l->items + l->len, items, n * sizeof(py_val));
            l->len += n;
        }
        return;
    }
    py_val it = py_getiter(iterable), v;
    while ((v = py_iternext(it)) != PY_STOP) {
        py_list_append(PY_OBJ(l), v);
    }
}

static void list_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_list *l = list_of(self);
    py_seq_print(out, PY_OBJ(l), "[", "]", false);
}

static py_val list_make_new(const py_type *type, size_t n_args, size_t n_kw,
                            const py_val *args) {
    (void)type;
    py_check_nargs(n_args, n_kw, 0, 1, false);
    py_val l = py_list_new(0, NULL);
    if (n_args == 1) {
        list_extend_from(py_ptr(l), args[0]);
    }
    return l;
}

static py_val list_unary_op(py_unop op, py_val self) {
    py_list *l = list_of(self);
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(l->len != 0);
    case PY_UNOP_LEN:
        return PY_SMALL((py_int_t)l->len);
    default:
        return PY_NULL;
    }
}

static py_val list_binary_op(py_binop op, py_val lhs, py_val rhs) {
    py_list *a = list_of(lhs);
    switch (op) {
    case PY_BINOP_ADD: {
        if (!py_isinstance(rhs, &py_type_list)) {
            return PY_NULL;
        }
        py_list *b = list_of(rhs);
        py_val r = py_list_new(0, NULL);
        list_reserve(py_ptr(r), a->len + b->len);
        py_list *rl = py_ptr(r);
        if (a->len > 0) { /* items of empty lists may be NULL, not for memcpy */
            memcpy(rl->items, a->items, a->len * sizeof(py_val));
        }
        if (b->len > 0) {
            memcpy(rl->items + a->len, b->items, b->len * sizeof(py_val));
        }
        rl->len = a->len + b->len;
        return r;
    }
    case PY_BINOP_IADD:
        list_extend_from(a, rhs);
        return lhs;
    case PY_BINOP_MUL:
    case PY_BINOP_RMUL:
    case PY_BINOP_IMUL: {
        size_t k = py_seq_repeat_count(rhs, a->len);
        if (k == SIZE_MAX) {
            return PY_NULL;
        }
        size_t n = a->len;
        if (op == PY_BINOP_IMUL) {
            list_reserve(a, n * k);
            for (size_t i = 1; i < k; i++) {
                memcpy(a->items + i * n, a->items, n * sizeof(py_val));
            }
            a->len = n * k;
            return lhs;
        }
        py_val r = py_list_new(0, NULL);
        py_list *rl = py_ptr(r);
        list_reserve(rl, n * k);
        for (size_t i = 0; i < k; i++) {
            memcpy(rl->items + i * n, a->items, n * sizeof(py_val));
        }
        rl->len = n * k;
        return r;
    }
    case PY_BINOP_CONTAINS:
        return PY_BOOL(py_seq_contains(lhs, rhs));
    case PY_BINOP_EQ:
    case PY_BINOP_NE:
    case PY_BINOP_LT:
    case PY_BINOP_LE:
    case PY_BINOP_GT:
    case PY_BINOP_GE: {
        if (!py_isinstance(rhs, &py_type_list)) {
            return op == PY_BINOP_EQ ? PY_FALSE : op == PY_BINOP_NE ? PY_TRUE : PY_NULL;
        }
        return PY_BOOL(py_seq_compare(op, lhs, rhs));
    }
    default:
        return PY_NULL;
    }
}

/* Positions for the list as it is now. The __index__ methods of the slice's
 * bounds run Python code that may resize the list: positions worked out for
 * the old length must not be used on the new one. */
static size_t list_slice(py_list *l, py_val slice, py_int_t *start, py_int_t *stop,
                         py_int_t *step) {
    size_t len = l->len;
    size_t count = py_slice_indices(slice, len, start, stop, step);
    if (l->len != len) {
        py_raise_msg(&py_type_RuntimeError, "list changed size during slicing");
    }
    return count;
}

/* l[i], where __index__ may resize the list in the same way. */
static size_t list_position(py_list *l, py_val index) {
    size_t len = l->len;
    size_t i = py_get_index_in(index, len, "list");
    if (l->len != len) {
        py_raise_msg(&py_type_RuntimeError, "list changed size during indexing");
    }
    return i;
}

/* l[start:stop:step] = values (or del when values is PY_NULL). */
static void list_assign_slice(py_list *l, py_val slice, py_val values) {
    /* copy the new items first: values may be l itself, or a generator that
     * changes l */
    py_val tmp = values == PY_NULL ? PY_NULL : py_call1(PY_OBJ(&py_type_tuple), values);
    py_int_t start, stop, step;
    size_t count = list_slice(l, slice, &start, &stop, &step);
    if (values == PY_NULL) {
        if (step < 0) {
            /* delete the same items walking forwards */
            start = start + (py_int_t)(count - 1) * step;
            step = -step;
        }
        size_t w = (size_t)start, k = 0;
        for (size_t r = (size_t)start; r < l->len; r++) {
            if (k < count && r == (size_t)(start + (py_int_t)k * step)) {
                k++;
                continue;
            }
            l->items[w++] = l->items[r];
        }
        for (size_t i = w; i < l->len; i++) {
            l->items[i] = PY_NULL;
        }
        l->len = w;
        return;
    }
    size_t n;
    py_val *src;
    py_get_array(tmp, &n, &src);
    if (step != 1) {
        if (n != count) {
            py_raise_value_error("attempt to assign sequence of size %zu to extended slice of size %zu",
                                 n, count);
        }
        for (size_t i = 0; i < n; i++) {
            l->items[start + (py_int_t)i * step] = src[i];
        }
        return;
    }
    if (stop < start) {
        stop = start;
    }
    size_t old = (size_t)(stop - start);
    size_t new_len = l->len - old + n;
    list_reserve(l, new_len);
    memmove(l->items + start + n, l->items + stop, (l->len - (size_t)stop) * sizeof(py_val));
    memcpy(l->items + start, src, n * sizeof(py_val));
    for (size_t i = new_len; i < l->len; i++) {
        l->items[i] = PY_NULL;
    }
    l->len = new_len;
}

static py_val list_subscr(py_val self, py_val index, py_val value) {
    py_list *l = list_of(self);
    if (py_is_type(index, &py_type_slice)) {
        if (value == PY_SENTINEL) {
            py_int_t start, stop, step;
            size_t count = list_slice(l, index, &start, &stop, &step);
            py_val r = py_list_new(count, NULL);
            py_list *rl = py_ptr(r);
            for (size_t i = 0; i < count; i++) {
                rl->items[i] = l->items[start + (py_int_t)i * step];
            }
            return r;
        }
        list_assign_slice(l, index, value);
        return PY_NONE;
    }
    size_t i = list_position(l, index);
    if (value == PY_SENTINEL) {
        return l->items[i];
    }
    if (value == PY_NULL) {
        memmove(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof(py_val));
        l->items[--l->len] = PY_NULL;
    } else {
        l->items[i] = value;
    }
    return PY_NONE;
}

static py_val list_getiter(py_val self) { return py_seq_iter_new(PY_OBJ(list_of(self))); }

/* ---- methods */

static py_val list_append(py_val self, py_val v) {
    py_list_append(self, v);
    return PY_NONE;
}
PY_DEFINE_FUN_2(list_append_obj, list_append);

static py_val list_extend(py_val self, py_val it) {
    list_extend_from(list_of(self), it);
    return PY_NONE;
}
PY_DEFINE_FUN_2(list_extend_obj, list_extend);

static py_val list_insert(py_val self, py_val index, py_val v) {
    py_list *l = list_of(self);
    py_int_t i = py_get_int(index);
    if (i < 0) {
        i += (py_int_t)l->len;
        if (i < 0) {
            i = 0;
        }
    }
    if (i > (py_int_t)l->len) {
        i = (py_int_t)l->len;
    }
    list_reserve(l, l->len + 1);
    memmove(l->items + i + 1, l->items + i, (l->len - (size_t)i) * sizeof(py_val));
    l->items[i] = v;
    l->len++;
    return PY_NONE;
}
PY_DEFINE_FUN_3(list_insert_obj, list_insert);

static py_val list_pop(size_t n_args, const py_val *args) {
    py_list *l = list_of(args[0]);
    if (l->len == 0) {
        py_raise_msg(&py_type_IndexError, "pop from empty list");
    }
    size_t i = n_args > 1 ? list_position(l, args[1]) : l->len - 1;
    py_val v = l->items[i];
    memmove(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof(py_val));
    l->items[--l->len] = PY_NULL;
    /* give memory back when the list has shrunk a lot */
    if (l->alloc > 16 && l->len < l->alloc / 4) {
        l->items = py_gc_realloc(l->items, (l->alloc / 2) * sizeof(py_val));
        l->alloc /= 2;
    }
    return v;
}
PY_DEFINE_FUN_VAR(list_pop_obj, 1, 2, list_pop);

static py_val list_remove(py_val self, py_val v) {
    py_list *l = list_of(self);
    for (size_t i = 0; i < l->len; i++) {
        if (l->items[i] == v || py_equal(l->items[i], v)) {
            if (i < l->len) { /* __eq__ may have shortened the list */
                memmove(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof(py_val));
                l->items[--l->len] = PY_NULL;
            }
            return PY_NONE;
        }
    }
    py_raise_value_error("list.remove(x): x not in list");
}
PY_DEFINE_FUN_2(list_remove_obj, list_remove);

static py_val list_index(size_t n_args, const py_val *args) {
    return py_seq_index(PY_OBJ(list_of(args[0])), n_args - 1, args + 1, "list");
}
PY_DEFINE_FUN_VAR(list_index_obj, 2, 4, list_index);

static py_val list_count(py_val self, py_val v) {
    return py_seq_count(PY_OBJ(list_of(self)), v);
}
PY_DEFINE_FUN_2(list_count_obj, list_count);

static py_val list_reverse(py_val self) {
    py_list *l = list_of(self);
    for (size_t i = 0, j = l->len; i + 1 < j; i++, j--) {
        py_val t = l->items[i];
        l->items[i] = l->items[j - 1];
        l->items[j - 1] = t;
    }
    return PY_NONE;
}
PY_DEFINE_FUN_1(list_reverse_obj, list_reverse);

static py_val list_copy(py_val self) {
    py_list *l = list_of(self);
    return py_list_new(l->len, l->items);
}
PY_DEFINE_FUN_1(list_copy_obj, list_copy);

static py_val list_clear(py_val self) {
    py_list *l = list_of(self);
    l->len = 0;
    l->alloc = 0;
    l->items = NULL;
    return PY_NONE;
}
PY_DEFINE_FUN_1(list_clear_obj, list_clear);

/* ---- sort */

static bool less_than(py_val a, py_val b, bool reverse) {
    if (reverse) {
        py_val t = a;
        a = b;
        b = t;
    }
    if (py_is_small(a) && py_is_small(b)) {
        return py_small_value(a) < py_small_value(b);
    }
    return py_truthy(py_binary_op(PY_BINOP_LT, a, b));
}

/* Merge sort of keys[0..n) carrying vals along; tmp_* hold n items each. */
static void merge_sort(py_val *keys, py_val *vals, py_val *tmp_keys, py_val *tmp_vals,
                       size_t n, bool reverse) {
    /* insertion sort of small runs */
    const size_t run = 16;
    for (size_t lo = 0; lo < n; lo += run) {
        size_t hi = lo + run < n ? lo + run : n;
        for (size_t i = lo + 1; i < hi; i++) {
            py_val k = keys[i], v = vals != NULL ? vals[i] : PY_NULL;
            size_t j = i;
            while (j > lo && less_than(k, keys[j - 1], reverse)) {
                keys[j] = keys[j - 1];
                if (vals != NULL) {
                    vals[j] = vals[j - 1];
                }
                j--;
            }
            keys[j] = k;
            if (vals != NULL) {
                vals[j] = v;
            }
        }
    }
    for (size_t width = run; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            if (mid == hi || !less_than(keys[mid], keys[mid - 1], reverse)) {
                continue; /* already in order */
            }
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                /* take from the right only when strictly less: stable */
                bool right = less_than(keys[j], keys[i], reverse);
                size_t from = right ? j++ : i++;
                tmp_keys[k] = keys[from];
                if (vals != NULL) {
                    tmp_vals[k] = vals[from];
                }
                k++;
            }
            while (i < mid) {
                tmp_keys[k] = keys[i];
                if (vals != NULL) {
                    tmp_vals[k] = vals[i];
                }
                k++, i++;
            }
            while (j < hi) {
                tmp_keys[k] = keys[j];
                if (vals != NULL) {
                    tmp_vals[k] = vals[j];
                }
                k++, j++;
            }
            memcpy(keys + lo, tmp_keys + lo, (hi - lo) * sizeof(py_val));
            if (vals != NULL) {
                memcpy(vals + lo, tmp_vals + lo, (hi - lo) * sizeof(py_val));
            }
        }
    }
}

static py_val list_sort(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_key, PY_ARG_KW_ONLY, PY_NONE},
        {Q_reverse, PY_ARG_KW_ONLY, PY_FALSE},
    };
    if (n_args != 1) {
        py_raise_type_error("sort() takes no positional arguments");
    }
    py_val opts[2];
    py_parse_args(0, NULL, kw, 2, spec, opts);
    py_list *l = list_of(args[0]);
    size_t n = l->len;
    if (n < 2) {
        return PY_NONE;
    }
    bool reverse = py_truthy(opts[1]);
    /* Sort a copy so that an exception in a comparison leaves the list whole;
     * reverse is done as reverse-compare so equal items keep their order. */
    py_val *keys = py_gc_alloc(n * sizeof(py_val));
    py_val *vals = NULL, *tmp_vals = NULL;
    if (opts[0] != PY_NONE) {
        vals = py_gc_alloc(n * sizeof(py_val));
        tmp_vals = py_gc_alloc(n * sizeof(py_val));
        for (size_t i = 0; i < n; i++) {
            if (l->len != n) { /* the key function changed the list */
                py_raise_value_error("list modified during sort");
            }
            vals[i] = l->items[i];
            keys[i] = py_call1(opts[0], vals[i]);
        }
    } else {
        memcpy(keys, l->items, n * sizeof(py_val));
    }
    py_val *tmp_keys = py_gc_alloc(n * sizeof(py_val));
    merge_sort(keys, vals, tmp_keys, tmp_vals, n, reverse);
    if (l->len != n) {
        py_raise_value_error("list modified during sort");
    }
    memcpy(l->items, vals != NULL ? vals : keys, n * sizeof(py_val));
    py_gc_free(tmp_keys);
    py_gc_free(keys);
    if (vals != NULL) {
        py_gc_free(vals);
        py_gc_free(tmp_vals);
    }
    return PY_NONE;
}
PY_DEFINE_FUN_KW(list_sort_obj, 1, list_sort);

static const py_map_entry list_locals_table[] = {
    {PY_QSTR(Q_append), PY_OBJ(&list_append_obj)},
    {PY_QSTR(Q_clear), PY_OBJ(&list_clear_obj)},
    {PY_QSTR(Q_copy), PY_OBJ(&list_copy_obj)},
    {PY_QSTR(Q_count), PY_OBJ(&list_count_obj)},
    {PY_QSTR(Q_extend), PY_OBJ(&list_extend_obj)},
    {PY_QSTR(Q_index), PY_OBJ(&list_index_obj)},
    {PY_QSTR(Q_insert), PY_OBJ(&list_insert_obj)},
    {PY_QSTR(Q_pop), PY_OBJ(&list_pop_obj)},
    {PY_QSTR(Q_remove), PY_OBJ(&list_remove_obj)},
    {PY_QSTR(Q_reverse), PY_OBJ(&list_reverse_obj)},
    {PY_QSTR(Q_sort), PY_OBJ(&list_sort_obj)},
};
PY_DEFINE_FIXED_DICT(list_locals, list_locals_table);

const py_type py_type_list = {
    .head = {&py_type_type},
    .name = Q_list,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = list_print,
    .make_new = list_make_new,
    .unary_op = list_unary_op,
    .binary_op = list_binary_op,
    .subscr = list_subscr,
    .getiter = list_getiter,
    .locals = PY_OBJ(&list_locals),
};
