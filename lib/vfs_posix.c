/*
 * vfs_posix.c - os.VfsPosix: a directory of the host as a filesystem
 * object, for the PC runner. The system calls are the port's
 * (py_os_hooks.posix), so nothing here depends on POSIX headers.
 *
 * VfsPosix(root) serves the host directory root; without root, host paths
 * are used as they are. Paths it is given are absolute inside the
 * filesystem ("/a/b"); relative ones (direct calls on the object) start
 * at the object's own current directory.
 */
#include <string.h>

#include "campy.h"
#include "vfs.h"

enum { ERRNO_ENODEV = 19, ERRNO_ENOTDIR = 20, ERRNO_EROFS = 30 };

#define MODE_DIR 0x4000

typedef struct vfs_posix {
    py_head head;
    py_val root; /* host prefix without a trailing slash, or "" */
    py_val cwd;  /* normalised, inside the filesystem */
    bool readonly;
} vfs_posix;

static const py_posix_ops *ops(void) {
    if (py_os_hooks.posix == NULL) {
        py_raise_oserror(ERRNO_ENODEV);
    }
    return py_os_hooks.posix;
}

static vfs_posix *posix_of(py_val v) {
    if (!py_is_type(v, &py_type_vfs_posix)) {
        py_raise_type_error("expected a VfsPosix, not '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

static void check(int err) {
    if (err != 0) {
        py_raise_oserror(err);
    }
}

static void check_writable(vfs_posix *v) {
    if (v->readonly) {
        py_raise_oserror(ERRNO_EROFS);
    }
}

/* The host path of a path inside the filesystem. */
static const char *host_path(vfs_posix *v, py_val path) {
    py_val inner = py_vfs_normalise(v->cwd, path);
    size_t rn, pn;
    const char *r = py_str_data(v->root, &rn);
    const char *p = py_str_data(inner, &pn);
    py_buf b;
    py_buf_init(&b, rn + pn + 1);
    py_buf_add(&b, r, rn);
    if (rn == 0 || pn > 1) {
        py_buf_add(&b, p, pn);
    }
    py_buf_add_byte(&b, 0);
    if (memchr(b.data, 0, b.len - 1) != NULL) {
        py_raise_value_error("embedded null byte");
    }
    return b.data;
}

/* ---- files
 *
 * Writes are gathered in a buffer inside the file object itself, so a
 * script writing many small pieces makes few system calls, and the
 * collector's finaliser can still write them out (it may not touch other
 * heap blocks, which may be gone already). */

#define WRITE_BUFFER 512

typedef struct posix_file {
    py_file file;
    size_t pending; /* bytes in buf not yet written */
    char buf[WRITE_BUFFER];
} posix_file;

static posix_file *pfile(py_val file) { return py_ptr(file); }

static bool buffered(py_val file) { return (pfile(file)->file.flags & PY_FILE_WRITE) != 0; }

/* Writes n bytes with as many calls as it takes. */
static int write_out(const py_posix_ops *o, intptr_t fd, const char *s, size_t n) {
    while (n > 0) {
        size_t done = 0;
        int err = o->write(fd, s, n, &done);
        if (err != 0) {
            return err;
        }
        if (done == 0) {
            return 5; /* EIO: the host took nothing */
        }
        s += done;
        n -= done;
    }
    return 0;
}

static int flush_pending(const py_posix_ops *o, py_val file) {
    if (!buffered(file) || pfile(file)->pending == 0) {
        return 0;
    }
    posix_file *p = pfile(file);
    size_t n = p->pending;
    p->pending = 0;
    return write_out(o, p->file.fd, p->buf, n);
}

static int file_read(py_val file, void *buf, size_t n, size_t *got) {
    int err = flush_pending(ops(), file);
    return err != 0 ? err : ops()->read(pfile(file)->file.fd, buf, n, got);
}

static int file_write(py_val file, const void *buf, size_t n, size_t *done) {
    posix_file *p = pfile(file);
    if (p->pending + n > WRITE_BUFFER) {
        int err = flush_pending(ops(), file);
        if (err != 0) {
            return err;
        }
    }
    if (n >= WRITE_BUFFER) {
        int err = write_out(ops(), p->file.fd, buf, n);
        *done = err == 0 ? n : 0;
        return err;
    }
    memcpy(p->buf + p->pending, buf, n);
    p->pending += n;
    *done = n;
    return 0;
}

static int file_seek(py_val file, long long offset, int whence, long long *pos) {
    int err = flush_pending(ops(), file);
    return err != 0 ? err : ops()->seek(pfile(file)->file.fd, offset, whence, pos);
}

static int file_flush(py_val file) { return flush_pending(ops(), file); }

static int file_close(py_val file) {
    int err = flush_pending(ops(), file);
    int err2 = ops()->close(pfile(file)->file.fd);
    return err != 0 ? err : err2;
}

static void file_finalise(py_val file) {
    const py_posix_ops *o = py_os_hooks.posix;
    if (o != NULL) {
        flush_pending(o, file);
        o->close(pfile(file)->file.fd);
    }
}

static const py_file_ops posix_file_ops = {file_read,  file_write,    file_seek, file_flush,
                                           file_close, file_finalise, true};

static py_val posix_open(py_val self, py_val path, py_val mode) {
    vfs_posix *v = posix_of(self);
    bool text;
    unsigned flags = py_file_parse_mode(mode, &text);
    if (flags & PY_OPEN_WRITE) {
        check_writable(v);
    }
    const char *hp = host_path(v, path);
    size_t size = (flags & PY_OPEN_WRITE) ? sizeof(posix_file) : sizeof(py_file);
    py_file *f = py_file_new(&posix_file_ops, size, path, mode, text, flags);
    f->backend = self;
    intptr_t fd;
    int err = ops()->open(hp, flags, &fd);
    if (err != 0) {
        f->flags |= PY_FILE_CLOSED;
        py_raise_oserror(err);
    }
    f->fd = fd;
    return PY_OBJ(f);
}
PY_DEFINE_FUN_3(posix_open_obj, posix_open);

/* ---- directories */

typedef struct posix_dir_iter {
    py_head head;
    void *dir; /* NULL once finished */
} posix_dir_iter;

static void dir_close(posix_dir_iter *it) {
    if (it->dir != NULL) {
        void *dir = it->dir;
        it->dir = NULL;
        if (py_os_hooks.posix != NULL) {
            py_os_hooks.posix->closedir(dir);
        }
    }
}

static py_val dir_iternext(py_val self) {
    posix_dir_iter *it = py_ptr(self);
    if (it->dir == NULL) {
        return PY_STOP;
    }
    py_dir_entry e;
    int r = ops()->readdir(it->dir, &e);
    if (r <= 0) {
        dir_close(it);
        check(-r);
        return PY_STOP;
    }
    e.name[sizeof(e.name) - 1] = 0;
    return py_vfs_dir_tuple(e.name, e.type, e.ino, false, 0);
}

static void dir_finalise(py_val self) { dir_close(py_ptr(self)); }

static const py_type posix_dir_iter_type = {
    .head = {&py_type_type},
    .name = Q_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .iternext = dir_iternext,
    .finalise = dir_finalise,
};

static py_val posix_ilistdir(size_t n_args, const py_val *args) {
    vfs_posix *v = posix_of(args[0]);
    py_val path = n_args > 1 ? args[1] : v->cwd;
    const char *hp = host_path(v, path);
    posix_dir_iter *it = py_gc_alloc_flags(sizeof(posix_dir_iter), PY_GC_FINALISE);
    it->head.type = &posix_dir_iter_type;
    check(ops()->opendir(hp, &it->dir));
    return PY_OBJ(it);
}
PY_DEFINE_FUN_VAR(posix_ilistdir_obj, 1, 2, posix_ilistdir);

/* ---- names */

static py_val posix_stat(py_val self, py_val path) {
    py_stat_info st;
    memset(&st, 0, sizeof(st));
    check(ops()->stat(host_path(posix_of(self), path), &st));
    return py_vfs_stat_tuple(&st);
}
PY_DEFINE_FUN_2(posix_stat_obj, posix_stat);

static py_val posix_statvfs(py_val self, py_val path) {
    uint64_t out[10] = {0};
    check(ops()->statvfs(host_path(posix_of(self), path), out));
    py_val items[10];
    for (size_t i = 0; i < 10; i++) {
        items[i] = py_int_from_u64(out[i]);
    }
    return py_tuple_new(10, items);
}
PY_DEFINE_FUN_2(posix_statvfs_obj, posix_statvfs);

/* mkdir, remove, rmdir: one path, changes the tree. */
static py_val change(py_val self, py_val path, int (*op)(const char *)) {
    vfs_posix *v = posix_of(self);
    check_writable(v);
    check(op(host_path(v, path)));
    return PY_NONE;
}

static py_val posix_mkdir(py_val self, py_val path) { return change(self, path, ops()->mkdir); }
PY_DEFINE_FUN_2(posix_mkdir_obj, posix_mkdir);

static py_val posix_remove(py_val self, py_val path) { return change(self, path, ops()->remove); }
PY_DEFINE_FUN_2(posix_remove_obj, posix_remove);

static py_val posix_rmdir(py_val self, py_val path) { return change(self, path, ops()->rmdir); }
PY_DEFINE_FUN_2(posix_rmdir_obj, posix_rmdir);

static py_val posix_rename(py_val self, py_val from, py_val to) {
    vfs_posix *v = posix_of(self);
    check_writable(v);
    const char *a = host_path(v, from);
    check(ops()->rename(a, host_path(v, to)));
    return PY_NONE;
}
PY_DEFINE_FUN_3(posix_rename_obj, posix_rename);

static py_val posix_chdir(py_val self, py_val path) {
    vfs_posix *v = posix_of(self);
    py_stat_info st;
    check(ops()->stat(host_path(v, path), &st));
    if (!(st.mode & MODE_DIR)) {
        py_raise_oserror(ERRNO_ENOTDIR);
    }
    v->cwd = py_vfs_normalise(v->cwd, path);
    return PY_NONE;
}
PY_DEFINE_FUN_2(posix_chdir_obj, posix_chdir);

static py_val posix_getcwd(py_val self) { return posix_of(self)->cwd; }
PY_DEFINE_FUN_1(posix_getcwd_obj, posix_getcwd);

static py_val posix_mount(py_val self, py_val readonly, py_val mkfs) {
    (void)mkfs;
    posix_of(self)->readonly = py_truthy(readonly);
    return PY_NONE;
}
PY_DEFINE_FUN_3(posix_mount_obj, posix_mount);

static py_val posix_umount(py_val self) {
    posix_of(self);
    return PY_NONE;
}
PY_DEFINE_FUN_1(posix_umount_obj, posix_umount);

/* ---- the type */

static py_val posix_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    static const py_arg_spec spec[] = {{Q_root, 0, PY_NONE}};
    py_val root;
    py_parse_args_raw(n_args, n_kw, args, 1, spec, &root);
    ops();
    vfs_posix *v = py_new(vfs_posix);
    v->head.type = type;
    v->cwd = py_str_from_cstr("/");
    v->root = PY_QSTR(Q_);
    if (root != PY_NONE) {
        size_t n;
        const char *r = py_get_str(root, &n);
        while (n > 1 && r[n - 1] == '/') {
            n--;
        }
        if (n == 1 && r[0] == '/') {
            n = 0; /* the host's root: host paths as they are */
        }
        v->root = py_str_new(r, n);
        if (n > 0) {
            py_stat_info st;
            check(ops()->stat(py_vfs_cstr(v->root), &st));
            if (!(st.mode & MODE_DIR)) {
                py_raise_oserror(ERRNO_ENOTDIR);
            }
        }
    }
    return PY_OBJ(v);
}

static void posix_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_printf(out, "VfsPosix(root=%r)", ((vfs_posix *)py_ptr(self))->root);
}

static const py_map_entry posix_locals_table[] = {
    {PY_QSTR(Q_mount), PY_OBJ(&posix_mount_obj)},
    {PY_QSTR(Q_umount), PY_OBJ(&posix_umount_obj)},
    {PY_QSTR(Q_open), PY_OBJ(&posix_open_obj)},
    {PY_QSTR(Q_ilistdir), PY_OBJ(&posix_ilistdir_obj)},
    {PY_QSTR(Q_chdir), PY_OBJ(&posix_chdir_obj)},
    {PY_QSTR(Q_getcwd), PY_OBJ(&posix_getcwd_obj)},
    {PY_QSTR(Q_mkdir), PY_OBJ(&posix_mkdir_obj)},
    {PY_QSTR(Q_remove), PY_OBJ(&posix_remove_obj)},
    {PY_QSTR(Q_rename), PY_OBJ(&posix_rename_obj)},
    {PY_QSTR(Q_rmdir), PY_OBJ(&posix_rmdir_obj)},
    {PY_QSTR(Q_stat), PY_OBJ(&posix_stat_obj)},
    {PY_QSTR(Q_statvfs), PY_OBJ(&posix_statvfs_obj)},
};
PY_DEFINE_FIXED_DICT(posix_locals, posix_locals_table);

const py_type py_type_vfs_posix = {
    .head = {&py_type_type},
    .name = Q_VfsPosix,
    .print = posix_print,
    .make_new = posix_make_new,
    .locals = PY_OBJ(&posix_locals),
};
