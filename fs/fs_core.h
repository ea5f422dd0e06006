/* fs/fs_core.h: declarations shared by the files of fs/, not part of the
 * public API.
 *
 * On-disk vocabulary (littlefs v2): a metadata pair is two blocks holding an
 * append-only log of commits; each commit is a run of 32-bit tags (stored
 * big-endian, each XORed with the one before it) with their data, closed by
 * a CRC tag. A tag is [valid:1][type:11][id:10][size:10]. Entries of a
 * directory are numbered by id inside each pair; CREATE and DELETE tags
 * shift the ids after them.
 */
#ifndef CAMPY_FS_CORE_H
#define CAMPY_FS_CORE_H

#include "fs.h"

#include <string.h>

/* Internal result: the layout of the pairs changed under a commit, so the
 * caller must look its entries up again and retry. Never leaves fs/. */
#define FS_RETRY (-1000)

/* ---- tags ---- */
enum {
    TYPE_NAME = 0x000,
    TYPE_REG = 0x001,
    TYPE_DIR = 0x002,
    TYPE_SUPERBLOCK = 0x0ff,
    TYPE_STRUCT = 0x200,
    TYPE_DIRSTRUCT = 0x200,
    TYPE_INLINE = 0x201,
    TYPE_CTZ = 0x202,
    TYPE_USERATTR = 0x300,
    TYPE_SPLICE = 0x400,
    TYPE_CREATE = 0x401,
    TYPE_DELETE = 0x4ff,
    TYPE_CRC = 0x500,
    TYPE_FCRC = 0x5ff,
    TYPE_TAIL = 0x600,
    TYPE_SOFTTAIL = 0x600,
    TYPE_HARDTAIL = 0x601,
    TYPE_GSTATE = 0x700,
    TYPE_MOVESTATE = 0x7ff,
};

#define ID_NONE 0x3ffu
#define SIZE_DELETED 0x3ffu
#define TAG_INVALID 0x80000000u

static inline uint32_t fs_tag(uint32_t type, uint32_t id, uint32_t size) {
    return (type << 20) | (id << 10) | size;
}
static inline uint32_t tag_type(uint32_t t) { return (t >> 20) & 0x7ff; }
static inline uint32_t tag_type1(uint32_t t) { return (t >> 20) & 0x700; }
static inline uint32_t tag_chunk(uint32_t t) { return (t >> 20) & 0xff; }
static inline uint32_t tag_id(uint32_t t) { return (t >> 10) & 0x3ff; }
static inline uint32_t tag_size(uint32_t t) { return t & 0x3ff; }
static inline bool tag_deleted(uint32_t t) { return (t & 0x3ff) == 0x3ff; }
static inline uint32_t tag_dsize(uint32_t t) {
    return 4 + (tag_deleted(t) ? 0 : tag_size(t));
}
static inline uint32_t tag_with_id(uint32_t t, uint32_t id) {
    return (t & ~fs_tag(0, 0x3ff, 0)) | fs_tag(0, id, 0);
}
/* A commit-closing CRC tag (as opposed to the forward CRC, 0x5ff). */
static inline bool tag_is_ccrc(uint32_t t) {
    return tag_type1(t) == TYPE_CRC && !(tag_chunk(t) & 0x80);
}

/* ---- little and big endian ---- */
static inline uint32_t fs_le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}
static inline void fs_put_le32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static inline uint32_t fs_be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           (uint32_t)p[3];
}
static inline void fs_put_be32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static inline uint32_t fs_min(uint32_t a, uint32_t b) { return a < b ? a : b; }
static inline uint32_t fs_max(uint32_t a, uint32_t b) { return a > b ? a : b; }
static inline uint32_t fs_align_up(uint32_t a, uint32_t n) {
    return (a + n - 1) / n * n;
}
static inline uint32_t fs_align_down(uint32_t a, uint32_t n) {
    return a / n * n;
}
static inline uint32_t fs_ctz(uint32_t v) {
    uint32_t n = 0;
    while (!(v & 1) && n < 32) {
        v >>= 1;
        n++;
    }
    return n;
}
static inline uint32_t fs_popcount(uint32_t v) {
    uint32_t n = 0;
    while (v) {
        v &= v - 1;
        n++;
    }
    return n;
}

/* ---- pairs ---- */
static inline bool pair_isnull(const uint32_t p[2]) {
    return p[0] == FS_BLOCK_NULL || p[1] == FS_BLOCK_NULL;
}
/* The same two blocks, in either order. */
static inline bool pair_same(const uint32_t a[2], const uint32_t b[2]) {
    return (a[0] == b[0] && a[1] == b[1]) || (a[0] == b[1] && a[1] == b[0]);
}
/* Shares at least one block: a pair that was partly relocated. */
static inline bool pair_overlap(const uint32_t a[2], const uint32_t b[2]) {
    return a[0] == b[0] || a[0] == b[1] || a[1] == b[0] || a[1] == b[1];
}

/* Loop detection for lists of pairs on a corrupted disk (Brent's method):
 * a marker jumps to the current pair after 1, 2, 4, ... steps; meeting it
 * again means the list runs in a circle. Costs O(list length), whatever
 * the disk size. */
typedef struct fs_loop {
    uint32_t mark[2];
    uint32_t steps, power;
} fs_loop;

static inline void loop_init(fs_loop *l) {
    l->mark[0] = l->mark[1] = FS_BLOCK_NULL;
    l->steps = 0;
    l->power = 1;
}

static inline bool loop_seen(fs_loop *l, const uint32_t pair[2]) {
    if (pair_same(l->mark, pair))
        return true;
    if (++l->steps == l->power) {
        l->mark[0] = pair[0];
        l->mark[1] = pair[1];
        l->steps = 0;
        if (l->power < 0x80000000u)
            l->power *= 2;
    }
    return false;
}

/* ---- global state ---- */
static inline bool gstate_hasmove(const fs_gstate *g) {
    return tag_type(g->tag) == TYPE_DELETE;
}
static inline bool gstate_hasmovehere(const fs_gstate *g,
                                      const uint32_t pair[2]) {
    return gstate_hasmove(g) && pair_same(g->pair, pair);
}
static inline bool gstate_haswork(const fs_gstate *g) {
    return gstate_hasmove(g) || (g->tag & TAG_INVALID);
}
static inline void gstate_xor(fs_gstate *a, const fs_gstate *b) {
    a->tag ^= b->tag;
    a->pair[0] ^= b->pair[0];
    a->pair[1] ^= b->pair[1];
}
static inline bool gstate_iszero(const fs_gstate *g) {
    return g->tag == 0 && g->pair[0] == 0 && g->pair[1] == 0;
}

/* A fetched metadata pair: pair[0] holds the newest valid log. */
typedef struct fs_mdir {
    uint32_t pair[2];
    uint32_t rev;
    uint32_t off;   /* end of the last valid commit */
    uint32_t etag;  /* XOR-chain value after that commit */
    uint16_t count; /* ids in use */
    bool erased;    /* the log can be appended to at off */
    bool split;     /* tail is a hard tail (same directory) */
    uint32_t tail[2];
    fs_gstate delta;
} fs_mdir;

/* One entry of a commit: a tag with its data from memory, or (from != NULL)
 * every non-name tag of entry from_id of pair `from`, renumbered to the
 * tag's id (used to move an entry between pairs). */
typedef struct fs_attr {
    uint32_t tag;
    const void *data;
    const fs_mdir *from;
    uint16_t from_id;
} fs_attr;

/* ---- fs_bd.c: block device access through the caches ---- */
uint32_t fs_crc32(uint32_t crc, const void *buf, size_t size);
void fs_cache_drop(fs_cache *c);
int fs_bd_read(fs_t *fs, const fs_cache *extra, uint32_t block, uint32_t off,
               void *buf, uint32_t size);
int fs_bd_read_small(fs_t *fs, const fs_cache *extra, uint32_t block,
                     uint32_t off, void *buf, uint32_t size);
/* The same, filling `cache` (a file's buffer) instead of the read cache. */
int fs_bd_read_into(fs_t *fs, fs_cache *cache, uint32_t block, uint32_t off,
                    void *buf, uint32_t size);
int fs_bd_prog(fs_t *fs, fs_cache *pc, uint32_t block, uint32_t off,
               const void *buf, uint32_t size);
int fs_bd_flush(fs_t *fs, fs_cache *pc);
int fs_bd_erase(fs_t *fs, uint32_t block);
int fs_bd_sync(fs_t *fs);
int fs_bd_crc(fs_t *fs, uint32_t block, uint32_t off, uint32_t size,
              uint32_t *crc);
/* <0 error, 0 equal, 1 disk sorts first, 2 buf sorts first. Bytes compare
 * unsigned; when one name is a prefix of the other, the longer sorts first
 * (the order littlefs keeps directories in). */
int fs_bd_cmp(fs_t *fs, uint32_t block, uint32_t off, uint32_t disk_size,
              const void *buf, uint32_t size);
static inline bool fs_block_ok(const fs_t *fs, uint32_t block) {
    return block < fs->bd.block_count;
}

/* ---- fs_meta.c: metadata pairs ---- */
int fs_mdir_fetch(fs_t *fs, fs_mdir *m, const uint32_t pair[2]);
int fs_mdir_get(fs_t *fs, const fs_mdir *m, uint32_t mask, uint32_t want,
                uint32_t *found, uint32_t *data_off);
int fs_mdir_read(fs_t *fs, const fs_mdir *m, uint32_t mask, uint32_t want,
                 void *buf, uint32_t size, uint32_t *found);
int fs_mdir_find(fs_t *fs, const fs_mdir *m, const char *name, uint32_t len,
                 uint16_t *id, uint32_t *tag);
int fs_mdir_insert_pos(fs_t *fs, const fs_mdir *m, const char *name,
                       uint32_t len, uint16_t *id);
int fs_mdir_commit(fs_t *fs, fs_mdir *m, const fs_attr *attrs, int n,
                   const fs_gstate *gtarget, const fs_gstate *absorb);
int fs_mdir_create(fs_t *fs, fs_mdir *m, const uint32_t tail[2], bool split);
int fs_mdir_format(fs_t *fs, fs_mdir *m, const fs_attr *attrs, int n);
int fs_pred(fs_t *fs, const uint32_t pair[2], fs_mdir *pred);
bool fs_mdir_is_live(const fs_t *fs, const fs_mdir *m, uint16_t id);
uint16_t fs_mdir_live_count(const fs_t *fs, const fs_mdir *m);

/* ---- fs_alloc.c: block allocation and traversal ---- */
int fs_alloc(fs_t *fs, uint32_t *block);
void fs_alloc_ack(fs_t *fs);
void fs_alloc_drop(fs_t *fs);
typedef int (*fs_block_cb)(void *ctx, uint32_t block, int kind);
int fs_walk(fs_t *fs, fs_block_cb cb, void *ctx, bool open_files);
int fs_count_used(fs_t *fs, uint32_t *used);

/* ---- fs_file.c ---- */
int fs_ctz_walk(fs_t *fs, const fs_cache *extra, uint32_t head, uint32_t size,
                fs_block_cb cb, void *ctx);
int fs_file_walk(fs_t *fs, const fs_file *f, fs_block_cb cb, void *ctx);

/* ---- fs_dir.c ---- */
/* Where a path leads. When the last component is missing but its directory
 * exists, parent_ok is set and m/id say where a new entry would go. */
typedef struct fs_path {
    fs_mdir m;
    uint16_t id;
    uint32_t type;    /* TYPE_REG or TYPE_DIR */
    bool is_root;
    bool parent_ok;
    bool passes;      /* the path runs through the directory `avoid` */
    bool trailing_slash;
    uint32_t dir[2];  /* first pair of the directory holding the entry */
    const char *name; /* last component */
    uint32_t len;
} fs_path;
int fs_lookup(fs_t *fs, const char *path, const uint32_t avoid[2],
              fs_path *out);
int fs_read_struct(fs_t *fs, const fs_mdir *m, uint16_t id, uint32_t *tag,
                   uint8_t buf[8]);
int fs_make_consistent(fs_t *fs);
void fs_handles_splice(fs_t *fs, const uint32_t pair[2], uint16_t id,
                       int delta);
void fs_handles_remap(fs_t *fs, const uint32_t from[2], uint16_t lo,
                      uint16_t hi, const uint32_t to[2], uint16_t base);
void fs_handles_repair(fs_t *fs, const uint32_t from[2], const uint32_t to[2]);

enum { HANDLE_FILE = 1, HANDLE_DIR = 2 };

#endif
