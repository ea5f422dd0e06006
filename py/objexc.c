/*
 * objexc.c - exception types and objects, raising with a message, tracebacks
 * and printing an uncaught exception.
 *
 * Every exception is a py_exc (campy.h), also for user subclasses, whose extra
 * attributes go to py_exc.dict. A traceback is a leaf block of words: the
 * entry count, then (file qstr, line, function qstr) per frame, innermost
 * first, because frames add themselves while the exception unwinds them. When
 * the heap is full, entries are dropped rather than turning the exception into
 * a MemoryError. MemoryError itself can always be raised: when not even its
 * object fits, a static instance stands in.
 */
#include <errno.h>
#include <string.h>

#include "objtype.h"

/* Arguments of an exception made without any: shared, never written. */
static const py_tuple no_args = {{&py_type_tuple}, 0};
#define NO_ARGS PY_OBJ(&no_args)

static py_exc *exc_of(py_val v) { return (py_exc *)py_ptr(v); }

static bool is_exc(py_val v) {
    return py_is_obj(v) && (py_type_of(v)->flags & PY_TYPE_FLAG_EXCEPTION) != 0;
}

static size_t exc_n_args(py_val self, py_val **items) {
    size_t n;
    py_get_array(exc_of(self)->args, &n, items);
    return n;
}

/* ---------------------------------------------------------------- objects */

py_val py_exc_alloc(const py_type *type, size_t n_args, const py_val *args) {
    py_exc *e = py_new(py_exc);
    e->head.type = type;
    e->args = n_args == 0 ? NO_ARGS : py_tuple_new(n_args, args);
    return PY_OBJ(e);
}

static py_val exc_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    if (n_kw > 0) {
        py_raise_type_error("%q() takes no keyword arguments", (py_qstr)type->name);
    }
    return py_exc_alloc(type, n_args, args);
}

py_val py_exc_new(const py_type *type, size_t n_args, const py_val *args) {
    if (py_type_is_heap(type)) {
        return py_call(PY_OBJ(type), n_args, 0, args);
    }
    return py_exc_alloc(type, n_args, args);
}

static py_val vformat(const char *fmt, va_list ap) {
    if (strchr(fmt, '%') == NULL) {
        return py_str_from_cstr(fmt);
    }
    py_buf b;
    py_buf_init(&b, strlen(fmt) + 16);
    py_print out;
    py_print_to_buf(&out, &b);
    py_vprintf(&out, fmt, ap);
    return py_buf_to_str(&b);
}

py_val py_exc_new_msg(const py_type *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    py_val msg = vformat(fmt, ap);
    va_end(ap);
    return py_exc_new(type, 1, &msg);
}

py_val py_exc_arg0(py_val exc) {
    py_val *items;
    return is_exc(exc) && exc_n_args(exc, &items) > 0 ? items[0] : PY_NONE;
}

/* ---------------------------------------------------------------- errno names */

static const struct {
    int num;
    const char *name;
} errno_names[] = {
#define E(x) {x, #x},
#ifdef EPERM
    E(EPERM)
#endif
#ifdef ENOENT
    E(ENOENT)
#endif
#ifdef ESRCH
    E(ESRCH)
#endif
#ifdef EINTR
    E(EINTR)
#endif
#ifdef EIO
    E(EIO)
#endif
#ifdef ENXIO
    E(ENXIO)
#endif
#ifdef E2BIG
    E(E2BIG)
#endif
#ifdef EBADF
    E(EBADF)
#endif
#ifdef EAGAIN
    E(EAGAIN)
#endif
#ifdef ENOMEM
    E(ENOMEM)
#endif
#ifdef EACCES
    E(EACCES)
#endif
#ifdef EFAULT
    E(EFAULT)
#endif
#ifdef EBUSY
    E(EBUSY)
#endif
#ifdef EEXIST
    E(EEXIST)
#endif
#ifdef EXDEV
    E(EXDEV)
#endif
#ifdef ENODEV
    E(ENODEV)
#endif
#ifdef ENOTDIR
    E(ENOTDIR)
#endif
#ifdef EISDIR
    E(EISDIR)
#endif
#ifdef EINVAL
    E(EINVAL)
#endif
#ifdef ENFILE
    E(ENFILE)
#endif
#ifdef EMFILE
    E(EMFILE)
#endif
#ifdef EFBIG
    E(EFBIG)
#endif
#ifdef ENOSPC
    E(ENOSPC)
#endif
#ifdef ESPIPE
    E(ESPIPE)
#endif
#ifdef EROFS
    E(EROFS)
#endif
#ifdef EPIPE
    E(EPIPE)
#endif
#ifdef EDOM
    E(EDOM)
#endif
#ifdef ERANGE
    E(ERANGE)
#endif
#ifdef ENAMETOOLONG
    E(ENAMETOOLONG)
#endif
#ifdef ENOSYS
    E(ENOSYS)
#endif
#ifdef ENOTEMPTY
    E(ENOTEMPTY)
#endif
#ifdef EOPNOTSUPP
    E(EOPNOTSUPP)
#endif
#ifdef EADDRINUSE
    E(EADDRINUSE)
#endif
#ifdef ECONNABORTED
    E(ECONNABORTED)
#endif
#ifdef ECONNRESET
    E(ECONNRESET)
#endif
#ifdef ENOBUFS
    E(ENOBUFS)
#endif
#ifdef EISCONN
    E(EISCONN)
#endif
#ifdef ENOTCONN
    E(ENOTCONN)
#endif
#ifdef ETIMEDOUT
    E(ETIMEDOUT)
#endif
#ifdef ECONNREFUSED
    E(ECONNREFUSED)
#endif
#ifdef EHOSTUNREACH
    E(EHOSTUNREACH)
#endif
#ifdef EALREADY
    E(EALREADY)
#endif
#ifdef EINPROGRESS
    E(EINPROGRESS)
#endif
#undef E
};

const char *py_errno_name(int errnum) {
    for (size_t i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++) {
        if (errno_names[i].num == errnum) {
            return errno_names[i].name;
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------- str and repr */

/* str(OSError(2)) is "[Errno 2] ENOENT" as on MicroPython; with a message,
 * "[Errno 2] message" as CPython. Returns false when neither form applies. */
static bool print_oserror(const py_print *out, py_val self) {
    py_val *items;
    size_t n = exc_n_args(self, &items);
    if (n == 0 || !py_is_small(items[0])) {
        return false;
    }
    py_int_t num = py_small_value(items[0]);
    if (n == 1) {
        const char *name = num >= 0 && num <= 0xffff ? py_errno_name((int)num) : NULL;
        if (name == NULL) {
            return false;
        }
        py_printf(out, "[Errno %ld] %s", (long)num, name);
        return true;
    }
    if (n == 2) {
        py_printf(out, "[Errno %ld] %v", (long)num, items[1]);
        return true;
    }
    return false;
}

static void exc_print(const py_print *out, py_val self, int kind) {
    py_val *items;
    size_t n = exc_n_args(self, &items);
    if (kind == PY_PRINT_REPR) {
        py_printf(out, "%s(", py_type_name(self));
        for (size_t i = 0; i < n; i++) {
            py_printf(out, i == 0 ? "%r" : ", %r", items[i]);
        }
        py_print_str(out, ")");
        return;
    }
    if (py_isinstance(self, &py_type_OSError) && print_oserror(out, self)) {
        return;
    }
    if (n == 1) {
        bool key_error = py_isinstance(self, &py_type_KeyError);
        py_print_value(out, items[0], key_error ? PY_PRINT_REPR : PY_PRINT_STR);
    } else if (n > 1) {
        py_print_value(out, exc_of(self)->args, PY_PRINT_REPR);
    }
}

/* ---------------------------------------------------------------- attributes */

static py_val none_if_null(py_val v) { return v == PY_NULL ? PY_NONE : v; }
static py_val null_if_none(py_val v) { return v == PY_NONE ? PY_NULL : v; }

/* Attributes every exception has, by type; PY_NULL when name is not one. */
static py_val exc_builtin_attr(py_val self, py_qstr name) {
    py_exc *e = exc_of(self);
    py_val *items;
    size_t n;
    switch (name) {
    case Q_args:
        return e->args;
    case Q___cause__:
        return none_if_null(e->cause);
    case Q___context__:
        return none_if_null(e->context);
    case Q_value:
        if (py_isinstance(self, &py_type_StopIteration) ||
            py_isinstance(self, &py_type_StopAsyncIteration)) {
            return py_exc_arg0(self);
        }
        return PY_NULL;
    case Q_code:
        return py_isinstance(self, &py_type_SystemExit) ? py_exc_arg0(self) : PY_NULL;
    case Q_errno:
        return py_isinstance(self, &py_type_OSError) ? py_exc_arg0(self) : PY_NULL;
    case Q_strerror:
        if (!py_isinstance(self, &py_type_OSError)) {
            return PY_NULL;
        }
        n = exc_n_args(self, &items);
        return n >= 2 ? items[1] : PY_NONE;
    default:
        return PY_NULL;
    }
}

static void exc_store(py_val self, py_qstr name, py_val value) {
    py_exc *e = exc_of(self);
    switch (name) {
    case Q_args: {
        size_t n;
        py_val *items;
        py_get_array_any(value, &n, &items);
        e->args = py_tuple_new(n, items);
        return;
    }
    case Q___cause__:
        e->cause = null_if_none(value);
        return;
    case Q___context__:
        e->context = null_if_none(value);
        return;
    default:
        if (e->dict == PY_NULL) {
            e->dict = py_dict_new(1);
        }
        py_dict_store(e->dict, PY_QSTR(name), value);
    }
}

void py_exc_attr(py_val self, py_qstr name, py_val *dest) {
    py_exc *e = exc_of(self);
    if (dest[0] == PY_NULL) {
        py_val v = exc_builtin_attr(self, name);
        if (v == PY_NULL && e->dict != PY_NULL) {
            v = py_dict_get(e->dict, PY_QSTR(name));
        }
        if (v == PY_NULL && name == Q___dict__) {
            if (e->dict == PY_NULL) {
                e->dict = py_dict_new(0);
            }
            v = e->dict;
        }
        dest[0] = v;
        return;
    }
    if (dest[1] != PY_NULL) {
        exc_store(self, name, dest[1]);
        dest[0] = PY_NULL;
        return;
    }
    if (e->dict != PY_NULL &&
        py_map_lookup(py_dict_map(e->dict), PY_QSTR(name), PY_MAP_REMOVE) != NULL) {
        dest[0] = PY_NULL;
    }
}

/* BaseException.__init__(self, *args): what super().__init__(msg) in a
 * subclass calls. */
static py_val exc_init(size_t n_args, const py_val *args) {
    if (!is_exc(args[0])) {
        py_raise_type_error("descriptor '__init__' requires a 'BaseException' object");
    }
    exc_of(args[0])->args = n_args == 1 ? NO_ARGS : py_tuple_new(n_args - 1, args + 1);
    return PY_NONE;
}
static PY_DEFINE_FUN_VAR(exc_init_obj, 1, PY_ARGS_MAX, exc_init);

static py_val exc_with_traceback(py_val self, py_val tb) {
    (void)tb;
    return self;
}
static PY_DEFINE_FUN_2(exc_with_traceback_obj, exc_with_traceback);

static const py_map_entry exc_locals_table[] = {
    {PY_QSTR(Q___init__), PY_OBJ(&exc_init_obj)},
    {PY_QSTR(Q_with_traceback), PY_OBJ(&exc_with_traceback_obj)},
};
static PY_DEFINE_FIXED_DICT(exc_locals, exc_locals_table);

/* ---------------------------------------------------------------- the types */

#define EXC_FLAGS (PY_TYPE_FLAG_BASETYPE | PY_TYPE_FLAG_EXCEPTION)
#define EXC_TYPE(c_name, q_name, base_type)                                                \
    const py_type c_name = {.head = {&py_type_type},                                      \
                            .name = q_name,                                               \
                            .flags = EXC_FLAGS,                                           \
                            .print = exc_print,                                           \
                            .make_new = exc_make_new,                                     \
                            .attr = py_exc_attr,                                          \
                            .base = base_type}

const py_type py_type_BaseException = {
    .head = {&py_type_type},
    .name = Q_BaseException,
    .flags = EXC_FLAGS,
    .print = exc_print,
    .make_new = exc_make_new,
    .attr = py_exc_attr,
    .locals = PY_OBJ(&exc_locals),
};

EXC_TYPE(py_type_SystemExit, Q_SystemExit, &py_type_BaseException);
EXC_TYPE(py_type_KeyboardInterrupt, Q_KeyboardInterrupt, &py_type_BaseException);
EXC_TYPE(py_type_GeneratorExit, Q_GeneratorExit, &py_type_BaseException);
EXC_TYPE(py_type_Exception, Q_Exception, &py_type_BaseException);
EXC_TYPE(py_type_StopIteration, Q_StopIteration, &py_type_Exception);
EXC_TYPE(py_type_StopAsyncIteration, Q_StopAsyncIteration, &py_type_Exception);
EXC_TYPE(py_type_ArithmeticError, Q_ArithmeticError, &py_type_Exception);
EXC_TYPE(py_type_OverflowError, Q_OverflowError, &py_type_ArithmeticError);
EXC_TYPE(py_type_ZeroDivisionError, Q_ZeroDivisionError, &py_type_ArithmeticError);
EXC_TYPE(py_type_AssertionError, Q_AssertionError, &py_type_Exception);
EXC_TYPE(py_type_AttributeError, Q_AttributeError, &py_type_Exception);
EXC_TYPE(py_type_EOFError, Q_EOFError, &py_type_Exception);
EXC_TYPE(py_type_ImportError, Q_ImportError, &py_type_Exception);
EXC_TYPE(py_type_LookupError, Q_LookupError, &py_type_Exception);
EXC_TYPE(py_type_IndexError, Q_IndexError, &py_type_LookupError);
EXC_TYPE(py_type_KeyError, Q_KeyError, &py_type_LookupError);
EXC_TYPE(py_type_MemoryError, Q_MemoryError, &py_type_Exception);
EXC_TYPE(py_type_NameError, Q_NameError, &py_type_Exception);
EXC_TYPE(py_type_OSError, Q_OSError, &py_type_Exception);
EXC_TYPE(py_type_RuntimeError, Q_RuntimeError, &py_type_Exception);
EXC_TYPE(py_type_NotImplementedError, Q_NotImplementedError, &py_type_RuntimeError);
EXC_TYPE(py_type_SyntaxError, Q_SyntaxError, &py_type_Exception);
EXC_TYPE(py_type_IndentationError, Q_IndentationError, &py_type_SyntaxError);
EXC_TYPE(py_type_TypeError, Q_TypeError, &py_type_Exception);
EXC_TYPE(py_type_ValueError, Q_ValueError, &py_type_Exception);
EXC_TYPE(py_type_UnicodeError, Q_UnicodeError, &py_type_ValueError);

/* ---------------------------------------------------------------- raising */

_Noreturn void py_raise(py_val exc) {
    if (py_is_type(exc, &py_type_type)) {
        const py_type *t = (const py_type *)py_ptr(exc);
        if (t->flags & PY_TYPE_FLAG_EXCEPTION) {
            exc = py_call(exc, 0, 0, NULL);
        }
    }
    if (!is_exc(exc)) {
        py_raise_type_error("exceptions must derive from BaseException");
    }
    py_nlr_jump(exc);
}

_Noreturn void py_raise_type(const py_type *type) { py_raise(py_exc_new(type, 0, NULL)); }

_Noreturn void py_raise_msg(const py_type *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    py_val msg = vformat(fmt, ap);
    va_end(ap);
    py_raise(py_exc_new(type, 1, &msg));
}

_Noreturn void py_raise_type_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    py_val msg = vformat(fmt, ap);
    va_end(ap);
    py_raise(py_exc_alloc(&py_type_TypeError, 1, &msg));
}

_Noreturn void py_raise_value_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    py_val msg = vformat(fmt, ap);
    va_end(ap);
    py_raise(py_exc_alloc(&py_type_ValueError, 1, &msg));
}

_Noreturn void py_raise_oserror(int errnum) {
    py_val arg = PY_SMALL(errnum);
    py_raise(py_exc_alloc(&py_type_OSError, 1, &arg));
}

_Noreturn void py_raise_syntax_error(py_qstr file, size_t line, const char *msg) {
    py_val text = py_str_from_cstr(msg);
    py_val exc = py_exc_alloc(&py_type_SyntaxError, 1, &text);
    py_exc_add_traceback(exc, file, line, Q_NULL);
    py_nlr_jump(exc);
}

/* Stands in when the heap has no room for a MemoryError and its first
 * traceback entries. Its traceback lives beside it, so even a heap full to
 * the last block reports the innermost frames, where the program was. */
enum { TB_WORDS = 3 };         /* file, line, function */
enum { STATIC_TB_ENTRIES = 8 };
static size_t memory_error_static_tb[1 + TB_WORDS * STATIC_TB_ENTRIES];
static py_exc memory_error_static = {{&py_type_MemoryError}, NO_ARGS, PY_NULL, PY_NULL,
                                     PY_NULL, PY_NULL};

_Noreturn void py_raise_memory_error(void) {
    /* room for two traceback entries now, or the unwinding finds none */
    size_t tb_bytes = (1 + TB_WORDS * 2) * sizeof(size_t);
    py_exc *e = py_gc_try_alloc(sizeof(py_exc));
    size_t *tb = e == NULL ? NULL : py_gc_try_alloc(tb_bytes);
    if (tb == NULL) {
        if (e != NULL) {
            py_gc_free(e);
        }
        e = &memory_error_static;
        e->cause = e->context = e->dict = PY_NULL;
        tb = memory_error_static_tb;
    }
    tb[0] = 0;
    e->head.type = &py_type_MemoryError;
    e->args = NO_ARGS;
    e->traceback = PY_OBJ(tb);
    py_nlr_jump(PY_OBJ(e));
}

/* ---------------------------------------------------------------- matching */

bool py_exc_matches(py_val exc, py_val type_or_tuple) {
    if (py_is_type(type_or_tuple, &py_type_tuple)) {
        /* one level, as `except` allows: a nested tuple matches nothing */
        size_t n;
        py_val *items;
        py_get_array(type_or_tuple, &n, &items);
        for (size_t i = 0; i < n; i++) {
            if (!py_is_type(items[i], &py_type_tuple) && py_exc_matches(exc, items[i])) {
                return true;
            }
        }
        return false;
    }
    if (!py_is_type(type_or_tuple, &py_type_type)) {
        return false;
    }
    const py_type *t = (const py_type *)py_ptr(type_or_tuple);
    if (py_is_type(exc, &py_type_type)) {
        return py_is_subclass((const py_type *)py_ptr(exc), t);
    }
    return py_isinstance(exc, t);
}

/* ---------------------------------------------------------------- tracebacks */

enum { TB_REPEATS_SHOWN = 3 }; /* as CPython: then "[Previous line repeated N more times]" */

static size_t *tb_grow(size_t *old, size_t n_entries) {
    size_t cap = n_entries == 0 ? 2 : n_entries * 2;
    size_t bytes = (1 + TB_WORDS * cap) * sizeof(size_t);
    size_t *tb = py_gc_try_alloc(bytes);
    if (tb == NULL) {
        /* Let the collector have a go; a MemoryError here only costs the entry. */
        py_nlr nlr;
        py_try(nlr) {
            tb = py_gc_alloc_flags(bytes, PY_GC_LEAF);
            py_nlr_pop();
        } else {
            return NULL;
        }
    }
    if (old != NULL) {
        memcpy(tb, old, (1 + TB_WORDS * n_entries) * sizeof(size_t));
        py_gc_free(old);
    }
    return tb;
}

void py_exc_add_traceback(py_val exc, py_qstr file, size_t line, py_qstr block) {
    if (!is_exc(exc)) {
        return;
    }
    py_exc *e = exc_of(exc);
    bool is_static = e == &memory_error_static;
    size_t *tb = e->traceback == PY_NULL ? NULL : (size_t *)py_ptr(e->traceback);
    size_t n = tb == NULL ? 0 : tb[0];
    size_t cap = tb == NULL     ? 0
                 : is_static ? STATIC_TB_ENTRIES
                             : (py_gc_block_bytes(tb) / sizeof(size_t) - 1) / TB_WORDS;
    if (n >= cap && is_static) {
        return; /* the outer frames are dropped, the innermost kept */
    }
    if (n >= cap) {
        size_t *grown = tb_grow(tb, n);
        if (grown == NULL) {
            return;
        }
        tb = grown;
        e->traceback = PY_OBJ(tb);
    }
    size_t *entry = tb + 1 + TB_WORDS * n;
    entry[0] = file;
    entry[1] = line;
    entry[2] = block;
    tb[0] = n + 1;
}

/* ---------------------------------------------------------------- printing */

/* A sink that writes ": " before the first non-empty piece, so an exception
 * whose str() is empty prints as its bare name, without building the text. */
typedef struct colon_sink {
    const py_print *out;
    bool started;
} colon_sink;

static void colon_write(void *ctx, const char *s, size_t n) {
    colon_sink *c = ctx;
    if (n == 0) {
        return;
    }
    if (!c->started) {
        c->started = true;
        py_print_strn(c->out, ": ", 2);
    }
    py_print_strn(c->out, s, n);
}

void py_print_exception(const py_print *out, py_val exc) {
    if (!is_exc(exc)) {
        py_printf(out, "%r\n", exc);
        return;
    }
    py_exc *e = exc_of(exc);
    if (e->traceback != PY_NULL) {
        const size_t *tb = (const size_t *)py_ptr(e->traceback);
        py_print_str(out, "Traceback (most recent call last):\n");
        size_t repeats = 0;
        for (size_t i = tb[0]; i-- > 0;) {
            const size_t *entry = tb + 1 + TB_WORDS * i;
            /* deep recursion: say how often a line repeats instead of listing it */
            bool same = i + 1 < tb[0] && memcmp(entry, entry + TB_WORDS, sizeof(size_t) * TB_WORDS) == 0;
            repeats = same ? repeats + 1 : 0;
            if (repeats >= TB_REPEATS_SHOWN) {
                if (i == 0 || memcmp(entry, entry - TB_WORDS, sizeof(size_t) * TB_WORDS) != 0) {
                    size_t more = repeats - TB_REPEATS_SHOWN + 1;
                    py_printf(out, "  [Previous line repeated %zu more time%s]\n", more,
                              more == 1 ? "" : "s");
                }
                continue;
            }
            py_printf(out, "  File \"%q\", line %zu", (py_qstr)entry[0], entry[1]);
            if (entry[2] != Q_NULL) {
                py_printf(out, ", in %q", (py_qstr)entry[2]);
            }
            py_print_str(out, "\n");
        }
    }
    py_print_str(out, py_type_name(exc));
    colon_sink sink = {out, false};
    py_print sink_print = {&sink, colon_write};
    py_nlr nlr;
    py_try(nlr) {
        py_print_value(&sink_print, exc, PY_PRINT_STR);
        py_nlr_pop();
    } else {
        colon_write(&sink, "<exception str() failed>", 24);
    }
    py_print_str(out, "\n");
}
