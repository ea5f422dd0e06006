/* fs/fs.h: the flash filesystem of campy.
 *
 * Files and directories on a raw block device, stored in the littlefs v2
 * on-disk format (metadata pairs, CTZ skip-list files, inline files, global
 * move state), so images interoperate with other littlefs v2 implementations.
 * Every update is atomic: after a power cut at any point the filesystem mounts
 * and holds either the old or the new state of the interrupted operation.
 *
 * The filesystem never allocates memory. The caller provides the state
 * structs (fs_t, fs_file, fs_dir) and the cache buffers (fs_config, and one
 * buffer per open file). Errors are negative errno numbers (FS_ERR_*).
 */
#ifndef CAMPY_FS_H
#define CAMPY_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FS_NAME_MAX 255          /* longest file name in bytes */
#define FS_FILE_MAX 2147483647u  /* largest file in bytes */
#define FS_ATTR_MAX 1022         /* largest user attribute in bytes */
#define FS_BLOCK_NULL 0xffffffffu

/* Errors: negative errno values, the numbers MicroPython's errno uses. */
enum {
    FS_ERR_OK = 0,
    FS_ERR_NOENT = -2,         /* no such file or directory */
    FS_ERR_IO = -5,            /* device error or corrupted metadata */
    FS_ERR_BADF = -9,          /* file not open, or not open for this */
    FS_ERR_NOMEM = -12,        /* a caller-provided buffer is missing */
    FS_ERR_EXIST = -17,        /* entry already exists */
    FS_ERR_NODEV = -19,        /* no filesystem on the device */
    FS_ERR_NOTDIR = -20,       /* a path component is not a directory */
    FS_ERR_ISDIR = -21,        /* entry is a directory */
    FS_ERR_INVAL = -22,        /* bad argument or configuration */
    FS_ERR_FBIG = -27,         /* file would exceed FS_FILE_MAX */
    FS_ERR_NOSPC = -28,        /* no free blocks left */
    FS_ERR_NAMETOOLONG = -36,  /* a name exceeds the name limit */
    FS_ERR_NOTEMPTY = -39,     /* directory not empty */
    FS_ERR_NOATTR = -61,       /* no such user attribute */
};

/* Open flags: one of the access modes, plus any of the others. */
enum {
    FS_O_RDONLY = 1,
    FS_O_WRONLY = 2,
    FS_O_RDWR = 3,
    FS_O_CREAT = 0x0100,
    FS_O_EXCL = 0x0200,
    FS_O_TRUNC = 0x0400,
    FS_O_APPEND = 0x0800,
};

enum { FS_SEEK_SET = 0, FS_SEEK_CUR = 1, FS_SEEK_END = 2 };

enum { FS_TYPE_REG = 1, FS_TYPE_DIR = 2 };

/* The block device: erase blocks of block_size bytes. Reads happen in
 * multiples of read_size, programs in multiples of prog_size, both at offsets
 * aligned to those sizes. A program only ever targets erased bytes. Callbacks
 * return 0 or a negative error (any negative value is reported as
 * FS_ERR_IO). */
typedef struct fs_blockdev {
    void *ctx;
    int (*read)(void *ctx, uint32_t block, uint32_t offset, void *buffer,
                uint32_t size);
    int (*prog)(void *ctx, uint32_t block, uint32_t offset, const void *buffer,
                uint32_t size);
    int (*erase)(void *ctx, uint32_t block);
    int (*sync)(void *ctx); /* may be NULL */
    uint32_t read_size;
    uint32_t prog_size;
    uint32_t block_size;
    uint32_t block_count; /* 0 at mount: take the count the image records */
} fs_blockdev;

/* Tuning and memory. cache_size must be a multiple of read_size and
 * prog_size and divide block_size; read_buffer and prog_buffer hold
 * cache_size bytes each, lookahead_buffer lookahead_size bytes (8 blocks per
 * byte are tracked per allocation scan). Each open file needs one more
 * cache_size buffer, given to fs_file_open. */
typedef struct fs_config {
    int32_t block_cycles;   /* erases of a metadata block before it moves on;
                               <= 0 turns wear levelling of metadata off */
    uint32_t cache_size;
    uint32_t lookahead_size;
    void *read_buffer;
    void *prog_buffer;
    void *lookahead_buffer;
    uint32_t disk_version;  /* fs_format only: 0x00020001 (default when 0) or
                               0x00020000 for readers that predate v2.1 */
} fs_config;

typedef struct fs_info {
    uint8_t type;  /* FS_TYPE_REG or FS_TYPE_DIR */
    uint32_t size; /* bytes, files only */
    char name[FS_NAME_MAX + 1];
} fs_info;

typedef struct fs_stats {
    uint32_t block_size;
    uint32_t block_count;
    uint32_t blocks_free;
    uint32_t name_max;
    uint32_t disk_version;
} fs_stats;

/* What a block is used for, as reported by fs_traverse. */
enum { FS_BLOCK_META = 1, FS_BLOCK_DATA = 2 };

/* ---- state structs: allocated by the caller, fields are private ---- */

typedef struct fs_cache {
    uint32_t block; /* FS_BLOCK_NULL when empty */
    uint32_t off;
    uint32_t size;
    uint8_t *buf;
} fs_cache;

/* Global state: the XOR of every metadata pair's delta. Holds a pending
 * move (type 0x4ff, id, pair) and, in bit 31, the "threaded list may hold
 * orphans" flag. */
typedef struct fs_gstate {
    uint32_t tag;
    uint32_t pair[2];
} fs_gstate;

/* Common head of open files and directories: where their entry lives, so
 * commits that move entries can keep every open handle pointing at it. */
typedef struct fs_handle {
    struct fs_handle *next;
    uint32_t pair[2];
    uint16_t id;
    uint8_t kind;
    uint8_t detached;
} fs_handle;

typedef struct fs_file {
    fs_handle h;
    uint32_t flags;
    uint32_t pos;
    uint32_t size;       /* logical size, including unsynced writes */
    uint32_t head;       /* CTZ head of the chain being read or replaced */
    uint32_t chain_size; /* bytes that chain holds */
    uint32_t block;      /* block at the current read/write position */
    uint32_t off;        /* offset in that block */
    fs_cache cache;
} fs_file;

typedef struct fs_dir {
    fs_handle h;       /* h.pair/h.id: next entry to read */
    uint32_t head[2];  /* first pair of the directory */
    uint32_t pos;
    uint32_t hops;     /* pairs passed, to catch a chain in a circle */
} fs_dir;

typedef struct fs_t {
    fs_blockdev bd;
    int32_t block_cycles;
    uint32_t cache_size;
    uint32_t lookahead_size;
    uint32_t name_max;
    uint32_t file_max;
    uint32_t attr_max;
    uint32_t inline_max;
    uint32_t disk_version;
    uint32_t root[2];
    fs_cache rcache;
    fs_cache pcache;
    fs_gstate gdisk;     /* global state as the disk holds it */
    uint32_t orphans;    /* orphan-making operations in flight */
    uint32_t generation; /* bumped by every compaction */
    uint32_t seed;
    struct {
        uint8_t *bits;
        uint32_t start;  /* first block the window covers */
        uint32_t size;   /* blocks in the window */
        uint32_t next;   /* next bit to try */
        uint32_t budget; /* blocks still allowed before the next ack */
    } alloc;
    fs_handle *handles;
    bool mounted;
} fs_t;

/* ---- volume ---- */
int fs_format(fs_t *fs, const fs_blockdev *bd, const fs_config *cfg);
int fs_mount(fs_t *fs, const fs_blockdev *bd, const fs_config *cfg);
int fs_unmount(fs_t *fs);
int fs_statvfs(fs_t *fs, fs_stats *out);
/* Calls cb once for each block in use (metadata pairs, file data, the
 * blocks of open files); stops early when cb returns non-zero. */
int fs_traverse(fs_t *fs, int (*cb)(void *ctx, uint32_t block, int kind),
                void *ctx);

/* ---- names ---- */
int fs_stat(fs_t *fs, const char *path, fs_info *info);
int fs_remove(fs_t *fs, const char *path);
int fs_rename(fs_t *fs, const char *oldpath, const char *newpath);
int fs_mkdir(fs_t *fs, const char *path);
/* User attributes: small tagged values attached to an entry. getattr
 * returns the attribute's full size (copying at most size bytes). */
int32_t fs_getattr(fs_t *fs, const char *path, uint8_t type, void *buf,
                   uint32_t size);
int fs_setattr(fs_t *fs, const char *path, uint8_t type, const void *buf,
               uint32_t size);
int fs_removeattr(fs_t *fs, const char *path, uint8_t type);

/* ---- files ---- */
int fs_file_open(fs_t *fs, fs_file *file, const char *path, int flags,
                 void *buffer);
int fs_file_close(fs_t *fs, fs_file *file);
int32_t fs_file_read(fs_t *fs, fs_file *file, void *buf, uint32_t size);
int32_t fs_file_write(fs_t *fs, fs_file *file, const void *buf,
                      uint32_t size);
int32_t fs_file_seek(fs_t *fs, fs_file *file, int32_t off, int whence);
int32_t fs_file_tell(fs_t *fs, fs_file *file);
int32_t fs_file_size(fs_t *fs, fs_file *file);
int fs_file_truncate(fs_t *fs, fs_file *file, uint32_t size);
int fs_file_sync(fs_t *fs, fs_file *file);

/* ---- directories ---- */
int fs_dir_open(fs_t *fs, fs_dir *dir, const char *path);
/* 1 and fills info for the next entry, 0 at the end, or an error. */
int fs_dir_read(fs_t *fs, fs_dir *dir, fs_info *info);
int fs_dir_rewind(fs_t *fs, fs_dir *dir);
int fs_dir_close(fs_t *fs, fs_dir *dir);

/* A short English text for an FS_ERR_* value. */
const char *fs_strerror(int err);

#endif
