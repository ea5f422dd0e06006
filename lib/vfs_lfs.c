/*
 * vfs_lfs.c - os.VfsLfs2: a littlefs v2 filesystem (fs/) on a block device
 * object with MicroPython's protocol: readblocks(block, buf, offset),
 * writeblocks(block, buf, offset), ioctl(op, arg) with 1 init, 2 deinit,
 * 3 sync, 4 block count, 5 block size, 6 erase.
 *
 * fs/ calls back into the block device, which is usually Python code. An
 * exception there must not unwind through fs/ (its caches and handle list
 * would be left half-updated): the callbacks catch it, report an I/O error
 * to fs/, and the exception is raised again once fs/ has returned. A
 * filesystem is used by one caller at a time; a block device that calls
 * back into its own filesystem gets OSError(EBUSY).
 *
 * Open files and directory listings keep their fs/ state in a handle: a
 * heap block listed by the filesystem object (fs/ links the handles to
 * each other, so they must stay put while open). A file object collected
 * while still open cannot close its handle then (closing may call Python
 * code), so its finaliser only marks the handle; the filesystem closes
 * marked handles the next time it is used, and at umount.
 */
#include <string.h>

#include "campy.h"
#include "fs/fs.h"
#include "vfs.h"

enum {
    ERRNO_EIO = 5,
    ERRNO_EBADF = 9,
    ERRNO_EBUSY = 16,
    ERRNO_ENOTDIR = 20,
    ERRNO_EISDIR = 21,
    ERRNO_EINVAL = 22,
    ERRNO_EROFS = 30
};

enum {
    BDEV_INIT = 1,
    BDEV_DEINIT = 2,
    BDEV_SYNC = 3,
    BDEV_COUNT = 4,
    BDEV_SIZE = 5,
    BDEV_ERASE = 6
};

#define MODE_DIR 0x4000
#define MODE_FILE 0x8000
#define ATTR_MTIME 't' /* 8 bytes: nanoseconds since 1970, little-endian */

enum { HANDLE_FILE = 1, HANDLE_DIR = 2 };

typedef struct lfs_handle {
    union {
        fs_file file;
        fs_dir dir;
    } u;
    uint8_t kind;
    bool abandoned; /* its object was collected while open */
    bool closed;
    uint8_t cache[]; /* files: cache_size bytes */
} lfs_handle;

typedef struct vfs_lfs {
    py_head head;
    py_val bdev;
    py_val cwd;
    py_val pending_exc;   /* raised by the block device during an fs/ call */
    lfs_handle **handles; /* open handles */
    size_t n_handles, alloc_handles;
    uint8_t *buffers; /* read cache, program cache, lookahead */
    fs_blockdev bd;
    fs_config cfg;
    fs_t fs;
    bool mounted;  /* fs/ has it mounted */
    bool readonly; /* mounted read-only in the VFS */
    bool mtime;
    bool busy;
} vfs_lfs;

static vfs_lfs *lfs_of(py_val v) {
    if (!py_is_type(v, &py_type_vfs_lfs2)) {
        py_raise_type_error("expected a VfsLfs2, not '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

/* ---------------------------------------------------------------- the block device */

/* Calls a block device method; an exception is kept for later and fs/
 * gets an I/O error. Returns 0 or FS_ERR_IO. */
static int bdev_call(vfs_lfs *v, py_qstr method, size_t n_args, const py_val *args,
                     py_val *result) {
    if (v->pending_exc != PY_NULL) {
        return FS_ERR_IO; /* one failure ends the whole operation */
    }
    py_nlr nlr;
    py_try(nlr) {
        py_val r = py_call_method_name(v->bdev, method, n_args, args);
        if (result != NULL) {
            *result = r;
        }
        py_nlr_pop();
        return 0;
    }
    else {
        v->pending_exc = nlr.exc;
        return FS_ERR_IO;
    }
}

/* readblocks / writeblocks with the extended (offset) interface. */
static int bdev_transfer(vfs_lfs *v, py_qstr method, uint32_t block, uint32_t offset, void *buf,
                         uint32_t size, bool into) {
    py_raw_view view;
    py_val args[3];
    py_nlr nlr;
    py_try(nlr) {
        view = py_raw_view_new(buf, size, into);
        args[0] = py_int_from_u64(block);
        args[1] = view.view;
        args[2] = py_int_from_u64(offset);
        py_nlr_pop();
    }
    else {
        if (v->pending_exc == PY_NULL) {
            v->pending_exc = nlr.exc;
        }
        return FS_ERR_IO;
    }
    py_val r = PY_NONE;
    int err = bdev_call(v, method, 3, args, &r);
    py_raw_view_end(&view);
    py_int_t status;
    if (err == 0 && r != PY_NONE && py_get_int_maybe(r, &status) && status != 0) {
        err = FS_ERR_IO;
    }
    return err;
}

static int bd_read(void *ctx, uint32_t block, uint32_t offset, void *buffer, uint32_t size) {
    return bdev_transfer(ctx, Q_readblocks, block, offset, buffer, size, true);
}

static int bd_prog(void *ctx, uint32_t block, uint32_t offset, const void *buffer, uint32_t size) {
    return bdev_transfer(ctx, Q_writeblocks, block, offset, (void *)buffer, size, false);
}

/* ioctl(op, arg): its result, or PY_NULL after an exception. */
static py_val bdev_ioctl(vfs_lfs *v, int op, uint32_t arg) {
    py_val args[2] = {PY_SMALL(op), py_int_from_u64(arg)};
    py_val r = PY_NONE;
    return bdev_call(v, Q_ioctl, 2, args, &r) == 0 ? r : PY_NULL;
}

static int bd_erase(void *ctx, uint32_t block) {
    py_val r = bdev_ioctl(ctx, BDEV_ERASE, block);
    py_int_t status;
    if (r == PY_NULL || (r != PY_NONE && py_get_int_maybe(r, &status) && status != 0)) {
        return FS_ERR_IO;
    }
    return 0;
}

static int bd_sync(void *ctx) { return bdev_ioctl(ctx, BDEV_SYNC, 0) == PY_NULL ? FS_ERR_IO : 0; }

/* ---------------------------------------------------------------- block devices in C */

typedef struct c_blockdev {
    py_head head;
    const py_blockdev_ops *ops;
    void *ctx;
} c_blockdev;

static const py_type c_blockdev_type;

py_val py_blockdev_new(const py_blockdev_ops *ops, void *ctx) {
    c_blockdev *b = py_new(c_blockdev);
    b->head.type = &c_blockdev_type;
    b->ops = ops;
    b->ctx = ctx;
    return PY_OBJ(b);
}

static c_blockdev *c_blockdev_of(py_val v) {
    if (!py_is_type(v, &c_blockdev_type)) {
        py_raise_type_error("expected a block device, not '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

/* Checks a transfer against the device; the offset within the device. */
static void check_range(c_blockdev *b, py_val block, py_val offset, size_t len, uint32_t *blk,
                        uint32_t *off) {
    py_int_t n = py_get_int(block), o = offset == PY_NONE ? 0 : py_get_int(offset);
    uint64_t size = (uint64_t)b->ops->block_size * b->ops->block_count;
    if (n < 0 || o < 0 || (uint64_t)n * b->ops->block_size + (uint64_t)o + len > size) {
        py_raise_value_error("block device access out of range");
    }
    *blk = (uint32_t)n;
    *off = (uint32_t)o;
}

static void check_c(int err) {
    if (err < 0) {
        py_raise_oserror(-err);
    }
}

static py_val c_readblocks(size_t n_args, const py_val *args) {
    c_blockdev *b = c_blockdev_of(args[0]);
    py_buffer buf;
    py_get_buffer_or_raise(args[2], &buf, PY_BUFFER_WRITE);
    uint32_t blk, off;
    check_range(b, args[1], n_args > 3 ? args[3] : PY_NONE, buf.len, &blk, &off);
    check_c(b->ops->read(b->ctx, blk, off, buf.buf, (uint32_t)buf.len));
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(c_readblocks_obj, 3, 4, c_readblocks);

/* writeblocks(block, buf[, offset]): without an offset the blocks are
 * erased first, as the simple block device protocol says. */
static py_val c_writeblocks(size_t n_args, const py_val *args) {
    c_blockdev *b = c_blockdev_of(args[0]);
    py_buffer buf;
    py_get_buffer_or_raise(args[2], &buf, PY_BUFFER_READ);
    bool erase = n_args < 4 || args[3] == PY_NONE;
    uint32_t blk, off;
    check_range(b, args[1], erase ? PY_NONE : args[3], buf.len, &blk, &off);
    if (erase) {
        uint32_t bs = b->ops->block_size;
        for (uint32_t i = 0; i < (buf.len + bs - 1) / bs; i++) {
            check_c(b->ops->erase(b->ctx, blk + i));
        }
    }
    check_c(b->ops->prog(b->ctx, blk, off, buf.buf, (uint32_t)buf.len));
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(c_writeblocks_obj, 3, 4, c_writeblocks);

static py_val c_ioctl(py_val self, py_val op, py_val arg) {
    c_blockdev *b = c_blockdev_of(self);
    switch (py_get_int(op)) {
    case BDEV_INIT:
    case BDEV_DEINIT:
        return PY_SMALL(0);
    case BDEV_SYNC:
        check_c(b->ops->sync != NULL ? b->ops->sync(b->ctx) : 0);
        return PY_SMALL(0);
    case BDEV_COUNT:
        return py_int_from_u64(b->ops->block_count);
    case BDEV_SIZE:
        return py_int_from_u64(b->ops->block_size);
    case BDEV_ERASE: {
        py_int_t n = py_get_int(arg);
        if (n < 0 || (uint64_t)n >= b->ops->block_count) {
            py_raise_value_error("block device access out of range");
        }
        check_c(b->ops->erase(b->ctx, (uint32_t)n));
        return PY_SMALL(0);
    }
    default:
        return PY_NONE;
    }
}
PY_DEFINE_FUN_3(c_ioctl_obj, c_ioctl);

static const py_map_entry c_blockdev_locals_table[] = {
    {PY_QSTR(Q_readblocks), PY_OBJ(&c_readblocks_obj)},
    {PY_QSTR(Q_writeblocks), PY_OBJ(&c_writeblocks_obj)},
    {PY_QSTR(Q_ioctl), PY_OBJ(&c_ioctl_obj)},
};
PY_DEFINE_FIXED_DICT(c_blockdev_locals, c_blockdev_locals_table);

static const py_type c_blockdev_type = {
    .head = {&py_type_type},
    .name = Q_BlockDevice,
    .locals = PY_OBJ(&c_blockdev_locals),
};

/* ---------------------------------------------------------------- using fs/ */

static void close_handle(vfs_lfs *v, lfs_handle *h) {
    if (!h->closed) {
        h->closed = true;
        if (h->kind == HANDLE_FILE) {
            fs_file_close(&v->fs, &h->u.file);
        } else {
            fs_dir_close(&v->fs, &h->u.dir);
        }
    }
}

static void forget_handle(vfs_lfs *v, size_t i) {
    v->handles[i] = v->handles[--v->n_handles];
    v->handles[v->n_handles] = NULL;
}

/* Starts an fs/ call: no other one in progress, handles of collected
 * objects closed. Nothing between enter and leave may raise. */
static void enter(vfs_lfs *v) {
    if (v->busy) {
        py_raise_oserror(ERRNO_EBUSY);
    }
    if (!v->mounted) {
        py_raise_oserror(ERRNO_EIO);
    }
    v->busy = true;
    for (size_t i = 0; i < v->n_handles;) {
        lfs_handle *h = v->handles[i];
        if (h->abandoned || h->closed) {
            close_handle(v, h);
            forget_handle(v, i);
        } else {
            i++;
        }
    }
}

/* Ends an fs/ call: raises what the block device raised, else the error. */
static void leave(vfs_lfs *v, int err) {
    v->busy = false;
    if (v->pending_exc != PY_NULL) {
        py_val exc = v->pending_exc;
        v->pending_exc = PY_NULL;
        py_raise(exc);
    }
    if (err < 0) {
        py_raise_oserror(-err);
    }
}

/* Room for one more handle, made before enter(). */
static lfs_handle *new_handle(vfs_lfs *v, int kind) {
    if (v->n_handles == v->alloc_handles) {
        size_t alloc = v->alloc_handles < 4 ? 4 : v->alloc_handles * 2;
        lfs_handle **a = py_gc_alloc(alloc * sizeof(lfs_handle *));
        if (v->n_handles > 0) {
            memcpy(a, v->handles, v->n_handles * sizeof(lfs_handle *));
        }
        v->handles = a;
        v->alloc_handles = alloc;
    }
    size_t extra = kind == HANDLE_FILE ? v->cfg.cache_size : 0;
    /* a leaf: the handle must not keep its file object alive */
    lfs_handle *h = py_gc_alloc_flags(sizeof(lfs_handle) + extra, PY_GC_LEAF);
    h->kind = (uint8_t)kind;
    h->closed = true;
    return h;
}

static void add_handle(vfs_lfs *v, lfs_handle *h) {
    h->closed = false;
    v->handles[v->n_handles++] = h;
}

static void check_writable(vfs_lfs *v) {
    if (v->readonly) {
        py_raise_oserror(ERRNO_EROFS);
    }
}

/* The path inside the filesystem, NUL-terminated. */
static const char *fs_path(vfs_lfs *v, py_val path) {
    return py_vfs_cstr(py_vfs_normalise(v->cwd, path));
}

/* ---------------------------------------------------------------- files */

static vfs_lfs *file_lfs(py_val file) { return py_ptr(((py_file *)py_ptr(file))->backend); }
static lfs_handle *file_handle(py_val file) { return (lfs_handle *)((py_file *)py_ptr(file))->fd; }

static int file_read(py_val file, void *buf, size_t n, size_t *got) {
    vfs_lfs *v = file_lfs(file);
    lfs_handle *h = file_handle(file);
    if (h->closed) {
        return ERRNO_EBADF;
    }
    if (n > 0x7fffffff) {
        n = 0x7fffffff;
    }
    enter(v);
    int32_t r = fs_file_read(&v->fs, &h->u.file, buf, (uint32_t)n);
    leave(v, r < 0 ? r : 0);
    *got = (size_t)r;
    return 0;
}

static int file_write(py_val file, const void *buf, size_t n, size_t *done) {
    vfs_lfs *v = file_lfs(file);
    lfs_handle *h = file_handle(file);
    if (h->closed) {
        return ERRNO_EBADF;
    }
    if (n > 0x7fffffff) {
        n = 0x7fffffff;
    }
    enter(v);
    int32_t r = fs_file_write(&v->fs, &h->u.file, buf, (uint32_t)n);
    leave(v, r < 0 ? r : 0);
    *done = (size_t)r;
    return 0;
}

static int file_seek(py_val file, long long offset, int whence, long long *pos) {
    vfs_lfs *v = file_lfs(file);
    lfs_handle *h = file_handle(file);
    if (h->closed) {
        return ERRNO_EBADF;
    }
    if (offset > 0x7fffffff || offset < -0x7fffffff) {
        return ERRNO_EINVAL;
    }
    enter(v);
    int32_t r = fs_file_seek(&v->fs, &h->u.file, (int32_t)offset, whence);
    leave(v, r < 0 ? r : 0);
    *pos = r;
    return 0;
}

static int file_flush(py_val file) {
    vfs_lfs *v = file_lfs(file);
    lfs_handle *h = file_handle(file);
    if (h->closed) {
        return ERRNO_EBADF;
    }
    enter(v);
    leave(v, fs_file_sync(&v->fs, &h->u.file));
    return 0;
}

static int file_close(py_val file) {
    vfs_lfs *v = file_lfs(file);
    lfs_handle *h = file_handle(file);
    if (h->closed) {
        return 0; /* closed by umount */
    }
    enter(v);
    h->closed = true;
    int err = fs_file_close(&v->fs, &h->u.file);
    for (size_t i = 0; i < v->n_handles; i++) {
        if (v->handles[i] == h) {
            forget_handle(v, i);
            break;
        }
    }
    leave(v, err);
    return 0;
}

/* From the collector: nothing but a mark (see the top of the file). */
static void file_finalise(py_val file) {
    lfs_handle *h = file_handle(file);
    if (h != NULL) {
        h->abandoned = true;
    }
}

static const py_file_ops lfs_file_ops = {file_read,  file_write,    file_seek, file_flush,
                                         file_close, file_finalise, true};

static int fs_open_flags(unsigned flags) {
    int f = (flags & PY_OPEN_READ) && (flags & PY_OPEN_WRITE) ? FS_O_RDWR
            : (flags & PY_OPEN_WRITE)                         ? FS_O_WRONLY
                                                              : FS_O_RDONLY;
    f |= (flags & PY_OPEN_CREATE) ? FS_O_CREAT : 0;
    f |= (flags & PY_OPEN_EXCL) ? FS_O_EXCL : 0;
    f |= (flags & PY_OPEN_TRUNC) ? FS_O_TRUNC : 0;
    f |= (flags & PY_OPEN_APPEND) ? FS_O_APPEND : 0;
    return f;
}

static void put_le64(uint8_t *p, uint64_t x) {
    for (int i = 0; i < 8; i++) {
        p[i] = (uint8_t)(x >> (8 * i));
    }
}

static py_val lfs_open(py_val self, py_val path, py_val mode) {
    vfs_lfs *v = lfs_of(self);
    bool text;
    unsigned flags = py_file_parse_mode(mode, &text);
    if (flags & PY_OPEN_WRITE) {
        check_writable(v);
    }
    const char *p = fs_path(v, path);
    py_file *f = py_file_new(&lfs_file_ops, sizeof(py_file), path, mode, text, flags);
    f->backend = self;
    f->flags |= PY_FILE_CLOSED; /* until fs/ has opened it */
    lfs_handle *h = new_handle(v, HANDLE_FILE);
    enter(v);
    int err = fs_file_open(&v->fs, &h->u.file, p, fs_open_flags(flags), h->cache);
    if (err == 0) {
        add_handle(v, h);
        f->fd = (intptr_t)h;
        f->flags &= (uint16_t)~PY_FILE_CLOSED;
        if ((flags & PY_OPEN_WRITE) && v->mtime) {
            uint8_t stamp[8];
            put_le64(stamp, (uint64_t)py_os_time_us() * 1000u);
            fs_setattr(&v->fs, p, ATTR_MTIME, stamp, 8); /* a missing time is no error */
        }
    }
    leave(v, err);
    return PY_OBJ(f);
}
PY_DEFINE_FUN_3(lfs_open_obj, lfs_open);

/* ---------------------------------------------------------------- directories */

typedef struct lfs_dir_iter {
    py_head head;
    py_val vfs;
    lfs_handle *h; /* NULL once finished */
} lfs_dir_iter;

static void dir_finish(lfs_dir_iter *it, vfs_lfs *v) {
    lfs_handle *h = it->h;
    it->h = NULL;
    if (!h->closed) {
        h->closed = true;
        fs_dir_close(&v->fs, &h->u.dir);
    }
    for (size_t i = 0; i < v->n_handles; i++) {
        if (v->handles[i] == h) {
            forget_handle(v, i);
            break;
        }
    }
}

static py_val dir_iternext(py_val self) {
    lfs_dir_iter *it = py_ptr(self);
    if (it->h == NULL) {
        return PY_STOP;
    }
    vfs_lfs *v = py_ptr(it->vfs);
    if (it->h->closed) {
        it->h = NULL;
        return PY_STOP;
    }
    fs_info info;
    enter(v);
    int r = fs_dir_read(&v->fs, &it->h->u.dir, &info);
    if (r <= 0) {
        dir_finish(it, v);
    }
    leave(v, r < 0 ? r : 0);
    if (r == 0) {
        return PY_STOP;
    }
    info.name[FS_NAME_MAX] = 0;
    bool dir = info.type == FS_TYPE_DIR;
    return py_vfs_dir_tuple(info.name, dir ? MODE_DIR : MODE_FILE, 0, true, dir ? 0 : info.size);
}

static void dir_iter_finalise(py_val self) {
    lfs_dir_iter *it = py_ptr(self);
    if (it->h != NULL) {
        it->h->abandoned = true;
    }
}

static const py_type lfs_dir_iter_type = {
    .head = {&py_type_type},
    .name = Q_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .iternext = dir_iternext,
    .finalise = dir_iter_finalise,
};

static py_val lfs_ilistdir(size_t n_args, const py_val *args) {
    vfs_lfs *v = lfs_of(args[0]);
    const char *p = fs_path(v, n_args > 1 ? args[1] : v->cwd);
    lfs_dir_iter *it = py_gc_alloc_flags(sizeof(lfs_dir_iter), PY_GC_FINALISE);
    it->head.type = &lfs_dir_iter_type;
    it->vfs = args[0];
    lfs_handle *h = new_handle(v, HANDLE_DIR);
    enter(v);
    int err = fs_dir_open(&v->fs, &h->u.dir, p);
    if (err == 0) {
        add_handle(v, h);
        it->h = h;
    }
    leave(v, err);
    return PY_OBJ(it);
}
PY_DEFINE_FUN_VAR(lfs_ilistdir_obj, 1, 2, lfs_ilistdir);

/* ---------------------------------------------------------------- names */

static uint64_t get_le64(const uint8_t *p) {
    uint64_t x = 0;
    for (int i = 7; i >= 0; i--) {
        x = x << 8 | p[i];
    }
    return x;
}

/* fs_stat of a path, raising on errors. */
static void stat_path(vfs_lfs *v, const char *p, fs_info *info, int64_t *mtime) {
    uint8_t stamp[8];
    enter(v);
    int err = fs_stat(&v->fs, p, info);
    int32_t got = err == 0 && mtime != NULL ? fs_getattr(&v->fs, p, ATTR_MTIME, stamp, 8) : 0;
    leave(v, err);
    if (mtime != NULL) {
        *mtime = got == 8 ? (int64_t)(get_le64(stamp) / 1000000000u) : 0;
    }
}

static py_val lfs_stat(py_val self, py_val path) {
    vfs_lfs *v = lfs_of(self);
    fs_info info;
    int64_t mtime;
    stat_path(v, fs_path(v, path), &info, &mtime);
    py_stat_info st;
    memset(&st, 0, sizeof(st));
    st.mode = info.type == FS_TYPE_DIR ? MODE_DIR : MODE_FILE;
    st.size = info.type == FS_TYPE_DIR ? 0 : info.size;
    st.atime = st.mtime = st.ctime = mtime;
    return py_vfs_stat_tuple(&st);
}
PY_DEFINE_FUN_2(lfs_stat_obj, lfs_stat);

static py_val lfs_statvfs(py_val self, py_val path) {
    vfs_lfs *v = lfs_of(self);
    (void)path;
    fs_stats s;
    enter(v);
    leave(v, fs_statvfs(&v->fs, &s));
    py_val items[10] = {
        py_int_from_u64(s.block_size),
        py_int_from_u64(s.block_size),
        py_int_from_u64(s.block_count),
        py_int_from_u64(s.blocks_free),
        py_int_from_u64(s.blocks_free),
        PY_SMALL(0),
        PY_SMALL(0),
        PY_SMALL(0),
        PY_SMALL(v->readonly ? 1 : 0),
        py_int_from_u64(s.name_max),
    };
    return py_tuple_new(10, items);
}
PY_DEFINE_FUN_2(lfs_statvfs_obj, lfs_statvfs);

static py_val lfs_mkdir(py_val self, py_val path) {
    vfs_lfs *v = lfs_of(self);
    check_writable(v);
    const char *p = fs_path(v, path);
    enter(v);
    int err = fs_mkdir(&v->fs, p);
    if (err == 0 && v->mtime) {
        uint8_t stamp[8];
        put_le64(stamp, (uint64_t)py_os_time_us() * 1000u);
        fs_setattr(&v->fs, p, ATTR_MTIME, stamp, 8);
    }
    leave(v, err);
    return PY_NONE;
}
PY_DEFINE_FUN_2(lfs_mkdir_obj, lfs_mkdir);

/* remove() takes files, rmdir() directories, as on other systems. */
static py_val remove_kind(py_val self, py_val path, bool dir) {
    vfs_lfs *v = lfs_of(self);
    check_writable(v);
    const char *p = fs_path(v, path);
    fs_info info;
    stat_path(v, p, &info, NULL);
    if (dir != (info.type == FS_TYPE_DIR)) {
        py_raise_oserror(dir ? ERRNO_ENOTDIR : ERRNO_EISDIR);
    }
    enter(v);
    leave(v, fs_remove(&v->fs, p));
    return PY_NONE;
}

static py_val lfs_remove(py_val self, py_val path) { return remove_kind(self, path, false); }
PY_DEFINE_FUN_2(lfs_remove_obj, lfs_remove);

static py_val lfs_rmdir(py_val self, py_val path) { return remove_kind(self, path, true); }
PY_DEFINE_FUN_2(lfs_rmdir_obj, lfs_rmdir);

static py_val lfs_rename(py_val self, py_val from, py_val to) {
    vfs_lfs *v = lfs_of(self);
    check_writable(v);
    const char *a = fs_path(v, from);
    const char *b = fs_path(v, to);
    enter(v);
    leave(v, fs_rename(&v->fs, a, b));
    return PY_NONE;
}
PY_DEFINE_FUN_3(lfs_rename_obj, lfs_rename);

static py_val lfs_chdir(py_val self, py_val path) {
    vfs_lfs *v = lfs_of(self);
    py_val to = py_vfs_normalise(v->cwd, path);
    fs_info info;
    stat_path(v, py_vfs_cstr(to), &info, NULL);
    if (info.type != FS_TYPE_DIR) {
        py_raise_oserror(ERRNO_ENOTDIR);
    }
    v->cwd = to;
    return PY_NONE;
}
PY_DEFINE_FUN_2(lfs_chdir_obj, lfs_chdir);

static py_val lfs_getcwd(py_val self) { return lfs_of(self)->cwd; }
PY_DEFINE_FUN_1(lfs_getcwd_obj, lfs_getcwd);

/* ---------------------------------------------------------------- the volume */

/* Closes every open handle, writing out what files still hold. */
static void close_all(vfs_lfs *v) {
    enter(v);
    int first_err = 0;
    while (v->n_handles > 0) {
        lfs_handle *h = v->handles[v->n_handles - 1];
        if (!h->closed) {
            h->closed = true;
            int err = h->kind == HANDLE_FILE ? fs_file_close(&v->fs, &h->u.file)
                                             : fs_dir_close(&v->fs, &h->u.dir);
            if (first_err == 0) {
                first_err = err;
            }
        }
        forget_handle(v, v->n_handles - 1);
    }
    leave(v, first_err);
}

static int format_volume(vfs_lfs *v) {
    int err = fs_format(&v->fs, &v->bd, &v->cfg);
    if (err == 0) {
        err = fs_mount(&v->fs, &v->bd, &v->cfg);
    }
    return err;
}

static py_val lfs_mount(py_val self, py_val readonly, py_val mkfs) {
    vfs_lfs *v = lfs_of(self);
    if (py_truthy(mkfs)) {
        if (v->mounted) {
            close_all(v);
            fs_unmount(&v->fs);
            v->mounted = false;
        }
        v->busy = true;
        int err = format_volume(v);
        v->mounted = err == 0;
        leave(v, err);
    }
    v->readonly = py_truthy(readonly);
    return PY_NONE;
}
PY_DEFINE_FUN_3(lfs_mount_obj, lfs_mount);

static py_val lfs_umount(py_val self) {
    vfs_lfs *v = lfs_of(self);
    if (v->mounted) {
        close_all(v);
        enter(v);
        leave(v, v->bd.sync != NULL ? v->bd.sync(v->bd.ctx) : 0);
    }
    return PY_NONE;
}
PY_DEFINE_FUN_1(lfs_umount_obj, lfs_umount);

/* Writes out every open file (os.sync). */
static py_val lfs_sync(py_val self) {
    vfs_lfs *v = lfs_of(self);
    enter(v);
    int first_err = 0;
    for (size_t i = 0; i < v->n_handles; i++) {
        lfs_handle *h = v->handles[i];
        if (h->kind == HANDLE_FILE && !h->closed) {
            int err = fs_file_sync(&v->fs, &h->u.file);
            if (first_err == 0) {
                first_err = err;
            }
        }
    }
    leave(v, first_err);
    return PY_NONE;
}
PY_DEFINE_FUN_1(lfs_sync_obj, lfs_sync);

/* ---------------------------------------------------------------- making one */

static uint32_t get_u32(py_val v, const char *what) {
    py_int_t n = py_get_int(v);
    if (n <= 0 || (uint64_t)n > 0x7fffffff) {
        py_raise_value_error("%s must be positive", what);
    }
    return (uint32_t)n;
}

/* A filesystem object on bdev, not yet mounted by fs/. */
static vfs_lfs *lfs_new(const py_type *type, py_val bdev, const py_val opts[3]) {
    vfs_lfs *v = py_new(vfs_lfs);
    v->head.type = type;
    v->bdev = bdev;
    v->cwd = py_str_from_cstr("/");
    v->mtime = true;
    uint32_t read_size = get_u32(opts[0], "readsize");
    uint32_t prog_size = get_u32(opts[1], "progsize");
    uint32_t lookahead = get_u32(opts[2], "lookahead");

    uint32_t block_size, block_count;
    if (py_is_type(bdev, &c_blockdev_type)) {
        const py_blockdev_ops *ops = ((c_blockdev *)py_ptr(bdev))->ops;
        block_size = ops->block_size;
        block_count = ops->block_count;
    } else {
        py_val r = bdev_ioctl(v, BDEV_INIT, 0);
        py_val size = r == PY_NULL ? PY_NULL : bdev_ioctl(v, BDEV_SIZE, 0);
        py_val count = size == PY_NULL ? PY_NULL : bdev_ioctl(v, BDEV_COUNT, 0);
        leave(v, 0);
        block_size = size == PY_NONE ? 512 : get_u32(size, "block size");
        block_count = get_u32(count, "block count");
    }
    if (read_size > block_size || prog_size > block_size || block_size % read_size ||
        block_size % prog_size) {
        py_raise_value_error("readsize and progsize must divide the block size");
    }
    uint32_t unit = read_size > prog_size ? read_size : prog_size;
    if (unit % read_size || unit % prog_size) {
        py_raise_value_error("readsize and progsize must divide each other");
    }
    /* a cache of up to four units, as long as it divides the block */
    uint32_t cache = unit;
    while (cache * 2 <= unit * 4 && block_size % (cache * 2) == 0) {
        cache *= 2;
    }
    lookahead = (lookahead + 7) / 8 * 8;
    v->buffers = py_gc_alloc_flags(2 * (size_t)cache + lookahead, PY_GC_LEAF);

    if (py_is_type(bdev, &c_blockdev_type)) {
        c_blockdev *b = py_ptr(bdev);
        v->bd.ctx = b->ctx;
        v->bd.read = b->ops->read;
        v->bd.prog = b->ops->prog;
        v->bd.erase = b->ops->erase;
        v->bd.sync = b->ops->sync;
    } else {
        v->bd.ctx = v;
        v->bd.read = bd_read;
        v->bd.prog = bd_prog;
        v->bd.erase = bd_erase;
        v->bd.sync = bd_sync;
    }
    v->bd.read_size = read_size;
    v->bd.prog_size = prog_size;
    v->bd.block_size = block_size;
    v->bd.block_count = block_count;
    v->cfg.block_cycles = 100;
    v->cfg.cache_size = cache;
    v->cfg.lookahead_size = lookahead;
    v->cfg.read_buffer = v->buffers;
    v->cfg.prog_buffer = v->buffers + cache;
    v->cfg.lookahead_buffer = v->buffers + 2 * cache;
    return v;
}

static const py_arg_spec lfs_spec[] = {
    {Q_block_dev, PY_ARG_REQUIRED, PY_NULL},
    {Q_readsize, 0, PY_SMALL(32)},
    {Q_progsize, 0, PY_SMALL(32)},
    {Q_lookahead, 0, PY_SMALL(32)},
    {Q_mtime, 0, PY_TRUE},
};

static py_val lfs_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    py_val a[5];
    py_parse_args_raw(n_args, n_kw, args, 5, lfs_spec, a);
    vfs_lfs *v = lfs_new(type, a[0], a + 1);
    v->mtime = py_truthy(a[4]);
    v->busy = true;
    int err = fs_mount(&v->fs, &v->bd, &v->cfg);
    v->mounted = err == 0;
    leave(v, err);
    return PY_OBJ(v);
}

/* VfsLfs2.mkfs(block_dev, readsize=32, progsize=32, lookahead=32) */
static py_val lfs_mkfs(size_t n_args, const py_val *args, py_map *kw) {
    py_val a[5];
    py_parse_args(n_args, args, kw, 4, lfs_spec, a);
    vfs_lfs *v = lfs_new(&py_type_vfs_lfs2, a[0], a + 1);
    v->busy = true;
    int err = format_volume(v);
    if (err == 0) {
        fs_unmount(&v->fs);
    }
    leave(v, err);
    return PY_NONE;
}
PY_DEFINE_FUN_KW(lfs_mkfs_fun_obj, 1, lfs_mkfs);
PY_DEFINE_STATICMETHOD(lfs_mkfs_obj, lfs_mkfs_fun_obj);

static void lfs_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_printf(out, "<VfsLfs2 on %r>", ((vfs_lfs *)py_ptr(self))->bdev);
}

static const py_map_entry lfs_locals_table[] = {
    {PY_QSTR(Q_mkfs), PY_OBJ(&lfs_mkfs_obj)},         {PY_QSTR(Q_mount), PY_OBJ(&lfs_mount_obj)},
    {PY_QSTR(Q_umount), PY_OBJ(&lfs_umount_obj)},     {PY_QSTR(Q_open), PY_OBJ(&lfs_open_obj)},
    {PY_QSTR(Q_ilistdir), PY_OBJ(&lfs_ilistdir_obj)}, {PY_QSTR(Q_chdir), PY_OBJ(&lfs_chdir_obj)},
    {PY_QSTR(Q_getcwd), PY_OBJ(&lfs_getcwd_obj)},     {PY_QSTR(Q_mkdir), PY_OBJ(&lfs_mkdir_obj)},
    {PY_QSTR(Q_remove), PY_OBJ(&lfs_remove_obj)},     {PY_QSTR(Q_rename), PY_OBJ(&lfs_rename_obj)},
    {PY_QSTR(Q_rmdir), PY_OBJ(&lfs_rmdir_obj)},       {PY_QSTR(Q_stat), PY_OBJ(&lfs_stat_obj)},
    {PY_QSTR(Q_statvfs), PY_OBJ(&lfs_statvfs_obj)},   {PY_QSTR(Q_sync), PY_OBJ(&lfs_sync_obj)},
};
PY_DEFINE_FIXED_DICT(lfs_locals, lfs_locals_table);

const py_type py_type_vfs_lfs2 = {
    .head = {&py_type_type},
    .name = Q_VfsLfs2,
    .print = lfs_print,
    .make_new = lfs_make_new,
    .locals = PY_OBJ(&lfs_locals),
};
