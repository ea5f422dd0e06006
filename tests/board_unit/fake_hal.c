/*
 * fake_hal.c - a plain implementation of board/hal.h for testing the
 * firmware without the virtual board's port: UART0 is standard input and
 * output (pipes are fine), the flash is an image file, resets start the
 * program again with the reset cause on its command line.
 *
 * usage: fake_board FLASH_IMAGE [--no-psram] [--no-vfs] [--cause N]
 *
 * A missing image is created blank (all 0xFF). The partition table is not
 * read: "vfs" is at 0x200000, 2 MiB, as on the board. The end of standard
 * input powers the board off (exit status 0). Lines for the test, not the
 * board, go to standard error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "board/hal.h"

#define FLASH_SIZE (4u * 1024 * 1024)
#define INTERNAL_RAM (120 * 1024)
#define PSRAM_SIZE (4u * 1024 * 1024)
#define RX_SIZE 65536

static int flash_fd = -1;
static char **saved_argv;
static bool no_psram, no_vfs;
static uint64_t start_us;

static uint8_t rx[RX_SIZE];
static size_t rx_head, rx_len;
static bool rx_eof, interrupted;
static int interrupt_char = -1;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rx_cond; /* on the monotonic clock: see main */

static uint64_t wdt_deadline_us, wdt_timeout_us;
static uint32_t cpu_hz = 240000000;

static uint64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* ---------------------------------------------------------------- resets */

_Noreturn static void boot_again(hal_reset_cause cause) {
    fflush(stdout);
    char cause_text[8];
    snprintf(cause_text, sizeof(cause_text), "%d", (int)cause);
    char *args[8];
    int n = 0;
    args[n++] = saved_argv[0];
    args[n++] = saved_argv[1];
    if (no_psram) {
        args[n++] = "--no-psram";
    }
    if (no_vfs) {
        args[n++] = "--no-vfs";
    }
    args[n++] = "--cause";
    args[n++] = cause_text;
    args[n] = NULL;
    fprintf(stderr, "[fake_hal: reset, cause %d]\n", (int)cause);
    execv("/proc/self/exe", args);
    perror("fake_hal: execv");
    _exit(3);
}

_Noreturn void hal_reset(hal_reset_cause cause) { boot_again(cause); }

_Noreturn void hal_deepsleep(uint64_t ms) {
    fprintf(stderr, "[fake_hal: deep sleep %llu ms]\n", (unsigned long long)ms);
    if (ms > 60000) {
        fprintf(stderr, "[fake_hal: powered off]\n");
        exit(0);
    }
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
    boot_again(HAL_RESET_DEEPSLEEP);
}

static void *wdt_thread(void *arg) {
    (void)arg;
    for (;;) {
        usleep(2000);
        pthread_mutex_lock(&lock);
        bool fired = wdt_timeout_us != 0 && now_us() > wdt_deadline_us;
        pthread_mutex_unlock(&lock);
        if (fired) {
            fprintf(stderr, "[fake_hal: watchdog fired]\n");
            boot_again(HAL_RESET_WDT);
        }
    }
    return NULL;
}

void hal_wdt_start(uint32_t timeout_ms) {
    static bool started;
    pthread_mutex_lock(&lock);
    wdt_timeout_us = (uint64_t)timeout_ms * 1000;
    wdt_deadline_us = now_us() + wdt_timeout_us;
    pthread_mutex_unlock(&lock);
    if (!started) {
        pthread_t t;
        pthread_create(&t, NULL, wdt_thread, NULL);
        started = true;
    }
}

void hal_wdt_feed(void) {
    pthread_mutex_lock(&lock);
    wdt_deadline_us = now_us() + wdt_timeout_us;
    pthread_mutex_unlock(&lock);
}

/* ---------------------------------------------------------------- UART0 */

static void *rx_thread(void *arg) {
    (void)arg;
    for (;;) {
        uint8_t buf[512];
        ssize_t n = read(0, buf, sizeof(buf));
        pthread_mutex_lock(&lock);
        if (n <= 0) {
            rx_eof = true;
            pthread_cond_broadcast(&rx_cond);
            pthread_mutex_unlock(&lock);
            return NULL;
        }
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == interrupt_char && interrupt_char >= 0) {
                interrupted = true;
                brd_uart_interrupt();
                continue;
            }
            if (rx_len < RX_SIZE) {
                rx[(rx_head + rx_len++) % RX_SIZE] = buf[i];
            }
        }
        pthread_cond_broadcast(&rx_cond);
        pthread_mutex_unlock(&lock);
    }
}

static void wait_rx(uint64_t deadline_us) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t now = now_us();
    uint64_t left = deadline_us > now ? deadline_us - now : 0;
    ts.tv_sec += (time_t)(left / 1000000);
    ts.tv_nsec += (long)(left % 1000000) * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&rx_cond, &lock, &ts);
}

size_t hal_uart_read(uint8_t *buf, size_t n, int timeout_ms) {
    uint64_t deadline = timeout_ms < 0 ? UINT64_MAX : now_us() + (uint64_t)timeout_ms * 1000;
    pthread_mutex_lock(&lock);
    interrupted = false;
    while (rx_len == 0 && !interrupted) {
        if (rx_eof) {
            pthread_mutex_unlock(&lock);
            fflush(stdout);
            fprintf(stderr, "[fake_hal: input ended, powered off]\n");
            exit(0);
        }
        if (timeout_ms == 0 || now_us() >= deadline) {
            break;
        }
        wait_rx(deadline == UINT64_MAX ? now_us() + 1000000 : deadline);
    }
    size_t got = 0;
    while (got < n && rx_len > 0) {
        buf[got++] = rx[rx_head];
        rx_head = (rx_head + 1) % RX_SIZE;
        rx_len--;
    }
    pthread_mutex_unlock(&lock);
    return got;
}

size_t hal_uart_rx_waiting(void) {
    pthread_mutex_lock(&lock);
    size_t n = rx_len;
    pthread_mutex_unlock(&lock);
    return n;
}

void hal_uart_write(const uint8_t *buf, size_t n) {
    while (n > 0) {
        ssize_t w = write(1, buf, n);
        if (w <= 0) {
            if (w < 0 && errno == EINTR) {
                continue;
            }
            exit(0); /* nobody listens any more */
        }
        buf += w;
        n -= (size_t)w;
    }
}

void hal_uart_set_interrupt_char(int c) {
    pthread_mutex_lock(&lock);
    interrupt_char = c;
    pthread_mutex_unlock(&lock);
}

/* ---------------------------------------------------------------- time */

uint64_t hal_ticks_us(void) { return now_us() - start_us; }

void hal_wait_us(uint64_t us) {
    uint64_t deadline = now_us() + us;
    pthread_mutex_lock(&lock);
    interrupted = false;
    while (rx_len == 0 && !interrupted && !rx_eof && now_us() < deadline) {
        wait_rx(deadline);
    }
    pthread_mutex_unlock(&lock);
}

int64_t hal_rtc_get_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ((int64_t)ts.tv_sec - 946684800) * 1000000 + ts.tv_nsec / 1000;
}

void hal_rtc_set_us(int64_t us) { (void)us; }

uint32_t hal_cpu_freq_get(void) { return cpu_hz; }

bool hal_cpu_freq_set(uint32_t hz) {
    if (hz != 80000000 && hz != 160000000 && hz != 240000000) {
        return false;
    }
    cpu_hz = hz;
    return true;
}

/* ---------------------------------------------------------------- flash */

uint32_t hal_flash_size(void) { return FLASH_SIZE; }

static bool flash_range(uint32_t addr, size_t n) {
    return n <= FLASH_SIZE && addr <= FLASH_SIZE - n;
}

int hal_flash_read(uint32_t addr, void *buf, size_t n) {
    if (!flash_range(addr, n)) {
        return -EINVAL;
    }
    return pread(flash_fd, buf, n, addr) == (ssize_t)n ? 0 : -EIO;
}

int hal_flash_write(uint32_t addr, const void *buf, size_t n) {
    if (!flash_range(addr, n)) {
        return -EINVAL;
    }
    uint8_t old[256];
    const uint8_t *src = buf;
    while (n > 0) {
        size_t k = n < sizeof(old) ? n : sizeof(old);
        if (pread(flash_fd, old, k, addr) != (ssize_t)k) {
            return -EIO;
        }
        for (size_t i = 0; i < k; i++) {
            old[i] &= src[i]; /* NOR flash: a write only clears bits */
        }
        if (pwrite(flash_fd, old, k, addr) != (ssize_t)k) {
            return -EIO;
        }
        addr += (uint32_t)k;
        src += k;
        n -= k;
    }
    return 0;
}

int hal_flash_erase(uint32_t addr, size_t n) {
    if (!flash_range(addr, n) || addr % HAL_FLASH_SECTOR || n % HAL_FLASH_SECTOR) {
        return -EINVAL;
    }
    uint8_t ff[HAL_FLASH_SECTOR];
    memset(ff, 0xff, sizeof(ff));
    for (size_t done = 0; done < n; done += sizeof(ff)) {
        if (pwrite(flash_fd, ff, sizeof(ff), addr + done) != (ssize_t)sizeof(ff)) {
            return -EIO;
        }
    }
    return 0;
}

bool hal_partition_find(const char *label, uint32_t *offset, uint32_t *size) {
    if (no_vfs || strcmp(label, "vfs") != 0) {
        return false;
    }
    *offset = 0x200000;
    *size = 0x200000;
    return true;
}

/* ---------------------------------------------------------------- memory and identity */

static uint8_t *internal_ram, *psram;

void hal_memory_get(hal_memory_map *map) {
    map->internal.start = internal_ram;
    map->internal.size = INTERNAL_RAM;
    map->psram.start = no_psram ? NULL : psram;
    map->psram.size = no_psram ? 0 : PSRAM_SIZE;
    map->idf_heap_total = 180 * 1024;
    map->idf_heap_free = 120 * 1024;
}

size_t hal_task_stack_size(void) { return 16 * 1024; }

void hal_mac_address(uint8_t mac[6]) {
    static const uint8_t fixed[6] = {0x24, 0x0a, 0xc4, 0x12, 0x34, 0x56};
    memcpy(mac, fixed, 6);
}

void hal_random(void *buf, size_t n) {
    uint8_t *p = buf;
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)rand();
    }
}

/* ---------------------------------------------------------------- power-on */

static int open_flash(const char *path) {
    int fd = open(path, O_RDWR | O_CREAT, 0644);
    if (fd < 0) {
        return -1;
    }
    off_t size = lseek(fd, 0, SEEK_END);
    if (size < (off_t)FLASH_SIZE) {
        uint8_t ff[4096];
        memset(ff, 0xff, sizeof(ff));
        for (off_t at = size; at < (off_t)FLASH_SIZE; at += (off_t)sizeof(ff)) {
            if (pwrite(fd, ff, sizeof(ff), at) != (ssize_t)sizeof(ff)) {
                close(fd);
                return -1;
            }
        }
    }
    return fd;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: fake_board FLASH_IMAGE [--no-psram] [--no-vfs] [--cause N]\n");
        return 2;
    }
    saved_argv = argv;
    hal_reset_cause cause = HAL_RESET_POWERON;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--no-psram") == 0) {
            no_psram = true;
        } else if (strcmp(argv[i], "--no-vfs") == 0) {
            no_vfs = true;
        } else if (strcmp(argv[i], "--cause") == 0 && i + 1 < argc) {
            cause = (hal_reset_cause)atoi(argv[++i]);
        }
    }
    flash_fd = open_flash(argv[1]);
    if (flash_fd < 0) {
        perror(argv[1]);
        return 2;
    }
    internal_ram = calloc(1, INTERNAL_RAM);
    psram = calloc(1, PSRAM_SIZE);
    srand((unsigned)time(NULL));
    start_us = now_us();
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&rx_cond, &attr);
    pthread_t t;
    pthread_create(&t, NULL, rx_thread, NULL);
    static const char *const names[] = {"", "POWERON_RESET", "RTC_SW_SYS_RESET",
                                        "TG0WDT_SYS_RESET", "DEEPSLEEP_RESET"};
    char rom[128];
    int n = snprintf(rom, sizeof(rom), "rst:0x%x (%s),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n",
                     (unsigned)cause, cause >= 1 && cause <= 4 ? names[cause] : "?");
    hal_uart_write((const uint8_t *)rom, (size_t)n);
    brd_main(cause);
    return 0;
}
