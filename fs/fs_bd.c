/* fs/fs_bd.c: block device access through the read and program caches.
 *
 * All reads pass through here so that data still waiting in a program cache
 * (the shared one or a file's) is seen before flash, and every block address
 * read from the medium is range-checked before it reaches the device.
 * Programs collect in a cache window and go out as prog_size-aligned writes,
 * padded with 0xff so padding never programs a bit.
 */
#include "fs_core.h"

/* CRC-32 as littlefs uses it: polynomial 0x04c11db7 in reflected form,
 * initial value supplied by the caller (0xffffffff), no final inversion.
 * Nibble table: 64 bytes of constants instead of 1 KiB. */
static const uint32_t crc_nibble[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
    0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
    0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

uint32_t fs_crc32(uint32_t crc, const void *buf, size_t size) {
    const uint8_t *p = buf;
    for (size_t i = 0; i < size; i++) {
        crc = (crc >> 4) ^ crc_nibble[(crc ^ p[i]) & 0xf];
        crc = (crc >> 4) ^ crc_nibble[(crc ^ (uint32_t)(p[i] >> 4)) & 0xf];
    }
    return crc;
}

void fs_cache_drop(fs_cache *c) {
    c->block = FS_BLOCK_NULL;
    c->off = 0;
    c->size = 0;
}

static int device_read(fs_t *fs, uint32_t block, uint32_t off, void *buf,
                       uint32_t size) {
    int err = fs->bd.read(fs->bd.ctx, block, off, buf, size);
    return err < 0 ? FS_ERR_IO : 0;
}

/* Copies from a cache that holds `off`; returns bytes copied, or limits
 * *chunk so the caller stops before the cached range. */
static uint32_t from_cache(const fs_cache *c, uint32_t block, uint32_t off,
                           uint8_t *out, uint32_t *chunk) {
    if (!c || c->block != block || c->size == 0)
        return 0;
    if (off >= c->off && off < c->off + c->size) {
        uint32_t n = fs_min(*chunk, c->off + c->size - off);
        memcpy(out, c->buf + (off - c->off), n);
        return n;
    }
    if (off < c->off)
        *chunk = fs_min(*chunk, c->off - off);
    return 0;
}

static int read_via(fs_t *fs, const fs_cache *extra, fs_cache *rc,
                    uint32_t block, uint32_t off, void *buf, uint32_t size) {
    uint8_t *out = buf;
    uint32_t bs = fs->bd.block_size;
    if (!fs_block_ok(fs, block) || off > bs || size > bs - off)
        return FS_ERR_IO;
    while (size > 0) {
        uint32_t chunk = size;
        uint32_t n = from_cache(extra, block, off, out, &chunk);
        if (!n)
            n = from_cache(&fs->pcache, block, off, out, &chunk);
        if (!n)
            n = from_cache(rc, block, off, out, &chunk);
        if (!n && off % fs->bd.read_size == 0 && chunk >= fs->cache_size) {
            /* large aligned read: straight into the caller's buffer */
            n = fs_align_down(chunk, fs->bd.read_size);
            int err = device_read(fs, block, off, out, n);
            if (err)
                return err;
        }
        if (!n) {
            rc->block = block;
            rc->off = fs_align_down(off, fs->cache_size);
            rc->size = fs_min(fs->cache_size, bs - rc->off);
            int err = device_read(fs, block, rc->off, rc->buf, rc->size);
            if (err) {
                fs_cache_drop(rc);
                return err;
            }
            continue;
        }
        out += n;
        off += n;
        size -= n;
    }
    return 0;
}

int fs_bd_read(fs_t *fs, const fs_cache *extra, uint32_t block, uint32_t off,
               void *buf, uint32_t size) {
    return read_via(fs, extra, &fs->rcache, block, off, buf, size);
}

int fs_bd_read_into(fs_t *fs, fs_cache *cache, uint32_t block, uint32_t off,
                    void *buf, uint32_t size) {
    return read_via(fs, NULL, cache, block, off, buf, size);
}

/* A few bytes, such as a skip pointer: on a miss only the read_size units
 * around them are read, and the read cache keeps what it holds. */
int fs_bd_read_small(fs_t *fs, const fs_cache *extra, uint32_t block,
                     uint32_t off, void *buf, uint32_t size) {
    const fs_cache *caches[3] = {extra, &fs->pcache, &fs->rcache};
    for (int i = 0; i < 3; i++) {
        const fs_cache *c = caches[i];
        if (c && c->block == block && c->size && off < c->off + c->size &&
            off + size > c->off)
            return fs_bd_read(fs, extra, block, off, buf, size);
    }
    uint32_t rs = fs->bd.read_size, bs = fs->bd.block_size;
    uint8_t tmp[64];
    if (!fs_block_ok(fs, block) || off > bs || size > bs - off)
        return FS_ERR_IO;
    uint32_t start = fs_align_down(off, rs);
    uint32_t end = fs_align_up(off + size, rs);
    if (end - start > sizeof tmp)
        return fs_bd_read(fs, extra, block, off, buf, size);
    int err = device_read(fs, block, start, tmp, end - start);
    if (err)
        return err;
    memcpy(buf, tmp + (off - start), size);
    return 0;
}

int fs_bd_flush(fs_t *fs, fs_cache *pc) {
    if (pc->block == FS_BLOCK_NULL)
        return 0;
    if (pc->size > 0) {
        uint32_t n = fs_align_up(pc->size, fs->bd.prog_size);
        int err = fs->bd.prog(fs->bd.ctx, pc->block, pc->off, pc->buf, n);
        if (fs->rcache.block == pc->block)
            fs_cache_drop(&fs->rcache);
        if (err < 0) {
            fs_cache_drop(pc);
            return FS_ERR_IO;
        }
    }
    fs_cache_drop(pc);
    return 0;
}

int fs_bd_prog(fs_t *fs, fs_cache *pc, uint32_t block, uint32_t off,
               const void *buf, uint32_t size) {
    const uint8_t *in = buf;
    uint32_t bs = fs->bd.block_size;
    if (!fs_block_ok(fs, block) || off > bs || size > bs - off)
        return FS_ERR_IO;
    while (size > 0) {
        if (pc->block == block && off == pc->off + pc->size) {
            uint32_t window = fs_min(fs->cache_size, bs - pc->off);
            uint32_t n = fs_min(size, window - pc->size);
            memcpy(pc->buf + pc->size, in, n);
            pc->size += n;
            in += n;
            off += n;
            size -= n;
            if (pc->size == window) {
                int err = fs_bd_flush(fs, pc);
                if (err)
                    return err;
            }
            continue;
        }
        int err = fs_bd_flush(fs, pc);
        if (err)
            return err;
        if (off % fs->bd.prog_size != 0)
            return FS_ERR_INVAL; /* a bug: programs always start aligned */
        pc->block = block;
        pc->off = off;
        pc->size = 0;
        memset(pc->buf, 0xff, fs->cache_size);
    }
    return 0;
}

int fs_bd_erase(fs_t *fs, uint32_t block) {
    if (!fs_block_ok(fs, block))
        return FS_ERR_IO;
    if (fs->rcache.block == block)
        fs_cache_drop(&fs->rcache);
    if (fs->pcache.block == block)
        fs_cache_drop(&fs->pcache);
    return fs->bd.erase(fs->bd.ctx, block) < 0 ? FS_ERR_IO : 0;
}

int fs_bd_sync(fs_t *fs) {
    if (!fs->bd.sync)
        return 0;
    return fs->bd.sync(fs->bd.ctx) < 0 ? FS_ERR_IO : 0;
}

int fs_bd_crc(fs_t *fs, uint32_t block, uint32_t off, uint32_t size,
              uint32_t *crc) {
    uint8_t tmp[64];
    while (size > 0) {
        uint32_t n = fs_min(size, sizeof tmp);
        int err = fs_bd_read(fs, NULL, block, off, tmp, n);
        if (err)
            return err;
        *crc = fs_crc32(*crc, tmp, n);
        off += n;
        size -= n;
    }
    return 0;
}

int fs_bd_cmp(fs_t *fs, uint32_t block, uint32_t off, uint32_t disk_size,
              const void *buf, uint32_t size) {
    const uint8_t *b = buf;
    uint32_t common = fs_min(disk_size, size);
    uint8_t tmp[32];
    for (uint32_t i = 0; i < common;) {
        uint32_t n = fs_min(common - i, sizeof tmp);
        int err = fs_bd_read(fs, NULL, block, off + i, tmp, n);
        if (err)
            return err;
        int c = memcmp(tmp, b + i, n);
        if (c != 0)
            return c < 0 ? 1 : 2;
        i += n;
    }
    if (disk_size == size)
        return 0;
    /* littlefs orders a name before its own prefixes ("ab1" before "ab"):
     * other implementations stop a lookup at the first larger name, so a
     * directory must keep exactly that order to stay readable to them */
    return disk_size > size ? 1 : 2;
}
