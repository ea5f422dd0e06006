/* tests/fs/test_fs_powerloss.c: the filesystem survives a power cut at
 * every single program and erase of a workload.
 *
 * The workload (directories, many small files, appends, overwrites,
 * renames, removes, two 200 KiB files, a nearly full partition) runs once
 * on a simulated flash. Before each program or erase, the flash is copied,
 * the operation is applied to the copy partly (not at all, a prefix with a
 * half-programmed byte, or scattered bits; for erases a partial erase or
 * garbage), and a second filesystem mounts the copy and checks it:
 *   - the tree is exactly the state before the interrupted call, or the
 *     state after it (files synced or closed hold their content; the file
 *     being written holds its old or its new content, never a mix);
 *   - a new file can be written and survives a remount (this finishes any
 *     interrupted rename or directory change), nothing the old state
 *     references is lost, no block is used twice, and the free space
 *     statvfs reports matches a walk of the blocks in use.
 *
 * usage: test_fs_powerloss [results-file]
 */
#include "check.h"
#include "tfs.h"

#include <stdio.h>
#include <time.h>

/* one run of the workload */
typedef struct pl_config {
    const char *name;
    uint32_t bs, count, cache, prog;
    int32_t cycles;
    uint32_t big;     /* size of the two big files */
    uint32_t version; /* on-disk version to format with */
} pl_config;

static const pl_config *cfg;

/* ------------------------------------------------------------ model */

#define MAX_ENTRIES 160

typedef struct entry {
    char path[48];
    bool is_dir;
    const uint8_t *data;
    uint32_t size;
} entry;

typedef struct model {
    entry e[MAX_ENTRIES];
    int n;
} model;

enum { OP_NONE, OP_FILE, OP_REMOVE, OP_RENAME, OP_MKDIR };

typedef struct op {
    int kind;
    const char *path, *to;
    const uint8_t *data;
    uint32_t size;
    const char *what; /* for messages */
} op;

static model committed;
static op current = {OP_NONE, NULL, NULL, NULL, 0, "start"};

static int find(const model *m, const char *path) {
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->e[i].path, path) == 0)
            return i;
    return -1;
}

static void drop(model *m, int i) { m->e[i] = m->e[--m->n]; }

static void apply(model *m, const op *o) {
    int i;
    switch (o->kind) {
    case OP_FILE:
        i = find(m, o->path);
        if (i < 0) {
            i = m->n++;
            snprintf(m->e[i].path, sizeof m->e[i].path, "%s", o->path);
            m->e[i].is_dir = false;
        }
        m->e[i].data = o->data;
        m->e[i].size = o->size;
        break;
    case OP_MKDIR:
        i = m->n++;
        snprintf(m->e[i].path, sizeof m->e[i].path, "%s", o->path);
        m->e[i].is_dir = true;
        m->e[i].data = NULL;
        m->e[i].size = 0;
        break;
    case OP_REMOVE:
        if ((i = find(m, o->path)) >= 0)
            drop(m, i);
        break;
    case OP_RENAME: {
        int dst = find(m, o->to);
        if (dst >= 0)
            drop(m, dst);
        size_t len = strlen(o->path);
        for (i = 0; i < m->n; i++) {
            entry *e = &m->e[i];
            if (strncmp(e->path, o->path, len) == 0 &&
                (e->path[len] == 0 || e->path[len] == '/')) {
                char rest[48];
                snprintf(rest, sizeof rest, "%s", e->path + len);
                snprintf(e->path, sizeof e->path, "%s%s", o->to, rest);
            }
        }
        break;
    }
    default:
        break;
    }
}

/* ------------------------------------------------------------ checking */

static tfs C; /* the filesystem that mounts each cut copy */
static uint64_t cut_points, cut_failures;
static uint32_t variant_seed = 1;
static const char *cut_detail;

typedef struct seen_set {
    char path[MAX_ENTRIES][48];
    bool is_dir[MAX_ENTRIES];
    uint32_t size[MAX_ENTRIES];
    int n;
    bool overflow;
} seen_set;

static int walk_dir(fs_t *fs, const char *dir, seen_set *s, int depth) {
    fs_dir d;
    fs_info info;
    int err = fs_dir_open(fs, &d, dir), r;
    if (err)
        return err;
    while ((r = fs_dir_read(fs, &d, &info)) > 0) {
        if (s->n >= MAX_ENTRIES) {
            s->overflow = true;
            break;
        }
        char full[320];
        snprintf(full, sizeof full, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir,
                 info.name);
        if (strlen(full) >= sizeof s->path[0]) {
            s->overflow = true;
            break;
        }
        int i = s->n++;
        memcpy(s->path[i], full, strlen(full) + 1);
        s->is_dir[i] = info.type == FS_TYPE_DIR;
        s->size[i] = info.size;
        if (s->is_dir[i] && depth < 8) {
            char sub[48];
            snprintf(sub, sizeof sub, "%s", s->path[i]);
            err = walk_dir(fs, sub, s, depth + 1);
            if (err) {
                fs_dir_close(fs, &d);
                return err;
            }
        }
    }
    fs_dir_close(fs, &d);
    return r < 0 ? r : 0;
}

static uint8_t readbuf[256 * 1024];

/* 0 when the mounted tree is exactly m */
static int matches(fs_t *fs, const model *m, const char **why) {
    static seen_set s;
    s.n = 0;
    s.overflow = false;
    int err = walk_dir(fs, "/", &s, 0);
    if (err) {
        *why = "directory walk failed";
        return err;
    }
    if (s.overflow || s.n != m->n) {
        *why = "different number of entries";
        return 1;
    }
    for (int i = 0; i < s.n; i++) {
        int j = find(m, s.path[i]);
        if (j < 0 || m->e[j].is_dir != s.is_dir[i] ||
            (!s.is_dir[i] && m->e[j].size != s.size[i])) {
            *why = "entry missing, of another type, or of another size";
            return 1;
        }
        if (s.is_dir[i])
            continue;
        fs_file f;
        err = fs_file_open(fs, &f, s.path[i], FS_O_RDONLY, C.fbuf[0]);
        if (err) {
            *why = "open failed";
            return err;
        }
        int32_t r = fs_file_read(fs, &f, readbuf, sizeof readbuf);
        fs_file_close(fs, &f);
        if (r != (int32_t)m->e[j].size ||
            memcmp(readbuf, m->e[j].data, m->e[j].size) != 0) {
            *why = "file content differs";
            return 1;
        }
    }
    return 0;
}

static int check_usage(fs_t *fs, const model *m, const char **why) {
    tfs_usage u;
    memset(&u, 0, sizeof u);
    u.count = fs->bd.block_count;
    u.seen = calloc(u.count, 1);
    int err = fs_traverse(fs, tfs_usage_cb, &u);
    free(u.seen);
    if (err) {
        *why = "traverse failed";
        return err;
    }
    uint32_t want = 0;
    for (int i = 0; i < m->n; i++)
        if (!m->e[i].is_dir && m->e[i].size > fs->inline_max)
            want += tfs_ctz_blocks(cfg->bs, m->e[i].size);
    fs_stats st;
    if ((err = fs_statvfs(fs, &st)) != 0) {
        *why = "statvfs failed";
        return err;
    }
    if (u.dup || u.out_of_range) {
        *why = "a block is used twice or out of range";
        return 1;
    }
    if (st.blocks_free != cfg->count - u.used) {
        *why = "statvfs free blocks differ from the walk";
        return 1;
    }
    if (u.data != want) {
        *why = "data blocks differ from what the files need";
        return 1;
    }
    return 0;
}

static const uint8_t probe_data[1000] = {1, 2, 3};

static uint8_t *cut_image; /* the copy as the cut left it */

static void cut_failed(const char *why, int err) {
    cut_failures++;
    const char *dump = getenv("FS_PL_DUMP");
    if (dump && cut_failures == 1) {
        FILE *f = fopen(dump, "wb");
        if (f) {
            fwrite(cut_image, 1, (size_t)cfg->bs * cfg->count, f);
            fclose(f);
        }
    }
    if (cut_failures <= 5)
        printf("  %s: cut %llu during %s (%s): %s (%d)%s%s\n", cfg->name,
               (unsigned long long)cut_points, current.what, cut_detail, why,
               err, C.sim.violations ? "; flash: " : "",
               C.sim.violations ? C.sim.last_violation : "");
}

static void check_copy(void) {
    const char *why = "";
    C.sim.violations = 0;
    int err = tfs_mount(&C);
    if (err) {
        cut_failed("mount failed", err);
        return;
    }
    static model after;
    after = committed;
    apply(&after, &current);
    const model *m = &committed;
    err = matches(&C.fs, m, &why);
    if (err && current.kind != OP_NONE) {
        m = &after;
        err = matches(&C.fs, m, &why);
    }
    if (err) {
        cut_failed(why, err);
        return;
    }
    /* change something, remount, and look again */
    static model probed;
    probed = *m;
    op probe = {OP_FILE, "/probe", NULL, probe_data, sizeof probe_data, ""};
    apply(&probed, &probe);
    fs_file f;
    err = fs_file_open(&C.fs, &f, "/probe", FS_O_WRONLY | FS_O_CREAT,
                       C.fbuf[1]);
    if (!err && fs_file_write(&C.fs, &f, probe_data, sizeof probe_data) !=
                    (int32_t)sizeof probe_data)
        err = -1;
    if (!err)
        err = fs_file_close(&C.fs, &f);
    if (err == FS_ERR_NOSPC) {
        probed = *m; /* full: fine, as long as nothing else changed */
        fs_file_close(&C.fs, &f);
        fs_remove(&C.fs, "/probe");
        err = 0;
    }
    if (err) {
        cut_failed("writing after the cut failed", err);
        return;
    }
    fs_unmount(&C.fs);
    err = tfs_mount(&C);
    if (!err)
        err = matches(&C.fs, &probed, &why);
    else
        why = "second mount failed";
    if (!err)
        err = check_usage(&C.fs, &probed, &why);
    if (!err && C.sim.violations) {
        why = "the filesystem programmed an unerased byte";
        err = 1;
    }
    if (err)
        cut_failed(why, err);
    fs_unmount(&C.fs);
}

static int cut_hook(flash_sim *sim, int kind, uint32_t block, uint32_t off,
                    const void *data, uint32_t size) {
    cut_points++;
    int variant = (int)(cut_points % 3);
    static const char *names[2][3] = {
        {"prog not done", "prog half done", "prog bits scattered"},
        {"erase not done", "erase half done", "erase left garbage"}};
    cut_detail = names[kind == SIM_ERASE][variant];
    memcpy(C.sim.mem, sim->mem, (size_t)cfg->bs * cfg->count);
    flash_sim_apply_partial(&C.sim, kind, block, off, data, size, variant,
                            &variant_seed);
    if (getenv("FS_PL_DUMP")) {
        if (!cut_image)
            cut_image = malloc((size_t)cfg->bs * cfg->count);
        memcpy(cut_image, C.sim.mem, (size_t)cfg->bs * cfg->count);
    }
    check_copy();
    return 0;
}

/* ------------------------------------------------------------ workload */

static tfs W; /* the filesystem the workload runs on */
static uint32_t wl_seed = 99;

static uint32_t wrand(void) {
    wl_seed = wl_seed * 1103515245u + 12345u;
    return wl_seed >> 8;
}

/* file content buffers live until the end of the run */
static void **kept;
static size_t nkept, capkept;

static void *keep(void *p) {
    if (nkept == capkept) {
        capkept = capkept ? 2 * capkept : 256;
        kept = realloc(kept, capkept * sizeof *kept);
    }
    kept[nkept++] = p;
    return p;
}

static void free_kept(void) {
    for (size_t i = 0; i < nkept; i++)
        free(kept[i]);
    free(kept);
    kept = NULL;
    nkept = capkept = 0;
}

static uint8_t *new_content(uint32_t size) {
    uint8_t *p = keep(malloc(size ? size : 1));
    for (uint32_t i = 0; i < size; i++)
        p[i] = (uint8_t)wrand();
    return p;
}

static void commit_op(const op *o, int err) {
    if (!err)
        apply(&committed, o);
    current.kind = OP_NONE;
    current.what = "writing unsynced data";
}

typedef struct open_file {
    fs_file f;
    char path[48];
    uint8_t *shadow;
    uint32_t size, pos, cap;
    bool erred;
} open_file;

static int wl_open(open_file *o, const char *path, int flags) {
    snprintf(o->path, sizeof o->path, "%s", path);
    int i = find(&committed, path);
    op c = {OP_FILE, o->path, NULL, (const uint8_t *)"", 0, "creating a file"};
    current = c;
    if (i >= 0)
        current.kind = OP_NONE;
    int err = fs_file_open(&W.fs, &o->f, path, flags, W.fbuf[0]);
    commit_op(&c, i >= 0 ? 1 : err);
    o->cap = 512 * 1024;
    o->shadow = malloc(o->cap);
    o->size = 0;
    o->pos = 0;
    o->erred = false;
    if (i >= 0 && !(flags & FS_O_TRUNC)) {
        memcpy(o->shadow, committed.e[i].data, committed.e[i].size);
        o->size = committed.e[i].size;
    }
    if (flags & FS_O_APPEND)
        o->pos = o->size;
    return err;
}

static void wl_write(open_file *o, const uint8_t *data, uint32_t n) {
    int32_t r = fs_file_write(&W.fs, &o->f, data, n);
    if (r != (int32_t)n) {
        o->erred = true;
        return;
    }
    memcpy(o->shadow + o->pos, data, n);
    o->pos += n;
    if (o->pos > o->size)
        o->size = o->pos;
}

static void wl_seek(open_file *o, uint32_t pos) {
    if (fs_file_seek(&W.fs, &o->f, (int32_t)pos, FS_SEEK_SET) == (int32_t)pos)
        o->pos = pos;
}

static void wl_truncate(open_file *o, uint32_t size) {
    if (fs_file_truncate(&W.fs, &o->f, size) != 0) {
        o->erred = true;
        return;
    }
    if (size > o->size)
        memset(o->shadow + o->size, 0, size - o->size);
    o->size = size;
}

static op file_op(open_file *o, const char *what) {
    op c = {OP_FILE, o->path, NULL, NULL, o->size, what};
    uint8_t *copy = keep(malloc(o->size ? o->size : 1));
    memcpy(copy, o->shadow, o->size);
    c.data = copy;
    if (o->erred)
        c.kind = OP_NONE;
    return c;
}

static void wl_sync(open_file *o) {
    op c = file_op(o, "syncing a file");
    current = c;
    int err = fs_file_sync(&W.fs, &o->f);
    commit_op(&c, err);
}

static int wl_close(open_file *o) {
    op c = file_op(o, "closing a file");
    current = c;
    int err = fs_file_close(&W.fs, &o->f);
    commit_op(&c, err);
    free(o->shadow);
    return err;
}

static int whole_file(const char *path, uint32_t size, uint32_t chunk) {
    static open_file o;
    int err = wl_open(&o, path, FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC);
    if (err)
        return err;
    uint8_t *data = new_content(size);
    for (uint32_t i = 0; i < size; i += chunk)
        wl_write(&o, data + i, size - i < chunk ? size - i : chunk);
    bool erred = o.erred;
    err = wl_close(&o);
    return erred ? FS_ERR_NOSPC : err;
}

static void wl_simple(int kind, const char *path, const char *to,
                      const char *what) {
    op c = {kind, path, to, NULL, 0, what};
    current = c;
    int err;
    if (kind == OP_MKDIR)
        err = fs_mkdir(&W.fs, path);
    else if (kind == OP_REMOVE)
        err = fs_remove(&W.fs, path);
    else
        err = fs_rename(&W.fs, path, to);
    commit_op(&c, err);
}

static char names[64][32];

static const char *small_name(int i) {
    static const char *dirs[] = {"", "/a", "/a/b", "/c"};
    snprintf(names[i], sizeof names[i], "%s/s%02d", dirs[i % 4], i);
    return names[i];
}

static void workload(void) {
    wl_simple(OP_MKDIR, "/a", NULL, "mkdir");
    wl_simple(OP_MKDIR, "/a/b", NULL, "mkdir");
    wl_simple(OP_MKDIR, "/c", NULL, "mkdir");
    /* many small files, inline and just beyond */
    for (int i = 0; i < 40; i++)
        whole_file(small_name(i), wrand() % 1500, 1 + wrand() % 700);
    /* appends */
    for (int k = 0; k < 24; k++) {
        static open_file o;
        const char *p = small_name((int)(wrand() % 40));
        if (find(&committed, p) < 0)
            continue;
        wl_open(&o, p, FS_O_WRONLY | FS_O_APPEND);
        uint32_t n = 50 + wrand() % 450;
        uint8_t *d = new_content(n);
        wl_write(&o, d, n);
        wl_close(&o);
    }
    /* overwrites in the middle */
    for (int k = 0; k < 10; k++) {
        static open_file o;
        const char *p = small_name((int)(wrand() % 40));
        int i = find(&committed, p);
        if (i < 0 || committed.e[i].size < 20)
            continue;
        wl_open(&o, p, FS_O_RDWR);
        wl_seek(&o, committed.e[i].size / 3);
        uint8_t *d = new_content(300);
        wl_write(&o, d, 300);
        wl_close(&o);
    }
    /* renames: same directory, across, over an existing file, a directory */
    wl_simple(OP_RENAME, small_name(0), "/s00-renamed", "rename");
    wl_simple(OP_RENAME, small_name(1), "/c/moved", "rename across pairs");
    wl_simple(OP_RENAME, small_name(2), small_name(6), "rename over a file");
    wl_simple(OP_MKDIR, "/c/empty", NULL, "mkdir");
    wl_simple(OP_RENAME, "/a/b", "/c/bb", "rename a directory");
    wl_simple(OP_MKDIR, "/d", NULL, "mkdir");
    wl_simple(OP_RENAME, "/d", "/c/empty", "rename over an empty directory");
    /* removes */
    for (int k = 0; k < 8; k++) {
        int i = (int)(wrand() % committed.n);
        if (!committed.e[i].is_dir) {
            static char p[48];
            snprintf(p, sizeof p, "%s", committed.e[i].path);
            wl_simple(OP_REMOVE, p, NULL, "remove a file");
        }
    }
    wl_simple(OP_MKDIR, "/e", NULL, "mkdir");
    wl_simple(OP_REMOVE, "/e", NULL, "remove a directory");
    /* truncates: shrink to inline, shrink a chain, grow with zeros */
    for (int k = 0; k < 6; k++) {
        static open_file o;
        const char *p = small_name((int)(wrand() % 40));
        int i = find(&committed, p);
        if (i < 0)
            continue;
        uint32_t n = committed.e[i].size;
        wl_open(&o, p, FS_O_RDWR);
        wl_truncate(&o, k % 3 == 0 ? n / 10 : k % 3 == 1 ? n * 3 / 4 : n + 700);
        wl_close(&o);
    }
    /* a directory big enough to span several pairs, emptied again */
    wl_simple(OP_MKDIR, "/m", NULL, "mkdir");
    static char mnames[16][32];
    for (int k = 0; k < 16; k++) {
        snprintf(mnames[k], sizeof mnames[k], "/m/entry-%02d", k);
        whole_file(mnames[k], 40 + wrand() % 100, 64);
    }
    for (int k = 0; k < 16; k++)
        wl_simple(OP_REMOVE, mnames[(k * 5) % 16], NULL, "remove from a big dir");
    wl_simple(OP_REMOVE, "/m", NULL, "remove a directory");
    /* two 200 KiB files, the first synced half way */
    {
        static open_file o;
        wl_open(&o, "/big1", FS_O_WRONLY | FS_O_CREAT);
        uint8_t *d = new_content(cfg->big);
        for (uint32_t i = 0; i < cfg->big; i += 4096) {
            wl_write(&o, d + i, 4096);
            if (i == cfg->big / 2)
                wl_sync(&o);
        }
        wl_close(&o);
    }
    whole_file("/c/big2", cfg->big, 1000);
    /* fill what is left, until the disk is full */
    whole_file("/fill", 2 * cfg->big, 8192);
    wl_simple(OP_REMOVE, "/fill", NULL, "remove the filler");
    /* churn on small files: compactions, relocations, splits */
    for (int k = 0; k < 60; k++)
        whole_file(small_name(3 + 4 * (int)(wrand() % 9)), wrand() % 400, 97);
    /* rewrite the middle of a big file (copies its tail) */
    wl_simple(OP_REMOVE, "/c/big2", NULL, "remove a big file");
    {
        static open_file o;
        wl_open(&o, "/big1", FS_O_RDWR);
        wl_seek(&o, cfg->big / 4);
        uint8_t *d = new_content(8192);
        wl_write(&o, d, 8192);
        wl_close(&o);
    }
}

static void run_config(void) {
    cut_points = cut_failures = 0;
    wl_seed = 99;
    committed.n = 0;
    current.kind = OP_NONE;
    CHECK_EQ(tfs_setup(&W, cfg->bs, cfg->count, cfg->cache, cfg->prog,
                       cfg->cycles), 0);
    W.cfg.disk_version = cfg->version;
    CHECK_EQ(fs_format(&W.fs, &W.bd, &W.cfg), 0);
    CHECK_EQ(tfs_mount(&W), 0);
    CHECK_EQ(tfs_setup(&C, cfg->bs, cfg->count, cfg->cache, cfg->prog,
                       cfg->cycles), 0);
    W.sim.hook = cut_hook;
    clock_t t0 = clock();
    workload();
    W.sim.hook = NULL;
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    printf("  power-loss %s: %llu cut points tried (every program and "
           "erase), %llu failed, %.1f s\n",
           cfg->name, (unsigned long long)cut_points,
           (unsigned long long)cut_failures, secs);
    CHECK_EQ(cut_failures, 0);
    CHECK(cut_points > 1000);
    CHECK_EQ(W.sim.violations, 0);
    /* and the workload's own end state */
    const char *why = "";
    fs_unmount(&W.fs);
    CHECK_EQ(tfs_mount(&W), 0);
    int err = matches(&W.fs, &committed, &why);
    if (err)
        printf("  final state: %s\n", why);
    CHECK_EQ(err, 0);
    tfs_free(&W);
    tfs_free(&C);
    free_kept();
    free(cut_image);
    cut_image = NULL;
}

static const pl_config configs[] = {
    {"4 KiB blocks", 4096, 112, 256, 16, 5, 200 * 1024, 0},
    {"512 B blocks, fast wear", 512, 320, 64, 16, 3, 24 * 1024, 0},
    {"512 B blocks, v2.0 format", 512, 320, 64, 16, 4, 16 * 1024,
     0x00020000},
};

static void test_config0(void) {
    cfg = &configs[0];
    run_config();
}
static void test_config1(void) {
    cfg = &configs[1];
    run_config();
}
static void test_config2(void) {
    cfg = &configs[2];
    run_config();
}

int main(int argc, char **argv) {
    check_begin(argc, argv);
    check_case("fs power cut at every program and erase, 4 KiB blocks",
               test_config0);
    check_case("fs power cut at every program and erase, 512 B blocks",
               test_config1);
    check_case("fs power cut at every program and erase, v2.0 format",
               test_config2);
    return check_end();
}
