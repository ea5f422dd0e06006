/*
 * tests/sim/echo_fw.c - a tiny firmware for testing the virtual board's
 * port (ports/sim) without the real firmware: a line-oriented command
 * shell on UART0 that exercises each function of board/hal.h.
 *
 * At boot it prints "echo-fw cause=N" and then "> " before each command.
 * Commands (arguments in decimal, data in hex):
 *   echo TEXT          prints TEXT
 *   reset [CAUSE]      hal_reset (default HARD)
 *   wdt MS             starts the watchdog and never feeds it
 *   feed MS FOR_MS     starts the watchdog and feeds it for FOR_MS, then "fed"
 *   sleep MS           hal_deepsleep
 *   wait US            hal_wait_us; prints the microseconds it took
 *   intr               busy until the interrupt character (Ctrl-C) arrives
 *   read N MS          hal_uart_read of up to N bytes; prints them in hex
 *   rx [MS]            hal_uart_rx_waiting, after MS ms of not reading
 * Ctrl-U starts the line afresh.
 *   rtc / rtcset US    hal_rtc_get_us / hal_rtc_set_us
 *   freq [HZ]          hal_cpu_freq_get / set
 *   mac, rand N, ticks
 *   mem                the memory map; checks the regions are zeroed and usable
 *   stack KB           recursion using about KB KiB of the task's stack
 *   fread A N, fwrite A HEX, ferase A N, fsize
 *   part LABEL         hal_partition_find
 *   bytes              writes the 256 byte values 0..255 in order
 *   flood N            writes N bytes of text
 *   sink N             reads N bytes of input; prints their count and sum
 *   crash              the firmware dies of SIGSEGV
 */
#include "board/hal.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile int interrupted;

void brd_uart_interrupt(void) { interrupted = 1; }

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...) {
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    if (n > 0) {
        hal_uart_write((const uint8_t *)text,
                       (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1);
    }
}

/* A line from UART0, echoing it; CR or LF ends it. */
static size_t read_line(char *line, size_t cap) {
    size_t n = 0;
    for (;;) {
        uint8_t c;
        if (hal_uart_read(&c, 1, -1) == 0) {
            continue;
        }
        if (c == 0x15) { /* Ctrl-U: start the line again */
            n = 0;
            continue;
        }
        if (c == '\r' || c == '\n') {
            out("\r\n");
            line[n] = '\0';
            return n;
        }
        if (n + 1 < cap) {
            line[n++] = (char)c;
            hal_uart_write(&c, 1);
        }
    }
}

static void hex_out(const uint8_t *data, size_t n) {
    for (size_t i = 0; i < n; i++) {
        out("%02x", data[i]);
    }
    out("\r\n");
}

static size_t hex_in(const char *text, uint8_t *data, size_t cap) {
    size_t n = 0;
    while (text[0] && text[1] && n < cap) {
        unsigned v;
        if (sscanf(text, "%2x", &v) != 1) {
            break;
        }
        data[n++] = (uint8_t)v;
        text += 2;
    }
    return n;
}

static unsigned recurse(unsigned depth) {
    volatile uint8_t frame[1024];
    frame[0] = (uint8_t)depth;
    if (depth == 0) {
        return frame[0];
    }
    return recurse(depth - 1) + frame[0];
}

static void memory_check(void) {
    hal_memory_map m;
    hal_memory_get(&m);
    const hal_memory *regions[2] = {&m.internal, &m.psram};
    bool zero = true;
    for (int r = 0; r < 2; r++) {
        uint8_t *p = regions[r]->start;
        for (size_t i = 0; i < regions[r]->size; i++) {
            zero = zero && p[i] == 0;
            p[i] = 0xA5;
        }
    }
    out("internal=%zu psram=%zu idf_total=%zu idf_free=%zu zeroed=%d stack=%zu\r\n",
        m.internal.size, m.psram.size, m.idf_heap_total, m.idf_heap_free, zero,
        hal_task_stack_size());
}

static void command(char *line) {
    char *cmd = strtok(line, " ");
    char *a = strtok(NULL, " ");
    char *b = strtok(NULL, " ");
    unsigned long long x = a ? strtoull(a, NULL, 0) : 0, y = b ? strtoull(b, NULL, 0) : 0;
    if (cmd == NULL) {
        return;
    } else if (strcmp(cmd, "echo") == 0) {
        out("%s\r\n", a ? a : "");
    } else if (strcmp(cmd, "reset") == 0) {
        hal_reset(a ? (hal_reset_cause)x : HAL_RESET_HARD);
    } else if (strcmp(cmd, "wdt") == 0) {
        hal_wdt_start((uint32_t)x);
        for (;;) {
            hal_wait_us(1000000);
        }
    } else if (strcmp(cmd, "feed") == 0) {
        hal_wdt_start((uint32_t)x);
        uint64_t end = hal_ticks_us() + y * 1000;
        while (hal_ticks_us() < end) {
            hal_wait_us(x * 1000 / 4);
            hal_wdt_feed();
        }
        out("fed\r\n");
    } else if (strcmp(cmd, "sleep") == 0) {
        hal_deepsleep(x);
    } else if (strcmp(cmd, "wait") == 0) {
        uint64_t t0 = hal_ticks_us();
        hal_wait_us(x);
        out("waited %llu\r\n", (unsigned long long)(hal_ticks_us() - t0));
    } else if (strcmp(cmd, "intr") == 0) {
        interrupted = 0;
        hal_uart_set_interrupt_char(3);
        out("busy\r\n");
        while (!interrupted) {
        }
        hal_uart_set_interrupt_char(-1);
        out("interrupted\r\n");
    } else if (strcmp(cmd, "read") == 0) {
        uint8_t data[4096];
        size_t n = hal_uart_read(data, x < sizeof(data) ? (size_t)x : sizeof(data), (int)y);
        out("got %zu ", n);
        hex_out(data, n);
    } else if (strcmp(cmd, "rx") == 0) {
        uint64_t end = hal_ticks_us() + x * 1000;
        while (hal_ticks_us() < end) {
        }
        out("rx %zu\r\n", hal_uart_rx_waiting());
    } else if (strcmp(cmd, "rtc") == 0) {
        out("rtc %lld\r\n", (long long)hal_rtc_get_us());
    } else if (strcmp(cmd, "rtcset") == 0) {
        hal_rtc_set_us((int64_t)x);
        out("ok\r\n");
    } else if (strcmp(cmd, "freq") == 0) {
        if (a) {
            out("set %d\r\n", hal_cpu_freq_set((uint32_t)x));
        }
        out("freq %u\r\n", (unsigned)hal_cpu_freq_get());
    } else if (strcmp(cmd, "mac") == 0) {
        uint8_t mac[6];
        hal_mac_address(mac);
        hex_out(mac, 6);
    } else if (strcmp(cmd, "rand") == 0) {
        uint8_t data[64];
        size_t n = x < sizeof(data) ? (size_t)x : sizeof(data);
        hal_random(data, n);
        hex_out(data, n);
    } else if (strcmp(cmd, "ticks") == 0) {
        out("ticks %llu\r\n", (unsigned long long)hal_ticks_us());
    } else if (strcmp(cmd, "mem") == 0) {
        memory_check();
    } else if (strcmp(cmd, "stack") == 0) {
        out("stack %u\r\n", recurse((unsigned)x));
    } else if (strcmp(cmd, "fsize") == 0) {
        out("fsize %u\r\n", (unsigned)hal_flash_size());
    } else if (strcmp(cmd, "fread") == 0) {
        uint8_t data[256];
        size_t n = y < sizeof(data) ? (size_t)y : sizeof(data);
        int err = hal_flash_read((uint32_t)x, data, n);
        out("err %d ", err);
        hex_out(data, err == 0 ? n : 0);
    } else if (strcmp(cmd, "fwrite") == 0) {
        uint8_t data[256];
        size_t n = b ? hex_in(b, data, sizeof(data)) : 0;
        out("err %d\r\n", hal_flash_write((uint32_t)x, data, n));
    } else if (strcmp(cmd, "ferase") == 0) {
        out("err %d\r\n", hal_flash_erase((uint32_t)x, (size_t)y));
    } else if (strcmp(cmd, "part") == 0) {
        uint32_t offset = 0, size = 0;
        bool found = hal_partition_find(a ? a : "", &offset, &size);
        out("part %d 0x%x 0x%x\r\n", found, (unsigned)offset, (unsigned)size);
    } else if (strcmp(cmd, "bytes") == 0) {
        uint8_t all[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (uint8_t)i;
        }
        hal_uart_write(all, sizeof(all));
        out("\r\n");
    } else if (strcmp(cmd, "flood") == 0) {
        char chunk[1024];
        memset(chunk, 'x', sizeof(chunk));
        for (unsigned long long left = x; left > 0;) {
            size_t n = left < sizeof(chunk) ? (size_t)left : sizeof(chunk);
            hal_uart_write((const uint8_t *)chunk, n);
            left -= n;
        }
        out("\r\nflooded\r\n");
    } else if (strcmp(cmd, "sink") == 0) {
        uint8_t data[1024];
        unsigned long long got = 0, sum = 0;
        while (got < x) {
            size_t want = x - got < sizeof(data) ? (size_t)(x - got) : sizeof(data);
            size_t n = hal_uart_read(data, want, 5000);
            if (n == 0) {
                break;
            }
            for (size_t i = 0; i < n; i++) {
                sum += data[i];
            }
            got += n;
        }
        out("sank %llu %llu\r\n", got, sum);
    } else if (strcmp(cmd, "crash") == 0) {
        raise(SIGSEGV);
    } else {
        out("unknown %s\r\n", cmd);
    }
}

void brd_main(hal_reset_cause cause) {
    out("echo-fw cause=%d\r\n", (int)cause);
    char line[600];
    for (;;) {
        out("> ");
        read_line(line, sizeof(line));
        command(line);
    }
}
