/* fs/fs_alloc.c: finding free blocks, and walking every block in use.
 *
 * There is no free-block map on disk: a block is free when nothing reachable
 * points at it. The allocator marks the used blocks of a window of the disk
 * (lookahead_size * 8 blocks) by walking the filesystem, hands out the
 * unmarked ones in order, then moves the window on. Going round the disk
 * this way spreads writes over every block (dynamic wear levelling).
 *
 * Blocks handed out but not yet reachable from the disk must not be handed
 * out twice. A budget of blocks that may be passed over since the last
 * "ack" keeps a new window from wrapping round onto them; an ack comes
 * when the operation that used them has committed, or when they are
 * reachable through an open file.
 */
#include "fs_core.h"

static int mark_cb(void *ctx, uint32_t block, int kind) {
    (void)kind;
    fs_t *fs = ctx;
    uint32_t count = fs->bd.block_count;
    if (block >= count)
        return 0;
    uint32_t rel = (block + count - fs->alloc.start) % count;
    if (rel < fs->alloc.size)
        fs->alloc.bits[rel / 8] |= (uint8_t)(1u << (rel % 8));
    return 0;
}

static int scan_window(fs_t *fs) {
    uint32_t count = fs->bd.block_count;
    fs->alloc.start = (fs->alloc.start + fs->alloc.size) % count;
    fs->alloc.size = fs_min(fs->lookahead_size * 8, fs->alloc.budget);
    fs->alloc.next = 0;
    memset(fs->alloc.bits, 0, fs->lookahead_size);
    int err = fs_walk(fs, mark_cb, fs, true);
    if (err)
        fs_alloc_drop(fs);
    return err;
}

int fs_alloc(fs_t *fs, uint32_t *block) {
    for (;;) {
        while (fs->alloc.next < fs->alloc.size) {
            uint32_t i = fs->alloc.next++;
            fs->alloc.budget--;
            uint8_t bit = (uint8_t)(1u << (i % 8));
            if (!(fs->alloc.bits[i / 8] & bit)) {
                fs->alloc.bits[i / 8] |= bit;
                *block = (fs->alloc.start + i) % fs->bd.block_count;
                return 0;
            }
        }
        if (fs->alloc.budget == 0)
            return FS_ERR_NOSPC;
        int err = scan_window(fs);
        if (err)
            return err;
    }
}

void fs_alloc_ack(fs_t *fs) { fs->alloc.budget = fs->bd.block_count; }

void fs_alloc_drop(fs_t *fs) {
    fs->alloc.size = 0;
    fs->alloc.next = 0;
    fs->alloc.budget = fs->bd.block_count;
}

/* Every block reachable from the superblock pair: the pairs of the threaded
 * list, the CTZ chains of their entries, and (open_files) the chains open
 * files are building. */
int fs_walk(fs_t *fs, fs_block_cb cb, void *ctx, bool open_files) {
    uint32_t at[2] = {0, 1};
    fs_loop loop;
    loop_init(&loop);
    while (!pair_isnull(at)) {
        if (loop_seen(&loop, at))
            return FS_ERR_IO; /* the list runs in a circle: corrupted */
        fs_mdir m;
        int err = fs_mdir_fetch(fs, &m, at);
        if (err)
            return err;
        for (int i = 0; i < 2; i++) {
            err = cb(ctx, m.pair[i], FS_BLOCK_META);
            if (err)
                return err;
        }
        for (uint16_t id = 0; id < m.count; id++) {
            uint8_t buf[8];
            uint32_t tag;
            err = fs_mdir_read(fs, &m, fs_tag(0x700, 0x3ff, 0),
                               fs_tag(TYPE_STRUCT, id, 0), buf, 8, &tag);
            if (err == FS_ERR_NOENT)
                continue;
            if (err)
                return err;
            if (tag_type(tag) != TYPE_CTZ)
                continue;
            if (tag_size(tag) < 8)
                return FS_ERR_IO;
            err = fs_ctz_walk(fs, NULL, fs_le32(buf), fs_le32(buf + 4), cb,
                              ctx);
            if (err)
                return err;
        }
        at[0] = m.tail[0];
        at[1] = m.tail[1];
    }
    if (!open_files)
        return 0;
    for (fs_handle *h = fs->handles; h; h = h->next) {
        if (h->kind != HANDLE_FILE)
            continue;
        int err = fs_file_walk(fs, (const fs_file *)h, cb, ctx);
        if (err)
            return err;
    }
    return 0;
}

typedef struct lowest {
    uint32_t from, found, count;
} lowest;

static int lowest_cb(void *ctx, uint32_t block, int kind) {
    (void)kind;
    lowest *l = ctx;
    if (block >= l->from && block < l->count && block < l->found)
        l->found = block;
    return 0;
}

/* Exact number of distinct blocks in use, counted a window at a time with
 * the lookahead bitmap. Windows start at the lowest block in use not yet
 * counted, so a sparse or corrupted disk costs walks per window in use,
 * not per window of the disk. Only between operations: it resets the
 * allocator. */
int fs_count_used(fs_t *fs, uint32_t *used) {
    uint32_t count = fs->bd.block_count, bits = fs->lookahead_size * 8;
    uint32_t resume = (fs->alloc.start + fs->alloc.next) % count;
    int err = 0;
    *used = 0;
    for (uint32_t from = 0; from < count;) {
        lowest l = {from, UINT32_MAX, count};
        err = fs_walk(fs, lowest_cb, &l, true);
        if (err || l.found == UINT32_MAX)
            break;
        fs->alloc.start = l.found;
        fs->alloc.size = fs_min(bits, count - l.found);
        memset(fs->alloc.bits, 0, fs->lookahead_size);
        err = fs_walk(fs, mark_cb, fs, true);
        if (err)
            break;
        for (uint32_t i = 0; i < fs->alloc.size; i++)
            if (fs->alloc.bits[i / 8] & (1u << (i % 8)))
                (*used)++;
        from = l.found + fs->alloc.size;
    }
    fs->alloc.start = resume;
    fs_alloc_drop(fs);
    return err;
}
