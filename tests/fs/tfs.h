/* tests/fs/tfs.h: a filesystem on a simulated flash, with its buffers, for
 * the tests; plus helpers to write and check whole files and a walk that
 * counts the blocks in use independently of fs_statvfs.
 */
#ifndef CAMPY_TESTS_TFS_H
#define CAMPY_TESTS_TFS_H

#include "flash_sim.h"
#include "fs/fs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TFS_FILES 8

typedef struct tfs {
    flash_sim sim;
    fs_blockdev bd;
    fs_config cfg;
    fs_t fs;
    uint8_t *rbuf, *pbuf, *look;
    uint8_t *fbuf[TFS_FILES];
} tfs;

static inline int tfs_setup(tfs *t, uint32_t block_size, uint32_t count,
                            uint32_t cache, uint32_t prog, int32_t cycles) {
    memset(t, 0, sizeof *t);
    if (flash_sim_init(&t->sim, block_size, count, prog, prog))
        return -1;
    t->bd = flash_sim_bd(&t->sim);
    t->rbuf = malloc(cache);
    t->pbuf = malloc(cache);
    t->look = malloc(16);
    for (int i = 0; i < TFS_FILES; i++)
        t->fbuf[i] = malloc(cache);
    t->cfg.block_cycles = cycles;
    t->cfg.cache_size = cache;
    t->cfg.lookahead_size = 16;
    t->cfg.read_buffer = t->rbuf;
    t->cfg.prog_buffer = t->pbuf;
    t->cfg.lookahead_buffer = t->look;
    return 0;
}

static inline void tfs_free(tfs *t) {
    flash_sim_free(&t->sim);
    free(t->rbuf);
    free(t->pbuf);
    free(t->look);
    for (int i = 0; i < TFS_FILES; i++)
        free(t->fbuf[i]);
}

static inline int tfs_mount(tfs *t) { return fs_mount(&t->fs, &t->bd, &t->cfg); }

/* format and mount */
static inline int tfs_new(tfs *t, uint32_t block_size, uint32_t count,
                          uint32_t cache, uint32_t prog, int32_t cycles) {
    if (tfs_setup(t, block_size, count, cache, prog, cycles))
        return -1;
    int err = fs_format(&t->fs, &t->bd, &t->cfg);
    return err ? err : tfs_mount(t);
}

/* deterministic file contents */
static inline uint8_t tfs_byte(uint32_t seed, uint32_t i) {
    uint32_t x = seed * 2654435761u + i * 40503u + (i >> 7) * 977u;
    x ^= x >> 13;
    x *= 0x5bd1e995u;
    x ^= x >> 15;
    return (uint8_t)x;
}

static inline int tfs_write_file(tfs *t, const char *path, uint32_t seed,
                                 uint32_t size, uint32_t chunk) {
    fs_file f;
    int err = fs_file_open(&t->fs, &f, path,
                           FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC, t->fbuf[0]);
    if (err)
        return err;
    uint8_t buf[512];
    if (chunk == 0 || chunk > sizeof buf)
        chunk = sizeof buf;
    for (uint32_t i = 0; i < size;) {
        uint32_t n = size - i < chunk ? size - i : chunk;
        for (uint32_t j = 0; j < n; j++)
            buf[j] = tfs_byte(seed, i + j);
        int32_t w = fs_file_write(&t->fs, &f, buf, n);
        if (w < 0) {
            fs_file_close(&t->fs, &f);
            return (int)w;
        }
        i += n;
    }
    return fs_file_close(&t->fs, &f);
}

/* 0 when the file holds exactly size bytes of seed's contents */
static inline int tfs_check_file(tfs *t, const char *path, uint32_t seed,
                                 uint32_t size) {
    fs_file f;
    int err = fs_file_open(&t->fs, &f, path, FS_O_RDONLY, t->fbuf[1]);
    if (err)
        return err;
    uint8_t buf[700];
    uint32_t i = 0;
    int bad = 0;
    for (;;) {
        int32_t r = fs_file_read(&t->fs, &f, buf, sizeof buf);
        if (r < 0) {
            bad = (int)r;
            break;
        }
        if (r == 0)
            break;
        for (int32_t j = 0; j < r; j++)
            if (i + (uint32_t)j >= size || buf[j] != tfs_byte(seed, i + (uint32_t)j))
                bad = 1;
        i += (uint32_t)r;
    }
    if (!bad && i != size)
        bad = 2;
    fs_file_close(&t->fs, &f);
    return bad;
}

/* ---- independent used-block count ---- */
typedef struct tfs_usage {
    uint8_t *seen;
    uint32_t count;
    uint32_t used, meta, data, dup, out_of_range;
} tfs_usage;

static inline int tfs_usage_cb(void *ctx, uint32_t block, int kind) {
    tfs_usage *u = ctx;
    if (block >= u->count) {
        u->out_of_range++;
        return 0;
    }
    if (u->seen[block]) {
        u->dup++;
        return 0;
    }
    u->seen[block] = (uint8_t)kind;
    u->used++;
    if (kind == FS_BLOCK_META)
        u->meta++;
    else
        u->data++;
    return 0;
}

static inline int tfs_usage_walk(tfs *t, tfs_usage *u) {
    memset(u, 0, sizeof *u);
    u->count = t->fs.bd.block_count;
    u->seen = calloc(u->count, 1);
    int err = fs_traverse(&t->fs, tfs_usage_cb, u);
    free(u->seen);
    return err;
}

/* blocks a CTZ file of `size` bytes needs */
static inline uint32_t tfs_ctz_blocks(uint32_t block_size, uint32_t size) {
    if (size == 0)
        return 0;
    uint32_t n = 0;
    uint64_t have = 0;
    while (have < size) {
        uint32_t header = 0;
        if (n > 0) {
            uint32_t tz = 0, v = n;
            while (!(v & 1)) {
                v >>= 1;
                tz++;
            }
            header = 4 * (tz + 1);
        }
        have += block_size - header;
        n++;
    }
    return n;
}

#endif
