/*
 * test_frozen.c - the C side of frozen modules (py/frozen.h), as a port's
 * boot code uses it: finding a module or a plain file by path, running a
 * module's code, and the code and data staying out of the heap.
 *
 * Linked with the PC runner's frozen table (frozen/pc.txt) and the core.
 * Prints `PASS name` / `FAIL name` lines (tests/persist/run_persist.py
 * collects them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frozen.h"

static int failures;

static void check(bool ok, const char *name) {
    printf("%s persist.frozen-api.%s\n", ok ? "PASS" : "FAIL", name);
    failures += !ok;
}

static bool read_all(const char *path, char *buf, size_t cap, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return false;
    }
    *len = fread(buf, 1, cap, f);
    fclose(f);
    return true;
}

static void run_checks(const char *text_path) {
    check(py_frozen_module_count() >= 4, "module-count");
    const py_frozen_module *m = py_frozen_find_module("frozentest.py", 13);
    check(m != NULL && py_frozen_find_module("frozentest", 10) == NULL &&
              py_frozen_find_module("", 0) == NULL &&
              py_frozen_find_module("frozenpkg/sub.py", 16) != NULL,
          "find-module");
    check(py_frozen_module_at(py_frozen_module_count()) == NULL && py_frozen_module_at(0) != NULL,
          "module-at");
    /* code, bytecode and constants are in the image, not on the heap */
    check(m != NULL && !py_gc_is_heap_ptr(m->code) && !py_gc_is_heap_ptr(m->code->bytecode) &&
              !py_gc_is_heap_ptr(m->code->consts),
          "code-in-image");

    const py_frozen_file *f = py_frozen_find_file("frozen_text.txt", 15);
    static char disk[4096];
    size_t disk_len = 0;
    bool read_ok = read_all(text_path, disk, sizeof(disk), &disk_len);
    check(f != NULL && read_ok && f->len == disk_len && memcmp(f->data, disk, disk_len) == 0 &&
              f->data[f->len] == 0,
          "find-file");
    check(py_frozen_find_file("frozentest.py", 13) == NULL &&
              py_frozen_find_file("frozen_text.txt", 14) == NULL,
          "file-not-module");

    /* what a boot sequence does: run the module in a namespace of its own */
    py_val globals = py_dict_new(4);
    py_dict_store(globals, PY_QSTR(Q___name__), PY_QSTR(py_qstr_from_cstr("frozentest")));
    py_gc_info before, after;
    py_gc_collect();
    py_gc_info_get(&before);
    py_exec_code(py_frozen_code(m), globals, globals);
    py_val value = py_dict_get(globals, PY_QSTR(py_qstr_from_cstr("VALUE")));
    check(value == PY_SMALL(42), "exec-code");
    py_gc_collect();
    py_gc_info_get(&after);
    printf("    heap kept by running frozentest: %lu bytes\n",
           (unsigned long)(after.used - before.used));
}

static void write_out(const char *s, size_t n) { fwrite(s, 1, n, stdout); }

int main(int argc, char **argv) {
    volatile int stack_marker = 0;
    const char *text_path = argc > 1 ? argv[1] : "tests/py/persist/frozen/frozen_text.txt";
    static char heap[1 << 20] __attribute__((aligned(16)));
    py_port_hooks.write_stdout = write_out;
    py_port_hooks.write_stderr = write_out;
    py_stack_set_top((void *)&stack_marker);
    py_stack_set_limit(256 * 1024);
    py_gc_init();
    py_gc_add_region(heap, sizeof(heap));
    py_nlr nlr;
    py_try(nlr) {
        py_init();
        run_checks(text_path);
        py_nlr_pop();
    } else {
        py_print_exception(&py_print_stderr, nlr.exc);
        check(false, "no-exception");
    }
    return failures != 0;
}
