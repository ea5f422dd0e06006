/* tests/fs/test_fs.c: unit tests of the flash filesystem (fs/): format and
 * mount, the on-disk layout, files small and large, directories, rename,
 * errors, running out of space, and a long random run checked against a
 * model of what the files should hold.
 *
 * usage: test_fs [results-file]
 */
#include "check.h"
#include "tfs.h"

#include <stdio.h>

static tfs T;

#define BS 4096

static void new_fs(uint32_t count) {
    CHECK_EQ(tfs_new(&T, BS, count, 256, 16, 100), 0);
}

static void remount(void) {
    CHECK_EQ(fs_unmount(&T.fs), 0);
    CHECK_EQ(tfs_mount(&T), 0);
}

/* ------------------------------------------------------------ volume */

static void test_blank_is_nodev(void) {
    CHECK_EQ(tfs_setup(&T, BS, 64, 256, 16, 100), 0);
    CHECK_EQ(tfs_mount(&T), FS_ERR_NODEV);
    memset(T.sim.mem, 0x00, BS * 2);
    CHECK_EQ(tfs_mount(&T), FS_ERR_NODEV);
    for (uint32_t i = 0; i < BS * 2; i++)
        T.sim.mem[i] = tfs_byte(7, i);
    CHECK_EQ(tfs_mount(&T), FS_ERR_NODEV);
    CHECK_EQ(T.sim.progs + T.sim.erases, 0); /* never a silent format */
    tfs_free(&T);
}

static void test_format_mount(void) {
    new_fs(64);
    fs_stats st;
    CHECK_EQ(fs_statvfs(&T.fs, &st), 0);
    CHECK_EQ(st.block_size, BS);
    CHECK_EQ(st.block_count, 64);
    CHECK_EQ(st.blocks_free, 62);
    CHECK_EQ(st.name_max, 255);
    CHECK_EQ(st.disk_version, 0x00020001);
    remount();
    fs_info info;
    CHECK_EQ(fs_stat(&T.fs, "/", &info), 0);
    CHECK_EQ(info.type, FS_TYPE_DIR);
    tfs_free(&T);
}

static uint32_t be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}
static uint32_t le32(const uint8_t *p) {
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 |
           p[0];
}

/* reference CRC: bitwise, reflected 0x04c11db7, no final inversion */
static uint32_t ref_crc(uint32_t crc, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (crc & 1 ? 0xedb88320u : 0);
    }
    return crc;
}

/* The superblock as the spec lays it out, decoded by hand. */
static void test_superblock_layout(void) {
    new_fs(64);
    const uint8_t *b = T.sim.mem;
    CHECK_EQ(le32(b), 1);                          /* revision */
    CHECK(memcmp(b + 8, "littlefs", 8) == 0);      /* magic at offset 8 */
    uint32_t t1 = be32(b + 4) ^ 0xffffffff;
    CHECK_EQ(t1, (0x0ffu << 20) | (0 << 10) | 8);  /* superblock name tag */
    uint32_t t2 = be32(b + 16) ^ t1;
    CHECK_EQ(t2, (0x201u << 20) | 24);             /* inline struct */
    CHECK_EQ(le32(b + 20), 0x00020001);            /* version */
    CHECK_EQ(le32(b + 24), BS);
    CHECK_EQ(le32(b + 28), 64);
    CHECK_EQ(le32(b + 32), 255);
    CHECK_EQ(le32(b + 36), 2147483647);
    CHECK_EQ(le32(b + 40), 1022);
    /* then a forward CRC and the commit CRC covering everything before */
    uint32_t t3 = be32(b + 44) ^ t2;
    CHECK_EQ(t3 >> 20, 0x5ff);
    CHECK_EQ(le32(b + 48), 16); /* prog size */
    uint32_t t4 = be32(b + 56) ^ t3;
    CHECK_EQ((t4 >> 20) & 0x700, 0x500);
    CHECK_EQ(le32(b + 60), ref_crc(0xffffffff, b, 60));
    uint32_t end = 60 + (t4 & 0x3ff);
    CHECK_EQ(end % 16, 0);
    CHECK_EQ(le32(b + 52), ref_crc(0xffffffff, b + end, 16));
    tfs_free(&T);
}

static void test_crc_reference(void) {
    CHECK_EQ(ref_crc(0xffffffff, (const uint8_t *)"123456789", 9),
             0x340bc6d9); /* ~0xcbf43926, the CRC-32 check value */
}

static void test_disk_version_20(void) {
    CHECK_EQ(tfs_setup(&T, BS, 64, 256, 16, 100), 0);
    T.cfg.disk_version = 0x00020000;
    CHECK_EQ(fs_format(&T.fs, &T.bd, &T.cfg), 0);
    CHECK_EQ(tfs_mount(&T), 0);
    CHECK_EQ(tfs_write_file(&T, "a", 1, 100, 0), 0);
    CHECK_EQ(tfs_write_file(&T, "b", 2, 10000, 0), 0);
    remount();
    CHECK_EQ(tfs_check_file(&T, "a", 1, 100), 0);
    CHECK_EQ(tfs_check_file(&T, "b", 2, 10000), 0);
    fs_stats st;
    CHECK_EQ(fs_statvfs(&T.fs, &st), 0);
    CHECK_EQ(st.disk_version, 0x00020000);
    /* no forward CRC tags anywhere in a v2.0 log */
    uint32_t r0 = le32(T.sim.mem), r1 = le32(T.sim.mem + BS);
    const uint8_t *b = T.sim.mem + (size_t)BS * (r0 - r1 < 0x80000000u ? 0 : 1);
    uint32_t off = 4, ptag = 0xffffffff;
    int fcrcs = 0;
    while (off + 4 <= BS) {
        uint32_t t = be32(b + off) ^ ptag;
        if (t & 0x80000000)
            break;
        if ((t >> 20) == 0x5ff)
            fcrcs++;
        ptag = t;
        if (((t >> 20) & 0x700) == 0x500)
            ptag ^= ((t >> 20) & 1) << 31;
        off += 4 + ((t & 0x3ff) == 0x3ff ? 0 : (t & 0x3ff));
    }
    CHECK_EQ(fcrcs, 0);
    CHECK(off > 100);
    tfs_free(&T);
}

static void test_block_count_from_image(void) {
    new_fs(48);
    CHECK_EQ(tfs_write_file(&T, "x", 3, 5000, 0), 0);
    CHECK_EQ(fs_unmount(&T.fs), 0);
    fs_blockdev bd = T.bd;
    bd.block_count = 0;
    CHECK_EQ(fs_mount(&T.fs, &bd, &T.cfg), 0);
    fs_stats st;
    CHECK_EQ(fs_statvfs(&T.fs, &st), 0);
    CHECK_EQ(st.block_count, 48);
    CHECK_EQ(tfs_check_file(&T, "x", 3, 5000), 0);
    CHECK_EQ(fs_unmount(&T.fs), 0);
    bd.block_count = 40; /* device smaller than the image */
    CHECK_EQ(fs_mount(&T.fs, &bd, &T.cfg), FS_ERR_INVAL);
    bd.block_count = 48;
    bd.block_size = 2048; /* the superblock says 4096 */
    CHECK_EQ(fs_mount(&T.fs, &bd, &T.cfg), FS_ERR_INVAL);
    tfs_free(&T);
}

static void test_bad_config(void) {
    CHECK_EQ(tfs_setup(&T, BS, 64, 256, 16, 100), 0);
    fs_config c = T.cfg;
    c.read_buffer = NULL;
    CHECK_EQ(fs_format(&T.fs, &T.bd, &c), FS_ERR_NOMEM);
    c = T.cfg;
    c.cache_size = 100; /* not a divisor of the block */
    CHECK_EQ(fs_format(&T.fs, &T.bd, &c), FS_ERR_INVAL);
    c = T.cfg;
    c.disk_version = 0x00030000;
    CHECK_EQ(fs_format(&T.fs, &T.bd, &c), FS_ERR_INVAL);
    fs_blockdev bd = T.bd;
    bd.block_count = 1;
    CHECK_EQ(fs_format(&T.fs, &bd, &T.cfg), FS_ERR_INVAL);
    CHECK_EQ(fs_format(NULL, &T.bd, &T.cfg), FS_ERR_INVAL);
    tfs_free(&T);
}

static void test_mount_is_read_only(void) {
    new_fs(64);
    CHECK_EQ(fs_mkdir(&T.fs, "d"), 0);
    CHECK_EQ(tfs_write_file(&T, "d/f", 9, 20000, 0), 0);
    CHECK_EQ(fs_unmount(&T.fs), 0);
    flash_sim_reset_counts(&T.sim);
    uint64_t ops = T.sim.ops;
    CHECK_EQ(tfs_mount(&T), 0);
    CHECK_EQ(tfs_check_file(&T, "d/f", 9, 20000), 0);
    fs_dir d;
    fs_info info;
    CHECK_EQ(fs_dir_open(&T.fs, &d, "/"), 0);
    while (fs_dir_read(&T.fs, &d, &info) > 0)
        ;
    CHECK_EQ(fs_dir_close(&T.fs, &d), 0);
    fs_stats st;
    CHECK_EQ(fs_statvfs(&T.fs, &st), 0);
    CHECK_EQ(T.sim.ops, ops);
    tfs_free(&T);
}

static void check_content(const char *path, const uint8_t *want, uint32_t n);

/* ---- images encoded by hand from the specification, not by fs/ ---- */

typedef struct enc {
    uint8_t *b;
    uint32_t off, ptag, crc;
} enc;

static void enc_bytes(enc *e, const void *p, uint32_t n) {
    memcpy(e->b + e->off, p, n);
    e->crc = ref_crc(e->crc, e->b + e->off, n);
    e->off += n;
}

static void put_le(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void enc_begin(enc *e, uint8_t *block, uint32_t rev) {
    memset(block, 0xff, 512);
    e->b = block;
    e->off = 0;
    e->ptag = 0xffffffff;
    e->crc = 0xffffffff;
    uint8_t r[4];
    put_le(r, rev);
    enc_bytes(e, r, 4);
}

static void enc_tag(enc *e, uint32_t type, uint32_t id, uint32_t size,
                    const void *data) {
    uint32_t tag = type << 20 | id << 10 | size, st = tag ^ e->ptag;
    uint8_t t[4] = {(uint8_t)(st >> 24), (uint8_t)(st >> 16), (uint8_t)(st >> 8),
                    (uint8_t)st};
    enc_bytes(e, t, 4);
    if (size && size != 0x3ff)
        enc_bytes(e, data, size);
    e->ptag = tag;
}

/* closes a commit the v2.0 way: CRC tag, padding to 16 bytes */
static void enc_crc(enc *e) {
    uint32_t end = (e->off + 8 + 15) / 16 * 16;
    uint32_t tag = 0x500u << 20 | 0x3ffu << 10 | (end - e->off - 4);
    uint32_t st = tag ^ e->ptag;
    uint8_t t[4] = {(uint8_t)(st >> 24), (uint8_t)(st >> 16), (uint8_t)(st >> 8),
                    (uint8_t)st};
    enc_bytes(e, t, 4);
    put_le(e->b + e->off, e->crc);
    e->off = end;
    e->ptag = tag; /* valid-state bit 0: erased flash reads as invalid */
    e->crc = 0xffffffff;
}

static void enc_pair(uint8_t v[8], uint32_t a, uint32_t b) {
    put_le(v, a);
    put_le(v + 4, b);
}

static void enc_superblock(enc *e, uint32_t count) {
    uint8_t sb[24];
    uint32_t f[6] = {0x00020000, 512, count, 255, 0x7fffffff, 1022};
    for (int i = 0; i < 6; i++)
        put_le(sb + 4 * i, f[i]);
    enc_tag(e, 0x0ff, 0, 8, "littlefs");
    enc_tag(e, 0x201, 0, 24, sb);
}

static void hand_setup(void) {
    CHECK_EQ(tfs_setup(&T, 512, 32, 64, 16, 100), 0);
}

static void list_names(const char *dir, char *out, size_t n) {
    fs_dir d;
    fs_info info;
    out[0] = 0;
    if (fs_dir_open(&T.fs, &d, dir))
        return;
    while (fs_dir_read(&T.fs, &d, &info) > 0) {
        strncat(out, info.name, n - strlen(out) - 2);
        strcat(out, " ");
    }
    fs_dir_close(&T.fs, &d);
}

/* littlefs moves the root onward as the superblock pair wears: blocks 0/1
 * keep only the superblock, the root is the last pair holding one */
static void test_hand_superblock_chain(void) {
    hand_setup();
    uint8_t *m = T.sim.mem, v[8];
    enc e;
    enc_begin(&e, m + 0 * 512, 7);
    enc_superblock(&e, 32);
    enc_pair(v, 2, 3);
    enc_tag(&e, 0x601, 0x3ff, 8, v); /* hard tail */
    enc_crc(&e);
    enc_begin(&e, m + 2 * 512, 3);
    enc_superblock(&e, 32);
    enc_tag(&e, 0x401, 1, 0, NULL);
    enc_tag(&e, 0x001, 1, 1, "a");
    enc_tag(&e, 0x201, 1, 5, "hello");
    enc_crc(&e);
    enc_tag(&e, 0x401, 2, 0, NULL);
    enc_tag(&e, 0x002, 2, 1, "d");
    enc_pair(v, 4, 5);
    enc_tag(&e, 0x200, 2, 8, v);
    enc_tag(&e, 0x600, 0x3ff, 8, v); /* soft tail to the new directory */
    enc_tag(&e, 0x301, 1, 3, "xyz"); /* a user attribute on "a" */
    enc_crc(&e);
    enc_begin(&e, m + 4 * 512, 1);
    enc_crc(&e);
    CHECK_EQ(tfs_mount(&T), 0);
    char names[100];
    list_names("/", names, sizeof names);
    CHECK(strcmp(names, "a d ") == 0);
    check_content("a", (const uint8_t *)"hello", 5);
    uint8_t attr[4];
    CHECK_EQ(fs_getattr(&T.fs, "a", 1, attr, sizeof attr), 3);
    fs_stats st;
    CHECK_EQ(fs_statvfs(&T.fs, &st), 0);
    CHECK_EQ(st.blocks_free, 32 - 6);
    CHECK_EQ(st.disk_version, 0x00020000);
    /* change it, and it stays readable */
    CHECK_EQ(tfs_write_file(&T, "d/new", 4, 900, 0), 0);
    CHECK_EQ(fs_rename(&T.fs, "a", "d/a2"), 0);
    for (int i = 0; i < 40; i++)
        CHECK_EQ(tfs_write_file(&T, "ctr", (uint32_t)i, 30, 0), 0);
    remount();
    list_names("/", names, sizeof names);
    CHECK(strcmp(names, "ctr d ") == 0);
    CHECK_EQ(fs_getattr(&T.fs, "d/a2", 1, attr, sizeof attr), 3);
    check_content("d/a2", (const uint8_t *)"hello", 5);
    CHECK_EQ(tfs_check_file(&T, "d/new", 4, 900), 0);
    CHECK_EQ(tfs_check_file(&T, "ctr", 39, 30), 0);
    CHECK_EQ(T.sim.violations, 0);
    tfs_free(&T);
}

/* a rename cut short: "x" was copied to "y" in another pair, the global
 * state says x's old entry is to go */
static void test_hand_pending_move(void) {
    hand_setup();
    uint8_t *m = T.sim.mem, v[8], g[12];
    enc e;
    enc_begin(&e, m + 0 * 512, 1);
    enc_superblock(&e, 32);
    enc_tag(&e, 0x401, 1, 0, NULL);
    enc_tag(&e, 0x002, 1, 3, "dir");
    enc_pair(v, 2, 3);
    enc_tag(&e, 0x200, 1, 8, v);
    enc_tag(&e, 0x600, 0x3ff, 8, v);
    enc_tag(&e, 0x401, 2, 0, NULL);
    enc_tag(&e, 0x001, 2, 1, "x");
    enc_tag(&e, 0x201, 2, 3, "abc");
    enc_crc(&e);
    enc_begin(&e, m + 2 * 512, 1);
    enc_tag(&e, 0x401, 0, 0, NULL);
    enc_tag(&e, 0x001, 0, 1, "y");
    enc_tag(&e, 0x201, 0, 3, "abc");
    put_le(g, 0x4ffu << 20 | 2u << 10); /* move: delete id 2 ... */
    put_le(g + 4, 0);                    /* ... of pair 0/1 */
    put_le(g + 8, 1);
    enc_tag(&e, 0x7ff, 0x3ff, 12, g);
    enc_crc(&e);
    CHECK_EQ(tfs_mount(&T), 0);
    uint64_t ops = T.sim.ops;
    char names[100];
    list_names("/", names, sizeof names);
    CHECK(strcmp(names, "dir ") == 0); /* x is already gone */
    list_names("/dir", names, sizeof names);
    CHECK(strcmp(names, "y ") == 0);
    fs_info info;
    CHECK_EQ(fs_stat(&T.fs, "x", &info), FS_ERR_NOENT);
    CHECK_EQ(T.sim.ops, ops); /* reading changed nothing */
    CHECK_EQ(fs_mkdir(&T.fs, "z"), 0); /* the first change finishes it */
    CHECK_EQ(T.fs.gdisk.tag, 0);
    remount();
    CHECK_EQ(T.fs.gdisk.tag, 0);
    list_names("/", names, sizeof names);
    CHECK(strcmp(names, "dir z ") == 0);
    check_content("dir/y", (const uint8_t *)"abc", 3);
    tfs_free(&T);
}

/* a directory removed from its parent but not yet from the threaded list */
static void test_hand_orphan(void) {
    hand_setup();
    uint8_t *m = T.sim.mem, v[8], g[12];
    enc e;
    enc_begin(&e, m + 0 * 512, 1);
    enc_superblock(&e, 32);
    enc_pair(v, 6, 7);
    enc_tag(&e, 0x600, 0x3ff, 8, v);
    put_le(g, 0x80000000u); /* the orphan flag */
    put_le(g + 4, 0);
    put_le(g + 8, 0);
    enc_tag(&e, 0x7ff, 0x3ff, 12, g);
    enc_crc(&e);
    enc_begin(&e, m + 6 * 512, 1);
    enc_crc(&e);
    CHECK_EQ(tfs_mount(&T), 0);
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.meta, 4);
    CHECK_EQ(tfs_write_file(&T, "f", 1, 10, 0), 0);
    CHECK_EQ(T.fs.gdisk.tag, 0);
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.meta, 2); /* the orphan is unlinked */
    remount();
    CHECK_EQ(tfs_check_file(&T, "f", 1, 10), 0);
    tfs_free(&T);
}

/* ---- images written by the reference littlefs implementation ----
 *
 * The two images in tests/fs/fixtures were made with littlefs v2.9 on a
 * file-backed block device of 16 blocks of 4096 bytes (read and program
 * size 16, cache 256, lookahead 32), writing file contents with tfs_byte():
 *
 * littlefs_sorted_dir.img: writes /big (seed 7, 9000 bytes), makes /d,
 *   then writes the names of sorted_dir_name() in a shuffled order, name i
 *   with seed 100 + i and 20 + seed % 7 bytes. /d ends up split over two
 *   pairs, names sorted across the whole chain. Last, it sets user
 *   attribute 't' of the root to 4 bytes of seed 5.
 * littlefs_moved_superblock.img (block_cycles 1): makes /d, writes /d/x
 *   (seed 3, 3000 bytes) and /d/y (seed 4, 100 bytes), then rewrites /ctr
 *   with seeds 0..199 (40 bytes). The superblock pair wore out and its
 *   entries moved on: blocks 0 and 1 now hold only a tail to the pair with
 *   the superblock entry and the root (as littlefs v2 releases up to 2.9
 *   leave it; later ones keep a copy of the superblock entry there).
 */

#define FIXTURE_BLOCKS 16

static void load_fixture(const char *name) {
    CHECK_EQ(tfs_setup(&T, BS, FIXTURE_BLOCKS, 256, 16, 100), 0);
    char path[128];
    snprintf(path, sizeof path, "tests/fs/fixtures/%s", name);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    size_t n = fread(T.sim.mem, 1, (size_t)BS * FIXTURE_BLOCKS + 1, f);
    CHECK_EQ(n, (size_t)BS * FIXTURE_BLOCKS);
    fclose(f);
}

static const char *const sorted_dir_extra[] = {"a", "ab",  "abc", "abcd", "m",
                                                "m0", "m00", "z",  "zz"};
#define SORTED_DIR_NAMES 109

static void sorted_dir_name(int i, char *out, size_t n) {
    if (i < 100)
        snprintf(out, n, "d/f%03d", i);
    else
        snprintf(out, n, "d/%s", sorted_dir_extra[i - 100]);
}

/* littlefs's order of names in a directory: bytes compare unsigned, and a
 * name sorts before its own prefixes ("ab0" < "abc" < "ab" < "a") */
static int lfs_name_cmp(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    int c = memcmp(a, b, la < lb ? la : lb);
    if (c)
        return c;
    return la == lb ? 0 : la > lb ? -1 : 1;
}

/* Other implementations stop a lookup at the first pair holding a larger
 * name, so the whole chain of a directory, read in order, must be sorted. */
static int check_sorted(const char *dir) {
    fs_dir d;
    fs_info info;
    char prev[FS_NAME_MAX + 1] = "";
    int n = 0;
    CHECK_EQ(fs_dir_open(&T.fs, &d, dir), 0);
    while (fs_dir_read(&T.fs, &d, &info) > 0) {
        if (n++ && lfs_name_cmp(prev, info.name) >= 0) {
            printf("  %s: \"%s\" comes after \"%s\"\n", dir, info.name, prev);
            CHECK(0);
        }
        strcpy(prev, info.name);
    }
    CHECK_EQ(fs_dir_close(&T.fs, &d), 0);
    return n;
}

static void check_sorted_dir_files(void) {
    char name[32];
    for (int i = 0; i < SORTED_DIR_NAMES; i++) {
        sorted_dir_name(i, name, sizeof name);
        uint32_t seed = 100 + (uint32_t)i;
        CHECK_EQ(tfs_check_file(&T, name, seed, 20 + seed % 7), 0);
    }
}

static void check_no_block_twice(void) {
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.dup, 0);
    CHECK_EQ(u.out_of_range, 0);
    fs_stats st;
    CHECK_EQ(fs_statvfs(&T.fs, &st), 0);
    CHECK_EQ(st.blocks_free, FIXTURE_BLOCKS - u.used);
}

/* New names go where littlefs looks for them: into the first pair of the
 * chain holding a larger name, in littlefs's order (a name before its
 * prefixes), a directory made there included. */
static void test_littlefs_sorted_dir(void) {
    load_fixture("littlefs_sorted_dir.img");
    CHECK_EQ(tfs_mount(&T), 0);
    CHECK_EQ(check_sorted("d"), SORTED_DIR_NAMES);
    check_sorted_dir_files();
    CHECK_EQ(tfs_check_file(&T, "big", 7, 9000), 0);
    uint8_t attr[8];
    CHECK_EQ(fs_getattr(&T.fs, "/", 't', attr, sizeof attr), 4);
    for (uint32_t i = 0; i < 4; i++)
        CHECK_EQ(attr[i], tfs_byte(5, i));

    CHECK_EQ(tfs_write_file(&T, "d/0first", 1, 30, 0), 0);
    CHECK_EQ(tfs_write_file(&T, "d/ab0", 2, 10, 0), 0);
    CHECK_EQ(tfs_write_file(&T, "d/abcde", 3, 12, 0), 0);
    CHECK_EQ(tfs_write_file(&T, "d/zzz", 4, 5, 0), 0);
    CHECK_EQ(fs_mkdir(&T.fs, "d/b_dir"), 0);
    CHECK_EQ(tfs_write_file(&T, "d/b_dir/in", 5, 500, 0), 0);
    CHECK_EQ(fs_rename(&T.fs, "big", "d/aaa"), 0);
    CHECK_EQ(fs_rename(&T.fs, "d/f050", "d/f0505"), 0);
    for (int pass = 0; pass < 2; pass++) {
        CHECK_EQ(check_sorted("d"), SORTED_DIR_NAMES + 6);
        CHECK_EQ(check_sorted("/"), 1);
        CHECK_EQ(tfs_check_file(&T, "d/0first", 1, 30), 0);
        CHECK_EQ(tfs_check_file(&T, "d/ab0", 2, 10), 0);
        CHECK_EQ(tfs_check_file(&T, "d/abcde", 3, 12), 0);
        CHECK_EQ(tfs_check_file(&T, "d/zzz", 4, 5), 0);
        CHECK_EQ(tfs_check_file(&T, "d/b_dir/in", 5, 500), 0);
        CHECK_EQ(tfs_check_file(&T, "d/aaa", 7, 9000), 0);
        CHECK_EQ(tfs_check_file(&T, "d/f0505", 150, 20 + 150 % 7), 0);
        check_no_block_twice();
        remount();
    }
    CHECK_EQ(fs_rename(&T.fs, "d/f0505", "d/f050"), 0);
    check_sorted_dir_files();
    CHECK_EQ(fs_remove(&T.fs, "d/b_dir/in"), 0);
    CHECK_EQ(fs_remove(&T.fs, "d/b_dir"), 0);
    CHECK_EQ(check_sorted("d"), SORTED_DIR_NAMES + 5);
    check_no_block_twice();
    CHECK_EQ(T.sim.violations, 0);
    tfs_free(&T);
}

/* Blocks 0 and 1 holding only a tail: the superblock (and the root) are
 * the last pair of the chain holding the superblock entry. */
static void test_littlefs_moved_superblock(void) {
    for (int count_from_image = 0; count_from_image < 2; count_from_image++) {
        load_fixture("littlefs_moved_superblock.img");
        if (count_from_image)
            T.bd.block_count = 0;
        CHECK_EQ(tfs_mount(&T), 0);
        fs_stats st;
        CHECK_EQ(fs_statvfs(&T.fs, &st), 0);
        CHECK_EQ(st.block_count, FIXTURE_BLOCKS);
        CHECK_EQ(st.blocks_free, 9);
        CHECK_EQ(st.disk_version, 0x00020001);
        char names[100];
        list_names("/", names, sizeof names);
        CHECK(strcmp(names, "ctr d ") == 0);
        CHECK_EQ(tfs_check_file(&T, "ctr", 199, 40), 0);
        CHECK_EQ(tfs_check_file(&T, "d/x", 3, 3000), 0);
        CHECK_EQ(tfs_check_file(&T, "d/y", 4, 100), 0);
        /* change it, wearing the root pair further, and read it back */
        for (uint32_t i = 0; i < 120; i++)
            CHECK_EQ(tfs_write_file(&T, "ctr", 1000 + i, 40, 0), 0);
        CHECK_EQ(tfs_write_file(&T, "d/z", 5, 2000, 0), 0);
        remount();
        CHECK_EQ(tfs_check_file(&T, "ctr", 1119, 40), 0);
        CHECK_EQ(tfs_check_file(&T, "d/x", 3, 3000), 0);
        CHECK_EQ(tfs_check_file(&T, "d/z", 5, 2000), 0);
        check_no_block_twice();
        CHECK_EQ(T.sim.violations, 0);
        tfs_free(&T);
    }
    /* a chain without any superblock entry is no filesystem */
    load_fixture("littlefs_moved_superblock.img");
    uint8_t *b0 = T.sim.mem, *b1 = T.sim.mem + BS;
    for (uint32_t blk = 2; blk < FIXTURE_BLOCKS; blk++) {
        uint8_t *p = T.sim.mem + (size_t)blk * BS;
        if (p != b0 && p != b1 && memcmp(p + 8, "littlefs", 8) == 0)
            memset(p, 0xff, BS);
    }
    CHECK_EQ(tfs_mount(&T), FS_ERR_IO);
    tfs_free(&T);
}

/* ------------------------------------------------------------ files */

static void test_small_files(void) {
    new_fs(64);
    char name[32];
    for (uint32_t size = 0; size < 600; size += 37) {
        snprintf(name, sizeof name, "f%u", (unsigned)size);
        CHECK_EQ(tfs_write_file(&T, name, size, size, 0), 0);
    }
    for (uint32_t size = 0; size < 600; size += 37) {
        snprintf(name, sizeof name, "f%u", (unsigned)size);
        CHECK_EQ(tfs_check_file(&T, name, size, size), 0);
        fs_info info;
        CHECK_EQ(fs_stat(&T.fs, name, &info), 0);
        CHECK_EQ(info.size, size);
        CHECK_EQ(info.type, FS_TYPE_REG);
        CHECK(strcmp(info.name, name) == 0);
    }
    remount();
    for (uint32_t size = 0; size < 600; size += 37) {
        snprintf(name, sizeof name, "f%u", (unsigned)size);
        CHECK_EQ(tfs_check_file(&T, name, size, size), 0);
    }
    tfs_free(&T);
}

static void test_large_file(void) {
    new_fs(512);
    uint32_t size = 1024 * 1024 + 123;
    CHECK_EQ(tfs_write_file(&T, "big", 5, size, 500), 0);
    CHECK_EQ(tfs_check_file(&T, "big", 5, size), 0);
    remount();
    CHECK_EQ(tfs_check_file(&T, "big", 5, size), 0);
    /* random access */
    fs_file f;
    CHECK_EQ(fs_file_open(&T.fs, &f, "big", FS_O_RDONLY, T.fbuf[0]), 0);
    uint32_t x = 1;
    for (int i = 0; i < 300; i++) {
        x = x * 1103515245u + 12345u;
        uint32_t pos = x % size;
        uint8_t buf[100];
        CHECK_EQ(fs_file_seek(&T.fs, &f, (int32_t)pos, FS_SEEK_SET), pos);
        int32_t r = fs_file_read(&T.fs, &f, buf, sizeof buf);
        uint32_t want = size - pos < 100 ? size - pos : 100;
        CHECK_EQ(r, want);
        for (int32_t j = 0; j < r; j++)
            if (buf[j] != tfs_byte(5, pos + (uint32_t)j)) {
                CHECK(0);
                break;
            }
    }
    CHECK_EQ(fs_file_size(&T.fs, &f), size);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    /* the blocks in use: exactly the CTZ list plus the root pair */
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.data, tfs_ctz_blocks(BS, size));
    CHECK_EQ(u.meta, 2);
    CHECK_EQ(u.dup, 0);
    fs_stats st;
    CHECK_EQ(fs_statvfs(&T.fs, &st), 0);
    CHECK_EQ(st.blocks_free, 512 - u.used);
    tfs_free(&T);
}

/* sizes around block boundaries of the skip-list */
static void test_ctz_boundaries(void) {
    CHECK_EQ(tfs_new(&T, 512, 256, 64, 16, 100), 0);
    uint32_t sizes[] = {63,  64,   65,   511,  512,  513,  1019, 1020,
                        1021, 1527, 1528, 1529, 2036, 4000, 8191, 8192,
                        8193, 16000, 33000};
    char name[16];
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        snprintf(name, sizeof name, "s%u", (unsigned)i);
        CHECK_EQ(tfs_write_file(&T, name, (uint32_t)i, sizes[i], 100), 0);
    }
    remount();
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        snprintf(name, sizeof name, "s%u", (unsigned)i);
        CHECK_EQ(tfs_check_file(&T, name, (uint32_t)i, sizes[i]), 0);
    }
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    uint32_t want = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        if (sizes[i] > 64)
            want += tfs_ctz_blocks(512, sizes[i]);
    CHECK_EQ(u.data, want);
    CHECK_EQ(u.dup, 0);
    tfs_free(&T);
}

static void check_content(const char *path, const uint8_t *want, uint32_t n) {
    fs_file f;
    CHECK_EQ(fs_file_open(&T.fs, &f, path, FS_O_RDONLY, T.fbuf[2]), 0);
    uint8_t *buf = malloc(n + 16);
    CHECK_EQ(fs_file_read(&T.fs, &f, buf, n + 16), n);
    CHECK(memcmp(buf, want, n) == 0);
    free(buf);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
}

static void test_overwrite_append_truncate(void) {
    new_fs(128);
    uint32_t n = 20000;
    uint8_t *model = malloc(n + 10000);
    for (uint32_t i = 0; i < n; i++)
        model[i] = tfs_byte(11, i);
    CHECK_EQ(tfs_write_file(&T, "f", 11, n, 0), 0);
    fs_file f;
    /* overwrite in the middle */
    CHECK_EQ(fs_file_open(&T.fs, &f, "f", FS_O_RDWR, T.fbuf[0]), 0);
    CHECK_EQ(fs_file_seek(&T.fs, &f, 5000, FS_SEEK_SET), 5000);
    memset(model + 5000, 'x', 3000);
    CHECK_EQ(fs_file_write(&T.fs, &f, model + 5000, 3000), 3000);
    CHECK_EQ(fs_file_tell(&T.fs, &f), 8000);
    uint8_t buf[16];
    CHECK_EQ(fs_file_read(&T.fs, &f, buf, 16), 16); /* read after write */
    CHECK(memcmp(buf, model + 8000, 16) == 0);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    check_content("f", model, n);
    /* append */
    CHECK_EQ(fs_file_open(&T.fs, &f, "f", FS_O_WRONLY | FS_O_APPEND, T.fbuf[0]),
             0);
    memset(model + n, 'a', 5000);
    CHECK_EQ(fs_file_write(&T.fs, &f, model + n, 5000), 5000);
    n += 5000;
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    check_content("f", model, n);
    /* truncate down, then up (zero filled) */
    CHECK_EQ(fs_file_open(&T.fs, &f, "f", FS_O_RDWR, T.fbuf[0]), 0);
    CHECK_EQ(fs_file_truncate(&T.fs, &f, 9000), 0);
    CHECK_EQ(fs_file_size(&T.fs, &f), 9000);
    CHECK_EQ(fs_file_truncate(&T.fs, &f, 12000), 0);
    memset(model + 9000, 0, 3000);
    n = 12000;
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    check_content("f", model, n);
    /* write past the end leaves a zero-filled gap */
    CHECK_EQ(fs_file_open(&T.fs, &f, "f", FS_O_WRONLY, T.fbuf[0]), 0);
    CHECK_EQ(fs_file_seek(&T.fs, &f, 14000, FS_SEEK_SET), 14000);
    CHECK_EQ(fs_file_write(&T.fs, &f, "end", 3), 3);
    memset(model + 12000, 0, 2000);
    memcpy(model + 14000, "end", 3);
    n = 14003;
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    check_content("f", model, n);
    /* truncate to small: back to inline */
    CHECK_EQ(fs_file_open(&T.fs, &f, "f", FS_O_RDWR, T.fbuf[0]), 0);
    CHECK_EQ(fs_file_truncate(&T.fs, &f, 100), 0);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    check_content("f", model, 100);
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.data, 0);
    /* O_TRUNC empties, O_APPEND on inline data */
    CHECK_EQ(fs_file_open(&T.fs, &f, "f", FS_O_WRONLY | FS_O_TRUNC, T.fbuf[0]),
             0);
    CHECK_EQ(fs_file_size(&T.fs, &f), 0);
    CHECK_EQ(fs_file_write(&T.fs, &f, "hello", 5), 5);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    CHECK_EQ(fs_file_open(&T.fs, &f, "f", FS_O_WRONLY | FS_O_APPEND, T.fbuf[0]),
             0);
    CHECK_EQ(fs_file_write(&T.fs, &f, " world", 6), 6);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    check_content("f", (const uint8_t *)"hello world", 11);
    remount();
    check_content("f", (const uint8_t *)"hello world", 11);
    free(model);
    tfs_free(&T);
}

static void test_seek_whence(void) {
    new_fs(64);
    CHECK_EQ(tfs_write_file(&T, "f", 1, 1000, 0), 0);
    fs_file f;
    CHECK_EQ(fs_file_open(&T.fs, &f, "f", FS_O_RDONLY, T.fbuf[0]), 0);
    CHECK_EQ(fs_file_seek(&T.fs, &f, -10, FS_SEEK_END), 990);
    CHECK_EQ(fs_file_seek(&T.fs, &f, 5, FS_SEEK_CUR), 995);
    CHECK_EQ(fs_file_seek(&T.fs, &f, -1000, FS_SEEK_CUR), FS_ERR_INVAL);
    CHECK_EQ(fs_file_seek(&T.fs, &f, 0, 7), FS_ERR_INVAL);
    CHECK_EQ(fs_file_seek(&T.fs, &f, 2000, FS_SEEK_SET), 2000);
    uint8_t b[4];
    CHECK_EQ(fs_file_read(&T.fs, &f, b, 4), 0);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    tfs_free(&T);
}

static void test_unsynced_is_invisible(void) {
    new_fs(64);
    CHECK_EQ(tfs_write_file(&T, "f", 1, 3000, 0), 0);
    fs_file f;
    CHECK_EQ(fs_file_open(&T.fs, &f, "f", FS_O_WRONLY | FS_O_TRUNC, T.fbuf[0]),
             0);
    uint8_t buf[8000];
    memset(buf, 'z', sizeof buf);
    CHECK_EQ(fs_file_write(&T.fs, &f, buf, sizeof buf), 8000);
    /* power cut now: mount a copy of the flash */
    tfs copy = T;
    CHECK_EQ(flash_sim_clone(&copy.sim, &T.sim), 0);
    copy.bd = flash_sim_bd(&copy.sim);
    CHECK_EQ(fs_mount(&copy.fs, &copy.bd, &copy.cfg), 0);
    CHECK_EQ(tfs_check_file(&copy, "f", 1, 3000), 0);
    flash_sim_free(&copy.sim);
    CHECK_EQ(fs_file_sync(&T.fs, &f), 0);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    remount();
    check_content("f", buf, 8000);
    tfs_free(&T);
}

static void test_open_flags(void) {
    new_fs(64);
    fs_file f;
    CHECK_EQ(fs_file_open(&T.fs, &f, "nope", FS_O_RDONLY, T.fbuf[0]),
             FS_ERR_NOENT);
    CHECK_EQ(fs_file_open(&T.fs, &f, "a", FS_O_WRONLY | FS_O_CREAT, T.fbuf[0]),
             0);
    CHECK_EQ(fs_file_read(&T.fs, &f, T.fbuf[1], 1), FS_ERR_BADF);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    CHECK_EQ(fs_file_close(&T.fs, &f), FS_ERR_BADF);
    CHECK_EQ(fs_file_write(&T.fs, &f, "x", 1), FS_ERR_BADF);
    CHECK_EQ(fs_file_open(&T.fs, &f, "a",
                          FS_O_WRONLY | FS_O_CREAT | FS_O_EXCL, T.fbuf[0]),
             FS_ERR_EXIST);
    CHECK_EQ(fs_file_open(&T.fs, &f, "a", FS_O_RDONLY, T.fbuf[0]), 0);
    CHECK_EQ(fs_file_write(&T.fs, &f, "x", 1), FS_ERR_BADF);
    CHECK_EQ(fs_file_truncate(&T.fs, &f, 0), FS_ERR_BADF);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    CHECK_EQ(fs_file_open(&T.fs, &f, "a", 0, T.fbuf[0]), FS_ERR_INVAL);
    CHECK_EQ(fs_file_open(&T.fs, &f, "a", FS_O_RDONLY, NULL), FS_ERR_NOMEM);
    CHECK_EQ(fs_file_open(&T.fs, &f, "a", FS_O_RDONLY | 0x10000, T.fbuf[0]),
             FS_ERR_INVAL);
    CHECK_EQ(fs_mkdir(&T.fs, "d"), 0);
    CHECK_EQ(fs_file_open(&T.fs, &f, "d", FS_O_RDONLY, T.fbuf[0]),
             FS_ERR_ISDIR);
    CHECK_EQ(fs_file_open(&T.fs, &f, "/", FS_O_RDONLY, T.fbuf[0]),
             FS_ERR_ISDIR);
    CHECK_EQ(fs_file_open(&T.fs, &f, "d/x/y", FS_O_WRONLY | FS_O_CREAT,
                          T.fbuf[0]),
             FS_ERR_NOENT);
    CHECK_EQ(fs_file_open(&T.fs, &f, "a/y", FS_O_WRONLY | FS_O_CREAT,
                          T.fbuf[0]),
             FS_ERR_NOTDIR);
    char longname[300];
    memset(longname, 'n', 299);
    longname[299] = 0;
    CHECK_EQ(fs_file_open(&T.fs, &f, longname, FS_O_WRONLY | FS_O_CREAT,
                          T.fbuf[0]),
             FS_ERR_NAMETOOLONG);
    longname[255] = 0;
    CHECK_EQ(fs_file_open(&T.fs, &f, longname, FS_O_WRONLY | FS_O_CREAT,
                          T.fbuf[0]),
             0);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    fs_info info;
    CHECK_EQ(fs_stat(&T.fs, longname, &info), 0);
    CHECK_EQ(strlen(info.name), 255);
    tfs_free(&T);
}

static void test_many_open_files(void) {
    new_fs(256);
    fs_file f[4];
    char name[16];
    for (int i = 0; i < 4; i++) {
        snprintf(name, sizeof name, "m%d", i);
        CHECK_EQ(fs_file_open(&T.fs, &f[i], name,
                              FS_O_WRONLY | FS_O_CREAT, T.fbuf[i]),
                 0);
    }
    uint8_t buf[333];
    for (uint32_t pos = 0; pos < 40000; pos += sizeof buf) {
        for (int i = 0; i < 4; i++) {
            for (uint32_t j = 0; j < sizeof buf; j++)
                buf[j] = tfs_byte((uint32_t)i, pos + j);
            CHECK_EQ(fs_file_write(&T.fs, &f[i], buf, sizeof buf), sizeof buf);
        }
        if (pos % 9990 == 0)
            CHECK_EQ(fs_file_sync(&T.fs, &f[1]), 0);
    }
    for (int i = 0; i < 4; i++)
        CHECK_EQ(fs_file_close(&T.fs, &f[i]), 0);
    remount();
    uint32_t size = (40000 / 333 + 1) * 333;
    for (int i = 0; i < 4; i++) {
        snprintf(name, sizeof name, "m%d", i);
        CHECK_EQ(tfs_check_file(&T, name, (uint32_t)i, size), 0);
    }
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.dup, 0);
    CHECK_EQ(u.data, 4 * tfs_ctz_blocks(BS, size));
    tfs_free(&T);
}

/* ------------------------------------------------------------ directories */

static int count_entries(const char *path, uint32_t *files, uint32_t *dirs) {
    fs_dir d;
    fs_info info;
    int err = fs_dir_open(&T.fs, &d, path), n = 0, r;
    if (err)
        return err;
    *files = *dirs = 0;
    while ((r = fs_dir_read(&T.fs, &d, &info)) > 0) {
        n++;
        if (info.type == FS_TYPE_DIR)
            (*dirs)++;
        else
            (*files)++;
    }
    fs_dir_close(&T.fs, &d);
    return r < 0 ? r : n;
}

static void test_directories(void) {
    new_fs(128);
    CHECK_EQ(fs_mkdir(&T.fs, "a"), 0);
    CHECK_EQ(fs_mkdir(&T.fs, "a/b"), 0);
    CHECK_EQ(fs_mkdir(&T.fs, "/a/b/c/"), 0);
    CHECK_EQ(fs_mkdir(&T.fs, "a"), FS_ERR_EXIST);
    CHECK_EQ(fs_mkdir(&T.fs, "x/y"), FS_ERR_NOENT);
    CHECK_EQ(tfs_write_file(&T, "a/b/c/f", 1, 5000, 0), 0);
    CHECK_EQ(tfs_write_file(&T, "a/g", 2, 50, 0), 0);
    CHECK_EQ(tfs_check_file(&T, "./a/b/../b/c/./f", 1, 5000), 0);
    CHECK_EQ(tfs_check_file(&T, "/a/b/c/../../g", 2, 50), 0);
    CHECK_EQ(tfs_check_file(&T, "../a/g", 2, 50), 0);
    fs_info info;
    CHECK_EQ(fs_stat(&T.fs, "a/b", &info), 0);
    CHECK_EQ(info.type, FS_TYPE_DIR);
    CHECK(strcmp(info.name, "b") == 0);
    CHECK_EQ(fs_stat(&T.fs, "a/g/", &info), FS_ERR_NOTDIR);
    CHECK_EQ(fs_stat(&T.fs, "a/g/h", &info), FS_ERR_NOTDIR);
    CHECK_EQ(fs_mkdir(&T.fs, "a/g/h"), FS_ERR_NOTDIR);
    CHECK_EQ(fs_remove(&T.fs, "a/b"), FS_ERR_NOTEMPTY);
    CHECK_EQ(fs_remove(&T.fs, "/"), FS_ERR_INVAL);
    CHECK_EQ(fs_remove(&T.fs, "nope"), FS_ERR_NOENT);
    uint32_t files, dirs;
    CHECK_EQ(count_entries("a", &files, &dirs), 2);
    CHECK_EQ(files, 1);
    CHECK_EQ(dirs, 1);
    CHECK_EQ(count_entries("a/g", &files, &dirs), FS_ERR_NOTDIR);
    CHECK_EQ(fs_remove(&T.fs, "a/b/c/f"), 0);
    CHECK_EQ(fs_remove(&T.fs, "a/b/c"), 0);
    CHECK_EQ(fs_remove(&T.fs, "a/b"), 0);
    CHECK_EQ(fs_stat(&T.fs, "a/b", &info), FS_ERR_NOENT);
    remount();
    CHECK_EQ(count_entries("a", &files, &dirs), 1);
    CHECK_EQ(tfs_check_file(&T, "a/g", 2, 50), 0);
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.meta, 4); /* root and "a" */
    CHECK_EQ(u.dup, 0);
    tfs_free(&T);
}

/* enough entries to split pairs, then all removed again */
static void test_many_entries(void) {
    new_fs(256);
    CHECK_EQ(fs_mkdir(&T.fs, "d"), 0);
    char name[64];
    const int n = 300;
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "d/file-with-a-longish-name-%04d", i * 7 % n);
        CHECK_EQ(tfs_write_file(&T, name, (uint32_t)i, (uint32_t)(i % 50), 0), 0);
    }
    uint32_t files, dirs;
    CHECK_EQ(count_entries("d", &files, &dirs), n);
    CHECK_EQ(check_sorted("d"), n);
    remount();
    CHECK_EQ(count_entries("d", &files, &dirs), n);
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "d/file-with-a-longish-name-%04d", i * 7 % n);
        CHECK_EQ(tfs_check_file(&T, name, (uint32_t)i, (uint32_t)(i % 50)), 0);
    }
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK(u.meta > 4); /* split into several pairs */
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "d/file-with-a-longish-name-%04d", i);
        CHECK_EQ(fs_remove(&T.fs, name), 0);
    }
    CHECK_EQ(count_entries("d", &files, &dirs), 0);
    CHECK_EQ(fs_remove(&T.fs, "d"), 0);
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.meta, 2);
    CHECK_EQ(u.data, 0);
    remount();
    CHECK_EQ(count_entries("/", &files, &dirs), 0);
    tfs_free(&T);
}

static void test_dir_read_while_changing(void) {
    new_fs(128);
    char name[16];
    for (int i = 0; i < 20; i++) {
        snprintf(name, sizeof name, "e%02d", i);
        CHECK_EQ(tfs_write_file(&T, name, 1, 10, 0), 0);
    }
    fs_dir d;
    fs_info info;
    CHECK_EQ(fs_dir_open(&T.fs, &d, "/"), 0);
    int seen = 0;
    while (fs_dir_read(&T.fs, &d, &info) > 0) {
        seen++;
        CHECK_EQ(fs_remove(&T.fs, info.name), 0); /* remove as we go */
    }
    CHECK_EQ(seen, 20);
    CHECK_EQ(fs_dir_rewind(&T.fs, &d), 0);
    CHECK_EQ(fs_dir_read(&T.fs, &d, &info), 0);
    CHECK_EQ(fs_dir_close(&T.fs, &d), 0);
    CHECK_EQ(fs_dir_read(&T.fs, &d, &info), FS_ERR_BADF);
    /* a removed directory reads as empty */
    CHECK_EQ(fs_mkdir(&T.fs, "gone"), 0);
    CHECK_EQ(fs_dir_open(&T.fs, &d, "gone"), 0);
    CHECK_EQ(fs_remove(&T.fs, "gone"), 0);
    CHECK_EQ(fs_dir_read(&T.fs, &d, &info), 0);
    CHECK_EQ(fs_dir_close(&T.fs, &d), 0);
    tfs_free(&T);
}

/* ------------------------------------------------------------ rename */

static void test_rename(void) {
    new_fs(128);
    CHECK_EQ(fs_mkdir(&T.fs, "d1"), 0);
    CHECK_EQ(fs_mkdir(&T.fs, "d2"), 0);
    CHECK_EQ(tfs_write_file(&T, "d1/a", 1, 100, 0), 0);
    CHECK_EQ(tfs_write_file(&T, "d1/b", 2, 9000, 0), 0);
    CHECK_EQ(fs_rename(&T.fs, "d1/a", "d1/c"), 0); /* same pair */
    CHECK_EQ(tfs_check_file(&T, "d1/c", 1, 100), 0);
    CHECK_EQ(tfs_check_file(&T, "d1/a", 1, 100), FS_ERR_NOENT);
    CHECK_EQ(fs_rename(&T.fs, "d1/b", "d2/b"), 0); /* across pairs */
    CHECK_EQ(tfs_check_file(&T, "d2/b", 2, 9000), 0);
    CHECK_EQ(tfs_check_file(&T, "d1/b", 2, 9000), FS_ERR_NOENT);
    CHECK_EQ(fs_rename(&T.fs, "d1/c", "d2/b"), 0); /* over an existing file */
    CHECK_EQ(tfs_check_file(&T, "d2/b", 1, 100), 0);
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.data, 0); /* the replaced file's blocks are free again */
    CHECK_EQ(fs_rename(&T.fs, "d2/b", "d2/b"), 0);
    CHECK_EQ(fs_rename(&T.fs, "nope", "x"), FS_ERR_NOENT);
    CHECK_EQ(fs_rename(&T.fs, "d2/b", "nodir/x"), FS_ERR_NOENT);
    CHECK_EQ(fs_rename(&T.fs, "d1", "d1/sub"), FS_ERR_INVAL);
    CHECK_EQ(fs_rename(&T.fs, "d2/b", "d1"), FS_ERR_ISDIR);
    CHECK_EQ(fs_rename(&T.fs, "d1", "d2/b"), FS_ERR_NOTDIR);
    CHECK_EQ(fs_rename(&T.fs, "/", "z"), FS_ERR_INVAL);
    /* directory over an empty directory, with contents moving along */
    CHECK_EQ(tfs_write_file(&T, "d2/inner", 3, 3000, 0), 0);
    CHECK_EQ(fs_rename(&T.fs, "d2", "d1"), 0);
    CHECK_EQ(tfs_check_file(&T, "d1/inner", 3, 3000), 0);
    CHECK_EQ(tfs_check_file(&T, "d1/b", 1, 100), 0);
    CHECK_EQ(fs_mkdir(&T.fs, "e"), 0);
    CHECK_EQ(tfs_write_file(&T, "e/x", 4, 10, 0), 0);
    CHECK_EQ(fs_rename(&T.fs, "d1", "e"), FS_ERR_NOTEMPTY);
    remount();
    uint32_t files, dirs;
    CHECK_EQ(count_entries("/", &files, &dirs), 2);
    CHECK_EQ(dirs, 2);
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.meta, 6);
    CHECK_EQ(u.dup, 0);
    tfs_free(&T);
}

static void test_rename_open_file(void) {
    new_fs(128);
    CHECK_EQ(fs_mkdir(&T.fs, "d"), 0);
    fs_file f;
    CHECK_EQ(fs_file_open(&T.fs, &f, "a", FS_O_WRONLY | FS_O_CREAT, T.fbuf[0]),
             0);
    CHECK_EQ(fs_file_write(&T.fs, &f, "one", 3), 3);
    CHECK_EQ(fs_file_sync(&T.fs, &f), 0);
    CHECK_EQ(fs_rename(&T.fs, "a", "d/b"), 0);
    CHECK_EQ(fs_file_write(&T.fs, &f, "two", 3), 3);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    check_content("d/b", (const uint8_t *)"onetwo", 6);
    /* an open file that is removed keeps working but leaves no trace */
    CHECK_EQ(fs_file_open(&T.fs, &f, "d/b", FS_O_RDWR, T.fbuf[0]), 0);
    CHECK_EQ(fs_remove(&T.fs, "d/b"), 0);
    CHECK_EQ(fs_file_write(&T.fs, &f, "xx", 2), 2);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    fs_info info;
    CHECK_EQ(fs_stat(&T.fs, "d/b", &info), FS_ERR_NOENT);
    tfs_free(&T);
}

/* ------------------------------------------------------------ attributes */

static void test_attributes(void) {
    new_fs(64);
    CHECK_EQ(tfs_write_file(&T, "f", 1, 10, 0), 0);
    uint8_t buf[16];
    CHECK_EQ(fs_getattr(&T.fs, "f", 't', buf, sizeof buf), FS_ERR_NOATTR);
    CHECK_EQ(fs_setattr(&T.fs, "f", 't', "12345678", 8), 0);
    CHECK_EQ(fs_getattr(&T.fs, "f", 't', buf, sizeof buf), 8);
    CHECK(memcmp(buf, "12345678", 8) == 0);
    CHECK_EQ(tfs_write_file(&T, "f", 2, 5000, 0), 0); /* survives rewrites */
    remount();
    CHECK_EQ(fs_getattr(&T.fs, "f", 't', buf, 4), 8);
    CHECK(memcmp(buf, "1234", 4) == 0);
    CHECK_EQ(fs_rename(&T.fs, "f", "g"), 0);
    CHECK_EQ(fs_getattr(&T.fs, "g", 't', buf, sizeof buf), 8);
    CHECK_EQ(fs_removeattr(&T.fs, "g", 't'), 0);
    CHECK_EQ(fs_getattr(&T.fs, "g", 't', buf, sizeof buf), FS_ERR_NOATTR);
    CHECK_EQ(fs_setattr(&T.fs, "g", 't', buf, 2000), FS_ERR_NOSPC);
    CHECK_EQ(fs_setattr(&T.fs, "nope", 't', buf, 2), FS_ERR_NOENT);
    /* the root's attributes live on its superblock entry, as in littlefs */
    CHECK_EQ(fs_getattr(&T.fs, "/", 't', buf, sizeof buf), FS_ERR_NOATTR);
    CHECK_EQ(fs_setattr(&T.fs, "/", 't', "root", 4), 0);
    for (uint32_t i = 0; i < 60; i++) /* through compactions */
        CHECK_EQ(tfs_write_file(&T, "g", i, 200, 0), 0);
    remount();
    CHECK_EQ(fs_getattr(&T.fs, "/", 't', buf, sizeof buf), 4);
    CHECK(memcmp(buf, "root", 4) == 0);
    char names[32];
    list_names("/", names, sizeof names);
    CHECK(strcmp(names, "g ") == 0);
    CHECK_EQ(fs_removeattr(&T.fs, "/", 't'), 0);
    CHECK_EQ(fs_getattr(&T.fs, "/", 't', buf, sizeof buf), FS_ERR_NOATTR);
    tfs_free(&T);
}

/* ------------------------------------------------------------ full disk */

static void test_nospc(void) {
    new_fs(32);
    CHECK_EQ(tfs_write_file(&T, "keep", 1, 10000, 0), 0);
    fs_file f;
    CHECK_EQ(fs_file_open(&T.fs, &f, "fill", FS_O_WRONLY | FS_O_CREAT,
                          T.fbuf[0]),
             0);
    uint8_t buf[1000];
    memset(buf, 'f', sizeof buf);
    int32_t r = 0;
    for (int i = 0; i < 1000 && r >= 0; i++)
        r = fs_file_write(&T.fs, &f, buf, sizeof buf);
    CHECK_EQ(r, FS_ERR_NOSPC);
    CHECK_EQ(fs_file_write(&T.fs, &f, buf, 1), FS_ERR_IO);
    CHECK_EQ(fs_file_close(&T.fs, &f), 0);
    /* a full disk still takes small changes that fit in metadata */
    CHECK_EQ(fs_mkdir(&T.fs, "d") == 0 || fs_mkdir(&T.fs, "d") == FS_ERR_NOSPC,
             1);
    CHECK_EQ(tfs_check_file(&T, "keep", 1, 10000), 0);
    remount();
    CHECK_EQ(tfs_check_file(&T, "keep", 1, 10000), 0);
    CHECK_EQ(tfs_check_file(&T, "fill", 1, 0), 0);
    CHECK_EQ(tfs_write_file(&T, "big", 1, 200000, 0), FS_ERR_NOSPC);
    CHECK_EQ(fs_remove(&T.fs, "keep"), 0);
    CHECK_EQ(tfs_write_file(&T, "big", 3, 60000, 0), 0);
    CHECK_EQ(tfs_check_file(&T, "big", 3, 60000), 0);
    fs_stats st;
    tfs_usage u;
    CHECK_EQ(fs_statvfs(&T.fs, &st), 0);
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(st.blocks_free, 32 - u.used);
    tfs_free(&T);
}

/* ------------------------------------------------------------ cut at N */

/* The workload for cutting the power at its N-th program or erase; it just
 * stops at the first error, as a board losing power would. */
static void cut_workload(void) {
    if (fs_mkdir(&T.fs, "d"))
        return;
    if (tfs_write_file(&T, "d/a", 2, 500, 0))
        return;
    if (fs_rename(&T.fs, "d/a", "b"))
        return;
    if (tfs_write_file(&T, "big", 3, 6000, 700))
        return;
    if (fs_remove(&T.fs, "d"))
        return;
    tfs_write_file(&T, "base", 4, 200, 0);
}

/* After the cut: each name holds one of the contents it ever had. */
static void cut_check(void) {
    fs_info info;
    int a = fs_stat(&T.fs, "d/a", &info) == 0, b = fs_stat(&T.fs, "b", &info) == 0;
    CHECK(!(a && b)); /* a rename is atomic */
    if (a)
        CHECK_EQ(tfs_check_file(&T, "d/a", 2, 500) == 0 ||
                     tfs_check_file(&T, "d/a", 2, 0) == 0,
                 1);
    if (b)
        CHECK_EQ(tfs_check_file(&T, "b", 2, 500), 0);
    if (fs_stat(&T.fs, "big", &info) == 0)
        CHECK_EQ(tfs_check_file(&T, "big", 3, 6000) == 0 || info.size == 0, 1);
    CHECK_EQ(tfs_check_file(&T, "base", 1, 3000) == 0 ||
                 tfs_check_file(&T, "base", 4, 200) == 0,
             1);
    CHECK_EQ(tfs_write_file(&T, "after", 5, 1000, 0), 0);
    remount();
    CHECK_EQ(tfs_check_file(&T, "after", 5, 1000), 0);
}

static void test_cut_at_each_op(void) {
    /* how many operations the whole workload takes */
    CHECK_EQ(tfs_new(&T, 512, 64, 64, 16, 4), 0);
    CHECK_EQ(tfs_write_file(&T, "base", 1, 3000, 0), 0);
    uint64_t before = T.sim.ops;
    cut_workload();
    uint64_t total = T.sim.ops - before;
    tfs_free(&T);
    CHECK(total > 40);
    printf("  power cut at each of the %llu operations of the workload, "
           "re-running it from the start each time\n",
           (unsigned long long)total);
    for (uint64_t n = 1; n <= total && !check_case_failures; n++) {
        CHECK_EQ(tfs_new(&T, 512, 64, 64, 16, 4), 0);
        CHECK_EQ(tfs_write_file(&T, "base", 1, 3000, 0), 0);
        T.sim.cut_at = T.sim.ops + n;
        T.sim.cut_how = (int)(n % 3);
        T.sim.cut_seed = (uint32_t)n;
        cut_workload();
        CHECK(T.sim.powered_off);
        T.sim.powered_off = false; /* power comes back */
        T.sim.cut_at = 0;
        CHECK_EQ(tfs_mount(&T), 0);
        cut_check();
        CHECK_EQ(T.sim.violations, 0);
        if (check_case_failures)
            printf("  (power cut at operation %llu of %llu)\n",
                   (unsigned long long)n, (unsigned long long)total);
        tfs_free(&T);
    }
}

/* A directory made in an earlier pair of a split directory takes two
 * commits (link the new pair, then add the entry); cut the power at each
 * operation of that and check the orphan is cleaned up. */
#define SPLIT_FILES 40

static void split_setup(void) {
    CHECK_EQ(tfs_new(&T, 512, 64, 64, 16, 100), 0);
    CHECK_EQ(fs_mkdir(&T.fs, "d"), 0);
    char name[16];
    for (int i = 0; i < SPLIT_FILES; i++) {
        snprintf(name, sizeof name, "d/f%02d", i);
        CHECK_EQ(tfs_write_file(&T, name, (uint32_t)i, 12, 0), 0);
    }
}

static void split_workload(void) {
    if (fs_mkdir(&T.fs, "d/a_sub"))
        return;
    if (tfs_write_file(&T, "d/a_sub/x", 40, 100, 0))
        return;
    fs_mkdir(&T.fs, "d/e_sub");
}

static void split_check(void) {
    char name[16];
    for (int i = 0; i < SPLIT_FILES; i++) {
        snprintf(name, sizeof name, "d/f%02d", i);
        CHECK_EQ(tfs_check_file(&T, name, (uint32_t)i, 12), 0);
    }
    fs_info info;
    if (fs_stat(&T.fs, "d/a_sub", &info) == 0) {
        CHECK_EQ(info.type, FS_TYPE_DIR);
        if (fs_stat(&T.fs, "d/a_sub/x", &info) == 0)
            CHECK_EQ(tfs_check_file(&T, "d/a_sub/x", 40, 100) == 0 ||
                         info.size == 0,
                     1);
    }
    check_sorted("d");
    CHECK_EQ(tfs_write_file(&T, "after", 5, 100, 0), 0);
    CHECK_EQ(T.fs.gdisk.tag, 0); /* no orphan left, no move pending */
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.dup, 0);
    fs_stats st;
    CHECK_EQ(fs_statvfs(&T.fs, &st), 0);
    CHECK_EQ(st.blocks_free, 64 - u.used);
    CHECK_EQ(fs_mkdir(&T.fs, "d/c_sub"), 0);
    CHECK_EQ(tfs_write_file(&T, "d/c_sub/y", 6, 50, 0), 0);
    remount();
    CHECK_EQ(tfs_check_file(&T, "d/c_sub/y", 6, 50), 0);
    CHECK_EQ(tfs_check_file(&T, "after", 5, 100), 0);
    check_sorted("d");
}

static void test_cut_split_mkdir(void) {
    split_setup();
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK(u.meta >= 8); /* d spans several pairs */
    uint64_t before = T.sim.ops;
    split_workload();
    uint64_t total = T.sim.ops - before;
    split_check();
    tfs_free(&T);
    printf("  power cut at each of the %llu operations of the workload\n",
           (unsigned long long)total);
    for (uint64_t n = 1; n <= total && !check_case_failures; n++) {
        split_setup();
        T.sim.cut_at = T.sim.ops + n;
        T.sim.cut_how = (int)(n % 3);
        T.sim.cut_seed = (uint32_t)n;
        split_workload();
        CHECK(T.sim.powered_off);
        T.sim.powered_off = false;
        T.sim.cut_at = 0;
        CHECK_EQ(tfs_mount(&T), 0);
        split_check();
        CHECK_EQ(T.sim.violations, 0);
        if (check_case_failures)
            printf("  (power cut at operation %llu of %llu)\n",
                   (unsigned long long)n, (unsigned long long)total);
        tfs_free(&T);
    }
}

/* ------------------------------------------------------------ random run */

#define MODEL_FILES 24
#define MODEL_MAX 30000

typedef struct model_file {
    bool exists;
    uint32_t size;
    uint8_t *data;
} model_file;

static model_file model[MODEL_FILES];

static void model_path(int i, char *out, size_t n) {
    snprintf(out, n, "%s/file%02d", i % 3 == 0 ? "" : i % 3 == 1 ? "/da" : "/db",
             i);
}

static void model_check_all(void) {
    char path[32];
    for (int i = 0; i < MODEL_FILES; i++) {
        model_path(i, path, sizeof path);
        fs_info info;
        int err = fs_stat(&T.fs, path, &info);
        if (!model[i].exists) {
            CHECK_EQ(err, FS_ERR_NOENT);
            continue;
        }
        CHECK_EQ(err, 0);
        CHECK_EQ(info.size, model[i].size);
        check_content(path, model[i].data, model[i].size);
    }
}

static void test_random_vs_model(void) {
    CHECK_EQ(tfs_new(&T, 512, 512, 64, 16, 8), 0); /* small blocks, fast wear */
    CHECK_EQ(fs_mkdir(&T.fs, "da"), 0);
    CHECK_EQ(fs_mkdir(&T.fs, "db"), 0);
    for (int i = 0; i < MODEL_FILES; i++) {
        model[i].exists = false;
        model[i].size = 0;
        model[i].data = calloc(MODEL_MAX, 1);
    }
    uint32_t x = 12345;
    char path[32], path2[32];
    uint8_t buf[4096];
    for (int step = 0; step < 3000; step++) {
        x = x * 1103515245u + 12345u;
        int i = (int)((x >> 8) % MODEL_FILES);
        int op = (int)((x >> 20) % 10);
        model_path(i, path, sizeof path);
        model_file *m = &model[i];
        if (op <= 4) { /* write somewhere */
            uint32_t pos = m->exists ? (x >> 3) % (m->size + 1) : 0;
            uint32_t n = (x >> 11) % (op == 0 ? 4096 : 300);
            if (pos + n > MODEL_MAX)
                n = MODEL_MAX - pos;
            fs_file f;
            int flags = FS_O_WRONLY | FS_O_CREAT;
            CHECK_EQ(fs_file_open(&T.fs, &f, path, flags, T.fbuf[0]), 0);
            CHECK_EQ(fs_file_seek(&T.fs, &f, (int32_t)pos, FS_SEEK_SET), pos);
            for (uint32_t j = 0; j < n; j++)
                buf[j] = (uint8_t)(x + j * 7);
            CHECK_EQ(fs_file_write(&T.fs, &f, buf, n), n);
            CHECK_EQ(fs_file_close(&T.fs, &f), 0);
            if (!m->exists) {
                m->exists = true;
                m->size = 0;
            }
            memcpy(m->data + pos, buf, n);
            if (pos + n > m->size)
                m->size = pos + n;
        } else if (op == 5) { /* truncate */
            if (!m->exists)
                continue;
            uint32_t n = (x >> 5) % (m->size + 1000);
            if (n > MODEL_MAX)
                n = MODEL_MAX;
            fs_file f;
            CHECK_EQ(fs_file_open(&T.fs, &f, path, FS_O_RDWR, T.fbuf[0]), 0);
            CHECK_EQ(fs_file_truncate(&T.fs, &f, n), 0);
            CHECK_EQ(fs_file_close(&T.fs, &f), 0);
            if (n > m->size)
                memset(m->data + m->size, 0, n - m->size);
            m->size = n;
        } else if (op == 6) { /* remove */
            int err = fs_remove(&T.fs, path);
            CHECK_EQ(err, m->exists ? 0 : FS_ERR_NOENT);
            m->exists = false;
        } else if (op == 7) { /* rename onto another slot */
            int j = (int)((x >> 4) % MODEL_FILES);
            if (j == i)
                continue;
            model_path(j, path2, sizeof path2);
            int err = fs_rename(&T.fs, path, path2);
            CHECK_EQ(err, m->exists ? 0 : FS_ERR_NOENT);
            if (m->exists) {
                model_file tmp = model[j];
                model[j] = *m;
                model[j].exists = true;
                *m = tmp;
                m->exists = false;
            }
        } else if (op == 8) { /* rewrite whole */
            uint32_t n = (x >> 9) % 2000;
            for (uint32_t j = 0; j < n; j++)
                m->data[j] = tfs_byte((uint32_t)step, j);
            CHECK_EQ(tfs_write_file(&T, path, (uint32_t)step, n, 0), 0);
            m->exists = true;
            m->size = n;
        } else if (step % 50 == 0) {
            remount();
            model_check_all();
        }
        if (check_case_failures) {
            printf("  (step %d, op %d, file %d)\n", step, op, i);
            break;
        }
    }
    model_check_all();
    remount();
    model_check_all();
    tfs_usage u;
    CHECK_EQ(tfs_usage_walk(&T, &u), 0);
    CHECK_EQ(u.dup, 0);
    uint32_t want = 0;
    for (int i = 0; i < MODEL_FILES; i++)
        if (model[i].exists && model[i].size > 64)
            want += tfs_ctz_blocks(512, model[i].size);
    CHECK_EQ(u.data, want);
    fs_stats st;
    CHECK_EQ(fs_statvfs(&T.fs, &st), 0);
    CHECK_EQ(st.blocks_free, 512 - u.used);
    for (int i = 0; i < MODEL_FILES; i++)
        free(model[i].data);
    tfs_free(&T);
}

int main(int argc, char **argv) {
    check_begin(argc, argv);
    check_case("fs crc matches the reference check value", test_crc_reference);
    check_case("fs blank or garbage device mounts as no filesystem",
               test_blank_is_nodev);
    check_case("fs format then mount, statvfs of an empty volume",
               test_format_mount);
    check_case("fs superblock layout follows the spec", test_superblock_layout);
    check_case("fs v2.0 format writes no forward crc", test_disk_version_20);
    check_case("fs mount takes the block count from the image",
               test_block_count_from_image);
    check_case("fs bad configurations are refused", test_bad_config);
    check_case("fs mount and reads never write", test_mount_is_read_only);
    check_case("fs hand-made image: root after a superblock chain",
               test_hand_superblock_chain);
    check_case("fs hand-made image: a rename cut short is finished",
               test_hand_pending_move);
    check_case("fs hand-made image: an orphaned pair is unlinked",
               test_hand_orphan);
    check_case("fs littlefs-made image: new names keep the chain sorted",
               test_littlefs_sorted_dir);
    check_case("fs littlefs-made image: blocks 0 and 1 hold only a tail",
               test_littlefs_moved_superblock);
    check_case("fs small files inline and just past inline", test_small_files);
    check_case("fs 1 MiB file, random access, blocks in use", test_large_file);
    check_case("fs skip-list sizes around block boundaries",
               test_ctz_boundaries);
    check_case("fs overwrite, append, truncate, zero fill",
               test_overwrite_append_truncate);
    check_case("fs seek whence and bounds", test_seek_whence);
    check_case("fs unsynced writes are not on disk", test_unsynced_is_invisible);
    check_case("fs open flags and error codes", test_open_flags);
    check_case("fs four files written at once", test_many_open_files);
    check_case("fs directories, dot and dotdot, errors", test_directories);
    check_case("fs 300 entries split pairs and go again", test_many_entries);
    check_case("fs directory read while removing", test_dir_read_while_changing);
    check_case("fs rename within, across, over files and dirs", test_rename);
    check_case("fs rename and remove of open files", test_rename_open_file);
    check_case("fs user attributes", test_attributes);
    check_case("fs out of space, then recovers", test_nospc);
    check_case("fs power cut at the n-th operation, for every n",
               test_cut_at_each_op);
    check_case("fs power cut while making a directory in a split one",
               test_cut_split_mkdir);
    check_case("fs 3000 random operations against a model",
               test_random_vs_model);
    return check_end();
}
