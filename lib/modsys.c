/*
 * modsys.c - the sys module.
 *
 * sys is a fixed table in the image. argv, path and modules are objects
 * made at start: their entries are state refs to py_st.
 */
#include <string.h>

#include "campy.h"
#include "vm.h"

/* ---- stdout / stderr / stdin: minimal text streams over the port */

typedef struct sys_stream {
    py_head head;
    int fd; /* 0 stdin, 1 stdout, 2 stderr */
    bool binary;
} sys_stream;

static const py_type sys_stream_type;

static py_val stream_write(py_val self, py_val data) {
    sys_stream *s = py_ptr(self);
    size_t len;
    const char *p;
    if (s->binary) {
        py_buffer buf;
        py_get_buffer_or_raise(data, &buf, PY_BUFFER_READ);
        p = buf.buf;
        len = buf.len;
    } else {
        p = py_get_str(data, &len);
    }
    const py_print *out = s->fd == 2 ? &py_print_stderr : &py_print_stdout;
    py_print_strn(out, p, len);
    return PY_SMALL((py_int_t)len);
}
PY_DEFINE_FUN_2(stream_write_obj, stream_write);

static py_val stream_flush(py_val self) {
    (void)self;
    return PY_NONE;
}
PY_DEFINE_FUN_1(stream_flush_obj, stream_flush);

static py_val stream_read_impl(sys_stream *s, py_int_t n, bool line) {
    py_buf b;
    py_buf_init(&b, 64);
    while (n < 0 || (py_int_t)b.len < n) {
        char c;
        size_t got = py_port_hooks.read_stdin == NULL ? 0 : py_port_hooks.read_stdin(&c, 1);
        py_handle_pending();
        if (got == 0) {
            break;
        }
        py_buf_add_byte(&b, c);
        if (line && c == '\n') {
            break;
        }
    }
    return s->binary ? py_buf_to_bytes(&b) : py_buf_to_str(&b);
}

static py_val stream_read(size_t n_args, const py_val *args) {
    py_int_t n = n_args > 1 && args[1] != PY_NONE ? py_get_int(args[1]) : -1;
    return stream_read_impl(py_ptr(args[0]), n, false);
}
PY_DEFINE_FUN_VAR(stream_read_obj, 1, 2, stream_read);

static py_val stream_readline(py_val self) { return stream_read_impl(py_ptr(self), -1, true); }
PY_DEFINE_FUN_1(stream_readline_obj, stream_readline);

static const sys_stream stdin_buffer = {{&sys_stream_type}, 0, true};
static const sys_stream stdout_buffer = {{&sys_stream_type}, 1, true};
static const sys_stream stderr_buffer = {{&sys_stream_type}, 2, true};
static const sys_stream sys_stdin = {{&sys_stream_type}, 0, false};
static const sys_stream sys_stdout = {{&sys_stream_type}, 1, false};
static const sys_stream sys_stderr = {{&sys_stream_type}, 2, false};

static void stream_attr(py_val self, py_qstr name, py_val *dest) {
    sys_stream *s = py_ptr(self);
    if (dest[0] == PY_NULL && name == Q_buffer && !s->binary) {
        static const sys_stream *const buffers[] = {&stdin_buffer, &stdout_buffer,
                                                    &stderr_buffer};
        dest[0] = PY_OBJ(buffers[s->fd]);
    }
}

static void stream_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    sys_stream *s = py_ptr(self);
    static const char *const names[] = {"stdin", "stdout", "stderr"};
    py_printf(out, "<io.%s %s>", s->binary ? "FileIO" : "TextIOWrapper", names[s->fd]);
}

static const py_map_entry stream_locals_table[] = {
    {PY_QSTR(Q_write), PY_OBJ(&stream_write_obj)},
    {PY_QSTR(Q_flush), PY_OBJ(&stream_flush_obj)},
    {PY_QSTR(Q_read), PY_OBJ(&stream_read_obj)},
    {PY_QSTR(Q_readline), PY_OBJ(&stream_readline_obj)},
};
PY_DEFINE_FIXED_DICT(stream_locals, stream_locals_table);

static const py_type sys_stream_type = {
    .head = {&py_type_type},
    .name = Q_TextIOWrapper,
    .print = stream_print,
    .attr = stream_attr,
    .locals = PY_OBJ(&stream_locals),
};

/* ---- functions */

static py_val sys_exit(size_t n_args, const py_val *args) {
    py_raise(py_exc_new(&py_type_SystemExit, n_args, args));
}
PY_DEFINE_FUN_VAR(sys_exit_obj, 0, 1, sys_exit);

/* print_exception(exc, file=sys.stdout) */
typedef struct file_sink {
    py_val dest[2];
} file_sink;

static void sink_write(void *ctx, const char *s, size_t n) {
    file_sink *f = ctx;
    py_val str = py_str_new(s, n);
    py_call_method(f->dest, 1, 0, &str);
}

static py_val sys_print_exception(size_t n_args, const py_val *args) {
    if (n_args == 1 || args[1] == PY_OBJ(&sys_stdout)) {
        py_print_exception(&py_print_stdout, args[0]);
    } else if (args[1] == PY_OBJ(&sys_stderr)) {
        py_print_exception(&py_print_stderr, args[0]);
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

/* ---- constant objects */

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
    {PY_QSTR(Q_stdin), PY_OBJ(&sys_stdin)},
    {PY_QSTR(Q_stdout), PY_OBJ(&sys_stdout)},
    {PY_QSTR(Q_stderr), PY_OBJ(&sys_stderr)},
    {PY_QSTR(Q_version_info), PY_OBJ(&version_info)},
    {PY_QSTR(Q_implementation), PY_OBJ(&sys_implementation)},
    {PY_QSTR(Q_byteorder), PY_QSTR(Q_little)},
    {PY_QSTR(Q_maxsize), PY_SMALL(PY_SMALL_MAX)},
};
PY_DEFINE_FIXED_DICT(sys_globals, sys_table);

PY_DEFINE_MODULE(py_module_sys, sys_globals);
PY_REGISTER_MODULE(Q_sys, py_module_sys);
