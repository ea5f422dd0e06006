/* tests/fs/test_fs_wear.c: rewriting one small file 10,000 times wears
 * the flash evenly.
 *
 * Data blocks spread by themselves (the allocator goes round the disk);
 * metadata pairs spread because a pair moves to fresh blocks, or hands its
 * entries to a fresh pair, every block_cycles erases. Each scenario prints
 * the erase counts per block and fails when the most worn block is far
 * above the average or blocks stay unused.
 *
 * usage: test_fs_wear [results-file]
 */
#include "check.h"
#include "tfs.h"

#include <stdio.h>

typedef struct wear_case {
    const char *name;
    uint32_t block_size, count, cache;
    int32_t cycles;
    uint32_t file_size;
    double max_over_mean; /* limit for max / mean erases (0: none) */
    double min_over_mean; /* floor for min / mean, blocks of static files
                             (never rewritten, so never erased) aside */
    uint32_t max_erases;  /* limit for any block (0: none) */
} wear_case;

static uint8_t *static_blocks;

static int mark_static(void *ctx, uint32_t block, int kind) {
    (void)ctx;
    (void)kind;
    static_blocks[block] = 1;
    return 0;
}

static void run(const wear_case *w) {
    tfs t;
    CHECK_EQ(tfs_new(&t, w->block_size, w->count, w->cache, 16, w->cycles), 0);
    /* a few other files, so the disk is not empty */
    CHECK_EQ(fs_mkdir(&t.fs, "lib"), 0);
    CHECK_EQ(tfs_write_file(&t, "lib/a.py", 1, 3000, 0), 0);
    CHECK_EQ(tfs_write_file(&t, "boot.py", 2, 120, 0), 0);
    static_blocks = calloc(w->count, 1);
    CHECK_EQ(fs_traverse(&t.fs, mark_static, NULL), 0);
    flash_sim_reset_counts(&t.sim);
    uint8_t buf[2048];
    for (int i = 0; i < 10000; i++) {
        fs_file f;
        int err = fs_file_open(&t.fs, &f, "state.txt",
                               FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC, t.fbuf[0]);
        for (uint32_t j = 0; j < w->file_size; j++)
            buf[j] = tfs_byte((uint32_t)i, j);
        if (!err && fs_file_write(&t.fs, &f, buf, w->file_size) !=
                        (int32_t)w->file_size)
            err = -1;
        if (!err)
            err = fs_file_close(&t.fs, &f);
        if (err) {
            CHECK_EQ(err, 0);
            printf("  rewrite %d failed\n", i);
            break;
        }
    }
    CHECK_EQ(tfs_check_file(&t, "state.txt", 9999, w->file_size), 0);
    CHECK_EQ(tfs_check_file(&t, "lib/a.py", 1, 3000), 0);
    CHECK_EQ(fs_unmount(&t.fs), 0);
    CHECK_EQ(tfs_mount(&t), 0);
    CHECK_EQ(tfs_check_file(&t, "state.txt", 9999, w->file_size), 0);

    uint32_t max = 0, min = UINT32_MAX, unused = 0, statics = 0;
    printf("  erases per block:");
    for (uint32_t b = 0; b < w->count && b < 40; b++)
        printf(" %u", (unsigned)t.sim.erase_counts[b]);
    printf("%s\n", w->count > 40 ? " ..." : "");
    uint64_t total = 0;
    for (uint32_t b = 0; b < w->count; b++) {
        uint32_t e = t.sim.erase_counts[b];
        max = e > max ? e : max;
        total += e;
        unused += e == 0;
        if (static_blocks[b] && e == 0)
            statics++;
        else if (b >= 2) /* 0 and 1 anchor the superblock: once the root's
                            entries have moved on, they rarely change */
            min = e < min ? e : min;
    }
    double mean = (double)total / w->count;
    printf("  wear %s: %llu erases over %u blocks: max %u, min %u, mean %.1f;"
           " %u blocks never erased (%u hold unchanged files)\n",
           w->name, (unsigned long long)total, (unsigned)w->count,
           (unsigned)max, (unsigned)min, mean, (unsigned)unused,
           (unsigned)statics);
    if (w->max_over_mean > 0)
        CHECK(max <= w->max_over_mean * mean);
    CHECK(min >= w->min_over_mean * mean);
    if (w->max_erases)
        CHECK(max <= w->max_erases);
    free(static_blocks);
    CHECK_EQ(t.sim.violations, 0);
    tfs_free(&t);
}

static const wear_case cases[] = {
    /* 1 KiB is past the inline limit: every rewrite takes a fresh block */
    {"1 KiB file, 4 KiB blocks, 512 KiB, cycles 100", 4096, 128, 256, 100,
     1024, 1.5, 0.5, 0},
    /* inline data: only the metadata pair is written; it must travel */
    {"200 B inline file, 4 KiB blocks, 128 KiB, cycles 8", 4096, 32, 256, 8,
     200, 2.0, 0.25, 0},
    /* too few erases to cover 2 MiB: no block beyond a cycle's share */
    {"200 B inline file, 2 MiB partition, cycles 100", 4096, 512, 256, 100,
     200, 0, 0, 52},
};

static void test_ctz(void) { run(&cases[0]); }
static void test_inline(void) { run(&cases[1]); }
static void test_inline_big(void) { run(&cases[2]); }

int main(int argc, char **argv) {
    check_begin(argc, argv);
    check_case("fs wear: 10000 rewrites of a 1 KiB file spread evenly",
               test_ctz);
    check_case("fs wear: 10000 rewrites of an inline file move the pair",
               test_inline);
    check_case("fs wear: inline rewrites on a 2 MiB partition stay bounded",
               test_inline_big);
    return check_end();
}
