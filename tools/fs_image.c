/* tools/fs_image.c: `campy-tool fs-image`, flash filesystem images on the
 * host.
 *
 *   fs-image build DIR -o IMAGE --size SIZE [--block-size N]
 *   fs-image ls IMAGE
 *   fs-image get IMAGE PATH [-o OUT]
 *
 * An image is the raw content of the filesystem partition (littlefs v2),
 * ready to be written to flash or given to the virtual board. The image is
 * built in memory and only written out once complete, so a failed build
 * leaves no partial file.
 */
#include "fs/fs.h"
#include "tools/tool.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define IMG_CACHE 128 /* keeps inline files small enough for any reader */
#define IMG_PROG 16
#define IMG_LOOKAHEAD 64
#define IMG_DEFAULT_BLOCK 4096

typedef struct img {
    uint8_t *mem;
    uint32_t block_size, block_count;
    fs_t fs;
    fs_blockdev bd;
    fs_config cfg;
    uint8_t rbuf[IMG_CACHE], pbuf[IMG_CACHE], look[IMG_LOOKAHEAD];
    uint8_t fbuf[IMG_CACHE];
} img;

static int img_read(void *ctx, uint32_t block, uint32_t off, void *buf,
                    uint32_t size) {
    img *im = ctx;
    if (block >= im->block_count || off + size > im->block_size)
        return -EIO;
    memcpy(buf, im->mem + (size_t)block * im->block_size + off, size);
    return 0;
}

static int img_prog(void *ctx, uint32_t block, uint32_t off, const void *buf,
                    uint32_t size) {
    img *im = ctx;
    if (block >= im->block_count || off + size > im->block_size)
        return -EIO;
    uint8_t *p = im->mem + (size_t)block * im->block_size + off;
    const uint8_t *in = buf;
    for (uint32_t i = 0; i < size; i++)
        p[i] &= in[i]; /* as NOR flash does */
    return 0;
}

static int img_erase(void *ctx, uint32_t block) {
    img *im = ctx;
    if (block >= im->block_count)
        return -EIO;
    memset(im->mem + (size_t)block * im->block_size, 0xff, im->block_size);
    return 0;
}

static void img_setup(img *im, uint32_t block_size, uint32_t count) {
    im->block_size = block_size;
    im->block_count = count;
    fs_blockdev bd = {im,        img_read,  img_prog,   img_erase, NULL,
                      IMG_PROG,  IMG_PROG,  block_size, count};
    im->bd = bd;
    memset(&im->cfg, 0, sizeof im->cfg);
    im->cfg.block_cycles = 100;
    im->cfg.cache_size = IMG_CACHE;
    im->cfg.lookahead_size = IMG_LOOKAHEAD;
    im->cfg.read_buffer = im->rbuf;
    im->cfg.prog_buffer = im->pbuf;
    im->cfg.lookahead_buffer = im->look;
}

/* "2M", "512K", "4096", "1MiB": binary units */
static int parse_size(const char *s, uint64_t *out) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno || s[0] == '-')
        return -1;
    uint64_t mult = 1;
    if (*end == 'K' || *end == 'k')
        mult = 1024, end++;
    else if (*end == 'M' || *end == 'm')
        mult = 1024 * 1024, end++;
    else if (*end == 'G' || *end == 'g')
        mult = 1024ull * 1024 * 1024, end++;
    if (mult > 1 && (strcmp(end, "iB") == 0 || strcmp(end, "B") == 0))
        end += strlen(end);
    if (*end || v > UINT32_MAX / mult)
        return -1;
    *out = v * mult;
    return 0;
}

/* ------------------------------------------------------------ build */

typedef struct build_ctx {
    img *im;
    const char *root;
    int files, dirs;
} build_ctx;

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int copy_file(build_ctx *b, const char *host, const char *path) {
    FILE *in = fopen(host, "rb");
    if (!in)
        return tool_error("fs-image build: cannot read %s: %s", host,
                          strerror(errno));
    fs_file f;
    int err = fs_file_open(&b->im->fs, &f, path,
                           FS_O_WRONLY | FS_O_CREAT | FS_O_EXCL, b->im->fbuf);
    static uint8_t buf[64 * 1024];
    size_t n;
    while (!err && (n = fread(buf, 1, sizeof buf, in)) > 0) {
        int32_t w = fs_file_write(&b->im->fs, &f, buf, (uint32_t)n);
        if (w < 0)
            err = (int)w;
    }
    if (!err && ferror(in))
        err = FS_ERR_IO;
    fclose(in);
    int cerr = fs_file_close(&b->im->fs, &f);
    if (!err)
        err = cerr;
    if (err == FS_ERR_NOSPC)
        return tool_error("fs-image build: image too small: %s does not fit "
                          "in %u bytes (try a larger --size)",
                          b->root, (unsigned)(b->im->block_size *
                                              b->im->block_count));
    if (err)
        return tool_error("fs-image build: %s: %s", path, fs_strerror(err));
    b->files++;
    return 0;
}

static int add_dir(build_ctx *b, const char *host, const char *path,
                   int depth) {
    if (depth > 64)
        return tool_error("fs-image build: %s: directories nested too deep",
                          host);
    DIR *d = opendir(host);
    if (!d)
        return tool_error("fs-image build: cannot read directory %s: %s", host,
                          strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 32;
            char **bigger = realloc(names, cap * sizeof *names);
            if (!bigger)
                break;
            names = bigger;
        }
        names[n] = strdup(e->d_name);
        if (names[n])
            n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names); /* same input, same image */
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t hl = strlen(host) + strlen(names[i]) + 2;
        size_t pl = strlen(path) + strlen(names[i]) + 2;
        char *h = malloc(hl), *p = malloc(pl);
        if (!h || !p) {
            rc = tool_error("fs-image build: out of memory");
        } else {
            snprintf(h, hl, "%s/%s", host, names[i]);
            snprintf(p, pl, "%s/%s", strcmp(path, "/") == 0 ? "" : path,
                     names[i]);
            struct stat st;
            if (strlen(names[i]) > FS_NAME_MAX) {
                rc = tool_error("fs-image build: %s: name longer than %d bytes",
                                h, FS_NAME_MAX);
            } else if (lstat(h, &st) != 0) {
                rc = tool_error("fs-image build: %s: %s", h, strerror(errno));
            } else if (S_ISDIR(st.st_mode)) {
                int err = fs_mkdir(&b->im->fs, p);
                if (err == FS_ERR_NOSPC)
                    rc = tool_error("fs-image build: image too small for %s",
                                    b->root);
                else if (err)
                    rc = tool_error("fs-image build: %s: %s", p,
                                    fs_strerror(err));
                else {
                    b->dirs++;
                    rc = add_dir(b, h, p, depth + 1);
                }
            } else if (S_ISREG(st.st_mode)) {
                rc = copy_file(b, h, p);
            } else {
                fprintf(stderr, "campy-tool: fs-image build: skipping %s "
                                "(not a file or directory)\n", h);
            }
        }
        free(h);
        free(p);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

static int write_image(const img *im, const char *out) {
    FILE *f = fopen(out, "wb");
    if (!f)
        return tool_error("fs-image build: cannot write %s: %s", out,
                          strerror(errno));
    size_t total = (size_t)im->block_size * im->block_count;
    size_t w = fwrite(im->mem, 1, total, f);
    if (fclose(f) != 0 || w != total) {
        remove(out);
        return tool_error("fs-image build: cannot write %s", out);
    }
    return 0;
}

static int cmd_build(int argc, char **argv) {
    const char *dir = NULL, *out = NULL, *size_arg = NULL;
    uint64_t block_size = IMG_DEFAULT_BLOCK;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc)
            size_arg = argv[++i];
        else if (strcmp(argv[i], "--block-size") == 0 && i + 1 < argc) {
            if (parse_size(argv[++i], &block_size) || block_size < 128 ||
                block_size % IMG_CACHE || block_size > 1024 * 1024)
                return tool_error("fs-image build: bad --block-size %s "
                                  "(a multiple of %d, at least 128)",
                                  argv[i], IMG_CACHE);
        } else if (argv[i][0] == '-' && argv[i][1])
            return tool_error("fs-image build: unknown option %s", argv[i]);
        else if (!dir)
            dir = argv[i];
        else
            return tool_error("fs-image build: unexpected argument %s",
                              argv[i]);
    }
    if (!dir || !out || !size_arg)
        return tool_error("usage: campy-tool fs-image build DIR -o IMAGE "
                          "--size SIZE [--block-size N]");
    uint64_t size;
    if (parse_size(size_arg, &size) || size == 0)
        return tool_error("fs-image build: bad --size %s (e.g. 2M, 512K, "
                          "1048576)", size_arg);
    if (size % block_size)
        return tool_error("fs-image build: --size %s is not a multiple of "
                          "the block size (%u)",
                          size_arg, (unsigned)block_size);
    if (size / block_size < 4)
        return tool_error("fs-image build: image too small: --size %s holds "
                          "fewer than 4 blocks of %u bytes",
                          size_arg, (unsigned)block_size);
    struct stat st;
    if (stat(dir, &st) != 0)
        return tool_error("fs-image build: no such directory: %s", dir);
    if (!S_ISDIR(st.st_mode))
        return tool_error("fs-image build: not a directory: %s", dir);

    static img im;
    img_setup(&im, (uint32_t)block_size, (uint32_t)(size / block_size));
    im.mem = malloc((size_t)size);
    if (!im.mem)
        return tool_error("fs-image build: out of memory for %s bytes",
                          size_arg);
    memset(im.mem, 0xff, (size_t)size);
    int err = fs_format(&im.fs, &im.bd, &im.cfg);
    if (!err)
        err = fs_mount(&im.fs, &im.bd, &im.cfg);
    int rc = err ? tool_error("fs-image build: cannot format: %s",
                              fs_strerror(err))
                 : 0;
    build_ctx b = {&im, dir, 0, 0};
    if (!rc)
        rc = add_dir(&b, dir, "/", 0);
    fs_stats stats;
    if (!rc && (err = fs_statvfs(&im.fs, &stats)) != 0)
        rc = tool_error("fs-image build: %s", fs_strerror(err));
    if (!rc && (err = fs_unmount(&im.fs)) != 0)
        rc = tool_error("fs-image build: %s", fs_strerror(err));
    if (!rc)
        rc = write_image(&im, out);
    if (!rc)
        printf("%s: %d files, %d directories, %u of %u blocks used\n", out,
               b.files, b.dirs,
               (unsigned)(stats.block_count - stats.blocks_free),
               (unsigned)stats.block_count);
    free(im.mem);
    return rc;
}

/* ------------------------------------------------------------ reading */

/* Loads an image file and mounts it, finding the block size it uses. */
static int open_image(img *im, const char *path, const char *cmd) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return tool_error("fs-image %s: cannot open %s: %s", cmd, path,
                          strerror(errno));
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return tool_error("fs-image %s: cannot read %s", cmd, path);
    }
    long len = ftell(f);
    rewind(f);
    if (len <= 0 || len > 1024L * 1024 * 1024) {
        fclose(f);
        return tool_error("fs-image %s: %s: not a filesystem image (%s)", cmd,
                          path, len <= 0 ? "empty" : "too large");
    }
    im->mem = malloc((size_t)len);
    if (!im->mem || fread(im->mem, 1, (size_t)len, f) != (size_t)len) {
        fclose(f);
        free(im->mem);
        return tool_error("fs-image %s: cannot read %s", cmd, path);
    }
    fclose(f);
    static const uint32_t sizes[] = {4096, 512,   1024,  2048, 8192,
                                     16384, 32768, 65536, 256,  128};
    int err = FS_ERR_NODEV;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        uint32_t bs = sizes[i];
        if ((uint64_t)len < 2ull * bs || bs % IMG_CACHE)
            continue;
        img_setup(im, bs, (uint32_t)((uint64_t)len / bs));
        err = fs_mount(&im->fs, &im->bd, &im->cfg);
        if (err == 0)
            return 0;
        if (err != FS_ERR_NODEV && err != FS_ERR_INVAL)
            break;
    }
    free(im->mem);
    im->mem = NULL;
    if (err == FS_ERR_NODEV || err == FS_ERR_INVAL)
        return tool_error("fs-image %s: %s: not a filesystem image (no "
                          "littlefs superblock)", cmd, path);
    return tool_error("fs-image %s: %s: %s", cmd, path, fs_strerror(err));
}

static int list_dir(img *im, const char *path, int depth, uint32_t *count) {
    fs_dir d;
    int err = fs_dir_open(&im->fs, &d, path);
    if (err)
        return tool_error("fs-image ls: %s: %s", path, fs_strerror(err));
    fs_info info;
    int r, rc = 0;
    while (rc == 0 && (r = fs_dir_read(&im->fs, &d, &info)) > 0) {
        size_t len = strlen(path) + strlen(info.name) + 2;
        char *p = malloc(len);
        if (!p) {
            rc = tool_error("fs-image ls: out of memory");
            break;
        }
        snprintf(p, len, "%s/%s", strcmp(path, "/") == 0 ? "" : path,
                 info.name);
        (*count)++;
        if (info.type == FS_TYPE_DIR) {
            printf("%10s  %s/\n", "-", p);
            if (depth < 64)
                rc = list_dir(im, p, depth + 1, count);
        } else {
            printf("%10u  %s\n", (unsigned)info.size, p);
        }
        free(p);
    }
    fs_dir_close(&im->fs, &d);
    if (rc == 0 && r < 0)
        rc = tool_error("fs-image ls: %s: %s", path, fs_strerror(r));
    return rc;
}

static int cmd_ls(int argc, char **argv) {
    if (argc != 2 || argv[1][0] == '-')
        return tool_error("usage: campy-tool fs-image ls IMAGE");
    static img im;
    if (open_image(&im, argv[1], "ls"))
        return 1;
    uint32_t count = 0;
    int rc = list_dir(&im, "/", 0, &count);
    fs_stats st;
    if (!rc && fs_statvfs(&im.fs, &st) == 0)
        printf("%u entries; %u of %u blocks of %u bytes used\n",
               (unsigned)count, (unsigned)(st.block_count - st.blocks_free),
               (unsigned)st.block_count, (unsigned)st.block_size);
    fs_unmount(&im.fs);
    free(im.mem);
    return rc;
}

static int cmd_get(int argc, char **argv) {
    const char *image = NULL, *path = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (!image)
            image = argv[i];
        else if (!path)
            path = argv[i];
        else
            return tool_error("fs-image get: unexpected argument %s",
                              argv[i]);
    }
    if (!image || !path)
        return tool_error("usage: campy-tool fs-image get IMAGE PATH [-o OUT]");
    static img im;
    if (open_image(&im, image, "get"))
        return 1;
    int rc = 0;
    fs_file f;
    int err = fs_file_open(&im.fs, &f, path, FS_O_RDONLY, im.fbuf);
    if (err == FS_ERR_NOENT || err == FS_ERR_NOTDIR)
        rc = tool_error("fs-image get: no such file in %s: %s", image, path);
    else if (err == FS_ERR_ISDIR)
        rc = tool_error("fs-image get: %s is a directory", path);
    else if (err)
        rc = tool_error("fs-image get: %s: %s", path, fs_strerror(err));
    FILE *o = NULL;
    if (!rc) {
        o = out ? fopen(out, "wb") : stdout;
        if (!o)
            rc = tool_error("fs-image get: cannot write %s: %s", out,
                            strerror(errno));
    }
    if (!rc) {
        static uint8_t buf[64 * 1024];
        int32_t n;
        while ((n = fs_file_read(&im.fs, &f, buf, sizeof buf)) > 0)
            if (fwrite(buf, 1, (size_t)n, o) != (size_t)n) {
                n = FS_ERR_IO;
                break;
            }
        if (n < 0)
            rc = tool_error("fs-image get: %s: %s", path, fs_strerror(n));
        if (out && fclose(o) != 0 && !rc)
            rc = tool_error("fs-image get: cannot write %s", out);
        if (rc && out)
            remove(out);
    }
    if (!err)
        fs_file_close(&im.fs, &f);
    fs_unmount(&im.fs);
    free(im.mem);
    return rc;
}

static const char fs_image_help[] =
    "usage:\n"
    "  campy-tool fs-image build DIR -o IMAGE --size SIZE [--block-size N]\n"
    "      make a filesystem image holding DIR's files and directories\n"
    "      (SIZE like 2M or 512K; block size 4096 unless given)\n"
    "  campy-tool fs-image ls IMAGE\n"
    "      list everything in an image, with file sizes\n"
    "  campy-tool fs-image get IMAGE PATH [-o OUT]\n"
    "      copy one file out of an image, to OUT or standard output\n";

int tool_fs_image(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        fputs(fs_image_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "build") == 0)
        return cmd_build(argc - 1, argv + 1);
    if (strcmp(argv[1], "ls") == 0)
        return cmd_ls(argc - 1, argv + 1);
    if (strcmp(argv[1], "get") == 0)
        return cmd_get(argc - 1, argv + 1);
    return tool_error("fs-image: unknown subcommand '%s' (build, ls, get)",
                      argv[1]);
}
