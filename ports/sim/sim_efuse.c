/*
 * sim_efuse.c - the board's identity. On the chip the MAC address is burnt
 * into eFuse; the virtual board keeps it in a small text file next to its
 * flash image (FILE.efuse, one line "mac xx:xx:xx:xx:xx:xx"), made up the
 * first time with Espressif's OUI 24:0A:C4. Erasing or rewriting the flash
 * leaves it alone, as on the chip; copying the image without it gives a new
 * board.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64 /* and a 64-bit time_t on 32-bit builds */
#define _TIME_BITS 64
#include "ports/sim/sim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static bool parse_mac(const char *text, uint8_t mac[6]) {
    unsigned v[6];
    char tail;
    if (sscanf(text, "mac %2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
               &tail) < 6) {
        return false;
    }
    for (int i = 0; i < 6; i++) {
        mac[i] = (uint8_t)v[i];
    }
    return true;
}

/* FNV-1a of the image's path: a MAC that is at least stable per image when
 * the eFuse file cannot be written. */
static void mac_from_path(const char *path, uint8_t mac[6]) {
    uint32_t h = 2166136261u;
    for (const char *p = path; *p; p++) {
        h = (h ^ (uint8_t)*p) * 16777619u;
    }
    mac[3] = (uint8_t)(h >> 16);
    mac[4] = (uint8_t)(h >> 8);
    mac[5] = (uint8_t)h;
}

void sim_efuse_mac(const char *flash_path, uint8_t mac[6]) {
    char path[4200];
    snprintf(path, sizeof(path), "%s.efuse", flash_path);
    mac[0] = 0x24;
    mac[1] = 0x0A;
    mac[2] = 0xC4;
    FILE *f = fopen(path, "r");
    if (f != NULL) {
        char line[100] = "";
        bool ok = fgets(line, sizeof(line), f) != NULL && parse_mac(line, mac);
        fclose(f);
        if (ok) {
            return;
        }
        sim_note("%s is not an eFuse file of this board; it gets a new MAC address", path);
    }
    hal_random(mac + 3, 3);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int err = errno;
    if (fd >= 0) {
        char line[64];
        int n = snprintf(line, sizeof(line), "mac %02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1],
                         mac[2], mac[3], mac[4], mac[5]);
        bool ok = write(fd, line, (size_t)n) == n;
        err = errno;
        if (close(fd) == 0 && ok) {
            return;
        }
        unlink(path);
    }
    sim_note("cannot write %s (%s): the MAC address is made from the image's path", path,
             strerror(err));
    mac_from_path(flash_path, mac);
}
