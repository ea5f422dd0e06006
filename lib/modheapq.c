/*
 * modheapq.c - the heapq module: a binary min-heap kept in a plain list.
 *
 * heap[k] <= heap[2k+1] and heap[k] <= heap[2k+2] for every k, so heap[0]
 * is the smallest item. Items are compared with `<` only, which may run
 * Python code that changes the list: the length is checked after every
 * comparison and the item array read afresh.
 */
#include "campy.h"

static py_list *heap_arg(py_val v) {
    if (!py_isinstance(v, &py_type_list)) {
        py_raise_type_error("heap argument must be a list");
    }
    return py_ptr(v);
}

/* a < b, raising if the comparison changed the heap's size */
static bool heap_less(py_list *heap, size_t expected_len, py_val a, py_val b) {
    if (py_is_small(a) && py_is_small(b)) {
        return py_small_value(a) < py_small_value(b);
    }
    bool r = py_truthy(py_binary_op(PY_BINOP_LT, a, b));
    if (heap->len != expected_len) {
        py_raise_msg(&py_type_RuntimeError, "list changed size during iteration");
    }
    return r;
}

/* Moves the item at pos up towards start while it is smaller than its parent. */
static void sift_toward_root(py_list *heap, size_t start, size_t pos) {
    size_t len = heap->len;
    py_val item = heap->items[pos];
    while (pos > start) {
        size_t parent = (pos - 1) / 2;
        py_val above = heap->items[parent];
        if (!heap_less(heap, len, item, above)) {
            break;
        }
        heap->items[pos] = above;
        pos = parent;
    }
    heap->items[pos] = item;
}

/* Fills the hole at pos by moving the smaller child up, down to a leaf,
 * then puts the original item there and lets it rise: fewer comparisons
 * than stopping at the first place it fits, since it usually belongs low. */
static void sift_toward_leaves(py_list *heap, size_t pos) {
    size_t len = heap->len, start = pos;
    py_val item = heap->items[pos];
    size_t child = 2 * pos + 1;
    while (child < len) {
        size_t right = child + 1;
        if (right < len && !heap_less(heap, len, heap->items[child], heap->items[right])) {
            child = right;
        }
        heap->items[pos] = heap->items[child];
        pos = child;
        child = 2 * pos + 1;
    }
    heap->items[pos] = item;
    sift_toward_root(heap, start, pos);
}

static py_val heapq_heappush(py_val heap_v, py_val item) {
    py_list *heap = heap_arg(heap_v);
    py_list_append(heap_v, item);
    sift_toward_root(heap, 0, heap->len - 1);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(heapq_heappush_obj, heapq_heappush);

static py_val heapq_heappop(py_val heap_v) {
    py_list *heap = heap_arg(heap_v);
    if (heap->len == 0) {
        py_raise_msg(&py_type_IndexError, "index out of range");
    }
    py_val last = heap->items[--heap->len];
    heap->items[heap->len] = PY_NULL;
    if (heap->len == 0) {
        return last;
    }
    py_val top = heap->items[0];
    heap->items[0] = last;
    sift_toward_leaves(heap, 0);
    return top;
}
static PY_DEFINE_FUN_1(heapq_heappop_obj, heapq_heappop);

/* heapreplace: pop, then push; the heap never shrinks on the way */
static py_val heapq_heapreplace(py_val heap_v, py_val item) {
    py_list *heap = heap_arg(heap_v);
    if (heap->len == 0) {
        py_raise_msg(&py_type_IndexError, "index out of range");
    }
    py_val top = heap->items[0];
    heap->items[0] = item;
    sift_toward_leaves(heap, 0);
    return top;
}
static PY_DEFINE_FUN_2(heapq_heapreplace_obj, heapq_heapreplace);

/* heappushpop: push, then pop; item comes straight back if it is the smallest */
static py_val heapq_heappushpop(py_val heap_v, py_val item) {
    py_list *heap = heap_arg(heap_v);
    if (heap->len == 0 || !heap_less(heap, heap->len, heap->items[0], item)) {
        return item;
    }
    py_val top = heap->items[0];
    heap->items[0] = item;
    sift_toward_leaves(heap, 0);
    return top;
}
static PY_DEFINE_FUN_2(heapq_heappushpop_obj, heapq_heappushpop);

static py_val heapq_heapify(py_val heap_v) {
    py_list *heap = heap_arg(heap_v);
    for (size_t i = heap->len / 2; i-- > 0;) {
        sift_toward_leaves(heap, i);
    }
    return PY_NONE;
}
static PY_DEFINE_FUN_1(heapq_heapify_obj, heapq_heapify);

/* nsmallest / nlargest(n, iterable, key=None): the first n of the sorted
 * items, which is what they are defined to equal. */
static py_val first_sorted(size_t n_args, const py_val *args, py_map *kw, bool largest) {
    static const py_arg_spec spec[] = {
        {Q_n, PY_ARG_REQUIRED, PY_NULL},
        {Q_iterable, PY_ARG_REQUIRED, PY_NULL},
        {Q_key, 0, PY_NONE},
    };
    py_val v[3];
    py_parse_args(n_args, args, kw, 3, spec, v);
    py_int_t n = py_get_int(v[0]);
    py_val items = py_list_new(0, NULL);
    py_val it = py_getiter(v[1]), item;
    while ((item = py_iternext(it)) != PY_STOP) {
        py_list_append(items, item);
    }
    py_val sort_args[4] = {PY_QSTR(Q_key), v[2], PY_QSTR(Q_reverse), PY_BOOL(largest)};
    py_val sort[2];
    py_load_method(items, Q_sort, sort);
    py_call_method(sort, 0, 2, sort_args);
    py_list *l = py_ptr(items);
    size_t keep = n < 0 ? 0 : (size_t)n < l->len ? (size_t)n : l->len;
    return py_list_new(keep, l->items);
}

static py_val heapq_nsmallest(size_t n_args, const py_val *args, py_map *kw) {
    return first_sorted(n_args, args, kw, false);
}
static PY_DEFINE_FUN_KW(heapq_nsmallest_obj, 2, heapq_nsmallest);

static py_val heapq_nlargest(size_t n_args, const py_val *args, py_map *kw) {
    return first_sorted(n_args, args, kw, true);
}
static PY_DEFINE_FUN_KW(heapq_nlargest_obj, 2, heapq_nlargest);

static const py_map_entry heapq_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_heapq)},
    {PY_QSTR(Q_heappush), PY_OBJ(&heapq_heappush_obj)},
    {PY_QSTR(Q_heappop), PY_OBJ(&heapq_heappop_obj)},
    {PY_QSTR(Q_heapify), PY_OBJ(&heapq_heapify_obj)},
    {PY_QSTR(Q_heapreplace), PY_OBJ(&heapq_heapreplace_obj)},
    {PY_QSTR(Q_heappushpop), PY_OBJ(&heapq_heappushpop_obj)},
    {PY_QSTR(Q_nsmallest), PY_OBJ(&heapq_nsmallest_obj)},
    {PY_QSTR(Q_nlargest), PY_OBJ(&heapq_nlargest_obj)},
};
static PY_DEFINE_FIXED_DICT(heapq_globals, heapq_table);
PY_DEFINE_MODULE(py_module_heapq, heapq_globals);
PY_REGISTER_MODULE(Q_heapq, py_module_heapq);
