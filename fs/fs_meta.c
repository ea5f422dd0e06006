/* fs/fs_meta.c: metadata pairs, the on-disk logs that hold every directory
 * entry, tail pointer and global-state delta.
 *
 * Reading: a pair's two blocks are parsed forward, commit by commit, keeping
 * the newest block whose commits check out; lookups then walk the log
 * backward from its end (the XOR chain runs both ways), so the first match
 * is the newest version of a tag.
 *
 * Writing: a commit is appended when the log has room and is known to be
 * erased past its end (forward CRC, v2.1). Otherwise the pair is compacted:
 * its live entries are rewritten into the other block, which becomes valid
 * atomically through its higher revision count. Compaction also splits a
 * pair that grew past half a block, and spreads wear: after block_cycles
 * erases a pair moves to fresh blocks (when only its predecessor's tail
 * points at it) or hands its entries to a fresh continuation pair (when a
 * directory entry points at it and so it cannot move).
 */
#include "fs_core.h"

#define MAX_GROUPS 16
#define GROUP_MAX_IDS 0xfe
#define MDIR_MAX_IDS 0xff

/* ---------------------------------------------------------------- parse */

typedef struct fcrc_info {
    bool has;
    uint32_t size;
    uint32_t crc;
} fcrc_info;

static int read_le_words(fs_t *fs, uint32_t block, uint32_t off,
                         uint32_t size, uint32_t *words, uint32_t nwords) {
    uint8_t buf[12] = {0};
    uint32_t n = fs_min(size, 4 * nwords);
    int err = fs_bd_read(fs, NULL, block, off, buf, n);
    if (err)
        return err;
    for (uint32_t i = 0; i < nwords; i++)
        words[i] = fs_le32(buf + 4 * i);
    return 0;
}

/* Do the next prog_size bytes after the log still read as they did when the
 * last commit was made (v2.1 forward CRC), or as blank flash (v2.0)? */
static int check_erased(fs_t *fs, uint32_t block, uint32_t off,
                        const fcrc_info *fc, bool *erased) {
    uint32_t bs = fs->bd.block_size;
    *erased = false;
    if (off % fs->bd.prog_size != 0)
        return 0;
    if (fc->has) {
        if (fc->size > bs - off)
            return 0;
        uint32_t crc = 0xffffffff;
        int err = fs_bd_crc(fs, block, off, fc->size, &crc);
        if (err)
            return err;
        *erased = crc == fc->crc;
        return 0;
    }
    if (fs->disk_version >= 0x00020001 || fs->bd.prog_size > bs - off)
        return 0;
    uint8_t tmp[32];
    for (uint32_t i = 0; i < fs->bd.prog_size; i += sizeof tmp) {
        uint32_t n = fs_min(sizeof tmp, fs->bd.prog_size - i);
        int err = fs_bd_read(fs, NULL, block, off + i, tmp, n);
        if (err)
            return err;
        for (uint32_t j = 0; j < n; j++)
            if (tmp[j] != 0xff)
                return 0;
    }
    *erased = true;
    return 0;
}

/* What the commit being read says about the pair; adopted once its CRC
 * checks out. */
typedef struct commit_state {
    uint32_t count;
    uint32_t tail[2];
    bool split;
    bool bad; /* inconsistent: the commit is treated as torn */
    fs_gstate delta;
    fcrc_info fc;
} commit_state;

/* Takes in one non-CRC tag whose data starts at off + 4. */
static int note_tag(fs_t *fs, uint32_t block, uint32_t off, uint32_t tag,
                    commit_state *cs) {
    uint32_t type = tag_type(tag), size = tag_dsize(tag) - 4;
    int err = 0;
    switch (tag_type1(tag)) {
    case TYPE_NAME:
        if (tag_id(tag) != ID_NONE && tag_id(tag) >= cs->count)
            cs->count = tag_id(tag) + 1;
        break;
    case TYPE_SPLICE:
        if (type == TYPE_CREATE)
            cs->count++;
        else if (type == TYPE_DELETE && cs->count == 0)
            cs->bad = true;
        else if (type == TYPE_DELETE)
            cs->count--;
        break;
    case TYPE_TAIL:
        if (size < 8) {
            cs->bad = true;
            break;
        }
        cs->split = tag_chunk(tag) & 1;
        err = read_le_words(fs, block, off + 4, 8, cs->tail, 2);
        break;
    case TYPE_GSTATE:
        if (type == TYPE_MOVESTATE) {
            uint32_t w[3] = {0, 0, 0};
            err = read_le_words(fs, block, off + 4, size, w, 3);
            cs->delta.tag = w[0];
            cs->delta.pair[0] = w[1];
            cs->delta.pair[1] = w[2];
        }
        break;
    case TYPE_CRC:
        if (type == TYPE_FCRC && size >= 8) {
            uint32_t w[2] = {0, 0};
            err = read_le_words(fs, block, off + 4, 8, w, 2);
            cs->fc.has = true;
            cs->fc.size = w[0];
            cs->fc.crc = w[1];
        }
        break;
    default:
        break;
    }
    if (cs->count > 0x3fe)
        cs->bad = true;
    return err;
}

static void adopt_commit(fs_mdir *m, commit_state *cs, uint32_t end,
                         uint32_t etag, fcrc_info *last_fc) {
    m->off = end;
    m->etag = etag;
    m->count = (uint16_t)cs->count;
    m->tail[0] = cs->tail[0];
    m->tail[1] = cs->tail[1];
    m->split = cs->split;
    m->delta = cs->delta;
    *last_fc = cs->fc;
    cs->fc.has = false;
}

/* Parses one block of a pair, commit by commit, up to the first commit
 * that does not check out. Returns 1 when it holds at least one valid
 * commit (and fills m), 0 when it holds none. */
static int parse_block(fs_t *fs, uint32_t block, fs_mdir *m) {
    uint32_t bs = fs->bd.block_size;
    uint8_t buf[4];
    int err = fs_bd_read(fs, NULL, block, 0, buf, 4);
    if (err)
        return err;
    memset(m, 0, sizeof *m);
    m->rev = fs_le32(buf);
    m->tail[0] = m->tail[1] = FS_BLOCK_NULL;
    uint32_t crc = fs_crc32(0xffffffff, buf, 4);
    uint32_t off = 4, ptag = 0xffffffff;
    commit_state cs;
    memset(&cs, 0, sizeof cs);
    cs.tail[0] = cs.tail[1] = FS_BLOCK_NULL;
    fcrc_info last_fc = {false, 0, 0};
    bool valid = false, maybe_erased = false;

    while (off <= bs - 4) {
        err = fs_bd_read(fs, NULL, block, off, buf, 4);
        if (err)
            return err;
        uint32_t tag = fs_be32(buf) ^ ptag;
        if (tag & TAG_INVALID) {
            /* the end of the log, if right after a commit */
            maybe_erased = valid && off == m->off;
            break;
        }
        uint32_t dsize = tag_dsize(tag);
        if (dsize > bs - off)
            break;
        crc = fs_crc32(crc, buf, 4);
        ptag = tag;
        if (tag_is_ccrc(tag)) {
            uint32_t stored;
            if (tag_size(tag) < 4 || tag_deleted(tag))
                break;
            err = read_le_words(fs, block, off + 4, 4, &stored, 1);
            if (err)
                return err;
            if (stored != crc || cs.bad)
                break;
            ptag ^= (tag_chunk(tag) & 1u) << 31;
            valid = true;
            adopt_commit(m, &cs, off + dsize, ptag, &last_fc);
            fs->seed = fs_crc32(fs->seed, &crc, sizeof crc);
            crc = 0xffffffff;
        } else {
            err = fs_bd_crc(fs, block, off + 4, dsize - 4, &crc);
            if (!err)
                err = note_tag(fs, block, off, tag, &cs);
            if (err)
                return err;
        }
        off += dsize;
    }
    if (!valid)
        return 0;
    if (maybe_erased) {
        err = check_erased(fs, block, m->off, &last_fc, &m->erased);
        if (err)
            return err;
    }
    return 1;
}

/* rev a is newer than rev b, in sequence arithmetic */
static bool rev_newer(uint32_t a, uint32_t b) {
    return a != b && (a - b) < 0x80000000u;
}

int fs_mdir_fetch(fs_t *fs, fs_mdir *m, const uint32_t pair_in[2]) {
    /* pair_in may point into *m (a tail being followed) */
    const uint32_t pair[2] = {pair_in[0], pair_in[1]};
    if (!fs_block_ok(fs, pair[0]) || !fs_block_ok(fs, pair[1]))
        return FS_ERR_IO;
    uint8_t r[2][4];
    for (int i = 0; i < 2; i++) {
        int err = fs_bd_read(fs, NULL, pair[i], 0, r[i], 4);
        if (err)
            return err;
    }
    int first = rev_newer(fs_le32(r[1]), fs_le32(r[0])) ? 1 : 0;
    for (int i = 0; i < 2; i++) {
        uint32_t block = pair[(first + i) % 2];
        int res = parse_block(fs, block, m);
        if (res < 0)
            return res;
        if (res) {
            m->pair[0] = block;
            m->pair[1] = pair[(first + i + 1) % 2];
            return 0;
        }
    }
    return FS_ERR_IO;
}

/* ---------------------------------------------------------------- lookup */

/* Walks the log backward from its end. Returns the newest tag matching
 * (tag & mask) == (want & mask); ids are followed across the CREATE and
 * DELETE tags that renumbered them. */
int fs_mdir_get(fs_t *fs, const fs_mdir *m, uint32_t mask, uint32_t want,
                uint32_t *found, uint32_t *data_off) {
    bool by_id = (mask & fs_tag(0, 0x3ff, 0)) != 0;
    uint32_t want_id = tag_id(want), search = want_id;
    uint32_t off = m->off, ntag = m->etag;
    uint8_t buf[4];
    while (off >= 4 + tag_dsize(ntag)) {
        off -= tag_dsize(ntag);
        uint32_t tag = ntag & 0x7fffffff;
        int err = fs_bd_read(fs, NULL, m->pair[0], off, buf, 4);
        if (err)
            return err;
        ntag = (fs_be32(buf) ^ ntag) & 0x7fffffff;
        if (tag_type1(tag) == TYPE_CRC)
            continue;
        if (by_id && tag_type1(tag) == TYPE_SPLICE && tag_id(tag) <= search) {
            if (tag_type(tag) == TYPE_CREATE) {
                if (tag_id(tag) == search)
                    return FS_ERR_NOENT;
                search--;
            } else if (tag_type(tag) == TYPE_DELETE) {
                search++;
            }
            continue;
        }
        if (by_id && search > 0x3fe)
            return FS_ERR_NOENT;
        uint32_t w = by_id ? tag_with_id(want, search) : want;
        if ((tag & mask) == (w & mask)) {
            if (tag_deleted(tag))
                return FS_ERR_NOENT;
            *found = by_id ? tag_with_id(tag, want_id) : tag;
            *data_off = off + 4;
            return 0;
        }
    }
    return FS_ERR_NOENT;
}

int fs_mdir_read(fs_t *fs, const fs_mdir *m, uint32_t mask, uint32_t want,
                 void *buf, uint32_t size, uint32_t *found) {
    uint32_t tag, doff;
    int err = fs_mdir_get(fs, m, mask, want, &tag, &doff);
    if (err)
        return err;
    uint32_t n = fs_min(size, tag_size(tag));
    err = fs_bd_read(fs, NULL, m->pair[0], doff, buf, n);
    if (err)
        return err;
    memset((uint8_t *)buf + n, 0, size - n);
    if (found)
        *found = tag;
    return 0;
}

bool fs_mdir_is_live(const fs_t *fs, const fs_mdir *m, uint16_t id) {
    return !(gstate_hasmovehere(&fs->gdisk, m->pair) &&
             tag_id(fs->gdisk.tag) == id);
}

uint16_t fs_mdir_live_count(const fs_t *fs, const fs_mdir *m) {
    uint16_t n = m->count;
    if (gstate_hasmovehere(&fs->gdisk, m->pair) &&
        tag_id(fs->gdisk.tag) < m->count)
        n--;
    return n;
}

/* Forward walk over the valid commits, one tag at a time. */
typedef struct tag_iter {
    uint32_t off;
    uint32_t ptag;
} tag_iter;

static int iter_next(fs_t *fs, const fs_mdir *m, tag_iter *it, uint32_t *tag,
                     uint32_t *doff) {
    if (it->off + 4 > m->off)
        return 0;
    uint8_t buf[4];
    int err = fs_bd_read(fs, NULL, m->pair[0], it->off, buf, 4);
    if (err)
        return err;
    uint32_t t = (fs_be32(buf) ^ it->ptag) & 0x7fffffff;
    it->ptag = t;
    if (tag_is_ccrc(t))
        it->ptag ^= (tag_chunk(t) & 1u) << 31;
    *tag = t;
    *doff = it->off + 4;
    it->off += tag_dsize(t);
    return 1;
}

/* Finds the live file or directory entry called name in one pair, in a
 * single forward pass that follows the one candidate id across later
 * CREATE/DELETE tags. */
int fs_mdir_find(fs_t *fs, const fs_mdir *m, const char *name, uint32_t len,
                 uint16_t *id, uint32_t *tag_out) {
    tag_iter it = {4, 0xffffffff};
    uint32_t cand = ID_NONE, cand_tag = 0, tag = 0, doff = 0;
    int res;
    while ((res = iter_next(fs, m, &it, &tag, &doff)) > 0) {
        uint32_t type = tag_type(tag), tid = tag_id(tag);
        if ((type == TYPE_REG || type == TYPE_DIR) && tag_size(tag) == len &&
            !tag_deleted(tag)) {
            int c = fs_bd_cmp(fs, m->pair[0], doff, len, name, len);
            if (c < 0)
                return c;
            if (c == 0) {
                cand = tid;
                cand_tag = tag;
            } else if (cand == tid) {
                cand = ID_NONE;
            }
        } else if (type == TYPE_CREATE && cand != ID_NONE && tid <= cand) {
            cand++;
        } else if (type == TYPE_DELETE && cand != ID_NONE && tid <= cand) {
            cand = tid == cand ? ID_NONE : cand - 1;
        }
    }
    if (res < 0)
        return res;
    if (cand == ID_NONE || cand >= m->count || !fs_mdir_is_live(fs, m, (uint16_t)cand))
        return FS_ERR_NOENT;
    *id = (uint16_t)cand;
    if (tag_out)
        *tag_out = tag_with_id(cand_tag, cand);
    return 0;
}

/* Compares the name of entry id with name: 1 entry sorts first, 2 after,
 * 0 equal. Entries without a name, and the superblock, sort first. */
static int cmp_entry(fs_t *fs, const fs_mdir *m, uint16_t id, const char *name,
                     uint32_t len) {
    uint32_t tag, doff;
    int err = fs_mdir_get(fs, m, fs_tag(0x700, 0x3ff, 0),
                          fs_tag(TYPE_NAME, id, 0), &tag, &doff);
    if (err == FS_ERR_NOENT)
        return 1;
    if (err)
        return err;
    if (tag_type(tag) == TYPE_SUPERBLOCK)
        return 1;
    return fs_bd_cmp(fs, m->pair[0], doff, tag_size(tag), name, len);
}

/* Where a new entry called name goes to keep the pair sorted. */
int fs_mdir_insert_pos(fs_t *fs, const fs_mdir *m, const char *name,
                       uint32_t len, uint16_t *id) {
    uint32_t lo = 0, hi = m->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = cmp_entry(fs, m, (uint16_t)mid, name, len);
        if (c < 0)
            return c;
        if (c == 1)
            lo = mid + 1;
        else
            hi = mid;
    }
    *id = (uint16_t)lo;
    return 0;
}

/* Calls cb for the newest live version of every non-name tag of entry id:
 * its struct and its user attributes. */
typedef int (*tag_cb)(fs_t *fs, void *ctx, uint32_t tag, uint32_t block,
                      uint32_t doff);

static int each_tag(fs_t *fs, const fs_mdir *m, uint16_t id, tag_cb cb,
                    void *ctx) {
    uint8_t seen[33];
    memset(seen, 0, sizeof seen);
    uint32_t search = id, off = m->off, ntag = m->etag;
    uint8_t buf[4];
    while (off >= 4 + tag_dsize(ntag)) {
        off -= tag_dsize(ntag);
        uint32_t tag = ntag & 0x7fffffff;
        int err = fs_bd_read(fs, NULL, m->pair[0], off, buf, 4);
        if (err)
            return err;
        ntag = (fs_be32(buf) ^ ntag) & 0x7fffffff;
        uint32_t t1 = tag_type1(tag);
        if (t1 == TYPE_SPLICE) {
            if (tag_id(tag) <= search) {
                if (tag_type(tag) == TYPE_CREATE) {
                    if (tag_id(tag) == search)
                        return 0;
                    search--;
                } else if (tag_type(tag) == TYPE_DELETE) {
                    search++;
                }
            }
            continue;
        }
        if (tag_id(tag) != search)
            continue;
        uint32_t slot;
        if (t1 == TYPE_STRUCT)
            slot = 256;
        else if (t1 == TYPE_USERATTR)
            slot = tag_chunk(tag);
        else
            continue;
        if (seen[slot / 8] & (1u << (slot % 8)))
            continue;
        seen[slot / 8] |= (uint8_t)(1u << (slot % 8));
        if (tag_deleted(tag))
            continue;
        err = cb(fs, ctx, tag_with_id(tag, id), m->pair[0], off + 4);
        if (err)
            return err;
    }
    return 0;
}

static int add_size(fs_t *fs, void *ctx, uint32_t tag, uint32_t block,
                    uint32_t doff) {
    (void)fs;
    (void)block;
    (void)doff;
    *(uint32_t *)ctx += tag_dsize(tag);
    return 0;
}

/* Bytes entry id takes when rewritten, or 0 when it has no name. */
static int entry_size(fs_t *fs, const fs_mdir *m, uint16_t id,
                      uint32_t *size) {
    uint32_t tag, doff;
    *size = 0;
    int err = fs_mdir_get(fs, m, fs_tag(0x700, 0x3ff, 0),
                          fs_tag(TYPE_NAME, id, 0), &tag, &doff);
    if (err == FS_ERR_NOENT)
        return 0;
    if (err)
        return err;
    uint32_t s = tag_dsize(tag);
    err = each_tag(fs, m, id, add_size, &s);
    if (err)
        return err;
    *size = s;
    return 0;
}

/* ---------------------------------------------------------------- write */

typedef struct writer {
    uint32_t block;
    uint32_t off;
    uint32_t ptag;
    uint32_t crc;
} writer;

static int w_bytes(fs_t *fs, writer *w, const void *buf, uint32_t n) {
    int err = fs_bd_prog(fs, &fs->pcache, w->block, w->off, buf, n);
    if (err)
        return err;
    w->crc = fs_crc32(w->crc, buf, n);
    w->off += n;
    return 0;
}

static int w_head(fs_t *fs, writer *w, uint32_t tag) {
    uint8_t buf[4];
    fs_put_be32(buf, (tag & 0x7fffffff) ^ w->ptag);
    w->ptag = tag & 0x7fffffff;
    return w_bytes(fs, w, buf, 4);
}

static int w_tag(fs_t *fs, writer *w, uint32_t tag, const void *data) {
    int err = w_head(fs, w, tag);
    if (err || tag_deleted(tag) || tag_size(tag) == 0)
        return err;
    return w_bytes(fs, w, data, tag_size(tag));
}

/* A tag whose data is copied from elsewhere on the disk. */
static int w_tag_disk(fs_t *fs, writer *w, uint32_t tag, uint32_t block,
                      uint32_t doff) {
    int err = w_head(fs, w, tag);
    if (err || tag_deleted(tag))
        return err;
    uint8_t tmp[32];
    for (uint32_t i = 0; i < tag_size(tag); i += sizeof tmp) {
        uint32_t n = fs_min(sizeof tmp, tag_size(tag) - i);
        err = fs_bd_read(fs, NULL, block, doff + i, tmp, n);
        if (err)
            return err;
        err = w_bytes(fs, w, tmp, n);
        if (err)
            return err;
    }
    return 0;
}

typedef struct renumber {
    writer *w;
    uint16_t id;
} renumber;

static int copy_tag_cb(fs_t *fs, void *ctx, uint32_t tag, uint32_t block,
                       uint32_t doff) {
    renumber *r = ctx;
    return w_tag_disk(fs, r->w, tag_with_id(tag, r->id), block, doff);
}

static int w_gstate(fs_t *fs, writer *w, const fs_gstate *g) {
    uint8_t buf[12];
    fs_put_le32(buf, g->tag);
    fs_put_le32(buf + 4, g->pair[0]);
    fs_put_le32(buf + 8, g->pair[1]);
    return w_tag(fs, w, fs_tag(TYPE_MOVESTATE, ID_NONE, 12), buf);
}

static int w_tail(fs_t *fs, writer *w, const uint32_t tail[2], bool split) {
    uint8_t buf[8];
    fs_put_le32(buf, tail[0]);
    fs_put_le32(buf + 4, tail[1]);
    return w_tag(fs, w, fs_tag(TYPE_TAIL + (split ? 1 : 0), ID_NONE, 8), buf);
}

/* Bytes the closing tags may take: forward CRC, CRC and padding. */
static uint32_t finish_size(const fs_t *fs) {
    return 12 + 8 + fs->bd.prog_size - 1;
}

/* Closes the commit: forward CRC of the bytes the next commit will cover,
 * then the CRC tag, whose valid-state bit makes whatever follows read as
 * invalid, padded to the program size. */
static int w_finish(fs_t *fs, writer *w, uint32_t *etag, bool *erased) {
    uint32_t bs = fs->bd.block_size, ps = fs->bd.prog_size;
    bool fcrc = fs->disk_version >= 0x00020001;
    uint32_t end = fs_align_up(w->off + (fcrc ? 12 : 0) + 8, ps);
    if (fcrc && end >= bs) {
        fcrc = false;
        end = fs_align_up(w->off + 8, ps);
    }
    if (end > bs)
        return FS_ERR_NOSPC;
    int err;
    if (fcrc) {
        uint32_t ecrc = 0xffffffff;
        err = fs_bd_crc(fs, w->block, end, ps, &ecrc);
        if (err)
            return err;
        uint8_t d[8];
        fs_put_le32(d, ps);
        fs_put_le32(d + 4, ecrc);
        err = w_tag(fs, w, fs_tag(TYPE_FCRC, ID_NONE, 8), d);
        if (err)
            return err;
    }
    uint8_t next = 0xff;
    if (end < bs) {
        err = fs_bd_read(fs, NULL, w->block, end, &next, 1);
        if (err)
            return err;
    }
    uint32_t valid = (uint32_t)(next >> 7) ^ 1u;
    uint32_t tag = fs_tag(TYPE_CRC + valid, ID_NONE, end - (w->off + 4));
    uint8_t buf[8];
    fs_put_be32(buf, (tag & 0x7fffffff) ^ w->ptag);
    w->crc = fs_crc32(w->crc, buf, 4);
    fs_put_le32(buf + 4, w->crc);
    err = fs_bd_prog(fs, &fs->pcache, w->block, w->off, buf, 8);
    if (err)
        return err;
    err = fs_bd_flush(fs, &fs->pcache);
    if (err)
        return err;
    w->off = end;
    w->ptag = tag ^ (valid << 31);
    w->crc = 0xffffffff;
    *etag = w->ptag;
    *erased = fcrc;
    if (!fcrc && end < bs) {
        fcrc_info none = {false, 0, 0};
        err = check_erased(fs, w->block, end, &none, erased);
        if (err)
            return err;
    }
    return fs_bd_sync(fs);
}

/* ------------------------------------------------------------ new pairs */

/* A revision for a fresh block that beats whatever the pair's other block
 * may still hold, and starts a full wear cycle. */
static int fresh_rev(fs_t *fs, uint32_t other, uint32_t *rev) {
    uint8_t buf[4];
    int err = fs_bd_read(fs, NULL, other, 0, buf, 4);
    if (err)
        return err;
    uint32_t r = fs_le32(buf) + 1;
    if (fs->block_cycles > 0) {
        uint32_t mod = ((uint32_t)fs->block_cycles + 1) | 1;
        r += (mod - r % mod) % mod;
    }
    *rev = r;
    return 0;
}

static int alloc_pair(fs_t *fs, uint32_t pair[2]) {
    int err = fs_alloc(fs, &pair[0]);
    if (!err)
        err = fs_alloc(fs, &pair[1]);
    return err;
}

typedef struct group {
    uint16_t lo, hi; /* raw ids [lo, hi) of the source pair */
    uint16_t n;      /* entries kept */
    uint32_t pair[2];
} group;

/* Writes the live entries [g->lo, g->hi) of src (minus skip) into a freshly
 * erased block, as one commit. */
static int write_group(fs_t *fs, const fs_mdir *src, uint32_t block,
                       uint32_t rev, const group *g, uint32_t skip,
                       const uint32_t tail[2], bool split,
                       const fs_gstate *delta, fs_mdir *out) {
    int err = fs_bd_erase(fs, block);
    if (err)
        return err;
    writer w = {block, 0, 0xffffffff, 0xffffffff};
    uint8_t rb[4];
    fs_put_le32(rb, rev);
    err = w_bytes(fs, &w, rb, 4);
    uint16_t next_id = 0;
    for (uint32_t id = g->lo; !err && id < g->hi; id++) {
        if (id == skip)
            continue;
        uint32_t tag, doff;
        err = fs_mdir_get(fs, src, fs_tag(0x700, 0x3ff, 0),
                          fs_tag(TYPE_NAME, id, 0), &tag, &doff);
        if (err == FS_ERR_NOENT) {
            err = 0;
            continue;
        }
        if (err)
            break;
        err = w_tag_disk(fs, &w, tag_with_id(tag, next_id), src->pair[0],
                         doff);
        if (err)
            break;
        renumber r = {&w, next_id};
        err = each_tag(fs, src, (uint16_t)id, copy_tag_cb, &r);
        next_id++;
    }
    if (!err && !pair_isnull(tail))
        err = w_tail(fs, &w, tail, split);
    if (!err && !gstate_iszero(delta))
        err = w_gstate(fs, &w, delta);
    if (err)
        return err;
    memset(out, 0, sizeof *out);
    err = w_finish(fs, &w, &out->etag, &out->erased);
    if (err)
        return err;
    out->rev = rev;
    out->off = w.off;
    out->count = next_id;
    out->tail[0] = tail[0];
    out->tail[1] = tail[1];
    out->split = split && !pair_isnull(tail);
    out->delta = *delta;
    return 0;
}

/* A new, empty pair whose tail is `tail`. */
int fs_mdir_create(fs_t *fs, fs_mdir *m, const uint32_t tail[2], bool split) {
    uint32_t pair[2];
    int err = alloc_pair(fs, pair);
    if (err)
        return err;
    uint32_t rev;
    err = fresh_rev(fs, pair[1], &rev);
    if (err)
        return err;
    group g = {0, 0, 0, {0, 0}};
    fs_gstate zero = {0, {0, 0}};
    err = write_group(fs, m, pair[0], rev, &g, ID_NONE, tail, split, &zero, m);
    if (err)
        return err;
    m->pair[0] = pair[0];
    m->pair[1] = pair[1];
    return 0;
}

/* The pair whose tail points at `pair`, walking the threaded list. */
int fs_pred(fs_t *fs, const uint32_t pair[2], fs_mdir *pred) {
    uint32_t at[2] = {0, 1};
    if (pair_same(at, pair))
        return FS_ERR_NOENT;
    fs_loop loop;
    loop_init(&loop);
    while (!loop_seen(&loop, at)) {
        int err = fs_mdir_fetch(fs, pred, at);
        if (err)
            return err;
        if (pair_isnull(pred->tail))
            return FS_ERR_NOENT;
        if (pair_same(pred->tail, pair))
            return 0;
        at[0] = pred->tail[0];
        at[1] = pred->tail[1];
    }
    return FS_ERR_IO; /* the list runs in a circle: corrupted */
}

/* ------------------------------------------------------------ compaction */

enum { CHANGED_IDS = 1, CHANGED_PAIR = 2 };

static uint32_t compact_overhead(const fs_t *fs) {
    return 4 + 12 + 16 + finish_size(fs);
}

static int count_cb(void *ctx, uint32_t block, int kind) {
    (void)block;
    (void)kind;
    (*(uint32_t *)ctx)++;
    return 0;
}

/* Splits the live entries of m into groups that each fit in `limit` bytes.
 * Group 0 stays in m. keep_first >= 0 asks for an expansion: group 0 keeps
 * only that many entries (the superblock, or none) and the rest leave. */
static int plan_groups(fs_t *fs, const fs_mdir *m, uint32_t skip,
                       uint32_t limit, int keep_first, group *groups,
                       int *ngroups, uint32_t *total) {
    int g = 0;
    uint32_t cur = 0, kept = 0;
    groups[0].lo = 0;
    groups[0].n = 0;
    *total = 0;
    for (uint32_t id = 0; id < m->count; id++) {
        uint32_t s = 0;
        if (id != skip) {
            int err = entry_size(fs, m, (uint16_t)id, &s);
            if (err)
                return err;
        }
        if (s == 0)
            continue; /* nameless or moved away: dropped */
        if (s > fs->bd.block_size - compact_overhead(fs))
            return FS_ERR_NOSPC;
        bool close = groups[g].n > 0 &&
                     (cur + s > limit || groups[g].n >= GROUP_MAX_IDS);
        if (g == 0 && keep_first >= 0 && kept >= (uint32_t)keep_first)
            close = true;
        if (close) {
            if (g + 1 >= MAX_GROUPS)
                return FS_ERR_NOSPC;
            groups[g].hi = (uint16_t)id;
            g++;
            groups[g].lo = (uint16_t)id;
            groups[g].n = 0;
            cur = 0;
        }
        groups[g].n++;
        cur += s;
        *total += s;
        kept++;
    }
    groups[g].hi = m->count;
    *ngroups = g + 1;
    return 0;
}

/* Whether m is worn out, and if so how to spread its wear: move it to a
 * fresh pair when only its predecessor's tail points at it (relocate),
 * or else hand its entries over to a fresh continuation pair (keep_first:
 * how many entries stay, the superblock or none; -1 for no expansion).
 * Expansion takes two blocks for good, so only while the disk is less
 * than half full. */
static int plan_wear(fs_t *fs, const fs_mdir *m, bool *relocate,
                     int *keep_first) {
    *relocate = false;
    *keep_first = -1;
    if (fs->block_cycles <= 0 ||
        (m->rev + 1) % (((uint32_t)fs->block_cycles + 1) | 1) != 0)
        return 0;
    fs_mdir pred;
    int err = fs_pred(fs, m->pair, &pred);
    if (err && err != FS_ERR_NOENT)
        return err;
    if (!err && pred.split) {
        *relocate = true;
        return 0;
    }
    uint32_t used = 0;
    err = fs_walk(fs, count_cb, &used, true);
    if (err || used >= fs->bd.block_count / 2)
        return err;
    uint32_t tag, doff;
    err = fs_mdir_get(fs, m, fs_tag(0x7ff, 0x3ff, 0),
                      fs_tag(TYPE_SUPERBLOCK, 0, 0), &tag, &doff);
    if (err && err != FS_ERR_NOENT)
        return err;
    *keep_first = err ? 0 : 1;
    return 0;
}

/* Splits m's live entries into groups, each leaving room for a commit of
 * `need` bytes, and takes fresh pairs for all groups but the first. On a
 * nearly full disk everything stays in one block when it fits. */
static int plan_and_allocate(fs_t *fs, const fs_mdir *m, uint32_t skip,
                             uint32_t need, int keep_first, group *groups,
                             int *ng) {
    uint32_t bs = fs->bd.block_size, ovh = compact_overhead(fs), total;
    if (need + ovh > bs)
        return FS_ERR_NOSPC;
    uint32_t limit = fs_min(bs / 2, bs - ovh - need);
    int err = plan_groups(fs, m, skip, limit, keep_first, groups, ng, &total);
    if (!err && keep_first >= 0 && *ng == 1) /* nothing to hand over */
        err = plan_groups(fs, m, skip, limit, -1, groups, ng, &total);
    /* fresh blocks first: nothing is written before every block is ours */
    for (int i = 1; !err && i < *ng; i++)
        err = alloc_pair(fs, groups[i].pair);
    if (err == FS_ERR_NOSPC && total + ovh + need <= bs) {
        err = plan_groups(fs, m, skip, bs, -1, groups, ng, &total);
        if (!err && *ng > 1)
            err = FS_ERR_NOSPC;
    }
    return err;
}

/* Writes groups 1.. into their fresh pairs, chained by hard tails, the last
 * one inheriting m's tail. */
static int write_later_groups(fs_t *fs, const fs_mdir *m, uint32_t skip,
                              const group *groups, int ng) {
    fs_gstate zero = {0, {0, 0}};
    for (int i = ng - 1; i >= 1; i--) {
        const uint32_t *tail = i + 1 < ng ? groups[i + 1].pair : m->tail;
        bool split = i + 1 < ng ? true : m->split;
        uint32_t rev;
        int err = fresh_rev(fs, groups[i].pair[1], &rev);
        if (err)
            return err;
        fs_mdir out;
        err = write_group(fs, m, groups[i].pair[0], rev, &groups[i], skip,
                          tail, split, &zero, &out);
        if (err)
            return err;
    }
    return 0;
}

/* Points the hard tail that leads to `from` at `to`: the one commit that
 * makes a relocated pair current. */
static int swing_tail(fs_t *fs, const uint32_t from[2], const uint32_t to[2]) {
    uint8_t buf[8];
    fs_put_le32(buf, to[0]);
    fs_put_le32(buf + 4, to[1]);
    fs_attr a = {fs_tag(TYPE_HARDTAIL, ID_NONE, 8), buf, NULL, 0};
    for (int tries = 0; tries < 8; tries++) {
        fs_mdir pred;
        int err = fs_pred(fs, from, &pred);
        if (!err && !pred.split)
            err = FS_ERR_IO;
        if (!err)
            err = fs_mdir_commit(fs, &pred, &a, 1, NULL, NULL);
        if (err != FS_RETRY)
            return err;
    }
    return FS_ERR_IO;
}

/* Rewrites m. need: bytes the commit waiting behind the compaction will
 * take. Reports in *changes whether ids or the pair's blocks moved. */
static int mdir_compact(fs_t *fs, fs_mdir *m, uint32_t need,
                        uint32_t *changes) {
    *changes = 0;
    uint32_t skip = ID_NONE;
    fs_gstate delta = m->delta, gnew = fs->gdisk;
    if (gstate_hasmovehere(&fs->gdisk, m->pair)) {
        /* the entry moved away: drop it here, clearing the move with it */
        skip = tag_id(fs->gdisk.tag);
        gnew.tag &= ~fs_tag(0x7ff, 0x3ff, 0);
        gnew.pair[0] = gnew.pair[1] = 0;
        gstate_xor(&delta, &fs->gdisk);
        gstate_xor(&delta, &gnew);
        *changes |= CHANGED_IDS;
    }
    bool relocate;
    int keep_first, ng;
    group groups[MAX_GROUPS];
    int err = plan_wear(fs, m, &relocate, &keep_first);
    if (!err)
        err = plan_and_allocate(fs, m, skip, need, keep_first, groups, &ng);
    uint32_t newpair[2] = {m->pair[1], m->pair[0]};
    if (!err && relocate) {
        err = alloc_pair(fs, newpair);
        if (err == FS_ERR_NOSPC) { /* no room to move: wear in place */
            relocate = false;
            newpair[0] = m->pair[1];
            newpair[1] = m->pair[0];
            err = 0;
        }
    }
    if (!err)
        err = write_later_groups(fs, m, skip, groups, ng);
    if (err)
        return err;

    /* group 0: into the other block of the pair, or into the new pair */
    uint32_t rev = m->rev + 1;
    if (relocate && (err = fresh_rev(fs, newpair[1], &rev)) != 0)
        return err;
    fs_mdir out;
    err = write_group(fs, m, newpair[0], rev, &groups[0], skip,
                      ng > 1 ? groups[1].pair : m->tail,
                      ng > 1 ? true : m->split, &delta, &out);
    if (err)
        return err;
    out.pair[0] = newpair[0];
    out.pair[1] = newpair[1];
    if (relocate) {
        if ((err = swing_tail(fs, m->pair, out.pair)) != 0)
            return err;
        if (pair_same(fs->root, m->pair)) {
            fs->root[0] = out.pair[0];
            fs->root[1] = out.pair[1];
        }
        fs_handles_repair(fs, m->pair, out.pair);
        *changes |= CHANGED_PAIR;
    }
    fs->gdisk = gnew;

    /* open handles follow their entries into the new pairs */
    for (int i = ng - 1; i >= 0; i--) {
        uint16_t hi = i + 1 < ng ? groups[i].hi : 0xffff;
        const uint32_t *to = i ? groups[i].pair : out.pair;
        fs_handles_remap(fs, out.pair, groups[i].lo, hi, to, (uint16_t)skip);
    }
    if (ng > 1)
        *changes |= CHANGED_IDS;
    fs->generation++;
    *m = out;
    return 0;
}

/* ---------------------------------------------------------------- commit */

static int attr_size(fs_t *fs, const fs_attr *a, uint32_t *size) {
    if (!a->from) {
        *size += tag_dsize(a->tag);
        return 0;
    }
    return each_tag(fs, a->from, a->from_id, add_size, size);
}

static bool attrs_sensitive(const fs_attr *attrs, int n) {
    for (int i = 0; i < n; i++) {
        if (attrs[i].from || tag_id(attrs[i].tag) != ID_NONE ||
            tag_type1(attrs[i].tag) == TYPE_TAIL)
            return true;
    }
    return false;
}

static int mdir_append(fs_t *fs, fs_mdir *m, const fs_attr *attrs, int n,
                       const fs_gstate *delta) {
    writer w = {m->pair[0], m->off, m->etag, 0xffffffff};
    int err = 0;
    for (int i = 0; !err && i < n; i++) {
        const fs_attr *a = &attrs[i];
        if (a->from) {
            renumber r = {&w, (uint16_t)tag_id(a->tag)};
            err = each_tag(fs, a->from, a->from_id, copy_tag_cb, &r);
        } else {
            err = w_tag(fs, &w, a->tag, a->data);
        }
    }
    bool new_delta = memcmp(delta, &m->delta, sizeof *delta) != 0;
    if (!err && new_delta)
        err = w_gstate(fs, &w, delta);
    if (err)
        return err;
    uint32_t etag;
    bool erased;
    err = w_finish(fs, &w, &etag, &erased);
    if (err)
        return err;
    m->off = w.off;
    m->etag = etag;
    m->erased = erased;
    m->delta = *delta;
    for (int i = 0; i < n; i++) {
        uint32_t t = attrs[i].tag;
        if (tag_type(t) == TYPE_CREATE) {
            m->count++;
            fs_handles_splice(fs, m->pair, (uint16_t)tag_id(t), +1);
        } else if (tag_type(t) == TYPE_DELETE) {
            m->count--;
            fs_handles_splice(fs, m->pair, (uint16_t)tag_id(t), -1);
        } else if (tag_type1(t) == TYPE_TAIL) {
            const uint8_t *d = attrs[i].data;
            m->tail[0] = fs_le32(d);
            m->tail[1] = fs_le32(d + 4);
            m->split = tag_chunk(t) & 1;
        }
    }
    return 0;
}

/* Commits attrs to m atomically. gtarget: the global state the disk must
 * hold afterwards (NULL: unchanged); absorb: deltas of pairs this commit
 * unlinks from the threaded list. Returns FS_RETRY when a compaction moved
 * things the attrs refer to; nothing was written then. */
int fs_mdir_commit(fs_t *fs, fs_mdir *m, const fs_attr *attrs, int n,
                   const fs_gstate *gtarget, const fs_gstate *absorb) {
    uint32_t size = 16, creates = 0;
    for (int i = 0; i < n; i++) {
        int err = attr_size(fs, &attrs[i], &size);
        if (err)
            return err;
        if (tag_type(attrs[i].tag) == TYPE_CREATE)
            creates++;
    }
    size += finish_size(fs);
    bool fits = m->erased && size <= fs->bd.block_size - m->off &&
                m->count + creates <= MDIR_MAX_IDS;
    fs_gstate target;
    if (gtarget) {
        target = *gtarget;
        gtarget = &target;
    }
    if (!fits) {
        uint32_t gen = fs->generation, changes;
        fs_gstate before = fs->gdisk;
        int err = mdir_compact(fs, m, size, &changes);
        if (err)
            return err;
        if (gtarget && gstate_hasmove(&before) && !gstate_hasmove(&fs->gdisk) &&
            (target.tag & fs_tag(0x7ff, 0x3ff, 0)) ==
                (before.tag & fs_tag(0x7ff, 0x3ff, 0)) &&
            pair_same(target.pair, before.pair)) {
            /* the compaction already finished that move */
            target.tag &= ~fs_tag(0x7ff, 0x3ff, 0);
            target.pair[0] = target.pair[1] = 0;
        }
        if (attrs_sensitive(attrs, n) &&
            ((changes & CHANGED_IDS) || fs->generation - gen != 1))
            return FS_RETRY;
        for (int i = 0; i < n; i++)
            if (attrs[i].from)
                return FS_RETRY;
        if (!m->erased || size > fs->bd.block_size - m->off ||
            m->count + creates > MDIR_MAX_IDS)
            return FS_ERR_NOSPC;
    }
    /* the delta is computed after compaction, which may resolve a move */
    fs_gstate delta = m->delta;
    if (absorb)
        gstate_xor(&delta, absorb);
    if (gtarget) {
        gstate_xor(&delta, &fs->gdisk);
        gstate_xor(&delta, gtarget);
    }
    int err = mdir_append(fs, m, attrs, n, &delta);
    if (err)
        return err;
    if (gtarget)
        fs->gdisk = *gtarget;
    return 0;
}

/* ---------------------------------------------------------------- format */

/* Writes a new superblock pair at blocks 0 and 1 holding attrs. Both blocks
 * are erased so no older filesystem can show through. */
int fs_mdir_format(fs_t *fs, fs_mdir *m, const fs_attr *attrs, int n) {
    int err = fs_bd_erase(fs, 1);
    if (!err)
        err = fs_bd_erase(fs, 0);
    if (err)
        return err;
    writer w = {0, 0, 0xffffffff, 0xffffffff};
    uint8_t rb[4];
    fs_put_le32(rb, 1);
    err = w_bytes(fs, &w, rb, 4);
    for (int i = 0; !err && i < n; i++)
        err = w_tag(fs, &w, attrs[i].tag, attrs[i].data);
    if (err)
        return err;
    memset(m, 0, sizeof *m);
    err = w_finish(fs, &w, &m->etag, &m->erased);
    if (err)
        return err;
    m->pair[0] = 0;
    m->pair[1] = 1;
    m->rev = 1;
    m->off = w.off;
    m->count = 1;
    m->tail[0] = m->tail[1] = FS_BLOCK_NULL;
    return 0;
}
