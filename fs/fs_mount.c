/* fs/fs_mount.c: the volume: format, mount, unmount, free space, and the
 * superblock.
 *
 * The superblock is entry 0 of the pair at blocks 0 and 1: a name tag
 * "littlefs" (so the magic sits at offset 8 of the block) and an inline
 * struct with the on-disk version and the format's geometry and limits.
 * Mounting walks the threaded list of pairs once, to find the root (the
 * last pair holding a superblock entry) and to add up the global state.
 * Mount never writes: leftovers of an interrupted operation are finished by
 * the next change, so a read-only look at an image leaves it as it is.
 */
#include "fs_core.h"

#define DISK_VERSION 0x00020001u
#define SUPERBLOCK_SIZE 24

static int setup(fs_t *fs, const fs_blockdev *bd, const fs_config *cfg) {
    if (!fs || !bd || !cfg)
        return FS_ERR_INVAL;
    memset(fs, 0, sizeof *fs);
    if (!bd->read || !bd->prog || !bd->erase)
        return FS_ERR_INVAL;
    uint32_t rs = bd->read_size, ps = bd->prog_size, bs = bd->block_size;
    uint32_t cs = cfg->cache_size;
    if (rs == 0 || ps == 0 || cs == 0 || bs < 128 || ps > 512)
        return FS_ERR_INVAL;
    if (cs % rs || cs % ps || bs % cs || cfg->lookahead_size == 0)
        return FS_ERR_INVAL;
    if (!cfg->read_buffer || !cfg->prog_buffer || !cfg->lookahead_buffer)
        return FS_ERR_NOMEM;
    fs->bd = *bd;
    fs->block_cycles = cfg->block_cycles;
    fs->cache_size = cs;
    fs->lookahead_size = cfg->lookahead_size;
    fs->rcache.buf = cfg->read_buffer;
    fs->pcache.buf = cfg->prog_buffer;
    fs->alloc.bits = cfg->lookahead_buffer;
    fs_cache_drop(&fs->rcache);
    fs_cache_drop(&fs->pcache);
    fs->name_max = FS_NAME_MAX;
    fs->file_max = FS_FILE_MAX;
    fs->attr_max = FS_ATTR_MAX;
    fs->inline_max = fs_min(fs_min(cs, FS_ATTR_MAX), bs / 8);
    fs->root[0] = 0;
    fs->root[1] = 1;
    fs->disk_version = DISK_VERSION;
    return 0;
}

int fs_format(fs_t *fs, const fs_blockdev *bd, const fs_config *cfg) {
    int err = setup(fs, bd, cfg);
    if (err)
        return err;
    if (bd->block_count < 2)
        return FS_ERR_INVAL;
    uint32_t version = cfg->disk_version ? cfg->disk_version : DISK_VERSION;
    if (version != 0x00020000 && version != 0x00020001)
        return FS_ERR_INVAL;
    fs->disk_version = version;
    uint8_t sb[SUPERBLOCK_SIZE];
    uint32_t fields[6] = {version,      bd->block_size, bd->block_count,
                          fs->name_max, fs->file_max,   fs->attr_max};
    for (int i = 0; i < 6; i++)
        fs_put_le32(sb + 4 * i, fields[i]);
    fs_attr attrs[2] = {
        {fs_tag(TYPE_SUPERBLOCK, 0, 8), "littlefs", NULL, 0},
        {fs_tag(TYPE_INLINE, 0, SUPERBLOCK_SIZE), sb, NULL, 0},
    };
    fs_mdir m;
    err = fs_mdir_format(fs, &m, attrs, 2);
    if (!err)
        err = fs_mdir_fetch(fs, &m, fs->root);
    return err;
}

/* Reads the superblock entry of m, if it has one. */
static int read_superblock(fs_t *fs, const fs_mdir *m, uint32_t fields[6],
                           bool *has) {
    *has = false;
    uint8_t magic[8];
    uint32_t tag;
    int err = fs_mdir_read(fs, m, fs_tag(0x7ff, 0x3ff, 0),
                           fs_tag(TYPE_SUPERBLOCK, 0, 0), magic, 8, &tag);
    if (err == FS_ERR_NOENT)
        return 0;
    if (err)
        return err;
    if (tag_size(tag) != 8 || memcmp(magic, "littlefs", 8) != 0)
        return 0;
    uint8_t sb[SUPERBLOCK_SIZE];
    err = fs_mdir_read(fs, m, fs_tag(0x7ff, 0x3ff, 0),
                       fs_tag(TYPE_INLINE, 0, 0), sb, SUPERBLOCK_SIZE, &tag);
    if (err == FS_ERR_NOENT)
        return 0;
    if (err)
        return err;
    for (int i = 0; i < 6; i++)
        fields[i] = fs_le32(sb + 4 * i);
    *has = true;
    return 0;
}

/* Takes the format's geometry and limits, refusing what this code cannot
 * honour. */
static int adopt_superblock(fs_t *fs, const uint32_t f[6],
                            uint32_t device_count) {
    uint32_t version = f[0];
    if (version >> 16 != 2 || (version & 0xffff) > 1)
        return FS_ERR_INVAL;
    if (f[1] != fs->bd.block_size)
        return FS_ERR_INVAL;
    if (f[2] < 2 || (device_count && f[2] > device_count))
        return FS_ERR_INVAL;
    uint32_t name_max = f[3] ? f[3] : FS_NAME_MAX;
    uint32_t file_max = f[4] ? f[4] : FS_FILE_MAX;
    uint32_t attr_max = f[5] ? f[5] : FS_ATTR_MAX;
    if (name_max > FS_NAME_MAX || file_max > FS_FILE_MAX ||
        attr_max > FS_ATTR_MAX)
        return FS_ERR_INVAL;
    fs->disk_version = version;
    fs->bd.block_count = f[2];
    fs->name_max = name_max;
    fs->file_max = file_max;
    fs->attr_max = attr_max;
    fs->inline_max = fs_min(fs->inline_max, attr_max);
    return 0;
}

int fs_mount(fs_t *fs, const fs_blockdev *bd, const fs_config *cfg) {
    int err = setup(fs, bd, cfg);
    if (err)
        return err;
    uint32_t device_count = bd->block_count;
    if (device_count == 0)
        fs->bd.block_count = 2; /* until the superblock says more */
    else if (device_count < 2)
        return FS_ERR_INVAL;

    fs_mdir m;
    uint32_t fields[6], last[6];
    bool has, found = false;
    err = fs_mdir_fetch(fs, &m, fs->root);
    if (err == FS_ERR_IO)
        return FS_ERR_NODEV; /* blank, or not a filesystem */
    if (err)
        return err;
    err = read_superblock(fs, &m, fields, &has);
    if (err)
        return err == FS_ERR_IO ? FS_ERR_NODEV : err;
    if (has) {
        err = adopt_superblock(fs, fields, device_count);
        if (err)
            return err;
    } else if (!m.split) {
        return FS_ERR_NODEV;
    } else if (device_count == 0) {
        /* blocks 0 and 1 only lead on to the superblock (older littlefs
         * versions leave them so when the superblock moves on): walk to
         * it with reads checked by the device only */
        fs->bd.block_count = UINT32_MAX;
    }

    /* one walk of the threaded list: the root (the last pair holding a
     * superblock entry) and the global state */
    uint32_t at[2] = {0, 1};
    fs_loop loop;
    loop_init(&loop);
    while (!pair_isnull(at)) {
        if (loop_seen(&loop, at))
            return FS_ERR_IO;
        err = fs_mdir_fetch(fs, &m, at);
        if (err)
            return err;
        err = read_superblock(fs, &m, fields, &has);
        if (err)
            return err;
        if (has) {
            fs->root[0] = m.pair[0];
            fs->root[1] = m.pair[1];
            memcpy(last, fields, sizeof last);
            found = true;
        }
        gstate_xor(&fs->gdisk, &m.delta);
        at[0] = m.tail[0];
        at[1] = m.tail[1];
    }
    if (!found)
        return FS_ERR_NODEV;
    /* earlier superblock entries may be out of date: the root's counts */
    err = adopt_superblock(fs, last, device_count);
    if (err)
        return err;
    /* only the move and the orphan flag live on disk */
    fs->gdisk.tag &= ~fs_tag(0, 0, 0x3ff);
    fs->alloc.start = fs->seed % fs->bd.block_count;
    fs_alloc_drop(fs);
    fs->mounted = true;
    return 0;
}

int fs_unmount(fs_t *fs) {
    if (!fs || !fs->mounted)
        return FS_ERR_INVAL;
    int err = fs_bd_sync(fs);
    fs->handles = NULL;
    fs->mounted = false;
    return err;
}

int fs_statvfs(fs_t *fs, fs_stats *out) {
    if (!fs || !fs->mounted || !out)
        return FS_ERR_INVAL;
    uint32_t used;
    int err = fs_count_used(fs, &used);
    if (err)
        return err;
    out->block_size = fs->bd.block_size;
    out->block_count = fs->bd.block_count;
    out->blocks_free = used < fs->bd.block_count ? fs->bd.block_count - used : 0;
    out->name_max = fs->name_max;
    out->disk_version = fs->disk_version;
    return 0;
}

int fs_traverse(fs_t *fs, int (*cb)(void *ctx, uint32_t block, int kind),
                void *ctx) {
    if (!fs || !fs->mounted || !cb)
        return FS_ERR_INVAL;
    return fs_walk(fs, cb, ctx, true);
}

const char *fs_strerror(int err) {
    switch (err) {
    case FS_ERR_OK: return "no error";
    case FS_ERR_NOENT: return "no such file or directory";
    case FS_ERR_IO: return "I/O error or corrupted filesystem";
    case FS_ERR_BADF: return "file not open for this";
    case FS_ERR_NOMEM: return "buffer missing";
    case FS_ERR_EXIST: return "file exists";
    case FS_ERR_NODEV: return "no filesystem";
    case FS_ERR_NOTDIR: return "not a directory";
    case FS_ERR_ISDIR: return "is a directory";
    case FS_ERR_INVAL: return "invalid argument";
    case FS_ERR_FBIG: return "file too large";
    case FS_ERR_NOSPC: return "no space left on device";
    case FS_ERR_NAMETOOLONG: return "name too long";
    case FS_ERR_NOTEMPTY: return "directory not empty";
    case FS_ERR_NOATTR: return "no such attribute";
    default: return "unknown error";
    }
}
