/*
 * persist.c - bytecode files: a module's code object tree written to bytes
 * (what build/campy-cross makes) and read back on import.
 *
 * The layout is described in persist.h. Reading trusts nothing in the data:
 * every length is checked against what is left before anything is
 * allocated, every index against its table, text must be UTF-8, and the
 * finished code goes through py_code_verify before it is handed out. A
 * loaded code object is two heap blocks: the struct with its constants
 * (scanned by the collector) and one leaf block with its name, slot and
 * cell tables, bytecode and line table.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "objstr.h"
#include "persist.h"

#define MAX_NESTING 200

/* ---------------------------------------------------------------- the build */

void py_persist_this_build(py_persist_target *out) {
    out->float_bytes = (uint8_t)sizeof(py_float_t);
    out->small_int_bits = (uint8_t)PY_SMALL_BITS;
}

static uint32_t fnv_add(uint32_t h, const void *data, size_t n) {
    const uint8_t *p = data;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 16777619u;
    }
    return h;
}

uint32_t py_persist_isa_signature(void) {
    uint32_t h = 2166136261u;
    for (unsigned op = 0; op < PY_OP_COUNT; op++) {
        h = fnv_add(h, py_bc_name[op], strlen(py_bc_name[op]) + 1);
        h = fnv_add(h, &py_bc_format[op], 1);
    }
    /* operands that number something outside the opcode table */
    uint8_t counts[4] = {PY_BINOP_COUNT, PY_UNOP_COUNT, PY_BINOP_POW, PY_CODE_MODULE};
    return fnv_add(h, counts, sizeof(counts));
}

bool py_persist_is_bytecode(const uint8_t *data, size_t len) {
    return len >= 4 && memcmp(data, PY_PERSIST_MAGIC, 4) == 0;
}

/* ---------------------------------------------------------------- writing */

typedef struct writer {
    py_buf *out;
    const py_persist_target *target;
    py_val name_index; /* dict: qstr value -> its index in the name table */
    py_val names;      /* list of qstr values, in index order */
} writer;

static void put_byte(writer *w, uint8_t b) { py_buf_add_byte(w->out, (char)b); }

static void put_varint(writer *w, uint64_t v) {
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        put_byte(w, b | (v ? 0x80 : 0));
    } while (v);
}

static void put_bytes(writer *w, const void *data, size_t n) {
    put_varint(w, n);
    py_buf_add(w->out, data, n);
}

/* The index of a name in the table, added on first use. */
static size_t name_ref(writer *w, py_qstr q) {
    py_val key = PY_QSTR(q);
    py_val at = py_dict_get(w->name_index, key);
    if (at != PY_NULL) {
        return (size_t)py_small_value(at);
    }
    size_t n = py_len(w->names);
    py_dict_store(w->name_index, key, PY_SMALL(n));
    py_list_append(w->names, key);
    return n;
}

static void put_name(writer *w, py_qstr q) { put_varint(w, name_ref(w, q)); }

static void put_le(writer *w, uint64_t bits, size_t n) {
    for (size_t i = 0; i < n; i++) {
        put_byte(w, (uint8_t)(bits >> (8 * i)));
    }
}

/* Whether the exact decimal value of d has at most 15 significant digits.
 * Any literal of at most 15 digits that reads as d is then d exactly, so
 * strtof would have rounded d itself. (d here is a float midpoint: its
 * exact expansion has under 160 decimals.) */
static bool short_exact_decimal(double d) {
    char text[400];
    snprintf(text, sizeof(text), "%.160f", fabs(d));
    const char *first = text;
    while (*first == '0' || *first == '.') {
        first++;
    }
    size_t end = strlen(text);
    while (end > 0 && (text[end - 1] == '0' || text[end - 1] == '.')) {
        end--;
    }
    size_t digits = 0;
    for (const char *p = first; p < text + end; p++) {
        digits += *p != '.';
    }
    return digits <= 15;
}

double py_persist_target_float(py_float_t f, const py_persist_target *target) {
    double d = (double)f;
    if (target->float_bytes == 8) {
        return d;
    }
    float s = (float)d;
    if (isfinite(d) && (double)s != d && !short_exact_decimal(d)) {
        float other = nextafterf(s, (double)s < d ? INFINITY : -INFINITY);
        if (isfinite(other) && ((double)s + (double)other) / 2 == d) {
            py_raise_value_error("float constant %r lies halfway between two single-precision "
                                 "values: write it with fewer digits",
                                 py_float_new(f));
        }
    }
    return (double)s;
}

static void put_float(writer *w, py_float_t f) {
    double d = py_persist_target_float(f, w->target);
    if (w->target->float_bytes == 8) {
        uint64_t bits;
        memcpy(&bits, &d, 8);
        put_le(w, bits, 8);
    } else {
        float s = (float)d;
        uint32_t bits;
        memcpy(&bits, &s, 4);
        put_le(w, bits, 4);
    }
}

static void put_code(writer *w, const py_code *code, unsigned nesting);

static void put_const(writer *w, py_val v, bool in_tuple, unsigned nesting) {
    py_stack_check();
    if (nesting > MAX_NESTING) {
        py_raise_value_error("constants nested too deeply to save");
    }
    if (v == PY_NONE || v == PY_TRUE || v == PY_FALSE || v == PY_ELLIPSIS) {
        put_byte(w, v == PY_NONE ? 'N' : v == PY_TRUE ? 'T' : v == PY_FALSE ? 'F' : 'E');
        return;
    }
    if (py_is_small(v)) {
        int64_t n = (int64_t)py_small_value(v);
        put_byte(w, 'i');
        put_varint(w, n < 0 ? ~((uint64_t)n << 1) : (uint64_t)n << 1);
        return;
    }
    if (py_is_qstr(v)) {
        put_byte(w, 'q');
        put_name(w, py_qstr_of(v));
        return;
    }
    const py_type *t = py_type_of(v);
    if (t == &py_type_int) {
        size_t len;
        const char *hex = py_str_data(py_format(v, PY_QSTR(Q_x)), &len);
        put_byte(w, 'I');
        put_bytes(w, hex, len);
    } else if (t == &py_type_float) {
        put_byte(w, 'f');
        put_float(w, py_get_float(v));
    } else if (t == &py_type_complex) {
        py_float_t re, im;
        py_get_complex(v, &re, &im);
        put_byte(w, 'c');
        put_float(w, re);
        put_float(w, im);
    } else if (t == &py_type_str || t == &py_type_bytes) {
        size_t len;
        const char *data = py_str_data(v, &len);
        put_byte(w, t == &py_type_str ? 's' : 'b');
        put_bytes(w, data, len);
    } else if (t == &py_type_tuple) {
        const py_tuple *tu = py_ptr(v);
        put_byte(w, 't');
        put_varint(w, tu->len);
        for (size_t i = 0; i < tu->len; i++) {
            put_const(w, tu->items[i], true, nesting + 1);
        }
    } else if (t == &py_type_code && !in_tuple) {
        put_byte(w, 'C');
        put_code(w, py_ptr(v), nesting + 1);
    } else {
        py_raise_value_error("can't save a constant of type '%s'", py_type_name(v));
    }
}

static void put_code(writer *w, const py_code *code, unsigned nesting) {
    py_stack_check();
    if (nesting > MAX_NESTING) {
        py_raise_value_error("functions nested too deeply to save");
    }
    const uint16_t counts[] = {code->flags,    code->n_pos,      code->n_posonly,
                               code->n_kwonly, code->n_locals,   code->n_cells,
                               code->n_free,   code->stack_size, code->block_depth};
    for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        put_varint(w, counts[i]);
    }
    put_name(w, code->name);
    put_varint(w, code->first_line);
    put_bytes(w, code->bytecode, code->bytecode_len);
    put_bytes(w, code->line_table, code->line_table_len);
    put_varint(w, code->n_names);
    for (size_t i = 0; i < code->n_names; i++) {
        put_name(w, code->names[i]);
    }
    size_t n_slots = (size_t)code->n_locals + code->n_cells + code->n_free;
    for (size_t i = 0; i < n_slots; i++) {
        put_name(w, code->slot_names[i]);
    }
    for (size_t i = 0; i < code->n_cells; i++) {
        put_varint(w, code->cell2arg[i]);
    }
    put_varint(w, code->n_consts);
    for (size_t i = 0; i < code->n_consts; i++) {
        put_const(w, code->consts[i], false, nesting);
    }
}

void py_persist_save(py_buf *out, const py_code *module, const py_persist_target *target) {
    if (target->float_bytes != 4 && target->float_bytes != 8) {
        py_raise_value_error("float size must be 4 or 8 bytes");
    }
    /* the code goes to a buffer of its own first: the name table it fills
     * is written before it */
    py_buf body;
    py_buf_init(&body, 256);
    writer w = {&body, target, py_dict_new(16), py_list_new(0, NULL)};
    put_name(&w, module->filename);
    put_code(&w, module, 0);
    py_buf_add(out, PY_PERSIST_MAGIC, 4);
    uint8_t features[4] = {PY_PERSIST_VERSION, target->float_bytes, target->small_int_bits, 0};
    py_buf_add(out, (const char *)features, 4);
    uint32_t sig = py_persist_isa_signature();
    for (int i = 0; i < 4; i++) {
        py_buf_add_byte(out, (char)(sig >> (8 * i)));
    }
    writer head = {out, target, PY_NULL, PY_NULL};
    size_t n;
    py_val *names;
    py_get_array(w.names, &n, &names);
    put_varint(&head, n);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = py_qstr_data(py_qstr_of(names[i]), &len);
        put_bytes(&head, s, len);
    }
    py_buf_add(out, body.data, body.len);
}

/* ---------------------------------------------------------------- reading */

typedef struct reader {
    const uint8_t *p, *end;
    const char *what;
    const py_qstr *names; /* the file's name table, interned */
    size_t n_names;
    unsigned float_bytes;
} reader;

_Noreturn static void truncated(reader *r) {
    py_raise_value_error("%s: truncated bytecode file", r->what);
}

_Noreturn static void corrupt(reader *r, const char *why) {
    py_raise_value_error("%s: corrupt bytecode file (%s)", r->what, why);
}

static size_t left(const reader *r) { return (size_t)(r->end - r->p); }

static uint8_t get_byte(reader *r) {
    if (r->p >= r->end) {
        truncated(r);
    }
    return *r->p++;
}

static uint64_t get_varint(reader *r) {
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        uint8_t b = get_byte(r);
        if (shift == 63 && b > 1) {
            corrupt(r, "a number too big");
        }
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            return v;
        }
    }
}

static uint64_t get_bounded(reader *r, uint64_t max, const char *what) {
    uint64_t v = get_varint(r);
    if (v > max) {
        corrupt(r, what);
    }
    return v;
}

/* A count of items that take at least one byte each: no more than are left. */
static size_t get_count(reader *r) {
    uint64_t n = get_varint(r);
    if (n > left(r)) {
        truncated(r);
    }
    return (size_t)n;
}

static const uint8_t *get_span(reader *r, size_t n) {
    if (n > left(r)) {
        truncated(r);
    }
    const uint8_t *s = r->p;
    r->p += n;
    return s;
}

static py_qstr get_name(reader *r) {
    uint64_t i = get_varint(r);
    if (i >= r->n_names) {
        corrupt(r, "name index out of range");
    }
    return r->names[i];
}

static const char *get_text(reader *r, size_t *len) {
    *len = get_count(r);
    const char *s = (const char *)get_span(r, *len);
    size_t bad;
    if (py_utf8_valid_prefix(s, *len, &bad) != *len) {
        corrupt(r, "text that is not UTF-8");
    }
    return s;
}

static py_float_t get_float(reader *r) {
    const uint8_t *b = get_span(r, r->float_bytes);
    uint64_t bits = 0;
    for (unsigned i = 0; i < r->float_bytes; i++) {
        bits |= (uint64_t)b[i] << (8 * i);
    }
#if PY_FLOAT_SINGLE
    uint32_t word = (uint32_t)bits;
    float f;
    memcpy(&f, &word, 4);
#else
    double f;
    memcpy(&f, &bits, 8);
#endif
    return f;
}

static py_val get_big_int(reader *r) {
    size_t len = get_count(r);
    const char *s = (const char *)get_span(r, len);
    size_t first = len > 0 && s[0] == '-';
    if (first == len) {
        corrupt(r, "an empty int");
    }
    for (size_t i = first; i < len; i++) {
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) {
            corrupt(r, "a bad digit in an int");
        }
    }
    return py_int_from_str(s, len, 16);
}

static py_code *get_code(reader *r, unsigned nesting);

static py_val get_const(reader *r, bool in_tuple, unsigned nesting) {
    py_stack_check();
    if (nesting > MAX_NESTING) {
        corrupt(r, "constants nested too deeply");
    }
    uint8_t tag = get_byte(r);
    size_t len;
    switch (tag) {
    case 'N':
        return PY_NONE;
    case 'T':
        return PY_TRUE;
    case 'F':
        return PY_FALSE;
    case 'E':
        return PY_ELLIPSIS;
    case 'i': {
        uint64_t z = get_varint(r);
        int64_t n = (z & 1) ? -(int64_t)(z >> 1) - 1 : (int64_t)(z >> 1);
        return py_int_from_i64(n);
    }
    case 'I':
        return get_big_int(r);
    case 'f':
        return py_float_new(get_float(r));
    case 'c': {
        py_float_t re = get_float(r);
        return py_complex_new(re, get_float(r));
    }
    case 'q':
        return PY_QSTR(get_name(r));
    case 's': {
        const char *s = get_text(r, &len);
        return py_str_new(s, len);
    }
    case 'b':
        len = get_count(r);
        return py_bytes_new(get_span(r, len), len);
    case 't': {
        size_t n = get_count(r);
        py_val tuple = py_tuple_new(n, NULL);
        py_val *items = ((py_tuple *)py_ptr(tuple))->items;
        for (size_t i = 0; i < n; i++) {
            items[i] = get_const(r, true, nesting + 1);
        }
        return tuple;
    }
    case 'C':
        if (!in_tuple) {
            return PY_OBJ(get_code(r, nesting + 1));
        }
        corrupt(r, "code inside a tuple");
    default:
        corrupt(r, "an unknown kind of constant");
    }
}

/* Offsets of a loaded code object's tables in its leaf block. */
typedef struct code_tables {
    size_t names, slot_names, cell2arg, bytecode, line_table, total;
} code_tables;

static size_t align_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

static void plan_tables(code_tables *t, size_t n_names, size_t n_slots, size_t n_cells,
                        size_t bc_len, size_t lt_len) {
    t->names = 0;
    t->slot_names = t->names + n_names * sizeof(py_qstr);
    t->cell2arg = t->slot_names + n_slots * sizeof(py_qstr);
    t->bytecode = align_up(t->cell2arg + n_cells * sizeof(uint16_t), sizeof(py_qstr));
    t->line_table = t->bytecode + bc_len;
    t->total = t->line_table + lt_len;
}

static py_code *get_code(reader *r, unsigned nesting) {
    py_stack_check();
    if (nesting > MAX_NESTING) {
        corrupt(r, "functions nested too deeply");
    }
    uint16_t f[9];
    for (size_t i = 0; i < 9; i++) {
        f[i] = (uint16_t)get_bounded(r, 0xffff, "a count out of range");
    }
    py_qstr name = get_name(r);
    uint32_t first_line = (uint32_t)get_bounded(r, UINT32_MAX, "a line number out of range");
    size_t bc_len = get_count(r);
    if (bc_len > UINT32_MAX) {
        corrupt(r, "code too long");
    }
    const uint8_t *bc = get_span(r, bc_len);
    size_t lt_len = get_count(r);
    if (lt_len > UINT32_MAX) {
        corrupt(r, "line table too long");
    }
    const uint8_t *lt = get_span(r, lt_len);
    size_t n_names = get_count(r);
    if (n_names > 0xffff) {
        corrupt(r, "too many names");
    }
    size_t n_slots = (size_t)f[4] + f[5] + f[6];
    if (n_slots > left(r)) {
        truncated(r);
    }
    code_tables t;
    plan_tables(&t, n_names, n_slots, f[5], bc_len, lt_len);
    uint8_t *tables = py_gc_alloc_flags(t.total + 1, PY_GC_LEAF);
    py_qstr *names = (py_qstr *)(void *)(tables + t.names);
    py_qstr *slot_names = (py_qstr *)(void *)(tables + t.slot_names);
    uint16_t *cell2arg = (uint16_t *)(void *)(tables + t.cell2arg);
    for (size_t i = 0; i < n_names; i++) {
        names[i] = get_name(r);
    }
    for (size_t i = 0; i < n_slots; i++) {
        slot_names[i] = get_name(r);
    }
    for (size_t i = 0; i < f[5]; i++) {
        cell2arg[i] = (uint16_t)get_bounded(r, 0xffff, "a cell out of range");
    }
    memcpy(tables + t.bytecode, bc, bc_len);
    if (lt_len > 0) {
        memcpy(tables + t.line_table, lt, lt_len);
    }
    size_t n_consts = get_count(r);
    if (n_consts > 0xffff) {
        corrupt(r, "too many constants");
    }
    py_code *code = py_gc_alloc(sizeof(py_code) + n_consts * sizeof(py_val));
    code->head.type = &py_type_code;
    code->flags = f[0];
    code->n_pos = f[1];
    code->n_posonly = f[2];
    code->n_kwonly = f[3];
    code->n_locals = f[4];
    code->n_cells = f[5];
    code->n_free = f[6];
    code->stack_size = f[7];
    code->block_depth = f[8];
    code->n_consts = (uint16_t)n_consts;
    code->n_names = (uint16_t)n_names;
    code->name = name;
    code->first_line = first_line;
    code->bytecode_len = (uint32_t)bc_len;
    code->line_table_len = (uint32_t)lt_len;
    code->bytecode = tables + t.bytecode;
    code->line_table = lt_len > 0 ? tables + t.line_table : NULL;
    code->names = n_names > 0 ? names : NULL;
    code->slot_names = n_slots > 0 ? slot_names : NULL;
    code->cell2arg = f[5] > 0 ? cell2arg : NULL;
    py_val *consts = (py_val *)(code + 1);
    code->consts = n_consts > 0 ? consts : NULL;
    for (size_t i = 0; i < n_consts; i++) {
        consts[i] = get_const(r, false, nesting);
    }
    return code;
}

/* Sets every loaded code object's file name: one per file. */
static void set_filename(py_code *code, py_qstr filename) {
    py_stack_check();
    code->filename = filename;
    for (size_t i = 0; i < code->n_consts; i++) {
        py_val c = code->consts[i];
        if (py_is_obj(c) && py_type_of(c) == &py_type_code) {
            set_filename(py_ptr(c), filename);
        }
    }
}

static void check_header(reader *r) {
    if (left(r) < 4 || !py_persist_is_bytecode(r->p, left(r))) {
        py_raise_value_error("%s: not a campy bytecode file", r->what);
    }
    if (left(r) < PY_PERSIST_HEADER_BYTES) {
        truncated(r);
    }
    const uint8_t *h = r->p;
    r->p += PY_PERSIST_HEADER_BYTES;
    if (h[4] != PY_PERSIST_VERSION) {
        py_raise_value_error("%s: bytecode file of format version %u; this campy reads "
                             "version %u: compile it again with this build's campy-cross",
                             r->what, (unsigned)h[4], (unsigned)PY_PERSIST_VERSION);
    }
    py_persist_target here;
    py_persist_this_build(&here);
    if (h[5] != here.float_bytes || h[6] != here.small_int_bits) {
        py_raise_value_error("%s: bytecode file made for %u-bit floats and %u-bit small ints; "
                             "this build has %u-bit floats and %u-bit small ints: compile it "
                             "with campy-cross -t %s",
                             r->what, 8u * h[5], (unsigned)h[6], 8u * here.float_bytes,
                             (unsigned)here.small_int_bits, here.float_bytes == 4 ? "board" : "pc");
    }
    if (h[7] != 0) {
        corrupt(r, "unknown feature flags");
    }
    uint32_t sig =
        (uint32_t)h[8] | (uint32_t)h[9] << 8 | (uint32_t)h[10] << 16 | (uint32_t)h[11] << 24;
    if (sig != py_persist_isa_signature()) {
        py_raise_value_error("%s: bytecode file made for another instruction set (a "
                             "campy-cross of another version): compile it again",
                             r->what);
    }
    r->float_bytes = here.float_bytes;
}

py_code *py_persist_load(const uint8_t *data, size_t len, const char *what) {
    reader r = {data, data + len, what, NULL, 0, 0};
    check_header(&r);
    size_t n_names = get_count(&r);
    py_qstr *names = py_gc_alloc_flags(n_names * sizeof(py_qstr) + 1, PY_GC_LEAF);
    for (size_t i = 0; i < n_names; i++) {
        size_t n;
        const char *s = get_text(&r, &n);
        names[i] = py_qstr_from(s, n);
    }
    r.names = names;
    r.n_names = n_names;
    py_qstr filename = get_name(&r);
    py_code *code = get_code(&r, 0);
    if (r.p != r.end) {
        corrupt(&r, "data after the module's code");
    }
    py_gc_free(names);
    set_filename(code, filename);
    py_code_verify(code, true, what);
    return code;
}
