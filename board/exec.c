/*
 * exec.c - running code on the board: REPL input, boot.py and main.py from
 * the filesystem, and the firmware's frozen boot module.
 *
 * Ctrl-C is armed only while code runs (the REPL reads it as a key), as
 * MicroPython's pyexec does. A SystemExit ends the code; the caller decides
 * what it means (a soft reset at the REPL, the end of the script in
 * main.py). Exceptions are printed to the console; in the raw REPL the
 * output and the exception are each closed by \x04 for the host tool.
 */
#include <string.h>

#include "brd.h"
#include "frozen.h"
#include "lib/vfs.h"

/* A Ctrl-C that came as the code ended is dropped: it must not hit the
 * next line typed. */
static void drop_pending(void) {
    if (!py_pending) {
        return;
    }
    py_nlr nlr;
    py_try(nlr) {
        py_handle_pending();
        py_nlr_pop();
    } else {
        /* the late KeyboardInterrupt, discarded */
    }
}

static int report(py_val exc) {
    if (brd_soft_reset_requested() || py_exc_matches(exc, PY_OBJ(&py_type_SystemExit))) {
        return BRD_EXEC_EXIT;
    }
    py_nlr nlr;
    py_try(nlr) {
        py_print_exception(&py_print_stdout, exc);
        py_nlr_pop();
    } else {
        brd_console_puts("(the exception could not be printed)\r\n");
    }
    return BRD_EXEC_EXCEPTION;
}

/* What to run: source text (freed as soon as it is compiled when it is a
 * brd_text), or frozen code. */
typedef struct runnable {
    const char *src;
    size_t len;
    brd_text *text;
    py_val code;
    py_qstr file;
    int mode;
} runnable;

static int run(const runnable *r, unsigned flags, py_val globals) {
    volatile py_val exc = PY_NULL;
    brd_console_set_interrupt_char(3);
    py_nlr nlr;
    py_try(nlr) {
        py_val code = r->code;
        if (code == PY_NULL) {
            code = py_compile(r->src, r->len, r->file, r->mode);
        }
        if (r->text != NULL) {
            brd_text_free(r->text);
        }
        py_exec_code(code, globals, globals);
        py_nlr_pop();
    } else {
        exc = nlr.exc;
    }
    brd_console_set_interrupt_char(-1);
    drop_pending();
    if (r->text != NULL) {
        brd_text_free(r->text);
    }
    bool raw = (flags & BRD_EXEC_RAW) != 0;
    if (raw) {
        brd_console_write("\x04", 1);
    }
    int result = exc == PY_NULL ? BRD_EXEC_OK : report(exc);
    if (raw) {
        brd_console_write("\x04", 1);
    }
    return result;
}

int brd_exec(const char *src, size_t len, py_qstr file, int mode, unsigned flags) {
    runnable r = {src, len, NULL, PY_NULL, file, mode};
    return run(&r, flags, py_st.main_globals);
}

int brd_exec_text(brd_text *source, py_qstr file, int mode, unsigned flags) {
    runnable r = {source->data == NULL ? "" : source->data, source->len, source, PY_NULL, file,
                  mode};
    return run(&r, flags, py_st.main_globals);
}

int brd_exec_file(const char *path) {
    volatile py_val data = PY_NULL;
    py_nlr nlr;
    py_try(nlr) {
        data = py_vfs_read_file(path);
        py_nlr_pop();
    } else {
        return report(nlr.exc);
    }
    if (data == PY_NULL) {
        return BRD_EXEC_OK; /* no such file: nothing to run */
    }
    size_t len;
    const char *src = py_str_data(data, &len);
    const char *name = path[0] == '/' ? path + 1 : path; /* tracebacks say "main.py" */
    return brd_exec(src, len, py_qstr_from_cstr(name), PY_INPUT_FILE, 0);
}

int brd_exec_frozen(const char *path) {
    const py_frozen_module *m = py_frozen_find_module(path, strlen(path));
    if (m == NULL) {
        return BRD_EXEC_OK;
    }
    volatile py_val globals = PY_NULL;
    py_nlr nlr;
    py_try(nlr) {
        /* a module of its own: its names stay out of __main__ */
        const char *dot = strrchr(path, '.');
        size_t n = dot != NULL ? (size_t)(dot - path) : strlen(path);
        globals = py_module_globals(py_module_new(py_qstr_from(path, n)));
        py_nlr_pop();
    } else {
        return report(nlr.exc);
    }
    runnable r = {NULL, 0, NULL, py_frozen_code(m), Q_NULL, PY_INPUT_FILE};
    return run(&r, 0, globals);
}

/* ---------------------------------------------------------------- heap text */

/* A heap block of `bytes` (not scanned by the collector), or NULL. */
static char *try_alloc(size_t bytes) {
    char *volatile block = NULL;
    py_nlr nlr;
    py_try(nlr) {
        block = py_gc_alloc_flags(bytes, PY_GC_LEAF);
        py_nlr_pop();
    } else {
        /* a full heap: the caller reports it */
    }
    return block;
}

bool brd_text_add(brd_text *t, const char *s, size_t n) {
    if (n > t->cap - t->len) {
        if (n > SIZE_MAX / 4 - t->len) {
            return false;
        }
        size_t need = t->len + n;
        size_t want = t->cap < 256 ? 256 : t->cap * 2;
        if (want < need) {
            want = need;
        }
        char *grown = try_alloc(want);
        if (grown == NULL && want > need) {
            want = need; /* doubling failed: just what is needed */
            grown = try_alloc(want);
        }
        if (grown == NULL) {
            return false;
        }
        if (t->len > 0) {
            memcpy(grown, t->data, t->len);
        }
        if (t->data != NULL) {
            py_gc_free(t->data);
        }
        t->data = grown;
        t->cap = want;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    return true;
}

void brd_text_free(brd_text *t) {
    if (t->data != NULL) {
        py_gc_free(t->data);
    }
    t->data = NULL;
    t->len = t->cap = 0;
}
