/*
 * cross_freeze.c - `campy-cross --freeze`: compiles the modules a manifest
 * lists and writes them as C source, so that a build carries them in its
 * image and runs their bytecode in place (py/frozen.h).
 *
 * A manifest is a text file; paths in it are relative to its own folder,
 * `#` starts a comment:
 *
 *   module SRC.py [PATH.py]   a module; PATH (default: SRC's file name) is
 *                             where it sits under .frozen
 *   package SRC_DIR [PATH]    every .py file under SRC_DIR, under PATH/
 *   file SRC [PATH]           a plain file (py_frozen_find_file)
 *   include MANIFEST          the entries of another manifest
 *
 * Everything the generated source holds is const: code objects, bytecode,
 * line tables, name tables, and the constants as objects laid out like
 * their heap twins. Names are static qstrs: identifiers are written as
 * Q_name, `<name>` as QA_name, any other text gets a PY_QSTR_DEF line; the
 * build's py/gen_defs.py scans the generated file like any other source.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cross.h"
#include "frozen.h"
#include "objstr.h"

#define MAX_INCLUDE_DEPTH 16

typedef struct freezer {
    const py_persist_target *target;
    py_buf qdefs;   /* PY_QSTR_DEF lines */
    py_buf body;    /* the objects */
    py_buf modules; /* rows of the module table */
    py_buf files;   /* rows of the file table */
    py_buf deps;    /* the files read, for make */
    py_val defined; /* dict: texts that have a PY_QSTR_DEF */
    py_val paths;   /* dict: paths under .frozen already taken */
    size_t n_modules, n_files, next_id;
} freezer;

/* ---------------------------------------------------------------- names */

static bool is_ident_text(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_')) {
            return false;
        }
    }
    return true;
}

static bool is_hex_digit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The text as gen_defs.py reads a PY_QSTR_DEF string (Python's
 * unicode_escape): ASCII as it is, other characters as \x, \u or \U
 * escapes of their code points. A \x escape is never followed by a bare hex
 * digit, which C would take as part of it. */
static void add_escaped(py_buf *b, const char *s, size_t len) {
    bool after_hex = false;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        size_t n = 1;
        if (c >= 0x80) {
            cp = py_utf8_get(s + i, &n);
        }
        i += n;
        if (cp == '"' || cp == '\\') {
            py_buf_printf(b, "\\%c", (int)cp);
            after_hex = false;
        } else if (cp >= 0x20 && cp < 0x7f && !(after_hex && is_hex_digit((char)cp))) {
            py_buf_add_byte(b, (char)cp);
            after_hex = false;
        } else if (cp < 0xa0) {
            py_buf_printf(b, "\\x%02x", (unsigned)cp);
            after_hex = true;
        } else if (cp < 0x10000) {
            py_buf_printf(b, "\\u%04x", (unsigned)cp);
            after_hex = false;
        } else {
            py_buf_printf(b, "\\U%08x", (unsigned)cp);
            after_hex = false;
        }
    }
}

/* Appends the C name of the static qstr for q, defining it if its text is
 * not an identifier. */
static void add_qstr(freezer *fz, py_buf *b, py_qstr q) {
    size_t len;
    const char *s = py_qstr_data(q, &len);
    if (is_ident_text(s, len)) {
        py_buf_add_str(b, "Q_");
        py_buf_add(b, s, len);
        return;
    }
    if (len > 2 && s[0] == '<' && s[len - 1] == '>' && is_ident_text(s + 1, len - 2)) {
        py_buf_add_str(b, "QA_");
        py_buf_add(b, s + 1, len - 2);
        return;
    }
    /* the C name spells the text in hex: the same text, the same name */
    size_t start = b->len;
    py_buf_add_str(b, "Q_frozen_");
    for (size_t i = 0; i < len; i++) {
        py_buf_printf(b, "%02x", (unsigned)(unsigned char)s[i]);
    }
    py_val key = PY_QSTR(q);
    if (py_dict_get(fz->defined, key) == PY_NULL) {
        py_dict_store(fz->defined, key, PY_TRUE);
        py_buf_add_str(&fz->qdefs, "PY_QSTR_DEF(");
        py_buf_add(&fz->qdefs, b->data + start, b->len - start);
        py_buf_add_str(&fz->qdefs, ", \"");
        add_escaped(&fz->qdefs, s, len);
        py_buf_add_str(&fz->qdefs, "\")\n");
    }
}

/* ---------------------------------------------------------------- constants */

static size_t new_id(freezer *fz) { return fz->next_id++; }

static void add_bytes_init(py_buf *b, const uint8_t *data, size_t len, bool nul) {
    py_buf_add_str(b, "{");
    for (size_t i = 0; i < len + nul; i++) {
        if (i % 16 == 0) {
            py_buf_add_str(b, "\n    ");
        }
        py_buf_printf(b, "%u,", (unsigned)(i < len ? data[i] : 0));
    }
    py_buf_add_str(b, "\n}");
}

/* A C literal of py_float_t for the target. */
static void add_float(freezer *fz, py_buf *b, py_float_t f) {
    double d = py_persist_target_float(f, fz->target);
    char text[64];
    if (isnan(d)) {
        py_buf_add_str(b, "(py_float_t)NAN");
    } else if (isinf(d)) {
        py_buf_add_str(b, d < 0 ? "-(py_float_t)INFINITY" : "(py_float_t)INFINITY");
    } else {
        snprintf(text, sizeof(text), "%a%s", d, fz->target->float_bytes == 4 ? "f" : "");
        py_buf_add_str(b, text);
    }
}

static void emit_str_obj(freezer *fz, py_buf *expr, py_val v, bool is_bytes) {
    size_t len;
    const char *s = py_str_data(v, &len);
    size_t id = new_id(fz);
    bool ascii = true;
    for (size_t i = 0; i < len; i++) {
        ascii = ascii && (unsigned char)s[i] < 0x80;
    }
    uint32_t info = (uint32_t)(len << 1) | (!is_bytes && ascii ? 1u : 0u);
    py_buf_printf(&fz->body, "static const PY_FROZEN_STR(%lu) k%lu = {{&%s}, %luu, %luu, ",
                  (unsigned long)len, (unsigned long)id, is_bytes ? "py_type_bytes" : "py_type_str",
                  (unsigned long)py_hash_bytes(s, len), (unsigned long)info);
    add_bytes_init(&fz->body, (const uint8_t *)s, len, true);
    py_buf_add_str(&fz->body, "};\n");
    py_buf_printf(expr, "PY_OBJ(&k%lu)", (unsigned long)id);
}

/* An int: a small int of the target, or a big-int object of 32-bit digits. */
static void emit_int(freezer *fz, py_buf *expr, py_val v) {
    size_t len;
    const char *hex = py_str_data(py_format(v, PY_QSTR(Q_x)), &len);
    bool neg = len > 0 && hex[0] == '-';
    const char *digits = hex + neg;
    size_t n_hex = len - neg;
    size_t n_digits = (n_hex + 7) / 8;
    unsigned bits = fz->target->small_int_bits;
    if (n_hex <= 16) {
        unsigned long long magnitude = strtoull(digits, NULL, 16);
        unsigned long long max = (1ULL << (bits - 1)) - 1; /* and -max - 1 */
        if (magnitude <= max + neg) {
            char text[32];
            if (neg) {
                snprintf(text, sizeof(text), "(-%lldLL - 1)", (long long)(magnitude - 1));
            } else {
                snprintf(text, sizeof(text), "%lldLL", (long long)magnitude);
            }
            py_buf_printf(expr, "PY_SMALL(%s)", text);
            return;
        }
    }
    size_t id = new_id(fz);
    py_buf_printf(&fz->body, "static const PY_FROZEN_BIGINT(%lu) k%lu = {{&py_type_int}, %luu, {",
                  (unsigned long)n_digits, (unsigned long)id,
                  (unsigned long)(n_digits << 1 | (neg ? 1u : 0u)));
    for (size_t i = 0; i < n_digits; i++) {
        size_t end = n_hex - 8 * i, start = end >= 8 ? end - 8 : 0;
        char word[9];
        memcpy(word, digits + start, end - start);
        word[end - start] = 0;
        py_buf_printf(&fz->body, "%s0x%su", i ? ", " : "", word);
    }
    py_buf_add_str(&fz->body, "}};\n");
    py_buf_printf(expr, "PY_OBJ(&k%lu)", (unsigned long)id);
}

static void emit_code(freezer *fz, const py_code *code, py_buf *name_out);

static void emit_const(freezer *fz, py_buf *expr, py_val v) {
    py_stack_check();
    if (v == PY_NONE || v == PY_TRUE || v == PY_FALSE || v == PY_ELLIPSIS) {
        py_buf_add_str(expr, v == PY_NONE    ? "PY_NONE"
                             : v == PY_TRUE  ? "PY_TRUE"
                             : v == PY_FALSE ? "PY_FALSE"
                                             : "PY_ELLIPSIS");
        return;
    }
    if (py_is_qstr(v)) {
        py_buf_add_str(expr, "PY_QSTR(");
        add_qstr(fz, expr, py_qstr_of(v));
        py_buf_add_str(expr, ")");
        return;
    }
    const py_type *t = py_type_of(v);
    if (py_is_small(v) || t == &py_type_int) {
        emit_int(fz, expr, v);
    } else if (t == &py_type_str || t == &py_type_bytes) {
        emit_str_obj(fz, expr, v, t == &py_type_bytes);
    } else if (t == &py_type_float || t == &py_type_complex) {
        size_t id = new_id(fz);
        py_float_t re, im = 0;
        if (t == &py_type_float) {
            re = py_get_float(v);
        } else {
            py_get_complex(v, &re, &im);
        }
        py_buf_printf(&fz->body, "static const py_frozen_%s k%lu = {{&py_type_%s}, ",
                      t == &py_type_float ? "float" : "complex", (unsigned long)id,
                      t == &py_type_float ? "float" : "complex");
        add_float(fz, &fz->body, re);
        if (t == &py_type_complex) {
            py_buf_add_str(&fz->body, ", ");
            add_float(fz, &fz->body, im);
        }
        py_buf_add_str(&fz->body, "};\n");
        py_buf_printf(expr, "PY_OBJ(&k%lu)", (unsigned long)id);
    } else if (t == &py_type_tuple) {
        const py_tuple *tu = py_ptr(v);
        py_buf items;
        py_buf_init(&items, 64);
        for (size_t i = 0; i < tu->len; i++) {
            if (i > 0) {
                py_buf_add_str(&items, ", ");
            }
            emit_const(fz, &items, tu->items[i]);
        }
        size_t id = new_id(fz);
        if (tu->len == 0) {
            py_buf_printf(&fz->body,
                          "static const struct { py_head head; size_t len; } k%lu = "
                          "{{&py_type_tuple}, 0};\n",
                          (unsigned long)id);
        } else {
            py_buf_printf(&fz->body,
                          "static const PY_FROZEN_TUPLE(%lu) k%lu = {{&py_type_tuple}, %lu, {",
                          (unsigned long)tu->len, (unsigned long)id, (unsigned long)tu->len);
            py_buf_add(&fz->body, items.data, items.len);
            py_buf_add_str(&fz->body, "}};\n");
        }
        py_buf_printf(expr, "PY_OBJ(&k%lu)", (unsigned long)id);
    } else if (t == &py_type_code) {
        py_buf_add_str(expr, "PY_OBJ(&");
        emit_code(fz, py_ptr(v), expr);
        py_buf_add_str(expr, ")");
    } else {
        py_raise_value_error("can't freeze a constant of type '%s'", py_type_name(v));
    }
}

/* ---------------------------------------------------------------- code objects */

static void emit_qstr_array(freezer *fz, const char *c_name, const py_qstr *q, size_t n) {
    py_buf_printf(&fz->body, "static const py_qstr %s[] = {", c_name);
    for (size_t i = 0; i < n; i++) {
        py_buf_add_str(&fz->body, i % 8 == 0 ? "\n    " : " ");
        add_qstr(fz, &fz->body, q[i]);
        py_buf_add_str(&fz->body, ",");
    }
    py_buf_add_str(&fz->body, "\n};\n");
}

/* Writes the code object and what it holds; appends its C name to name_out. */
static void emit_code(freezer *fz, const py_code *code, py_buf *name_out) {
    py_stack_check();
    size_t id = new_id(fz);
    char c_name[32], part[96];
    snprintf(c_name, sizeof(c_name), "c%lu", (unsigned long)id);
    py_buf consts;
    py_buf_init(&consts, 64);
    for (size_t i = 0; i < code->n_consts; i++) {
        py_buf_add_str(&consts, i % 4 == 0 ? "\n    " : " ");
        emit_const(fz, &consts, code->consts[i]);
        py_buf_add_str(&consts, ",");
    }
    snprintf(part, sizeof(part), "static const uint8_t %s_bc[] = ", c_name);
    py_buf_add_str(&fz->body, part);
    add_bytes_init(&fz->body, code->bytecode, code->bytecode_len, false);
    py_buf_add_str(&fz->body, ";\n");
    if (code->line_table_len > 0) {
        snprintf(part, sizeof(part), "static const uint8_t %s_lines[] = ", c_name);
        py_buf_add_str(&fz->body, part);
        add_bytes_init(&fz->body, code->line_table, code->line_table_len, false);
        py_buf_add_str(&fz->body, ";\n");
    }
    size_t n_slots = (size_t)code->n_locals + code->n_cells + code->n_free;
    if (code->n_names > 0) {
        snprintf(part, sizeof(part), "%s_names", c_name);
        emit_qstr_array(fz, part, code->names, code->n_names);
    }
    if (n_slots > 0) {
        snprintf(part, sizeof(part), "%s_slots", c_name);
        emit_qstr_array(fz, part, code->slot_names, n_slots);
    }
    if (code->n_cells > 0) {
        py_buf_printf(&fz->body, "static const uint16_t %s_cells[] = {", c_name);
        for (size_t i = 0; i < code->n_cells; i++) {
            py_buf_printf(&fz->body, "%u,", (unsigned)code->cell2arg[i]);
        }
        py_buf_add_str(&fz->body, "};\n");
    }
    if (code->n_consts > 0) {
        py_buf_printf(&fz->body, "static const py_val %s_consts[] = {", c_name);
        py_buf_add(&fz->body, consts.data, consts.len);
        py_buf_add_str(&fz->body, "\n};\n");
    }
    py_buf *b = &fz->body;
    py_buf_printf(b, "static const py_code %s = {\n    .head = {&py_type_code},\n", c_name);
    py_buf_printf(b, "    .flags = %u, .n_pos = %u, .n_posonly = %u, .n_kwonly = %u,\n",
                  (unsigned)code->flags, (unsigned)code->n_pos, (unsigned)code->n_posonly,
                  (unsigned)code->n_kwonly);
    py_buf_printf(b, "    .n_locals = %u, .n_cells = %u, .n_free = %u,\n", (unsigned)code->n_locals,
                  (unsigned)code->n_cells, (unsigned)code->n_free);
    py_buf_printf(b, "    .stack_size = %u, .block_depth = %u, .n_consts = %u, .n_names = %u,\n",
                  (unsigned)code->stack_size, (unsigned)code->block_depth, (unsigned)code->n_consts,
                  (unsigned)code->n_names);
    py_buf_add_str(b, "    .name = ");
    add_qstr(fz, b, code->name);
    py_buf_add_str(b, ", .filename = ");
    add_qstr(fz, b, code->filename);
    py_buf_printf(b, ",\n    .first_line = %luu, .bytecode_len = %luu, .line_table_len = %luu,\n",
                  (unsigned long)code->first_line, (unsigned long)code->bytecode_len,
                  (unsigned long)code->line_table_len);
    py_buf_printf(b, "    .bytecode = %s_bc,\n", c_name);
    py_buf_printf(b, "    .line_table = %s%s,\n", code->line_table_len ? c_name : "NULL",
                  code->line_table_len ? "_lines" : "");
    py_buf_printf(b, "    .consts = %s%s,\n", code->n_consts ? c_name : "NULL",
                  code->n_consts ? "_consts" : "");
    py_buf_printf(b, "    .names = %s%s,\n", code->n_names ? c_name : "NULL",
                  code->n_names ? "_names" : "");
    py_buf_printf(b, "    .slot_names = %s%s,\n", n_slots ? c_name : "NULL",
                  n_slots ? "_slots" : "");
    py_buf_printf(b, "    .cell2arg = %s%s,\n};\n", code->n_cells ? c_name : "NULL",
                  code->n_cells ? "_cells" : "");
    py_buf_add_str(name_out, c_name);
}

/* ---------------------------------------------------------------- manifest entries */

static void add_dep(freezer *fz, const char *path) {
    py_buf_add_str(&fz->deps, " ");
    py_buf_add_str(&fz->deps, path);
}

/* Claims a path under .frozen; ValueError if something has it already. */
static py_qstr claim_path(freezer *fz, const char *path, const char *where) {
    py_qstr q = py_qstr_from_cstr(path);
    if (py_dict_get(fz->paths, PY_QSTR(q)) != PY_NULL) {
        py_raise_value_error("%s: '%s' is frozen twice", where, path);
    }
    py_dict_store(fz->paths, PY_QSTR(q), PY_TRUE);
    return q;
}

static void freeze_module(freezer *fz, const char *src, const char *path, const char *where) {
    size_t n = strlen(path);
    if (n < 4 || strcmp(path + n - 3, ".py") != 0 || path[0] == '/') {
        py_raise_value_error("%s: a module's path must be relative and end in .py: '%s'", where,
                             path);
    }
    py_qstr q = claim_path(fz, path, where);
    add_dep(fz, src);
    py_code *code = host_compile_file(src, path);
    py_buf_printf(&fz->body, "/* %s */\n", path);
    py_buf_add_str(&fz->modules, "    {");
    add_qstr(fz, &fz->modules, q);
    py_buf_add_str(&fz->modules, ", &");
    emit_code(fz, code, &fz->modules);
    py_buf_add_str(&fz->modules, "},\n");
    fz->n_modules++;
}

static void freeze_file(freezer *fz, const char *src, const char *path, const char *where) {
    py_qstr q = claim_path(fz, path, where);
    add_dep(fz, src);
    py_buf data;
    py_buf_init(&data, 1024);
    if (!host_read_file(src, &data)) {
        py_raise_msg(&py_type_OSError, "%s: can't read '%s': %s", where, src, strerror(errno));
    }
    size_t id = new_id(fz);
    py_buf_printf(&fz->body, "static const char f%lu[] = ", (unsigned long)id);
    add_bytes_init(&fz->body, (const uint8_t *)data.data, data.len, true);
    py_buf_add_str(&fz->body, ";\n");
    py_buf_add_str(&fz->files, "    {");
    add_qstr(fz, &fz->files, q);
    py_buf_printf(&fz->files, ", f%lu, %lu},\n", (unsigned long)id, (unsigned long)data.len);
    fz->n_files++;
}

static int compare_cstr(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .py file under dir (sorted, folders walked in order) as a module. */
static void freeze_package(freezer *fz, const char *dir, const char *path, const char *where,
                           unsigned depth) {
    if (depth > MAX_INCLUDE_DEPTH) {
        py_raise_value_error("%s: folders nested too deeply under '%s'", where, dir);
    }
    DIR *d = opendir(dir);
    if (d == NULL) {
        py_raise_msg(&py_type_OSError, "%s: can't read folder '%s': %s", where, dir,
                     strerror(errno));
    }
    add_dep(fz, dir); /* a file added to the folder changes its time */
    py_val names = py_list_new(0, NULL);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] != '.' && strcmp(e->d_name, "__pycache__") != 0) {
            py_list_append(names, py_str_from_cstr(e->d_name));
        }
    }
    closedir(d);
    size_t n;
    py_val *items;
    py_get_array(names, &n, &items);
    const char **sorted = py_gc_alloc((n + 1) * sizeof(char *));
    for (size_t i = 0; i < n; i++) {
        sorted[i] = py_str_data(items[i], &(size_t){0});
    }
    qsort(sorted, n, sizeof(char *), compare_cstr);
    for (size_t i = 0; i < n; i++) {
        py_buf src, sub;
        py_buf_init(&src, 64);
        py_buf_init(&sub, 64);
        py_buf_printf(&src, "%s/%s", dir, sorted[i]);
        py_buf_printf(&sub, "%s/%s", path, sorted[i]);
        py_buf_add_byte(&src, 0);
        py_buf_add_byte(&sub, 0);
        struct stat st;
        if (stat(src.data, &st) != 0) {
            continue;
        }
        size_t len = strlen(sorted[i]);
        if (S_ISDIR(st.st_mode)) {
            freeze_package(fz, src.data, sub.data, where, depth + 1);
        } else if (len > 3 && strcmp(sorted[i] + len - 3, ".py") == 0) {
            freeze_module(fz, src.data, sub.data, where);
        }
    }
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

/* The manifest's folder joined with a path written in it. */
static const char *manifest_path(const char *manifest, const char *rel) {
    if (rel[0] == '/') {
        return rel;
    }
    const char *slash = strrchr(manifest, '/');
    py_buf b;
    py_buf_init(&b, 64);
    if (slash != NULL) {
        py_buf_add(&b, manifest, (size_t)(slash - manifest) + 1);
    }
    py_buf_add_str(&b, rel);
    py_buf_add_byte(&b, 0);
    return b.data;
}

static void read_manifest(freezer *fz, const char *manifest, unsigned depth);

static void run_manifest_line(freezer *fz, const char *manifest, char *line, const char *where,
                              unsigned depth) {
    char *words[4];
    size_t n = 0;
    for (char *tok = strtok(line, " \t\r"); tok != NULL; tok = strtok(NULL, " \t\r")) {
        if (n == 4) {
            py_raise_value_error("%s: too many words", where);
        }
        words[n++] = tok;
    }
    if (n == 0) {
        return;
    }
    const char *cmd = words[0];
    bool known = strcmp(cmd, "module") == 0 || strcmp(cmd, "package") == 0 ||
                 strcmp(cmd, "file") == 0 || strcmp(cmd, "include") == 0;
    if (!known) {
        py_raise_value_error("%s: unknown entry '%s' (module, package, file or include)", where,
                             cmd);
    }
    if (n < 2 || n > (strcmp(cmd, "include") == 0 ? 2u : 3u)) {
        py_raise_value_error("%s: '%s' takes a source path%s", where, cmd,
                             strcmp(cmd, "include") == 0 ? "" : " and an optional frozen path");
    }
    const char *src = manifest_path(manifest, words[1]);
    const char *path = n == 3 ? words[2] : base_name(words[1]);
    if (strcmp(cmd, "module") == 0) {
        freeze_module(fz, src, path, where);
    } else if (strcmp(cmd, "package") == 0) {
        freeze_package(fz, src, path, where, 0);
    } else if (strcmp(cmd, "file") == 0) {
        freeze_file(fz, src, path, where);
    } else {
        read_manifest(fz, src, depth + 1);
    }
}

static void read_manifest(freezer *fz, const char *manifest, unsigned depth) {
    if (depth > MAX_INCLUDE_DEPTH) {
        py_raise_value_error("%s: manifests include each other too deeply", manifest);
    }
    py_buf text;
    py_buf_init(&text, 1024);
    if (!host_read_file(manifest, &text)) {
        py_raise_msg(&py_type_OSError, "can't read manifest '%s': %s", manifest, strerror(errno));
    }
    add_dep(fz, manifest);
    py_buf_add_byte(&text, 0);
    char *p = text.data;
    for (size_t line_no = 1; p != NULL; line_no++) {
        char *end = strchr(p, '\n');
        if (end != NULL) {
            *end = 0;
        }
        char *hash = strchr(p, '#');
        if (hash != NULL) {
            *hash = 0;
        }
        char where[512];
        snprintf(where, sizeof(where), "%s:%lu", manifest, (unsigned long)line_no);
        run_manifest_line(fz, manifest, p, where, depth);
        p = end != NULL ? end + 1 : NULL;
    }
}

/* ---------------------------------------------------------------- the output */

static void write_output(freezer *fz, py_buf *out, const char *manifest) {
    bool single = fz->target->float_bytes == 4;
    py_buf_printf(out,
                  "/*\n * The modules and files frozen by %s, as const data the VM runs in\n"
                  " * place. Made by campy-cross --freeze: do not edit.\n */\n",
                  manifest);
    py_buf_add_str(out, "#include <math.h>\n\n#include \"frozen.h\"\n\n");
    py_buf_printf(out,
                  "_Static_assert(sizeof(py_float_t) == %u && PY_SMALL_BITS == %u,\n"
                  "               \"frozen for the %s target: campy-cross -t %s\");\n\n",
                  (unsigned)fz->target->float_bytes, (unsigned)fz->target->small_int_bits,
                  single ? "board" : "pc", single ? "board" : "pc");
    py_buf_add(out, fz->qdefs.data, fz->qdefs.len);
    py_buf_add_str(out, "\n");
    py_buf_add(out, fz->body.data, fz->body.len);
    if (fz->n_modules > 0) {
        py_buf_add_str(out, "\nstatic const py_frozen_module frozen_modules[] = {\n");
        py_buf_add(out, fz->modules.data, fz->modules.len);
        py_buf_add_str(out, "};\n");
    }
    if (fz->n_files > 0) {
        py_buf_add_str(out, "\nstatic const py_frozen_file frozen_files[] = {\n");
        py_buf_add(out, fz->files.data, fz->files.len);
        py_buf_add_str(out, "};\n");
    }
    py_buf_printf(out, "\nconst py_frozen_table py_frozen_content = {%lu, %s, %lu, %s};\n",
                  (unsigned long)fz->n_modules, fz->n_modules ? "frozen_modules" : "NULL",
                  (unsigned long)fz->n_files, fz->n_files ? "frozen_files" : "NULL");
}

/* `out: deps`, and each dep as a target of its own so that a removed file
 * does not stop make. */
static void write_deps(freezer *fz, py_buf *out, const char *out_path) {
    py_buf_add_byte(&fz->deps, 0);
    py_buf_printf(out, "%s:%s\n", out_path, fz->deps.data);
    char *p = fz->deps.data;
    for (char *tok = strtok(p, " "); tok != NULL; tok = strtok(NULL, " ")) {
        py_buf_printf(out, "%s:\n", tok);
    }
}

bool host_freeze(const char *manifest, const char *out_path, const char *dep_path,
                 const py_persist_target *target) {
    freezer fz;
    memset(&fz, 0, sizeof(fz));
    fz.target = target;
    py_buf_init(&fz.qdefs, 256);
    py_buf_init(&fz.body, 4096);
    py_buf_init(&fz.modules, 256);
    py_buf_init(&fz.files, 256);
    py_buf_init(&fz.deps, 256);
    fz.defined = py_dict_new(16);
    fz.paths = py_dict_new(16);
    read_manifest(&fz, manifest, 0);
    py_buf out;
    py_buf_init(&out, fz.body.len + 4096);
    write_output(&fz, &out, manifest);
    if (!host_write_file(out_path, out.data, out.len)) {
        fprintf(stderr, "campy-cross: can't write '%s': %s\n", out_path, strerror(errno));
        return false;
    }
    if (dep_path != NULL) {
        py_buf deps;
        py_buf_init(&deps, 256);
        write_deps(&fz, &deps, out_path);
        if (!host_write_file(dep_path, deps.data, deps.len)) {
            fprintf(stderr, "campy-cross: can't write '%s': %s\n", dep_path, strerror(errno));
            return false;
        }
    }
    return true;
}
