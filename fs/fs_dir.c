/* fs/fs_dir.c: names. Path lookup, directories, mkdir, remove, rename and
 * user attributes; keeping open handles pointed at their entries while
 * commits renumber and move them; and finishing what a power cut
 * interrupted (a pending move, orphaned pairs) before the next change.
 *
 * A directory is a chain of metadata pairs linked by hard tails. All pairs
 * of the filesystem also form one list (the threaded list) through their
 * tails, which the allocator walks; a directory's chain is followed in that
 * list by its subdirectories' chains, linked by soft tails.
 */
#include "fs_core.h"

/* ------------------------------------------------------------- handles */

void fs_handles_splice(fs_t *fs, const uint32_t pair[2], uint16_t id,
                       int delta) {
    for (fs_handle *h = fs->handles; h; h = h->next) {
        if (h->detached || !pair_same(h->pair, pair))
            continue;
        if (delta > 0) {
            if (h->id >= id)
                h->id++;
        } else if (h->id == id) {
            if (h->kind == HANDLE_FILE)
                h->detached = 1;
        } else if (h->id > id) {
            h->id--;
        }
    }
}

void fs_handles_remap(fs_t *fs, const uint32_t from[2], uint16_t lo,
                      uint16_t hi, const uint32_t to[2], uint16_t skip) {
    for (fs_handle *h = fs->handles; h; h = h->next) {
        if (h->detached == 1 || !pair_same(h->pair, from) || h->id < lo ||
            h->id >= hi)
            continue;
        if (h->id == skip && h->kind == HANDLE_FILE) {
            h->detached = 1;
            continue;
        }
        uint16_t id = (uint16_t)(h->id - lo);
        if (skip != ID_NONE && skip >= lo && skip < h->id)
            id--;
        h->id = id;
        h->pair[0] = to[0];
        h->pair[1] = to[1];
    }
}

void fs_handles_repair(fs_t *fs, const uint32_t from[2], const uint32_t to[2]) {
    for (fs_handle *h = fs->handles; h; h = h->next) {
        if (pair_same(h->pair, from)) {
            h->pair[0] = to[0];
            h->pair[1] = to[1];
        }
        if (h->kind == HANDLE_DIR) {
            fs_dir *d = (fs_dir *)h;
            if (pair_same(d->head, from)) {
                d->head[0] = to[0];
                d->head[1] = to[1];
            }
        }
    }
}

/* Directory handles reading a pair that was unlinked go on from the end
 * of its predecessor. */
static void handles_dropped(fs_t *fs, const uint32_t dropped[2],
                            const fs_mdir *pred) {
    for (fs_handle *h = fs->handles; h; h = h->next) {
        if (h->kind == HANDLE_DIR && !h->detached &&
            pair_same(h->pair, dropped)) {
            h->pair[0] = pred->pair[0];
            h->pair[1] = pred->pair[1];
            h->id = pred->count;
        }
    }
}

/* Directory handles of a removed directory read as empty from now on. */
static void handles_dir_removed(fs_t *fs, const uint32_t head[2]) {
    for (fs_handle *h = fs->handles; h; h = h->next)
        if (h->kind == HANDLE_DIR && pair_same(((fs_dir *)h)->head, head))
            h->detached = 1;
}

/* Files open on an entry being renamed ride along ("in transit"). */
static void transit_mark(fs_t *fs, const uint32_t pair[2], uint16_t id) {
    for (fs_handle *h = fs->handles; h; h = h->next)
        if (h->kind == HANDLE_FILE && !h->detached &&
            pair_same(h->pair, pair) && h->id == id)
            h->detached = 2;
}

static void transit_land(fs_t *fs, const uint32_t pair[2], uint16_t id) {
    for (fs_handle *h = fs->handles; h; h = h->next) {
        if (h->detached != 2)
            continue;
        h->detached = 0;
        if (pair) {
            h->pair[0] = pair[0];
            h->pair[1] = pair[1];
            h->id = id;
        }
    }
}

/* ------------------------------------------------------------- lookup */

int fs_read_struct(fs_t *fs, const fs_mdir *m, uint16_t id, uint32_t *tag,
                   uint8_t buf[8]) {
    return fs_mdir_read(fs, m, fs_tag(0x700, 0x3ff, 0),
                        fs_tag(TYPE_STRUCT, id, 0), buf, 8, tag);
}

static void put_pair(uint8_t buf[8], const uint32_t pair[2]) {
    fs_put_le32(buf, pair[0]);
    fs_put_le32(buf + 4, pair[1]);
}

static int read_dir_head(fs_t *fs, const fs_mdir *m, uint16_t id,
                         uint32_t head[2]) {
    uint8_t buf[8];
    uint32_t tag;
    int err = fs_read_struct(fs, m, id, &tag, buf);
    if (err == FS_ERR_NOENT)
        return FS_ERR_IO;
    if (err)
        return err;
    if (tag_type(tag) != TYPE_DIRSTRUCT || tag_size(tag) < 8)
        return FS_ERR_IO;
    head[0] = fs_le32(buf);
    head[1] = fs_le32(buf + 4);
    if (!fs_block_ok(fs, head[0]) || !fs_block_ok(fs, head[1]))
        return FS_ERR_IO;
    return 0;
}

/* Where a missing name would be created: littlefs keeps names sorted
 * across the whole chain of a directory, and other implementations stop a
 * lookup at the first pair holding a larger name, so a new entry goes to
 * the first pair with a name that sorts after it, else to the end of the
 * last pair. */
typedef struct insert_at {
    fs_mdir m;
    uint16_t id;
    bool found;
} insert_at;

static int note_insert(fs_t *fs, const fs_mdir *m, const char *name,
                       uint32_t len, insert_at *ins) {
    if (!ins || ins->found)
        return 0;
    uint16_t pos;
    int err = fs_mdir_insert_pos(fs, m, name, len, &pos);
    if (err)
        return err;
    if (pos < m->count || !m->split) {
        ins->m = *m;
        ins->id = pos;
        ins->found = true;
    }
    return 0;
}

/* Searches the chain of pairs starting at head. *m ends as the pair holding
 * the name, or the last pair of the chain; ins (if given) says where the
 * name would be created. Every pair is searched, so entries out of order
 * are still found. */
static int dir_find(fs_t *fs, const uint32_t head[2], const char *name,
                    uint32_t len, fs_mdir *m, uint16_t *id, uint32_t *tag,
                    insert_at *ins) {
    uint32_t at[2] = {head[0], head[1]};
    fs_loop loop;
    loop_init(&loop);
    while (!loop_seen(&loop, at)) {
        int err = fs_mdir_fetch(fs, m, at);
        if (err)
            return err;
        err = fs_mdir_find(fs, m, name, len, id, tag);
        if (err != FS_ERR_NOENT)
            return err;
        err = note_insert(fs, m, name, len, ins);
        if (err)
            return err;
        if (!m->split)
            return FS_ERR_NOENT;
        at[0] = m->tail[0];
        at[1] = m->tail[1];
    }
    return FS_ERR_IO;
}

static const char *component(const char *p, uint32_t *len) {
    while (*p == '/')
        p++;
    uint32_t n = 0;
    while (p[n] && p[n] != '/')
        n++;
    *len = n;
    return p;
}

static bool is_dot(const char *c, uint32_t n) { return n == 1 && c[0] == '.'; }
static bool is_dotdot(const char *c, uint32_t n) {
    return n == 2 && c[0] == '.' && c[1] == '.';
}

/* If a later ".." cancels the component just read, where parsing goes on. */
static const char *cancelled(const char *rest) {
    int depth = 1;
    for (;;) {
        uint32_t len;
        const char *c = component(rest, &len);
        if (len == 0)
            return NULL;
        rest = c + len;
        if (is_dotdot(c, len)) {
            if (--depth == 0)
                return rest;
        } else if (!is_dot(c, len)) {
            depth++;
        }
    }
}

/* The next component that names something to descend into. "." is skipped,
 * so is a name a later ".." cancels; ".." at the top stays at the root. */
static const char *next_real(const char *p, const char **name, uint32_t *len) {
    for (;;) {
        const char *c = component(p, len);
        *name = c;
        if (*len == 0)
            return c;
        p = c + *len;
        if (is_dot(c, *len) || is_dotdot(c, *len))
            continue;
        const char *q = cancelled(p);
        if (q) {
            p = q;
            continue;
        }
        return p;
    }
}

int fs_lookup(fs_t *fs, const char *path, const uint32_t avoid[2],
              fs_path *out) {
    memset(out, 0, sizeof *out);
    uint32_t dir[2] = {fs->root[0], fs->root[1]};
    out->dir[0] = dir[0];
    out->dir[1] = dir[1];
    out->type = TYPE_DIR;
    out->is_root = true;
    out->id = ID_NONE;
    const char *name;
    uint32_t len;
    const char *p = next_real(path, &name, &len);
    if (len == 0)
        return fs_mdir_fetch(fs, &out->m, dir);
    for (;;) {
        if (len > fs->name_max)
            return FS_ERR_NAMETOOLONG;
        const char *nname;
        uint32_t nlen;
        const char *np = next_real(p, &nname, &nlen);
        bool last = nlen == 0;
        out->is_root = false;
        out->name = name;
        out->len = len;
        out->dir[0] = dir[0];
        out->dir[1] = dir[1];
        out->trailing_slash = last && *p == '/';
        uint32_t tag = 0;
        insert_at ins;
        ins.found = false;
        int err = dir_find(fs, dir, name, len, &out->m, &out->id, &tag,
                           last ? &ins : NULL);
        if (err == FS_ERR_NOENT) {
            if (!last || !ins.found)
                return FS_ERR_NOENT;
            out->parent_ok = true;
            out->m = ins.m;
            out->id = ins.id;
            return FS_ERR_NOENT;
        }
        if (err)
            return err;
        out->type = tag_type(tag);
        if (last)
            return 0;
        if (out->type != TYPE_DIR)
            return FS_ERR_NOTDIR;
        err = read_dir_head(fs, &out->m, out->id, dir);
        if (err)
            return err;
        if (avoid && pair_same(dir, avoid))
            out->passes = true;
        name = nname;
        len = nlen;
        p = np;
    }
}

/* ------------------------------------------------------------- chains */

/* Follows a directory's chain: is every pair empty, which is the last, and
 * what do their gstate deltas add up to. */
static int chain_scan(fs_t *fs, const uint32_t head[2], fs_mdir *last,
                      fs_gstate *deltas, bool *empty) {
    uint32_t at[2] = {head[0], head[1]};
    memset(deltas, 0, sizeof *deltas);
    *empty = true;
    fs_loop loop;
    loop_init(&loop);
    while (!loop_seen(&loop, at)) {
        int err = fs_mdir_fetch(fs, last, at);
        if (err)
            return err;
        if (fs_mdir_live_count(fs, last) > 0)
            *empty = false;
        gstate_xor(deltas, &last->delta);
        if (!last->split)
            return 0;
        at[0] = last->tail[0];
        at[1] = last->tail[1];
    }
    return FS_ERR_IO;
}

static int commit_gstate(fs_t *fs, const fs_gstate *target) {
    fs_mdir m;
    int err = fs_mdir_fetch(fs, &m, fs->root);
    if (err)
        return err;
    return fs_mdir_commit(fs, &m, NULL, 0, target, NULL);
}

/* Takes a directory's chain out of the threaded list. */
static int unlink_chain(fs_t *fs, const uint32_t head[2],
                        const fs_gstate *target) {
    for (int tries = 0; tries < 16; tries++) {
        fs_mdir last, pred;
        fs_gstate deltas;
        bool empty;
        int err = chain_scan(fs, head, &last, &deltas, &empty);
        if (err)
            return err;
        err = fs_pred(fs, head, &pred);
        if (err == FS_ERR_NOENT)
            return commit_gstate(fs, target);
        if (err)
            return err;
        uint8_t buf[8];
        put_pair(buf, last.tail);
        fs_attr a = {fs_tag(TYPE_SOFTTAIL, ID_NONE, 8), buf, NULL, 0};
        err = fs_mdir_commit(fs, &pred, &a, 1, target, &deltas);
        if (err != FS_RETRY)
            return err;
    }
    return FS_ERR_IO;
}

/* Deletes entry id of m. A continuation pair (one a hard tail points at)
 * left empty is unlinked from its chain instead: littlefs readers take a
 * directory with a further pair for not empty. */
static int delete_entry(fs_t *fs, fs_mdir *m, uint16_t id,
                        const fs_gstate *target) {
    if (m->count == 1) {
        fs_mdir pred;
        int err = fs_pred(fs, m->pair, &pred);
        if (err && err != FS_ERR_NOENT)
            return err;
        if (!err && pred.split) {
            uint8_t buf[8];
            put_pair(buf, m->tail);
            fs_attr a = {fs_tag(TYPE_TAIL + (m->split ? 1 : 0), ID_NONE, 8),
                         buf, NULL, 0};
            err = fs_mdir_commit(fs, &pred, &a, 1, target, &m->delta);
            if (!err) {
                fs_handles_splice(fs, m->pair, id, -1);
                handles_dropped(fs, m->pair, &pred);
            }
            return err;
        }
    }
    fs_attr a = {fs_tag(TYPE_DELETE, id, 0), NULL, NULL, 0};
    return fs_mdir_commit(fs, m, &a, 1, target, NULL);
}

/* ------------------------------------------------------------- repair */

/* The pair of the directory entry pointing at (a block of) pair. */
static int find_parent(fs_t *fs, const uint32_t pair[2], uint32_t found[2]) {
    uint32_t at[2] = {0, 1};
    fs_loop loop;
    loop_init(&loop);
    while (!pair_isnull(at)) {
        if (loop_seen(&loop, at))
            return FS_ERR_IO;
        fs_mdir m;
        int err = fs_mdir_fetch(fs, &m, at);
        if (err)
            return err;
        for (uint16_t id = 0; id < m.count; id++) {
            uint8_t buf[8];
            uint32_t tag;
            if (!fs_mdir_is_live(fs, &m, id))
                continue;
            err = fs_read_struct(fs, &m, id, &tag, buf);
            if (err == FS_ERR_NOENT)
                continue;
            if (err)
                return err;
            if (tag_type(tag) != TYPE_DIRSTRUCT || tag_size(tag) < 8)
                continue;
            uint32_t p[2] = {fs_le32(buf), fs_le32(buf + 4)};
            if (pair_overlap(p, pair)) {
                found[0] = p[0];
                found[1] = p[1];
                return 0;
            }
        }
        at[0] = m.tail[0];
        at[1] = m.tail[1];
    }
    return FS_ERR_NOENT;
}

/* Walks the threaded list and mends what an interrupted mkdir, remove or
 * relocation left: directory chains no entry points at are unlinked, and a
 * list entry pointing at a directory's old blocks is pointed at its new
 * ones. Returns 1 when it changed something (the walk starts over). */
static int deorphan_pass(fs_t *fs) {
    fs_mdir pdir;
    const uint32_t start[2] = {0, 1};
    int err = fs_mdir_fetch(fs, &pdir, start);
    if (err)
        return err;
    fs_loop loop;
    loop_init(&loop);
    while (!pair_isnull(pdir.tail)) {
        if (loop_seen(&loop, pdir.pair))
            return FS_ERR_IO;
        if (!pdir.split) {
            uint32_t parent[2];
            uint8_t buf[8];
            fs_gstate deltas = {0, {0, 0}};
            err = find_parent(fs, pdir.tail, parent);
            if (err == FS_ERR_NOENT) {
                fs_mdir last;
                bool empty;
                err = chain_scan(fs, pdir.tail, &last, &deltas, &empty);
                if (err)
                    return err;
                put_pair(buf, last.tail);
            } else if (err) {
                return err;
            } else if (!pair_same(parent, pdir.tail)) {
                put_pair(buf, parent);
            } else {
                goto next;
            }
            fs_attr a = {fs_tag(TYPE_SOFTTAIL, ID_NONE, 8), buf, NULL, 0};
            err = fs_mdir_commit(fs, &pdir, &a, 1, NULL, &deltas);
            return err && err != FS_RETRY ? err : 1;
        }
    next:
        err = fs_mdir_fetch(fs, &pdir, pdir.tail);
        if (err)
            return err;
    }
    return 0;
}

int fs_make_consistent(fs_t *fs) {
    for (int tries = 0; gstate_hasmove(&fs->gdisk); tries++) {
        if (tries > 16)
            return FS_ERR_IO;
        fs_gstate target = fs->gdisk;
        target.tag &= ~fs_tag(0x7ff, 0x3ff, 0);
        target.pair[0] = target.pair[1] = 0;
        fs_mdir m;
        uint16_t id = (uint16_t)tag_id(fs->gdisk.tag);
        int err = fs_mdir_fetch(fs, &m, fs->gdisk.pair);
        if (err == FS_ERR_IO || (!err && id >= m.count)) {
            err = commit_gstate(fs, &target); /* a move to nowhere */
        } else if (!err) {
            err = delete_entry(fs, &m, id, &target);
        }
        if (err && err != FS_RETRY)
            return err;
    }
    if (fs->gdisk.tag & TAG_INVALID) {
        int res;
        for (int tries = 0; (res = deorphan_pass(fs)) == 1; tries++)
            if (tries > 64)
                return FS_ERR_IO;
        if (res)
            return res;
        fs_gstate target = fs->gdisk;
        target.tag &= ~TAG_INVALID;
        return commit_gstate(fs, &target);
    }
    return 0;
}

/* ------------------------------------------------------------- info */

static int fill_info(fs_t *fs, const fs_mdir *m, uint16_t id, fs_info *info) {
    uint32_t tag, doff;
    int err = fs_mdir_get(fs, m, fs_tag(0x700, 0x3ff, 0),
                          fs_tag(TYPE_NAME, id, 0), &tag, &doff);
    if (err)
        return err;
    if (tag_type(tag) != TYPE_REG && tag_type(tag) != TYPE_DIR)
        return FS_ERR_NOENT; /* the superblock, or something newer */
    uint32_t n = fs_min(tag_size(tag), FS_NAME_MAX);
    err = fs_bd_read(fs, NULL, m->pair[0], doff, info->name, n);
    if (err)
        return err;
    info->name[n] = '\0';
    info->type = tag_type(tag) == TYPE_DIR ? FS_TYPE_DIR : FS_TYPE_REG;
    info->size = 0;
    if (info->type == FS_TYPE_REG) {
        uint8_t buf[8];
        err = fs_read_struct(fs, m, id, &tag, buf);
        if (err == FS_ERR_NOENT)
            return 0;
        if (err)
            return err;
        if (tag_type(tag) == TYPE_INLINE)
            info->size = tag_size(tag);
        else if (tag_type(tag) == TYPE_CTZ && tag_size(tag) >= 8)
            info->size = fs_le32(buf + 4);
    }
    return 0;
}

int fs_stat(fs_t *fs, const char *path, fs_info *info) {
    if (!fs || !fs->mounted || !path || !info)
        return FS_ERR_INVAL;
    fs_path lk;
    int err = fs_lookup(fs, path, NULL, &lk);
    if (err)
        return err;
    if (lk.is_root) {
        info->type = FS_TYPE_DIR;
        info->size = 0;
        strcpy(info->name, "/");
        return 0;
    }
    if (lk.trailing_slash && lk.type != TYPE_DIR)
        return FS_ERR_NOTDIR;
    err = fill_info(fs, &lk.m, lk.id, info);
    return err == FS_ERR_NOENT ? FS_ERR_IO : err;
}

/* ------------------------------------------------------------- mkdir */

static int begin_change(fs_t *fs) {
    if (!fs || !fs->mounted)
        return FS_ERR_INVAL;
    int err = fs_make_consistent(fs);
    fs_alloc_ack(fs);
    return err;
}

static fs_gstate with_orphans(const fs_t *fs, bool on) {
    fs_gstate g = fs->gdisk;
    if (on)
        g.tag |= TAG_INVALID;
    else
        g.tag &= ~TAG_INVALID;
    return g;
}

/* A new directory's pair joins the threaded list after the last pair of
 * its parent's chain. When the entry goes into an earlier pair of that chain
 * (names stay sorted across the chain), linking the pair in and adding the
 * entry are two commits; the orphan flag covers a power cut in between. */
int fs_mkdir(fs_t *fs, const char *path) {
    if (!path)
        return FS_ERR_INVAL;
    int err = begin_change(fs);
    if (err)
        return err;
    bool linked = false;
    uint8_t dp[8];
    for (int tries = 0; tries < 16; tries++) {
        fs_path lk;
        err = fs_lookup(fs, path, NULL, &lk);
        if (err == 0)
            return FS_ERR_EXIST;
        if (err != FS_ERR_NOENT || !lk.parent_ok)
            return err;
        fs_mdir last;
        fs_gstate deltas;
        bool empty;
        err = chain_scan(fs, lk.m.pair, &last, &deltas, &empty);
        if (err)
            return err;
        bool at_end = pair_same(last.pair, lk.m.pair);
        if (!linked) {
            fs_mdir d;
            err = fs_mdir_create(fs, &d, last.tail, false);
            if (err)
                return err;
            put_pair(dp, d.pair);
        }
        if (!linked && !at_end) {
            fs_attr link = {fs_tag(TYPE_SOFTTAIL, ID_NONE, 8), dp, NULL, 0};
            fs_gstate target = with_orphans(fs, true);
            err = fs_mdir_commit(fs, &last, &link, 1, &target, NULL);
            if (err && err != FS_RETRY)
                return err;
            linked = err == 0;
            continue; /* the commit may have moved pairs: look up again */
        }
        fs_attr attrs[4] = {
            {fs_tag(TYPE_CREATE, lk.id, 0), NULL, NULL, 0},
            {fs_tag(TYPE_DIR, lk.id, lk.len), lk.name, NULL, 0},
            {fs_tag(TYPE_DIRSTRUCT, lk.id, 8), dp, NULL, 0},
            {fs_tag(TYPE_SOFTTAIL, ID_NONE, 8), dp, NULL, 0},
        };
        fs_gstate target = with_orphans(fs, false);
        err = fs_mdir_commit(fs, &lk.m, attrs, linked ? 3 : 4,
                             linked ? &target : NULL, NULL);
        if (err != FS_RETRY)
            return err;
    }
    return FS_ERR_IO;
}

/* ------------------------------------------------------------- remove */

int fs_remove(fs_t *fs, const char *path) {
    if (!path)
        return FS_ERR_INVAL;
    int err = begin_change(fs);
    if (err)
        return err;
    for (int tries = 0; tries < 16; tries++) {
        fs_path lk;
        err = fs_lookup(fs, path, NULL, &lk);
        if (err)
            return err;
        if (lk.is_root)
            return FS_ERR_INVAL;
        if (lk.trailing_slash && lk.type != TYPE_DIR)
            return FS_ERR_NOTDIR;
        bool is_dir = lk.type == TYPE_DIR;
        uint32_t head[2];
        if (is_dir) {
            fs_mdir last;
            fs_gstate deltas;
            bool empty;
            err = read_dir_head(fs, &lk.m, lk.id, head);
            if (!err)
                err = chain_scan(fs, head, &last, &deltas, &empty);
            if (err)
                return err;
            if (!empty)
                return FS_ERR_NOTEMPTY;
        }
        /* a removed directory's pairs stay in the threaded list until the
         * next commit: flag the orphan for a power cut in between */
        fs_gstate target = with_orphans(fs, is_dir);
        err = delete_entry(fs, &lk.m, lk.id, is_dir ? &target : NULL);
        if (err == FS_RETRY)
            continue;
        if (err || !is_dir)
            return err;
        handles_dir_removed(fs, head);
        target = with_orphans(fs, false);
        return unlink_chain(fs, head, &target);
    }
    return FS_ERR_IO;
}

/* ------------------------------------------------------------- rename */

/* Deletes the source of the move the disk records, if it still does. */
static int finish_move(fs_t *fs) {
    for (int tries = 0; gstate_hasmove(&fs->gdisk); tries++) {
        if (tries > 16)
            return FS_ERR_IO;
        fs_gstate target = fs->gdisk;
        target.tag &= ~fs_tag(0x7ff, 0x3ff, 0);
        target.pair[0] = target.pair[1] = 0;
        fs_mdir m;
        int err = fs_mdir_fetch(fs, &m, fs->gdisk.pair);
        if (err)
            return err;
        err = delete_entry(fs, &m, (uint16_t)tag_id(fs->gdisk.tag), &target);
        if (err && err != FS_RETRY)
            return err;
    }
    return 0;
}

/* May src go where dst says? Sets *old_head when dst is an (empty)
 * directory that the rename replaces. */
static int rename_check(fs_t *fs, const fs_path *src, const fs_path *dst,
                        bool exists, bool *replace_dir, uint32_t old_head[2]) {
    bool src_dir = src->type == TYPE_DIR;
    *replace_dir = false;
    if (dst->is_root || dst->passes)
        return FS_ERR_INVAL; /* onto the root, or into itself */
    if (!exists)
        return !src_dir && dst->trailing_slash ? FS_ERR_NOTDIR : 0;
    if (src_dir && dst->type != TYPE_DIR)
        return FS_ERR_NOTDIR;
    if (!src_dir && dst->type == TYPE_DIR)
        return FS_ERR_ISDIR;
    if (dst->type != TYPE_DIR)
        return 0;
    fs_mdir last;
    fs_gstate deltas;
    bool empty;
    int err = read_dir_head(fs, &dst->m, dst->id, old_head);
    if (!err)
        err = chain_scan(fs, old_head, &last, &deltas, &empty);
    if (err)
        return err;
    *replace_dir = true;
    return empty ? 0 : FS_ERR_NOTEMPTY;
}

/* The commit that puts src's entry at dst: within one pair it also deletes
 * the old entry; across pairs the global state records the move, so a
 * power cut before the old entry goes is finished by the next change. */
static int rename_commit(fs_t *fs, fs_path *src, fs_path *dst, bool exists,
                         bool replace_dir, uint16_t *final_id) {
    bool same = pair_same(src->m.pair, dst->m.pair);
    uint16_t newid = dst->id, oldid_after = src->id;
    if (same && !exists && newid <= src->id)
        oldid_after++;
    fs_attr attrs[5];
    int n = 0;
    if (exists)
        attrs[n++] = (fs_attr){fs_tag(TYPE_DELETE, newid, 0), NULL, NULL, 0};
    attrs[n++] = (fs_attr){fs_tag(TYPE_CREATE, newid, 0), NULL, NULL, 0};
    attrs[n++] =
        (fs_attr){fs_tag(src->type, newid, dst->len), dst->name, NULL, 0};
    attrs[n++] = (fs_attr){fs_tag(0, newid, 0), NULL, &src->m, src->id};
    if (same)
        attrs[n++] = (fs_attr){fs_tag(TYPE_DELETE, oldid_after, 0), NULL,
                               NULL, 0};
    fs_gstate target = with_orphans(fs, replace_dir);
    if (!same) {
        target.tag = (target.tag & ~fs_tag(0x7ff, 0x3ff, 0)) |
                     fs_tag(TYPE_DELETE, src->id, 0);
        target.pair[0] = src->m.pair[0];
        target.pair[1] = src->m.pair[1];
    }
    *final_id = same && oldid_after < newid ? newid - 1 : newid;
    return fs_mdir_commit(fs, &dst->m, attrs, n, &target, NULL);
}

int fs_rename(fs_t *fs, const char *oldpath, const char *newpath) {
    if (!oldpath || !newpath)
        return FS_ERR_INVAL;
    int err = begin_change(fs);
    if (err)
        return err;
    for (int tries = 0; tries < 16; tries++) {
        fs_path src, dst;
        err = fs_lookup(fs, oldpath, NULL, &src);
        if (err)
            return err;
        if (src.is_root)
            return FS_ERR_INVAL;
        uint32_t src_head[2] = {FS_BLOCK_NULL, FS_BLOCK_NULL};
        if (src.type == TYPE_DIR &&
            (err = read_dir_head(fs, &src.m, src.id, src_head)) != 0)
            return err;
        if (src.type != TYPE_DIR && src.trailing_slash)
            return FS_ERR_NOTDIR;
        err = fs_lookup(fs, newpath, src.type == TYPE_DIR ? src_head : NULL,
                        &dst);
        bool exists = err == 0;
        if (err && !(err == FS_ERR_NOENT && dst.parent_ok))
            return err;
        if (exists && pair_same(src.m.pair, dst.m.pair) && src.id == dst.id)
            return 0;
        bool replace_dir;
        uint32_t old_head[2];
        err = rename_check(fs, &src, &dst, exists, &replace_dir, old_head);
        if (err)
            return err;

        uint16_t final_id;
        transit_mark(fs, src.m.pair, src.id);
        err = rename_commit(fs, &src, &dst, exists, replace_dir, &final_id);
        if (err) {
            transit_land(fs, NULL, 0);
            if (err == FS_RETRY)
                continue;
            return err;
        }
        transit_land(fs, dst.m.pair, final_id);
        if (!pair_same(src.m.pair, dst.m.pair) && (err = finish_move(fs)))
            return err;
        if (!replace_dir)
            return 0;
        handles_dir_removed(fs, old_head);
        fs_gstate target = with_orphans(fs, false);
        return unlink_chain(fs, old_head, &target);
    }
    return FS_ERR_IO;
}

/* ------------------------------------------------------------- attributes */

int32_t fs_getattr(fs_t *fs, const char *path, uint8_t type, void *buf,
                   uint32_t size) {
    if (!fs || !fs->mounted || !path || (size && !buf))
        return FS_ERR_INVAL;
    fs_path lk;
    int err = fs_lookup(fs, path, NULL, &lk);
    if (err)
        return err;
    if (lk.is_root)
        lk.id = 0; /* the root's attributes sit on its superblock entry */
    uint32_t tag;
    uint8_t tmp[1];
    err = fs_mdir_read(fs, &lk.m, fs_tag(0x7ff, 0x3ff, 0),
                       fs_tag(TYPE_USERATTR + type, lk.id, 0),
                       size ? buf : tmp, size, &tag);
    if (err == FS_ERR_NOENT)
        return FS_ERR_NOATTR;
    return err ? err : (int32_t)tag_size(tag);
}

static int commit_attr(fs_t *fs, const char *path, uint8_t type,
                       const void *buf, uint32_t size) {
    if (!path || (size && size != SIZE_DELETED && !buf))
        return FS_ERR_INVAL;
    int err = begin_change(fs);
    if (err)
        return err;
    for (int tries = 0; tries < 16; tries++) {
        fs_path lk;
        err = fs_lookup(fs, path, NULL, &lk);
        if (err)
            return err;
        if (lk.is_root)
            lk.id = 0; /* on the superblock entry, where littlefs puts them */
        fs_attr a = {fs_tag(TYPE_USERATTR + type, lk.id, size), buf, NULL, 0};
        err = fs_mdir_commit(fs, &lk.m, &a, 1, NULL, NULL);
        if (err != FS_RETRY)
            return err;
    }
    return FS_ERR_IO;
}

int fs_setattr(fs_t *fs, const char *path, uint8_t type, const void *buf,
               uint32_t size) {
    if (fs && size > fs->attr_max)
        return FS_ERR_NOSPC;
    return commit_attr(fs, path, type, buf, size);
}

int fs_removeattr(fs_t *fs, const char *path, uint8_t type) {
    return commit_attr(fs, path, type, NULL, SIZE_DELETED);
}

/* ------------------------------------------------------------- dirs */

int fs_dir_open(fs_t *fs, fs_dir *d, const char *path) {
    if (!fs || !fs->mounted || !d || !path)
        return FS_ERR_INVAL;
    for (fs_handle *h = fs->handles; h; h = h->next)
        if (h == &d->h)
            return FS_ERR_INVAL;
    fs_path lk;
    int err = fs_lookup(fs, path, NULL, &lk);
    if (err)
        return err;
    uint32_t head[2] = {fs->root[0], fs->root[1]};
    if (!lk.is_root) {
        if (lk.type != TYPE_DIR)
            return FS_ERR_NOTDIR;
        err = read_dir_head(fs, &lk.m, lk.id, head);
        if (err)
            return err;
    }
    memset(d, 0, sizeof *d);
    d->head[0] = d->h.pair[0] = head[0];
    d->head[1] = d->h.pair[1] = head[1];
    d->h.kind = HANDLE_DIR;
    d->h.next = fs->handles;
    fs->handles = &d->h;
    return 0;
}

static bool dir_is_open(const fs_t *fs, const fs_dir *d) {
    for (const fs_handle *h = fs->handles; h; h = h->next)
        if (h == &d->h)
            return true;
    return false;
}

int fs_dir_read(fs_t *fs, fs_dir *d, fs_info *info) {
    if (!fs || !fs->mounted || !d || !info || !dir_is_open(fs, d))
        return FS_ERR_BADF;
    if (d->h.detached)
        return 0;
    for (;;) {
        fs_mdir m;
        int err = fs_mdir_fetch(fs, &m, d->h.pair);
        if (err)
            return err;
        if (d->h.id >= m.count) {
            if (!m.split)
                return 0;
            /* a directory has at most one pair per two blocks: more means
             * its chain runs in a circle */
            if (++d->hops > fs->bd.block_count / 2)
                return FS_ERR_IO;
            d->h.pair[0] = m.tail[0];
            d->h.pair[1] = m.tail[1];
            d->h.id = 0;
            continue;
        }
        uint16_t id = d->h.id++;
        if (!fs_mdir_is_live(fs, &m, id))
            continue;
        err = fill_info(fs, &m, id, info);
        if (err == FS_ERR_NOENT)
            continue;
        if (err)
            return err;
        d->pos++;
        return 1;
    }
    return FS_ERR_IO;
}

int fs_dir_rewind(fs_t *fs, fs_dir *d) {
    if (!fs || !d || !dir_is_open(fs, d))
        return FS_ERR_BADF;
    d->h.pair[0] = d->head[0];
    d->h.pair[1] = d->head[1];
    d->h.id = 0;
    d->pos = 0;
    d->hops = 0;
    return 0;
}

int fs_dir_close(fs_t *fs, fs_dir *d) {
    if (!fs || !d || !dir_is_open(fs, d))
        return FS_ERR_BADF;
    for (fs_handle **p = &fs->handles; *p; p = &(*p)->next) {
        if (*p == &d->h) {
            *p = d->h.next;
            break;
        }
    }
    return 0;
}
