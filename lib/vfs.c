/*
 * vfs.c - the virtual filesystem: the mount table, the current directory,
 * path resolution, and the operations of os and open() on top of them.
 *
 * A mounted filesystem is any object with MicroPython's VFS methods
 * (mount, umount, open, ilistdir, chdir, getcwd, mkdir, remove, rename,
 * rmdir, stat, statvfs): os.VfsPosix and os.VfsLfs2 in C, or a Python
 * class. They are always called through their methods, so both kinds
 * behave the same. A path is made absolute against the current directory
 * and normalised here ("." and ".." resolved, never above "/"); the mount
 * with the longest matching mount point gets the rest of it, always
 * absolute ("/" for the mount point itself). With nothing mounted at "/",
 * the root is a virtual directory listing the mount points.
 *
 * The mount table, the current directory and the dupterm slots live in one
 * heap block, rooted in py_st.extra[PY_VFS_ROOT_SLOT].
 */
#include <string.h>
#include <time.h>

#include "campy.h"
#include "vfs.h"

enum {
    ERRNO_EPERM = 1,
    ERRNO_ENOENT = 2,
    ERRNO_EXDEV = 18,
    ERRNO_ENOTDIR = 20,
    ERRNO_EISDIR = 21,
    ERRNO_EINVAL = 22,
};

#define MODE_DIR 0x4000
#define MODE_FILE 0x8000

py_os_port py_os_hooks;

/* ---------------------------------------------------------------- clocks */

static uint64_t fallback_clock_us(void) {
    struct timespec ts;
    if (timespec_get(&ts, TIME_UTC) == 0) {
        return 0;
    }
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

uint64_t py_os_ticks_us(void) {
    return py_os_hooks.ticks_us != NULL ? py_os_hooks.ticks_us() : fallback_clock_us();
}

int64_t py_os_time_us(void) {
    return py_os_hooks.time_us != NULL ? py_os_hooks.time_us() : (int64_t)fallback_clock_us();
}

/* Sleeps in slices, so Ctrl-C and scheduled callbacks are never held up
 * for long even by a port whose sleep cannot be interrupted. */
void py_os_sleep_us(uint64_t us) {
    uint64_t start = py_os_ticks_us();
    for (;;) {
        py_handle_pending();
        uint64_t elapsed = py_os_ticks_us() - start;
        if (elapsed >= us) {
            return;
        }
        uint64_t left = us - elapsed;
        if (left > 50000) {
            left = 50000;
        }
        if (py_os_hooks.sleep_us != NULL) {
            py_os_hooks.sleep_us(left);
        }
    }
}

/* ---------------------------------------------------------------- state */

typedef struct vfs_mount {
    struct vfs_mount *next;
    py_val fs;
    py_val path; /* absolute, normalised */
} vfs_mount;

typedef struct vfs_state {
    vfs_mount *mounts;
    py_val cwd; /* absolute, normalised str; PY_NULL for "/" */
    py_val dupterm[2];
} vfs_state;

static vfs_state *state(void) {
    py_val *slot = &py_st.extra[PY_VFS_ROOT_SLOT];
    if (*slot == PY_NULL) {
        vfs_state *s = py_gc_alloc(sizeof(vfs_state));
        s->dupterm[0] = s->dupterm[1] = PY_NONE;
        *slot = (py_val)s;
    }
    return (vfs_state *)py_ptr(*slot);
}

py_val py_os_dupterm_get(size_t slot) {
    py_val v = py_st.extra[PY_VFS_ROOT_SLOT];
    if (v == PY_NULL || slot >= 2) {
        return PY_NONE;
    }
    return ((vfs_state *)py_ptr(v))->dupterm[slot];
}

py_val py_os_dupterm_set(size_t slot, py_val stream) {
    vfs_state *s = state();
    py_val old = s->dupterm[slot];
    s->dupterm[slot] = stream;
    return old;
}

/* ---------------------------------------------------------------- paths */

const char *py_vfs_cstr(py_val str) {
    size_t n;
    const char *s = py_get_str(str, &n);
    if (memchr(s, 0, n) != NULL) {
        py_raise_value_error("embedded null byte");
    }
    char *c = py_gc_alloc_flags(n + 1, PY_GC_LEAF);
    memcpy(c, s, n);
    c[n] = 0;
    return c;
}

py_val py_vfs_normalise(py_val cwd, py_val path) {
    size_t n;
    const char *p = py_get_str(path, &n);
    py_buf b;
    py_buf_init(&b, n + 16);
    if ((n == 0 || p[0] != '/') && cwd != PY_NULL) {
        size_t cn;
        const char *c = py_str_data(cwd, &cn);
        if (cn > 1) {
            py_buf_add(&b, c, cn);
        }
    }
    size_t i = 0;
    while (i < n) {
        while (i < n && p[i] == '/') {
            i++;
        }
        size_t start = i;
        while (i < n && p[i] != '/') {
            i++;
        }
        size_t len = i - start;
        if (len == 0 || (len == 1 && p[start] == '.')) {
            continue;
        }
        if (len == 2 && p[start] == '.' && p[start + 1] == '.') {
            while (b.len > 0 && b.data[b.len - 1] != '/') {
                b.len--;
            }
            if (b.len > 0) {
                b.len--; /* the slash */
            }
            continue;
        }
        py_buf_add_byte(&b, '/');
        py_buf_add(&b, p + start, len);
    }
    if (b.len == 0) {
        py_gc_free(b.data);
        return py_str_from_cstr("/");
    }
    return py_buf_to_str(&b);
}

static py_val cwd_or_root(void) {
    py_val cwd = state()->cwd;
    return cwd == PY_NULL ? py_str_from_cstr("/") : cwd;
}

/* A bytes path is its UTF-8 text (UnicodeError if it is not UTF-8). */
static py_val path_text(py_val path) {
    if (py_is_type(path, &py_type_bytes)) {
        return py_call_method_name(path, Q_decode, 0, NULL);
    }
    if (!py_is_str(path)) {
        py_raise_type_error("expected str, bytes or os.PathLike object, not %s",
                            py_type_name(path));
    }
    return path;
}

static py_val absolute(py_val path) {
    path = path_text(path);
    size_t n;
    py_str_data(path, &n);
    if (n == 0) {
        py_raise_oserror(ERRNO_ENOENT);
    }
    return py_vfs_normalise(state()->cwd, path);
}

/* The mount holding abs (a normalised path), and the path inside it. */
static vfs_mount *find_mount(py_val abs, py_val *inner) {
    size_t n;
    const char *a = py_str_data(abs, &n);
    vfs_mount *best = NULL;
    size_t best_len = 0;
    for (vfs_mount *m = state()->mounts; m != NULL; m = m->next) {
        size_t mn;
        const char *mp = py_str_data(m->path, &mn);
        if (mn == 1) {
            if (best == NULL) {
                best = m;
                best_len = 0;
            }
            continue;
        }
        if (n >= mn && memcmp(a, mp, mn) == 0 && (n == mn || a[mn] == '/') && mn > best_len) {
            best = m;
            best_len = mn;
        }
    }
    if (best != NULL && inner != NULL) {
        *inner = best_len == 0   ? abs
                 : best_len == n ? py_str_from_cstr("/")
                                 : py_str_new(a + best_len, n - best_len);
    }
    return best;
}

static bool is_root(py_val abs) {
    size_t n;
    py_str_data(abs, &n);
    return n == 1;
}

py_val py_vfs_lookup(py_val path, py_val *path_in_fs) {
    py_val abs = absolute(path);
    vfs_mount *m = find_mount(abs, path_in_fs);
    if (m != NULL) {
        return m->fs;
    }
    if (is_root(abs)) {
        *path_in_fs = abs;
        return PY_NULL;
    }
    py_raise_oserror(ERRNO_ENOENT);
}

/* The filesystem of path, which must not be the virtual root. */
static py_val lookup_real(py_val path, py_val *inner, int root_errno) {
    py_val fs = py_vfs_lookup(path, inner);
    if (fs == PY_NULL) {
        py_raise_oserror(root_errno);
    }
    return fs;
}

/* ---------------------------------------------------------------- results */

static int64_t epoch_offset(void) { return py_os_hooks.epoch_year == 2000 ? 946684800 : 0; }

py_val py_vfs_stat_tuple(const py_stat_info *st) {
    int64_t off = epoch_offset();
    py_val items[10] = {
        py_int_from_u64(st->mode),        py_int_from_u64(st->ino),
        py_int_from_u64(st->dev),         py_int_from_u64(st->nlink),
        py_int_from_u64(st->uid),         py_int_from_u64(st->gid),
        py_int_from_u64(st->size),        py_int_from_i64(st->atime - off),
        py_int_from_i64(st->mtime - off), py_int_from_i64(st->ctime - off),
    };
    return py_tuple_new(10, items);
}

py_val py_vfs_dir_tuple(const char *name, uint32_t type, uint64_t ino, bool with_size,
                        uint64_t size) {
    py_val items[4] = {py_str_from_cstr(name), py_int_from_u64(type), py_int_from_u64(ino),
                       py_int_from_u64(size)};
    return py_tuple_new(with_size ? 4 : 3, items);
}

/* ---------------------------------------------------------------- mounting */

static bool has_method(py_val obj, py_qstr name) {
    py_val dest[2];
    py_load_method_maybe(obj, name, dest);
    return dest[0] != PY_NULL;
}

void py_vfs_mount(py_val fs, const char *path, bool readonly) {
    py_val abs = py_vfs_normalise(PY_NULL, py_str_from_cstr(path));
    vfs_state *s = state();
    for (vfs_mount *m = s->mounts; m != NULL; m = m->next) {
        if (py_equal(m->path, abs)) {
            py_raise_oserror(ERRNO_EPERM);
        }
    }
    if (!has_method(fs, Q_mount) && has_method(fs, Q_readblocks)) {
        fs = py_call1(PY_OBJ(&py_type_vfs_lfs2), fs); /* a block device */
    }
    py_val args[2] = {PY_BOOL(readonly), PY_FALSE};
    py_call_method_name(fs, Q_mount, 2, args);
    vfs_mount *m = py_gc_alloc(sizeof(vfs_mount));
    m->fs = fs;
    m->path = abs;
    m->next = s->mounts;
    s->mounts = m;
}

/* Unlinks and returns the mount at path (a str) or of fs, or NULL. */
static vfs_mount *unlink_mount(py_val target) {
    vfs_state *s = state();
    py_val abs = py_is_str(target) ? py_vfs_normalise(s->cwd, target) : PY_NULL;
    for (vfs_mount **link = &s->mounts; *link != NULL; link = &(*link)->next) {
        vfs_mount *m = *link;
        if (abs != PY_NULL ? py_equal(m->path, abs) : m->fs == target) {
            *link = m->next;
            return m;
        }
    }
    return NULL;
}

/* After an unmount: a current directory on that filesystem goes back to /. */
static void leave_mount(vfs_mount *m) {
    vfs_state *s = state();
    if (s->cwd == PY_NULL) {
        return;
    }
    size_t cn, mn;
    const char *c = py_str_data(s->cwd, &cn);
    const char *mp = py_str_data(m->path, &mn);
    if (mn == 1 || (cn >= mn && memcmp(c, mp, mn) == 0 && (cn == mn || c[mn] == '/'))) {
        s->cwd = PY_NULL;
    }
}

static py_val vfs_umount(py_val target) {
    vfs_mount *m = unlink_mount(target);
    if (m == NULL) {
        py_raise_oserror(ERRNO_EINVAL);
    }
    leave_mount(m);
    py_call_method_name(m->fs, Q_umount, 0, NULL);
    return PY_NONE;
}

/* umount() of a filesystem, whose failure must not keep the others mounted. */
static void umount_quietly(py_val fs) {
    py_nlr nlr;
    py_try(nlr) {
        py_call_method_name(fs, Q_umount, 0, NULL);
        py_nlr_pop();
    }
    else {
        /* dropped: the mount is gone either way */
    }
}

void py_vfs_umount_all(void) {
    vfs_state *s = state();
    while (s->mounts != NULL) {
        vfs_mount *m = s->mounts;
        s->mounts = m->next;
        umount_quietly(m->fs);
    }
    s->cwd = PY_NULL;
}

/* ---------------------------------------------------------------- operations */

py_val py_vfs_open(py_val path, py_val mode) {
    py_val inner;
    py_val fs = lookup_real(path, &inner, ERRNO_EISDIR);
    py_val args[2] = {inner, mode};
    py_val f = py_call_method_name(fs, Q_open, 2, args);
    if (py_is_file(f)) {
        ((py_file *)py_ptr(f))->name = path; /* the name the caller gave */
    }
    return f;
}

py_val py_vfs_stat(py_val path) {
    py_val inner;
    py_val fs = py_vfs_lookup(path, &inner);
    if (fs == PY_NULL) {
        py_stat_info st = {.mode = MODE_DIR};
        return py_vfs_stat_tuple(&st);
    }
    return py_call_method_name(fs, Q_stat, 1, &inner);
}

/* ilistdir of the virtual root: the mount points one level down. */
typedef struct root_iter {
    py_head head;
    vfs_mount *next;
} root_iter;

static py_val root_iter_next(py_val self) {
    root_iter *it = py_ptr(self);
    while (it->next != NULL) {
        vfs_mount *m = it->next;
        it->next = m->next;
        size_t n;
        const char *p = py_str_data(m->path, &n);
        if (n > 1 && memchr(p + 1, '/', n - 1) == NULL) {
            py_val items[3] = {py_str_new(p + 1, n - 1), PY_SMALL(MODE_DIR), PY_SMALL(0)};
            return py_tuple_new(3, items);
        }
    }
    return PY_STOP;
}

static const py_type root_iter_type = {
    .head = {&py_type_type},
    .name = Q_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .iternext = root_iter_next,
};

py_val py_vfs_ilistdir(py_val path) {
    py_val inner;
    py_val fs = py_vfs_lookup(path, &inner);
    if (fs == PY_NULL) {
        root_iter *it = py_new(root_iter);
        it->head.type = &root_iter_type;
        it->next = state()->mounts;
        return PY_OBJ(it);
    }
    return py_call_method_name(fs, Q_ilistdir, 1, &inner);
}

/* The plain one-path operations: mkdir, remove, rmdir, statvfs. */
static py_val path_op(py_val path, py_qstr method, int root_errno) {
    py_val inner;
    py_val fs = lookup_real(path, &inner, root_errno);
    return py_call_method_name(fs, method, 1, &inner);
}

static py_val default_path(size_t n_args, const py_val *args) {
    return n_args > 0 && args[0] != PY_NONE ? args[0] : cwd_or_root();
}

/* A name as bytes when the directory was given as bytes, as on CPython. */
static py_val name_as(py_val name, bool as_bytes) {
    if (!as_bytes) {
        return name;
    }
    size_t n;
    const char *s = py_str_data(name, &n);
    return py_bytes_new(s, n);
}

static bool bytes_arg(size_t n_args, const py_val *args) {
    return n_args > 0 && py_is_type(args[0], &py_type_bytes);
}

static py_val os_listdir(size_t n_args, const py_val *args) {
    bool as_bytes = bytes_arg(n_args, args);
    py_val it = py_getiter(py_vfs_ilistdir(default_path(n_args, args)));
    py_val list = py_list_new(0, NULL), entry;
    while ((entry = py_iternext(it)) != PY_STOP) {
        py_list_append(list, name_as(py_subscr_load(entry, PY_SMALL(0)), as_bytes));
    }
    return list;
}
PY_DEFINE_FUN_VAR(py_os_listdir_obj, 0, 1, os_listdir);

static py_val os_ilistdir(size_t n_args, const py_val *args) {
    py_val entries = py_vfs_ilistdir(default_path(n_args, args));
    if (!bytes_arg(n_args, args)) {
        return entries;
    }
    py_val it = py_getiter(entries), list = py_list_new(0, NULL), entry;
    while ((entry = py_iternext(it)) != PY_STOP) {
        size_t n;
        py_val *items;
        py_get_array_any(entry, &n, &items);
        py_val copy = py_tuple_new(n, items);
        ((py_tuple *)py_ptr(copy))->items[0] = name_as(items[0], true);
        py_list_append(list, copy);
    }
    return py_getiter(list);
}
PY_DEFINE_FUN_VAR(py_os_ilistdir_obj, 0, 1, os_ilistdir);

static py_val os_mkdir(py_val path) { return path_op(path, Q_mkdir, 17 /* EEXIST */); }
PY_DEFINE_FUN_1(py_os_mkdir_obj, os_mkdir);

static py_val os_remove(py_val path) { return path_op(path, Q_remove, ERRNO_EISDIR); }
PY_DEFINE_FUN_1(py_os_remove_obj, os_remove);

static py_val os_rmdir(py_val path) { return path_op(path, Q_rmdir, ERRNO_EPERM); }
PY_DEFINE_FUN_1(py_os_rmdir_obj, os_rmdir);

static py_val os_stat(py_val path) { return py_vfs_stat(path); }
PY_DEFINE_FUN_1(py_os_stat_obj, os_stat);

static py_val os_statvfs(py_val path) {
    py_val inner;
    py_val fs = py_vfs_lookup(path, &inner);
    if (fs == PY_NULL) {
        return py_tuple_new(10, (py_val[10]){PY_SMALL(0), PY_SMALL(0), PY_SMALL(0), PY_SMALL(0),
                                             PY_SMALL(0), PY_SMALL(0), PY_SMALL(0), PY_SMALL(0),
                                             PY_SMALL(0), PY_SMALL(0)});
    }
    return py_call_method_name(fs, Q_statvfs, 1, &inner);
}
PY_DEFINE_FUN_1(py_os_statvfs_obj, os_statvfs);

static py_val os_rename(py_val from, py_val to) {
    py_val inner_from, inner_to;
    py_val fs = lookup_real(from, &inner_from, ERRNO_EPERM);
    py_val fs_to = lookup_real(to, &inner_to, ERRNO_EPERM);
    if (fs != fs_to) {
        py_raise_oserror(ERRNO_EXDEV);
    }
    py_val args[2] = {inner_from, inner_to};
    return py_call_method_name(fs, Q_rename, 2, args);
}
PY_DEFINE_FUN_2(py_os_rename_obj, os_rename);

static py_val os_chdir(py_val path) {
    py_val abs = absolute(path), inner;
    vfs_mount *m = find_mount(abs, &inner);
    if (m == NULL && !is_root(abs)) {
        py_raise_oserror(ERRNO_ENOENT);
    }
    if (m != NULL) {
        py_val st = py_call_method_name(m->fs, Q_stat, 1, &inner);
        if (!(py_get_int(py_subscr_load(st, PY_SMALL(0))) & MODE_DIR)) {
            py_raise_oserror(ERRNO_ENOTDIR);
        }
        py_call_method_name(m->fs, Q_chdir, 1, &inner);
    }
    state()->cwd = is_root(abs) ? PY_NULL : abs;
    return PY_NONE;
}
PY_DEFINE_FUN_1(py_os_chdir_obj, os_chdir);

static py_val os_getcwd(void) { return cwd_or_root(); }
PY_DEFINE_FUN_0(py_os_getcwd_obj, os_getcwd);

/* mount(fsobj, mount_point, *, readonly=False); mount() lists the mounts. */
static py_val os_mount(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_fsobj, 0, PY_NULL},
        {Q_mount_point, 0, PY_NULL},
        {Q_readonly, PY_ARG_KW_ONLY, PY_FALSE},
    };
    py_val a[3];
    py_parse_args(n_args, args, kw, 3, spec, a);
    if (a[0] == PY_NULL) {
        py_val list = py_list_new(0, NULL);
        for (vfs_mount *m = state()->mounts; m != NULL; m = m->next) {
            py_list_append(list, py_tuple2(m->fs, m->path));
        }
        return list;
    }
    if (a[1] == PY_NULL) {
        py_raise_type_error("mount() missing required argument 'mount_point'");
    }
    py_val abs = absolute(a[1]);
    py_vfs_mount(a[0], py_vfs_cstr(abs), py_truthy(a[2]));
    return PY_NONE;
}
PY_DEFINE_FUN_KW(py_os_mount_obj, 0, os_mount);

static py_val os_umount(py_val target) { return vfs_umount(target); }
PY_DEFINE_FUN_1(py_os_umount_obj, os_umount);

/* os.sync(): every mounted filesystem that can be synced is. */
static py_val os_sync(void) {
    for (vfs_mount *m = state()->mounts; m != NULL; m = m->next) {
        py_val dest[2];
        py_load_method_maybe(m->fs, Q_sync, dest);
        if (dest[0] != PY_NULL) {
            py_call_method(dest, 0, 0, NULL);
        }
    }
    return PY_NONE;
}
PY_DEFINE_FUN_0(py_os_sync_obj, os_sync);

/* ---------------------------------------------------------------- for a port's import */

int py_vfs_import_stat(const char *path) {
    volatile int kind = 0;
    py_nlr nlr;
    py_try(nlr) {
        py_val st = py_vfs_stat(py_str_from_cstr(path));
        py_int_t mode = py_get_int(py_subscr_load(st, PY_SMALL(0)));
        kind = (mode & MODE_DIR) ? 2 : (mode & MODE_FILE) ? 1 : 0;
        py_nlr_pop();
    }
    else {
        if (!py_exc_matches(nlr.exc, PY_OBJ(&py_type_OSError))) {
            py_raise(nlr.exc);
        }
    }
    return kind;
}

py_val py_vfs_read_file(const char *path) {
    volatile py_val f = PY_NULL;
    py_nlr nlr;
    py_try(nlr) {
        f = py_vfs_open(py_str_from_cstr(path), PY_QSTR(Q_rb));
        py_nlr_pop();
    }
    else {
        if (!py_exc_matches(nlr.exc, PY_OBJ(&py_type_OSError))) {
            py_raise(nlr.exc);
        }
        return PY_NULL;
    }
    py_val data = py_call_method_name(f, Q_read, 0, NULL);
    py_call_method_name(f, Q_close, 0, NULL);
    return data;
}
