/* tests/fuzz/fs_fuzz_mount.c: fuzz target for the flash filesystem: mount
 * an arbitrary image, walk it, read every file, and (some inputs) change it.
 *
 * Input: one control byte, then the image (512-byte blocks, padded with
 * erased bytes to at least two blocks, at most 128 blocks). Control bits:
 *   1: recompute the commit CRCs first, so mutations of tags and data get
 *      past the checksums and reach the code behind them;
 *   2: after reading, make changes (mkdir, write, rename, remove), then
 *      mount again and walk again;
 *   4: mount with block count 0 (taken from the image).
 * Nothing may crash, hang or trip a sanitizer; errors are fine.
 *
 * Built with -DFS_FUZZ_LIBFUZZER this is a libFuzzer target. Otherwise it is
 * a program that replays a corpus:
 *   fuzz_fs_replay RESULTS DIR...   run every file in DIR, write a PASS line
 *   fuzz_fs_replay --seeds DIR      write the seed images into DIR
 */
#ifndef FS_FUZZ_LIBFUZZER
#define _POSIX_C_SOURCE 200809L
#endif
#include "fs/fs.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_BS 512
#define FUZZ_MAX_BLOCKS 128
#define FUZZ_CACHE 64

typedef struct image {
    uint8_t *mem;
    uint32_t blocks;
} image;

static int img_read(void *ctx, uint32_t block, uint32_t off, void *buf,
                    uint32_t size) {
    image *im = ctx;
    if (block >= im->blocks || off + size > FUZZ_BS)
        return -5;
    memcpy(buf, im->mem + (size_t)block * FUZZ_BS + off, size);
    return 0;
}

static int img_prog(void *ctx, uint32_t block, uint32_t off, const void *buf,
                    uint32_t size) {
    image *im = ctx;
    if (block >= im->blocks || off + size > FUZZ_BS)
        return -5;
    uint8_t *p = im->mem + (size_t)block * FUZZ_BS + off;
    const uint8_t *in = buf;
    for (uint32_t i = 0; i < size; i++)
        p[i] &= in[i];
    return 0;
}

static int img_erase(void *ctx, uint32_t block) {
    image *im = ctx;
    if (block >= im->blocks)
        return -5;
    memset(im->mem + (size_t)block * FUZZ_BS, 0xff, FUZZ_BS);
    return 0;
}

static uint8_t rbuf[FUZZ_CACHE], pbuf[FUZZ_CACHE], look[16];
static uint8_t fbuf[2][FUZZ_CACHE];

static int mount_image(fs_t *fs, image *im, bool count_from_image) {
    fs_blockdev bd = {im,         img_read,   img_prog, img_erase, NULL, 16, 16,
                      FUZZ_BS,    im->blocks};
    if (count_from_image)
        bd.block_count = 0;
    fs_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.block_cycles = 4;
    cfg.cache_size = FUZZ_CACHE;
    cfg.lookahead_size = sizeof look;
    cfg.read_buffer = rbuf;
    cfg.prog_buffer = pbuf;
    cfg.lookahead_buffer = look;
    return fs_mount(fs, &bd, &cfg);
}

/* ---- the CRC the format uses, to re-seal mutated commits */
static uint32_t crc32_le(uint32_t crc, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (crc & 1 ? 0xedb88320u : 0);
    }
    return crc;
}

static uint32_t rd_be(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static void fix_crcs(image *im) {
    for (uint32_t b = 0; b < im->blocks; b++) {
        uint8_t *blk = im->mem + (size_t)b * FUZZ_BS;
        uint32_t off = 4, ptag = 0xffffffff;
        uint32_t crc = crc32_le(0xffffffff, blk, 4);
        while (off + 4 <= FUZZ_BS) {
            uint32_t tag = rd_be(blk + off) ^ ptag;
            if (tag & 0x80000000u)
                break;
            uint32_t size = (tag & 0x3ff) == 0x3ff ? 0 : (tag & 0x3ff);
            if (size > FUZZ_BS - off - 4)
                break;
            crc = crc32_le(crc, blk + off, 4);
            ptag = tag;
            uint32_t type = (tag >> 20) & 0x7ff;
            if ((type & 0x700) == 0x500 && !(type & 0x80)) {
                if (size < 4)
                    break;
                for (int i = 0; i < 4; i++)
                    blk[off + 4 + i] = (uint8_t)(crc >> (8 * i));
                ptag ^= (type & 1u) << 31;
                crc = 0xffffffff;
            } else {
                crc = crc32_le(crc, blk + off + 4, size);
            }
            off += 4 + size;
        }
    }
}

/* ---- reading everything */
static int walk(fs_t *fs, const char *dir, int depth, int *budget) {
    fs_dir d;
    fs_info info;
    if (fs_dir_open(fs, &d, dir))
        return 0;
    int r;
    while ((r = fs_dir_read(fs, &d, &info)) > 0 && (*budget)-- > 0) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, info.name);
        fs_info st;
        fs_stat(fs, path, &st);
        if (info.type == FS_TYPE_DIR) {
            if (depth < 6)
                walk(fs, path, depth + 1, budget);
            continue;
        }
        fs_file f;
        if (fs_file_open(fs, &f, path, FS_O_RDONLY, fbuf[0]) == 0) {
            uint8_t buf[300];
            int32_t n;
            int rounds = 0;
            while ((n = fs_file_read(fs, &f, buf, sizeof buf)) > 0 &&
                   rounds++ < 1000)
                ;
            fs_file_seek(fs, &f, 1000, FS_SEEK_SET);
            fs_file_read(fs, &f, buf, 10);
            uint8_t attr[8];
            fs_getattr(fs, path, 't', attr, sizeof attr);
            fs_file_close(fs, &f);
        }
    }
    fs_dir_close(fs, &d);
    return r;
}

static int count_cb(void *ctx, uint32_t block, int kind) {
    (void)block;
    (void)kind;
    (*(uint32_t *)ctx)++;
    return 0;
}

static void read_all(fs_t *fs) {
    int budget = 300;
    walk(fs, "/", 0, &budget);
    fs_stats st;
    fs_statvfs(fs, &st);
    uint32_t n = 0;
    fs_traverse(fs, count_cb, &n);
}

static void change(fs_t *fs) {
    fs_mkdir(fs, "/fz");
    fs_file f;
    if (fs_file_open(fs, &f, "/fz/new", FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC,
                     fbuf[1]) == 0) {
        uint8_t buf[700];
        memset(buf, 'q', sizeof buf);
        fs_file_write(fs, &f, buf, sizeof buf);
        fs_file_write(fs, &f, buf, 100);
        fs_file_close(fs, &f);
    }
    /* change what is already there */
    fs_dir d;
    fs_info info;
    char first[300] = "";
    if (fs_dir_open(fs, &d, "/") == 0) {
        while (fs_dir_read(fs, &d, &info) > 0)
            if (info.type == FS_TYPE_REG && !first[0])
                snprintf(first, sizeof first, "/%s", info.name);
        fs_dir_close(fs, &d);
    }
    if (first[0]) {
        if (fs_file_open(fs, &f, first, FS_O_RDWR | FS_O_APPEND, fbuf[1]) ==
            0) {
            fs_file_write(fs, &f, "appended", 8);
            fs_file_truncate(fs, &f, 3);
            fs_file_close(fs, &f);
        }
        fs_setattr(fs, first, 't', "12345678", 8);
        fs_rename(fs, first, "/fz/moved");
    }
    fs_rename(fs, "/fz/new", "/renamed");
    fs_remove(fs, "/fz/moved");
    fs_remove(fs, "/fz");
}

static int run_one(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    uint8_t control = data[0];
    data++;
    size--;
    image im;
    im.blocks = (uint32_t)((size + FUZZ_BS - 1) / FUZZ_BS);
    if (im.blocks < 2)
        im.blocks = 2;
    if (im.blocks > FUZZ_MAX_BLOCKS)
        im.blocks = FUZZ_MAX_BLOCKS;
    size_t total = (size_t)im.blocks * FUZZ_BS;
    im.mem = malloc(total);
    if (!im.mem)
        return 0;
    memset(im.mem, 0xff, total);
    memcpy(im.mem, data, size < total ? size : total);
    if (control & 1)
        fix_crcs(&im);
    fs_t fs;
    if (mount_image(&fs, &im, control & 4) == 0) {
        read_all(&fs);
        if (control & 2) {
            change(&fs);
            read_all(&fs);
            fs_unmount(&fs);
            if (mount_image(&fs, &im, false) == 0)
                read_all(&fs);
        }
        fs_unmount(&fs);
    }
    free(im.mem);
    return 0;
}

#ifdef FS_FUZZ_LIBFUZZER

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    return run_one(data, size);
}

#else

#include <dirent.h>
#include <sys/stat.h>

static int replay_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    static uint8_t buf[FUZZ_BS * FUZZ_MAX_BLOCKS + 1];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    run_one(buf, n);
    return 0;
}

static int replay(const char *path, int *count) {
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        (*count)++;
        return replay_file(path);
    }
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char full[1024];
        snprintf(full, sizeof full, "%s/%s", path, e->d_name);
        if (replay(full, count) != 0) {
            closedir(d);
            return -1;
        }
    }
    closedir(d);
    return 0;
}

/* ---- seed images: small filesystems of several shapes */
static int seed_write(const char *dir, const char *name, uint8_t control,
                      const image *im) {
    size_t len = (size_t)im->blocks * FUZZ_BS;
    while (len > 0 && im->mem[len - 1] == 0xff)
        len--;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputc(control, f);
    fwrite(im->mem, 1, len, f);
    return fclose(f);
}

static void seed_file(fs_t *fs, const char *path, uint32_t size) {
    fs_file f;
    if (fs_file_open(fs, &f, path, FS_O_WRONLY | FS_O_CREAT | FS_O_TRUNC,
                     fbuf[0]) != 0)
        return;
    for (uint32_t i = 0; i < size; i++) {
        uint8_t c = (uint8_t)('a' + i % 26);
        fs_file_write(fs, &f, &c, 1);
    }
    fs_file_close(fs, &f);
}

static int make_seeds(const char *dir) {
    static const struct {
        const char *name;
        uint32_t blocks;
        int shape;
    } seeds[] = {
        {"empty", 8, 0},     {"files", 24, 1},   {"dirs", 24, 2},
        {"split", 40, 3},    {"renamed", 24, 4}, {"big", 48, 5},
        {"worn", 24, 6},
    };
    for (size_t s = 0; s < sizeof seeds / sizeof *seeds; s++) {
        image im;
        im.blocks = seeds[s].blocks;
        im.mem = malloc((size_t)im.blocks * FUZZ_BS);
        memset(im.mem, 0xff, (size_t)im.blocks * FUZZ_BS);
        fs_t fs;
        fs_blockdev bd = {&im, img_read, img_prog, img_erase, NULL, 16, 16,
                          FUZZ_BS, im.blocks};
        fs_config cfg;
        memset(&cfg, 0, sizeof cfg);
        cfg.block_cycles = 4;
        cfg.cache_size = FUZZ_CACHE;
        cfg.lookahead_size = sizeof look;
        cfg.read_buffer = rbuf;
        cfg.prog_buffer = pbuf;
        cfg.lookahead_buffer = look;
        if (fs_format(&fs, &bd, &cfg) || fs_mount(&fs, &bd, &cfg))
            return -1;
        char p[64];
        switch (seeds[s].shape) {
        case 1:
            seed_file(&fs, "/a.txt", 10);
            seed_file(&fs, "/b.bin", 700);
            seed_file(&fs, "/c", 0);
            fs_setattr(&fs, "/a.txt", 't', "12345678", 8);
            break;
        case 2:
            fs_mkdir(&fs, "/lib");
            fs_mkdir(&fs, "/lib/sub");
            seed_file(&fs, "/lib/x.py", 40);
            seed_file(&fs, "/lib/sub/y", 900);
            break;
        case 3:
            fs_mkdir(&fs, "/d");
            for (int i = 0; i < 20; i++) {
                snprintf(p, sizeof p, "/d/entry%02d", i);
                seed_file(&fs, p, (uint32_t)(i * 3));
            }
            break;
        case 4:
            fs_mkdir(&fs, "/d");
            seed_file(&fs, "/f", 100);
            fs_rename(&fs, "/f", "/d/g");
            fs_mkdir(&fs, "/e");
            fs_rename(&fs, "/d", "/e/d2");
            break;
        case 5:
            seed_file(&fs, "/big", 12000);
            break;
        case 6:
            for (int i = 0; i < 60; i++)
                seed_file(&fs, "/state", (uint32_t)(i % 40));
            break;
        default:
            break;
        }
        fs_unmount(&fs);
        char name[64];
        snprintf(name, sizeof name, "seed-%s", seeds[s].name);
        if (seed_write(dir, name, 0, &im))
            return -1;
        snprintf(name, sizeof name, "seed-%s-write", seeds[s].name);
        if (seed_write(dir, name, 3, &im))
            return -1;
        free(im.mem);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--seeds") == 0)
        return make_seeds(argv[2]) ? 1 : 0;
    if (argc < 3) {
        fprintf(stderr, "usage: %s RESULTS DIR|FILE...\n       %s --seeds DIR\n",
                argv[0], argv[0]);
        return 2;
    }
    int count = 0;
    for (int i = 2; i < argc; i++) {
        if (replay(argv[i], &count) != 0) {
            fprintf(stderr, "fuzz_fs_replay: cannot read %s\n", argv[i]);
            return 1;
        }
    }
    printf("PASS fs fuzz corpus replay (%d inputs)\n", count);
    FILE *r = fopen(argv[1], "a");
    if (r) {
        fprintf(r, "PASS fs fuzz corpus replay (%d inputs)\n", count);
        fclose(r);
    }
    return count > 0 ? 0 : 1;
}

#endif
