/*
 * modjson.c - the json module: dumps, dump, loads and load.
 *
 * MicroPython's API (separators= is the one option) with CPython's output:
 * ", " and ": " between items by default, every character outside printable
 * ASCII escaped as \uXXXX (a surrogate pair above U+FFFF), floats as repr()
 * gives them and NaN/Infinity as CPython writes them, and dict keys that are
 * numbers, bools or None turned into strings. The encoder keeps the
 * containers it is inside of on a path, so a container that holds itself
 * raises ValueError instead of recursing until the stack runs out.
 *
 * The decoder is a recursive descent over the whole text. The items of the
 * arrays and objects being read wait on one value stack, and each list or
 * dict is made at its final size, which spares the heap the slack of
 * growing. Object keys whose text is already an interned name become that
 * qstr, so lookups with literal keys compare words; other keys stay heap
 * strings, since interned names are never freed. A lone surrogate in a
 * \u escape becomes U+FFFD, as a str holds UTF-8, which cannot carry one.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "campy.h"

#if PY_FLOAT_SINGLE
#define text_to_float strtof
#else
#define text_to_float strtod
#endif

/* dump() hands the stream its text in pieces of about this many bytes. */
#define DUMP_CHUNK_BYTES 256

/* ================================================================ encoding */

typedef struct json_encoder {
    py_buf out;
    const char *item_sep, *key_sep;
    size_t item_sep_len, key_sep_len;
    py_val stream; /* dump(): the stream written to; PY_NULL for dumps() */
    py_val *path;  /* the containers being encoded, outermost first */
    size_t depth, path_alloc;
} json_encoder;

static void encode_value(json_encoder *e, py_val v);

static void out_add(json_encoder *e, const char *s, size_t n) {
    memcpy(py_buf_extend(&e->out, n), s, n);
}

static void out_byte(json_encoder *e, char c) {
    py_buf *b = &e->out;
    if (b->len < b->alloc) {
        b->data[b->len++] = c;
    } else {
        *py_buf_extend(b, 1) = c;
    }
}

/* The stream protocol of v's type or a base type, or NULL. */
static const py_stream_proto *stream_proto_of(py_val v) {
    if (!py_is_obj(v)) {
        return NULL;
    }
    for (const py_type *t = py_type_of(v); t != NULL; t = t->base) {
        if (t->protocol != NULL) {
            return t->protocol;
        }
    }
    return NULL;
}

/* dump(): passes what has gathered to the stream once there is enough.
 * Streams made in C take the UTF-8 bytes through their protocol, text or
 * binary alike, as on MicroPython; other objects get str pieces. */
static void maybe_flush(json_encoder *e, bool at_end) {
    if (e->stream == PY_NULL || e->out.len == 0 || (!at_end && e->out.len < DUMP_CHUNK_BYTES)) {
        return;
    }
    const py_stream_proto *proto = stream_proto_of(e->stream);
    if (proto != NULL && proto->write != NULL) {
        const char *s = e->out.data;
        size_t n = e->out.len;
        e->out.len = 0;
        while (n > 0) {
            int err = 0;
            size_t done = proto->write(e->stream, s, n, &err);
            if (done == PY_STREAM_ERROR) {
                py_raise_oserror(err);
            }
            if (done == 0) {
                py_raise_oserror(11); /* EAGAIN: the stream would block */
            }
            s += done;
            n -= done;
        }
        return;
    }
    py_val text = py_str_new(e->out.data, e->out.len);
    e->out.len = 0;
    py_call_method_name(e->stream, Q_write, 1, &text);
}

/* Bytes that go into a JSON string as they are: printable ASCII but " and \. */
static bool is_plain_byte(unsigned char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

static size_t put_unicode_escape(char *dst, uint32_t unit) {
    static const char hex[] = "0123456789abcdef";
    dst[0] = '\\';
    dst[1] = 'u';
    dst[2] = hex[(unit >> 12) & 15];
    dst[3] = hex[(unit >> 8) & 15];
    dst[4] = hex[(unit >> 4) & 15];
    dst[5] = hex[unit & 15];
    return 6;
}

/* One code point of UTF-8 text (surrogates included, as chr() makes them);
 * a broken sequence reads as U+FFFD, one byte long. */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *used) {
    unsigned char c = s[0];
    size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    if (len == 1 || len > n || c > 0xf4) {
        *used = 1;
        return 0xfffd;
    }
    uint32_t cp = c & (0x7f >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *used = 1;
            return 0xfffd;
        }
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    *used = len;
    return cp;
}

/* The escape for the special byte or character at s[0]; returns its length. */
static size_t escape_one(const unsigned char *s, size_t n, char *esc, size_t *used) {
    unsigned char c = s[0];
    *used = 1;
    if (c >= 0x80) {
        uint32_t cp = utf8_next(s, n, used);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            put_unicode_escape(esc, 0xd800 | (cp >> 10));
            return 6 + put_unicode_escape(esc + 6, 0xdc00 | (cp & 0x3ff));
        }
        return put_unicode_escape(esc, cp);
    }
    char short_form = 0;
    switch (c) {
    case '"':
        short_form = '"';
        break;
    case '\\':
        short_form = '\\';
        break;
    case '\n':
        short_form = 'n';
        break;
    case '\r':
        short_form = 'r';
        break;
    case '\t':
        short_form = 't';
        break;
    case '\b':
        short_form = 'b';
        break;
    case '\f':
        short_form = 'f';
        break;
    default:
        return put_unicode_escape(esc, c);
    }
    esc[0] = '\\';
    esc[1] = short_form;
    return 2;
}

static void encode_text(json_encoder *e, const char *text, size_t n) {
    const unsigned char *s = (const unsigned char *)text;
    out_byte(e, '"');
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && is_plain_byte(s[run])) {
            run++;
        }
        if (run > i) {
            out_add(e, text + i, run - i);
            i = run;
            if (i == n) {
                break;
            }
        }
        char esc[12];
        size_t used;
        size_t k = escape_one(s + i, n - i, esc, &used);
        out_add(e, esc, k);
        i += used;
    }
    out_byte(e, '"');
}

static void encode_small_int(json_encoder *e, py_int_t v) {
    char tmp[24];
    char *p = tmp + sizeof(tmp);
    uintmax_t u = v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0) {
        *--p = '-';
    }
    out_add(e, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* Any int (big, or of a subclass of int) as its decimal digits. */
static void encode_int(json_encoder *e, py_val v) {
    if (py_is_small(v)) {
        encode_small_int(e, py_small_value(v));
        return;
    }
    if (!py_is_type(v, &py_type_int)) {
        v = py_call1(PY_OBJ(&py_type_int), v); /* int.__repr__, not the subclass's */
    }
    py_print out;
    py_print_to_buf(&out, &e->out);
    py_print_value(&out, v, PY_PRINT_REPR);
}

/* Multiples of 1/8 of moderate size (halves, quarters, whole numbers: much
 * of what sensors and counters give) written directly. Their exact decimal
 * has at most three decimals and, with half an ulp below 0.001, no shorter
 * decimal reads back as the same float, so it is what repr() gives. */
static bool encode_eighths(json_encoder *e, py_float_t f) {
#if PY_FLOAT_SINGLE
    const py_float_t limit = 4096.0f;
#else
    const py_float_t limit = 1099511627776.0; /* 2^40 */
#endif
    py_float_t scaled = f * 8;
    if (!(f > -limit && f < limit) || scaled != (py_float_t)(long long)scaled) {
        return false;
    }
    long long k = (long long)scaled;
    if (k < 0 || (k == 0 && signbit(f))) {
        out_byte(e, '-');
        k = -k;
    }
    encode_small_int(e, (py_int_t)(k >> 3));
    static const char *const fractions[8] = {".0", ".125", ".25", ".375",
                                             ".5", ".625", ".75", ".875"};
    const char *frac = fractions[k & 7];
    out_add(e, frac, strlen(frac));
    return true;
}

static void encode_float(json_encoder *e, py_float_t f) {
    if (encode_eighths(e, f)) {
        return;
    }
    if (isnan(f)) {
        out_add(e, "NaN", 3);
    } else if (isinf(f)) {
        if (f > 0) {
            out_add(e, "Infinity", 8);
        } else {
            out_add(e, "-Infinity", 9);
        }
    } else {
        py_format_float(&e->out, f, 'r', 0, 0);
    }
}

/* Marks v as being encoded; ValueError if it already is (a cycle). */
static void path_enter(json_encoder *e, py_val v) {
    py_stack_check();
    for (size_t i = 0; i < e->depth; i++) {
        if (e->path[i] == v) {
            py_raise_value_error("Circular reference detected");
        }
    }
    if (e->depth == e->path_alloc) {
        size_t alloc = e->path_alloc * 2 + 8;
        e->path = py_gc_realloc(e->path, alloc * sizeof(py_val));
        e->path_alloc = alloc;
    }
    e->path[e->depth++] = v;
}

static void path_leave(json_encoder *e) { e->path[--e->depth] = PY_NULL; }

static void encode_array(json_encoder *e, py_val seq) {
    path_enter(e, seq);
    out_byte(e, '[');
    size_t len;
    py_val *items;
    /* dump() writes run Python code that may change the list: reread it */
    for (size_t i = 0;; i++) {
        py_get_array(seq, &len, &items);
        if (i >= len) {
            break;
        }
        if (i > 0) {
            out_add(e, e->item_sep, e->item_sep_len);
        }
        encode_value(e, items[i]);
        maybe_flush(e, false);
    }
    out_byte(e, ']');
    path_leave(e);
}

static void encode_key(json_encoder *e, py_val key) {
    if (py_is_str(key)) {
        size_t n;
        const char *s = py_str_data(key, &n);
        encode_text(e, s, n);
        return;
    }
    size_t start = e->out.len;
    if (key == PY_TRUE || key == PY_FALSE || key == PY_NONE) {
        encode_value(e, key);
    } else if (py_isinstance(key, &py_type_float)) {
        encode_float(e, py_get_float(key));
    } else if (py_is_int(key)) {
        encode_int(e, key);
    } else {
        py_raise_type_error("keys must be str, int, float, bool or None, not %s",
                            py_type_name(key));
    }
    /* the text just written, quoted: it has no characters that need escapes */
    size_t n = e->out.len - start;
    py_buf_extend(&e->out, 2);
    memmove(e->out.data + start + 1, e->out.data + start, n);
    e->out.data[start] = '"';
    e->out.data[start + n + 1] = '"';
}

static void encode_pair(json_encoder *e, bool first, py_val key, py_val value) {
    if (!first) {
        out_add(e, e->item_sep, e->item_sep_len);
    }
    encode_key(e, key);
    out_add(e, e->key_sep, e->key_sep_len);
    encode_value(e, value);
    maybe_flush(e, false);
}

static void encode_object(json_encoder *e, py_val dict) {
    path_enter(e, dict);
    out_byte(e, '{');
    if (py_is_type(dict, &py_type_dict)) {
        bool first = true;
        for (size_t pos = 0; (pos = py_map_next(py_dict_map(dict), pos)) != 0;) {
            py_map_entry *entry = &py_dict_map(dict)->table[pos - 1];
            encode_pair(e, first, entry->key, entry->value);
            first = false;
        }
    } else {
        /* subclasses of dict: through their items() */
        py_val it = py_getiter(py_call_method_name(dict, Q_items, 0, NULL)), pair;
        for (bool first = true; (pair = py_iternext(it)) != PY_STOP; first = false) {
            size_t n;
            py_val *kv;
            py_get_array(pair, &n, &kv);
            if (n != 2) {
                py_raise_value_error("dict items must be pairs");
            }
            encode_pair(e, first, kv[0], kv[1]);
        }
    }
    out_byte(e, '}');
    path_leave(e);
}

static void encode_value(json_encoder *e, py_val v) {
    if (py_is_small(v)) {
        encode_small_int(e, py_small_value(v));
        return;
    }
    if (v == PY_NONE) {
        out_add(e, "null", 4);
        return;
    }
    if (v == PY_TRUE) {
        out_add(e, "true", 4);
        return;
    }
    if (v == PY_FALSE) {
        out_add(e, "false", 5);
        return;
    }
    if (py_is_str(v)) {
        size_t n;
        const char *s = py_str_data(v, &n);
        encode_text(e, s, n);
        return;
    }
    const py_type *t = py_type_of(v);
    if (t == &py_type_float || py_isinstance(v, &py_type_float)) {
        encode_float(e, py_get_float(v));
    } else if (t == &py_type_list || t == &py_type_tuple || py_isinstance(v, &py_type_list) ||
               py_isinstance(v, &py_type_tuple)) {
        encode_array(e, v);
    } else if (t == &py_type_dict || py_isinstance(v, &py_type_dict)) {
        encode_object(e, v);
    } else if (py_is_int(v)) {
        encode_int(e, v);
    } else {
        py_raise_type_error("Object of type %s is not JSON serializable", py_type_name(v));
    }
}

static void take_separators(json_encoder *e, py_val separators) {
    e->item_sep = ", ";
    e->key_sep = ": ";
    e->item_sep_len = e->key_sep_len = 2;
    if (separators == PY_NONE || separators == PY_NULL) {
        return;
    }
    size_t n;
    py_val *items;
    py_get_array(separators, &n, &items);
    if (n != 2) {
        py_raise_value_error("separators must be an (item_separator, key_separator) pair");
    }
    e->item_sep = py_get_str(items[0], &e->item_sep_len);
    e->key_sep = py_get_str(items[1], &e->key_sep_len);
}

static void encode_start(json_encoder *e, py_val separators, py_val stream) {
    take_separators(e, separators);
    e->stream = stream;
    e->path = NULL;
    e->depth = e->path_alloc = 0;
    py_buf_init(&e->out, 64);
}

/* dumps(obj, separators=None) */
static py_val json_dumps(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_obj, PY_ARG_REQUIRED, PY_NULL},
        {Q_separators, 0, PY_NONE},
    };
    py_val a[2];
    py_parse_args(n_args, args, kw, 2, spec, a);
    json_encoder e;
    encode_start(&e, a[1], PY_NULL);
    encode_value(&e, a[0]);
    return py_buf_to_str(&e.out);
}
static PY_DEFINE_FUN_KW(json_dumps_obj, 1, json_dumps);

/* dump(obj, stream, separators=None) */
static py_val json_dump(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_obj, PY_ARG_REQUIRED, PY_NULL},
        {Q_stream, PY_ARG_REQUIRED, PY_NULL},
        {Q_separators, 0, PY_NONE},
    };
    py_val a[3];
    py_parse_args(n_args, args, kw, 3, spec, a);
    json_encoder e;
    encode_start(&e, a[2], a[1]);
    encode_value(&e, a[0]);
    maybe_flush(&e, true);
    return PY_NONE;
}
static PY_DEFINE_FUN_KW(json_dump_obj, 2, json_dump);

/* ================================================================ decoding */

#define LOCAL_STACK_ITEMS 48

typedef struct json_decoder {
    const char *start, *p, *end;
    py_val *stack; /* items of the arrays and objects being read */
    size_t depth, stack_alloc;
    py_buf scratch; /* strings with escapes are put together here; lazily made */
    /* Small documents need no heap for the stack: the C stack is a GC root. */
    py_val local_stack[LOCAL_STACK_ITEMS];
} json_decoder;

static py_val parse_value(json_decoder *d);

static _Noreturn void parse_error(json_decoder *d, const char *what) {
    size_t line = 1, column = 1;
    for (const char *s = d->start; s < d->p; s++) {
        if (*s == '\n') {
            line++;
            column = 1;
        } else if (((unsigned char)*s & 0xc0) != 0x80) {
            column++;
        }
    }
    py_raise_value_error("%s: line %zu column %zu (char %zu)", what, line, column,
                         (size_t)(d->p - d->start));
}

static void skip_space(json_decoder *d) {
    const char *p = d->p;
    while (p < d->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) {
        p++;
    }
    d->p = p;
}

static void push_value(json_decoder *d, py_val v) {
    if (d->depth == d->stack_alloc) {
        size_t alloc = d->stack_alloc * 2;
        if (alloc > SIZE_MAX / sizeof(py_val)) {
            py_raise_memory_error();
        }
        py_val *stack = py_gc_alloc(alloc * sizeof(py_val));
        memcpy(stack, d->stack, d->depth * sizeof(py_val));
        d->stack = stack;
        d->stack_alloc = alloc;
    }
    d->stack[d->depth++] = v;
}

static bool take_word(json_decoder *d, const char *word, size_t n) {
    if ((size_t)(d->end - d->p) >= n && memcmp(d->p, word, n) == 0) {
        d->p += n;
        return true;
    }
    return false;
}

static int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* The four hex digits after "\u" at d->p; d->p moves past them. */
static uint32_t parse_hex4(json_decoder *d) {
    if (d->end - d->p < 4) {
        parse_error(d, "Invalid \\uXXXX escape");
    }
    uint32_t unit = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(d->p[i]);
        if (h < 0) {
            parse_error(d, "Invalid \\uXXXX escape");
        }
        unit = unit << 4 | (uint32_t)h;
    }
    d->p += 4;
    return unit;
}

/* After a backslash: appends what the escape stands for. */
static void parse_escape(json_decoder *d) {
    if (d->p >= d->end) {
        parse_error(d, "Unterminated string starting at");
    }
    char c = *d->p++;
    char plain;
    switch (c) {
    case '"':
    case '\\':
    case '/':
        plain = c;
        break;
    case 'b':
        plain = '\b';
        break;
    case 'f':
        plain = '\f';
        break;
    case 'n':
        plain = '\n';
        break;
    case 'r':
        plain = '\r';
        break;
    case 't':
        plain = '\t';
        break;
    case 'u': {
        uint32_t cp = parse_hex4(d);
        /* a high surrogate followed by a low one is one character */
        if (cp >= 0xd800 && cp < 0xdc00 && d->end - d->p >= 6 && d->p[0] == '\\' &&
            d->p[1] == 'u') {
            const char *back = d->p;
            d->p += 2;
            uint32_t low = parse_hex4(d);
            if (low >= 0xdc00 && low < 0xe000) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            } else {
                d->p = back;
            }
        }
        if (cp >= 0xd800 && cp < 0xe000) {
            cp = 0xfffd; /* a str holds UTF-8, which has no lone surrogates */
        }
        py_buf_add_char(&d->scratch, cp);
        return;
    }
    default:
        d->p -= 2;
        parse_error(d, "Invalid \\escape");
    }
    py_buf_add_byte(&d->scratch, plain);
}

static py_val make_text(const char *s, size_t n, bool is_key) {
    if (is_key) {
        py_qstr q = py_qstr_find(s, n);
        if (q != 0) {
            return PY_QSTR(q);
        }
    }
    return py_str_new(s, n);
}

/* A string whose opening quote is just behind d->p. */
static py_val parse_string(json_decoder *d, bool is_key) {
    const char *s = d->p, *q = s, *end = d->end;
    while (q < end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20) {
        q++;
    }
    if (q < end && *q == '"') {
        d->p = q + 1;
        return make_text(s, (size_t)(q - s), is_key);
    }
    if (d->scratch.data == NULL) {
        py_buf_init(&d->scratch, (size_t)(q - s) + 16);
    }
    d->scratch.len = 0;
    py_buf_add(&d->scratch, s, (size_t)(q - s));
    d->p = q;
    for (;;) {
        if (d->p >= end) {
            d->p = s - 1;
            parse_error(d, "Unterminated string starting at");
        }
        unsigned char c = (unsigned char)*d->p;
        if (c == '"') {
            d->p++;
            return make_text(d->scratch.data, d->scratch.len, is_key);
        }
        if (c < 0x20) {
            parse_error(d, "Invalid control character at");
        }
        d->p++;
        if (c == '\\') {
            parse_escape(d);
        } else {
            py_buf_add_byte(&d->scratch, (char)c);
        }
    }
}

static bool is_digit(const char *p, const char *end) { return p < end && *p >= '0' && *p <= '9'; }

static const char *skip_digits(const char *p, const char *end) {
    while (is_digit(p, end)) {
        p++;
    }
    return p;
}

/* Decimals with at most 15 digits and a power of ten up to 22 are exact
 * doubles divided or multiplied by an exact power of ten: one correctly
 * rounded operation gives the same double strtod would, much faster. Only
 * where double arithmetic is done in double precision (not x87). */
static bool quick_decimal(const char *s, const char *end, py_float_t *out) {
#if !PY_FLOAT_SINGLE && defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    static const double powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    bool negative = *s == '-';
    const char *p = s + negative;
    int64_t mantissa = 0;
    int digits = 0, exp10 = 0;
    bool after_point = false;
    for (; p < end && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.') {
            after_point = true;
            continue;
        }
        if (mantissa != 0 || *p != '0') {
            if (++digits > 15) {
                return false;
            }
        }
        mantissa = mantissa * 10 + (*p - '0');
        exp10 -= after_point;
    }
    if (p < end) {
        p++;
        bool exp_negative = *p == '-';
        p += *p == '-' || *p == '+';
        int e = 0;
        for (; p < end; p++) {
            if (e > 1000) {
                return false;
            }
            e = e * 10 + (*p - '0');
        }
        exp10 += exp_negative ? -e : e;
    }
    if (exp10 < -22 || exp10 > 22) {
        return false;
    }
    double v = (double)mantissa;
    v = exp10 < 0 ? v / powers[-exp10] : v * powers[exp10];
    *out = negative ? -v : v;
    return true;
#else
    (void)s;
    (void)end;
    (void)out;
    return false;
#endif
}

static py_val parse_number(json_decoder *d) {
    const char *s = d->p, *p = s, *end = d->end;
    if (*p == '-') {
        p++;
    }
    if (!is_digit(p, end)) {
        parse_error(d, "Expecting value");
    }
    p = *p == '0' ? p + 1 : skip_digits(p, end);
    bool is_float = false;
    if (p + 1 < end && *p == '.' && is_digit(p + 1, end)) {
        p = skip_digits(p + 1, end);
        is_float = true;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char *x = p + 1;
        if (x < end && (*x == '+' || *x == '-')) {
            x++;
        }
        if (is_digit(x, end)) {
            p = skip_digits(x, end);
            is_float = true;
        }
    }
    d->p = p;
    size_t n = (size_t)(p - s);
    if (!is_float) {
        if (n <= 18) {
            bool negative = *s == '-';
            long long v = 0;
            for (const char *c = s + negative; c < p; c++) {
                v = v * 10 + (*c - '0');
            }
            return py_int_from_i64(negative ? -v : v);
        }
        return py_int_from_str(s, n, 10);
    }
    py_float_t quick;
    if (quick_decimal(s, p, &quick)) {
        return py_float_new(quick);
    }
    char small[64];
    char *text = n < sizeof(small) ? small : py_gc_alloc_flags(n + 1, PY_GC_LEAF);
    memcpy(text, s, n);
    text[n] = 0;
    py_float_t f = text_to_float(text, NULL);
    return py_float_new(f);
}

static py_val parse_array(json_decoder *d) {
    py_stack_check();
    d->p++;
    size_t base = d->depth;
    skip_space(d);
    if (d->p < d->end && *d->p == ']') {
        d->p++;
        return py_list_new(0, NULL);
    }
    for (;;) {
        push_value(d, parse_value(d));
        skip_space(d);
        if (d->p < d->end && *d->p == ',') {
            d->p++;
        } else if (d->p < d->end && *d->p == ']') {
            d->p++;
            break;
        } else {
            parse_error(d, "Expecting ',' delimiter");
        }
    }
    py_val list = py_list_new(d->depth - base, d->stack + base);
    d->depth = base;
    return list;
}

static py_val parse_object(json_decoder *d) {
    py_stack_check();
    d->p++;
    size_t base = d->depth;
    skip_space(d);
    if (d->p < d->end && *d->p == '}') {
        d->p++;
        return py_dict_new(0);
    }
    for (;;) {
        skip_space(d);
        if (d->p >= d->end || *d->p != '"') {
            parse_error(d, "Expecting property name enclosed in double quotes");
        }
        d->p++;
        push_value(d, parse_string(d, true));
        skip_space(d);
        if (d->p >= d->end || *d->p != ':') {
            parse_error(d, "Expecting ':' delimiter");
        }
        d->p++;
        push_value(d, parse_value(d));
        skip_space(d);
        if (d->p < d->end && *d->p == ',') {
            d->p++;
        } else if (d->p < d->end && *d->p == '}') {
            d->p++;
            break;
        } else {
            parse_error(d, "Expecting ',' delimiter");
        }
    }
    size_t n = (d->depth - base) / 2;
    py_val dict = py_dict_new(n);
    for (size_t i = 0; i < n; i++) {
        py_dict_store(dict, d->stack[base + 2 * i], d->stack[base + 2 * i + 1]);
    }
    d->depth = base;
    return dict;
}

static py_val parse_value(json_decoder *d) {
    skip_space(d);
    if (d->p >= d->end) {
        parse_error(d, "Expecting value");
    }
    switch (*d->p) {
    case '{':
        return parse_object(d);
    case '[':
        return parse_array(d);
    case '"':
        d->p++;
        return parse_string(d, false);
    case 't':
        if (take_word(d, "true", 4)) {
            return PY_TRUE;
        }
        break;
    case 'f':
        if (take_word(d, "false", 5)) {
            return PY_FALSE;
        }
        break;
    case 'n':
        if (take_word(d, "null", 4)) {
            return PY_NONE;
        }
        break;
    case 'N':
        if (take_word(d, "NaN", 3)) {
            return py_float_new((py_float_t)NAN);
        }
        break;
    case 'I':
        if (take_word(d, "Infinity", 8)) {
            return py_float_new((py_float_t)INFINITY);
        }
        break;
    case '-':
        if (take_word(d, "-Infinity", 9)) {
            return py_float_new(-(py_float_t)INFINITY);
        }
        return parse_number(d);
    default:
        if (*d->p >= '0' && *d->p <= '9') {
            return parse_number(d);
        }
        break;
    }
    parse_error(d, "Expecting value");
}

/* true if s is UTF-8 as a str holds it: no overlong forms, no surrogates. */
static bool is_valid_utf8(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        if (c < 0xc2 || c > 0xf4 || i + len > n) {
            return false;
        }
        uint32_t cp = c & (0x7f >> len);
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80) {
                return false;
            }
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
            return false;
        }
        i += len;
    }
    return true;
}

static py_val json_loads(py_val text) {
    json_decoder d;
    size_t n;
    if (py_is_str(text)) {
        d.start = py_str_data(text, &n);
    } else if (py_is_bytes_like(text)) {
        py_buffer buf;
        py_get_buffer_or_raise(text, &buf, PY_BUFFER_READ);
        d.start = buf.buf;
        n = buf.len;
        if (n >= 3 && memcmp(d.start, "\xef\xbb\xbf", 3) == 0) {
            d.start += 3; /* a UTF-8 byte order mark */
            n -= 3;
        }
        if (!is_valid_utf8((const unsigned char *)d.start, n)) {
            py_raise_value_error("JSON text is not valid UTF-8");
        }
    } else {
        py_raise_type_error("the JSON object must be str, bytes or bytearray, not %s",
                            py_type_name(text));
    }
    d.p = d.start;
    d.end = d.start + n;
    d.stack = d.local_stack;
    d.depth = 0;
    d.stack_alloc = LOCAL_STACK_ITEMS;
    d.scratch.data = NULL;
    py_val v = parse_value(&d);
    skip_space(&d);
    if (d.p != d.end) {
        parse_error(&d, "Extra data");
    }
    return v;
}
static PY_DEFINE_FUN_1(json_loads_obj, json_loads);

/* load(stream): reads the stream to its end, then parses what it read. */
static py_val json_load(py_val stream) {
    return json_loads(py_call_method_name(stream, Q_read, 0, NULL));
}
static PY_DEFINE_FUN_1(json_load_obj, json_load);

static const py_map_entry json_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_json)},    {PY_QSTR(Q_dumps), PY_OBJ(&json_dumps_obj)},
    {PY_QSTR(Q_dump), PY_OBJ(&json_dump_obj)}, {PY_QSTR(Q_loads), PY_OBJ(&json_loads_obj)},
    {PY_QSTR(Q_load), PY_OBJ(&json_load_obj)},
};
static PY_DEFINE_FIXED_DICT(json_globals, json_table);
PY_DEFINE_MODULE(py_module_json, json_globals);
PY_REGISTER_MODULE(Q_json, py_module_json);
