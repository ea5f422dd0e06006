/*
 * modmicropython.c - the micropython module: access to the interpreter's
 * internals as MicroPython documents them (memory reports, the heap lock,
 * the schedule queue, the interrupt character) and the RingIO stream.
 */
#include <string.h>

#include "campy.h"
#include "vfs.h"

static py_val mp_const(py_val x) { return x; }
PY_DEFINE_FUN_1(mp_const_obj, mp_const);

static py_val mp_opt_level(size_t n_args, const py_val *args) {
    if (n_args == 0) {
        return PY_SMALL(py_st.opt_level);
    }
    py_int_t level = py_get_int(args[0]);
    if (level < 0 || level > 255) {
        py_raise_value_error("optimisation level must be 0 to 255");
    }
    py_st.opt_level = (int)level;
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(mp_opt_level_obj, 0, 1, mp_opt_level);

/* ---------------------------------------------------------------- memory reports */

static void print_out(void *ctx, const char *s, size_t n) {
    py_print_strn((const py_print *)ctx, s, n);
}

static py_val mp_mem_info(size_t n_args, const py_val *args) {
    const py_print *out = &py_print_stdout;
    py_gc_info info;
    py_gc_info_get(&info);
    py_printf(out, "stack: %zu out of %zu\n", py_stack_usage(), py_st.stack_limit);
    py_printf(out, "GC: total: %zu, used: %zu, free: %zu\n", info.total, info.used, info.free);
    py_printf(out, " No. of 1-blocks: %zu, 2-blocks: %zu, max blk sz: %zu, max free sz: %zu\n",
              info.num_1block, info.num_2block, info.max_block, info.max_free_run);
    size_t n = py_gc_region_count();
    for (size_t i = 0; i < n; i++) {
        uintptr_t start;
        size_t total, free;
        py_gc_region_info(i, &start, &total, &free);
        py_printf(out, " region %zu: %zu bytes, %zu free\n", i, total, free);
    }
    if (n_args > 0 && py_truthy(args[0])) {
        py_print_str(out, "GC memory layout (. free, h head, T tail):\n");
        py_gc_dump_layout(print_out, (void *)out);
    }
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(mp_mem_info_obj, 0, 1, mp_mem_info);

/* verbose: also every name interned at run time, one Q(name) per line. */
static py_val mp_qstr_info(size_t n_args, const py_val *args) {
    const py_print *out = &py_print_stdout;
    size_t n_pool, n_qstr, n_bytes, n_total;
    py_qstr_info(&n_pool, &n_qstr, &n_bytes, &n_total);
    py_printf(out, "qstr pool: n_pool=%zu, n_qstr=%zu, n_str_data_bytes=%zu, n_total_bytes=%zu\n",
              n_pool, n_qstr, n_bytes, n_total);
    if (n_args > 0 && py_truthy(args[0])) {
        size_t count = py_qstr_count();
        for (size_t q = Q_COUNT; q < count; q++) {
            size_t len;
            const char *s = py_qstr_data(q, &len);
            py_printf(out, "Q(%.*s)\n", (int)len, s);
        }
    }
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(mp_qstr_info_obj, 0, 1, mp_qstr_info);

static py_val mp_stack_use(void) { return PY_SMALL((py_int_t)py_stack_usage()); }
PY_DEFINE_FUN_0(mp_stack_use_obj, mp_stack_use);

/* ---------------------------------------------------------------- the heap lock */

/* The lock nests: the depth lives in a root word of py_st, so a new
 * interpreter (soft reset) starts unlocked. */
static py_int_t heap_lock_depth(void) {
    py_val v = py_st.extra[PY_MICROPYTHON_ROOT_SLOT];
    return py_is_small(v) ? py_small_value(v) : 0;
}

static py_val mp_heap_lock(void) {
    py_st.extra[PY_MICROPYTHON_ROOT_SLOT] = PY_SMALL(heap_lock_depth() + 1);
    py_gc_lock();
    return PY_NONE;
}
PY_DEFINE_FUN_0(mp_heap_lock_obj, mp_heap_lock);

static py_val mp_heap_unlock(void) {
    py_int_t depth = heap_lock_depth();
    if (depth > 0) {
        depth--;
    }
    py_st.extra[PY_MICROPYTHON_ROOT_SLOT] = PY_SMALL(depth);
    if (depth == 0) {
        py_gc_unlock();
    }
    return PY_SMALL(depth);
}
PY_DEFINE_FUN_0(mp_heap_unlock_obj, mp_heap_unlock);

static py_val mp_heap_locked(void) { return PY_SMALL(heap_lock_depth()); }

void py_heap_unlock_all(void) {
    py_st.extra[PY_MICROPYTHON_ROOT_SLOT] = PY_SMALL(0);
    py_gc_unlock();
}
PY_DEFINE_FUN_0(mp_heap_locked_obj, mp_heap_locked);

/* The emergency buffer exists to format exceptions raised where the heap
 * cannot be used; campy keeps a static MemoryError and builds tracebacks
 * without failing, so this only checks its argument. */
static py_val mp_alloc_emergency_exception_buf(py_val size) {
    if (py_get_int(size) < 0) {
        py_raise_value_error("negative buffer size");
    }
    return PY_NONE;
}
PY_DEFINE_FUN_1(mp_alloc_emergency_exception_buf_obj, mp_alloc_emergency_exception_buf);

/* The collector scans every heap block that may hold pointers, and nothing
 * can turn an address in a buffer back into an object: there is nothing to
 * mark, only the argument to check. */
static py_val mp_buf_contains_ptrs(py_val buf) {
    py_buffer b;
    py_get_buffer_or_raise(buf, &b, PY_BUFFER_READ);
    return PY_NONE;
}
PY_DEFINE_FUN_1(mp_buf_contains_ptrs_obj, mp_buf_contains_ptrs);

/* ---------------------------------------------------------------- interrupts and scheduling */

static py_val mp_kbd_intr(py_val chr) {
    py_int_t c = py_get_int(chr);
    if (c < -1 || c > 255) {
        py_raise_value_error("interrupt character must be -1 or 0 to 255");
    }
    if (py_os_hooks.set_interrupt_char != NULL) {
        py_os_hooks.set_interrupt_char((int)c);
    }
    return PY_NONE;
}
PY_DEFINE_FUN_1(mp_kbd_intr_obj, mp_kbd_intr);

/* schedule(kbd_intr, None) raises KeyboardInterrupt soon, as Ctrl-C would. */
static py_val mp_schedule(py_val fun, py_val arg) {
    if (fun == PY_OBJ(&mp_kbd_intr_obj) && arg == PY_NONE) {
        py_set_pending_exception(py_exc_new(&py_type_KeyboardInterrupt, 0, NULL));
        return PY_NONE;
    }
    if (!py_schedule(fun, arg)) {
        py_raise_msg(&py_type_RuntimeError, "schedule queue full");
    }
    return PY_NONE;
}
PY_DEFINE_FUN_2(mp_schedule_obj, mp_schedule);

/* ---------------------------------------------------------------- RingIO */

/* A byte ring over a buffer of `size` bytes, one of which always stays
 * free to tell full from empty. The buffer is fetched again for each
 * operation: a caller's bytearray may have moved or shrunk since. */
typedef struct ringio {
    py_head head;
    py_val buffer;
    size_t size, get, put;
} ringio;

static const py_type ringio_type;

static ringio *ringio_of(py_val v) {
    if (!py_isinstance(v, &ringio_type)) {
        py_raise_type_error("expected a RingIO, not '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

static uint8_t *ringio_data(ringio *r) {
    py_buffer b;
    py_get_buffer_or_raise(r->buffer, &b, PY_BUFFER_RW);
    if (b.len != r->size) {
        py_raise_value_error("RingIO buffer changed size");
    }
    return b.buf;
}

static size_t ringio_any(ringio *r) { return (r->put + r->size - r->get) % r->size; }

static size_t ringio_space(ringio *r) { return r->size - 1 - ringio_any(r); }

static void ringio_take(ringio *r, uint8_t *dst, size_t n) {
    const uint8_t *data = ringio_data(r);
    for (size_t i = 0; i < n; i++) {
        dst[i] = data[r->get];
        r->get = (r->get + 1) % r->size;
    }
}

static size_t ringio_give(ringio *r, const uint8_t *src, size_t n) {
    uint8_t *data = ringio_data(r);
    size_t space = ringio_space(r);
    if (n > space) {
        n = space;
    }
    for (size_t i = 0; i < n; i++) {
        data[r->put] = src[i];
        r->put = (r->put + 1) % r->size;
    }
    return n;
}

/* The byte count asked for: all available when absent or negative. */
static size_t ringio_want(ringio *r, size_t n_args, const py_val *args, size_t i) {
    size_t avail = ringio_any(r);
    if (n_args <= i || args[i] == PY_NONE) {
        return avail;
    }
    py_int_t n = py_get_int(args[i]);
    return n < 0 || (size_t)n > avail ? avail : (size_t)n;
}

static py_val ringio_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    py_check_nargs(n_args, n_kw, 1, 1, false);
    ringio *r = py_new(ringio);
    r->head.type = type;
    if (py_is_int(args[0])) {
        py_int_t size = py_get_int(args[0]);
        if (size < 1) {
            py_raise_value_error("RingIO size must be at least 1");
        }
        if ((size_t)size >= SIZE_MAX / 2) {
            py_raise_memory_error();
        }
        r->buffer = py_bytearray_new(NULL, (size_t)size + 1);
        r->size = (size_t)size + 1;
    } else {
        py_buffer b;
        if (!py_get_buffer(args[0], &b, PY_BUFFER_RW)) {
            py_raise_type_error("RingIO needs a size or a writable buffer, not '%s'",
                                py_type_name(args[0]));
        }
        if (b.len < 2) {
            py_raise_value_error("RingIO buffer too small");
        }
        r->buffer = args[0];
        r->size = b.len;
    }
    return PY_OBJ(r);
}

static py_val ringio_any_fun(py_val self) {
    return PY_SMALL((py_int_t)ringio_any(ringio_of(self)));
}
PY_DEFINE_FUN_1(ringio_any_obj, ringio_any_fun);

static py_val ringio_read(size_t n_args, const py_val *args) {
    ringio *r = ringio_of(args[0]);
    size_t n = ringio_want(r, n_args, args, 1);
    py_buf out;
    py_buf_init(&out, n);
    ringio_take(r, (uint8_t *)py_buf_extend(&out, n), n);
    return py_buf_to_bytes(&out);
}
PY_DEFINE_FUN_VAR(ringio_read_obj, 1, 2, ringio_read);

static py_val ringio_readline(size_t n_args, const py_val *args) {
    ringio *r = ringio_of(args[0]);
    size_t limit = ringio_want(r, n_args, args, 1);
    const uint8_t *data = ringio_data(r);
    size_t n = 0;
    while (n < limit) {
        uint8_t c = data[(r->get + n) % r->size];
        n++;
        if (c == '\n') {
            break;
        }
    }
    py_buf out;
    py_buf_init(&out, n);
    ringio_take(r, (uint8_t *)py_buf_extend(&out, n), n);
    return py_buf_to_bytes(&out);
}
PY_DEFINE_FUN_VAR(ringio_readline_obj, 1, 2, ringio_readline);

static py_val ringio_readinto(size_t n_args, const py_val *args) {
    ringio *r = ringio_of(args[0]);
    py_buffer b;
    py_get_buffer_or_raise(args[1], &b, PY_BUFFER_WRITE);
    size_t n = ringio_want(r, n_args, args, 2);
    if (n > b.len) {
        n = b.len;
    }
    ringio_take(r, b.buf, n);
    return PY_SMALL((py_int_t)n);
}
PY_DEFINE_FUN_VAR(ringio_readinto_obj, 2, 3, ringio_readinto);

static py_val ringio_write(py_val self, py_val data) {
    ringio *r = ringio_of(self);
    py_buffer b;
    py_get_buffer_or_raise(data, &b, PY_BUFFER_READ);
    return PY_SMALL((py_int_t)ringio_give(r, b.buf, b.len));
}
PY_DEFINE_FUN_2(ringio_write_obj, ringio_write);

static py_val ringio_close(py_val self) {
    (void)ringio_of(self);
    return PY_NONE;
}
PY_DEFINE_FUN_1(ringio_close_obj, ringio_close);

/* As a stream (select.poll, asyncio, dupterm): never blocks; an empty ring
 * reads as EAGAIN, not as the end of the stream. */
static size_t ringio_proto_read(py_val self, void *buf, size_t size, int *err) {
    ringio *r = py_ptr(self);
    size_t n = ringio_any(r);
    if (n == 0 && size > 0) {
        *err = 11; /* EAGAIN */
        return PY_STREAM_ERROR;
    }
    if (n > size) {
        n = size;
    }
    ringio_take(r, buf, n);
    return n;
}

static size_t ringio_proto_write(py_val self, const void *buf, size_t size, int *err) {
    ringio *r = py_ptr(self);
    size_t n = ringio_give(r, buf, size);
    if (n == 0 && size > 0) {
        *err = 11; /* EAGAIN */
        return PY_STREAM_ERROR;
    }
    return n;
}

static py_val ringio_proto_ioctl(py_val self, uintptr_t request, uintptr_t arg, int *err) {
    ringio *r = py_ptr(self);
    switch (request) {
    case PY_STREAM_POLL: {
        uintptr_t ready = 0;
        if ((arg & PY_POLL_IN) && ringio_any(r) > 0) {
            ready |= PY_POLL_IN;
        }
        if ((arg & PY_POLL_OUT) && ringio_space(r) > 0) {
            ready |= PY_POLL_OUT;
        }
        return PY_SMALL((py_int_t)ready);
    }
    case PY_STREAM_FLUSH:
    case PY_STREAM_CLOSE:
        return PY_NONE;
    default:
        *err = 22; /* EINVAL */
        return PY_NULL;
    }
}

static const py_stream_proto ringio_proto = {ringio_proto_read, ringio_proto_write,
                                             ringio_proto_ioctl, false};

static void ringio_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    ringio *r = py_ptr(self);
    py_printf(out, "<RingIO %zu of %zu bytes>", ringio_any(r), r->size - 1);
}

static const py_map_entry ringio_locals_table[] = {
    {PY_QSTR(Q_any), PY_OBJ(&ringio_any_obj)},
    {PY_QSTR(Q_read), PY_OBJ(&ringio_read_obj)},
    {PY_QSTR(Q_readline), PY_OBJ(&ringio_readline_obj)},
    {PY_QSTR(Q_readinto), PY_OBJ(&ringio_readinto_obj)},
    {PY_QSTR(Q_write), PY_OBJ(&ringio_write_obj)},
    {PY_QSTR(Q_close), PY_OBJ(&ringio_close_obj)},
};
PY_DEFINE_FIXED_DICT(ringio_locals, ringio_locals_table);

static const py_type ringio_type = {
    .head = {&py_type_type},
    .name = Q_RingIO,
    .print = ringio_print,
    .make_new = ringio_make_new,
    .protocol = &ringio_proto,
    .locals = PY_OBJ(&ringio_locals),
};

/* ---------------------------------------------------------------- the module */

static const py_map_entry mp_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_micropython)},
    {PY_QSTR(Q_const), PY_OBJ(&mp_const_obj)},
    {PY_QSTR(Q_opt_level), PY_OBJ(&mp_opt_level_obj)},
    {PY_QSTR(Q_mem_info), PY_OBJ(&mp_mem_info_obj)},
    {PY_QSTR(Q_qstr_info), PY_OBJ(&mp_qstr_info_obj)},
    {PY_QSTR(Q_stack_use), PY_OBJ(&mp_stack_use_obj)},
    {PY_QSTR(Q_heap_lock), PY_OBJ(&mp_heap_lock_obj)},
    {PY_QSTR(Q_heap_unlock), PY_OBJ(&mp_heap_unlock_obj)},
    {PY_QSTR(Q_heap_locked), PY_OBJ(&mp_heap_locked_obj)},
    {PY_QSTR(Q_alloc_emergency_exception_buf), PY_OBJ(&mp_alloc_emergency_exception_buf_obj)},
    {PY_QSTR(Q_buf_contains_ptrs), PY_OBJ(&mp_buf_contains_ptrs_obj)},
    {PY_QSTR(Q_kbd_intr), PY_OBJ(&mp_kbd_intr_obj)},
    {PY_QSTR(Q_schedule), PY_OBJ(&mp_schedule_obj)},
    {PY_QSTR(Q_RingIO), PY_OBJ(&ringio_type)},
};
PY_DEFINE_FIXED_DICT(mp_globals, mp_table);
PY_DEFINE_MODULE(py_module_micropython, mp_globals);
PY_REGISTER_MODULE(Q_micropython, py_module_micropython);
