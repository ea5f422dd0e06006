/*
 * modstruct.c - the struct module: packing Python values into C layouts.
 *
 * A format string is read item by item (a repeat count, then a code); nothing
 * is compiled or cached, as formats are short. With '@' (the default) sizes
 * and alignment are the C compiler's for this machine; with = < > ! sizes are
 * the standard ones and nothing is aligned. Values out of range for their
 * code, short buffers and bad format characters raise struct.error, which is
 * ValueError as on MicroPython. Struct objects hold a format for repeated use.
 */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "campy.h"

/* ---------------------------------------------------------------- formats */

typedef struct fmt_parser {
    const char *p, *end;
    bool native; /* '@': native sizes and alignment */
    bool little; /* byte order of the items */
} fmt_parser;

typedef struct fmt_item {
    char code;
    size_t count; /* repeat count; for 's' and 'p' the byte length */
    size_t size;  /* bytes of one item */
    size_t align;
} fmt_item;

typedef struct fmt_info {
    size_t size;     /* bytes of the whole layout */
    size_t n_values; /* Python values it packs */
} fmt_info;

#define ALIGN_OF(T)                                                                                \
    offsetof(                                                                                      \
        struct {                                                                                   \
            char c;                                                                                \
            T x;                                                                                   \
        },                                                                                         \
        x)

static _Noreturn void struct_error(const char *fmt, ...);

static bool native_is_little(void) {
    const uint16_t one = 1;
    uint8_t first;
    memcpy(&first, &one, 1);
    return first == 1;
}

/* Size and alignment of one item of code c; false if c is not a code. */
static bool code_size(char c, bool native, size_t *size, size_t *align) {
    *align = 1;
    switch (c) {
    case 'x':
    case 'c':
    case 'b':
    case 'B':
    case '?':
    case 's':
    case 'p':
        *size = 1;
        return true;
    case 'e':
        *size = 2;
        if (native) {
            *align = 2;
        }
        return true;
    case 'h':
    case 'H':
        *size = native ? sizeof(short) : 2;
        *align = native ? ALIGN_OF(short) : 1;
        return true;
    case 'i':
    case 'I':
        *size = native ? sizeof(int) : 4;
        *align = native ? ALIGN_OF(int) : 1;
        return true;
    case 'l':
    case 'L':
        *size = native ? sizeof(long) : 4;
        *align = native ? ALIGN_OF(long) : 1;
        return true;
    case 'q':
    case 'Q':
        *size = native ? sizeof(long long) : 8;
        *align = native ? ALIGN_OF(long long) : 1;
        return true;
    case 'f':
        *size = native ? sizeof(float) : 4;
        *align = native ? ALIGN_OF(float) : 1;
        return true;
    case 'd':
        *size = native ? sizeof(double) : 8;
        *align = native ? ALIGN_OF(double) : 1;
        return true;
    case 'n':
    case 'N':
    case 'P': /* native mode only */
        *size = sizeof(size_t) > sizeof(void *) ? sizeof(size_t) : sizeof(void *);
        *align = ALIGN_OF(void *);
        return native;
    default:
        return false;
    }
}

static void fmt_begin(fmt_parser *f, py_val fmt) {
    size_t len;
    if (!py_is_str(fmt) && !py_is_type(fmt, &py_type_bytes)) {
        py_raise_type_error("Struct() argument 1 must be a str or bytes object, not %s",
                            py_type_name(fmt));
    }
    f->p = py_str_data(fmt, &len);
    f->end = f->p + len;
    f->native = true;
    f->little = native_is_little();
    if (f->p < f->end) {
        switch (*f->p) {
        case '@':
            f->p++;
            break;
        case '=':
            f->native = false;
            f->p++;
            break;
        case '<':
            f->native = false;
            f->little = true;
            f->p++;
            break;
        case '>':
        case '!':
            f->native = false;
            f->little = false;
            f->p++;
            break;
        }
    }
}

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Reads the next item; false at the end of the format. */
static bool fmt_next(fmt_parser *f, fmt_item *it) {
    while (f->p < f->end && is_space(*f->p)) {
        f->p++;
    }
    if (f->p == f->end) {
        return false;
    }
    bool has_count = false;
    size_t count = 0;
    while (f->p < f->end && *f->p >= '0' && *f->p <= '9') {
        size_t digit = (size_t)(*f->p++ - '0');
        if (count > (SIZE_MAX / 4 - digit) / 10) {
            struct_error("total struct size too long");
        }
        count = count * 10 + digit;
        has_count = true;
    }
    if (f->p == f->end) {
        struct_error("repeat count given without format specifier");
    }
    it->code = *f->p++;
    it->count = has_count ? count : 1;
    if (!code_size(it->code, f->native, &it->size, &it->align)) {
        struct_error("bad char in struct format");
    }
    return true;
}

static size_t add_size(size_t a, size_t b) {
    if (a > SIZE_MAX / 4 - b) {
        struct_error("total struct size too long");
    }
    return a + b;
}

/* Where an item starts, given where the previous one ended. */
static size_t item_offset(const fmt_parser *f, const fmt_item *it, size_t offset) {
    if (f->native && it->align > 1) {
        offset = add_size(offset, (it->align - offset % it->align) % it->align);
    }
    return offset;
}

static size_t item_bytes(const fmt_item *it) {
    if (it->count != 0 && it->size > (SIZE_MAX / 4) / it->count) {
        struct_error("total struct size too long");
    }
    return it->size * it->count;
}

static size_t item_values(const fmt_item *it) {
    switch (it->code) {
    case 'x':
        return 0;
    case 's':
    case 'p':
        return 1;
    default:
        return it->count;
    }
}

static void fmt_measure(py_val fmt, fmt_info *info) {
    fmt_parser f;
    fmt_item it;
    fmt_begin(&f, fmt);
    info->size = 0;
    info->n_values = 0;
    while (fmt_next(&f, &it)) {
        info->size = add_size(item_offset(&f, &it, info->size), item_bytes(&it));
        info->n_values += item_values(&it);
    }
}

/* ---------------------------------------------------------------- errors */

static _Noreturn void struct_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char msg[160];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    py_raise_msg(&py_type_ValueError, "%s", msg);
}

/* ---------------------------------------------------------------- integers */

static void put_bits(uint8_t *p, size_t size, uint64_t bits, bool little) {
    for (size_t k = 0; k < size; k++) {
        uint8_t byte = (uint8_t)(bits >> (8 * k));
        p[little ? k : size - 1 - k] = byte;
    }
}

static uint64_t get_bits(const uint8_t *p, size_t size, bool little) {
    uint64_t bits = 0;
    for (size_t k = 0; k < size; k++) {
        bits |= (uint64_t)p[little ? k : size - 1 - k] << (8 * k);
    }
    return bits;
}

static bool is_signed_code(char c) {
    return c == 'b' || c == 'h' || c == 'i' || c == 'l' || c == 'q' || c == 'n';
}

/* An int as 64 bits of two's complement; *wide is set for values from 2**63
 * on, which only the unsigned 8-byte codes take. False when the value is
 * outside [-2**63, 2**64). */
static bool int_bits(py_val v, uint64_t *bits, bool *wide) {
    *wide = false;
    py_int_t small;
    if (py_get_int_maybe(v, &small)) {
        *bits = (uint64_t)(long long)small;
        return true;
    }
    py_val two_63 = py_int_from_u64((uint64_t)1 << 63);
    if (py_truthy(py_binary_op(PY_BINOP_LT, v, py_unary_op(PY_UNOP_NEG, two_63)))) {
        return false;
    }
    if (py_truthy(py_binary_op(PY_BINOP_GE, v, two_63))) {
        py_val wrapped = py_binary_op(PY_BINOP_SUB, py_binary_op(PY_BINOP_SUB, v, two_63), two_63);
        if (py_truthy(py_binary_op(PY_BINOP_GE, wrapped, PY_SMALL(0)))) {
            return false;
        }
        *wide = true;
        v = wrapped;
    }
    *bits = (uint64_t)py_get_i64(v);
    return true;
}

static _Noreturn void range_error(char code, size_t size, bool is_signed) {
    char lo[32], hi[32];
    if (is_signed) {
        long long max = (long long)(((uint64_t)1 << (8 * size - 1)) - 1);
        snprintf(lo, sizeof(lo), "%lld", -max - 1);
        snprintf(hi, sizeof(hi), "%lld", max);
    } else {
        unsigned long long max = size >= 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
        snprintf(lo, sizeof(lo), "0");
        snprintf(hi, sizeof(hi), "%llu", max);
    }
    struct_error("'%c' format requires %s <= number <= %s", code, lo, hi);
}

static void pack_int(uint8_t *p, const fmt_item *it, bool little, py_val v) {
    if (!py_is_int(v)) {
        struct_error("required argument is not an integer");
    }
    bool wide;
    uint64_t bits;
    bool is_signed = is_signed_code(it->code);
    size_t size = it->size;
    if (!int_bits(v, &bits, &wide)) {
        range_error(it->code, size, is_signed);
    }
    long long value = (long long)bits; /* meaningful when !wide */
    if (is_signed) {
        long long max = (long long)(((uint64_t)1 << (8 * size - 1)) - 1);
        if (wide || value > max || value < -max - 1) {
            range_error(it->code, size, true);
        }
    } else if (!wide) {
        if (value < 0 || (size < 8 && (unsigned long long)value >> (8 * size) != 0)) {
            range_error(it->code, size, false);
        }
    } else if (size < 8) {
        range_error(it->code, size, false);
    }
    put_bits(p, size, bits, little);
}

static py_val unpack_int(const uint8_t *p, const fmt_item *it, bool little) {
    uint64_t bits = get_bits(p, it->size, little);
    if (!is_signed_code(it->code)) {
        return py_int_from_u64(bits);
    }
    size_t shift = 64 - 8 * it->size;
    if (shift > 0 && (bits >> (8 * it->size - 1)) & 1) {
        bits |= ~0ULL << (8 * it->size); /* sign-extend */
    }
    return py_int_from_i64((long long)bits);
}

/* ---------------------------------------------------------------- floats */

/* A float argument: an int, a float, or an instance of a class with
 * __float__ (only classes made in Python can add one). */
static double float_arg(py_val v) {
    py_float_t f;
    if (py_is_int(v)) {
        /* an int beyond the float range is not a float to pack (CPython) */
        py_nlr nlr;
        py_try(nlr) {
            f = py_get_float(v);
            py_nlr_pop();
            return (double)f;
        }
        else {
            if (!py_exc_matches(nlr.exc, PY_OBJ(&py_type_OverflowError))) {
                py_raise(nlr.exc);
            }
            struct_error("required argument is not a float");
        }
    }
    if (py_get_float_maybe(v, &f)) {
        return (double)f;
    }
    if (!(py_type_of(v)->flags & PY_TYPE_FLAG_HEAP)) {
        struct_error("required argument is not a float");
    }
    return (double)py_get_float(v);
}

/* The bytes of a buffer argument; str is refused, as in CPython. */
static void buffer_arg(py_val v, py_buffer *b, int flags) {
    if (py_is_str(v)) {
        py_raise_type_error("a bytes-like object is required, not 'str'");
    }
    py_get_buffer_or_raise(v, b, flags);
}

/* IEEE 754 half precision, rounding to nearest even. */
static uint16_t half_from_double(double x) {
    uint16_t sign = signbit(x) ? 0x8000 : 0;
    double a = fabs(x);
    if (isnan(x)) {
        return sign | 0x7e00;
    }
    if (isinf(x)) {
        return sign | 0x7c00;
    }
    if (a == 0) {
        return sign;
    }
    int e2;
    (void)frexp(a, &e2);
    int e = e2 - 1; /* a is in [2**e, 2**(e+1)) */
    if (e < -14) {
        /* subnormal; rounding up to 1024 lands exactly on the smallest normal */
        return sign | (uint16_t)rint(ldexp(a, 24));
    }
    double mant = rint(ldexp(a, 10 - e));
    if (mant >= 2048) {
        mant = 1024;
        e++;
    }
    if (e + 15 >= 31) {
        py_raise_msg(&py_type_OverflowError, "float too large to pack with e format");
    }
    return sign | (uint16_t)((e + 15) << 10) | (uint16_t)((int)mant - 1024);
}

static double half_to_double(uint16_t h) {
    int exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
    double r;
    if (exp == 0) {
        r = ldexp(frac, -24);
    } else if (exp == 31) {
        r = frac != 0 ? NAN : INFINITY;
    } else {
        r = ldexp(frac + 1024, exp - 25);
    }
    return (h & 0x8000) ? -r : r;
}

/* A double as a float. Beyond the float range a native 'f' becomes an
 * infinity, as a C cast would; a standard-size one is an OverflowError
 * (both as CPython). The range is checked first: the cast itself would be
 * undefined there. */
static float to_float(double x, bool native) {
    double a = fabs(x);
    if (a > FLT_MAX && !isinf(x)) {
        if (a < FLT_MAX + ldexp(1.0, 103)) { /* rounds down to the largest float */
            return (float)copysign(FLT_MAX, x);
        }
        if (!native) {
            py_raise_msg(&py_type_OverflowError, "float too large to pack with f format");
        }
        return (float)copysign(INFINITY, x);
    }
    return (float)x;
}

static void pack_float(uint8_t *p, const fmt_item *it, bool little, bool native, py_val v) {
    double x = float_arg(v);
    uint64_t bits;
    if (it->code == 'e') {
        bits = half_from_double(x);
    } else if (it->size == 4) {
        float f = to_float(x, native);
        uint32_t b32;
        memcpy(&b32, &f, 4);
        bits = b32;
    } else {
        memcpy(&bits, &x, 8);
    }
    put_bits(p, it->size, bits, little);
}

static py_val unpack_float(const uint8_t *p, const fmt_item *it, bool little) {
    uint64_t bits = get_bits(p, it->size, little);
    if (it->code == 'e') {
        return py_float_new((py_float_t)half_to_double((uint16_t)bits));
    }
    if (it->size == 4) {
        uint32_t b32 = (uint32_t)bits;
        float f;
        memcpy(&f, &b32, 4);
        return py_float_new((py_float_t)f);
    }
    double d;
    memcpy(&d, &bits, 8);
    return py_float_new((py_float_t)d);
}

/* ---------------------------------------------------------------- pack / unpack */

static void pack_bytes(uint8_t *p, const fmt_item *it, py_val v) {
    if (!py_is_type(v, &py_type_bytes) && !py_is_type(v, &py_type_bytearray)) {
        struct_error("argument for '%c' must be a bytes object", it->code);
    }
    py_buffer b;
    py_get_buffer_or_raise(v, &b, PY_BUFFER_READ);
    size_t room = it->count, n = b.len;
    if (it->code == 'p') {
        if (room == 0) {
            return;
        }
        room--;
        if (n > room) {
            n = room;
        }
        *p++ = (uint8_t)(n > 255 ? 255 : n);
    }
    if (n > room) {
        n = room;
    }
    memcpy(p, b.buf, n);
    memset(p + n, 0, room - n);
}

/* Writes values[0..) into dest per fmt; dest holds the whole layout. */
static void pack_values(py_val fmt, uint8_t *dest, const py_val *values) {
    fmt_parser f;
    fmt_item it;
    fmt_begin(&f, fmt);
    size_t offset = 0;
    while (fmt_next(&f, &it)) {
        size_t start = item_offset(&f, &it, offset);
        memset(dest + offset, 0, start - offset);
        uint8_t *p = dest + start;
        offset = start + item_bytes(&it);
        switch (it.code) {
        case 'x':
            memset(p, 0, it.count);
            continue;
        case 's':
        case 'p':
            pack_bytes(p, &it, *values++);
            continue;
        }
        for (size_t k = 0; k < it.count; k++, p += it.size) {
            py_val v = *values++;
            switch (it.code) {
            case '?':
                *p = py_truthy(v) ? 1 : 0;
                break;
            case 'c': {
                py_buffer b;
                if ((!py_is_type(v, &py_type_bytes) && !py_is_type(v, &py_type_bytearray)) ||
                    !py_get_buffer(v, &b, PY_BUFFER_READ) || b.len != 1) {
                    struct_error("char format requires a bytes object of length 1");
                }
                *p = *(const uint8_t *)b.buf;
                break;
            }
            case 'e':
            case 'f':
            case 'd':
                pack_float(p, &it, f.little, f.native, v);
                break;
            default:
                pack_int(p, &it, f.little, v);
                break;
            }
        }
    }
}

static void check_value_count(const fmt_info *info, size_t given) {
    if (given != info->n_values) {
        struct_error("pack expected %zu items for packing (got %zu)", info->n_values, given);
    }
}

static py_val unpack_values(py_val fmt, const uint8_t *src, size_t n_values) {
    py_val result = py_tuple_new(n_values, NULL);
    py_val *out = ((py_tuple *)py_ptr(result))->items;
    fmt_parser f;
    fmt_item it;
    fmt_begin(&f, fmt);
    size_t offset = 0;
    while (fmt_next(&f, &it)) {
        const uint8_t *p = src + item_offset(&f, &it, offset);
        offset = item_offset(&f, &it, offset) + item_bytes(&it);
        switch (it.code) {
        case 'x':
            continue;
        case 's':
            *out++ = py_bytes_new(p, it.count);
            continue;
        case 'p': {
            size_t n = it.count == 0 ? 0 : p[0];
            if (it.count > 0 && n > it.count - 1) {
                n = it.count - 1;
            }
            *out++ = py_bytes_new(p + (it.count > 0), n);
            continue;
        }
        }
        for (size_t k = 0; k < it.count; k++, p += it.size) {
            switch (it.code) {
            case '?':
                *out++ = PY_BOOL(*p != 0);
                break;
            case 'c':
                *out++ = py_bytes_new(p, 1);
                break;
            case 'e':
            case 'f':
            case 'd':
                *out++ = unpack_float(p, &it, f.little);
                break;
            default:
                *out++ = unpack_int(p, &it, f.little);
                break;
            }
        }
    }
    return result;
}

/* An offset into a buffer of len bytes; negative counts from the end. */
static size_t resolve_offset(py_val offset_arg, size_t len) {
    py_int_t offset = py_get_int(offset_arg);
    if (offset < 0) {
        if ((size_t)-offset > len) {
            struct_error("offset %ld out of range for %zu-byte buffer", (long)offset, len);
        }
        return len - (size_t)-offset;
    }
    return (size_t)offset;
}

static py_val do_calcsize(py_val fmt) {
    fmt_info info;
    fmt_measure(fmt, &info);
    return py_int_from_u64(info.size);
}

static py_val do_pack(py_val fmt, size_t n_values, const py_val *values) {
    fmt_info info;
    fmt_measure(fmt, &info);
    check_value_count(&info, n_values);
    uint8_t small[64];
    uint8_t *dest = info.size <= sizeof(small) ? small : py_gc_alloc(info.size);
    pack_values(fmt, dest, values);
    py_val r = py_bytes_new(dest, info.size);
    if (dest != small) {
        py_gc_free(dest);
    }
    return r;
}

static py_val do_pack_into(py_val fmt, py_val buffer, py_val offset_arg, size_t n_values,
                           const py_val *values) {
    fmt_info info;
    fmt_measure(fmt, &info);
    check_value_count(&info, n_values);
    py_buffer b;
    buffer_arg(buffer, &b, PY_BUFFER_WRITE);
    size_t offset = resolve_offset(offset_arg, b.len);
    if (offset > b.len || b.len - offset < info.size) {
        struct_error("pack_into requires a buffer of at least %zu bytes for packing %zu "
                     "bytes at offset %zu (actual buffer size is %zu)",
                     info.size + offset, info.size, offset, b.len);
    }
    /* pack into a copy first: a bad value must leave the buffer as it was */
    uint8_t small[64];
    uint8_t *tmp = info.size <= sizeof(small) ? small : py_gc_alloc(info.size);
    pack_values(fmt, tmp, values);
    buffer_arg(buffer, &b, PY_BUFFER_WRITE); /* values may have resized it */
    if (offset > b.len || b.len - offset < info.size) {
        struct_error("buffer changed size while packing");
    }
    memcpy((uint8_t *)b.buf + offset, tmp, info.size);
    if (tmp != small) {
        py_gc_free(tmp);
    }
    return PY_NONE;
}

static py_val do_unpack(py_val fmt, py_val buffer) {
    fmt_info info;
    fmt_measure(fmt, &info);
    py_buffer b;
    buffer_arg(buffer, &b, PY_BUFFER_READ);
    if (b.len != info.size) {
        struct_error("unpack requires a buffer of %zu bytes", info.size);
    }
    return unpack_values(fmt, b.buf, info.n_values);
}

static py_val do_unpack_from(py_val fmt, py_val buffer, py_val offset_arg) {
    fmt_info info;
    fmt_measure(fmt, &info);
    py_buffer b;
    buffer_arg(buffer, &b, PY_BUFFER_READ);
    size_t offset = resolve_offset(offset_arg, b.len);
    if (offset > b.len || b.len - offset < info.size) {
        struct_error("unpack_from requires a buffer of at least %zu bytes for unpacking %zu "
                     "bytes at offset %zu (actual buffer size is %zu)",
                     info.size + offset, info.size, offset, b.len);
    }
    return unpack_values(fmt, (const uint8_t *)b.buf + offset, info.n_values);
}

/* ---------------------------------------------------------------- iter_unpack */

typedef struct unpack_iter {
    py_head head;
    py_val fmt, buffer;
    size_t size, n_values, pos;
} unpack_iter;

static py_val unpack_iter_next(py_val self) {
    unpack_iter *it = py_ptr(self);
    py_buffer b;
    buffer_arg(it->buffer, &b, PY_BUFFER_READ);
    if (it->pos > b.len || b.len - it->pos < it->size) {
        return PY_STOP;
    }
    py_val r = unpack_values(it->fmt, (const uint8_t *)b.buf + it->pos, it->n_values);
    it->pos += it->size;
    return r;
}

static const py_type unpack_iter_type = {
    .head = {&py_type_type},
    .name = Q_unpack_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .iternext = unpack_iter_next,
};

static py_val do_iter_unpack(py_val fmt, py_val buffer) {
    fmt_info info;
    fmt_measure(fmt, &info);
    if (info.size == 0) {
        struct_error("cannot iteratively unpack with a struct of length 0");
    }
    py_buffer b;
    buffer_arg(buffer, &b, PY_BUFFER_READ);
    if (b.len % info.size != 0) {
        struct_error("iterative unpacking requires a buffer of a multiple of %zu bytes", info.size);
    }
    unpack_iter *it = py_new(unpack_iter);
    it->head.type = &unpack_iter_type;
    it->fmt = fmt;
    it->buffer = buffer;
    it->size = info.size;
    it->n_values = info.n_values;
    return PY_OBJ(it);
}

/* ---------------------------------------------------------------- module functions */

static py_val struct_calcsize(py_val fmt) { return do_calcsize(fmt); }
static PY_DEFINE_FUN_1(struct_calcsize_obj, struct_calcsize);

static py_val struct_pack(size_t n_args, const py_val *args) {
    return do_pack(args[0], n_args - 1, args + 1);
}
static PY_DEFINE_FUN_VAR(struct_pack_obj, 1, PY_ARGS_MAX, struct_pack);

static py_val struct_pack_into(size_t n_args, const py_val *args) {
    return do_pack_into(args[0], args[1], args[2], n_args - 3, args + 3);
}
static PY_DEFINE_FUN_VAR(struct_pack_into_obj, 3, PY_ARGS_MAX, struct_pack_into);

static py_val struct_unpack(py_val fmt, py_val buffer) { return do_unpack(fmt, buffer); }
static PY_DEFINE_FUN_2(struct_unpack_obj, struct_unpack);

/* unpack_from(fmt, buffer, offset=0) */
static py_val struct_unpack_from(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_format, PY_ARG_REQUIRED, PY_NULL},
        {Q_buffer, PY_ARG_REQUIRED, PY_NULL},
        {Q_offset, 0, PY_SMALL(0)},
    };
    py_val v[3];
    py_parse_args(n_args, args, kw, 3, spec, v);
    return do_unpack_from(v[0], v[1], v[2]);
}
static PY_DEFINE_FUN_KW(struct_unpack_from_obj, 1, struct_unpack_from);

static py_val struct_iter_unpack(py_val fmt, py_val buffer) { return do_iter_unpack(fmt, buffer); }
static PY_DEFINE_FUN_2(struct_iter_unpack_obj, struct_iter_unpack);

/* ---------------------------------------------------------------- Struct objects */

typedef struct struct_obj {
    py_head head;
    py_val format; /* str or bytes, checked when made */
    size_t size;
} struct_obj;

static const py_type struct_type;

static struct_obj *struct_of(py_val self) {
    if (!py_isinstance(self, &struct_type)) {
        py_raise_type_error("descriptor requires a 'Struct' object but received a '%s'",
                            py_type_name(self));
    }
    return py_ptr(self);
}

static py_val struct_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    static const py_arg_spec spec[] = {{Q_format, PY_ARG_REQUIRED, PY_NULL}};
    py_val fmt;
    py_parse_args_raw(n_args, n_kw, args, 1, spec, &fmt);
    fmt_info info;
    fmt_measure(fmt, &info);
    struct_obj *s = py_new(struct_obj);
    s->head.type = type;
    if (py_is_str(fmt)) {
        s->format = fmt;
    } else {
        size_t len;
        const char *text = py_str_data(fmt, &len);
        s->format = py_str_new(text, len);
    }
    s->size = info.size;
    return PY_OBJ(s);
}

static void struct_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_printf(out, "Struct(%r)", struct_of(self)->format);
}

static void struct_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return;
    }
    struct_obj *s = struct_of(self);
    if (name == Q_format) {
        dest[0] = s->format;
    } else if (name == Q_size) {
        dest[0] = py_int_from_u64(s->size);
    }
}

static py_val struct_m_pack(size_t n_args, const py_val *args) {
    return do_pack(struct_of(args[0])->format, n_args - 1, args + 1);
}
static PY_DEFINE_FUN_VAR(struct_m_pack_obj, 1, PY_ARGS_MAX, struct_m_pack);

static py_val struct_m_pack_into(size_t n_args, const py_val *args) {
    return do_pack_into(struct_of(args[0])->format, args[1], args[2], n_args - 3, args + 3);
}
static PY_DEFINE_FUN_VAR(struct_m_pack_into_obj, 3, PY_ARGS_MAX, struct_m_pack_into);

static py_val struct_m_unpack(py_val self, py_val buffer) {
    return do_unpack(struct_of(self)->format, buffer);
}
static PY_DEFINE_FUN_2(struct_m_unpack_obj, struct_m_unpack);

static py_val struct_m_unpack_from(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_buffer, PY_ARG_REQUIRED, PY_NULL},
        {Q_offset, 0, PY_SMALL(0)},
    };
    py_val v[2];
    py_parse_args(n_args - 1, args + 1, kw, 2, spec, v);
    return do_unpack_from(struct_of(args[0])->format, v[0], v[1]);
}
static PY_DEFINE_FUN_KW(struct_m_unpack_from_obj, 1, struct_m_unpack_from);

static py_val struct_m_iter_unpack(py_val self, py_val buffer) {
    return do_iter_unpack(struct_of(self)->format, buffer);
}
static PY_DEFINE_FUN_2(struct_m_iter_unpack_obj, struct_m_iter_unpack);

static const py_map_entry struct_locals_table[] = {
    {PY_QSTR(Q_pack), PY_OBJ(&struct_m_pack_obj)},
    {PY_QSTR(Q_pack_into), PY_OBJ(&struct_m_pack_into_obj)},
    {PY_QSTR(Q_unpack), PY_OBJ(&struct_m_unpack_obj)},
    {PY_QSTR(Q_unpack_from), PY_OBJ(&struct_m_unpack_from_obj)},
    {PY_QSTR(Q_iter_unpack), PY_OBJ(&struct_m_iter_unpack_obj)},
};
static PY_DEFINE_FIXED_DICT(struct_locals, struct_locals_table);

static const py_type struct_type = {
    .head = {&py_type_type},
    .name = Q_Struct,
    .print = struct_print,
    .make_new = struct_make_new,
    .attr = struct_attr,
    .locals = PY_OBJ(&struct_locals),
};

static const py_map_entry struct_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_struct)},
    {PY_QSTR(Q_calcsize), PY_OBJ(&struct_calcsize_obj)},
    {PY_QSTR(Q_pack), PY_OBJ(&struct_pack_obj)},
    {PY_QSTR(Q_pack_into), PY_OBJ(&struct_pack_into_obj)},
    {PY_QSTR(Q_unpack), PY_OBJ(&struct_unpack_obj)},
    {PY_QSTR(Q_unpack_from), PY_OBJ(&struct_unpack_from_obj)},
    {PY_QSTR(Q_iter_unpack), PY_OBJ(&struct_iter_unpack_obj)},
    {PY_QSTR(Q_Struct), PY_OBJ(&struct_type)},
    {PY_QSTR(Q_error), PY_OBJ(&py_type_ValueError)},
};
static PY_DEFINE_FIXED_DICT(struct_globals, struct_table);
PY_DEFINE_MODULE(py_module_struct, struct_globals);
PY_REGISTER_MODULE(Q_struct, py_module_struct);
