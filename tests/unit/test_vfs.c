/*
 * test_vfs.c - tests of what a port uses of the OS modules from C (lib/vfs.h):
 * a block device written in C under VfsLfs2, mounting from C, the import
 * helpers, unmounting everything at a soft reset, streams read and written
 * from C, and the modules without any port hooks.
 *
 * Usage: test_vfs [results-file]; one PASS/FAIL line per case there (stdout
 * when absent), details of failures on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/vfs.h"
#include "py/campy.h"

static FILE *results;
static int n_passed, n_failed;

static void report(const char *name, bool ok, const char *detail) {
    fprintf(results, "%s %s\n", ok ? "PASS" : "FAIL", name);
    if (ok) {
        n_passed++;
    } else {
        n_failed++;
        fprintf(stderr, "FAIL %s: %s\n", name, detail);
    }
}

/* ---- output capture */

static char out_buf[1 << 14];
static size_t out_len;

static void capture(const char *s, size_t n) {
    if (n > sizeof(out_buf) - 1 - out_len) {
        n = sizeof(out_buf) - 1 - out_len;
    }
    memcpy(out_buf + out_len, s, n);
    out_len += n;
    out_buf[out_len] = '\0';
}

/* Runs src in globals; returns what it printed (an escaping exception is
 * printed after "EXC "). */
static const char *run(const char *src, py_val globals) {
    out_len = 0;
    out_buf[0] = '\0';
    py_nlr nlr;
    py_try(nlr) {
        py_exec_str(src, strlen(src), py_qstr_from_cstr("test.py"), PY_INPUT_FILE, globals,
                    globals);
        py_nlr_pop();
    }
    else {
        capture("EXC ", 4);
        py_print_exception(&py_print_stdout, nlr.exc);
    }
    return out_buf;
}

static void check_run(const char *name, const char *src, py_val globals, const char *want) {
    const char *got = run(src, globals);
    bool ok = strcmp(got, want) == 0;
    char detail[sizeof(out_buf) + 256];
    snprintf(detail, sizeof(detail), "\n--- expected\n%s--- got\n%s---", want, got);
    report(name, ok, detail);
}

/* ---- a flash chip in RAM */

#define FLASH_BLOCK 512
#define FLASH_BLOCKS 64
#define FLASH_PROG 16

typedef struct flash {
    uint8_t bytes[FLASH_BLOCK * FLASH_BLOCKS];
    int reads, progs, erases, syncs, misaligned, not_erased;
    int fail_erase; /* erase returns this when non-zero */
} flash;

static flash chip;

static int flash_read(void *ctx, uint32_t block, uint32_t offset, void *buf, uint32_t size) {
    flash *f = ctx;
    f->reads++;
    if (block >= FLASH_BLOCKS || offset + size > FLASH_BLOCK) {
        return -22;
    }
    memcpy(buf, f->bytes + block * FLASH_BLOCK + offset, size);
    return 0;
}

static int flash_prog(void *ctx, uint32_t block, uint32_t offset, const void *buf, uint32_t size) {
    flash *f = ctx;
    f->progs++;
    if (block >= FLASH_BLOCKS || offset + size > FLASH_BLOCK) {
        return -22;
    }
    if (offset % FLASH_PROG || size % FLASH_PROG) {
        f->misaligned++;
    }
    uint8_t *p = f->bytes + block * FLASH_BLOCK + offset;
    for (uint32_t i = 0; i < size; i++) {
        if (p[i] != 0xff) {
            f->not_erased++;
        }
        p[i] &= ((const uint8_t *)buf)[i]; /* flash only clears bits */
    }
    return 0;
}

static int flash_erase(void *ctx, uint32_t block) {
    flash *f = ctx;
    f->erases++;
    if (f->fail_erase) {
        return f->fail_erase;
    }
    if (block >= FLASH_BLOCKS) {
        return -22;
    }
    memset(f->bytes + block * FLASH_BLOCK, 0xff, FLASH_BLOCK);
    return 0;
}

static int flash_sync(void *ctx) {
    ((flash *)ctx)->syncs++;
    return 0;
}

static const py_blockdev_ops flash_ops = {flash_read, flash_prog,  flash_erase,
                                          flash_sync, FLASH_BLOCK, FLASH_BLOCKS};

/* ---- the cases */

static py_val new_globals(void) { return py_module_globals(py_module_new(py_qstr_from_cstr("t"))); }

static void test_no_hooks(void) {
    py_val g = new_globals();
    check_run("no_mounts",
              "import os\ntry:\n    open('x')\nexcept OSError as e:\n    print(e)\n"
              "print(os.listdir('/'), os.getcwd())\n",
              g, "[Errno 2] ENOENT\n[] /\n");
    check_run("no_posix_hooks",
              "import os\ntry:\n    os.VfsPosix('.')\nexcept OSError as e:\n    print(e)\n"
              "try:\n    os.urandom(4)\nexcept OSError as e:\n    print(e)\n",
              g, "[Errno 19] ENODEV\n[Errno 19] ENODEV\n");
    check_run("fallback_clock",
              "import time\nt = time.ticks_ms()\ntime.sleep_ms(5)\n"
              "print(5 <= time.ticks_diff(time.ticks_ms(), t) < 1000, time.time() > 1.6e9)\n",
              g, "True True\n");
}

static void test_c_blockdev(void) {
    memset(chip.bytes, 0xff, sizeof(chip.bytes));
    py_val g = new_globals();
    py_dict_store(g, PY_QSTR(py_qstr_from_cstr("flash")), py_blockdev_new(&flash_ops, &chip));
    check_run("blockdev_methods",
              "print(flash.ioctl(4, 0), flash.ioctl(5, 0))\n"
              "b = bytearray(16)\nflash.readblocks(1, b, 16)\nprint(b[:4])\n"
              "flash.writeblocks(2, b'\\x00' * 16, 32)\nflash.readblocks(2, b, 32)\nprint(b[:2])\n"
              "flash.writeblocks(2, bytes(512))\nflash.readblocks(2, b, 32)\nprint(b[:2])\n"
              "flash.ioctl(6, 2)\nflash.readblocks(2, b)\nprint(b[:2])\n"
              "try:\n    flash.readblocks(64, b)\nexcept ValueError:\n    print('ValueError')\n",
              g,
              "64 512\nbytearray(b'\\xff\\xff\\xff\\xff')\nbytearray(b'\\x00\\x00')\n"
              "bytearray(b'\\x00\\x00')\nbytearray(b'\\xff\\xff')\nValueError\n");
    check_run("blockdev_lfs",
              "import os\nos.VfsLfs2.mkfs(flash, progsize=16, readsize=16)\n"
              "fs = os.VfsLfs2(flash, progsize=16, readsize=16)\nos.mount(fs, '/flash')\n"
              "with open('/flash/main.py', 'w') as f:\n    f.write('print(\"hi\")\\n')\n"
              "os.mkdir('/flash/lib')\nkeep = open('/flash/lib/log.txt', 'w')\n"
              "keep.write('unflushed')\nprint(sorted(os.listdir('/flash')))\n",
              g, "['lib', 'main.py']\n");
    char detail[128];
    snprintf(detail, sizeof(detail), "%d misaligned programs, %d programs of unerased bytes",
             chip.misaligned, chip.not_erased);
    report("blockdev_alignment", chip.misaligned == 0 && chip.not_erased == 0, detail);

    int kind_file = py_vfs_import_stat("/flash/main.py");
    int kind_dir = py_vfs_import_stat("/flash/lib");
    int kind_missing = py_vfs_import_stat("/flash/nope.py");
    int kind_unmounted = py_vfs_import_stat("/elsewhere/x.py");
    snprintf(detail, sizeof(detail), "%d %d %d %d", kind_file, kind_dir, kind_missing,
             kind_unmounted);
    report("import_stat",
           kind_file == 1 && kind_dir == 2 && kind_missing == 0 && kind_unmounted == 0, detail);
    py_val data = py_vfs_read_file("/flash/main.py");
    size_t n = 0;
    const char *s = data == PY_NULL ? "" : py_str_data(data, &n);
    report("read_file", data != PY_NULL && n == 12 && memcmp(s, "print(\"hi\")\n", 12) == 0,
           "content differs");
    report("read_file_missing", py_vfs_read_file("/flash/nope.py") == PY_NULL, "not NULL");

    /* a soft reset: everything unmounted, open files written out */
    int syncs = chip.syncs;
    py_vfs_umount_all();
    report("umount_all_syncs", chip.syncs > syncs, "no sync at umount");
    check_run("umount_all_empties", "import os\nprint(os.mount(), os.getcwd())\n", g, "[] /\n");
    py_vfs_mount(py_blockdev_new(&flash_ops, &chip), "/", false);
    check_run("remount_from_c",
              "import os\nprint(sorted(os.listdir()), open('/lib/log.txt').read())\n"
              "print(open('main.py').read(), end='')\n",
              g, "['lib', 'main.py'] unflushed\nprint(\"hi\")\n");

    /* device errors become OSError */
    chip.fail_erase = -5;
    check_run("device_error",
              "try:\n    with open('/big', 'wb') as f:\n        f.write(bytes(4000))\n"
              "except OSError as e:\n    print(e)\n",
              g, "[Errno 5] EIO\n");
    chip.fail_erase = 0;
    py_vfs_umount_all();
}

/* Python streams read and written from C. */
static void test_streams(void) {
    py_val g = new_globals();
    run("import io\ns = io.StringIO('abc')\n", g);
    py_val s = py_dict_get(g, PY_QSTR(py_qstr_from_cstr("s")));
    char buf[8] = {0};
    size_t got = py_stream_read(s, buf, 2);
    py_stream_write(s, "XY", 2);
    report("stream_rw_stringio", got == 2 && memcmp(buf, "ab", 2) == 0, buf);
    check_run("stream_rw_result", "print(s.getvalue())\n", g, "abXY\n");
    report("stream_poll", py_stream_poll(s, PY_POLL_IN | PY_POLL_OUT) == (PY_POLL_IN | PY_POLL_OUT),
           "not ready");
    out_len = 0;
    py_stream_write(PY_SYS_STDIO(1), "to stdout", 9);
    report("stream_stdout", strcmp(out_buf, "to stdout") == 0, out_buf);
    check_run("dupterm_from_c", "import os\nos.dupterm(s, 1)\n", g, "");
    report("dupterm_get", py_os_dupterm_get(1) == s && py_os_dupterm_get(0) == PY_NONE,
           "slot differs");
}

int main(int argc, char **argv) {
    results = argc > 1 ? fopen(argv[1], "w") : stdout;
    if (results == NULL) {
        perror(argv[1]);
        return 1;
    }
    size_t heap_size = 4 << 20;
    void *heap = malloc(heap_size);
    if (heap == NULL) {
        return 1;
    }
    int stack_top;
    py_stack_set_top(&stack_top);
    py_stack_set_limit(256 * 1024);
    py_gc_init();
    py_gc_add_region(heap, heap_size);
    py_port_hooks.write_stdout = capture;
    py_port_hooks.write_stderr = capture;
    py_init();

    test_no_hooks();
    test_c_blockdev();
    test_streams();

    py_deinit();
    free(heap);
    fprintf(stderr, "test_vfs: %d passed, %d failed\n", n_passed, n_failed);
    if (results != stdout) {
        fclose(results);
    }
    return 0;
}
