/*
 * sim.h - what the parts of the virtual ESP32-CAM share.
 *
 * The process that starts is the ESP32-CAM-MB programmer: the USB-serial
 * adapter (the serial line to the user: terminal, pty or RFC 2217 server)
 * and the power switch. The chip is a child process it forks at each boot
 * and kills or reaps at each reset, so that nothing in RAM survives a
 * reset, as on the board; the flash image and the RTC (kept in memory the
 * two processes share) do. UART0 is a socket pair between the two.
 */
#ifndef CAMPY_SIM_H
#define CAMPY_SIM_H

#include "board/hal.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SIM_FLASH_SIZE (4u * 1024u * 1024u)
#define SIM_BAUD 115200u

/* ---------------------------------------------------------------- side channel */

/* The side channel: lines for the user on stderr, prefixed "campy-board: ".
 * sim_note's (what the programmer sees happen) are dropped with --quiet;
 * sim_say's (errors, where to connect) never are. While the terminal is
 * raw, lines end in CR LF so they start at the left margin. */
extern bool sim_quiet;
extern bool sim_terminal_raw;
void sim_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sim_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---------------------------------------------------------------- byte queues */

/* A FIFO of bytes that grows as needed (the callers bound it). */
typedef struct sim_buf {
    uint8_t *data;
    size_t start, len, cap;
} sim_buf;

void sim_buf_append(sim_buf *b, const void *data, size_t n);
void sim_buf_byte(sim_buf *b, uint8_t c);
void sim_buf_consume(sim_buf *b, size_t n);
void sim_buf_clear(sim_buf *b);
void sim_buf_free(sim_buf *b);
static inline const uint8_t *sim_buf_head(const sim_buf *b) { return b->data + b->start; }

/* ---------------------------------------------------------------- flash image */

/* A partition table entry as the 2nd-stage bootloader reads it. */
typedef struct sim_partition {
    char label[17];
    uint8_t type, subtype;
    uint32_t offset, size, flags;
} sim_partition;

#define SIM_MAX_PARTITIONS 95

typedef struct sim_partition_table {
    sim_partition entries[SIM_MAX_PARTITIONS];
    int count;
} sim_partition_table;

/* Opens (creating when missing) the flash image, locks it against a second
 * board and lays out a blank one. On failure returns -1 with a one-line
 * message that says what to do in `why`. */
int sim_flash_open(const char *path, bool create_dirs, char *why, size_t why_len);
int sim_flash_fd(void);

/* The bootloader's check of the table at 0x8000: 0 and the entries, or -1
 * with the bootloader's error lines (ESP-IDF log format, no timestamps:
 * "flash_parts: ..." and "boot: ..."; several lines separated by '\n') in
 * `why`. */
int sim_partition_table_load(sim_partition_table *table, char *why, size_t why_len);

/* MD5 (RFC 1321), for the partition table's checksum entry. */
void sim_md5(const void *data, size_t n, uint8_t digest[16]);

/* ---------------------------------------------------------------- eFuse */

/* The station MAC of the board whose flash image is at `flash_path`: kept
 * in a file next to it (FILE.efuse), made up once with Espressif's OUI. */
void sim_efuse_mac(const char *flash_path, uint8_t mac[6]);

/* ---------------------------------------------------------------- the chip */

/* What survives a reset: the RTC. Lives in memory shared between the
 * programmer and the chip processes. */
typedef struct sim_shared {
    int64_t rtc_offset_us; /* RTC = monotonic clock + offset */
    uint64_t deepsleep_ms; /* set by the chip just before it powers down */
} sim_shared;

/* How the chip process ends, as its exit status: a reset it asked for
 * (SIM_EXIT_RESET + hal_reset_cause) or deep sleep. Anything else is a
 * crash. */
#define SIM_EXIT_RESET 40
#define SIM_EXIT_DEEPSLEEP 50

typedef enum sim_boot_mode {
    SIM_BOOT_FLASH,   /* GPIO0 high at reset: SPI_FAST_FLASH_BOOT */
    SIM_BOOT_DOWNLOAD /* GPIO0 low: the ROM's serial loader */
} sim_boot_mode;

typedef struct sim_chip_config {
    pid_t programmer; /* the process the chip dies with */
    bool psram;
    uint8_t mac[6];
    sim_shared *shared;
} sim_chip_config;

/* The ESP32's reset reason register for a cause (the rst:0x.. line). */
int sim_rom_reset_code(hal_reset_cause cause);

/* Runs the chip in this (freshly forked) process: UART0 is `uart_fd`. The
 * ROM lines, the bootloader, then brd_main on its task. Never returns. */
_Noreturn void sim_chip_run(int uart_fd, const sim_chip_config *config, hal_reset_cause cause,
                            sim_boot_mode mode);

/* ---------------------------------------------------------------- time */

uint64_t sim_monotonic_us(void);
int64_t sim_host_rtc_us(void); /* the host's clock, in microseconds since 2000 */

#endif
