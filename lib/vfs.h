/*
 * vfs.h - the operating-system side of the standard modules: what a port
 * provides (clocks, entropy, a host directory), streams as C code sees them,
 * file objects, and the virtual filesystem (the mount table behind open(),
 * os and import on the board).
 *
 * A port fills py_os_hooks before py_init(); every hook may be left NULL
 * and the modules then fall back to something portable or raise OSError.
 * Error numbers are Linux's (as MicroPython's errno module has them).
 */
#ifndef CAMPY_VFS_H
#define CAMPY_VFS_H

#include "campy.h"

/* ---------------------------------------------------------------- port hooks */

/* Open flags for host files (a port maps them to its own). */
enum {
    PY_OPEN_READ = 1,
    PY_OPEN_WRITE = 2,
    PY_OPEN_CREATE = 4,
    PY_OPEN_EXCL = 8,
    PY_OPEN_TRUNC = 16,
    PY_OPEN_APPEND = 32,
};

/* What stat gives: the ten numbers of os.stat(). */
typedef struct py_stat_info {
    uint32_t mode; /* 0x4000 directory, 0x8000 file, plus permission bits */
    uint64_t ino, dev, nlink, uid, gid, size;
    int64_t atime, mtime, ctime; /* seconds since 1970-01-01 UTC */
} py_stat_info;

/* A directory entry; name is NUL-terminated. */
typedef struct py_dir_entry {
    char name[256];
    uint32_t type; /* 0x4000 directory, 0x8000 file, 0 unknown */
    uint64_t ino;
} py_dir_entry;

/* A host directory tree (os.VfsPosix). Paths are host paths, NUL-terminated.
 * Each function returns 0 or an errno value; none raises or allocates on the
 * Python heap. fd and dir handles are the port's own. */
typedef struct py_posix_ops {
    int (*open)(const char *path, unsigned flags, intptr_t *fd);
    int (*close)(intptr_t fd);
    int (*read)(intptr_t fd, void *buf, size_t n, size_t *got);
    int (*write)(intptr_t fd, const void *buf, size_t n, size_t *done);
    int (*seek)(intptr_t fd, long long offset, int whence, long long *pos);
    int (*fsync)(intptr_t fd);
    int (*stat)(const char *path, py_stat_info *st);
    int (*statvfs)(const char *path, uint64_t out[10]);
    int (*mkdir)(const char *path);
    int (*rmdir)(const char *path);
    int (*remove)(const char *path);
    int (*rename)(const char *from, const char *to);
    int (*opendir)(const char *path, void **dir);
    /* 1 and the entry, 0 at the end (the handle stays open), or -errno;
     * "." and ".." are left out. */
    int (*readdir)(void *dir, py_dir_entry *entry);
    void (*closedir)(void *dir);
} py_posix_ops;

typedef struct py_os_port {
    /* A monotonic clock in microseconds (time.ticks_us, sleeps, timeouts). */
    uint64_t (*ticks_us)(void);
    /* A fast cycle-like counter (time.ticks_cpu); NULL: ticks_us. */
    uint64_t (*ticks_cpu)(void);
    /* Wall clock: microseconds since 1970-01-01 00:00 UTC. */
    int64_t (*time_us)(void);
    /* Seconds to add to UTC for local time at that UTC moment (localtime). */
    int32_t (*utc_offset)(int64_t utc_seconds);
    /* Sleeps up to us microseconds; may return early, and must return soon
     * when py_pending becomes non-zero (Ctrl-C). */
    void (*sleep_us)(uint64_t us);
    /* Fills buf with n random bytes; false if there is no entropy source. */
    bool (*urandom)(void *buf, size_t n);
    /* true when a read of standard input would not block. */
    bool (*stdin_ready)(void);
    /* The host directory calls behind os.VfsPosix; NULL: no VfsPosix. */
    const py_posix_ops *posix;
    /* os.uname() fields; NULL ones get campy's defaults. */
    const char *sysname, *nodename, *release, *version, *machine;
    /* Year of the epoch of time.time(), localtime() and mktime(): 1970 on
     * the PC (as MicroPython's unix port), 2000 on the board (as
     * MicroPython's embedded ports). 0 means 1970. */
    int epoch_year;
    /* The input byte that raises KeyboardInterrupt (3, Ctrl-C) or -1 for
     * none (micropython.kbd_intr); NULL: Ctrl-C always interrupts. */
    void (*set_interrupt_char)(int c);
} py_os_port;
extern py_os_port py_os_hooks;

/* The clock hooks, with portable fallbacks when the port has none. */
uint64_t py_os_ticks_us(void);
int64_t py_os_time_us(void);
/* Sleeps, delivering Ctrl-C and scheduled callbacks (py_handle_pending). */
void py_os_sleep_us(uint64_t us);

/* py_st.extra[PY_VFS_ROOT_SLOT] holds the mount table, the current
 * directory and the dupterm streams. */
#define PY_VFS_ROOT_SLOT 15
/* py_st.extra[PY_MICROPYTHON_ROOT_SLOT]: the heap lock depth
 * (micropython.heap_lock), a small int. */
#define PY_MICROPYTHON_ROOT_SLOT 14
/* Unlocks the heap whatever the lock depth: a REPL calls it before its
 * prompt, as MicroPython's does, so a program that left the heap locked
 * cannot leave the REPL unusable. */
void py_heap_unlock_all(void);
/* py_st.extra[PY_SYS_ROOT_SLOT]: the function sys.atexit registered. */
#define PY_SYS_ROOT_SLOT 13
/* Calls the sys.atexit function, once: a port calls it when the program
 * ends (the runner before it exits, the board before a soft reset). */
void py_sys_atexit_run(void);

/* ---------------------------------------------------------------- streams */

/* The stream protocol of any value: its type's (or a base type's)
 * py_stream_proto, or NULL. */
const py_stream_proto *py_stream_proto_of(py_val v);
/* Read, write and poll any stream from C: C streams through their
 * protocol, Python objects through readinto/write/ioctl. Errors raise
 * OSError. read returns 0 at end of stream. */
size_t py_stream_read(py_val stream, void *buf, size_t n);
void py_stream_write(py_val stream, const void *buf, size_t n);
/* Ready events among `events` (PY_POLL_*), without waiting. */
uintptr_t py_stream_poll(py_val stream, uintptr_t events);

/* sys.stdin, sys.stdout, sys.stderr (text), then their .buffer (binary):
 * py_file objects, defined further down. */
#define PY_SYS_STDIO(i) PY_OBJ(&py_sys_stdio[i])

/* C memory lent to Python code as a memoryview for the length of a call
 * (block devices, readinto of Python streams); py_raw_view_end empties the
 * view, so Python code that kept it can no longer reach the memory. */
typedef struct py_raw_view {
    py_val obj, view; /* view: the memoryview to pass */
} py_raw_view;
py_raw_view py_raw_view_new(void *data, size_t len, bool writable);
void py_raw_view_end(py_raw_view *v);
/* os.dupterm slot i (0 or 1): a stream or PY_NONE; set returns the old one. */
py_val py_os_dupterm_get(size_t slot);
py_val py_os_dupterm_set(size_t slot, py_val stream);
/* For a port's terminal: output also goes to the dupterm streams; input
 * takes what they have ready (0 bytes if none; never waits). A stream that
 * fails is detached with a message on stderr. */
void py_os_dupterm_write(const char *s, size_t n);
size_t py_os_dupterm_read(char *buf, size_t n);
bool py_os_dupterm_active(void);

/* ---------------------------------------------------------------- file objects */

/* What a file object does, per backend. Each returns 0 or an errno value. */
typedef struct py_file_ops {
    int (*read)(py_val file, void *buf, size_t n, size_t *got);
    int (*write)(py_val file, const void *buf, size_t n, size_t *done);
    int (*seek)(py_val file, long long offset, int whence, long long *pos);
    int (*flush)(py_val file);
    int (*close)(py_val file);
    /* The collector found the file unreachable and open: release it
     * without calling Python code or allocating. */
    void (*finalise)(py_val file);
    bool readahead; /* seekable storage: readline() may read ahead */
} py_file_ops;

enum {
    PY_FILE_READ = 1,
    PY_FILE_WRITE = 2,
    PY_FILE_APPEND = 4,
    PY_FILE_TEXT = 8,
    PY_FILE_CLOSED = 16,
};

typedef struct py_file {
    py_head head; /* io.FileIO or io.TextIOWrapper */
    const py_file_ops *ops;
    py_val name;    /* what open() was given */
    py_val mode;    /* the mode string */
    py_val backend; /* the backend's object (kept alive by the file) */
    intptr_t fd;    /* the backend's handle */
    char *rbuf;     /* read-ahead of readline, or NULL */
    uint16_t rpos, rlen;
    uint16_t flags; /* PY_FILE_* */
} py_file;

/* Parses an open() mode string ("r", "wb", "a+" ...) into PY_OPEN_* flags
 * and whether it is text; ValueError for a bad mode. */
unsigned py_file_parse_mode(py_val mode, bool *text);
/* A new open file object (collected files are finalised) of size bytes,
 * at least sizeof(py_file): a backend may keep its own state after it. */
py_file *py_file_new(const py_file_ops *ops, size_t size, py_val name, py_val mode, bool text,
                     unsigned open_flags);
bool py_is_file(py_val v);
extern py_file py_sys_stdio[6];

/* ---------------------------------------------------------------- the VFS */

/* Mounts a filesystem object (anything with the VFS methods, or a block
 * device, which gets a VfsLfs2) at an absolute path. */
void py_vfs_mount(py_val fs, const char *path, bool readonly);
/* Unmounts everything (soft reset): open files on the filesystems are
 * flushed and closed. Errors are swallowed. */
void py_vfs_umount_all(void);

/* Path resolution: the filesystem object owning path (relative paths start
 * at the current directory; "." and ".." are resolved) and the path inside
 * it, or PY_NULL when path is the root and nothing is mounted there.
 * OSError(ENOENT) when no mount covers path. */
py_val py_vfs_lookup(py_val path, py_val *path_in_fs);

/* The operations of os and open() on a path. */
py_val py_vfs_open(py_val path, py_val mode);
py_val py_vfs_stat(py_val path);
py_val py_vfs_ilistdir(py_val path);

/* For a port's import hooks on the board: 0 missing, 1 file, 2 directory;
 * and a whole file as bytes, or PY_NULL. */
int py_vfs_import_stat(const char *path);
py_val py_vfs_read_file(const char *path);

/* Helpers for VFS implementations. */
/* A NUL-terminated heap copy of a str (ValueError for embedded NULs). */
const char *py_vfs_cstr(py_val str);
/* path made absolute against cwd (a str or PY_NULL for "/") and
 * normalised: "/a/b", never a trailing slash, "/" for the root. */
py_val py_vfs_normalise(py_val cwd, py_val path);
/* The stat 10-tuple. */
py_val py_vfs_stat_tuple(const py_stat_info *st);
/* An ilistdir tuple: (name, type, inode) or (name, type, inode, size). */
py_val py_vfs_dir_tuple(const char *name, uint32_t type, uint64_t ino, bool with_size,
                        uint64_t size);

extern const py_type py_type_vfs_posix, py_type_vfs_lfs2;

/* A block device in C (the board's flash partition): a Python object with
 * readblocks/writeblocks/ioctl like any block device, which VfsLfs2 drives
 * directly, without Python calls. The callbacks return 0 or a negative
 * errno value; reads and programs follow fs/fs.h's alignment rules. */
typedef struct py_blockdev_ops {
    int (*read)(void *ctx, uint32_t block, uint32_t offset, void *buf, uint32_t size);
    int (*prog)(void *ctx, uint32_t block, uint32_t offset, const void *buf, uint32_t size);
    int (*erase)(void *ctx, uint32_t block);
    int (*sync)(void *ctx); /* may be NULL */
    uint32_t block_size, block_count;
} py_blockdev_ops;
py_val py_blockdev_new(const py_blockdev_ops *ops, void *ctx);

#endif
