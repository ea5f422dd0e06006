/*
 * modos.c - the os module (and vfs, its newer MicroPython name for the
 * mounting part): files and directories through the VFS (vfs.c), uname,
 * urandom, dupterm, and the filesystem classes VfsPosix and VfsLfs2.
 */
#include <string.h>

#include "campy.h"
#include "vfs.h"

extern const py_builtin_fun py_os_listdir_obj, py_os_ilistdir_obj, py_os_mkdir_obj,
    py_os_remove_obj, py_os_rmdir_obj, py_os_stat_obj, py_os_statvfs_obj, py_os_rename_obj,
    py_os_chdir_obj, py_os_getcwd_obj, py_os_mount_obj, py_os_umount_obj, py_os_sync_obj;

enum { ERRNO_ENODEV = 19, ERRNO_EINVAL = 22 };

/* ---- uname(): a tuple whose fields are also attributes */

static const py_type uname_type;

static const char *const uname_fields[5] = {"sysname", "nodename", "release", "version", "machine"};

static void uname_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return;
    }
    const char *n = py_qstr_str(name);
    for (size_t i = 0; i < 5; i++) {
        if (strcmp(n, uname_fields[i]) == 0) {
            dest[0] = ((py_tuple *)py_ptr(self))->items[i];
        }
    }
}

static void uname_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_tuple *t = py_ptr(self);
    py_print_str(out, "(");
    for (size_t i = 0; i < 5; i++) {
        py_printf(out, "%s%s=%r", i ? ", " : "", uname_fields[i], t->items[i]);
    }
    py_print_str(out, ")");
}

/* Everything else is the tuple's own behaviour. */
static py_val uname_subscr(py_val self, py_val index, py_val value) {
    return py_type_tuple.subscr(self, index, value);
}
static py_val uname_unary_op(py_unop op, py_val self) { return py_type_tuple.unary_op(op, self); }
static py_val uname_binary_op(py_binop op, py_val lhs, py_val rhs) {
    return py_type_tuple.binary_op(op, lhs, rhs);
}
static py_val uname_getiter(py_val self) { return py_type_tuple.getiter(self); }

static const py_type uname_type = {
    .head = {&py_type_type},
    .name = Q_uname_result,
    .print = uname_print,
    .unary_op = uname_unary_op,
    .binary_op = uname_binary_op,
    .attr = uname_attr,
    .subscr = uname_subscr,
    .getiter = uname_getiter,
    .base = &py_type_tuple,
};

static py_val os_uname(void) {
    const char *given[5] = {py_os_hooks.sysname, py_os_hooks.nodename, py_os_hooks.release,
                            py_os_hooks.version, py_os_hooks.machine};
    const char *defaults[5] = {"campy", "campy", "0.1.0", "campy 0.1.0", PY_MACHINE_NAME};
    py_val items[5];
    for (size_t i = 0; i < 5; i++) {
        items[i] = py_str_from_cstr(given[i] != NULL ? given[i] : defaults[i]);
    }
    py_val t = py_tuple_new(5, items);
    ((py_tuple *)py_ptr(t))->head.type = &uname_type;
    return t;
}
PY_DEFINE_FUN_0(os_uname_obj, os_uname);

/* ---- urandom, dupterm */

static py_val os_urandom(py_val n_val) {
    py_int_t n = py_get_int(n_val);
    if (n < 0) {
        py_raise_value_error("negative argument not allowed");
    }
    py_buf b;
    py_buf_init(&b, (size_t)n);
    char *p = py_buf_extend(&b, (size_t)n);
    if (n > 0 && (py_os_hooks.urandom == NULL || !py_os_hooks.urandom(p, (size_t)n))) {
        py_raise_oserror(ERRNO_ENODEV);
    }
    return py_buf_to_bytes(&b);
}
PY_DEFINE_FUN_1(os_urandom_obj, os_urandom);

/* dupterm(stream_object, index=0): returns the stream the slot had. */
static py_val os_dupterm(size_t n_args, const py_val *args) {
    py_int_t slot = n_args > 1 ? py_get_int(args[1]) : 0;
    if (slot < 0 || slot > 1) {
        py_raise_value_error("invalid dupterm index");
    }
    py_val stream = n_args > 0 ? args[0] : PY_NONE;
    if (stream != PY_NONE && py_stream_proto_of(stream) == NULL) {
        py_raise_type_error("'%s' object is not a stream", py_type_name(stream));
    }
    if (n_args == 0) {
        return py_os_dupterm_get(0);
    }
    return py_os_dupterm_set((size_t)slot, stream);
}
PY_DEFINE_FUN_VAR(os_dupterm_obj, 0, 2, os_dupterm);

/* dupterm_notify(obj): input is waiting on a dupterm stream. Terminal
 * reads look at the dupterm streams whenever they wait, so there is
 * nothing to wake; the argument (an IRQ's) is ignored. */
static py_val os_dupterm_notify(py_val obj) {
    (void)obj;
    return PY_NONE;
}
PY_DEFINE_FUN_1(os_dupterm_notify_obj, os_dupterm_notify);

/* ---- the terminal's side of dupterm, for ports */

static bool dupterm_busy; /* a dupterm stream is being called: no recursion */

/* A stream that fails is detached, as on MicroPython, and the terminal
 * goes on without it. */
static void dupterm_detach(size_t slot, py_val exc) {
    py_os_dupterm_set(slot, PY_NONE);
    py_print_str(&py_print_stderr, "dupterm: the stream failed and was detached: ");
    py_nlr nlr;
    py_try(nlr) {
        py_print_exception(&py_print_stderr, exc);
        py_nlr_pop();
    }
    else {
        py_print_str(&py_print_stderr, "\n");
    }
}

void py_os_dupterm_write(const char *s, size_t n) {
    if (dupterm_busy || n == 0) {
        return;
    }
    dupterm_busy = true;
    for (size_t slot = 0; slot < 2; slot++) {
        volatile py_val stream = py_os_dupterm_get(slot);
        if (stream == PY_NONE) {
            continue;
        }
        py_nlr nlr;
        py_try(nlr) {
            py_stream_write(stream, s, n);
            py_nlr_pop();
        }
        else {
            dupterm_detach(slot, nlr.exc);
        }
    }
    dupterm_busy = false;
}

size_t py_os_dupterm_read(char *buf, size_t n) {
    if (dupterm_busy || n == 0) {
        return 0;
    }
    dupterm_busy = true;
    volatile size_t got = 0;
    for (size_t slot = 0; slot < 2 && got == 0; slot++) {
        volatile py_val stream = py_os_dupterm_get(slot);
        if (stream == PY_NONE) {
            continue;
        }
        const py_stream_proto *p = py_stream_proto_of(stream);
        py_nlr nlr;
        py_try(nlr) {
            int err = 0;
            size_t k = p == NULL || p->read == NULL ? 0 : p->read(stream, buf, n, &err);
            if (k == PY_STREAM_ERROR) {
                /* EAGAIN: nothing yet, as a non-blocking stream says */
                if (err != 11) {
                    py_raise_oserror(err);
                }
                k = 0;
            }
            got = k;
            py_nlr_pop();
        }
        else {
            dupterm_detach(slot, nlr.exc);
        }
    }
    dupterm_busy = false;
    return got;
}

bool py_os_dupterm_active(void) {
    return py_os_dupterm_get(0) != PY_NONE || py_os_dupterm_get(1) != PY_NONE;
}

/* ---- the modules */

PY_QSTR_DEF(Q_os_sep, "/");

static const py_map_entry os_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_os)},
    {PY_QSTR(Q_sep), PY_QSTR(Q_os_sep)},
    {PY_QSTR(Q_uname), PY_OBJ(&os_uname_obj)},
    {PY_QSTR(Q_urandom), PY_OBJ(&os_urandom_obj)},
    {PY_QSTR(Q_dupterm), PY_OBJ(&os_dupterm_obj)},
    {PY_QSTR(Q_dupterm_notify), PY_OBJ(&os_dupterm_notify_obj)},
    {PY_QSTR(Q_listdir), PY_OBJ(&py_os_listdir_obj)},
    {PY_QSTR(Q_ilistdir), PY_OBJ(&py_os_ilistdir_obj)},
    {PY_QSTR(Q_mkdir), PY_OBJ(&py_os_mkdir_obj)},
    {PY_QSTR(Q_remove), PY_OBJ(&py_os_remove_obj)},
    {PY_QSTR(Q_unlink), PY_OBJ(&py_os_remove_obj)},
    {PY_QSTR(Q_rmdir), PY_OBJ(&py_os_rmdir_obj)},
    {PY_QSTR(Q_rename), PY_OBJ(&py_os_rename_obj)},
    {PY_QSTR(Q_stat), PY_OBJ(&py_os_stat_obj)},
    {PY_QSTR(Q_statvfs), PY_OBJ(&py_os_statvfs_obj)},
    {PY_QSTR(Q_chdir), PY_OBJ(&py_os_chdir_obj)},
    {PY_QSTR(Q_getcwd), PY_OBJ(&py_os_getcwd_obj)},
    {PY_QSTR(Q_sync), PY_OBJ(&py_os_sync_obj)},
    {PY_QSTR(Q_mount), PY_OBJ(&py_os_mount_obj)},
    {PY_QSTR(Q_umount), PY_OBJ(&py_os_umount_obj)},
    {PY_QSTR(Q_VfsPosix), PY_OBJ(&py_type_vfs_posix)},
    {PY_QSTR(Q_VfsLfs2), PY_OBJ(&py_type_vfs_lfs2)},
};
PY_DEFINE_FIXED_DICT(os_globals, os_table);
PY_DEFINE_MODULE(py_module_os, os_globals);
PY_REGISTER_MODULE(Q_os, py_module_os);

static const py_map_entry vfs_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_vfs)},
    {PY_QSTR(Q_mount), PY_OBJ(&py_os_mount_obj)},
    {PY_QSTR(Q_umount), PY_OBJ(&py_os_umount_obj)},
    {PY_QSTR(Q_VfsPosix), PY_OBJ(&py_type_vfs_posix)},
    {PY_QSTR(Q_VfsLfs2), PY_OBJ(&py_type_vfs_lfs2)},
};
PY_DEFINE_FIXED_DICT(vfs_globals, vfs_table);
PY_DEFINE_MODULE(py_module_vfs, vfs_globals);
PY_REGISTER_MODULE(Q_vfs, py_module_vfs);
