/* fs/fs_file.c: open files: inline data and CTZ skip-lists.
 *
 * A small file lives inline in its directory's metadata pair and, while
 * open, in the file's cache buffer. A larger file is a CTZ skip-list: a
 * chain of blocks stored back to front, block i starting with pointers to
 * blocks i-1, i-2, i-4, ... i-2^ctz(i), so any byte is reached in
 * O(log n) pointer reads from the head.
 *
 * Blocks are never rewritten. Writing builds a new chain that shares the
 * unchanged prefix of the old one; the file's entry moves to the new chain
 * only when the file is synced or closed, so a power cut leaves the file
 * as it was last synced.
 */
#include "fs_core.h"

/* internal state bits, above the FS_O_* flags */
enum {
    F_OPEN = 0x010000,
    F_INLINE = 0x020000,  /* data inline (in the cache when F_LOADED) */
    F_LOADED = 0x040000,
    F_DIRTY = 0x080000,   /* differs from what the entry on disk says */
    F_WRITING = 0x100000, /* building a new chain; cache is its write buffer */
    F_READING = 0x200000, /* block/off/cache hold the read position */
    F_ERRED = 0x400000,   /* a write failed: never commit this state */
};

/* ------------------------------------------------------------ CTZ maths */

/* bytes of skip pointers at the start of block index i */
static uint32_t ctz_header(uint32_t i) {
    return i == 0 ? 0 : 4 * (fs_ctz(i) + 1);
}

/* file offset of the first data byte of block index i */
static uint64_t ctz_start(uint32_t bs, uint32_t i) {
    if (i == 0)
        return 0;
    uint64_t pointers = 2 * (uint64_t)(i - 1) - fs_popcount(i - 1);
    return (uint64_t)i * bs - 4 * pointers;
}

/* The block index holding file offset pos, and the offset in that block. */
static uint32_t ctz_index(uint32_t bs, uint32_t pos, uint32_t *off) {
    uint32_t i = pos / (bs - 8);
    while (i > 0 && ctz_start(bs, i) > pos)
        i--;
    *off = (uint32_t)(pos - ctz_start(bs, i)) + ctz_header(i);
    return i;
}

static uint32_t floor_log2(uint32_t v) {
    uint32_t n = 0;
    while (v >>= 1)
        n++;
    return n;
}

static int read_pointer(fs_t *fs, const fs_cache *extra, uint32_t block,
                        uint32_t k, uint32_t *out) {
    uint8_t buf[4];
    int err = fs_bd_read_small(fs, extra, block, 4 * k, buf, 4);
    if (err)
        return err;
    *out = fs_le32(buf);
    return fs_block_ok(fs, *out) ? 0 : FS_ERR_IO;
}

/* Chains longer than the device has blocks can only come from corruption. */
static int ctz_check(fs_t *fs, uint32_t head, uint32_t size, uint32_t *last) {
    uint32_t off;
    *last = ctz_index(fs->bd.block_size, size - 1, &off);
    if (!fs_block_ok(fs, head) || *last >= fs->bd.block_count)
        return FS_ERR_IO;
    return 0;
}

/* Block and in-block offset of file offset pos in the chain (head, size). */
static int ctz_find(fs_t *fs, uint32_t head, uint32_t size, uint32_t pos,
                    uint32_t *block, uint32_t *off) {
    uint32_t cur;
    int err = ctz_check(fs, head, size, &cur);
    if (err)
        return err;
    uint32_t target = ctz_index(fs->bd.block_size, pos, off);
    while (cur > target) {
        uint32_t skip = fs_min(fs_ctz(cur), floor_log2(cur - target));
        err = read_pointer(fs, NULL, head, skip, &head);
        if (err)
            return err;
        cur -= 1u << skip;
    }
    *block = head;
    return 0;
}

int fs_ctz_walk(fs_t *fs, const fs_cache *extra, uint32_t head, uint32_t size,
                fs_block_cb cb, void *ctx) {
    if (size == 0)
        return 0;
    uint32_t i;
    int err = ctz_check(fs, head, size, &i);
    if (err)
        return err;
    for (;;) {
        err = cb(ctx, head, FS_BLOCK_DATA);
        if (err || i == 0)
            return err;
        err = read_pointer(fs, extra, head, 0, &head);
        if (err)
            return err;
        i--;
    }
}

int fs_file_walk(fs_t *fs, const fs_file *f, fs_block_cb cb, void *ctx) {
    if (f->flags & F_INLINE)
        return 0;
    if (f->flags & F_DIRTY) {
        int err = fs_ctz_walk(fs, NULL, f->head, f->chain_size, cb, ctx);
        if (err)
            return err;
    }
    if (!(f->flags & F_WRITING))
        return 0;
    if (f->pos == 0)
        return cb(ctx, f->block, FS_BLOCK_DATA);
    return fs_ctz_walk(fs, &f->cache, f->block, f->pos, cb, ctx);
}

/* ------------------------------------------------------------- handles */

static int check_open(const fs_t *fs, const fs_file *f) {
    if (!fs->mounted || !f || !(f->flags & F_OPEN))
        return FS_ERR_BADF;
    return 0;
}

static bool readable(const fs_file *f) { return f->flags & FS_O_RDONLY; }
static bool writable(const fs_file *f) { return f->flags & FS_O_WRONLY; }

static void drop_read(fs_file *f) {
    if (f->flags & F_READING) {
        fs_cache_drop(&f->cache);
        f->flags &= ~(uint32_t)F_READING;
    }
}

/* ------------------------------------------------------------- writing */

static int new_block(fs_t *fs, uint32_t *block) {
    int err = fs_alloc(fs, block);
    if (err)
        return err;
    return fs_bd_erase(fs, *block);
}

/* Starts a new chain at f->pos, sharing the blocks before it. */
static int branch(fs_t *fs, fs_file *f) {
    uint32_t bs = fs->bd.block_size;
    drop_read(f);
    fs_cache_drop(&f->cache);
    if (f->pos == 0) {
        int err = new_block(fs, &f->block);
        if (err)
            return err;
        f->off = 0;
        f->flags |= F_WRITING;
        return 0;
    }
    uint32_t pb, poff;
    int err = ctz_find(fs, f->head, f->chain_size, f->pos - 1, &pb, &poff);
    if (err)
        return err;
    uint32_t used = poff + 1;
    if (used == bs) {
        /* block full: the next write extends the chain after it */
        f->block = pb;
        f->off = bs;
        f->flags |= F_WRITING;
        return 0;
    }
    /* the partly used block is copied: blocks are never programmed twice */
    uint32_t nb;
    err = new_block(fs, &nb);
    if (err)
        return err;
    uint8_t tmp[64];
    for (uint32_t i = 0; i < used; i += sizeof tmp) {
        uint32_t n = fs_min(sizeof tmp, used - i);
        err = fs_bd_read(fs, NULL, pb, i, tmp, n);
        if (!err)
            err = fs_bd_prog(fs, &f->cache, nb, i, tmp, n);
        if (err)
            return err;
    }
    f->block = nb;
    f->off = used;
    f->flags |= F_WRITING;
    return 0;
}

/* Appends a block after the full block f->block, writing its skip
 * pointers. */
static int extend(fs_t *fs, fs_file *f) {
    uint32_t off;
    uint32_t i = ctz_index(fs->bd.block_size, f->pos - 1, &off) + 1;
    uint32_t nb;
    int err = new_block(fs, &nb);
    if (err)
        return err;
    uint32_t ptr = f->block, npointers = fs_ctz(i) + 1;
    for (uint32_t k = 0; k < npointers; k++) {
        uint8_t buf[4];
        fs_put_le32(buf, ptr);
        err = fs_bd_prog(fs, &f->cache, nb, 4 * k, buf, 4);
        if (!err && k + 1 < npointers)
            err = read_pointer(fs, &f->cache, ptr, k, &ptr);
        if (err)
            return err;
    }
    f->block = nb;
    f->off = 4 * npointers;
    return 0;
}

/* Writes at f->pos into the chain being built. */
static int ctz_write(fs_t *fs, fs_file *f, const uint8_t *data, uint32_t n) {
    uint32_t bs = fs->bd.block_size;
    while (n > 0) {
        int err = 0;
        if (!(f->flags & F_WRITING))
            err = branch(fs, f);
        if (!err && f->off == bs)
            err = extend(fs, f);
        if (err)
            return err;
        uint32_t k = fs_min(n, bs - f->off);
        err = fs_bd_prog(fs, &f->cache, f->block, f->off, data, k);
        if (err)
            return err;
        f->off += k;
        f->pos += k;
        data += k;
        n -= k;
        if (f->pos > f->size)
            f->size = f->pos;
        /* every block so far hangs off this open file: safe to ack */
        fs_alloc_ack(fs);
    }
    return 0;
}

/* Ends writing: copies what the old chain holds beyond pos, then the new
 * chain becomes the file's chain (not yet committed). */
static int flush(fs_t *fs, fs_file *f) {
    drop_read(f);
    if (!(f->flags & F_WRITING))
        return 0;
    uint32_t pos = f->pos;
    uint8_t tmp[64];
    while (f->pos < f->chain_size) {
        uint32_t rb, roff;
        int err = ctz_find(fs, f->head, f->chain_size, f->pos, &rb, &roff);
        if (err)
            return err;
        uint32_t n = fs_min(sizeof tmp, f->chain_size - f->pos);
        n = fs_min(n, fs->bd.block_size - roff);
        err = fs_bd_read(fs, NULL, rb, roff, tmp, n);
        if (!err)
            err = ctz_write(fs, f, tmp, n);
        if (err)
            return err;
    }
    int err = fs_bd_flush(fs, &f->cache);
    if (err)
        return err;
    f->head = f->block;
    f->chain_size = f->pos;
    f->size = f->pos;
    f->flags &= ~(uint32_t)F_WRITING;
    f->pos = pos;
    return 0;
}

/* Reads inline data that is not held in the cache, from the entry. */
static int inline_read(fs_t *fs, fs_file *f, uint32_t pos, void *buf,
                       uint32_t n) {
    fs_mdir m;
    int err = fs_mdir_fetch(fs, &m, f->h.pair);
    if (err)
        return err;
    uint32_t tag, doff;
    err = fs_mdir_get(fs, &m, fs_tag(0x700, 0x3ff, 0),
                      fs_tag(TYPE_STRUCT, f->h.id, 0), &tag, &doff);
    if (err == FS_ERR_NOENT)
        return FS_ERR_IO;
    if (err)
        return err;
    if (tag_type(tag) != TYPE_INLINE || tag_size(tag) < pos + n)
        return FS_ERR_IO;
    return fs_bd_read(fs, NULL, m.pair[0], doff + pos, buf, n);
}

/* Moves inline data out into a first CTZ block. */
static int outline(fs_t *fs, fs_file *f) {
    uint32_t nb;
    int err = new_block(fs, &nb);
    if (err)
        return err;
    if (f->flags & F_LOADED) {
        /* the data already sits in the cache at its block offsets */
        memset(f->cache.buf + f->size, 0xff, fs->cache_size - f->size);
        f->cache.block = nb;
        f->cache.off = 0;
        f->cache.size = f->size;
    } else {
        fs_cache_drop(&f->cache);
        uint8_t tmp[64];
        for (uint32_t i = 0; i < f->size; i += sizeof tmp) {
            uint32_t n = fs_min(sizeof tmp, f->size - i);
            err = inline_read(fs, f, i, tmp, n);
            if (!err)
                err = fs_bd_prog(fs, &f->cache, nb, i, tmp, n);
            if (err)
                return err;
        }
    }
    f->flags &= ~(uint32_t)(F_INLINE | F_LOADED);
    f->flags |= F_WRITING | F_DIRTY;
    f->head = nb;
    f->chain_size = f->size;
    f->block = nb;
    f->off = f->size;
    if (f->pos == f->size)
        return 0;
    /* writing inside the data: finish this chain, branch from it later */
    uint32_t pos = f->pos;
    f->pos = f->size;
    err = flush(fs, f);
    f->pos = pos;
    return err;
}

static int write_bytes(fs_t *fs, fs_file *f, const uint8_t *data, uint32_t n) {
    if (f->flags & F_INLINE) {
        if ((f->flags & F_LOADED) && f->pos + n <= fs->inline_max) {
            memcpy(f->cache.buf + f->pos, data, n);
            f->pos += n;
            if (f->pos > f->size)
                f->size = f->pos;
            f->flags |= F_DIRTY;
            return 0;
        }
        int err = outline(fs, f);
        if (err)
            return err;
    }
    f->flags |= F_DIRTY;
    return ctz_write(fs, f, data, n);
}

static int fill_zeros(fs_t *fs, fs_file *f, uint32_t upto) {
    static const uint8_t zeros[64];
    while (f->pos < upto) {
        uint32_t n = fs_min(sizeof zeros, upto - f->pos);
        int err = write_bytes(fs, f, zeros, n);
        if (err)
            return err;
    }
    return 0;
}

int32_t fs_file_write(fs_t *fs, fs_file *f, const void *buf, uint32_t size) {
    int err = check_open(fs, f);
    if (err)
        return err;
    if (!writable(f))
        return FS_ERR_BADF;
    if (f->flags & F_ERRED)
        return FS_ERR_IO;
    if (size > 0 && !buf)
        return FS_ERR_INVAL;
    drop_read(f);
    if ((f->flags & FS_O_APPEND) && f->pos != f->size) {
        err = flush(fs, f);
        if (err)
            goto failed;
        f->pos = f->size;
    }
    if (f->pos > fs->file_max || size > fs->file_max - f->pos)
        return FS_ERR_FBIG;
    if (size == 0)
        return 0;
    fs_alloc_ack(fs);
    if (f->pos > f->size) {
        uint32_t pos = f->pos;
        err = flush(fs, f);
        if (err)
            goto failed;
        f->pos = f->size;
        err = fill_zeros(fs, f, pos);
        if (err)
            goto failed;
    }
    err = write_bytes(fs, f, buf, size);
    if (err)
        goto failed;
    return (int32_t)size;
failed:
    f->flags |= F_ERRED;
    return err;
}

/* ------------------------------------------------------------- reading */

int32_t fs_file_read(fs_t *fs, fs_file *f, void *buf, uint32_t size) {
    int err = check_open(fs, f);
    if (err)
        return err;
    if (!readable(f))
        return FS_ERR_BADF;
    if (size > 0 && !buf)
        return FS_ERR_INVAL;
    if (f->flags & F_WRITING) {
        err = flush(fs, f);
        if (err) {
            f->flags |= F_ERRED;
            return err;
        }
    }
    if (f->pos >= f->size)
        return 0;
    size = fs_min(size, f->size - f->pos);
    size = fs_min(size, 0x7fffffff);
    uint8_t *out = buf;
    if (f->flags & F_INLINE) {
        if (f->flags & F_LOADED)
            memcpy(out, f->cache.buf + f->pos, size);
        else if ((err = inline_read(fs, f, f->pos, out, size)) != 0)
            return err;
        f->pos += size;
        return (int32_t)size;
    }
    uint32_t done = 0, bs = fs->bd.block_size;
    while (done < size) {
        if (!(f->flags & F_READING) || f->off == bs) {
            err = ctz_find(fs, f->head, f->chain_size, f->pos, &f->block,
                           &f->off);
            if (err)
                return err;
            f->flags |= F_READING;
        }
        uint32_t n = fs_min(size - done, bs - f->off);
        err = fs_bd_read_into(fs, &f->cache, f->block, f->off, out + done, n);
        if (err)
            return err;
        f->off += n;
        f->pos += n;
        done += n;
    }
    return (int32_t)done;
}

/* ------------------------------------------------------------- position */

int32_t fs_file_seek(fs_t *fs, fs_file *f, int32_t off, int whence) {
    int err = check_open(fs, f);
    if (err)
        return err;
    int64_t base;
    if (whence == FS_SEEK_SET)
        base = 0;
    else if (whence == FS_SEEK_CUR)
        base = f->pos;
    else if (whence == FS_SEEK_END)
        base = f->size;
    else
        return FS_ERR_INVAL;
    int64_t npos = base + off;
    if (npos < 0 || npos > (int64_t)fs->file_max)
        return FS_ERR_INVAL;
    if ((uint32_t)npos == f->pos)
        return (int32_t)npos;
    if (f->flags & F_WRITING) {
        err = flush(fs, f);
        if (err) {
            f->flags |= F_ERRED;
            return err;
        }
    }
    drop_read(f);
    f->pos = (uint32_t)npos;
    return (int32_t)npos;
}

int32_t fs_file_tell(fs_t *fs, fs_file *f) {
    int err = check_open(fs, f);
    return err ? err : (int32_t)f->pos;
}

int32_t fs_file_size(fs_t *fs, fs_file *f) {
    int err = check_open(fs, f);
    return err ? err : (int32_t)f->size;
}

/* Turns a short CTZ file back into inline data. */
static int make_inline(fs_t *fs, fs_file *f, uint32_t size) {
    uint8_t *buf = f->cache.buf;
    uint32_t done = 0, bs = fs->bd.block_size;
    while (done < size) {
        uint32_t b, o;
        int err = ctz_find(fs, f->head, f->chain_size, done, &b, &o);
        if (err)
            return err;
        uint32_t n = fs_min(size - done, bs - o);
        err = fs_bd_read(fs, NULL, b, o, buf + done, n);
        if (err)
            return err;
        done += n;
    }
    f->flags |= F_INLINE | F_LOADED | F_DIRTY;
    f->size = size;
    f->head = FS_BLOCK_NULL;
    f->chain_size = 0;
    return 0;
}

int fs_file_truncate(fs_t *fs, fs_file *f, uint32_t size) {
    int err = check_open(fs, f);
    if (err)
        return err;
    if (!writable(f))
        return FS_ERR_BADF;
    if (f->flags & F_ERRED)
        return FS_ERR_IO;
    if (size > fs->file_max)
        return FS_ERR_FBIG;
    fs_alloc_ack(fs);
    err = flush(fs, f);
    if (err)
        goto failed;
    if (size == f->size)
        return 0;
    if (size > f->size) {
        uint32_t pos = f->pos;
        f->pos = f->size;
        err = fill_zeros(fs, f, size);
        if (!err)
            err = flush(fs, f);
        f->pos = pos;
        if (err)
            goto failed;
        return 0;
    }
    if (f->flags & F_INLINE) {
        if (!(f->flags & F_LOADED)) {
            uint32_t pos = f->pos;
            f->pos = f->size;
            err = outline(fs, f);
            if (!err)
                err = flush(fs, f);
            f->pos = pos;
            if (err)
                goto failed;
        } else {
            f->size = size;
            f->flags |= F_DIRTY;
            return 0;
        }
    }
    fs_cache_drop(&f->cache);
    if (size <= fs->inline_max) {
        err = make_inline(fs, f, size);
        if (err)
            goto failed;
        return 0;
    }
    uint32_t b, o;
    err = ctz_find(fs, f->head, f->chain_size, size - 1, &b, &o);
    if (err)
        goto failed;
    f->head = b;
    f->chain_size = size;
    f->size = size;
    f->flags |= F_DIRTY;
    return 0;
failed:
    f->flags |= F_ERRED;
    return err;
}

/* ------------------------------------------------------------- sync */

static int commit_entry(fs_t *fs, fs_file *f) {
    uint8_t ctz[8];
    fs_attr a = {0, NULL, NULL, 0};
    for (int tries = 0;; tries++) {
        if (f->h.detached)
            return 0; /* the entry is gone: nothing to update */
        fs_mdir m;
        int err = fs_mdir_fetch(fs, &m, f->h.pair);
        if (err)
            return err;
        if (f->flags & F_INLINE) {
            a.tag = fs_tag(TYPE_INLINE, f->h.id, f->size);
            a.data = f->cache.buf;
        } else {
            fs_put_le32(ctz, f->head);
            fs_put_le32(ctz + 4, f->size);
            a.tag = fs_tag(TYPE_CTZ, f->h.id, 8);
            a.data = ctz;
        }
        err = fs_mdir_commit(fs, &m, &a, 1, NULL, NULL);
        if (err != FS_RETRY)
            return err;
        if (tries > 16)
            return FS_ERR_IO;
    }
}

int fs_file_sync(fs_t *fs, fs_file *f) {
    int err = check_open(fs, f);
    if (err)
        return err;
    if (f->flags & F_ERRED)
        return 0;
    err = flush(fs, f);
    if (!err && (f->flags & F_DIRTY) && (f->flags & F_INLINE) &&
        !(f->flags & F_LOADED))
        err = FS_ERR_IO; /* inline data not in memory cannot be dirty */
    if (!err && (f->flags & F_DIRTY)) {
        err = fs_make_consistent(fs);
        if (!err) {
            fs_alloc_ack(fs);
            err = commit_entry(fs, f);
        }
        if (!err)
            f->flags &= ~(uint32_t)F_DIRTY;
    }
    if (err)
        f->flags |= F_ERRED;
    return err;
}

/* ------------------------------------------------------------- open */

static void handle_add(fs_t *fs, fs_handle *h) {
    h->next = fs->handles;
    fs->handles = h;
}

static void handle_remove(fs_t *fs, fs_handle *h) {
    for (fs_handle **p = &fs->handles; *p; p = &(*p)->next) {
        if (*p == h) {
            *p = h->next;
            return;
        }
    }
}

static int create_entry(fs_t *fs, fs_path *lk, const char *path) {
    for (int tries = 0;; tries++) {
        if (lk->len > fs->name_max)
            return FS_ERR_NAMETOOLONG;
        fs_attr attrs[3] = {
            {fs_tag(TYPE_CREATE, lk->id, 0), NULL, NULL, 0},
            {fs_tag(TYPE_REG, lk->id, lk->len), lk->name, NULL, 0},
            {fs_tag(TYPE_INLINE, lk->id, 0), NULL, NULL, 0},
        };
        int err = fs_mdir_commit(fs, &lk->m, attrs, 3, NULL, NULL);
        if (err != FS_RETRY)
            return err;
        if (tries > 16)
            return FS_ERR_IO;
        err = fs_lookup(fs, path, NULL, lk);
        if (err == 0)
            return FS_ERR_EXIST;
        if (err != FS_ERR_NOENT || !lk->parent_ok)
            return err;
    }
}

static int load_entry(fs_t *fs, fs_file *f, const fs_path *lk) {
    uint8_t buf[8];
    uint32_t tag;
    int err = fs_read_struct(fs, &lk->m, lk->id, &tag, buf);
    if (err == FS_ERR_NOENT) {
        f->flags |= F_INLINE | F_LOADED; /* no struct yet: empty */
        return 0;
    }
    if (err)
        return err;
    if (tag_type(tag) == TYPE_INLINE) {
        f->size = tag_size(tag);
        f->flags |= F_INLINE;
        if (f->size <= fs->cache_size) {
            err = fs_mdir_read(fs, &lk->m, fs_tag(0x700, 0x3ff, 0),
                               fs_tag(TYPE_STRUCT, lk->id, 0), f->cache.buf,
                               f->size, NULL);
            if (err)
                return err;
            f->flags |= F_LOADED;
        }
        return 0;
    }
    if (tag_type(tag) != TYPE_CTZ || tag_size(tag) < 8)
        return FS_ERR_IO;
    f->head = fs_le32(buf);
    f->chain_size = fs_le32(buf + 4);
    f->size = f->chain_size;
    if (f->size > 0 && !fs_block_ok(fs, f->head))
        return FS_ERR_IO;
    return 0;
}

int fs_file_open(fs_t *fs, fs_file *f, const char *path, int flags,
                 void *buffer) {
    if (!fs || !fs->mounted || !f || !path)
        return FS_ERR_INVAL;
    if (!buffer)
        return FS_ERR_NOMEM;
    int mode = flags & 3;
    if (mode == 0 ||
        (flags & ~(3 | FS_O_CREAT | FS_O_EXCL | FS_O_TRUNC | FS_O_APPEND)))
        return FS_ERR_INVAL;
    for (fs_handle *h = fs->handles; h; h = h->next)
        if (h == &f->h)
            return FS_ERR_INVAL; /* already open */
    memset(f, 0, sizeof *f);
    f->cache.buf = buffer;
    fs_cache_drop(&f->cache);
    f->head = FS_BLOCK_NULL;
    f->block = FS_BLOCK_NULL;
    f->flags = (uint32_t)flags;

    fs_path lk;
    int err = fs_lookup(fs, path, NULL, &lk);
    if (err == 0 && lk.is_root)
        return FS_ERR_ISDIR;
    if (err == FS_ERR_NOENT && lk.parent_ok && (flags & FS_O_CREAT)) {
        if (lk.trailing_slash)
            return FS_ERR_ISDIR;
        bool repairs = gstate_haswork(&fs->gdisk);
        err = fs_make_consistent(fs);
        if (!err)
            /* repairs may have moved entries: look again */
            err = repairs ? fs_lookup(fs, path, NULL, &lk) : FS_ERR_NOENT;
        if (err == FS_ERR_NOENT && lk.parent_ok) {
            fs_alloc_ack(fs);
            err = create_entry(fs, &lk, path);
        } else if (err == 0) {
            err = FS_ERR_EXIST;
        }
        if (err)
            return err;
        f->flags |= F_INLINE | F_LOADED;
    } else if (err) {
        return err;
    } else {
        if ((flags & FS_O_CREAT) && (flags & FS_O_EXCL))
            return FS_ERR_EXIST;
        if (lk.type == TYPE_DIR)
            return FS_ERR_ISDIR;
        if (lk.trailing_slash)
            return FS_ERR_NOTDIR;
        err = load_entry(fs, f, &lk);
        if (err)
            return err;
        if ((flags & FS_O_TRUNC) && (mode & FS_O_WRONLY) && f->size > 0) {
            f->flags |= F_INLINE | F_LOADED | F_DIRTY;
            f->size = 0;
            f->head = FS_BLOCK_NULL;
            f->chain_size = 0;
        }
    }
    f->h.kind = HANDLE_FILE;
    f->h.pair[0] = lk.m.pair[0];
    f->h.pair[1] = lk.m.pair[1];
    f->h.id = lk.id;
    f->h.detached = 0;
    f->flags |= F_OPEN;
    handle_add(fs, &f->h);
    return 0;
}

int fs_file_close(fs_t *fs, fs_file *f) {
    int err = check_open(fs, f);
    if (err)
        return err;
    if (writable(f))
        err = fs_file_sync(fs, f);
    handle_remove(fs, &f->h);
    f->flags = 0;
    return err;
}
