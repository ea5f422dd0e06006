/*
 * frozen.c - finding the modules and files frozen into the image, and the
 * module list help('modules') prints.
 *
 * The table comes from the build's generated source (see frozen.h). It is
 * referenced weakly, as the port's entropy source is in lib/modrandom.c, so
 * that programs linked without a manifest (the C unit tests, the fuzzers)
 * simply have no frozen modules.
 */
#include <stdlib.h>
#include <string.h>

#include "frozen.h"

extern const py_frozen_table py_frozen_content __attribute__((weak));

static const py_frozen_table *table(void) {
    static const py_frozen_table none = {0, NULL, 0, NULL};
    return &py_frozen_content != NULL ? &py_frozen_content : &none;
}

static bool path_is(py_qstr q, const char *path, size_t len) {
    size_t n;
    const char *s = py_qstr_data(q, &n);
    return n == len && memcmp(s, path, len) == 0;
}

const py_frozen_module *py_frozen_find_module(const char *path, size_t len) {
    const py_frozen_table *t = table();
    for (size_t i = 0; i < t->n_modules; i++) {
        if (path_is(t->modules[i].path, path, len)) {
            return &t->modules[i];
        }
    }
    return NULL;
}

const py_frozen_file *py_frozen_find_file(const char *path, size_t len) {
    const py_frozen_table *t = table();
    for (size_t i = 0; i < t->n_files; i++) {
        if (path_is(t->files[i].path, path, len)) {
            return &t->files[i];
        }
    }
    return NULL;
}

size_t py_frozen_module_count(void) { return table()->n_modules; }

const py_frozen_module *py_frozen_module_at(size_t i) {
    const py_frozen_table *t = table();
    return i < t->n_modules ? &t->modules[i] : NULL;
}

py_val py_frozen_code(const py_frozen_module *m) {
    /* code objects are never written to: the const is only dropped to make
     * the value */
    return PY_OBJ((uintptr_t)(const void *)m->code);
}

/* ---------------------------------------------------------------- help('modules') */


typedef struct module_name {
    const char *s;
    size_t len;
} module_name;

static int compare_names(const void *a, const void *b) {
    const module_name *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->s, y->s, n);
    return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

void py_help_modules(const py_print *out) {
    size_t n_builtin = py_builtin_module_count(), n_frozen = py_frozen_module_count();
    size_t n = n_builtin + n_frozen;
    module_name *names = py_gc_alloc_flags((n + 1) * sizeof(module_name), PY_GC_LEAF);
    size_t width = 16;
    for (size_t i = 0; i < n; i++) {
        py_qstr q =
            i < n_builtin ? py_builtin_module_name(i) : py_frozen_module_at(i - n_builtin)->path;
        names[i].s = py_qstr_data(q, &names[i].len);
        if (i >= n_builtin && names[i].len > 3) {
            names[i].len -= 3; /* ".py" */
        }
        if (names[i].len + 2 > width) {
            width = names[i].len + 2;
        }
    }
    qsort(names, n, sizeof(module_name), compare_names);
    for (size_t i = 0; i < n; i++) {
        bool last_column = i % 4 == 3 || i + 1 == n;
        py_print_strn(out, names[i].s, names[i].len);
        for (size_t pad = names[i].len; !last_column && pad < width; pad++) {
            py_print_str(out, " ");
        }
        if (last_column) {
            py_print_str(out, "\n");
        }
    }
    py_print_str(out, "Plus any modules on the filesystem\n");
    py_gc_free(names);
}
