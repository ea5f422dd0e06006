/* bench/fs/bench_fs.c: how fast the flash filesystem writes and reads files
 * of 4 KiB, 64 KiB and 1 MiB, and how many flash operations each KiB costs.
 *
 * The flash is simulated in RAM: a 4 MiB part whose second half is the
 * 2 MiB filesystem partition (4 KiB erase blocks), set up the way the board
 * uses it. Throughput is host CPU time spent in the filesystem; the flash
 * columns count the device calls per KiB of file data, and "device" is an
 * estimate for real NOR flash from typical timings (page program 0.7 ms
 * per 256 bytes, 4 KiB erase 45 ms, reads at 20 MB/s) plus the CPU time.
 */
#define _POSIX_C_SOURCE 200809L
#include "fs/fs.h"
#include "tests/fs/flash_sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FLASH_SIZE (4u * 1024 * 1024)
#define PART_OFFSET (2u * 1024 * 1024)
#define PART_SIZE (2u * 1024 * 1024)
#define BLOCK 4096
#define CACHE 256

/* the partition, as the board's driver would present it */
typedef struct partition {
    flash_sim *flash;
    uint32_t first_block;
} partition;

static int part_read(void *ctx, uint32_t block, uint32_t off, void *buf,
                     uint32_t size) {
    partition *p = ctx;
    fs_blockdev bd = flash_sim_bd(p->flash);
    return bd.read(p->flash, p->first_block + block, off, buf, size);
}
static int part_prog(void *ctx, uint32_t block, uint32_t off, const void *buf,
                     uint32_t size) {
    partition *p = ctx;
    fs_blockdev bd = flash_sim_bd(p->flash);
    return bd.prog(p->flash, p->first_block + block, off, buf, size);
}
static int part_erase(void *ctx, uint32_t block) {
    partition *p = ctx;
    fs_blockdev bd = flash_sim_bd(p->flash);
    return bd.erase(p->flash, p->first_block + block);
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct measure {
    double seconds;
    uint64_t reads, progs, erases, read_bytes, prog_bytes;
} measure;

static flash_sim flash;

static void start(measure *m) {
    flash_sim_reset_counts(&flash);
    m->seconds = now();
}

static void stop(measure *m) {
    m->seconds = now() - m->seconds;
    m->reads = flash.reads;
    m->progs = flash.progs;
    m->erases = flash.erases;
    m->read_bytes = flash.read_bytes;
    m->prog_bytes = flash.prog_bytes;
}

static double device_seconds(const measure *m) {
    return m->seconds + (double)m->prog_bytes / 256 * 0.7e-3 +
           (double)m->erases * 45e-3 + (double)m->read_bytes / 20e6;
}

static uint8_t rbuf[CACHE], pbuf[CACHE], look[64], fbuf[CACHE];
static uint8_t data[64 * 1024];

static int run(uint32_t file_size, uint32_t files, measure *w, measure *r) {
    partition part = {&flash, PART_OFFSET / BLOCK};
    fs_blockdev bd = {&part, part_read, part_prog, part_erase, NULL,
                      16,    16,        BLOCK,     PART_SIZE / BLOCK};
    fs_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.block_cycles = 100;
    cfg.cache_size = CACHE;
    cfg.lookahead_size = sizeof look;
    cfg.read_buffer = rbuf;
    cfg.prog_buffer = pbuf;
    cfg.lookahead_buffer = look;
    fs_t fs;
    if (fs_format(&fs, &bd, &cfg) || fs_mount(&fs, &bd, &cfg))
        return -1;
    char name[32];
    start(w);
    for (uint32_t i = 0; i < files; i++) {
        snprintf(name, sizeof name, "f%u", (unsigned)i);
        fs_file f;
        if (fs_file_open(&fs, &f, name, FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC,
                         fbuf))
            return -1;
        for (uint32_t done = 0; done < file_size; done += 4096)
            if (fs_file_write(&fs, &f, data, 4096) != 4096)
                return -1;
        if (fs_file_close(&fs, &f))
            return -1;
    }
    stop(w);
    start(r);
    for (uint32_t i = 0; i < files; i++) {
        snprintf(name, sizeof name, "f%u", (unsigned)i);
        fs_file f;
        if (fs_file_open(&fs, &f, name, FS_O_RDONLY, fbuf))
            return -1;
        while (fs_file_read(&fs, &f, data, 4096) > 0)
            ;
        if (fs_file_close(&fs, &f))
            return -1;
    }
    stop(r);
    return fs_unmount(&fs);
}

int main(void) {
    if (flash_sim_init(&flash, BLOCK, FLASH_SIZE / BLOCK, 16, 16))
        return 1;
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 7 + (i >> 9));
    static const struct {
        const char *name;
        uint32_t size, files;
    } sizes[] = {{"4 KiB", 4096, 256}, {"64 KiB", 65536, 24},
                 {"1 MiB", 1048576, 1}};
    printf("flash filesystem on a simulated 4 MiB flash, 2 MiB partition, "
           "4 KiB blocks, %d-byte caches\n\n", CACHE);
    printf("%-7s %-6s %10s %12s %22s %13s\n", "file", "", "KiB/s (cpu)",
           "KiB/s (dev)", "reads/progs/erases", "bytes r/w");
    printf("%-7s %-6s %10s %12s %22s %13s\n", "", "", "", "estimate",
           "per KiB", "per KiB");
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        /* repeat small cases so the timing is above clock noise */
        int reps = sizes[s].size == 1048576 ? 8 : 4;
        measure w = {0}, r = {0}, tw, tr;
        for (int k = 0; k < reps; k++) {
            memset(flash.mem, 0xff, FLASH_SIZE);
            if (run(sizes[s].size, sizes[s].files, &tw, &tr)) {
                printf("%s: failed\n", sizes[s].name);
                return 1;
            }
            if (k == 0 || tw.seconds < w.seconds)
                w = tw;
            if (k == 0 || tr.seconds < r.seconds)
                r = tr;
        }
        double kib = (double)sizes[s].size * sizes[s].files / 1024;
        const measure *m[2] = {&w, &r};
        const char *what[2] = {"write", "read"};
        for (int j = 0; j < 2; j++) {
            char ops[40], bytes[40];
            snprintf(ops, sizeof ops, "%.2f/%.2f/%.3f",
                     (double)m[j]->reads / kib, (double)m[j]->progs / kib,
                     (double)m[j]->erases / kib);
            snprintf(bytes, sizeof bytes, "%.0f/%.0f",
                     (double)m[j]->read_bytes / kib,
                     (double)m[j]->prog_bytes / kib);
            printf("%-7s %-6s %10.0f %12.0f %22s %13s\n",
                   j == 0 ? sizes[s].name : "", what[j],
                   kib / (m[j]->seconds > 0 ? m[j]->seconds : 1e-9),
                   kib / device_seconds(m[j]), ops, bytes);
        }
    }
    flash_sim_free(&flash);
    return 0;
}
