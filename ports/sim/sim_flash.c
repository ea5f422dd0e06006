/*
 * sim_flash.c - the 4 MiB SPI NOR flash of the virtual board, kept in an
 * image file, and what the 2nd-stage bootloader reads from it.
 *
 * Every write goes straight to the file (pwrite), so a board killed at any
 * moment keeps all that hal_flash_write had finished. Writes only clear
 * bits and erases set whole 4 KiB sectors to 0xFF, as on NOR flash.
 *
 * A missing or blank (all 0xFF) image is laid out the way MicroPython's
 * ESP32 builds lay out a 4 MiB board: Espressif's binary partition table
 * at 0x8000 (nvs, phy_init, factory app, vfs) and an ESP app image header
 * at 0x10000, so that Espressif's tools can read the image.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64 /* and a 64-bit time_t on 32-bit builds */
#define _TIME_BITS 64
#include "ports/sim/sim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define PTABLE_OFFSET 0x8000u
#define PTABLE_MAX_LEN 0xC00u
#define PTABLE_ENTRY 32u
#define PTABLE_MAGIC 0x50AAu /* bytes AA 50 */
#define PTABLE_MD5_MAGIC 0xEBEBu
#define PTABLE_END_MAGIC 0xFFFFu
#define APP_OFFSET 0x10000u
#define APP_IMAGE_MAGIC 0xE9u

enum { PART_APP = 0x00, PART_DATA = 0x01 };
enum { SUB_FACTORY = 0x00, SUB_OTA_MIN = 0x10, SUB_TEST = 0x20 };
enum { SUB_PHY = 0x01, SUB_NVS = 0x02, SUB_FAT = 0x81 };

static int flash_fd = -1;

int sim_flash_fd(void) { return flash_fd; }

static void put_le16(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put_le32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static uint32_t get_le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }

static uint32_t get_le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* ---------------------------------------------------------------- file I/O */

static int read_all(int fd, uint32_t addr, void *buf, size_t n) {
    uint8_t *p = buf;
    while (n > 0) {
        ssize_t got = pread(fd, p, n, (off_t)addr);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            return -EIO; /* an error, or a file someone cut short */
        }
        p += got;
        addr += (uint32_t)got;
        n -= (size_t)got;
    }
    return 0;
}

static int write_all(int fd, uint32_t addr, const void *buf, size_t n) {
    const uint8_t *p = buf;
    while (n > 0) {
        ssize_t put = pwrite(fd, p, n, (off_t)addr);
        if (put < 0 && errno == EINTR) {
            continue;
        }
        if (put <= 0) {
            return -EIO;
        }
        p += put;
        addr += (uint32_t)put;
        n -= (size_t)put;
    }
    return 0;
}

/* ---------------------------------------------------------------- the HAL */

static bool out_of_chip(uint32_t addr, size_t n) {
    return addr > SIM_FLASH_SIZE || n > SIM_FLASH_SIZE - addr;
}

uint32_t hal_flash_size(void) { return SIM_FLASH_SIZE; }

int hal_flash_read(uint32_t addr, void *buf, size_t n) {
    if (out_of_chip(addr, n)) {
        return -EINVAL;
    }
    return read_all(flash_fd, addr, buf, n);
}

int hal_flash_write(uint32_t addr, const void *buf, size_t n) {
    if (out_of_chip(addr, n)) {
        return -EINVAL;
    }
    const uint8_t *data = buf;
    uint8_t cells[512];
    while (n > 0) {
        size_t chunk = n < sizeof(cells) ? n : sizeof(cells);
        int err = read_all(flash_fd, addr, cells, chunk);
        if (err != 0) {
            return err;
        }
        for (size_t i = 0; i < chunk; i++) {
            cells[i] &= data[i]; /* a program pulse only clears bits */
        }
        err = write_all(flash_fd, addr, cells, chunk);
        if (err != 0) {
            return err;
        }
        addr += (uint32_t)chunk;
        data += chunk;
        n -= chunk;
    }
    return 0;
}

int hal_flash_erase(uint32_t addr, size_t n) {
    if (out_of_chip(addr, n) || addr % HAL_FLASH_SECTOR != 0 || n % HAL_FLASH_SECTOR != 0) {
        return -EINVAL;
    }
    uint8_t erased[HAL_FLASH_SECTOR];
    memset(erased, 0xFF, sizeof(erased));
    for (size_t done = 0; done < n; done += HAL_FLASH_SECTOR) {
        int err = write_all(flash_fd, addr + (uint32_t)done, erased, sizeof(erased));
        if (err != 0) {
            return err;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- a new image */

static void table_entry(uint8_t *e, uint8_t type, uint8_t subtype, uint32_t offset, uint32_t size,
                        const char *label) {
    memset(e, 0, PTABLE_ENTRY);
    put_le16(e, PTABLE_MAGIC);
    e[2] = type;
    e[3] = subtype;
    put_le32(e + 4, offset);
    put_le32(e + 8, size);
    memcpy(e + 12, label, strlen(label)); /* NUL-padded to 16 bytes */
}

/* The table MicroPython's ESP32 builds use on a 4 MiB flash. */
static void default_table(uint8_t table[PTABLE_MAX_LEN]) {
    memset(table, 0xFF, PTABLE_MAX_LEN);
    uint8_t *e = table;
    table_entry(e, PART_DATA, SUB_NVS, 0x9000, 0x6000, "nvs");
    table_entry(e += PTABLE_ENTRY, PART_DATA, SUB_PHY, 0xF000, 0x1000, "phy_init");
    table_entry(e += PTABLE_ENTRY, PART_APP, SUB_FACTORY, APP_OFFSET, 0x1F0000, "factory");
    table_entry(e += PTABLE_ENTRY, PART_DATA, SUB_FAT, 0x200000, 0x200000, "vfs");
    e += PTABLE_ENTRY;
    /* the checksum entry: magic, 14 bytes 0xFF, MD5 of the entries before */
    put_le16(e, PTABLE_MD5_MAGIC);
    sim_md5(table, (size_t)(e - table), e + 16);
}

/* An ESP app image (Espressif's format) with one DROM segment holding the
 * app description, so that image tools see a valid firmware header. The
 * firmware itself is this program, not bytes in the flash. */
static size_t app_image(uint8_t *img, size_t cap) {
    enum { HEADER = 24, SEGMENT_HEADER = 8, APP_DESC = 256 };
    if (cap < HEADER + SEGMENT_HEADER + APP_DESC + 16) {
        return 0;
    }
    memset(img, 0, cap);
    img[0] = APP_IMAGE_MAGIC;
    img[1] = 1;                     /* segments */
    img[2] = 2;                     /* SPI mode DIO */
    img[3] = 0x20;                  /* 4 MB flash, 40 MHz */
    put_le32(img + 4, 0x40080000u); /* entry address: IRAM */
    img[8] = 0xEE;                  /* WP pin: not used */
    /* chip id 0 (ESP32), minimum revision 0, no hash appended */
    uint8_t *seg = img + HEADER;
    put_le32(seg, 0x3F400020u); /* DROM, where the app description lives */
    put_le32(seg + 4, APP_DESC);
    uint8_t *desc = seg + SEGMENT_HEADER;
    put_le32(desc, 0xABCD5432u);          /* esp_app_desc_t magic */
    memcpy(desc + 16, "campy", 5);        /* version[32] */
    memcpy(desc + 48, "campy-board", 11); /* project_name[32] */
    size_t end = HEADER + SEGMENT_HEADER + APP_DESC;
    uint8_t checksum = 0xEF;
    for (size_t i = 0; i < APP_DESC; i++) {
        checksum ^= desc[i];
    }
    /* the checksum is the last byte of the image padded to 16 bytes */
    size_t padded = (end + 1 + 15) / 16 * 16;
    img[padded - 1] = checksum;
    return padded;
}

static int lay_out_blank(int fd) {
    uint8_t table[PTABLE_MAX_LEN];
    default_table(table);
    uint8_t app[320];
    size_t app_len = app_image(app, sizeof(app));
    if (write_all(fd, PTABLE_OFFSET, table, sizeof(table)) != 0 ||
        write_all(fd, APP_OFFSET, app, app_len) != 0) {
        return -1;
    }
    fdatasync(fd);
    return 0;
}

/* The contents of a chip straight from the factory: all 0xFF. */
static int fill_erased(int fd) {
    uint8_t erased[64 * 1024];
    memset(erased, 0xFF, sizeof(erased));
    for (uint32_t a = 0; a < SIM_FLASH_SIZE; a += sizeof(erased)) {
        if (write_all(fd, a, erased, sizeof(erased)) != 0) {
            return -1;
        }
    }
    return 0;
}

static int is_blank(int fd, bool *blank) {
    uint8_t chunk[64 * 1024];
    *blank = false;
    for (uint32_t a = 0; a < SIM_FLASH_SIZE; a += sizeof(chunk)) {
        if (read_all(fd, a, chunk, sizeof(chunk)) != 0) {
            return -1;
        }
        for (size_t i = 0; i < sizeof(chunk); i++) {
            if (chunk[i] != 0xFF) {
                return 0;
            }
        }
    }
    *blank = true;
    return 0;
}

/* mkdir -p for the folder holding `path` (the default image's folder). */
static void make_parent_dirs(const char *path) {
    char dir[4096];
    size_t n = strlen(path);
    if (n >= sizeof(dir)) {
        return;
    }
    memcpy(dir, path, n + 1);
    char *slash = strrchr(dir, '/');
    if (slash == NULL || slash == dir) {
        return;
    }
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0755);
            *p = '/';
        }
    }
    mkdir(dir, 0755);
}

int sim_flash_open(const char *path, bool create_dirs, char *why, size_t why_len) {
    if (create_dirs) {
        make_parent_dirs(path);
    }
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        int e = errno;
        const char *hint =
            e == ENOENT   ? "does its folder exist?"
            : e == EISDIR ? "that is a folder; give a file with --flash FILE"
            : e == EACCES || e == EROFS
                ? "the board needs to write it; choose another file with --flash FILE"
                : "choose another file with --flash FILE";
        snprintf(why, why_len, "cannot open the flash image %s: %s (%s)", path, strerror(e), hint);
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, why_len,
                 "the flash image %s is not a regular file; give a file with "
                 "--flash FILE",
                 path);
        close(fd);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        snprintf(why, why_len,
                 "the flash image %s is in use by another campy-board; stop it or "
                 "give another file with --flash FILE",
                 path);
        close(fd);
        return -1;
    }
    if (st.st_size == 0) {
        if (fill_erased(fd) != 0) {
            snprintf(why, why_len, "cannot write the new flash image %s: %s", path,
                     strerror(errno));
            close(fd);
            return -1;
        }
    } else if (st.st_size != (off_t)SIM_FLASH_SIZE) {
        snprintf(why, why_len,
                 "%s is %lld bytes, not a 4 MiB flash image; it is left as it is "
                 "(give another file with --flash FILE)",
                 path, (long long)st.st_size);
        close(fd);
        return -1;
    }
    bool blank;
    if (is_blank(fd, &blank) != 0) {
        snprintf(why, why_len, "cannot read the flash image %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (blank && lay_out_blank(fd) != 0) {
        snprintf(why, why_len, "cannot write the partition table into %s: %s", path,
                 strerror(errno));
        close(fd);
        return -1;
    }
    flash_fd = fd;
    return 0;
}

/* ---------------------------------------------------------------- the bootloader's view */

static sim_partition_table boot_table;
static bool boot_table_loaded;

/* The checks of ESP-IDF's esp_partition_table_verify, with its messages. */
static int verify_table(const uint8_t *raw, sim_partition_table *table, char *why, size_t why_len) {
    bool md5_seen = false;
    table->count = 0;
    for (uint32_t i = 0; i < PTABLE_MAX_LEN / PTABLE_ENTRY; i++) {
        const uint8_t *e = raw + i * PTABLE_ENTRY;
        uint32_t magic = get_le16(e);
        if (magic == PTABLE_END_MAGIC) {
            return 0;
        }
        if (magic == PTABLE_MD5_MAGIC) {
            uint8_t digest[16];
            sim_md5(raw, i * PTABLE_ENTRY, digest);
            if (md5_seen) {
                snprintf(why, why_len, "flash_parts: Only one MD5 checksum is allowed");
                return -1;
            }
            if (memcmp(digest, e + 16, 16) != 0) {
                snprintf(why, why_len, "flash_parts: Incorrect MD5 checksum");
                return -1;
            }
            md5_seen = true;
            continue;
        }
        if (magic != PTABLE_MAGIC) {
            snprintf(why, why_len, "flash_parts: partition %u invalid magic number 0x%x",
                     (unsigned)i, (unsigned)magic);
            return -1;
        }
        uint32_t offset = get_le32(e + 4), size = get_le32(e + 8);
        if (offset > SIM_FLASH_SIZE || size > SIM_FLASH_SIZE - offset) {
            snprintf(why, why_len,
                     "flash_parts: partition %u invalid - offset 0x%x size 0x%x "
                     "exceeds flash chip size 0x%x",
                     (unsigned)i, (unsigned)offset, (unsigned)size, SIM_FLASH_SIZE);
            return -1;
        }
        sim_partition *p = &table->entries[table->count++];
        memcpy(p->label, e + 12, 16);
        p->label[16] = '\0';
        p->type = e[2];
        p->subtype = e[3];
        p->offset = offset;
        p->size = size;
        p->flags = get_le32(e + 28);
    }
    snprintf(why, why_len, "flash_parts: partition table has no terminating entry, not valid");
    return -1;
}

/* The app the bootloader would start: the factory app, else the first OTA
 * or test app. */
static const sim_partition *boot_app(const sim_partition_table *table) {
    const sim_partition *found = NULL;
    for (int i = 0; i < table->count; i++) {
        const sim_partition *p = &table->entries[i];
        if (p->type != PART_APP) {
            continue;
        }
        if (p->subtype == SUB_FACTORY) {
            return p;
        }
        if (found == NULL && p->subtype >= SUB_OTA_MIN && p->subtype <= SUB_TEST) {
            found = p;
        }
    }
    return found;
}

int sim_partition_table_load(sim_partition_table *table, char *why, size_t why_len) {
    uint8_t raw[PTABLE_MAX_LEN];
    if (read_all(flash_fd, PTABLE_OFFSET, raw, sizeof(raw)) != 0) {
        snprintf(why, why_len,
                 "boot: bootloader_mmap(0x%x, 0x%x) failed\n"
                 "boot: load partition table error!",
                 PTABLE_OFFSET, PTABLE_MAX_LEN);
        return -1;
    }
    char detail[200];
    if (verify_table(raw, table, detail, sizeof(detail)) != 0) {
        snprintf(why, why_len,
                 "%s\nboot: Failed to verify partition table\n"
                 "boot: load partition table error!",
                 detail);
        return -1;
    }
    const sim_partition *app = boot_app(table);
    if (app == NULL) {
        snprintf(why, why_len, "boot: No bootable app partitions in the partition table");
        return -1;
    }
    uint8_t magic = 0;
    if (read_all(flash_fd, app->offset, &magic, 1) != 0 || magic != APP_IMAGE_MAGIC) {
        snprintf(why, why_len,
                 "esp_image: image at 0x%x has invalid magic byte (nothing "
                 "flashed here?)\nboot: Factory app partition is not bootable\n"
                 "boot: No bootable app partitions in the partition table",
                 (unsigned)app->offset);
        return -1;
    }
    boot_table = *table;
    boot_table_loaded = true;
    return 0;
}

bool hal_partition_find(const char *label, uint32_t *offset, uint32_t *size) {
    if (!boot_table_loaded || label == NULL) {
        return false;
    }
    for (int i = 0; i < boot_table.count; i++) {
        const sim_partition *p = &boot_table.entries[i];
        if (strcmp(p->label, label) == 0) {
            *offset = p->offset;
            *size = p->size;
            return true;
        }
    }
    return false;
}
