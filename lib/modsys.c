/*
 * modsys.c - the sys module.
 *
 * sys is a fixed table in the image. argv, path and modules are objects
 * made at start: their entries are state refs to py_st. stdin, stdout and
 * stderr are io streams (lib/modio.c).
 */
#include <string.h>

#include "campy.h"
#include "vfs.h"
#include "vm.h"

/* ---- functions */

/* exit(None) is exit(), as on CPython: SystemExit without arguments. */
static py_val sys_exit(size_t n_args, const py_val *args) {
    if (n_args == 1 && args[0] == PY_NONE) {
        n_args = 0;
    }
    py_raise(py_exc_new(&py_type_SystemExit, n_args, args));
}
PY_DEFINE_FUN_VAR(sys_exit_obj, 0, 1, sys_exit);

/* print_exception(exc, file=sys.stdout): a stream made in C (files,
 * StringIO, BytesIO, sys.stdout.buffer ...) gets the text's bytes through
 * its stream protocol, text or binary alike, as on MicroPython; any other
 * object gets str pieces through its write(). */
typedef struct file_sink {
    py_val dest[2];
} file_sink;

static void sink_write(void *ctx, const char *s, size_t n) {
    file_sink *f = ctx;
    py_val str = py_str_new(s, n);
    py_call_method(f->dest, 1, 0, &str);
}

static void stream_sink_write(void *ctx, const char *s, size_t n) {
    py_stream_write(*(py_val *)ctx, s, n);
}

static py_val sys_print_exception(size_t n_args, const py_val *args) {
    if (n_args == 1 || args[1] == PY_SYS_STDIO(1)) {
        py_print_exception(&py_print_stdout, args[0]);
    } else if (args[1] == PY_SYS_STDIO(2)) {
        py_print_exception(&py_print_stderr, args[0]);
    } else if (py_stream_proto_of(args[1]) != NULL && !py_is_type(args[1], &py_type_type)) {
        py_val stream = args[1];
        py_print out = {&stream, stream_sink_write};
        py_print_exception(&out, args[0]);
    } else {
        file_sink sink;
        py_load_method(args[1], Q_write, sink.dest);
        py_print out = {&sink, sink_write};
        py_print_exception(&out, args[0]);
    }
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(sys_print_exception_obj, 1, 2, sys_print_exception);

static py_val sys_exc_info(void) {
    py_val exc = py_vm_handled_exception();
    if (exc == PY_NULL) {
        py_val none3[3] = {PY_NONE, PY_NONE, PY_NONE};
        return py_tuple_new(3, none3);
    }
    py_val items[3] = {PY_OBJ(py_type_of(exc)), exc, PY_NONE};
    return py_tuple_new(3, items);
}
PY_DEFINE_FUN_0(sys_exc_info_obj, sys_exc_info);

/* atexit(func): func runs when the program ends (py_sys_atexit_run);
 * returns the one set before, None at first. */
static py_val sys_atexit(py_val fun) {
    py_val *slot = &py_st.extra[PY_SYS_ROOT_SLOT];
    py_val old = *slot == PY_NULL ? PY_NONE : *slot;
    *slot = fun;
    return old;
}
PY_DEFINE_FUN_1(sys_atexit_obj, sys_atexit);

void py_sys_atexit_run(void) {
    py_val fun = py_st.extra[PY_SYS_ROOT_SLOT];
    py_st.extra[PY_SYS_ROOT_SLOT] = PY_NULL; /* once, even if it raises */
    if (fun == PY_NULL || !py_is_callable(fun)) {
        return;
    }
    py_nlr nlr;
    py_try(nlr) {
        py_call0(fun);
        py_nlr_pop();
    }
    else {
        if (!py_exc_matches(nlr.exc, PY_OBJ(&py_type_SystemExit))) {
            py_print_exception(&py_print_stderr, nlr.exc);
        }
    }
}

/* ---- constant objects */

/* sys.maxsize is the largest ssize_t, as on CPython and MicroPython with
 * big ints: just beyond the small ints, so a static big int. Its layout is
 * objint.c's (a one-word header, the digit count shifted left by one with
 * the sign in bit 0, then 32-bit digits); tests/py/sys checks the value. */
static const struct {
    py_head head;
    size_t size;
    uint32_t digits[2];
} sys_maxsize = {{&py_type_int},
                 (SIZE_MAX > 0xffffffffu ? 2 : 1) << 1,
                 {SIZE_MAX > 0xffffffffu ? 0xffffffffu : 0x7fffffffu, 0x7fffffffu}};

static const py_tuple version_info = {{&py_type_tuple}, 3, {PY_SMALL(3), PY_SMALL(4), PY_SMALL(0)}};
static const py_tuple impl_version = {{&py_type_tuple}, 3, {PY_SMALL(0), PY_SMALL(1), PY_SMALL(0)}};

/* sys.implementation: a small object with name, version, _machine. */
typedef struct sys_impl {
    py_head head;
} sys_impl;

static void impl_attr(py_val self, py_qstr name, py_val *dest) {
    (void)self;
    if (dest[0] != PY_NULL) {
        return;
    }
    if (name == Q_name) {
        dest[0] = PY_QSTR(Q_campy);
    } else if (name == Q_version) {
        dest[0] = PY_OBJ(&impl_version);
    } else if (name == Q__machine) {
        dest[0] = py_str_from_cstr(PY_MACHINE_NAME);
    } else if (name == Q__mpy) {
        dest[0] = PY_SMALL(0);
    }
}

static void impl_print(const py_print *out, py_val self, int kind) {
    (void)self;
    (void)kind;
    py_printf(out, "(name='campy', version=(0, 1, 0), _machine='%s')", PY_MACHINE_NAME);
}

static const py_type impl_type = {
    .head = {&py_type_type},
    .name = Q_implementation,
    .print = impl_print,
    .attr = impl_attr,
};
static const sys_impl sys_implementation = {{&impl_type}};

PY_DEFINE_STATE_REF(sys_argv_ref, sys_argv);
PY_DEFINE_STATE_REF(sys_path_ref, sys_path);
PY_DEFINE_STATE_REF(sys_modules_ref, modules);
PY_QSTR_DEF(Q_sys_version_text, "3.4.0; campy 0.1.0");

static const py_map_entry sys_table[] = {
    {PY_QSTR(Q_argv), PY_OBJ(&sys_argv_ref)},
    {PY_QSTR(Q_path), PY_OBJ(&sys_path_ref)},
    {PY_QSTR(Q_modules), PY_OBJ(&sys_modules_ref)},
    {PY_QSTR(Q_platform), PY_QSTR(PY_PLATFORM_QSTR)},
    {PY_QSTR(Q_version), PY_QSTR(Q_sys_version_text)},
    {PY_QSTR(Q___name__), PY_QSTR(Q_sys)},
    {PY_QSTR(Q_exit), PY_OBJ(&sys_exit_obj)},
    {PY_QSTR(Q_print_exception), PY_OBJ(&sys_print_exception_obj)},
    {PY_QSTR(Q_exc_info), PY_OBJ(&sys_exc_info_obj)},
    {PY_QSTR(Q_stdin), PY_SYS_STDIO(0)},
    {PY_QSTR(Q_stdout), PY_SYS_STDIO(1)},
    {PY_QSTR(Q_stderr), PY_SYS_STDIO(2)},
    {PY_QSTR(Q_version_info), PY_OBJ(&version_info)},
    {PY_QSTR(Q_implementation), PY_OBJ(&sys_implementation)},
    {PY_QSTR(Q_byteorder), PY_QSTR(Q_little)},
    {PY_QSTR(Q_maxsize), PY_OBJ(&sys_maxsize)},
    {PY_QSTR(Q_atexit), PY_OBJ(&sys_atexit_obj)},
};
PY_DEFINE_FIXED_DICT(sys_globals, sys_table);

PY_DEFINE_MODULE(py_module_sys, sys_globals);
PY_REGISTER_MODULE(Q_sys, py_module_sys);
