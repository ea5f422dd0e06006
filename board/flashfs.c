/*
 * flashfs.c - the filesystem on the flash: a block device over the "vfs"
 * partition (hal_flash_*), mounted at "/" as a littlefs v2 volume (os.VfsLfs2)
 * at each boot, and the flashbdev module that gives Python that device.
 *
 * A blank partition (every byte 0xFF: a new board, or an erased flash) is
 * formatted and given a boot.py. A partition that does not mount and is not
 * blank holds somebody's data: it is never formatted. The board says so and
 * runs without a filesystem, the data kept for recovery.
 */
#include <string.h>

#include "brd.h"
#include "lib/vfs.h"

#define TAG "vfs"
#define BLOCK HAL_FLASH_SECTOR
#define PROG_SIZE 256 /* the flash's page: as MicroPython's ESP32 port mounts it */

static uint32_t part_offset, part_size;

static bool in_partition(uint32_t block, uint32_t offset, uint32_t size) {
    uint64_t end = (uint64_t)block * BLOCK + offset + size;
    return end <= part_size;
}

static int bd_read(void *ctx, uint32_t block, uint32_t offset, void *buf, uint32_t size) {
    (void)ctx;
    if (!in_partition(block, offset, size)) {
        return -22; /* EINVAL */
    }
    return hal_flash_read(part_offset + block * BLOCK + offset, buf, size);
}

static int bd_prog(void *ctx, uint32_t block, uint32_t offset, const void *buf, uint32_t size) {
    (void)ctx;
    if (!in_partition(block, offset, size)) {
        return -22;
    }
    int err = hal_flash_write(part_offset + block * BLOCK + offset, buf, size);
    if (err != 0) {
        brd_log(BRD_LOG_ERROR, TAG, "writing block %u failed (%d)", (unsigned)block, err);
    }
    return err;
}

static int bd_erase(void *ctx, uint32_t block) {
    (void)ctx;
    if (!in_partition(block, 0, BLOCK)) {
        return -22;
    }
    brd_log(BRD_LOG_VERBOSE, TAG, "erase block %u (flash 0x%x)", (unsigned)block,
            (unsigned)(part_offset + block * BLOCK));
    int err = hal_flash_erase(part_offset + block * BLOCK, BLOCK);
    if (err != 0) {
        brd_log(BRD_LOG_ERROR, TAG, "erasing block %u failed (%d)", (unsigned)block, err);
    }
    return err;
}

static py_blockdev_ops flash_ops = {bd_read, bd_prog, bd_erase, NULL, BLOCK, 0};

/* ---------------------------------------------------------------- mounting */

/* VfsLfs2(bdev, progsize=256) mounted at "/"; 0, or the errno of the
 * failure (*exc gets the exception for the message). */
static int mount_volume(py_val bdev, py_val *exc) {
    py_nlr nlr;
    py_try(nlr) {
        py_val args[3] = {bdev, PY_QSTR(Q_progsize), PY_SMALL(PROG_SIZE)};
        py_val fs = py_call(PY_OBJ(&py_type_vfs_lfs2), 1, 1, args);
        py_vfs_mount(fs, "/", false);
        py_nlr_pop();
        return 0;
    } else {
        *exc = nlr.exc;
        py_val arg = py_exc_arg0(nlr.exc);
        return py_is_small(arg) ? (int)py_small_value(arg) : 5 /* EIO */;
    }
}

static bool format_volume(py_val bdev, py_val *exc) {
    py_nlr nlr;
    py_try(nlr) {
        py_val args[3] = {bdev, PY_QSTR(Q_progsize), PY_SMALL(PROG_SIZE)};
        py_call(py_getattr(PY_OBJ(&py_type_vfs_lfs2), Q_mkfs), 1, 1, args);
        py_nlr_pop();
        return true;
    } else {
        *exc = nlr.exc;
        return false;
    }
}

/* 1: every byte is 0xFF; 0: data (or the flash could not be read, which
 * is no reason to erase it either). */
static int partition_is_blank(void) {
    uint8_t chunk[512];
    for (uint32_t at = 0; at < part_size; at += sizeof(chunk)) {
        uint32_t n = part_size - at < sizeof(chunk) ? part_size - at : (uint32_t)sizeof(chunk);
        if (hal_flash_read(part_offset + at, chunk, n) != 0) {
            return 0;
        }
        for (uint32_t i = 0; i < n; i++) {
            if (chunk[i] != 0xff) {
                return 0;
            }
        }
    }
    return 1;
}

static void print_exception_line(py_val exc) {
    py_nlr nlr;
    py_try(nlr) {
        py_printf(&py_print_stdout, "  (%T: %v)\n", exc, exc);
        py_nlr_pop();
    } else {
        /* the reason could not be shown; the message around it stands */
    }
}

static bool initial_setup(py_val bdev) {
    brd_console_printf("Performing initial setup\n");
    py_val exc = PY_NULL;
    if (!format_volume(bdev, &exc) || mount_volume(bdev, &exc) != 0) {
        brd_log(BRD_LOG_ERROR, TAG, "formatting the blank partition failed");
        brd_console_printf("The flash could not be formatted: the board runs without a "
                           "filesystem.\n");
        print_exception_line(exc);
        return false;
    }
    size_t len;
    const char *boot = brd_frozen_text("template_boot.py", &len);
    if (boot != NULL) {
        brd_fs_write_if_missing("/boot.py", boot, len);
    }
    brd_log(BRD_LOG_INFO, TAG, "formatted partition \"vfs\" (%u KiB) and wrote /boot.py",
            (unsigned)(part_size / 1024));
    return true;
}

static void refuse_to_format(int err, py_val exc) {
    brd_log(BRD_LOG_ERROR, TAG, "mounting partition \"vfs\" failed (errno %d)", err);
    brd_console_printf(
        "The filesystem on the flash (partition \"vfs\") cannot be mounted and the\n"
        "partition is not blank, so it was left exactly as it is: nothing on it was\n"
        "changed. The board runs without a filesystem.\n");
    print_exception_line(exc);
    brd_console_printf(
        "To save the files, read the flash image with a host tool first. To start\n"
        "afresh, erasing everything on it:\n"
        "  import os, flashbdev; os.VfsLfs2.mkfs(flashbdev.bdev); import machine; "
        "machine.reset()\n");
}

bool brd_fs_mount(void) {
    py_st.extra[BRD_ROOT_FLASH_BDEV] = PY_NONE;
    if (!hal_partition_find("vfs", &part_offset, &part_size)) {
        brd_log(BRD_LOG_ERROR, TAG, "the partition table has no \"vfs\" partition");
        brd_console_printf("No \"vfs\" partition in the partition table: the board runs "
                           "without a filesystem.\n");
        return false;
    }
    if (part_offset % BLOCK != 0 || part_size < 2 * BLOCK ||
        (uint64_t)part_offset + part_size > hal_flash_size()) {
        brd_log(BRD_LOG_ERROR, TAG, "partition \"vfs\" at 0x%x (%u bytes) is unusable",
                (unsigned)part_offset, (unsigned)part_size);
        brd_console_printf("The \"vfs\" partition is not aligned to the flash's 4 KiB "
                           "sectors or lies outside the flash: the board runs without a "
                           "filesystem.\n");
        return false;
    }
    part_size -= part_size % BLOCK;
    flash_ops.block_count = part_size / BLOCK;
    volatile py_val bdev = PY_NULL;
    py_nlr nlr;
    py_try(nlr) {
        bdev = py_blockdev_new(&flash_ops, NULL);
        py_nlr_pop();
    } else {
        brd_console_printf("Out of memory while mounting the filesystem.\n");
        return false;
    }
    py_st.extra[BRD_ROOT_FLASH_BDEV] = bdev;
    py_val exc = PY_NULL;
    int err = mount_volume(bdev, &exc);
    if (err == 0) {
        brd_log(BRD_LOG_INFO, TAG, "mounted partition \"vfs\" (%u KiB) at /",
                (unsigned)(part_size / 1024));
        return true;
    }
    if (partition_is_blank()) {
        return initial_setup(bdev);
    }
    refuse_to_format(err, exc);
    return false;
}

bool brd_fs_write_if_missing(const char *path, const char *text, size_t len) {
    py_nlr nlr;
    py_try(nlr) {
        if (py_vfs_import_stat(path) != 0) {
            py_nlr_pop();
            return false;
        }
        py_val f = py_vfs_open(py_str_from_cstr(path), PY_QSTR(Q_wb));
        py_val data = py_bytes_new(text, len);
        py_call_method_name(f, Q_write, 1, &data);
        py_call_method_name(f, Q_close, 0, NULL);
        py_nlr_pop();
        return true;
    } else {
        brd_log(BRD_LOG_ERROR, TAG, "could not write %s", path);
        return false;
    }
}

/* ---------------------------------------------------------------- the flashbdev module */

PY_DEFINE_STATE_REF(flashbdev_bdev_ref, extra[BRD_ROOT_FLASH_BDEV]);

static const py_map_entry flashbdev_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_flashbdev)},
    {PY_QSTR(Q_bdev), PY_OBJ(&flashbdev_bdev_ref)},
};
PY_DEFINE_FIXED_DICT(flashbdev_globals, flashbdev_table);
PY_DEFINE_MODULE(brd_module_flashbdev, flashbdev_globals);
PY_REGISTER_MODULE(Q_flashbdev, brd_module_flashbdev);
