/*
 * objstr.c - the str type, and the methods str shares with bytes and
 * bytearray (search, split, strip, case, padding ...).
 *
 * A str value is either an interned qstr (a tagged word, no heap) or a heap
 * object laid out as objstr.h describes. Text is UTF-8; indices count code
 * points. The header's ASCII flag makes indexing and slicing O(1) for the
 * usual all-ASCII strings; other strings are walked. One-character ASCII
 * strings are static objects, so iterating over or indexing a str allocates
 * nothing in the common case.
 *
 * Every str holds valid UTF-8: text that arrives from outside with bad bytes
 * gets U+FFFD in their place when it becomes a str, so nothing later reads a
 * broken sequence.
 *
 * The shared methods work on a py_strv view and build their result with the
 * kind of their receiver: a str method returns str, a bytes method bytes, a
 * bytearray method bytearray. Results are sized before they are written
 * (split counts its parts, replace its matches) or built in place (objstr.h),
 * so no result is copied twice.
 */
#include <string.h>

#include "campy.h"
#include "objstr.h"
#include "objtype.h"

/* ---------------------------------------------------------------- UTF-8 */

bool py_utf8_is_ascii(const char *s, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull) {
            return false;
        }
    }
    for (; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            return false;
        }
    }
    return true;
}

static inline bool is_cont(unsigned char c) { return (c & 0xc0) == 0x80; }

size_t py_utf8_count(const char *s, size_t n) {
    size_t cont = 0;
    for (size_t i = 0; i < n; i++) {
        cont += is_cont((unsigned char)s[i]);
    }
    return n - cont;
}

size_t py_utf8_char_len(unsigned char lead) {
    return lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

uint32_t py_utf8_get(const char *s, size_t *n_bytes) {
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c = p[0];
    if (c < 0x80) {
        *n_bytes = 1;
        return c;
    }
    size_t n = py_utf8_char_len((unsigned char)c);
    c &= 0x3fu >> (n - 1);
    size_t i = 1;
    /* stops at a byte that does not continue the sequence, such as the NUL
     * after every str, so malformed text is never read past its end */
    for (; i < n && is_cont(p[i]); i++) {
        c = (c << 6) | (p[i] & 0x3fu);
    }
    *n_bytes = i;
    return c;
}

size_t py_utf8_valid_prefix(const char *s, size_t n, size_t *bad_len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
        } else {
            *bad_len = 1;
            return i;
        }
        /* the second byte's range rules out overlongs, surrogates and > U+10FFFF */
        unsigned lo = 0x80, hi = 0xbf;
        if (c == 0xe0) {
            lo = 0xa0;
        } else if (c == 0xed) {
            hi = 0x9f;
        } else if (c == 0xf0) {
            lo = 0x90;
        } else if (c == 0xf4) {
            hi = 0x8f;
        }
        size_t k = 1;
        while (k <= need && i + k < n && p[i + k] >= lo && p[i + k] <= hi) {
            lo = 0x80;
            hi = 0xbf;
            k++;
        }
        if (k <= need) {
            *bad_len = k;
            return i;
        }
        i += k;
    }
    *bad_len = 0;
    return n;
}

/* Moves forward n code points, not past end. */
static const char *utf8_skip(const char *p, const char *end, size_t n) {
    while (n > 0 && p < end) {
        p += py_utf8_char_len((unsigned char)*p);
        n--;
    }
    return p < end ? p : end;
}

/* Moves back one code point, not before start. */
static const char *utf8_back(const char *p, const char *start) {
    if (p > start) {
        p--;
        while (p > start && is_cont((unsigned char)*p)) {
            p--;
        }
    }
    return p;
}

/* ---------------------------------------------------------------- Unicode classes */

typedef struct case_range {
    uint16_t lo, hi;
    int16_t delta;
    uint8_t step; /* 2: only code points of lo's parity */
} case_range;

static const case_range to_upper_tab[] = {
    {0x61, 0x7a, -32, 1},     {0xb5, 0xb5, 0x39c - 0xb5, 1}, {0xe0, 0xf6, -32, 1},
    {0xf8, 0xfe, -32, 1},     {0xff, 0xff, 0x178 - 0xff, 1}, {0x101, 0x12f, -1, 2},
    {0x131, 0x131, 0x49 - 0x131, 1}, {0x133, 0x137, -1, 2}, {0x13a, 0x148, -1, 2},
    {0x14b, 0x177, -1, 2},    {0x17a, 0x17e, -1, 2},     {0x17f, 0x17f, 0x53 - 0x17f, 1},
    {0x3ac, 0x3ac, -38, 1},   {0x3ad, 0x3af, -37, 1},    {0x3b1, 0x3c1, -32, 1},
    {0x3c2, 0x3c2, -31, 1},   {0x3c3, 0x3cb, -32, 1},    {0x3cc, 0x3cc, -64, 1},
    {0x3cd, 0x3ce, -63, 1},   {0x430, 0x44f, -32, 1},    {0x450, 0x45f, -80, 1},
    {0x461, 0x481, -1, 2},    {0x48b, 0x4bf, -1, 2},     {0x561, 0x586, -48, 1},
    {0x1e01, 0x1e95, -1, 2},  {0x1ea1, 0x1eff, -1, 2},   {0xff41, 0xff5a, -32, 1},
};

static const case_range to_lower_tab[] = {
    {0x41, 0x5a, 32, 1},      {0xc0, 0xd6, 32, 1},       {0xd8, 0xde, 32, 1},
    {0x100, 0x12e, 1, 2},     {0x132, 0x136, 1, 2},      {0x139, 0x147, 1, 2},
    {0x14a, 0x176, 1, 2},     {0x178, 0x178, 0xff - 0x178, 1}, {0x179, 0x17d, 1, 2},
    {0x386, 0x386, 38, 1},    {0x388, 0x38a, 37, 1},     {0x38c, 0x38c, 64, 1},
    {0x38e, 0x38f, 63, 1},    {0x391, 0x3a1, 32, 1},     {0x3a3, 0x3ab, 32, 1},
    {0x400, 0x40f, 80, 1},    {0x410, 0x42f, 32, 1},     {0x460, 0x480, 1, 2},
    {0x48a, 0x4be, 1, 2},     {0x531, 0x556, 48, 1},     {0x1e00, 0x1e94, 1, 2},
    {0x1ea0, 0x1efe, 1, 2},   {0xff21, 0xff3a, 32, 1},
};

static uint32_t case_map(const case_range *tab, size_t n, uint32_t c) {
    for (size_t i = 0; i < n; i++) {
        if (c < tab[i].lo) {
            break;
        }
        if (c <= tab[i].hi && (tab[i].step == 1 || ((c - tab[i].lo) & 1) == 0)) {
            return (uint32_t)((int32_t)c + tab[i].delta);
        }
    }
    return c;
}

static uint32_t uni_upper(uint32_t c) {
    if (c < 0x80) {
        return c >= 'a' && c <= 'z' ? c - 32 : c;
    }
    return case_map(to_upper_tab, sizeof(to_upper_tab) / sizeof(to_upper_tab[0]), c);
}

static uint32_t uni_lower(uint32_t c) {
    if (c < 0x80) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
    if (c == 0x130) {
        return 'i';
    }
    return case_map(to_lower_tab, sizeof(to_lower_tab) / sizeof(to_lower_tab[0]), c);
}

static bool uni_isupper(uint32_t c) { return c == 0x130 || uni_lower(c) != c; }
static bool uni_islower(uint32_t c) { return c == 0xdf || uni_upper(c) != c; }
static bool uni_iscased(uint32_t c) { return uni_isupper(c) || uni_islower(c); }

typedef struct cp_range {
    uint32_t lo, hi;
} cp_range;

static bool in_ranges(const cp_range *tab, size_t n, uint32_t c) {
    for (size_t i = 0; i < n; i++) {
        if (c < tab[i].lo) {
            return false;
        }
        if (c <= tab[i].hi) {
            return true;
        }
    }
    return false;
}
#define IN_RANGES(tab, c) in_ranges(tab, sizeof(tab) / sizeof((tab)[0]), c)

static const cp_range letter_ranges[] = {
    {0xaa, 0xaa},       {0xba, 0xba},       {0xc0, 0xd6},       {0xd8, 0xf6},
    {0xf8, 0x2c1},      {0x370, 0x373},     {0x376, 0x377},     {0x37b, 0x37d},
    {0x386, 0x386},     {0x388, 0x3f5},     {0x3f7, 0x481},     {0x48a, 0x52f},
    {0x531, 0x556},     {0x561, 0x587},     {0x5d0, 0x5ea},     {0x620, 0x64a},
    {0x671, 0x6d3},     {0x904, 0x939},     {0xe01, 0xe30},     {0x10a0, 0x10ff},
    {0x1100, 0x11ff},   {0x1e00, 0x1fbc},   {0x3041, 0x3096},   {0x30a1, 0x30fa},
    {0x3400, 0x4dbf},   {0x4e00, 0x9fff},   {0xac00, 0xd7a3},   {0xf900, 0xfaff},
    {0xff21, 0xff3a},   {0xff41, 0xff5a},   {0xff66, 0xff9d},   {0x20000, 0x2fa1f},
};

static const cp_range decimal_ranges[] = {
    {0x660, 0x669}, {0x6f0, 0x6f9}, {0x966, 0x96f}, {0x9e6, 0x9ef},
    {0xe50, 0xe59}, {0xff10, 0xff19},
};

/* digits that are not decimal: superscripts, subscripts, circled digits */
static const cp_range digit_ranges[] = {
    {0xb2, 0xb3},     {0xb9, 0xb9},     {0x2070, 0x2070}, {0x2074, 0x2079},
    {0x2080, 0x2089}, {0x2460, 0x2468}, {0x2474, 0x247c}, {0x2488, 0x2490},
    {0x24ea, 0x24ea}, {0x2776, 0x277e},
};

/* numeric but not digits: fractions, Roman numerals, CJK numerals */
static const cp_range numeric_ranges[] = {
    {0xbc, 0xbe},     {0x2150, 0x2182}, {0x2469, 0x2473}, {0x3007, 0x3007},
    {0x3021, 0x3029}, {0x4e00, 0x4e00}, {0x4e03, 0x4e03}, {0x4e09, 0x4e09},
    {0x4e5d, 0x4e5d}, {0x4e8c, 0x4e8c}, {0x4e94, 0x4e94}, {0x516b, 0x516b},
    {0x516d, 0x516d}, {0x5341, 0x5341}, {0x56db, 0x56db},
};

static const cp_range space_ranges[] = {
    {0x85, 0x85},     {0xa0, 0xa0},     {0x1680, 0x1680}, {0x2000, 0x200a},
    {0x2028, 0x2029}, {0x202f, 0x202f}, {0x205f, 0x205f}, {0x3000, 0x3000},
};

static const cp_range unprintable_ranges[] = {
    {0x80, 0xa0},         {0xad, 0xad},         {0x378, 0x379},     {0x61c, 0x61c},
    {0x1680, 0x1680},     {0x180e, 0x180e},     {0x2000, 0x200f},   {0x2028, 0x202f},
    {0x205f, 0x2064},     {0x2066, 0x206f},     {0x3000, 0x3000},   {0xd800, 0xf8ff},
    {0xfeff, 0xfeff},     {0xfff0, 0xfffb},     {0xfffe, 0xffff},   {0xe0000, 0xe0fff},
    {0xf0000, 0x10ffff},
};

static bool uni_isdecimal(uint32_t c) {
    return c < 0x80 ? c >= '0' && c <= '9' : IN_RANGES(decimal_ranges, c);
}
static bool uni_isdigit(uint32_t c) { return uni_isdecimal(c) || IN_RANGES(digit_ranges, c); }
static bool uni_isnumeric(uint32_t c) { return uni_isdigit(c) || IN_RANGES(numeric_ranges, c); }

static bool uni_isalpha(uint32_t c) {
    if (c < 0x80) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }
    return c != 0xd7 && c != 0xf7 && (IN_RANGES(letter_ranges, c) || uni_iscased(c));
}

static bool uni_isalnum(uint32_t c) { return uni_isalpha(c) || uni_isnumeric(c); }

bool py_uni_isspace(uint32_t c) {
    if (c < 0x80) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    }
    return IN_RANGES(space_ranges, c);
}

bool py_uni_isprintable(uint32_t c) {
    if (c < 0x80) {
        return c >= 0x20 && c < 0x7f;
    }
    return !IN_RANGES(unprintable_ranges, c);
}

/* ASCII classes for bytes and the ASCII fast paths of str. */
static inline bool byte_isspace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline bool byte_isdigit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool byte_isalpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static inline bool byte_isupper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline bool byte_islower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* ---------------------------------------------------------------- objects */

#define FNV1(c) ((uint32_t)((2166136261u ^ (uint32_t)(c)) * 16777619u))

typedef struct static_str {
    py_str_obj s;
    char data[4];
} static_str;

#define CH(c) {{{&py_type_str}, FNV1(c), 3u}, {(char)(c), 0, 0, 0}}
#define CH4(c) CH(c), CH((c) + 1), CH((c) + 2), CH((c) + 3)
#define CH16(c) CH4(c), CH4((c) + 4), CH4((c) + 8), CH4((c) + 12)
static const static_str ascii_chars[128] = {
    CH16(0), CH16(16), CH16(32), CH16(48), CH16(64), CH16(80), CH16(96), CH16(112),
};

static const static_str empty_bytes = {{{&py_type_bytes}, 2166136261u, 0}, {0, 0, 0, 0}};

py_val py_str_char(unsigned char c) { return PY_OBJ(&ascii_chars[c & 0x7f].s); }

static py_val empty_of(const py_type *type) {
    if (type == &py_type_str) {
        return PY_QSTR(Q_);
    }
    if (type == &py_type_bytes) {
        return PY_OBJ(&empty_bytes.s);
    }
    return py_bytearray_new(NULL, 0);
}

py_str_obj *py_strobj_alloc(const py_type *type, size_t len) {
    if (len > PY_STR_MAX_LEN) {
        py_raise_memory_error();
    }
    py_str_obj *o = py_gc_alloc_flags(PY_STR_HDR + len + 1, PY_GC_LEAF);
    o->head.type = type;
    o->info = (uint32_t)(len << 1);
    return o;
}

py_val py_strobj_seal(py_str_obj *o, int ascii) {
    size_t len = py_str_obj_len(o);
    char *d = py_str_obj_data(o);
    d[len] = 0;
    if (o->head.type == &py_type_str) {
        if (ascii < 0) {
            ascii = py_utf8_is_ascii(d, len);
        }
        if (len <= 1 && (len == 0 || ascii)) {
            unsigned char c = (unsigned char)d[0];
            py_gc_free(o);
            return len == 0 ? PY_QSTR(Q_) : py_str_char(c);
        }
        o->info |= ascii ? 1u : 0u;
    } else if (len == 0) {
        py_gc_free(o);
        return PY_OBJ(&empty_bytes.s);
    }
    return PY_OBJ(o);
}

py_val py_str_new_ascii(const char *s, size_t len, int ascii) {
    if (len <= 1) {
        if (len == 0) {
            return PY_QSTR(Q_);
        }
        if ((unsigned char)s[0] < 0x80) {
            return py_str_char((unsigned char)s[0]);
        }
    }
    if (ascii < 0) {
        ascii = py_utf8_is_ascii(s, len);
        size_t bad;
        if (!ascii && py_utf8_valid_prefix(s, len, &bad) != len) {
            /* text from outside (a file, the terminal) that is not UTF-8:
             * every str must be, so the bad bytes become U+FFFD */
            return py_str_decode("str", s, len, PY_NULL, PY_QSTR(Q_replace));
        }
    }
    py_str_obj *o = py_strobj_alloc(&py_type_str, len);
    memcpy(py_str_obj_data(o), s, len);
    return py_strobj_seal(o, ascii);
}

py_val py_str_new(const char *s, size_t len) { return py_str_new_ascii(s, len, -1); }

py_val py_str_from_cstr(const char *s) { return py_str_new(s, strlen(s)); }

py_val py_strv_new_like(const py_strv *like, const char *s, size_t len, int ascii) {
    switch (like->kind) {
    case PY_SV_STR:
        return py_str_new_ascii(s, len, ascii);
    case PY_SV_BYTES:
        return py_bytes_new(s, len);
    default:
        return py_bytearray_new(s, len);
    }
}

static const py_type *type_of_kind(int kind) {
    return kind == PY_SV_STR ? &py_type_str
           : kind == PY_SV_BYTES ? &py_type_bytes
                                 : &py_type_bytearray;
}

/* A new empty result with room for len bytes, of the kind of `like`; seal
 * with finish_like. bytearray results go through a bytes-shaped block too
 * and are copied once at the end, which keeps one code path. */
static py_str_obj *alloc_like(const py_strv *like, size_t len) {
    return py_strobj_alloc(like->kind == PY_SV_STR ? &py_type_str : &py_type_bytes, len);
}

static py_val finish_like(const py_strv *like, py_str_obj *o, int ascii) {
    if (like->kind == PY_SV_BYTEARRAY) {
        py_val r = py_bytearray_new(py_str_obj_data(o), py_str_obj_len(o));
        py_gc_free(o);
        return r;
    }
    return py_strobj_seal(o, ascii);
}

void py_str_build_begin(py_buf *b, size_t cap) {
    py_buf_init(b, PY_STR_HDR + cap + 1);
    b->len = PY_STR_HDR;
}

py_val py_str_build_end(py_buf *b, const py_type *type, int ascii) {
    size_t len = b->len - PY_STR_HDR;
    if (len > PY_STR_MAX_LEN) {
        py_raise_memory_error();
    }
    if (type == &py_type_bytearray) {
        py_val r = py_bytearray_new(b->data + PY_STR_HDR, len);
        py_gc_free(b->data);
        b->data = NULL;
        b->len = b->alloc = 0;
        return r;
    }
    py_buf_add_byte(b, 0);
    py_str_obj *o = py_gc_realloc(b->data, PY_STR_HDR + len + 1);
    b->data = NULL;
    b->len = b->alloc = 0;
    o->head.type = type;
    o->hash = 0;
    o->info = (uint32_t)(len << 1);
    return py_strobj_seal(o, ascii);
}

/* ---------------------------------------------------------------- access */

bool py_strv_get_any(py_val v, py_strv *out) {
    if (py_is_qstr(v)) {
        out->data = py_qstr_data(py_qstr_of(v), &out->len);
        out->kind = PY_SV_STR;
        out->ascii = py_utf8_is_ascii(out->data, out->len);
        return true;
    }
    if (!py_is_obj(v)) {
        return false;
    }
    const py_type *t = ((const py_head *)py_ptr(v))->type;
    if (t == &py_type_str || t == &py_type_bytes) {
        const py_str_obj *o = py_ptr(v);
        out->data = py_str_obj_data(o);
        out->len = py_str_obj_len(o);
        out->kind = t == &py_type_str ? PY_SV_STR : PY_SV_BYTES;
        out->ascii = t == &py_type_bytes || (o->info & 1) != 0;
        return true;
    }
    if (t == &py_type_bytearray) {
        const py_bytearray *a = py_ptr(v);
        out->data = a->data != NULL ? a->data : "";
        out->len = a->len;
        out->kind = PY_SV_BYTEARRAY;
        out->ascii = true;
        return true;
    }
    if (py_type_is_heap(t)) {
        py_val n = py_native_value(v);
        if (n != v) {
            return py_strv_get(n, out);
        }
    }
    return false;
}

static bool str_view(py_val v, py_strv *out) { return py_strv_get(v, out) && out->kind == PY_SV_STR; }

void py_strv_of_str(py_val v, py_strv *out) {
    if (!str_view(v, out)) {
        py_raise_type_error("must be str, not %s", py_type_name(v));
    }
}

bool py_is_str(py_val v) {
    if (py_is_qstr(v)) {
        return true;
    }
    if (!py_is_obj(v)) {
        return false;
    }
    const py_type *t = ((const py_head *)py_ptr(v))->type;
    return t == &py_type_str || (py_type_is_heap(t) && py_is_subclass(t, &py_type_str));
}

const char *py_str_data(py_val v, size_t *len) {
    if (py_is_qstr(v)) {
        return py_qstr_data(py_qstr_of(v), len);
    }
    py_strv sv;
    if (!py_strv_get(v, &sv)) {
        py_raise_type_error("expected str or bytes, got '%s'", py_type_name(v));
    }
    *len = sv.len;
    return sv.data;
}

const char *py_get_str(py_val v, size_t *len) {
    if (py_is_qstr(v)) {
        return py_qstr_data(py_qstr_of(v), len);
    }
    py_strv sv;
    py_strv_of_str(v, &sv);
    *len = sv.len;
    return sv.data;
}

py_val py_str_intern(py_val str) {
    if (py_is_qstr(str)) {
        return str;
    }
    py_strv sv;
    py_strv_of_str(str, &sv);
    return PY_QSTR(py_qstr_from(sv.data, sv.len));
}

uint32_t py_str_hash_of(py_val v) {
    if (py_is_qstr(v)) {
        return py_qstr_hash(py_qstr_of(v));
    }
    py_str_obj *o = py_ptr(v);
    if (o->hash == 0) {
        /* static strings carry their hash, so only heap objects get here */
        uint32_t h = py_hash_bytes(py_str_obj_data(o), py_str_obj_len(o));
        if (h == 0) {
            return 0;
        }
        o->hash = h;
    }
    return o->hash;
}

/* Number of code points. */
static size_t char_len(const py_strv *v) { return v->ascii ? v->len : py_utf8_count(v->data, v->len); }

size_t py_str_index(py_val index, size_t len, int kind) {
    static const char *const names[] = {"string", "byte", "bytearray", "memoryview"};
    static const char *const range_msgs[] = {"string index out of range", "index out of range",
                                             "bytearray index out of range",
                                             "index out of bounds on dimension 1"};
    py_int_t i;
    if (py_is_small(index)) {
        i = py_small_value(index);
    } else if (!py_is_int(index)) {
        py_raise_type_error(kind == PY_SV_STR ? "%s indices must be integers, not '%s'"
                                              : "%s indices must be integers or slices, not %s",
                            names[kind], py_type_name(index));
    } else if (!py_get_int_maybe(index, &i)) {
        py_raise_msg(&py_type_IndexError, "cannot fit 'int' into an index-sized integer");
    }
    if (i < 0) {
        i += (py_int_t)len;
    }
    if (i < 0 || (size_t)i >= len) {
        py_raise_msg(&py_type_IndexError, "%s", range_msgs[kind]);
    }
    return (size_t)i;
}

py_int_t py_str_int_arg(py_val v) {
    py_int_t i;
    if (py_is_small(v)) {
        return py_small_value(v);
    }
    if (!py_is_int(v)) {
        py_raise_type_error("'%s' object cannot be interpreted as an integer", py_type_name(v));
    }
    if (!py_get_int_maybe(v, &i)) {
        py_raise_msg(&py_type_OverflowError, "Python int too large to convert to C ssize_t");
    }
    return i;
}

/* ---------------------------------------------------------------- repr */

static void print_escape(const py_print *out, uint32_t c) {
    char tmp[12];
    switch (c) {
    case '\\':
        py_print_strn(out, "\\\\", 2);
        return;
    case '\n':
        py_print_strn(out, "\\n", 2);
        return;
    case '\r':
        py_print_strn(out, "\\r", 2);
        return;
    case '\t':
        py_print_strn(out, "\\t", 2);
        return;
    case '\'':
        py_print_strn(out, "\\'", 2);
        return;
    case '"':
        py_print_strn(out, "\\\"", 2);
        return;
    default:
        break;
    }
    static const char hex[] = "0123456789abcdef";
    size_t n = c < 0x100 ? 2 : c < 0x10000 ? 4 : 8;
    tmp[0] = '\\';
    tmp[1] = n == 2 ? 'x' : n == 4 ? 'u' : 'U';
    for (size_t i = 0; i < n; i++) {
        tmp[2 + i] = hex[(c >> (4 * (n - 1 - i))) & 15];
    }
    py_print_strn(out, tmp, 2 + n);
}

static char pick_quote(const char *s, size_t n) {
    return memchr(s, '\'', n) != NULL && memchr(s, '"', n) == NULL ? '"' : '\'';
}

void py_str_print_repr(const py_print *out, const char *s, size_t n) {
    char q = pick_quote(s, n);
    py_print_strn(out, &q, 1);
    size_t run = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != (unsigned char)q) {
            i++;
            continue;
        }
        size_t clen = 1;
        uint32_t cp = c;
        if (c >= 0x80) {
            cp = py_utf8_get(s + i, &clen);
            if (py_uni_isprintable(cp)) {
                i += clen;
                continue;
            }
        }
        if (i > run) {
            py_print_strn(out, s + run, i - run);
        }
        print_escape(out, cp);
        i += clen;
        run = i;
    }
    if (n > run) {
        py_print_strn(out, s + run, n - run);
    }
    py_print_strn(out, &q, 1);
}

void py_bytes_print_repr(const py_print *out, const char *s, size_t n, bool escape_apostrophe) {
    char q = pick_quote(s, n);
    py_print_strn(out, "b", 1);
    py_print_strn(out, &q, 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != (unsigned char)q &&
            !(c == '\'' && escape_apostrophe)) {
            continue;
        }
        if (i > run) {
            py_print_strn(out, s + run, i - run);
        }
        print_escape(out, c);
        run = i + 1;
    }
    if (n > run) {
        py_print_strn(out, s + run, n - run);
    }
    py_print_strn(out, &q, 1);
}

static void str_print(const py_print *out, py_val self, int kind) {
    py_strv v;
    py_strv_of_str(self, &v);
    if (kind == PY_PRINT_REPR) {
        py_str_print_repr(out, v.data, v.len);
    } else {
        py_print_strn(out, v.data, v.len);
    }
}

static py_val print_to_str(py_val v, int kind) {
    py_buf b;
    py_str_build_begin(&b, 16);
    py_print out;
    py_print_to_buf(&out, &b);
    py_print_value(&out, v, kind);
    return py_str_build_end(&b, &py_type_str, -1);
}

py_val py_repr(py_val v) { return print_to_str(v, PY_PRINT_REPR); }

py_val py_str_of(py_val v) {
    if (py_is_qstr(v) || (py_is_obj(v) && ((const py_head *)py_ptr(v))->type == &py_type_str)) {
        return v;
    }
    return print_to_str(v, PY_PRINT_STR);
}

/* ---------------------------------------------------------------- searching */

/* The searches below compare the needle at each candidate place: with a
 * long needle that is quadratic work, seconds on a board, so they let Ctrl-C
 * in every megabyte or so of comparing. */
#define SEARCH_POLL_BYTES (1u << 20)

static void search_poll(size_t *work, size_t nn) {
    *work += nn;
    if (*work >= SEARCH_POLL_BYTES) {
        *work = 0;
        py_check_interrupt();
    }
}

static const char *mem_find(const char *h, size_t hn, const char *n, size_t nn) {
    size_t work = 0;
    if (nn == 0) {
        return h;
    }
    if (nn > hn) {
        return NULL;
    }
    if (nn == 1) {
        return memchr(h, n[0], hn);
    }
    const char *last = h + (hn - nn);
    const char *p = h;
    while (p <= last) {
        p = memchr(p, n[0], (size_t)(last - p) + 1);
        if (p == NULL) {
            return NULL;
        }
        if (memcmp(p + 1, n + 1, nn - 1) == 0) {
            return p;
        }
        search_poll(&work, nn);
        p++;
    }
    return NULL;
}

static const char *mem_rfind(const char *h, size_t hn, const char *n, size_t nn) {
    if (nn > hn) {
        return NULL;
    }
    if (nn == 0) {
        return h + hn;
    }
    size_t work = 0;
    for (const char *p = h + (hn - nn);; p--) {
        if (*p == n[0]) {
            if (memcmp(p + 1, n + 1, nn - 1) == 0) {
                return p;
            }
            search_poll(&work, nn);
        }
        if (p == h) {
            return NULL;
        }
    }
}

/* ---------------------------------------------------------------- method helpers */

static void self_view(py_val self, py_strv *v) {
    if (!py_strv_get(self, v)) {
        py_raise_type_error("descriptor requires a 'str' or 'bytes' object but received a '%s'",
                            py_type_name(self));
    }
}

/* An argument that must be of self's family: str for str, a buffer for
 * bytes. what, if not NULL, names it in the error ("replace() argument 1"). */
static void arg_view_named(const py_strv *self, py_val arg, py_strv *out, const char *what) {
    if (self->kind == PY_SV_STR) {
        if (!str_view(arg, out)) {
            py_raise_type_error("%s%smust be str, not %s", what ? what : "", what ? " " : "",
                                py_type_name(arg));
        }
        return;
    }
    if (py_strv_get(arg, out)) {
        if (out->kind != PY_SV_STR) {
            return;
        }
    } else {
        py_buffer buf;
        if (py_get_buffer(arg, &buf, PY_BUFFER_READ)) {
            out->data = buf.buf;
            out->len = buf.len;
            out->kind = PY_SV_BYTES;
            out->ascii = true;
            return;
        }
    }
    py_raise_type_error("a bytes-like object is required, not '%s'", py_type_name(arg));
}

static void arg_view(const py_strv *self, py_val arg, py_strv *out) {
    arg_view_named(self, arg, out, NULL);
}

/* The needle of a search: for bytes, an int 0..255 is a one-byte needle. */
static void needle_view(const py_strv *self, py_val arg, py_strv *out, char *one) {
    if (self->kind != PY_SV_STR && py_is_int(arg)) {
        py_int_t b;
        if (!py_get_int_maybe(arg, &b) || b < 0 || b > 255) {
            py_raise_value_error("byte must be in range(0, 256)");
        }
        *one = (char)b;
        out->data = one;
        out->len = 1;
        out->kind = PY_SV_BYTES;
        out->ascii = true;
        return;
    }
    if (self->kind != PY_SV_STR && py_is_str(arg)) {
        py_raise_type_error("argument should be integer or bytes-like object, not 'str'");
    }
    arg_view(self, arg, out);
}

/* An optional start/end argument: None means the default. */
static py_int_t opt_index(py_val v, py_int_t dflt) {
    if (v == PY_NONE || v == PY_NULL) {
        return dflt;
    }
    py_int_t i;
    if (py_get_int_maybe(v, &i)) {
        return i;
    }
    if (py_is_int(v)) {
        return py_truthy(py_binary_op(PY_BINOP_LT, v, PY_SMALL(0))) ? -PY_SMALL_MAX : PY_SMALL_MAX;
    }
    py_raise_type_error("slice indices must be integers or None or have an __index__ method");
}

/* The part of v that optional start/end arguments select, as Python clamps
 * slice indices. Returns false when start is past the end. */
typedef struct span {
    size_t b0, b1; /* byte range */
    size_t c0, c1; /* the same in code points */
} span;

static bool get_span(const py_strv *v, size_t n_args, const py_val *args, span *sp) {
    if (n_args == 0) {
        sp->b0 = sp->c0 = 0;
        sp->b1 = v->len;
        sp->c1 = SIZE_MAX; /* not counted: only count('') needs it */
        return true;
    }
    py_int_t n = (py_int_t)char_len(v);
    py_int_t start = n_args > 0 ? opt_index(args[0], 0) : 0;
    py_int_t end = n_args > 1 ? opt_index(args[1], n) : n;
    if (end > n) {
        end = n;
    } else if (end < 0) {
        end += n;
        if (end < 0) {
            end = 0;
        }
    }
    if (start < 0) {
        start += n;
        if (start < 0) {
            start = 0;
        }
    }
    if (start > n || end < start) {
        return false; /* nothing there, not even an empty string */
    }
    sp->c0 = (size_t)start;
    sp->c1 = (size_t)end;
    if (v->ascii) {
        sp->b0 = (size_t)start;
        sp->b1 = (size_t)end;
    } else {
        const char *e = v->data + v->len;
        const char *p0 = utf8_skip(v->data, e, (size_t)start);
        const char *p1 = utf8_skip(p0, e, (size_t)(end - start));
        sp->b0 = (size_t)(p0 - v->data);
        sp->b1 = (size_t)(p1 - v->data);
    }
    return true;
}

static py_val substr(const py_strv *v, size_t b0, size_t b1) {
    return py_strv_new_like(v, v->data + b0, b1 - b0, v->ascii ? 1 : -1);
}

/* Returns self itself when the result equals it and the type is immutable. */
static py_val same_or_sub(py_val self, const py_strv *v, size_t b0, size_t b1) {
    if (b0 == 0 && b1 == v->len && v->kind != PY_SV_BYTEARRAY &&
        (py_is_qstr(self) || py_type_of(self) == type_of_kind(v->kind))) {
        return self;
    }
    return substr(v, b0, b1);
}

/* ---------------------------------------------------------------- find, index, count */

static py_val do_find(size_t n_args, const py_val *args, bool reverse, bool raise) {
    py_strv v, sub;
    char one;
    self_view(args[0], &v);
    span sp;
    bool in_range = get_span(&v, n_args - 2, args + 2, &sp);
    needle_view(&v, args[1], &sub, &one);
    if (in_range && sp.b1 - sp.b0 >= sub.len) {
        const char *h = v.data + sp.b0;
        size_t hn = sp.b1 - sp.b0;
        const char *p = reverse ? mem_rfind(h, hn, sub.data, sub.len)
                                : mem_find(h, hn, sub.data, sub.len);
        if (p != NULL) {
            size_t at = v.ascii ? (size_t)(p - v.data) : sp.c0 + py_utf8_count(h, (size_t)(p - h));
            return PY_SMALL((py_int_t)at);
        }
    }
    if (raise) {
        py_raise_value_error(v.kind == PY_SV_STR ? "substring not found" : "subsection not found");
    }
    return PY_SMALL(-1);
}

static py_val strm_find(size_t n, const py_val *a) { return do_find(n, a, false, false); }
static py_val strm_rfind(size_t n, const py_val *a) { return do_find(n, a, true, false); }
static py_val strm_index(size_t n, const py_val *a) { return do_find(n, a, false, true); }
static py_val strm_rindex(size_t n, const py_val *a) { return do_find(n, a, true, true); }
PY_DEFINE_FUN_VAR(py_strm_find_obj, 2, 4, strm_find);
PY_DEFINE_FUN_VAR(py_strm_rfind_obj, 2, 4, strm_rfind);
PY_DEFINE_FUN_VAR(py_strm_index_obj, 2, 4, strm_index);
PY_DEFINE_FUN_VAR(py_strm_rindex_obj, 2, 4, strm_rindex);

static size_t count_in(const char *h, size_t hn, const char *n, size_t nn, size_t max) {
    size_t c = 0;
    const char *end = h + hn;
    while (c < max) {
        const char *p = mem_find(h, (size_t)(end - h), n, nn);
        if (p == NULL) {
            break;
        }
        c++;
        h = p + nn;
    }
    return c;
}

static py_val strm_count(size_t n_args, const py_val *args) {
    py_strv v, sub;
    char one;
    self_view(args[0], &v);
    span sp;
    bool in_range = get_span(&v, n_args - 2, args + 2, &sp);
    needle_view(&v, args[1], &sub, &one);
    if (!in_range) {
        return PY_SMALL(0);
    }
    if (sub.len == 0) {
        size_t chars = sp.c1 != SIZE_MAX ? sp.c1 - sp.c0 : char_len(&v);
        return PY_SMALL((py_int_t)(chars + 1));
    }
    return PY_SMALL((py_int_t)count_in(v.data + sp.b0, sp.b1 - sp.b0, sub.data, sub.len, SIZE_MAX));
}
PY_DEFINE_FUN_VAR(py_strm_count_obj, 2, 4, strm_count);

/* ---------------------------------------------------------------- replace */

static py_val strm_replace(size_t n_args, const py_val *args) {
    py_strv v, old, new_;
    self_view(args[0], &v);
    arg_view_named(&v, args[1], &old, "replace() argument 1");
    arg_view_named(&v, args[2], &new_, "replace() argument 2");
    size_t max = SIZE_MAX;
    if (n_args > 3) {
        py_int_t m = py_str_int_arg(args[3]);
        if (m >= 0) {
            max = (size_t)m;
        }
    }
    size_t n;
    if (old.len == 0) {
        n = char_len(&v) + 1;
        if (n > max) {
            n = max;
        }
    } else {
        n = count_in(v.data, v.len, old.data, old.len, max);
    }
    if (n == 0) {
        return same_or_sub(args[0], &v, 0, v.len);
    }
    size_t len = v.len - n * old.len;
    if (new_.len > 0 && n > (PY_STR_MAX_LEN - len) / new_.len) {
        py_raise_memory_error();
    }
    len += n * new_.len;
    py_str_obj *o = alloc_like(&v, len);
    char *d = py_str_obj_data(o);
    const char *s = v.data, *end = v.data + v.len;
    for (size_t k = 0; k < n; k++) {
        const char *p;
        if (old.len == 0) {
            p = k == 0 ? s : s + (v.ascii ? 1 : py_utf8_char_len((unsigned char)*s));
        } else {
            p = mem_find(s, (size_t)(end - s), old.data, old.len);
        }
        memcpy(d, s, (size_t)(p - s));
        d += p - s;
        memcpy(d, new_.data, new_.len);
        d += new_.len;
        s = p + old.len;
    }
    memcpy(d, s, (size_t)(end - s));
    int ascii = v.ascii && new_.ascii ? 1 : (new_.ascii ? -1 : 0);
    return finish_like(&v, o, ascii);
}
PY_DEFINE_FUN_VAR(py_strm_replace_obj, 3, 4, strm_replace);

/* ---------------------------------------------------------------- split */

/* Whitespace test at p for the view's kind; sets *n to the char's length. */
/* ASCII whitespace: bit 0 for str (which adds \x1c-\x1f), bit 1 for bytes. */
static const uint8_t ascii_space[256] = {
    ['\t'] = 3, ['\n'] = 3, ['\v'] = 3, ['\f'] = 3, ['\r'] = 3, [0x1c] = 1, [0x1d] = 1,
    [0x1e] = 1, [0x1f] = 1, [' '] = 3,
};

static inline bool space_at(const py_strv *v, const char *p, size_t *n) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x80) {
        *n = 1;
        return (ascii_space[c] >> (v->kind != PY_SV_STR)) & 1;
    }
    if (v->kind != PY_SV_STR) {
        *n = 1;
        return false;
    }
    return py_uni_isspace(py_utf8_get(p, n));
}

/* The split functions run twice: once with items == NULL to count the
 * parts, then to fill a list made with exactly that many items (growing a
 * list part by part costs more than the second scan). Parts found from the
 * right (rsplit) are stored from the end of items. */
static void put_part(py_val *items, size_t n, size_t k, bool from_right, const py_strv *v,
                     size_t b0, size_t b1) {
    if (items != NULL) {
        items[from_right ? n - 1 - k : k] = substr(v, b0, b1);
    }
}

/* split_whitespace for bytes and ASCII str: a table lookup per byte. */
static size_t split_whitespace_bytes(const py_strv *v, py_int_t maxsplit, py_val *items,
                                     size_t n) {
    const unsigned char *s = (const unsigned char *)v->data;
    size_t len = v->len, i = 0, k = 0;
    uint8_t mask = v->kind == PY_SV_STR ? 1 : 2;
    while (true) {
        while (i < len && (ascii_space[s[i]] & mask)) {
            i++;
        }
        if (i == len) {
            return k;
        }
        if (maxsplit == 0) {
            put_part(items, n, k, false, v, i, len);
            return k + 1;
        }
        size_t j = i;
        while (j < len && !(ascii_space[s[j]] & mask)) {
            j++;
        }
        put_part(items, n, k++, false, v, i, j);
        maxsplit--;
        i = j;
    }
}

static size_t split_whitespace(const py_strv *v, py_int_t maxsplit, py_val *items, size_t n) {
    if (v->ascii) {
        return split_whitespace_bytes(v, maxsplit, items, n);
    }
    const char *p = v->data, *end = v->data + v->len;
    size_t k = 0, clen;
    while (true) {
        while (p < end && space_at(v, p, &clen)) {
            p += clen;
        }
        if (p == end) {
            return k;
        }
        if (maxsplit == 0) {
            put_part(items, n, k, false, v, (size_t)(p - v->data), v->len);
            return k + 1;
        }
        const char *q = p;
        while (q < end && !space_at(v, q, &clen)) {
            q += clen;
        }
        put_part(items, n, k++, false, v, (size_t)(p - v->data), (size_t)(q - v->data));
        maxsplit--;
        p = q;
    }
}

static size_t rsplit_whitespace(const py_strv *v, py_int_t maxsplit, py_val *items, size_t n) {
    const char *start = v->data, *p = v->data + v->len;
    size_t k = 0, clen;
    while (true) {
        while (p > start) {
            const char *c = utf8_back(p, start);
            if (!space_at(v, c, &clen)) {
                break;
            }
            p = c;
        }
        if (p == start) {
            return k;
        }
        if (maxsplit == 0) {
            put_part(items, n, k, true, v, 0, (size_t)(p - start));
            return k + 1;
        }
        const char *q = p;
        while (q > start) {
            const char *c = utf8_back(q, start);
            if (space_at(v, c, &clen)) {
                break;
            }
            q = c;
        }
        put_part(items, n, k++, true, v, (size_t)(q - start), (size_t)(p - start));
        maxsplit--;
        p = q;
    }
}

static size_t split_sep(const py_strv *v, const py_strv *sep, py_int_t maxsplit, py_val *items,
                        size_t n) {
    const char *p = v->data, *end = v->data + v->len;
    size_t k = 0;
    while (maxsplit-- > 0) {
        const char *q = mem_find(p, (size_t)(end - p), sep->data, sep->len);
        if (q == NULL) {
            break;
        }
        put_part(items, n, k++, false, v, (size_t)(p - v->data), (size_t)(q - v->data));
        p = q + sep->len;
    }
    put_part(items, n, k, false, v, (size_t)(p - v->data), v->len);
    return k + 1;
}

static size_t rsplit_sep(const py_strv *v, const py_strv *sep, py_int_t maxsplit, py_val *items,
                         size_t n) {
    size_t end = v->len, k = 0;
    while (maxsplit-- > 0) {
        const char *q = mem_rfind(v->data, end, sep->data, sep->len);
        if (q == NULL) {
            break;
        }
        size_t at = (size_t)(q - v->data);
        put_part(items, n, k++, true, v, at + sep->len, end);
        end = at;
    }
    put_part(items, n, k, true, v, 0, end);
    return k + 1;
}

static py_val do_split(size_t n_args, const py_val *args, py_map *kw, bool reverse) {
    static const py_arg_spec spec[] = {{Q_sep, 0, PY_NONE}, {Q_maxsplit, 0, PY_SMALL(-1)}};
    py_val a[2];
    py_strv v, sep;
    self_view(args[0], &v);
    if (n_args == 1 && kw == NULL) {
        a[0] = PY_NONE;
        a[1] = PY_SMALL(-1);
    } else {
        py_parse_args(n_args - 1, args + 1, kw, 2, spec, a);
    }
    py_int_t maxsplit = py_str_int_arg(a[1]);
    if (maxsplit < 0) {
        maxsplit = PY_SMALL_MAX;
    }
    bool ws = a[0] == PY_NONE;
    if (!ws) {
        if (v.kind == PY_SV_STR && !str_view(a[0], &sep)) {
            py_raise_type_error("must be str or None, not %s", py_type_name(a[0]));
        }
        arg_view(&v, a[0], &sep);
        if (sep.len == 0) {
            py_raise_value_error("empty separator");
        }
    }
    size_t n = ws ? (reverse ? rsplit_whitespace : split_whitespace)(&v, maxsplit, NULL, 0)
                  : (reverse ? rsplit_sep : split_sep)(&v, &sep, maxsplit, NULL, 0);
    py_val list = py_list_new(n, NULL);
    py_val *items = ((py_list *)py_ptr(list))->items;
    if (ws) {
        (reverse ? rsplit_whitespace : split_whitespace)(&v, maxsplit, items, n);
    } else {
        (reverse ? rsplit_sep : split_sep)(&v, &sep, maxsplit, items, n);
    }
    return list;
}

static py_val strm_split(size_t n, const py_val *a, py_map *kw) { return do_split(n, a, kw, false); }
static py_val strm_rsplit(size_t n, const py_val *a, py_map *kw) { return do_split(n, a, kw, true); }
PY_DEFINE_FUN_KW(py_strm_split_obj, 1, strm_split);
PY_DEFINE_FUN_KW(py_strm_rsplit_obj, 1, strm_rsplit);

/* Length of the line break at p (0 if none). */
static size_t line_break_at(const py_strv *v, const char *p, const char *end) {
    unsigned char c = (unsigned char)*p;
    if (c == '\r') {
        return p + 1 < end && p[1] == '\n' ? 2 : 1;
    }
    if (c == '\n') {
        return 1;
    }
    if (v->kind != PY_SV_STR) {
        return 0;
    }
    if (c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e)) {
        return 1;
    }
    if (c >= 0x80) {
        size_t n;
        uint32_t cp = py_utf8_get(p, &n);
        if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
            return n;
        }
    }
    return 0;
}

static py_val strm_splitlines(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {{Q_keepends, 0, PY_FALSE}};
    py_val keep;
    py_strv v;
    self_view(args[0], &v);
    py_parse_args(n_args - 1, args + 1, kw, 1, spec, &keep);
    if (!py_is_int(keep)) {
        py_raise_type_error("'%s' object cannot be interpreted as an integer", py_type_name(keep));
    }
    bool keepends = py_truthy(keep);
    py_val list = py_list_new(0, NULL);
    const char *p = v.data, *end = v.data + v.len, *line = p;
    while (p < end) {
        size_t br = line_break_at(&v, p, end);
        if (br == 0) {
            p++;
            continue;
        }
        size_t stop = (size_t)((keepends ? p + br : p) - v.data);
        py_list_append(list, substr(&v, (size_t)(line - v.data), stop));
        p += br;
        line = p;
    }
    if (line < end) {
        py_list_append(list, substr(&v, (size_t)(line - v.data), v.len));
    }
    return list;
}
PY_DEFINE_FUN_KW(py_strm_splitlines_obj, 1, strm_splitlines);

/* ---------------------------------------------------------------- strip */

/* Membership in the set of characters to strip. */
typedef struct char_set {
    const py_strv *chars; /* NULL: whitespace */
    uint8_t bits[32];     /* bytes and ASCII members */
    bool wide;            /* the set has non-ASCII code points */
} char_set;

static void char_set_init(char_set *cs, const py_strv *chars) {
    memset(cs, 0, sizeof(*cs));
    cs->chars = chars;
    if (chars == NULL) {
        return;
    }
    for (size_t i = 0; i < chars->len; i++) {
        unsigned char c = (unsigned char)chars->data[i];
        if (c >= 0x80 && chars->kind == PY_SV_STR) {
            cs->wide = true;
        } else {
            cs->bits[c >> 3] |= (uint8_t)(1u << (c & 7));
        }
    }
}

static bool char_set_has(const char_set *cs, const py_strv *v, const char *p, size_t *n) {
    if (cs->chars == NULL) {
        return space_at(v, p, n);
    }
    unsigned char c = (unsigned char)*p;
    if (c < 0x80 || v->kind != PY_SV_STR) {
        *n = 1;
        return (cs->bits[c >> 3] >> (c & 7)) & 1;
    }
    *n = py_utf8_char_len(c);
    if (!cs->wide) {
        return false;
    }
    const char *s = cs->chars->data, *e = s + cs->chars->len;
    while (s < e) {
        size_t k = py_utf8_char_len((unsigned char)*s);
        if (k == *n && memcmp(s, p, k) == 0) {
            return true;
        }
        s += k;
    }
    return false;
}

static py_val do_strip(size_t n_args, const py_val *args, bool left, bool right) {
    py_strv v, chars;
    self_view(args[0], &v);
    bool given = n_args > 1 && args[1] != PY_NONE;
    if (given) {
        if (v.kind == PY_SV_STR && !str_view(args[1], &chars)) {
            py_raise_type_error("%s arg must be None or str",
                                left && right ? "strip" : left ? "lstrip" : "rstrip");
        }
        arg_view(&v, args[1], &chars);
    }
    char_set cs;
    char_set_init(&cs, given ? &chars : NULL);
    const char *start = v.data, *p = start, *end = start + v.len;
    size_t n;
    if (left) {
        while (p < end && char_set_has(&cs, &v, p, &n)) {
            p += n;
        }
    }
    if (right) {
        while (end > p) {
            const char *c = v.kind == PY_SV_STR ? utf8_back(end, p) : end - 1;
            if (!char_set_has(&cs, &v, c, &n)) {
                break;
            }
            end = c;
        }
    }
    return same_or_sub(args[0], &v, (size_t)(p - start), (size_t)(end - start));
}

static py_val strm_strip(size_t n, const py_val *a) { return do_strip(n, a, true, true); }
static py_val strm_lstrip(size_t n, const py_val *a) { return do_strip(n, a, true, false); }
static py_val strm_rstrip(size_t n, const py_val *a) { return do_strip(n, a, false, true); }
PY_DEFINE_FUN_VAR(py_strm_strip_obj, 1, 2, strm_strip);
PY_DEFINE_FUN_VAR(py_strm_lstrip_obj, 1, 2, strm_lstrip);
PY_DEFINE_FUN_VAR(py_strm_rstrip_obj, 1, 2, strm_rstrip);

/* ---------------------------------------------------------------- startswith, endswith */

static bool affix_matches(const py_strv *v, const span *sp, const py_strv *a, bool at_end) {
    if (sp->b1 - sp->b0 < a->len) {
        return false;
    }
    const char *p = at_end ? v->data + sp->b1 - a->len : v->data + sp->b0;
    return memcmp(p, a->data, a->len) == 0;
}

static py_val do_affix(size_t n_args, const py_val *args, bool at_end, const char *name) {
    py_strv v, a;
    self_view(args[0], &v);
    span sp;
    bool in_range = get_span(&v, n_args - 2, args + 2, &sp);
    py_val what = args[1];
    size_t n = 1;
    py_val *items = &what;
    if (py_isinstance(what, &py_type_tuple)) {
        py_get_array(what, &n, &items);
    }
    for (size_t i = 0; i < n; i++) {
        bool ok = v.kind == PY_SV_STR ? str_view(items[i], &a)
                                      : py_strv_get(items[i], &a) && a.kind != PY_SV_STR;
        if (!ok) {
            if (v.kind != PY_SV_STR && !py_is_str(items[i])) {
                py_buffer buf;
                if (py_get_buffer(items[i], &buf, PY_BUFFER_READ)) {
                    a.data = buf.buf;
                    a.len = buf.len;
                    ok = true;
                }
            }
            if (!ok) {
                const char *kind = v.kind == PY_SV_STR ? "str" : "bytes";
                if (items == &what) {
                    py_raise_type_error("%s first arg must be %s or a tuple of %s, not %s", name,
                                        kind, kind, py_type_name(items[i]));
                }
                py_raise_type_error("tuple for %s must only contain %s, not %s", name, kind,
                                    py_type_name(items[i]));
            }
        }
        if (in_range && affix_matches(&v, &sp, &a, at_end)) {
            return PY_TRUE;
        }
    }
    return PY_FALSE;
}

static py_val strm_startswith(size_t n, const py_val *a) { return do_affix(n, a, false, "startswith"); }
static py_val strm_endswith(size_t n, const py_val *a) { return do_affix(n, a, true, "endswith"); }
PY_DEFINE_FUN_VAR(py_strm_startswith_obj, 2, 4, strm_startswith);
PY_DEFINE_FUN_VAR(py_strm_endswith_obj, 2, 4, strm_endswith);

static py_val strm_removeprefix(py_val self, py_val affix) {
    py_strv v, a;
    self_view(self, &v);
    arg_view(&v, affix, &a);
    if (a.len <= v.len && memcmp(v.data, a.data, a.len) == 0) {
        return same_or_sub(self, &v, a.len, v.len);
    }
    return same_or_sub(self, &v, 0, v.len);
}
PY_DEFINE_FUN_2(py_strm_removeprefix_obj, strm_removeprefix);

static py_val strm_removesuffix(py_val self, py_val affix) {
    py_strv v, a;
    self_view(self, &v);
    arg_view(&v, affix, &a);
    if (a.len > 0 && a.len <= v.len && memcmp(v.data + v.len - a.len, a.data, a.len) == 0) {
        return same_or_sub(self, &v, 0, v.len - a.len);
    }
    return same_or_sub(self, &v, 0, v.len);
}
PY_DEFINE_FUN_2(py_strm_removesuffix_obj, strm_removesuffix);

/* ---------------------------------------------------------------- join, partition */

static bool join_item(const py_strv *sep, py_val item, py_strv *out) {
    if (sep->kind == PY_SV_STR) {
        return str_view(item, out);
    }
    if (py_strv_get(item, out)) {
        return out->kind != PY_SV_STR;
    }
    py_buffer buf;
    if (py_get_buffer(item, &buf, PY_BUFFER_READ)) {
        out->data = buf.buf;
        out->len = buf.len;
        out->ascii = true;
        return true;
    }
    return false;
}

static py_val strm_join(py_val self, py_val iterable) {
    py_strv sep, it;
    self_view(self, &sep);
    size_t n;
    py_val *items;
    if (!py_type_is_heap(py_type_of(iterable)) && py_type_of(iterable)->getiter == NULL) {
        py_raise_type_error("can only join an iterable");
    }
    py_get_array_any(iterable, &n, &items);
    if (n == 0) {
        return empty_of(type_of_kind(sep.kind));
    }
    size_t total = 0;
    bool ascii = sep.ascii;
    for (size_t i = 0; i < n; i++) {
        if (!join_item(&sep, items[i], &it)) {
            py_raise_type_error(sep.kind == PY_SV_STR
                                    ? "sequence item %u: expected str instance, %s found"
                                    : "sequence item %u: expected a bytes-like object, %s found",
                                (unsigned)i, py_type_name(items[i]));
        }
        if (total > PY_STR_MAX_LEN - it.len - sep.len) {
            py_raise_memory_error();
        }
        total += it.len;
        ascii = ascii && it.ascii;
    }
    if (n == 1 && sep.kind == PY_SV_STR &&
        (py_is_qstr(items[0]) || py_type_of(items[0]) == &py_type_str)) {
        return items[0];
    }
    total += sep.len * (n - 1);
    py_str_obj *o = alloc_like(&sep, total);
    char *d = py_str_obj_data(o);
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            memcpy(d, sep.data, sep.len);
            d += sep.len;
        }
        join_item(&sep, items[i], &it);
        memcpy(d, it.data, it.len);
        d += it.len;
    }
    return finish_like(&sep, o, ascii);
}
PY_DEFINE_FUN_2(py_strm_join_obj, strm_join);

static py_val do_partition(py_val self, py_val sep_arg, bool reverse) {
    py_strv v, sep;
    self_view(self, &v);
    arg_view(&v, sep_arg, &sep);
    if (sep.len == 0) {
        py_raise_value_error("empty separator");
    }
    const char *p = reverse ? mem_rfind(v.data, v.len, sep.data, sep.len)
                            : mem_find(v.data, v.len, sep.data, sep.len);
    py_val parts[3];
    if (p == NULL) {
        py_val empty = empty_of(type_of_kind(v.kind));
        py_val whole = same_or_sub(self, &v, 0, v.len);
        parts[0] = reverse ? empty : whole;
        parts[1] = reverse ? empty_of(type_of_kind(v.kind)) : empty;
        parts[2] = reverse ? whole : empty_of(type_of_kind(v.kind));
    } else {
        size_t at = (size_t)(p - v.data);
        parts[0] = substr(&v, 0, at);
        bool exact = py_is_qstr(sep_arg) || py_is_type(sep_arg, &py_type_str);
        parts[1] = v.kind == PY_SV_STR && exact ? sep_arg : substr(&v, at, at + sep.len);
        parts[2] = substr(&v, at + sep.len, v.len);
    }
    return py_tuple_new(3, parts);
}

static py_val strm_partition(py_val self, py_val sep) { return do_partition(self, sep, false); }
static py_val strm_rpartition(py_val self, py_val sep) { return do_partition(self, sep, true); }
PY_DEFINE_FUN_2(py_strm_partition_obj, strm_partition);
PY_DEFINE_FUN_2(py_strm_rpartition_obj, strm_rpartition);

/* ---------------------------------------------------------------- case */

enum { CASE_UPPER, CASE_LOWER, CASE_SWAP, CASE_TITLE, CASE_CAPITALIZE, CASE_FOLD };

/* Maps one code point; `first` says whether it starts a word (title) or
 * the string (capitalize). Appends the result's UTF-8 to b. */
static void case_char(py_buf *b, uint32_t c, int mode, bool first) {
    bool up;
    switch (mode) {
    case CASE_UPPER:
        up = true;
        break;
    case CASE_LOWER:
    case CASE_FOLD:
        up = false;
        break;
    case CASE_SWAP:
        up = uni_islower(c);
        break;
    default:
        up = first;
        break;
    }
    if (up) {
        if (c == 0xdf) {
            py_buf_add(b, "SS", 2);
            return;
        }
        py_buf_add_char(b, uni_upper(c));
        return;
    }
    if (c == 0x130) {
        py_buf_add(b, "i\xcc\x87", 3);
        return;
    }
    if (c == 0xdf && mode == CASE_FOLD) {
        py_buf_add(b, "ss", 2);
        return;
    }
    py_buf_add_char(b, uni_lower(c));
}

static unsigned char ascii_case(unsigned char c, int mode, bool first) {
    bool up;
    switch (mode) {
    case CASE_UPPER:
        up = true;
        break;
    case CASE_LOWER:
    case CASE_FOLD:
        up = false;
        break;
    case CASE_SWAP:
        up = byte_islower(c);
        break;
    default:
        up = first;
        break;
    }
    if (up) {
        return byte_islower(c) ? (unsigned char)(c - 32) : c;
    }
    return byte_isupper(c) ? (unsigned char)(c + 32) : c;
}

static py_val do_case(py_val self, int mode) {
    py_strv v;
    self_view(self, &v);
    bool prev_cased = false;
    if (v.ascii && (mode == CASE_UPPER || mode == CASE_LOWER || mode == CASE_FOLD)) {
        py_str_obj *o = alloc_like(&v, v.len);
        unsigned char *d = (unsigned char *)py_str_obj_data(o);
        const unsigned char *src = (const unsigned char *)v.data;
        unsigned char lo = mode == CASE_UPPER ? 'a' : 'A';
        for (size_t i = 0; i < v.len; i++) {
            unsigned char c = src[i];
            d[i] = (unsigned char)(c - lo) < 26 ? c ^ 0x20 : c;
        }
        return finish_like(&v, o, 1);
    }
    if (v.ascii) {
        py_str_obj *o = alloc_like(&v, v.len);
        unsigned char *d = (unsigned char *)py_str_obj_data(o);
        for (size_t i = 0; i < v.len; i++) {
            unsigned char c = (unsigned char)v.data[i];
            bool first = mode == CASE_TITLE ? !prev_cased : i == 0;
            d[i] = ascii_case(c, mode, first);
            prev_cased = byte_isalpha(c);
        }
        return finish_like(&v, o, 1);
    }
    py_buf b;
    py_str_build_begin(&b, v.len);
    for (size_t i = 0; i < v.len;) {
        size_t n;
        uint32_t c = py_utf8_get(v.data + i, &n);
        bool first = mode == CASE_TITLE ? !prev_cased : i == 0;
        case_char(&b, c, mode, first);
        prev_cased = uni_iscased(c);
        i += n;
    }
    return py_str_build_end(&b, &py_type_str, -1);
}

static py_val strm_upper(py_val self) { return do_case(self, CASE_UPPER); }
static py_val strm_lower(py_val self) { return do_case(self, CASE_LOWER); }
static py_val strm_swapcase(py_val self) { return do_case(self, CASE_SWAP); }
static py_val strm_title(py_val self) { return do_case(self, CASE_TITLE); }
static py_val strm_capitalize(py_val self) { return do_case(self, CASE_CAPITALIZE); }
static py_val strm_casefold(py_val self) { return do_case(self, CASE_FOLD); }
PY_DEFINE_FUN_1(py_strm_upper_obj, strm_upper);
PY_DEFINE_FUN_1(py_strm_lower_obj, strm_lower);
PY_DEFINE_FUN_1(py_strm_swapcase_obj, strm_swapcase);
PY_DEFINE_FUN_1(py_strm_title_obj, strm_title);
PY_DEFINE_FUN_1(py_strm_capitalize_obj, strm_capitalize);
static PY_DEFINE_FUN_1(strm_casefold_obj, strm_casefold);

/* ---------------------------------------------------------------- is... */

enum { IS_DIGIT, IS_ALPHA, IS_SPACE, IS_ALNUM, IS_DECIMAL, IS_NUMERIC, IS_PRINTABLE };

static bool class_of_char(uint32_t c, int what, bool bytes) {
    if (bytes || c < 0x80) {
        switch (what) {
        case IS_DIGIT:
        case IS_DECIMAL:
        case IS_NUMERIC:
            return byte_isdigit((unsigned char)c);
        case IS_ALPHA:
            return c < 0x80 && byte_isalpha((unsigned char)c);
        case IS_SPACE:
            return bytes ? c < 0x80 && byte_isspace((unsigned char)c) : py_uni_isspace(c);
        case IS_ALNUM:
            return c < 0x80 && (byte_isalpha((unsigned char)c) || byte_isdigit((unsigned char)c));
        default:
            return py_uni_isprintable(c);
        }
    }
    switch (what) {
    case IS_DIGIT:
        return uni_isdigit(c);
    case IS_DECIMAL:
        return uni_isdecimal(c);
    case IS_NUMERIC:
        return uni_isnumeric(c);
    case IS_ALPHA:
        return uni_isalpha(c);
    case IS_SPACE:
        return py_uni_isspace(c);
    case IS_ALNUM:
        return uni_isalnum(c);
    default:
        return py_uni_isprintable(c);
    }
}

static py_val do_is(py_val self, int what) {
    py_strv v;
    self_view(self, &v);
    if (v.len == 0) {
        return PY_BOOL(what == IS_PRINTABLE);
    }
    bool bytes = v.kind != PY_SV_STR;
    for (size_t i = 0; i < v.len;) {
        size_t n = 1;
        uint32_t c = bytes ? (unsigned char)v.data[i] : py_utf8_get(v.data + i, &n);
        if (!class_of_char(c, what, bytes)) {
            return PY_FALSE;
        }
        i += n;
    }
    return PY_TRUE;
}

static py_val strm_isdigit(py_val self) { return do_is(self, IS_DIGIT); }
static py_val strm_isalpha(py_val self) { return do_is(self, IS_ALPHA); }
static py_val strm_isspace(py_val self) { return do_is(self, IS_SPACE); }
static py_val strm_isalnum(py_val self) { return do_is(self, IS_ALNUM); }
static py_val strm_isdecimal(py_val self) { return do_is(self, IS_DECIMAL); }
static py_val strm_isnumeric(py_val self) { return do_is(self, IS_NUMERIC); }
static py_val strm_isprintable(py_val self) { return do_is(self, IS_PRINTABLE); }
PY_DEFINE_FUN_1(py_strm_isdigit_obj, strm_isdigit);
PY_DEFINE_FUN_1(py_strm_isalpha_obj, strm_isalpha);
PY_DEFINE_FUN_1(py_strm_isspace_obj, strm_isspace);
PY_DEFINE_FUN_1(py_strm_isalnum_obj, strm_isalnum);
static PY_DEFINE_FUN_1(strm_isdecimal_obj, strm_isdecimal);
static PY_DEFINE_FUN_1(strm_isnumeric_obj, strm_isnumeric);
static PY_DEFINE_FUN_1(strm_isprintable_obj, strm_isprintable);

/* isupper / islower: some cased character, and none of the other case. */
static py_val do_is_case(py_val self, bool upper) {
    py_strv v;
    self_view(self, &v);
    bool bytes = v.kind != PY_SV_STR, cased = false;
    for (size_t i = 0; i < v.len;) {
        size_t n = 1;
        uint32_t c = bytes ? (unsigned char)v.data[i] : py_utf8_get(v.data + i, &n);
        bool up = bytes ? c < 0x80 && byte_isupper((unsigned char)c) : uni_isupper(c);
        bool low = bytes ? c < 0x80 && byte_islower((unsigned char)c) : uni_islower(c);
        if (upper ? low : up) {
            return PY_FALSE;
        }
        cased = cased || up || low;
        i += n;
    }
    return PY_BOOL(cased);
}

static py_val strm_isupper(py_val self) { return do_is_case(self, true); }
static py_val strm_islower(py_val self) { return do_is_case(self, false); }
PY_DEFINE_FUN_1(py_strm_isupper_obj, strm_isupper);
PY_DEFINE_FUN_1(py_strm_islower_obj, strm_islower);

static py_val strm_istitle(py_val self) {
    py_strv v;
    self_view(self, &v);
    bool bytes = v.kind != PY_SV_STR, prev_cased = false, any = false;
    for (size_t i = 0; i < v.len;) {
        size_t n = 1;
        uint32_t c = bytes ? (unsigned char)v.data[i] : py_utf8_get(v.data + i, &n);
        bool up = bytes ? c < 0x80 && byte_isupper((unsigned char)c) : uni_isupper(c);
        bool low = bytes ? c < 0x80 && byte_islower((unsigned char)c) : uni_islower(c);
        if ((up && prev_cased) || (low && !prev_cased)) {
            return PY_FALSE;
        }
        any = any || up;
        prev_cased = up || low;
        i += n;
    }
    return PY_BOOL(any);
}
PY_DEFINE_FUN_1(py_strm_istitle_obj, strm_istitle);

static py_val strm_isascii(py_val self) {
    py_strv v;
    self_view(self, &v);
    return PY_BOOL(v.kind == PY_SV_STR ? v.ascii : py_utf8_is_ascii(v.data, v.len));
}
PY_DEFINE_FUN_1(py_strm_isascii_obj, strm_isascii);

static py_val strm_isidentifier(py_val self) {
    py_strv v;
    py_strv_of_str(self, &v);
    if (v.len == 0) {
        return PY_FALSE;
    }
    for (size_t i = 0; i < v.len;) {
        size_t n;
        uint32_t c = py_utf8_get(v.data + i, &n);
        bool ok = c == '_' || uni_isalpha(c) || (i > 0 && uni_isdecimal(c));
        if (!ok) {
            return PY_FALSE;
        }
        i += n;
    }
    return PY_TRUE;
}
static PY_DEFINE_FUN_1(strm_isidentifier_obj, strm_isidentifier);

/* ---------------------------------------------------------------- padding */

/* The fill argument of center/ljust/rjust: one character. */
static void fill_arg(const py_strv *v, size_t n_args, const py_val *args, py_strv *fill,
                     const char *name) {
    if (n_args < 3) {
        fill->data = " ";
        fill->len = 1;
        return;
    }
    if (v->kind == PY_SV_STR) {
        if (!str_view(args[2], fill)) {
            py_raise_type_error("The fill character must be a unicode character, not %s",
                                py_type_name(args[2]));
        }
        if (fill->len == 0 || py_utf8_char_len((unsigned char)fill->data[0]) != fill->len) {
            py_raise_type_error("The fill character must be exactly one character long");
        }
        return;
    }
    if (!py_strv_get(args[2], fill) || fill->kind == PY_SV_STR || fill->len != 1) {
        py_raise_type_error("%s() argument 2 must be a byte string of length 1, not %s", name,
                            py_type_name(args[2]));
    }
}

static py_val pad(py_val self, const py_strv *v, size_t left, size_t right, const py_strv *fill) {
    if (left == 0 && right == 0) {
        return same_or_sub(self, v, 0, v->len);
    }
    if (left + right > (PY_STR_MAX_LEN - v->len) / fill->len) {
        py_raise_memory_error();
    }
    py_str_obj *o = alloc_like(v, v->len + (left + right) * fill->len);
    char *d = py_str_obj_data(o);
    for (size_t i = 0; i < left; i++, d += fill->len) {
        memcpy(d, fill->data, fill->len);
    }
    memcpy(d, v->data, v->len);
    d += v->len;
    for (size_t i = 0; i < right; i++, d += fill->len) {
        memcpy(d, fill->data, fill->len);
    }
    return finish_like(v, o, v->ascii && fill->len == 1 && (unsigned char)fill->data[0] < 0x80 ? 1 : -1);
}

/* align: '<' ljust, '>' rjust, '^' center */
static py_val do_justify(size_t n_args, const py_val *args, char align, const char *name) {
    py_strv v, fill;
    self_view(args[0], &v);
    py_int_t width = py_str_int_arg(args[1]);
    fill_arg(&v, n_args, args, &fill, name);
    size_t n = char_len(&v);
    if (width <= (py_int_t)n) {
        return same_or_sub(args[0], &v, 0, v.len);
    }
    size_t margin = (size_t)width - n, left;
    if (align == '<') {
        left = 0;
    } else if (align == '>') {
        left = margin;
    } else {
        left = margin / 2 + (margin & (size_t)width & 1);
    }
    return pad(args[0], &v, left, margin - left, &fill);
}

static py_val strm_center(size_t n, const py_val *a) { return do_justify(n, a, '^', "center"); }
static py_val strm_ljust(size_t n, const py_val *a) { return do_justify(n, a, '<', "ljust"); }
static py_val strm_rjust(size_t n, const py_val *a) { return do_justify(n, a, '>', "rjust"); }
PY_DEFINE_FUN_VAR(py_strm_center_obj, 2, 3, strm_center);
PY_DEFINE_FUN_VAR(py_strm_ljust_obj, 2, 3, strm_ljust);
PY_DEFINE_FUN_VAR(py_strm_rjust_obj, 2, 3, strm_rjust);

static py_val strm_zfill(py_val self, py_val width_arg) {
    py_strv v;
    self_view(self, &v);
    py_int_t width = py_str_int_arg(width_arg);
    size_t n = char_len(&v);
    if (width <= (py_int_t)n) {
        return same_or_sub(self, &v, 0, v.len);
    }
    size_t zeros = (size_t)width - n;
    py_str_obj *o = alloc_like(&v, v.len + zeros);
    char *d = py_str_obj_data(o);
    size_t sign = v.len > 0 && (v.data[0] == '+' || v.data[0] == '-') ? 1 : 0;
    memcpy(d, v.data, sign);
    memset(d + sign, '0', zeros);
    memcpy(d + sign + zeros, v.data + sign, v.len - sign);
    return finish_like(&v, o, v.ascii ? 1 : 0);
}
PY_DEFINE_FUN_2(py_strm_zfill_obj, strm_zfill);

static py_val strm_expandtabs(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {{Q_tabsize, 0, PY_SMALL(8)}};
    py_val tab_arg;
    py_strv v;
    self_view(args[0], &v);
    py_parse_args(n_args - 1, args + 1, kw, 1, spec, &tab_arg);
    py_int_t tabsize = py_str_int_arg(tab_arg);
    py_buf b;
    py_str_build_begin(&b, v.len);
    size_t col = 0;
    for (size_t i = 0; i < v.len; i++) {
        char c = v.data[i];
        if (c == '\t') {
            if (tabsize > 0) {
                size_t k = (size_t)tabsize - col % (size_t)tabsize;
                memset(py_buf_extend(&b, k), ' ', k);
                col += k;
            }
        } else {
            py_buf_add_byte(&b, c);
            bool counts = v.kind != PY_SV_STR || !is_cont((unsigned char)c);
            col = c == '\n' || c == '\r' ? 0 : col + counts;
        }
    }
    return py_str_build_end(&b, type_of_kind(v.kind), v.ascii ? 1 : -1);
}
PY_DEFINE_FUN_KW(py_strm_expandtabs_obj, 1, strm_expandtabs);

/* ---------------------------------------------------------------- encode / decode */

/* encoding and errors arguments, when given, must be str. */
static void codec_args_check(const char *fn, py_val encoding, py_val errors) {
    py_val bad = encoding != PY_NULL && !py_is_str(encoding) ? encoding : errors;
    if (bad != PY_NULL && !py_is_str(bad)) {
        py_raise_type_error("%s() argument '%s' must be str, not %s", fn,
                            bad == encoding ? "encoding" : "errors",
                            bad == PY_NONE ? "None" : py_type_name(bad));
    }
}

int py_encoding_of(py_val name) {
    if (name == PY_NULL) {
        return 0;
    }
    size_t len;
    const char *s = py_get_str(name, &len);
    if (memchr(s, 0, len) != NULL) {
        py_raise_value_error("embedded null character");
    }
    char norm[16];
    size_t k = 0;
    for (size_t i = 0; i < len && k < sizeof(norm) - 1; i++) {
        char c = s[i];
        if (c == '-' || c == '_' || c == ' ') {
            continue;
        }
        norm[k++] = (char)(byte_isupper((unsigned char)c) ? c + 32 : c);
    }
    norm[k] = 0;
    if (k < sizeof(norm) - 1) {
        if (strcmp(norm, "utf8") == 0) {
            return 0;
        }
        if (strcmp(norm, "ascii") == 0 || strcmp(norm, "usascii") == 0) {
            return 1;
        }
        if (strcmp(norm, "latin1") == 0 || strcmp(norm, "iso88591") == 0 ||
            strcmp(norm, "l1") == 0) {
            return 2;
        }
    }
    py_raise_msg(&py_type_LookupError, "unknown encoding: %.*s", (int)len, s);
}

enum { ERR_STRICT, ERR_IGNORE, ERR_REPLACE };

static int errors_of(py_val errors) {
    if (errors == PY_NULL) {
        return ERR_STRICT;
    }
    size_t len;
    const char *s = py_get_str(errors, &len);
    if (len == 6 && memcmp(s, "strict", 6) == 0) {
        return ERR_STRICT;
    }
    if (len == 6 && memcmp(s, "ignore", 6) == 0) {
        return ERR_IGNORE;
    }
    if (len == 7 && memcmp(s, "replace", 7) == 0) {
        return ERR_REPLACE;
    }
    py_raise_msg(&py_type_LookupError, "unknown error handler name '%.*s'", (int)len, s);
}

py_val py_str_decode(const char *fn, const char *s, size_t n, py_val encoding, py_val errors) {
    codec_args_check(fn, encoding, errors);
    if (n == 0) {
        return PY_QSTR(Q_); /* as CPython: no codec is looked up for nothing */
    }
    int enc = py_encoding_of(encoding);
    if (enc == 0) {
        size_t bad;
        size_t ok = py_utf8_valid_prefix(s, n, &bad);
        if (ok == n) {
            return py_str_new_ascii(s, n, py_utf8_is_ascii(s, n));
        }
        int err = errors_of(errors);
        if (err == ERR_STRICT) {
            unsigned char lead = (unsigned char)s[ok];
            const char *why = lead < 0xc2 || lead > 0xf4 ? "invalid start byte"
                              : ok + bad == n            ? "unexpected end of data"
                                                         : "invalid continuation byte";
            if (bad > 1) {
                py_raise_msg(&py_type_UnicodeError,
                             "'utf-8' codec can't decode bytes in position %u-%u: %s",
                             (unsigned)ok, (unsigned)(ok + bad - 1), why);
            }
            py_raise_msg(&py_type_UnicodeError,
                         "'utf-8' codec can't decode byte 0x%02x in position %u: %s",
                         (unsigned)lead, (unsigned)ok, why);
        }
        py_buf b;
        py_str_build_begin(&b, n);
        size_t i = 0;
        while (i < n) {
            ok = py_utf8_valid_prefix(s + i, n - i, &bad);
            py_buf_add(&b, s + i, ok);
            i += ok;
            if (bad > 0) {
                if (err == ERR_REPLACE) {
                    py_buf_add(&b, "\xef\xbf\xbd", 3);
                }
                i += bad;
            }
        }
        return py_str_build_end(&b, &py_type_str, -1);
    }
    int err = errors_of(errors);
    py_buf b;
    py_str_build_begin(&b, n);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 && enc == 1) {
            if (err == ERR_STRICT) {
                py_raise_msg(&py_type_UnicodeError,
                             "'ascii' codec can't decode byte 0x%02x in position %u: ordinal "
                             "not in range(128)",
                             (unsigned)c, (unsigned)i);
            }
            if (err == ERR_REPLACE) {
                py_buf_add(&b, "\xef\xbf\xbd", 3);
            }
            continue;
        }
        py_buf_add_char(&b, c);
    }
    return py_str_build_end(&b, &py_type_str, -1);
}

py_val py_str_encode(const char *fn, py_val str, py_val encoding, py_val errors) {
    py_strv v;
    codec_args_check(fn, encoding, errors);
    py_strv_of_str(str, &v);
    int enc = py_encoding_of(encoding);
    if (enc == 0 || v.ascii) {
        return py_bytes_new(v.data, v.len); /* the error handler is never needed */
    }
    int err = errors_of(errors);
    py_buf b;
    py_str_build_begin(&b, v.len);
    size_t pos = 0;
    uint32_t limit = enc == 1 ? 0x80 : 0x100;
    for (size_t i = 0; i < v.len; pos++) {
        size_t n;
        uint32_t c = py_utf8_get(v.data + i, &n);
        i += n;
        if (c < limit) {
            py_buf_add_byte(&b, (char)c);
        } else if (err == ERR_STRICT) {
            py_raise_msg(&py_type_UnicodeError,
                         c < 0x100 ? "'%s' codec can't encode character '\\x%02x' in position "
                                     "%u: ordinal not in range(%u)"
                                   : "'%s' codec can't encode character '\\u%04x' in position "
                                     "%u: ordinal not in range(%u)",
                         enc == 1 ? "ascii" : "latin-1", (unsigned)c, (unsigned)pos,
                         (unsigned)limit);
        } else if (err == ERR_REPLACE) {
            py_buf_add_byte(&b, '?');
        }
    }
    return py_str_build_end(&b, &py_type_bytes, 1);
}

static py_val str_encode(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {{Q_encoding, 0, PY_NULL}, {Q_errors, 0, PY_NULL}};
    py_val a[2];
    py_parse_args(n_args - 1, args + 1, kw, 2, spec, a);
    return py_str_encode("encode", args[0], a[0], a[1]);
}
static PY_DEFINE_FUN_KW(str_encode_obj, 1, str_encode);

/* ---------------------------------------------------------------- translate */

/* str.maketrans(x[, y[, z]]): the table for translate, a dict from code
 * points to code points, strings or None. */
static py_val str_maketrans(size_t n_args, const py_val *args) {
    py_val table = py_dict_new(0);
    if (n_args == 1) {
        if (!py_isinstance(args[0], &py_type_dict)) {
            py_raise_type_error("if you give only one argument to maketrans it must be a dict");
        }
        py_map *m = py_dict_map(args[0]);
        for (size_t pos = 0; (pos = py_map_next(m, pos)) != 0;) {
            py_map_entry *e = &m->table[pos - 1];
            py_val key = e->key;
            py_strv k;
            if (str_view(key, &k)) {
                size_t n;
                if (k.len == 0 || py_utf8_char_len((unsigned char)k.data[0]) != k.len) {
                    py_raise_value_error("string keys in translate table must be of length 1");
                }
                key = PY_SMALL(py_utf8_get(k.data, &n));
            } else if (!py_is_int(key)) {
                py_raise_type_error("keys in translate table must be strings or integers");
            }
            py_dict_store(table, key, e->value);
        }
        return table;
    }
    py_strv x, y, z;
    py_strv_of_str(args[0], &x);
    py_strv_of_str(args[1], &y);
    if (char_len(&x) != char_len(&y)) {
        py_raise_value_error("the first two maketrans arguments must have equal length");
    }
    for (size_t i = 0, j = 0; i < x.len;) {
        size_t a, b;
        uint32_t cx = py_utf8_get(x.data + i, &a), cy = py_utf8_get(y.data + j, &b);
        py_dict_store(table, PY_SMALL(cx), PY_SMALL(cy));
        i += a;
        j += b;
    }
    if (n_args > 2) {
        py_strv_of_str(args[2], &z);
        for (size_t i = 0; i < z.len;) {
            size_t a;
            uint32_t c = py_utf8_get(z.data + i, &a);
            py_dict_store(table, PY_SMALL(c), PY_NONE);
            i += a;
        }
    }
    return table;
}
static PY_DEFINE_FUN_VAR(str_maketrans_fun_obj, 1, 3, str_maketrans);
static PY_DEFINE_STATICMETHOD(str_maketrans_obj, str_maketrans_fun_obj);

/* str.translate(table): table[ord(c)] gives a code point, a str or None
 * (delete); a missing key (LookupError) keeps c. */
static py_val str_translate(py_val self, py_val table) {
    py_strv v;
    py_strv_of_str(self, &v);
    py_buf b;
    py_str_build_begin(&b, v.len);
    for (size_t i = 0; i < v.len;) {
        size_t n;
        uint32_t c = py_utf8_get(v.data + i, &n);
        py_val r = PY_NULL;
        py_nlr nlr;
        py_try(nlr) {
            r = py_subscr_load(table, PY_SMALL(c));
            py_nlr_pop();
        } else {
            if (!py_exc_matches(nlr.exc, PY_OBJ(&py_type_LookupError))) {
                py_nlr_jump(nlr.exc);
            }
            r = PY_NULL;
        }
        py_strv rs;
        if (r == PY_NULL) {
            py_buf_add(&b, v.data + i, n);
        } else if (r == PY_NONE) {
            /* deleted */
        } else if (py_is_int(r)) {
            py_int_t k;
            if (!py_get_int_maybe(r, &k) || k < 0 || k > 0x10ffff) {
                py_raise_value_error("character mapping must be in range(0x110000)");
            }
            py_buf_add_char(&b, (uint32_t)k);
        } else if (str_view(r, &rs)) {
            py_buf_add(&b, rs.data, rs.len);
        } else {
            py_raise_type_error("character mapping must return integer, None or str");
        }
        i += n;
    }
    return py_str_build_end(&b, &py_type_str, -1);
}
static PY_DEFINE_FUN_2(str_translate_obj, str_translate);

/* ---------------------------------------------------------------- sequence operations */

py_val py_strv_compare(py_binop op, const py_strv *a, const py_strv *b) {
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->data, b->data, n);
    if (c == 0) {
        c = a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
    }
    switch (op) {
    case PY_BINOP_EQ:
        return PY_BOOL(c == 0);
    case PY_BINOP_NE:
        return PY_BOOL(c != 0);
    case PY_BINOP_LT:
        return PY_BOOL(c < 0);
    case PY_BINOP_LE:
        return PY_BOOL(c <= 0);
    case PY_BINOP_GT:
        return PY_BOOL(c > 0);
    default:
        return PY_BOOL(c >= 0);
    }
}

py_val py_strv_concat(const py_strv *a, const py_strv *b) {
    py_str_obj *o = alloc_like(a, a->len + b->len);
    char *d = py_str_obj_data(o);
    memcpy(d, a->data, a->len);
    memcpy(d + a->len, b->data, b->len);
    return finish_like(a, o, a->ascii && b->ascii ? 1 : (a->ascii || b->ascii ? 0 : -1));
}

py_val py_strv_repeat(const py_strv *v, py_val count) {
    py_int_t k;
    if (!py_get_int_maybe(count, &k)) {
        if (!py_is_int(count)) {
            return PY_NULL;
        }
        py_raise_msg(&py_type_OverflowError, "cannot fit 'int' into an index-sized integer");
    }
    if (k <= 0 || v->len == 0) {
        return empty_of(type_of_kind(v->kind));
    }
    if ((size_t)k > PY_STR_MAX_LEN / v->len) {
        py_raise_msg(&py_type_OverflowError, v->kind == PY_SV_STR ? "repeated string is too long"
                                                                  : "repeated bytes are too long");
    }
    size_t total = v->len * (size_t)k;
    py_str_obj *o = alloc_like(v, total);
    char *d = py_str_obj_data(o);
    memcpy(d, v->data, v->len);
    for (size_t have = v->len; have < total;) {
        size_t n = have <= total - have ? have : total - have;
        memcpy(d + have, d, n);
        have += n;
    }
    return finish_like(v, o, v->ascii ? 1 : 0);
}

/* Slicing: by bytes for bytes and ASCII str, by code points otherwise. */
static py_val strv_slice(const py_strv *v, py_val slice) {
    py_int_t start, stop, step;
    if (v->ascii) {
        size_t count = py_slice_indices(slice, v->len, &start, &stop, &step);
        if (step == 1) {
            return py_strv_new_like(v, v->data + start, count, 1);
        }
        py_str_obj *o = alloc_like(v, count);
        char *d = py_str_obj_data(o);
        for (size_t i = 0; i < count; i++) {
            d[i] = v->data[start + (py_int_t)i * step];
        }
        return finish_like(v, o, 1);
    }
    size_t n = py_utf8_count(v->data, v->len);
    size_t count = py_slice_indices(slice, n, &start, &stop, &step);
    const char *end = v->data + v->len;
    const char *p = utf8_skip(v->data, end, (size_t)start);
    if (step == 1) {
        const char *q = utf8_skip(p, end, count);
        return py_str_new_ascii(p, (size_t)(q - p), -1);
    }
    py_buf b;
    py_str_build_begin(&b, count);
    for (size_t i = 0; i < count; i++) {
        size_t k = py_utf8_char_len((unsigned char)*p);
        py_buf_add(&b, p, k);
        if (i + 1 == count) {
            break;
        }
        if (step > 0) {
            p = utf8_skip(p, end, (size_t)step);
        } else {
            for (py_int_t j = 0; j < -step; j++) {
                p = utf8_back(p, v->data);
            }
        }
    }
    return py_str_build_end(&b, &py_type_str, -1);
}

py_val py_strv_subscr(const py_strv *v, py_val index) {
    if (py_is_obj(index) && ((const py_head *)py_ptr(index))->type == &py_type_slice) {
        return strv_slice(v, index);
    }
    if (v->kind != PY_SV_STR) {
        return PY_SMALL((unsigned char)v->data[py_str_index(index, v->len, v->kind)]);
    }
    if (v->ascii) {
        return py_str_char((unsigned char)v->data[py_str_index(index, v->len, PY_SV_STR)]);
    }
    size_t i = py_str_index(index, py_utf8_count(v->data, v->len), PY_SV_STR);
    const char *p = utf8_skip(v->data, v->data + v->len, i);
    return py_str_new_ascii(p, py_utf8_char_len((unsigned char)*p), -1);
}

/* ---------------------------------------------------------------- the str type */

static py_val str_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    (void)type;
    if (n_kw == 0 && n_args <= 1) {
        return n_args == 0 ? PY_QSTR(Q_) : py_str_of(args[0]);
    }
    static const py_arg_spec spec[] = {
        {Q_object, 0, PY_NULL}, {Q_encoding, 0, PY_NULL}, {Q_errors, 0, PY_NULL}};
    py_val a[3];
    py_parse_args_raw(n_args, n_kw, args, 3, spec, a);
    if (a[0] == PY_NULL) {
        return PY_QSTR(Q_);
    }
    if (a[1] == PY_NULL && a[2] == PY_NULL) {
        return py_str_of(a[0]);
    }
    if (py_is_str(a[0])) {
        py_raise_type_error("decoding str is not supported");
    }
    py_buffer buf;
    if (!py_get_buffer(a[0], &buf, PY_BUFFER_READ)) {
        py_raise_type_error("decoding to str: need a bytes-like object, %s found",
                            py_type_name(a[0]));
    }
    return py_str_decode("str", buf.buf, buf.len, a[1], a[2]);
}

static py_val str_unary_op(py_unop op, py_val self) {
    py_strv v;
    switch (op) {
    case PY_UNOP_BOOL:
        py_strv_of_str(self, &v);
        return PY_BOOL(v.len != 0);
    case PY_UNOP_LEN:
        py_strv_of_str(self, &v);
        return PY_SMALL((py_int_t)char_len(&v));
    case PY_UNOP_HASH:
        return PY_SMALL(py_str_hash_of(py_native_value(self)));
    case PY_UNOP_SIZEOF:
        py_strv_of_str(self, &v);
        return PY_SMALL(py_is_qstr(self) ? 0 : (py_int_t)(PY_STR_HDR + v.len + 1));
    default:
        return PY_NULL;
    }
}

static bool is_exact_str(py_val v) {
    return py_is_qstr(v) || (py_is_obj(v) && ((const py_head *)py_ptr(v))->type == &py_type_str);
}

/* The hash a str value already has (qstrs always have one), or 0. */
static uint32_t known_hash(py_val v) {
    if (py_is_qstr(v)) {
        return py_qstr_hash(py_qstr_of(v));
    }
    if (py_is_obj(v) && ((const py_head *)py_ptr(v))->type == &py_type_str) {
        return ((const py_str_obj *)py_ptr(v))->hash;
    }
    return 0;
}

/* The bytes of an exact str (qstr or heap), without the ASCII scan. */
static inline bool exact_str_bytes(py_val v, const char **data, size_t *len) {
    if (py_is_qstr(v)) {
        *data = py_qstr_data(py_qstr_of(v), len);
        return true;
    }
    if (py_is_obj(v) && ((const py_head *)py_ptr(v))->type == &py_type_str) {
        const py_str_obj *o = py_ptr(v);
        *data = py_str_obj_data(o);
        *len = py_str_obj_len(o);
        return true;
    }
    return false;
}

static py_val str_binary_op(py_binop op, py_val lhs, py_val rhs) {
    py_strv a, b;
    if (op <= PY_BINOP_NE) {
        if (op == PY_BINOP_EQ || op == PY_BINOP_NE) {
            /* dict lookups compare a lot of keys: different hashes settle it */
            uint32_t ha = known_hash(lhs), hb = ha != 0 ? known_hash(rhs) : 0;
            if (hb != 0 && ha != hb) {
                return PY_BOOL(op == PY_BINOP_NE);
            }
        }
        /* comparisons need no ASCII flag: read the bytes directly */
        if (exact_str_bytes(lhs, &a.data, &a.len) && exact_str_bytes(rhs, &b.data, &b.len)) {
            if ((op == PY_BINOP_EQ || op == PY_BINOP_NE) && a.len != b.len) {
                return PY_BOOL(op == PY_BINOP_NE);
            }
            return py_strv_compare(op, &a, &b);
        }
    }
    py_strv_of_str(lhs, &a);
    switch (op) {
    case PY_BINOP_ADD:
    case PY_BINOP_IADD:
        if (!str_view(rhs, &b)) {
            if (py_type_is_heap(py_type_of(rhs))) {
                return PY_NULL; /* let a user class's __radd__ try */
            }
            py_raise_type_error("can only concatenate str (not \"%s\") to str", py_type_name(rhs));
        }
        if (b.len == 0 && is_exact_str(lhs)) {
            return lhs;
        }
        if (a.len == 0 && is_exact_str(rhs)) {
            return rhs;
        }
        return py_strv_concat(&a, &b);
    case PY_BINOP_MUL:
    case PY_BINOP_IMUL:
    case PY_BINOP_RMUL: {
        py_val r = py_strv_repeat(&a, rhs);
        if (r == PY_NULL && !py_type_is_heap(py_type_of(rhs))) {
            py_raise_type_error("can't multiply sequence by non-int of type '%s'",
                                py_type_name(rhs));
        }
        return r;
    }
    case PY_BINOP_MOD:
    case PY_BINOP_IMOD:
        return py_str_mod(lhs, rhs);
    case PY_BINOP_CONTAINS:
        if (!str_view(rhs, &b)) {
            py_raise_type_error("'in <string>' requires string as left operand, not %s",
                                py_type_name(rhs));
        }
        return PY_BOOL(mem_find(a.data, a.len, b.data, b.len) != NULL);
    case PY_BINOP_EQ:
    case PY_BINOP_NE:
        if (py_is_qstr(lhs) && py_is_qstr(rhs)) {
            return PY_BOOL((lhs == rhs) == (op == PY_BINOP_EQ));
        }
        if (!str_view(rhs, &b)) {
            return PY_BOOL(op == PY_BINOP_NE);
        }
        return py_strv_compare(op, &a, &b);
    case PY_BINOP_LT:
    case PY_BINOP_LE:
    case PY_BINOP_GT:
    case PY_BINOP_GE:
        if (!str_view(rhs, &b)) {
            return PY_NULL;
        }
        return py_strv_compare(op, &a, &b);
    default:
        return PY_NULL;
    }
}

static py_val str_subscr(py_val self, py_val index, py_val value) {
    if (value != PY_SENTINEL) {
        return PY_NULL;
    }
    py_strv v;
    py_strv_of_str(self, &v);
    return py_strv_subscr(&v, index);
}

/* Iterator over the code points of a str. */
typedef struct str_iter {
    py_head head;
    py_val str;
    size_t pos;
} str_iter;

static py_val str_iter_next(py_val self) {
    str_iter *it = py_ptr(self);
    size_t len;
    const char *s;
    if (py_is_qstr(it->str)) {
        s = py_qstr_data(py_qstr_of(it->str), &len);
    } else {
        const py_str_obj *o = py_ptr(it->str);
        s = py_str_obj_data(o);
        len = py_str_obj_len(o);
    }
    if (it->pos >= len) {
        return PY_STOP;
    }
    unsigned char c = (unsigned char)s[it->pos];
    if (c < 0x80) {
        it->pos++;
        return py_str_char(c);
    }
    size_t n = py_utf8_char_len(c);
    py_val r = py_str_new_ascii(s + it->pos, n, 0);
    it->pos += n;
    return r;
}

static py_val iter_self(py_val self) { return self; }

static const py_type str_iterator_type = {
    .head = {&py_type_type},
    .name = Q_str_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .getiter = iter_self,
    .iternext = str_iter_next,
};

static py_val str_getiter(py_val self) {
    str_iter *it = py_new(str_iter);
    it->head.type = &str_iterator_type;
    it->str = py_native_value(self);
    return PY_OBJ(it);
}

/* str.__format__(spec), so format() sees str subclasses the usual way. */
static py_val str_format_method(py_val self, py_val spec) {
    size_t n;
    const char *s = py_get_str(spec, &n);
    py_buf b;
    py_str_build_begin(&b, 16);
    py_format_to(&b, py_native_value(self), s, n);
    return py_str_build_end(&b, &py_type_str, -1);
}
static PY_DEFINE_FUN_2(str_format_method_obj, str_format_method);

static const py_map_entry str_locals_table[] = {
    {PY_QSTR(Q___format__), PY_OBJ(&str_format_method_obj)},
    {PY_QSTR(Q_capitalize), PY_OBJ(&py_strm_capitalize_obj)},
    {PY_QSTR(Q_casefold), PY_OBJ(&strm_casefold_obj)},
    {PY_QSTR(Q_center), PY_OBJ(&py_strm_center_obj)},
    {PY_QSTR(Q_count), PY_OBJ(&py_strm_count_obj)},
    {PY_QSTR(Q_encode), PY_OBJ(&str_encode_obj)},
    {PY_QSTR(Q_endswith), PY_OBJ(&py_strm_endswith_obj)},
    {PY_QSTR(Q_expandtabs), PY_OBJ(&py_strm_expandtabs_obj)},
    {PY_QSTR(Q_find), PY_OBJ(&py_strm_find_obj)},
    {PY_QSTR(Q_format), PY_OBJ(&py_str_format_obj)},
    {PY_QSTR(Q_format_map), PY_OBJ(&py_str_format_map_obj)},
    {PY_QSTR(Q_index), PY_OBJ(&py_strm_index_obj)},
    {PY_QSTR(Q_isalnum), PY_OBJ(&py_strm_isalnum_obj)},
    {PY_QSTR(Q_isalpha), PY_OBJ(&py_strm_isalpha_obj)},
    {PY_QSTR(Q_isascii), PY_OBJ(&py_strm_isascii_obj)},
    {PY_QSTR(Q_isdecimal), PY_OBJ(&strm_isdecimal_obj)},
    {PY_QSTR(Q_isdigit), PY_OBJ(&py_strm_isdigit_obj)},
    {PY_QSTR(Q_isidentifier), PY_OBJ(&strm_isidentifier_obj)},
    {PY_QSTR(Q_islower), PY_OBJ(&py_strm_islower_obj)},
    {PY_QSTR(Q_isnumeric), PY_OBJ(&strm_isnumeric_obj)},
    {PY_QSTR(Q_isprintable), PY_OBJ(&strm_isprintable_obj)},
    {PY_QSTR(Q_isspace), PY_OBJ(&py_strm_isspace_obj)},
    {PY_QSTR(Q_istitle), PY_OBJ(&py_strm_istitle_obj)},
    {PY_QSTR(Q_isupper), PY_OBJ(&py_strm_isupper_obj)},
    {PY_QSTR(Q_join), PY_OBJ(&py_strm_join_obj)},
    {PY_QSTR(Q_ljust), PY_OBJ(&py_strm_ljust_obj)},
    {PY_QSTR(Q_lower), PY_OBJ(&py_strm_lower_obj)},
    {PY_QSTR(Q_lstrip), PY_OBJ(&py_strm_lstrip_obj)},
    {PY_QSTR(Q_maketrans), PY_OBJ(&str_maketrans_obj)},
    {PY_QSTR(Q_partition), PY_OBJ(&py_strm_partition_obj)},
    {PY_QSTR(Q_removeprefix), PY_OBJ(&py_strm_removeprefix_obj)},
    {PY_QSTR(Q_removesuffix), PY_OBJ(&py_strm_removesuffix_obj)},
    {PY_QSTR(Q_replace), PY_OBJ(&py_strm_replace_obj)},
    {PY_QSTR(Q_rfind), PY_OBJ(&py_strm_rfind_obj)},
    {PY_QSTR(Q_rindex), PY_OBJ(&py_strm_rindex_obj)},
    {PY_QSTR(Q_rjust), PY_OBJ(&py_strm_rjust_obj)},
    {PY_QSTR(Q_rpartition), PY_OBJ(&py_strm_rpartition_obj)},
    {PY_QSTR(Q_rsplit), PY_OBJ(&py_strm_rsplit_obj)},
    {PY_QSTR(Q_rstrip), PY_OBJ(&py_strm_rstrip_obj)},
    {PY_QSTR(Q_split), PY_OBJ(&py_strm_split_obj)},
    {PY_QSTR(Q_splitlines), PY_OBJ(&py_strm_splitlines_obj)},
    {PY_QSTR(Q_startswith), PY_OBJ(&py_strm_startswith_obj)},
    {PY_QSTR(Q_strip), PY_OBJ(&py_strm_strip_obj)},
    {PY_QSTR(Q_swapcase), PY_OBJ(&py_strm_swapcase_obj)},
    {PY_QSTR(Q_title), PY_OBJ(&py_strm_title_obj)},
    {PY_QSTR(Q_translate), PY_OBJ(&str_translate_obj)},
    {PY_QSTR(Q_upper), PY_OBJ(&py_strm_upper_obj)},
    {PY_QSTR(Q_zfill), PY_OBJ(&py_strm_zfill_obj)},
};
PY_DEFINE_FIXED_DICT(str_locals, str_locals_table);

const py_type py_type_str = {
    .head = {&py_type_type},
    .name = Q_str,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .print = str_print,
    .make_new = str_make_new,
    .unary_op = str_unary_op,
    .binary_op = str_binary_op,
    .subscr = str_subscr,
    .getiter = str_getiter,
    .locals = PY_OBJ(&str_locals),
};
