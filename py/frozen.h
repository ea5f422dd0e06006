/*
 * frozen.h - modules and files compiled into the image.
 *
 * A build may freeze Python modules and plain files listed in a manifest
 * (the .txt files in frozen/): build/campy-cross --freeze compiles the
 * modules and writes C source holding their code objects, bytecode, line tables, constants and
 * names as const data, plus the table below. On the board that data stays
 * in flash; importing a frozen module makes its module object and the
 * functions it defines, but no code objects: the VM runs the bytecode where
 * it lies.
 *
 * Frozen modules live under the pseudo-folder ".frozen": a sys.path entry
 * ".frozen" (MicroPython puts it second, after the script's folder) is where
 * import looks in this table, so its place in sys.path says whether frozen
 * modules win over files of the same name. A frozen package's __path__ is
 * [".frozen/<package>"].
 *
 * For ports (the board's boot sequence):
 *
 *     const py_frozen_module *m = py_frozen_find_module("boot.py", 7);
 *     if (m != NULL) {
 *         py_exec_code(py_frozen_code(m), globals, globals);
 *     }
 *
 *     const py_frozen_file *f = py_frozen_find_file("default_main.py", 15);
 *     if (f != NULL) { ... f->data, f->len ... }
 *
 * Paths are relative to .frozen, with '/' between folders: "asyncio/core.py".
 */
#ifndef PY_FROZEN_H
#define PY_FROZEN_H

#include "bytecode.h"
#include "campy.h"

typedef struct py_frozen_module {
    py_qstr path; /* "name.py" or "package/__init__.py" */
    const py_code *code;
} py_frozen_module;

typedef struct py_frozen_file {
    py_qstr path;
    const char *data; /* followed by a NUL that len does not count */
    size_t len;
} py_frozen_file;

typedef struct py_frozen_table {
    size_t n_modules;
    const py_frozen_module *modules;
    size_t n_files;
    const py_frozen_file *files;
} py_frozen_table;

/* The table of the build, defined by the generated source of the build's
 * manifest. A program linked without one (a unit test) has no frozen
 * modules. */
extern const py_frozen_table py_frozen_content;

/* The frozen module at path, or NULL. */
const py_frozen_module *py_frozen_find_module(const char *path, size_t len);
/* The frozen file at path, or NULL. */
const py_frozen_file *py_frozen_find_file(const char *path, size_t len);
/* All frozen modules, in the manifest's order. */
size_t py_frozen_module_count(void);
const py_frozen_module *py_frozen_module_at(size_t i);
/* The module's code as a value for py_exec_code. */
py_val py_frozen_code(const py_frozen_module *m);

/* What help('modules') prints: the built-in and the frozen modules, sorted
 * (a frozen module by its path without ".py", as MicroPython shows them). */
void py_help_modules(const py_print *out);

/* ---- what the generated source uses: constant objects laid out as the
 * heap objects of the same types (objstr.c, objfloat.c, objcomplex.c,
 * objint.c, objtuple.c), sized for each constant. The frozen-module tests
 * load one of each kind, so a change of layout shows there. */
#define PY_FROZEN_STR(n)                                                                           \
    struct {                                                                                       \
        py_head head;                                                                              \
        uint32_t hash, info;                                                                       \
        char data[(n) + 1];                                                                        \
    }
#define PY_FROZEN_TUPLE(n)                                                                         \
    struct {                                                                                       \
        py_head head;                                                                              \
        size_t len;                                                                                \
        py_val items[n];                                                                           \
    }
#define PY_FROZEN_BIGINT(n)                                                                        \
    struct {                                                                                       \
        py_head head;                                                                              \
        size_t size; /* digits << 1 | negative */                                                  \
        uint32_t digits[n];                                                                        \
    }
typedef struct py_frozen_float {
    py_head head;
    py_float_t value;
} py_frozen_float;
typedef struct py_frozen_complex {
    py_head head;
    py_float_t real, imag;
} py_frozen_complex;

#endif
