/*
 * objmemview.c - memoryview: a window on another object's buffer.
 *
 * A view remembers the object (which keeps it alive), where its first item
 * starts and how far apart items are, never a raw pointer: a bytearray may
 * move its bytes when it grows, so each access asks the object for its
 * buffer again and checks that the window still fits. Slicing makes a new
 * window on the same object without copying.
 */
#include <string.h>

#include "campy.h"
#include "objstr.h"

typedef struct memview {
    py_head head;
    py_val obj;     /* the object whose buffer is viewed */
    size_t start;   /* byte offset of item 0 in that buffer */
    size_t len;     /* number of items */
    py_int_t step;  /* bytes from one item to the next (itemsize when contiguous) */
    char typecode;  /* 'B', 'b', 'h', 'H', 'i', 'I', 'l', 'L', 'q', 'Q', 'f', 'd' */
    uint8_t itemsize;
    bool readonly;
} memview;

static memview *mv_of(py_val v) { return py_ptr(v); }

static size_t item_size(char tc) {
    switch (tc) {
    case 'b':
    case 'B':
        return 1;
    case 'h':
    case 'H':
        return 2;
    case 'i':
    case 'I':
        return sizeof(int);
    case 'l':
    case 'L':
        return sizeof(long);
    case 'q':
    case 'Q':
        return 8;
    case 'f':
        return sizeof(float);
    case 'd':
        return sizeof(double);
    default:
        return 0;
    }
}

static bool contiguous(const memview *m) { return m->step == (py_int_t)m->itemsize; }

/* The viewed object's bytes, after checking that the window still fits. */
static char *mv_bytes(const memview *m, bool write) {
    py_buffer buf;
    if (write && m->readonly) {
        py_raise_type_error("cannot modify read-only memory");
    }
    if (!py_get_buffer(m->obj, &buf, write ? PY_BUFFER_RW : PY_BUFFER_READ)) {
        py_raise_value_error("memoryview: underlying buffer is not accessible");
    }
    if (m->len > 0) {
        py_int_t first = (py_int_t)m->start;
        py_int_t last = first + (py_int_t)(m->len - 1) * m->step;
        py_int_t lo = first < last ? first : last;
        py_int_t hi = (first < last ? last : first) + (py_int_t)m->itemsize;
        if (lo < 0 || (size_t)hi > buf.len) {
            py_raise_value_error("memoryview: underlying buffer has shrunk");
        }
    }
    return buf.buf;
}

static py_val item_get(char tc, const char *p) {
    switch (tc) {
    case 'b': {
        int8_t v;
        memcpy(&v, p, 1);
        return PY_SMALL(v);
    }
    case 'h': {
        int16_t v;
        memcpy(&v, p, 2);
        return PY_SMALL(v);
    }
    case 'H': {
        uint16_t v;
        memcpy(&v, p, 2);
        return PY_SMALL(v);
    }
    case 'i': {
        int v;
        memcpy(&v, p, sizeof(v));
        return py_int_from_i64(v);
    }
    case 'I': {
        unsigned v;
        memcpy(&v, p, sizeof(v));
        return py_int_from_u64(v);
    }
    case 'l': {
        long v;
        memcpy(&v, p, sizeof(v));
        return py_int_from_i64(v);
    }
    case 'L': {
        unsigned long v;
        memcpy(&v, p, sizeof(v));
        return py_int_from_u64(v);
    }
    case 'q': {
        int64_t v;
        memcpy(&v, p, 8);
        return py_int_from_i64(v);
    }
    case 'Q': {
        uint64_t v;
        memcpy(&v, p, 8);
        return py_int_from_u64(v);
    }
    case 'f': {
        float v;
        memcpy(&v, p, sizeof(v));
        return py_float_new((py_float_t)v);
    }
    case 'd': {
        double v;
        memcpy(&v, p, sizeof(v));
        return py_float_new((py_float_t)v);
    }
    default:
        return PY_SMALL((unsigned char)*p);
    }
}

static _Noreturn void bad_value(char tc) {
    py_raise_value_error("memoryview: invalid value for format '%c'", tc);
}

static void item_set(char tc, char *p, py_val v) {
    if (tc == 'f' || tc == 'd') {
        py_float_t f;
        if (!py_get_float_maybe(v, &f)) {
            py_raise_type_error("memoryview: invalid type for format '%c'", tc);
        }
        if (tc == 'f') {
            float x = (float)f;
            memcpy(p, &x, sizeof(x));
        } else {
            double x = (double)f;
            memcpy(p, &x, sizeof(x));
        }
        return;
    }
    if (!py_is_int(v)) {
        py_raise_type_error("memoryview: invalid type for format '%c'", tc);
    }
    bool is_unsigned = tc == 'B' || tc == 'H' || tc == 'I' || tc == 'L' || tc == 'Q';
    size_t size = item_size(tc);
    if (is_unsigned && size == 8) {
        if (py_truthy(py_binary_op(PY_BINOP_LT, v, PY_SMALL(0)))) {
            bad_value(tc);
        }
        /* values above 2**63 - 1 do not fit a signed read: go through the halves */
        py_val hi = py_binary_op(PY_BINOP_RSHIFT, v, PY_SMALL(32));
        py_val lo = py_binary_op(PY_BINOP_AND, v, py_int_from_u64(0xffffffffu));
        long long h = py_get_i64(hi);
        if (h < 0 || h > 0xffffffffLL) {
            bad_value(tc);
        }
        uint64_t x = ((uint64_t)h << 32) | (uint64_t)py_get_i64(lo);
        memcpy(p, &x, 8);
        return;
    }
    long long k;
    py_int_t small;
    if (py_get_int_maybe(v, &small)) {
        k = small;
    } else {
        if (size < 8) {
            bad_value(tc);
        }
        k = py_get_i64(v);
    }
    if (is_unsigned) {
        if (k < 0 || (size < 8 && (unsigned long long)k >> (8 * size) != 0)) {
            bad_value(tc);
        }
    } else if (size < 8) {
        long long lim = 1LL << (8 * size - 1);
        if (k < -lim || k >= lim) {
            bad_value(tc);
        }
    }
    /* store the low `size` bytes in the machine's byte order */
    switch (size) {
    case 1: {
        uint8_t x = (uint8_t)k;
        memcpy(p, &x, 1);
        break;
    }
    case 2: {
        uint16_t x = (uint16_t)k;
        memcpy(p, &x, 2);
        break;
    }
    case 4: {
        uint32_t x = (uint32_t)k;
        memcpy(p, &x, 4);
        break;
    }
    default: {
        uint64_t x = (uint64_t)k;
        memcpy(p, &x, 8);
        break;
    }
    }
}

static py_val mv_new(py_val obj, size_t start, size_t len, py_int_t step, char tc, bool readonly) {
    memview *m = py_new(memview);
    m->head.type = &py_type_memoryview;
    m->obj = obj;
    m->start = start;
    m->len = len;
    m->step = step;
    m->typecode = tc;
    m->itemsize = (uint8_t)item_size(tc);
    m->readonly = readonly;
    return PY_OBJ(m);
}

static py_val mv_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    (void)type;
    static const py_arg_spec spec[] = {{Q_object, PY_ARG_REQUIRED, PY_NULL}};
    py_val obj;
    py_parse_args_raw(n_args, n_kw, args, 1, spec, &obj);
    if (py_is_type(obj, &py_type_memoryview)) {
        memview *m = mv_of(obj);
        return mv_new(m->obj, m->start, m->len, m->step, m->typecode, m->readonly);
    }
    py_buffer buf, wbuf;
    if (py_is_str(obj) || !py_get_buffer(obj, &buf, PY_BUFFER_READ)) {
        py_raise_type_error("memoryview: a bytes-like object is required, not '%s'",
                            py_type_name(obj));
    }
    char tc = item_size(buf.typecode) != 0 ? buf.typecode : 'B';
    size_t size = item_size(tc);
    bool readonly = !py_get_buffer(obj, &wbuf, PY_BUFFER_WRITE);
    return mv_new(obj, 0, buf.len / size, (py_int_t)size, tc, readonly);
}

py_val py_memview_tobytes(py_val v) {
    memview *m = mv_of(v);
    size_t n = m->len * m->itemsize;
    py_str_obj *o = py_strobj_alloc(&py_type_bytes, n);
    char *d = py_str_obj_data(o);
    const char *src = mv_bytes(m, false);
    if (contiguous(m)) {
        if (n > 0) {
            memcpy(d, src + m->start, n);
        }
    } else {
        for (size_t i = 0; i < m->len; i++) {
            memcpy(d + i * m->itemsize, src + m->start + (py_int_t)i * m->step, m->itemsize);
        }
    }
    return py_strobj_seal(o, 1);
}

static void mv_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_printf(out, "<memory at %p>", py_ptr(self));
}

static py_val mv_unary_op(py_unop op, py_val self) {
    memview *m = mv_of(self);
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(m->len != 0);
    case PY_UNOP_LEN:
        return PY_SMALL((py_int_t)m->len);
    case PY_UNOP_HASH: {
        if (!m->readonly) {
            py_raise_value_error("cannot hash writable memoryview object");
        }
        py_val b = py_memview_tobytes(self);
        return PY_SMALL(py_str_hash_of(b));
    }
    default:
        return PY_NULL;
    }
}

/* Item i of anything with a buffer, for comparisons. */
static py_val buffer_item(const py_buffer *buf, size_t i) {
    char tc = item_size(buf->typecode) != 0 ? buf->typecode : 'B';
    return item_get(tc, (const char *)buf->buf + i * item_size(tc));
}

static py_val mv_binary_op(py_binop op, py_val lhs, py_val rhs) {
    if (op != PY_BINOP_EQ && op != PY_BINOP_NE) {
        return PY_NULL;
    }
    memview *m = mv_of(lhs);
    bool eq;
    if (lhs == rhs) {
        eq = true;
    } else if (py_is_str(rhs)) {
        eq = false;
    } else if (py_is_type(rhs, &py_type_memoryview)) {
        memview *r = mv_of(rhs);
        eq = m->len == r->len;
        const char *a = mv_bytes(m, false), *b = mv_bytes(r, false);
        for (size_t i = 0; eq && i < m->len; i++) {
            eq = py_equal(item_get(m->typecode, a + m->start + (py_int_t)i * m->step),
                          item_get(r->typecode, b + r->start + (py_int_t)i * r->step));
        }
    } else {
        py_buffer buf;
        if (!py_get_buffer(rhs, &buf, PY_BUFFER_READ)) {
            eq = false;
        } else {
            size_t rsize = item_size(buf.typecode) != 0 ? item_size(buf.typecode) : 1;
            eq = m->len == buf.len / rsize;
            const char *a = mv_bytes(m, false);
            for (size_t i = 0; eq && i < m->len; i++) {
                eq = py_equal(item_get(m->typecode, a + m->start + (py_int_t)i * m->step),
                              buffer_item(&buf, i));
            }
        }
    }
    return PY_BOOL(eq == (op == PY_BINOP_EQ));
}

static void mv_store_slice(memview *m, py_val slice, py_val value) {
    py_int_t start, stop, step;
    size_t count = py_slice_indices(slice, m->len, &start, &stop, &step);
    py_buffer src;
    if (py_is_str(value) || !py_get_buffer(value, &src, PY_BUFFER_READ)) {
        py_raise_type_error("a bytes-like object is required, not '%s'", py_type_name(value));
    }
    char *dst = mv_bytes(m, true);
    size_t n = count * m->itemsize;
    char src_tc = item_size(src.typecode) != 0 ? src.typecode : 'B';
    if (src.len != n || item_size(src_tc) != m->itemsize) {
        py_raise_value_error(
            "memoryview assignment: lvalue and rvalue have different structures");
    }
    py_int_t first = (py_int_t)m->start + start * m->step;
    if (step == 1 && contiguous(m)) {
        if (n > 0) {
            memmove(dst + first, src.buf, n);
        }
        return;
    }
    /* copy the source first: it may be this very buffer */
    py_val tmp = py_bytes_new(src.buf, n);
    size_t len;
    const char *s = py_str_data(tmp, &len);
    for (size_t i = 0; i < count; i++) {
        memcpy(dst + first + (py_int_t)i * step * m->step, s + i * m->itemsize,
               m->itemsize);
    }
}

static py_val mv_subscr(py_val self, py_val index, py_val value) {
    memview *m = mv_of(self);
    if (value == PY_NULL) {
        py_raise_type_error("cannot delete memory");
    }
    if (py_is_type(index, &py_type_slice)) {
        if (value != PY_SENTINEL) {
            mv_store_slice(m, index, value);
            return PY_NONE;
        }
        py_int_t start, stop, step;
        size_t count = py_slice_indices(index, m->len, &start, &stop, &step);
        size_t first = count == 0 ? m->start : (size_t)((py_int_t)m->start + start * m->step);
        return mv_new(m->obj, first, count, m->step * step, m->typecode, m->readonly);
    }
    size_t i = py_str_index(index, m->len, 3);
    if (value == PY_SENTINEL) {
        const char *p = mv_bytes(m, false);
        return item_get(m->typecode, p + (py_int_t)m->start + (py_int_t)i * m->step);
    }
    char *p = mv_bytes(m, true);
    item_set(m->typecode, p + (py_int_t)m->start + (py_int_t)i * m->step, value);
    return PY_NONE;
}

static bool mv_get_buffer(py_val self, py_buffer *buf, int flags) {
    memview *m = mv_of(self);
    if (!contiguous(m) || ((flags & PY_BUFFER_WRITE) && m->readonly)) {
        return false;
    }
    char *p = mv_bytes(m, false);
    buf->buf = p + m->start;
    buf->len = m->len * m->itemsize;
    buf->typecode = m->typecode;
    return true;
}

/* Iterator over the items. */
typedef struct mv_iter {
    py_head head;
    py_val view;
    size_t index;
} mv_iter;

static py_val mv_iter_next(py_val self) {
    mv_iter *it = py_ptr(self);
    memview *m = mv_of(it->view);
    if (it->index >= m->len) {
        return PY_STOP;
    }
    const char *p = mv_bytes(m, false);
    return item_get(m->typecode, p + (py_int_t)m->start + (py_int_t)(it->index++) * m->step);
}

static py_val iter_self(py_val self) { return self; }

static const py_type mv_iterator_type = {
    .head = {&py_type_type},
    .name = Q_memoryview_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .getiter = iter_self,
    .iternext = mv_iter_next,
};

static py_val mv_getiter(py_val self) {
    mv_iter *it = py_new(mv_iter);
    it->head.type = &mv_iterator_type;
    it->view = self;
    return PY_OBJ(it);
}

static void mv_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return; /* attributes are read-only: the runtime reports it */
    }
    memview *m = mv_of(self);
    switch (name) {
    case Q_itemsize:
        dest[0] = PY_SMALL(m->itemsize);
        break;
    case Q_readonly:
        dest[0] = PY_BOOL(m->readonly);
        break;
    case Q_nbytes:
        dest[0] = PY_SMALL((py_int_t)(m->len * m->itemsize));
        break;
    case Q_format: {
        char tc = m->typecode;
        dest[0] = py_str_new(&tc, 1);
        break;
    }
    case Q_obj:
        dest[0] = m->obj;
        break;
    case Q_ndim:
        dest[0] = PY_SMALL(1);
        break;
    case Q_shape: {
        py_val n = PY_SMALL((py_int_t)m->len);
        dest[0] = py_tuple_new(1, &n);
        break;
    }
    case Q_strides: {
        py_val n = PY_SMALL(m->step);
        dest[0] = py_tuple_new(1, &n);
        break;
    }
    case Q_contiguous:
    case Q_c_contiguous:
        dest[0] = PY_BOOL(contiguous(m));
        break;
    default:
        break;
    }
}

/* tobytes([order]): one dimension is laid out the same in every order. */
static py_val mv_tobytes(size_t n_args, const py_val *args) {
    if (n_args > 1 && args[1] != PY_NONE) {
        size_t n;
        const char *order = py_get_str(args[1], &n);
        if (n != 1 || (order[0] != 'C' && order[0] != 'F' && order[0] != 'A')) {
            py_raise_value_error("order must be 'C', 'F' or 'A'");
        }
    }
    return py_memview_tobytes(args[0]);
}
static PY_DEFINE_FUN_VAR(mv_tobytes_obj, 1, 2, mv_tobytes);

static py_val mv_tolist(py_val self) {
    memview *m = mv_of(self);
    py_val list = py_list_new(m->len, NULL);
    for (size_t i = 0; i < m->len; i++) {
        const char *p = mv_bytes(m, false); /* again each time: item_get may allocate */
        ((py_list *)py_ptr(list))->items[i] =
            item_get(m->typecode, p + (py_int_t)m->start + (py_int_t)i * m->step);
    }
    return list;
}
static PY_DEFINE_FUN_1(mv_tolist_obj, mv_tolist);

static py_val mv_hex(size_t n_args, const py_val *args) {
    py_val b = py_memview_tobytes(args[0]);
    size_t len;
    const char *s = py_str_data(b, &len);
    return py_bytes_hex(s, len, n_args - 1, args + 1);
}
static PY_DEFINE_FUN_VAR(mv_hex_obj, 1, 3, mv_hex);

static py_val mv_cast(py_val self, py_val format) {
    memview *m = mv_of(self);
    size_t n;
    const char *f = py_get_str(format, &n);
    size_t size = n == 1 ? item_size(f[0]) : 0;
    if (size == 0) {
        py_raise_value_error("memoryview: destination format must be a native single character "
                             "format prefixed with an optional '@'");
    }
    if (!contiguous(m)) {
        py_raise_type_error("memoryview: casts are restricted to C-contiguous views");
    }
    size_t bytes = m->len * m->itemsize;
    if (bytes % size != 0) {
        py_raise_type_error("memoryview: length is not a multiple of itemsize");
    }
    return mv_new(m->obj, m->start, bytes / size, (py_int_t)size, f[0], m->readonly);
}
static PY_DEFINE_FUN_2(mv_cast_obj, mv_cast);

static py_val mv_release(py_val self) {
    (void)self;
    return PY_NONE;
}
static PY_DEFINE_FUN_1(mv_release_obj, mv_release);

static const py_map_entry mv_locals_table[] = {
    {PY_QSTR(Q_cast), PY_OBJ(&mv_cast_obj)},
    {PY_QSTR(Q_hex), PY_OBJ(&mv_hex_obj)},
    {PY_QSTR(Q_release), PY_OBJ(&mv_release_obj)},
    {PY_QSTR(Q_tobytes), PY_OBJ(&mv_tobytes_obj)},
    {PY_QSTR(Q_tolist), PY_OBJ(&mv_tolist_obj)},
};
PY_DEFINE_FIXED_DICT(mv_locals, mv_locals_table);

const py_type py_type_memoryview = {
    .head = {&py_type_type},
    .name = Q_memoryview,
    .print = mv_print,
    .make_new = mv_make_new,
    .unary_op = mv_unary_op,
    .binary_op = mv_binary_op,
    .attr = mv_attr,
    .subscr = mv_subscr,
    .getiter = mv_getiter,
    .get_buffer = mv_get_buffer,
    .locals = PY_OBJ(&mv_locals),
};
