/*
 * objbytes.c - bytes and bytearray, and the buffer protocol entry points.
 *
 * bytes has the layout of a heap str (objstr.h): one leaf block with the
 * header, the bytes and a NUL. A bytearray keeps its bytes in a separate
 * block that grows by half again when full. Most methods are the ones str
 * has, shared from objstr.c; here are construction, mutation, hex and the
 * operator slots.
 */
#include <string.h>

#include "campy.h"
#include "objstr.h"
#include "objtype.h"

/* ---------------------------------------------------------------- buffers */

bool py_get_buffer(py_val v, py_buffer *buf, int flags) {
    if (py_is_qstr(v) || (py_is_obj(v) && ((const py_head *)py_ptr(v))->type == &py_type_str)) {
        /* a str lends its UTF-8 bytes for reading (stream writes, hashing) */
        if (flags & PY_BUFFER_WRITE) {
            return false;
        }
        size_t len;
        buf->buf = (void *)(uintptr_t)py_str_data(v, &len);
        buf->len = len;
        buf->typecode = 'B';
        return true;
    }
    if (!py_is_obj(v)) {
        return false;
    }
    const py_type *t = py_type_of(v);
    return t->get_buffer != NULL && t->get_buffer(v, buf, flags);
}

void py_get_buffer_or_raise(py_val v, py_buffer *buf, int flags) {
    if (!py_get_buffer(v, buf, flags)) {
        if ((flags & PY_BUFFER_WRITE) && py_get_buffer(v, buf, PY_BUFFER_READ)) {
            py_raise_type_error("a writable bytes-like object is required, not '%s'",
                                py_type_name(v));
        }
        py_raise_type_error("a bytes-like object is required, not '%s'", py_type_name(v));
    }
}

bool py_is_bytes_like(py_val v) {
    py_buffer buf;
    return !py_is_str(v) && py_get_buffer(v, &buf, PY_BUFFER_READ);
}

/* A bytes-like argument other than str. */
static bool bytes_arg(py_val v, py_strv *out) {
    if (py_strv_get(v, out)) {
        return out->kind != PY_SV_STR;
    }
    py_buffer buf;
    if (py_get_buffer(v, &buf, PY_BUFFER_READ)) {
        out->data = buf.buf;
        out->len = buf.len;
        out->kind = PY_SV_BYTES;
        out->ascii = true;
        return true;
    }
    return false;
}

/* ---------------------------------------------------------------- construction */

py_val py_bytes_new(const void *data, size_t len) {
    py_str_obj *o = py_strobj_alloc(&py_type_bytes, len);
    if (len > 0 && data != NULL) { /* NULL data: zeros, for the caller to fill */
        memcpy(py_str_obj_data(o), data, len);
    }
    return py_strobj_seal(o, 1);
}

static py_bytearray *ba_of(py_val v) {
    if (!py_is_type(v, &py_type_bytearray)) {
        v = py_native_value(v);
    }
    return py_ptr(v);
}

static void ba_reserve(py_bytearray *a, size_t n) {
    if (n <= a->alloc) {
        return;
    }
    if (n > PY_STR_MAX_LEN) {
        py_raise_memory_error();
    }
    size_t alloc = a->alloc + a->alloc / 2;
    if (alloc < n) {
        alloc = n;
    }
    if (alloc < 8) {
        alloc = 8;
    }
    if (a->data == NULL) {
        a->data = py_gc_alloc_flags(alloc, PY_GC_LEAF);
    } else {
        a->data = py_gc_realloc(a->data, alloc);
    }
    a->alloc = alloc;
}

py_val py_bytearray_new(const void *data, size_t len) {
    py_bytearray *a = py_new(py_bytearray);
    a->head.type = &py_type_bytearray;
    if (len > 0) {
        ba_reserve(a, len);
        if (data != NULL) {
            memcpy(a->data, data, len);
        }
        a->len = len;
    }
    return PY_OBJ(a);
}

/* Appends the bytes of an iterable of ints in range(256) to b. */
static void add_ints(py_buf *b, py_val iterable) {
    size_t n;
    py_val *items;
    py_val it = PY_NULL;
    if (py_isinstance(iterable, &py_type_list) || py_isinstance(iterable, &py_type_tuple)) {
        py_get_array(iterable, &n, &items);
    } else {
        it = py_getiter(iterable);
    }
    for (size_t i = 0;; i++) {
        py_val v;
        if (it == PY_NULL) {
            py_get_array(iterable, &n, &items); /* a list may change while we read it */
            if (i >= n) {
                break;
            }
            v = items[i];
        } else if ((v = py_iternext(it)) == PY_STOP) {
            break;
        }
        py_int_t k;
        if (!py_is_int(v)) {
            py_raise_type_error("'%s' object cannot be interpreted as an integer", py_type_name(v));
        }
        if (!py_get_int_maybe(v, &k) || k < 0 || k > 255) {
            py_raise_value_error("bytes must be in range(0, 256)");
        }
        py_buf_add_byte(b, (char)k);
    }
}

/* bytes(...) and bytearray(...): the contents in a builder of `type`. */
static py_val bytes_construct(const py_type *type, size_t n_args, size_t n_kw,
                              const py_val *args) {
    static const py_arg_spec spec[] = {
        {Q_source, 0, PY_NULL}, {Q_encoding, 0, PY_NULL}, {Q_errors, 0, PY_NULL}};
    py_val a[3];
    if (n_kw == 0 && n_args <= 1) {
        a[0] = n_args == 1 ? args[0] : PY_NULL;
        a[1] = a[2] = PY_NULL;
    } else {
        py_parse_args_raw(n_args, n_kw, args, 3, spec, a);
    }
    py_val src = a[0];
    if (src == PY_NULL) {
        if (a[1] != PY_NULL || a[2] != PY_NULL) {
            py_raise_type_error("encoding or errors without sequence argument");
        }
        return type == &py_type_bytes ? py_bytes_new(NULL, 0) : py_bytearray_new(NULL, 0);
    }
    if (py_is_str(src)) {
        if (a[1] == PY_NULL) {
            py_raise_type_error("string argument without an encoding");
        }
        py_val b = py_str_encode(type == &py_type_bytes ? "bytes" : "bytearray", src, a[1], a[2]);
        if (type == &py_type_bytes) {
            return b;
        }
        py_strv v;
        py_strv_get(b, &v);
        return py_bytearray_new(v.data, v.len);
    }
    if (a[1] != PY_NULL || a[2] != PY_NULL) {
        py_raise_type_error(a[1] != PY_NULL ? "encoding without a string argument"
                                            : "errors without a string argument");
    }
    if (py_is_int(src)) {
        py_int_t n;
        if (!py_get_int_maybe(src, &n)) {
            py_raise_msg(&py_type_OverflowError, "cannot fit 'int' into an index-sized integer");
        }
        if (n < 0) {
            py_raise_value_error("negative count");
        }
        if ((size_t)n > PY_STR_MAX_LEN) {
            py_raise_memory_error();
        }
        if (type == &py_type_bytes) {
            return py_strobj_seal(py_strobj_alloc(&py_type_bytes, (size_t)n), 1);
        }
        return py_bytearray_new(NULL, (size_t)n);
    }
    if (type == &py_type_bytes && py_is_type(src, &py_type_bytes)) {
        return src;
    }
    if (py_isinstance(src, &py_type_memoryview)) {
        src = py_memview_tobytes(src);
        if (type == &py_type_bytes) {
            return src;
        }
    }
    py_strv v;
    if (bytes_arg(src, &v)) {
        return type == &py_type_bytes ? py_bytes_new(v.data, v.len)
                                      : py_bytearray_new(v.data, v.len);
    }
    if (py_type_is_heap(py_type_of(src))) {
        py_val conv[2];
        py_load_method_maybe(src, Q___bytes__, conv);
        if (conv[0] != PY_NULL) {
            py_val r = py_call_method(conv, 0, 0, NULL);
            if (!py_isinstance(r, &py_type_bytes)) {
                py_raise_type_error("__bytes__ returned non-bytes (type %s)", py_type_name(r));
            }
            return type == &py_type_bytes ? r : bytes_construct(type, 1, 0, &r);
        }
    }
    py_val probe[2];
    py_load_method_maybe(src, Q___iter__, probe);
    if (probe[0] == PY_NULL && py_type_of(src)->getiter == NULL) {
        py_raise_type_error("cannot convert '%s' object to %q", py_type_name(src),
                            (py_qstr)type->name);
    }
    py_buf b;
    py_str_build_begin(&b, 16);
    add_ints(&b, src);
    return py_str_build_end(&b, type, 1);
}

static py_val bytes_make_new(const py_type *type, size_t n_args, size_t n_kw,
                             const py_val *args) {
    (void)type;
    return bytes_construct(&py_type_bytes, n_args, n_kw, args);
}

static py_val bytearray_make_new(const py_type *type, size_t n_args, size_t n_kw,
                                 const py_val *args) {
    (void)type;
    return bytes_construct(&py_type_bytearray, n_args, n_kw, args);
}

/* ---------------------------------------------------------------- shared slots */

static void bytes_view(py_val self, py_strv *v) {
    if (!py_strv_get(self, v) || v->kind == PY_SV_STR) {
        py_raise_type_error("expected bytes, got '%s'", py_type_name(self));
    }
}

static void bytes_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_strv v;
    bytes_view(self, &v);
    if (v.kind == PY_SV_BYTEARRAY) {
        py_print_str(out, "bytearray(");
        py_bytes_print_repr(out, v.data, v.len, true);
        py_print_str(out, ")");
    } else {
        py_bytes_print_repr(out, v.data, v.len, false);
    }
}

static py_val bytes_unary_op(py_unop op, py_val self) {
    py_strv v;
    bytes_view(self, &v);
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_BOOL(v.len != 0);
    case PY_UNOP_LEN:
        return PY_SMALL((py_int_t)v.len);
    case PY_UNOP_HASH:
        if (v.kind == PY_SV_BYTEARRAY) {
            return PY_NULL;
        }
        return PY_SMALL(py_str_hash_of(py_native_value(self)));
    case PY_UNOP_SIZEOF:
        return PY_SMALL((py_int_t)(PY_STR_HDR + v.len + 1));
    default:
        return PY_NULL;
    }
}

static void ba_extend_from(py_bytearray *a, py_val src);

static py_val bytes_binary_op(py_binop op, py_val lhs, py_val rhs) {
    py_strv a, b;
    bytes_view(lhs, &a);
    switch (op) {
    case PY_BINOP_IADD:
        if (a.kind == PY_SV_BYTEARRAY) {
            if (!bytes_arg(rhs, &b)) {
                py_raise_type_error("can't concat %s to bytearray", py_type_name(rhs));
            }
            ba_extend_from(ba_of(lhs), rhs);
            return lhs;
        }
        /* fall through */
    case PY_BINOP_ADD:
        if (!bytes_arg(rhs, &b)) {
            if (py_type_is_heap(py_type_of(rhs))) {
                return PY_NULL;
            }
            py_raise_type_error("can't concat %s to %s", py_type_name(rhs), py_type_name(lhs));
        }
        return py_strv_concat(&a, &b);
    case PY_BINOP_IMUL:
        if (a.kind == PY_SV_BYTEARRAY) {
            py_val r = py_strv_repeat(&a, rhs);
            if (r != PY_NULL) {
                py_bytearray *dst = ba_of(lhs), *src = py_ptr(r);
                ba_reserve(dst, src->len);
                memcpy(dst->data, src->data, src->len);
                dst->len = src->len;
                return lhs;
            }
        }
        /* fall through */
    case PY_BINOP_MUL:
    case PY_BINOP_RMUL: {
        py_val r = py_strv_repeat(&a, rhs);
        if (r == PY_NULL && !py_type_is_heap(py_type_of(rhs))) {
            py_raise_type_error("can't multiply sequence by non-int of type '%s'",
                                py_type_name(rhs));
        }
        return r;
    }
    case PY_BINOP_MOD:
        return py_str_mod(lhs, rhs);
    case PY_BINOP_CONTAINS: {
        if (py_is_int(rhs)) {
            py_int_t k;
            if (!py_get_int_maybe(rhs, &k) || k < 0 || k > 255) {
                py_raise_value_error("byte must be in range(0, 256)");
            }
            return PY_BOOL(memchr(a.data, (int)k, a.len) != NULL);
        }
        if (!bytes_arg(rhs, &b)) {
            py_raise_type_error("a bytes-like object is required, not '%s'", py_type_name(rhs));
        }
        py_val args[2] = {lhs, rhs};
        return PY_BOOL(py_small_value(py_strm_find_obj.fn.fvar(2, args)) >= 0);
    }
    case PY_BINOP_EQ:
    case PY_BINOP_NE:
        if (py_is_str(rhs) || !bytes_arg(rhs, &b)) {
            return PY_BOOL(op == PY_BINOP_NE);
        }
        return py_strv_compare(op, &a, &b);
    case PY_BINOP_LT:
    case PY_BINOP_LE:
    case PY_BINOP_GT:
    case PY_BINOP_GE:
        /* bytearray orders against any buffer, bytes only against its kind */
        if (a.kind == PY_SV_BYTEARRAY ? py_is_str(rhs) || !bytes_arg(rhs, &b)
                                      : !py_strv_get(rhs, &b) || b.kind == PY_SV_STR) {
            return PY_NULL;
        }
        return py_strv_compare(op, &a, &b);
    default:
        return PY_NULL;
    }
}

static py_val bytes_subscr(py_val self, py_val index, py_val value) {
    if (value != PY_SENTINEL) {
        return PY_NULL;
    }
    py_strv v;
    bytes_view(self, &v);
    return py_strv_subscr(&v, index);
}

static bool bytes_get_buffer(py_val self, py_buffer *buf, int flags) {
    py_strv v;
    if (!py_strv_get(self, &v) || v.kind == PY_SV_STR) {
        return false;
    }
    if ((flags & PY_BUFFER_WRITE) && v.kind != PY_SV_BYTEARRAY) {
        return false;
    }
    buf->buf = (void *)(uintptr_t)v.data;
    buf->len = v.len;
    buf->typecode = 'B';
    return true;
}

/* Iterator over the bytes as ints; reads the length each step, so a
 * bytearray that shrinks meanwhile just ends early. */
typedef struct bytes_iter {
    py_head head;
    py_val seq;
    size_t pos;
} bytes_iter;

static py_val bytes_iter_next(py_val self) {
    bytes_iter *it = py_ptr(self);
    py_strv v;
    py_strv_get(it->seq, &v);
    if (it->pos >= v.len) {
        return PY_STOP;
    }
    return PY_SMALL((unsigned char)v.data[it->pos++]);
}

static py_val iter_self(py_val self) { return self; }

static const py_type bytes_iterator_type = {
    .head = {&py_type_type},
    .name = Q_bytes_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .getiter = iter_self,
    .iternext = bytes_iter_next,
};

static py_val bytes_getiter(py_val self) {
    bytes_iter *it = py_new(bytes_iter);
    it->head.type = &bytes_iterator_type;
    it->seq = py_native_value(self);
    return PY_OBJ(it);
}

/* ---------------------------------------------------------------- decode, hex, fromhex */

static py_val bytes_decode(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {{Q_encoding, 0, PY_NULL}, {Q_errors, 0, PY_NULL}};
    py_val a[2];
    py_strv v;
    bytes_view(args[0], &v);
    py_parse_args(n_args - 1, args + 1, kw, 2, spec, a);
    return py_str_decode("decode", v.data, v.len, a[0], a[1]);
}
static PY_DEFINE_FUN_KW(bytes_decode_obj, 1, bytes_decode);

py_val py_bytes_hex(const char *data, size_t len, size_t n_args, const py_val *args) {
    static const char digits[] = "0123456789abcdef";
    char sep = 0;
    py_int_t group = 1;
    if (n_args > 1 && !py_is_int(args[1])) {
        py_raise_type_error("'%s' object cannot be interpreted as an integer",
                            py_type_name(args[1]));
    }
    if (n_args > 0 && args[0] != PY_NONE) {
        py_strv s;
        if (!py_strv_get(args[0], &s)) {
            py_raise_type_error("sep must be str or bytes.");
        }
        if (s.len != 1 || (unsigned char)s.data[0] >= 0x80) {
            py_raise_value_error("sep must be ASCII.");
        }
        sep = s.data[0];
        if (n_args > 1) {
            group = py_str_int_arg(args[1]);
        }
        if (group == 0) {
            sep = 0;
        }
    }
    size_t every = (size_t)(group < 0 ? -group : group);
    py_buf b;
    py_str_build_begin(&b, len * 2 + (sep ? len : 0));
    for (size_t i = 0; i < len; i++) {
        if (sep && i > 0) {
            /* positive groups count from the right end, negative from the left */
            size_t pos = group > 0 ? len - i : i;
            if (pos % every == 0) {
                py_buf_add_byte(&b, sep);
            }
        }
        unsigned char c = (unsigned char)data[i];
        char two[2] = {digits[c >> 4], digits[c & 15]};
        py_buf_add(&b, two, 2);
    }
    return py_str_build_end(&b, &py_type_str, 1);
}

static py_val bytes_hex(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {{Q_sep, 0, PY_NONE}, {Q_bytes_per_sep, 0, PY_SMALL(1)}};
    py_val a[2];
    py_strv v;
    bytes_view(args[0], &v);
    py_parse_args(n_args - 1, args + 1, kw, 2, spec, a);
    return py_bytes_hex(v.data, v.len, 2, a);
}
static PY_DEFINE_FUN_KW(bytes_hex_obj, 1, bytes_hex);

static int hex_value(unsigned char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static py_val bytes_fromhex(py_val cls, py_val text) {
    size_t n;
    const char *s = py_get_str(text, &n);
    py_buf b;
    py_str_build_begin(&b, n / 2);
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            i++;
            continue;
        }
        int hi = hex_value(c);
        int lo = i + 1 < n ? hex_value((unsigned char)s[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            size_t at = hi < 0 ? i : i + 1;
            py_raise_value_error("non-hexadecimal number found in fromhex() arg at position %u",
                                 (unsigned)at);
        }
        py_buf_add_byte(&b, (char)(hi << 4 | lo));
        i += 2;
    }
    const py_type *t = py_ptr(cls);
    bool mutable_ = py_is_type(cls, &py_type_type) && py_is_subclass(t, &py_type_bytearray);
    py_val r = py_str_build_end(&b, mutable_ ? &py_type_bytearray : &py_type_bytes, 1);
    if (py_is_type(cls, &py_type_type) && py_type_is_heap(t)) {
        return py_call1(cls, r);
    }
    return r;
}
static PY_DEFINE_FUN_2(bytes_fromhex_fun_obj, bytes_fromhex);
static PY_DEFINE_CLASSMETHOD(bytes_fromhex_obj, bytes_fromhex_fun_obj);

/* ---------------------------------------------------------------- translate */

static py_val bytes_maketrans(py_val from, py_val to) {
    py_strv f, t;
    if (!bytes_arg(from, &f) || !bytes_arg(to, &t)) {
        py_raise_type_error("a bytes-like object is required, not '%s'",
                            py_type_name(bytes_arg(from, &f) ? to : from));
    }
    if (f.len != t.len) {
        py_raise_value_error("maketrans arguments must have same length");
    }
    py_str_obj *o = py_strobj_alloc(&py_type_bytes, 256);
    unsigned char *d = (unsigned char *)py_str_obj_data(o);
    for (unsigned i = 0; i < 256; i++) {
        d[i] = (unsigned char)i;
    }
    for (size_t i = 0; i < f.len; i++) {
        d[(unsigned char)f.data[i]] = (unsigned char)t.data[i];
    }
    return py_strobj_seal(o, 1);
}
static PY_DEFINE_FUN_2(bytes_maketrans_fun_obj, bytes_maketrans);
static PY_DEFINE_STATICMETHOD(bytes_maketrans_obj, bytes_maketrans_fun_obj);

/* translate(table, delete=b''): table is 256 bytes or None (no mapping). */
static py_val bytes_translate(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {{Q_table, PY_ARG_REQUIRED, PY_NULL},
                                       {Q_delete, 0, PY_NULL}};
    py_val a[2];
    py_strv v, table, del;
    bytes_view(args[0], &v);
    py_parse_args(n_args - 1, args + 1, kw, 2, spec, a);
    bool has_table = a[0] != PY_NONE;
    if (has_table && !bytes_arg(a[0], &table)) {
        py_raise_type_error("a bytes-like object is required, not '%s'", py_type_name(a[0]));
    }
    if (has_table && table.len != 256) {
        py_raise_value_error("translation table must be 256 characters long");
    }
    uint8_t drop[32] = {0};
    if (a[1] != PY_NULL) {
        if (!bytes_arg(a[1], &del)) {
            py_raise_type_error("a bytes-like object is required, not '%s'", py_type_name(a[1]));
        }
        for (size_t i = 0; i < del.len; i++) {
            unsigned char c = (unsigned char)del.data[i];
            drop[c >> 3] |= (uint8_t)(1u << (c & 7));
        }
    }
    py_buf b;
    py_str_build_begin(&b, v.len);
    bytes_view(args[0], &v); /* the view again: the builder may have collected */
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.data[i];
        if ((drop[c >> 3] >> (c & 7)) & 1) {
            continue;
        }
        py_buf_add_byte(&b, has_table ? table.data[c] : (char)c);
    }
    return py_str_build_end(&b, v.kind == PY_SV_BYTEARRAY ? &py_type_bytearray : &py_type_bytes,
                            1);
}
static PY_DEFINE_FUN_KW(bytes_translate_obj, 1, bytes_translate);

/* ---------------------------------------------------------------- bytearray mutation */

static int byte_value(py_val v) {
    py_int_t k;
    if (!py_is_int(v)) {
        py_raise_type_error("'%s' object cannot be interpreted as an integer", py_type_name(v));
    }
    if (!py_get_int_maybe(v, &k) || k < 0 || k > 255) {
        py_raise_value_error("byte must be in range(0, 256)");
    }
    return (int)k;
}

/* The bytes to store from a value: any buffer (copied first: it may be the
 * bytearray itself) or an iterable of ints. */
static py_val bytes_for_store(py_val value) {
    if (py_is_int(value) || py_is_str(value)) {
        py_raise_type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    }
    return bytes_construct(&py_type_bytes, 1, 0, &value);
}

static void ba_extend_from(py_bytearray *a, py_val src) {
    size_t n;
    if (py_is_str(src) && (py_str_data(src, &n), n == 0)) {
        return; /* iterating it would give no items */
    }
    if (py_is_str(src)) {
        py_raise_type_error("'str' object cannot be interpreted as an integer");
    }
    if (py_is_int(src)) {
        py_raise_type_error("can't extend bytearray with %s", py_type_name(src));
    }
    py_strv v;
    py_val b = bytes_construct(&py_type_bytes, 1, 0, &src);
    py_strv_get(b, &v);
    ba_reserve(a, a->len + v.len);
    memcpy(a->data + a->len, v.data, v.len);
    a->len += v.len;
}

/* Replaces [start, start + old_n) with n new bytes. */
static void ba_splice(py_bytearray *a, size_t start, size_t old_n, const char *src, size_t n) {
    size_t tail = a->len - start - old_n;
    if (n > old_n) {
        ba_reserve(a, a->len + (n - old_n));
    }
    if (tail > 0) {
        memmove(a->data + start + n, a->data + start + old_n, tail);
    }
    if (n > 0) {
        memcpy(a->data + start, src, n);
    }
    a->len = a->len - old_n + n;
}

/* Resolves a slice of a bytearray. __index__ methods of the slice's bounds
 * run Python code that may resize the bytearray: positions computed for the
 * old size must not be used on the new one. */
static size_t ba_slice(py_bytearray *a, py_val slice, py_int_t *start, py_int_t *stop,
                       py_int_t *step) {
    size_t len = a->len;
    size_t count = py_slice_indices(slice, len, start, stop, step);
    if (a->len != len) {
        py_raise_msg(&py_type_RuntimeError, "bytearray changed size during slicing");
    }
    return count;
}

static void ba_store_slice(py_bytearray *a, py_val slice, py_val value) {
    py_int_t start, stop, step;
    /* the new bytes first: iterating the value may run code that resizes a */
    py_val src = value == PY_NULL ? PY_NULL : bytes_for_store(value);
    size_t count = ba_slice(a, slice, &start, &stop, &step);
    if (value == PY_NULL) {
        if (step < 0) {
            start = start + (py_int_t)(count - 1) * step;
            step = -step;
        }
        if (step == 1) {
            ba_splice(a, (size_t)start, count, NULL, 0);
            return;
        }
        size_t w = (size_t)start, k = 0;
        for (size_t r = (size_t)start; r < a->len; r++) {
            if (k < count && r == (size_t)(start + (py_int_t)k * step)) {
                k++;
                continue;
            }
            a->data[w++] = a->data[r];
        }
        a->len = w;
        return;
    }
    py_strv v;
    py_strv_get(src, &v);
    if (step == 1) {
        ba_splice(a, (size_t)start, count, v.data, v.len);
        return;
    }
    if (v.len != count) {
        py_raise_value_error("attempt to assign bytes of size %u to extended slice of size %u",
                             (unsigned)v.len, (unsigned)count);
    }
    for (size_t i = 0; i < count; i++) {
        a->data[start + (py_int_t)i * step] = v.data[i];
    }
}

static py_val bytearray_subscr(py_val self, py_val index, py_val value) {
    py_bytearray *a = ba_of(self);
    if (value == PY_SENTINEL) {
        if (!py_is_type(index, &py_type_slice)) {
            return bytes_subscr(self, index, value);
        }
        py_int_t start, stop, step;
        size_t count = ba_slice(a, index, &start, &stop, &step);
        py_val r = py_bytearray_new(NULL, count);
        py_bytearray *ra = py_ptr(r);
        for (size_t i = 0; i < count; i++) {
            ra->data[i] = a->data[start + (py_int_t)i * step];
        }
        return r;
    }
    if (py_is_obj(index) && py_is_type(index, &py_type_slice)) {
        ba_store_slice(a, index, value);
        return PY_NONE;
    }
    size_t i = py_str_index(index, a->len, PY_SV_BYTEARRAY);
    if (value == PY_NULL) {
        ba_splice(a, i, 1, NULL, 0);
    } else {
        a->data[i] = (char)byte_value(value);
    }
    return PY_NONE;
}

static py_val ba_append(py_val self, py_val item) {
    py_bytearray *a = ba_of(self);
    int b = byte_value(item);
    ba_reserve(a, a->len + 1);
    a->data[a->len++] = (char)b;
    return PY_NONE;
}
static PY_DEFINE_FUN_2(ba_append_obj, ba_append);

static py_val ba_extend(py_val self, py_val src) {
    ba_extend_from(ba_of(self), src);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(ba_extend_obj, ba_extend);

static py_val ba_pop(size_t n_args, const py_val *args) {
    py_bytearray *a = ba_of(args[0]);
    py_int_t k = n_args > 1 ? py_str_int_arg(args[1]) : -1;
    if (a->len == 0) {
        py_raise_msg(&py_type_IndexError, "pop from empty bytearray");
    }
    size_t i = a->len - 1;
    if (n_args > 1) {
        if (k < 0) {
            k += (py_int_t)a->len;
        }
        if (k < 0 || (size_t)k >= a->len) {
            py_raise_msg(&py_type_IndexError, "pop index out of range");
        }
        i = (size_t)k;
    }
    unsigned char c = (unsigned char)a->data[i];
    ba_splice(a, i, 1, NULL, 0);
    return PY_SMALL(c);
}
static PY_DEFINE_FUN_VAR(ba_pop_obj, 1, 2, ba_pop);

static py_val ba_remove(py_val self, py_val item) {
    py_bytearray *a = ba_of(self);
    int b = byte_value(item);
    char *p = a->len == 0 ? NULL : memchr(a->data, b, a->len);
    if (p == NULL) {
        py_raise_value_error("value not found in bytearray");
    }
    ba_splice(a, (size_t)(p - a->data), 1, NULL, 0);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(ba_remove_obj, ba_remove);

static py_val ba_insert(py_val self, py_val index, py_val item) {
    py_bytearray *a = ba_of(self);
    py_int_t i = py_str_int_arg(index);
    int b = byte_value(item);
    if (i < 0) {
        i += (py_int_t)a->len;
        if (i < 0) {
            i = 0;
        }
    }
    if ((size_t)i > a->len) {
        i = (py_int_t)a->len;
    }
    char c = (char)b;
    ba_splice(a, (size_t)i, 0, &c, 1);
    return PY_NONE;
}
static PY_DEFINE_FUN_3(ba_insert_obj, ba_insert);

static py_val ba_clear(py_val self) {
    py_bytearray *a = ba_of(self);
    a->len = 0;
    return PY_NONE;
}
static PY_DEFINE_FUN_1(ba_clear_obj, ba_clear);

static py_val ba_copy(py_val self) {
    py_bytearray *a = ba_of(self);
    return py_bytearray_new(a->data, a->len);
}
static PY_DEFINE_FUN_1(ba_copy_obj, ba_copy);

static py_val ba_reverse(py_val self) {
    py_bytearray *a = ba_of(self);
    for (size_t i = 0, j = a->len; i + 1 < j; i++, j--) {
        char t = a->data[i];
        a->data[i] = a->data[j - 1];
        a->data[j - 1] = t;
    }
    return PY_NONE;
}
static PY_DEFINE_FUN_1(ba_reverse_obj, ba_reverse);

/* ---------------------------------------------------------------- types */

#define SHARED_METHODS                                                                     \
    {PY_QSTR(Q_capitalize), PY_OBJ(&py_strm_capitalize_obj)},                              \
        {PY_QSTR(Q_center), PY_OBJ(&py_strm_center_obj)},                                  \
        {PY_QSTR(Q_count), PY_OBJ(&py_strm_count_obj)},                                    \
        {PY_QSTR(Q_decode), PY_OBJ(&bytes_decode_obj)},                                    \
        {PY_QSTR(Q_endswith), PY_OBJ(&py_strm_endswith_obj)},                              \
        {PY_QSTR(Q_expandtabs), PY_OBJ(&py_strm_expandtabs_obj)},                          \
        {PY_QSTR(Q_find), PY_OBJ(&py_strm_find_obj)},                                      \
        {PY_QSTR(Q_fromhex), PY_OBJ(&bytes_fromhex_obj)},                                  \
        {PY_QSTR(Q_hex), PY_OBJ(&bytes_hex_obj)},                                          \
        {PY_QSTR(Q_index), PY_OBJ(&py_strm_index_obj)},                                    \
        {PY_QSTR(Q_isalnum), PY_OBJ(&py_strm_isalnum_obj)},                                \
        {PY_QSTR(Q_isalpha), PY_OBJ(&py_strm_isalpha_obj)},                                \
        {PY_QSTR(Q_isascii), PY_OBJ(&py_strm_isascii_obj)},                                \
        {PY_QSTR(Q_isdigit), PY_OBJ(&py_strm_isdigit_obj)},                                \
        {PY_QSTR(Q_islower), PY_OBJ(&py_strm_islower_obj)},                                \
        {PY_QSTR(Q_isspace), PY_OBJ(&py_strm_isspace_obj)},                                \
        {PY_QSTR(Q_istitle), PY_OBJ(&py_strm_istitle_obj)},                                \
        {PY_QSTR(Q_isupper), PY_OBJ(&py_strm_isupper_obj)},                                \
        {PY_QSTR(Q_join), PY_OBJ(&py_strm_join_obj)},                                      \
        {PY_QSTR(Q_ljust), PY_OBJ(&py_strm_ljust_obj)},                                    \
        {PY_QSTR(Q_lower), PY_OBJ(&py_strm_lower_obj)},                                    \
        {PY_QSTR(Q_lstrip), PY_OBJ(&py_strm_lstrip_obj)},                                  \
        {PY_QSTR(Q_maketrans), PY_OBJ(&bytes_maketrans_obj)},                              \
        {PY_QSTR(Q_partition), PY_OBJ(&py_strm_partition_obj)},                            \
        {PY_QSTR(Q_removeprefix), PY_OBJ(&py_strm_removeprefix_obj)},                      \
        {PY_QSTR(Q_removesuffix), PY_OBJ(&py_strm_removesuffix_obj)},                      \
        {PY_QSTR(Q_replace), PY_OBJ(&py_strm_replace_obj)},                                \
        {PY_QSTR(Q_rfind), PY_OBJ(&py_strm_rfind_obj)},                                    \
        {PY_QSTR(Q_rindex), PY_OBJ(&py_strm_rindex_obj)},                                  \
        {PY_QSTR(Q_rjust), PY_OBJ(&py_strm_rjust_obj)},                                    \
        {PY_QSTR(Q_rpartition), PY_OBJ(&py_strm_rpartition_obj)},                          \
        {PY_QSTR(Q_rsplit), PY_OBJ(&py_strm_rsplit_obj)},                                  \
        {PY_QSTR(Q_rstrip), PY_OBJ(&py_strm_rstrip_obj)},                                  \
        {PY_QSTR(Q_split), PY_OBJ(&py_strm_split_obj)},                                    \
        {PY_QSTR(Q_splitlines), PY_OBJ(&py_strm_splitlines_obj)},                          \
        {PY_QSTR(Q_startswith), PY_OBJ(&py_strm_startswith_obj)},                          \
        {PY_QSTR(Q_strip), PY_OBJ(&py_strm_strip_obj)},                                    \
        {PY_QSTR(Q_swapcase), PY_OBJ(&py_strm_swapcase_obj)},                              \
        {PY_QSTR(Q_title), PY_OBJ(&py_strm_title_obj)},                                    \
        {PY_QSTR(Q_translate), PY_OBJ(&bytes_translate_obj)},                              \
        {PY_QSTR(Q_upper), PY_OBJ(&py_strm_upper_obj)},                                    \
        {PY_QSTR(Q_zfill), PY_OBJ(&py_strm_zfill_obj)}

static const py_map_entry bytes_locals_table[] = {
    SHARED_METHODS,
};
PY_DEFINE_FIXED_DICT(bytes_locals, bytes_locals_table);

static const py_map_entry bytearray_locals_table[] = {
    SHARED_METHODS,
    {PY_QSTR(Q_append), PY_OBJ(&ba_append_obj)},
    {PY_QSTR(Q_clear), PY_OBJ(&ba_clear_obj)},
    {PY_QSTR(Q_copy), PY_OBJ(&ba_copy_obj)},
    {PY_QSTR(Q_extend), PY_OBJ(&ba_extend_obj)},
    {PY_QSTR(Q_insert), PY_OBJ(&ba_insert_obj)},
    {PY_QSTR(Q_pop), PY_OBJ(&ba_pop_obj)},
    {PY_QSTR(Q_remove), PY_OBJ(&ba_remove_obj)},
    {PY_QSTR(Q_reverse), PY_OBJ(&ba_reverse_obj)},
};
PY_DEFINE_FIXED_DICT(bytearray_locals, bytearray_locals_table);

const py_type py_type_bytes = {
    .head = {&py_type_type},
    .name = Q_bytes,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = bytes_print,
    .make_new = bytes_make_new,
    .unary_op = bytes_unary_op,
    .binary_op = bytes_binary_op,
    .subscr = bytes_subscr,
    .getiter = bytes_getiter,
    .get_buffer = bytes_get_buffer,
    .locals = PY_OBJ(&bytes_locals),
};

const py_type py_type_bytearray = {
    .head = {&py_type_type},
    .name = Q_bytearray,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = bytes_print,
    .make_new = bytearray_make_new,
    .unary_op = bytes_unary_op,
    .binary_op = bytes_binary_op,
    .subscr = bytearray_subscr,
    .getiter = bytes_getiter,
    .get_buffer = bytes_get_buffer,
    .locals = PY_OBJ(&bytearray_locals),
};
