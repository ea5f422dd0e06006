/*
 * objstr.h - how str, bytes and bytearray objects are laid out, and what the
 * string files (objstr.c, objbytes.c, objmemview.c, strformat.c) share:
 * views of string-like values, building a str in place in a py_buf, UTF-8
 * helpers, and the methods str and bytes have in common.
 *
 * A heap str or bytes is one leaf block: a three-field header, the bytes and
 * a NUL. The header is 12 bytes on a 32-bit board, so "abc" takes 16 bytes.
 * Its hash is computed on first use and must equal py_hash_bytes() of the
 * bytes, which is what qstrs store, so a str finds its qstr twin in a map.
 */
#ifndef PY_OBJSTR_H
#define PY_OBJSTR_H

#include "campy.h"

typedef struct py_str_obj {
    py_head head;  /* &py_type_str or &py_type_bytes */
    uint32_t hash; /* py_hash_bytes() of the data; 0 until first needed */
    uint32_t info; /* byte length << 1, | 1 for a str whose bytes are all ASCII */
} py_str_obj;      /* followed by the bytes and a NUL */

#define PY_STR_MAX_LEN ((size_t)(UINT32_MAX >> 1) - 64)
#define PY_STR_HDR sizeof(py_str_obj)

static inline char *py_str_obj_data(const py_str_obj *o) {
    return (char *)(uintptr_t)(const void *)(o + 1);
}
static inline size_t py_str_obj_len(const py_str_obj *o) { return o->info >> 1; }

/* bytearray: the bytes sit in their own block so they can grow. */
typedef struct py_bytearray {
    py_head head;
    size_t len, alloc;
    char *data;
} py_bytearray;

/* A read-only look at a str, bytes or bytearray value (or a user subclass). */
enum { PY_SV_STR, PY_SV_BYTES, PY_SV_BYTEARRAY };
typedef struct py_strv {
    const char *data;
    size_t len;
    uint8_t kind;
    bool ascii; /* str: every byte is ASCII, so char index == byte index; bytes: true */
} py_strv;

/* false if v is not str/bytes/bytearray; the common case, a heap str, inline */
bool py_strv_get_any(py_val v, py_strv *out);
static inline bool py_strv_get(py_val v, py_strv *out) {
    if (py_is_obj(v) && ((const py_head *)py_ptr(v))->type == &py_type_str) {
        const py_str_obj *o = py_ptr(v);
        out->data = (const char *)(o + 1);
        out->len = o->info >> 1;
        out->kind = PY_SV_STR;
        out->ascii = (o->info & 1) != 0;
        return true;
    }
    return py_strv_get_any(v, out);
}
void py_strv_of_str(py_val v, py_strv *out); /* TypeError unless v is a str */

/* Whole-object constructors. ascii: 1 all ASCII, 0 not, -1 unknown (scans). */
py_val py_str_new_ascii(const char *s, size_t len, int ascii);
py_val py_str_char(unsigned char c); /* a static one-character str, c < 128 */
py_str_obj *py_strobj_alloc(const py_type *type, size_t len); /* data to be filled */
py_val py_strobj_seal(py_str_obj *o, int ascii); /* finishes what py_strobj_alloc began */
py_val py_strv_new_like(const py_strv *like, const char *s, size_t len, int ascii);

/* Building a str or bytes in a py_buf without copying it at the end: the
 * buffer starts with room for the header, which py_str_build_end writes. */
void py_str_build_begin(py_buf *b, size_t cap);
py_val py_str_build_end(py_buf *b, const py_type *type, int ascii);
static inline size_t py_str_build_len(const py_buf *b) { return b->len - PY_STR_HDR; }

/* UTF-8 (strings are always valid UTF-8). */
bool py_utf8_is_ascii(const char *s, size_t n);
size_t py_utf8_count(const char *s, size_t n);
uint32_t py_utf8_get(const char *s, size_t *n_bytes); /* one code point */
size_t py_utf8_char_len(unsigned char lead);
/* Length of the valid UTF-8 prefix of s; *bad_len is how many bytes after it
 * form the invalid sequence (0 at the end). */
size_t py_utf8_valid_prefix(const char *s, size_t n, size_t *bad_len);

/* Character classes and case, beyond ASCII for the common scripts. */
bool py_uni_isspace(uint32_t c);
bool py_uni_isprintable(uint32_t c);

/* Prints s (UTF-8) as a Python str literal, choosing the quotes as Python does. */
void py_str_print_repr(const py_print *out, const char *s, size_t n);
/* Prints s as a bytes literal (b'...'). bytearray's repr escapes every
 * apostrophe, even inside double quotes, as CPython's does. */
void py_bytes_print_repr(const py_print *out, const char *s, size_t n, bool escape_apostrophe);

/* Formatting (strformat.c). */
py_val py_str_mod(py_val fmt, py_val args); /* str % args and bytes % args */
extern const py_builtin_fun py_str_format_obj, py_str_format_map_obj; /* str.format(_map) */
/* Appends format(value, spec) to out. */
void py_format_to(py_buf *out, py_val value, const char *spec, size_t spec_len);

/* Encodings: 0 for UTF-8, 1 for ASCII, 2 for Latin-1; LookupError otherwise.
 * name may be PY_NULL (UTF-8); otherwise it must be a str. */
int py_encoding_of(py_val name);
/* bytes -> str and str -> bytes with the given encoding and error handler
 * (either may be PY_NULL for the default); fn names the caller in errors. */
py_val py_str_decode(const char *fn, const char *s, size_t n, py_val encoding, py_val errors);
py_val py_str_encode(const char *fn, py_val str, py_val encoding, py_val errors);

/* Methods str, bytes and bytearray share (objstr.c), for the bytes tables. */
extern const py_builtin_fun py_strm_find_obj, py_strm_rfind_obj, py_strm_index_obj,
    py_strm_rindex_obj, py_strm_count_obj, py_strm_replace_obj, py_strm_split_obj,
    py_strm_rsplit_obj, py_strm_splitlines_obj, py_strm_strip_obj, py_strm_lstrip_obj,
    py_strm_rstrip_obj, py_strm_startswith_obj, py_strm_endswith_obj, py_strm_join_obj,
    py_strm_partition_obj, py_strm_rpartition_obj, py_strm_upper_obj, py_strm_lower_obj,
    py_strm_swapcase_obj, py_strm_title_obj, py_strm_capitalize_obj, py_strm_isdigit_obj,
    py_strm_isalpha_obj, py_strm_isspace_obj, py_strm_isupper_obj, py_strm_islower_obj,
    py_strm_isalnum_obj, py_strm_istitle_obj, py_strm_isascii_obj, py_strm_center_obj,
    py_strm_ljust_obj, py_strm_rjust_obj, py_strm_zfill_obj, py_strm_removeprefix_obj,
    py_strm_removesuffix_obj, py_strm_expandtabs_obj;

/* Sequence helpers shared with bytes (objstr.c). */
py_val py_strv_subscr(const py_strv *v, py_val index);
py_val py_strv_compare(py_binop op, const py_strv *a, const py_strv *b);
py_val py_strv_repeat(const py_strv *v, py_val count);
py_val py_strv_concat(const py_strv *a, const py_strv *b);
uint32_t py_str_hash_of(py_val v); /* str or bytes object: cached hash */
/* An int argument, with CPython's TypeError for anything else; values too
 * big for a machine word give OverflowError. */
py_int_t py_str_int_arg(py_val v);

/* Wraps an index into [0, len); IndexError with the message of kind (a
 * PY_SV_ value, or 3 for memoryview) otherwise. */
size_t py_str_index(py_val index, size_t len, int kind);

/* hex([sep[, bytes_per_sep]]) of some bytes (objbytes.c), for bytes and memoryview. */
py_val py_bytes_hex(const char *data, size_t len, size_t n_args, const py_val *args);

/* memoryview (objmemview.c): its bytes, also when its items are not contiguous. */
py_val py_memview_tobytes(py_val mv);

#endif
