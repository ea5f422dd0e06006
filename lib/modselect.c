/*
 * modselect.c - the select module: poll() over anything with the stream
 * protocol (files, StringIO, sys.stdin, io.IOBase classes with ioctl), and
 * select() on top of the same machinery.
 *
 * Readiness is asked of each stream with the PY_STREAM_POLL ioctl, which
 * never blocks; waiting is done here in short sleeps, so Ctrl-C and
 * scheduled callbacks keep working while a program waits.
 */
#include "campy.h"
#include "vfs.h"

#define POLL_SLICE_US 1000

static const py_type poll_type;

typedef struct poll_obj {
    py_head head;
    py_val entries; /* dict: stream -> event mask */
} poll_obj;

static poll_obj *poll_of(py_val v) {
    if (!py_is_type(v, &poll_type)) {
        py_raise_type_error("expected a poll object, not '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

static void check_pollable(py_val obj) {
    if (py_stream_proto_of(obj) == NULL) {
        py_raise_type_error("'%s' object can't be polled", py_type_name(obj));
    }
}

/* Ready events of obj among mask; a stream that fails reports POLLERR. */
static uintptr_t ready_events(py_val obj, uintptr_t mask) {
    uintptr_t want = mask | PY_POLL_ERR | PY_POLL_HUP | PY_POLL_NVAL;
    volatile uintptr_t ready = 0;
    py_nlr nlr;
    py_try(nlr) {
        ready = py_stream_poll(obj, want) & want;
        py_nlr_pop();
    }
    else {
        if (!py_exc_matches(nlr.exc, PY_OBJ(&py_type_OSError))) {
            py_raise(nlr.exc);
        }
        ready = PY_POLL_ERR;
    }
    return ready;
}

/* One pass over the registered streams: a list of (stream, events). With
 * one_shot, a stream that reported has its mask cleared. The entries are
 * copied first: a stream's ioctl may change the registrations. */
static py_val scan(poll_obj *p, bool one_shot) {
    py_map *m = py_dict_map(p->entries);
    size_t n = m->used, k = 0;
    py_val *copy = py_gc_alloc((2 * n + 1) * sizeof(py_val));
    for (size_t pos = 0; k < n && (pos = py_map_next(m, pos)) != 0; k++) {
        copy[2 * k] = m->table[pos - 1].key;
        copy[2 * k + 1] = m->table[pos - 1].value;
    }
    py_val result = py_list_new(0, NULL);
    for (size_t i = 0; i < k; i++) {
        uintptr_t ready = ready_events(copy[2 * i], (uintptr_t)py_get_int(copy[2 * i + 1]));
        if (ready != 0) {
            py_list_append(result, py_tuple2(copy[2 * i], PY_SMALL((py_int_t)ready)));
            if (one_shot && py_dict_get(p->entries, copy[2 * i]) != PY_NULL) {
                py_dict_store(p->entries, copy[2 * i], PY_SMALL(0));
            }
        }
    }
    py_gc_free(copy);
    return result;
}

/* Scans until something is ready or timeout_ms (< 0: forever) passes. */
static py_val wait_ready(poll_obj *p, py_int_t timeout_ms, bool one_shot) {
    uint64_t start = py_os_ticks_us();
    py_handle_pending(); /* scheduled calls run even in a poll that does not wait */
    for (;;) {
        py_val result = scan(p, one_shot);
        if (py_len(result) > 0 || timeout_ms == 0) {
            return result;
        }
        uint64_t waited = py_os_ticks_us() - start;
        uint64_t slice = POLL_SLICE_US;
        if (timeout_ms > 0) {
            uint64_t limit = (uint64_t)timeout_ms * 1000;
            if (waited >= limit) {
                return result;
            }
            if (limit - waited < slice) {
                slice = limit - waited;
            }
        }
        py_os_sleep_us(slice);
    }
}

static py_int_t timeout_arg(size_t n_args, const py_val *args, size_t i) {
    if (n_args <= i || args[i] == PY_NONE) {
        return -1;
    }
    py_int_t t;
    if (py_get_int_maybe(args[i], &t)) {
        return t < 0 ? -1 : t;
    }
    py_float_t f = py_get_float(args[i]);
    return f < 0 ? -1 : f > 1e12 ? (py_int_t)1e12 : (py_int_t)f;
}

/* ---- poll methods */

static py_val poll_register(size_t n_args, const py_val *args) {
    poll_obj *p = poll_of(args[0]);
    check_pollable(args[1]);
    py_int_t mask = n_args > 2 ? py_get_int(args[2]) : PY_POLL_IN | PY_POLL_OUT;
    py_dict_store(p->entries, args[1], PY_SMALL(mask));
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(poll_register_obj, 2, 3, poll_register);

static py_val poll_unregister(py_val self, py_val obj) {
    py_dict_delete(poll_of(self)->entries, obj);
    return PY_NONE;
}
PY_DEFINE_FUN_2(poll_unregister_obj, poll_unregister);

static py_val poll_modify(py_val self, py_val obj, py_val mask) {
    poll_obj *p = poll_of(self);
    if (py_dict_get(p->entries, obj) == PY_NULL) {
        py_raise_oserror(2 /* ENOENT */);
    }
    py_dict_store(p->entries, obj, PY_SMALL(py_get_int(mask)));
    return PY_NONE;
}
PY_DEFINE_FUN_3(poll_modify_obj, poll_modify);

static py_val poll_poll(size_t n_args, const py_val *args) {
    poll_obj *p = poll_of(args[0]);
    return wait_ready(p, timeout_arg(n_args, args, 1), false);
}
PY_DEFINE_FUN_VAR(poll_poll_obj, 1, 2, poll_poll);

/* ipoll(timeout=-1, flags=0): an iterator; flags 1 is one-shot. */
static py_val poll_ipoll(size_t n_args, const py_val *args) {
    poll_obj *p = poll_of(args[0]);
    bool one_shot = n_args > 2 && (py_get_int(args[2]) & 1);
    return py_getiter(wait_ready(p, timeout_arg(n_args, args, 1), one_shot));
}
PY_DEFINE_FUN_VAR(poll_ipoll_obj, 1, 3, poll_ipoll);

static const py_map_entry poll_locals_table[] = {
    {PY_QSTR(Q_register), PY_OBJ(&poll_register_obj)},
    {PY_QSTR(Q_unregister), PY_OBJ(&poll_unregister_obj)},
    {PY_QSTR(Q_modify), PY_OBJ(&poll_modify_obj)},
    {PY_QSTR(Q_poll), PY_OBJ(&poll_poll_obj)},
    {PY_QSTR(Q_ipoll), PY_OBJ(&poll_ipoll_obj)},
};
PY_DEFINE_FIXED_DICT(poll_locals, poll_locals_table);

static const py_type poll_type = {
    .head = {&py_type_type},
    .name = Q_poll,
    .locals = PY_OBJ(&poll_locals),
};

static py_val select_poll(void) {
    poll_obj *p = py_new(poll_obj);
    p->head.type = &poll_type;
    p->entries = py_dict_new(4);
    return PY_OBJ(p);
}
PY_DEFINE_FUN_0(select_poll_obj, select_poll);

/* ---- select(rlist, wlist, xlist[, timeout]) */

static void add_all(poll_obj *p, py_val seq, uintptr_t event) {
    size_t n;
    py_val *items;
    py_get_array_any(seq, &n, &items);
    for (size_t i = 0; i < n; i++) {
        check_pollable(items[i]);
        py_val old = py_dict_get(p->entries, items[i]);
        py_int_t mask = old == PY_NULL ? 0 : py_small_value(old);
        py_dict_store(p->entries, items[i], PY_SMALL(mask | (py_int_t)event));
    }
}

static py_val select_select(size_t n_args, const py_val *args) {
    poll_obj *p = py_ptr(select_poll());
    add_all(p, args[0], PY_POLL_IN);
    add_all(p, args[1], PY_POLL_OUT);
    add_all(p, args[2], PY_POLL_ERR);
    py_int_t timeout_ms = -1;
    if (n_args > 3 && args[3] != PY_NONE) {
        py_float_t s = py_get_float(args[3]);
        if (s < 0) {
            py_raise_value_error("timeout must be non-negative");
        }
        timeout_ms = s > 1e9 ? (py_int_t)1e12 : (py_int_t)((double)s * 1000 + 0.999);
    }
    py_val ready = wait_ready(p, timeout_ms, false);
    py_val lists[3] = {py_list_new(0, NULL), py_list_new(0, NULL), py_list_new(0, NULL)};
    size_t n;
    py_val *items;
    py_get_array(ready, &n, &items);
    for (size_t i = 0; i < n; i++) {
        py_tuple *t = py_ptr(items[i]);
        py_int_t ev = py_small_value(t->items[1]);
        if (ev & PY_POLL_IN) {
            py_list_append(lists[0], t->items[0]);
        }
        if (ev & PY_POLL_OUT) {
            py_list_append(lists[1], t->items[0]);
        }
        if (ev & (PY_POLL_ERR | PY_POLL_HUP | PY_POLL_NVAL)) {
            py_list_append(lists[2], t->items[0]);
        }
    }
    return py_tuple_new(3, lists);
}
PY_DEFINE_FUN_VAR(select_select_obj, 3, 4, select_select);

static const py_map_entry select_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_select)},        {PY_QSTR(Q_poll), PY_OBJ(&select_poll_obj)},
    {PY_QSTR(Q_select), PY_OBJ(&select_select_obj)}, {PY_QSTR(Q_POLLIN), PY_SMALL(PY_POLL_IN)},
    {PY_QSTR(Q_POLLOUT), PY_SMALL(PY_POLL_OUT)},     {PY_QSTR(Q_POLLERR), PY_SMALL(PY_POLL_ERR)},
    {PY_QSTR(Q_POLLHUP), PY_SMALL(PY_POLL_HUP)},     {PY_QSTR(Q_POLLNVAL), PY_SMALL(PY_POLL_NVAL)},
};
PY_DEFINE_FIXED_DICT(select_globals, select_table);
PY_DEFINE_MODULE(py_module_select, select_globals);
PY_REGISTER_MODULE(Q_select, py_module_select);
