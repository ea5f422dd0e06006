/*
 * sim_chip.c - the ESP32 itself: one process per boot, forked by the
 * programmer (sim_board.c). It prints the ROM's reset lines, runs the
 * 2nd-stage bootloader's partition table check, and starts brd_main on
 * the application task, a thread with a 16 KiB stack budget.
 *
 * The process's first thread is the UART0 receive interrupt: it reads
 * what the programmer sends over the socket into the receive ring, drops
 * the interrupt character and calls brd_uart_interrupt(), and wakes the
 * task when input arrives. It also runs the task watchdog.
 *
 * A reset of any kind is this process ending (_exit, async-signal-safe
 * and immediate, from any thread) with a status that tells the programmer
 * why; it then forks a fresh chip. Nothing in RAM survives, as on the board.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64 /* and a 64-bit time_t on 32-bit builds */
#define _TIME_BITS 64
#include "ports/sim/sim.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The application task's stack: the budget the firmware's Python stack
 * check is given, and the real stack under it, with room to spare so the
 * check fires long before the C code between two checks could overflow. */
#define TASK_STACK_BUDGET (16u * 1024u)
#define TASK_STACK_REAL (512u * 1024u)

/* Internal RAM left to the application once ESP-IDF, the drivers and the
 * firmware's static data have theirs: MicroPython's ESP32 builds get a
 * Python heap of about this size. */
#define INTERNAL_RAM (110u * 1024u)
#define PSRAM_SIZE (4u * 1024u * 1024u)
/* The IDF heap in internal RAM (the Python heap's block is allocated from
 * it), and what the IDF itself keeps allocated beside it. */
#define IDF_HEAP_TOTAL (296u * 1024u)
#define IDF_HEAP_USED_BY_IDF (38u * 1024u)

/* Where the chip's memories are on the ESP32 (DRAM, external RAM), asked
 * for so that addresses look like the board's; any address will do. */
#define INTERNAL_ADDRESS_HINT 0x3FFB0000u
#define PSRAM_ADDRESS_HINT 0x3F800000u

#define RX_RING (64u * 1024u)

static struct {
    int uart;
    sim_chip_config config;
    hal_reset_cause cause;
    uint64_t boot_us;

    pthread_mutex_t lock;      /* the receive ring, counters, watchdog, RTC */
    pthread_cond_t rx_cond;    /* input arrived, or the interrupt character */
    pthread_cond_t space_cond; /* the task took bytes from a full ring */
    uint8_t ring[RX_RING];
    size_t ring_head, ring_count;
    unsigned long arrivals, interrupts;
    int interrupt_char;
    uint64_t wdt_deadline_us; /* 0: not started */
    uint32_t wdt_timeout_ms;
    int wake_pipe[2]; /* tells the receive thread the watchdog changed */

    pthread_mutex_t tx_lock;
    uint32_t cpu_hz;
    hal_memory_map memory;
} chip;

/* ---------------------------------------------------------------- UART0 out */

static void uart_send(const void *data, size_t n) {
    const uint8_t *p = data;
    while (n > 0) {
        ssize_t put = send(chip.uart, p, n, MSG_NOSIGNAL);
        if (put < 0 && errno == EINTR) {
            continue;
        }
        if (put <= 0) {
            _exit(0); /* the programmer is gone: so is the power */
        }
        p += put;
        n -= (size_t)put;
    }
}

/* The line takes 10 bits a byte (8N1) at 115200 baud: 86.8 us. The UART
 * holds UART_TX_BUFFER bytes not yet on the wire (the FIFO and the driver's
 * buffer); a writer that finds it full waits, as on the chip. So a program
 * that prints without pause prints at the board's 11.5 KB/s: host tools
 * see the board's timing (pyserial empties its input queue before open()
 * returns, which never ends if bytes come faster than it reads them). */
#define UART_BYTE_NS (10ull * 1000000000ull / SIM_BAUD)
#define UART_TX_BUFFER 256u

static uint64_t monotonic_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void hal_uart_write(const uint8_t *buf, size_t n) {
    static uint64_t wire_free_ns; /* when the last byte given has left the wire */
    pthread_mutex_lock(&chip.tx_lock);
    while (n > 0) {
        uint64_t now = monotonic_ns();
        if (wire_free_ns < now) {
            wire_free_ns = now;
        }
        uint64_t queued = (wire_free_ns - now) / UART_BYTE_NS;
        if (queued >= UART_TX_BUFFER) {
            /* wait until a quarter of the buffer has gone out */
            uint64_t wait_ns = (queued - UART_TX_BUFFER * 3 / 4) * UART_BYTE_NS;
            struct timespec ts = {(time_t)(wait_ns / 1000000000ull),
                                  (long)(wait_ns % 1000000000ull)};
            while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
            }
            continue;
        }
        size_t room = UART_TX_BUFFER - (size_t)queued;
        size_t take = n < room ? n : room;
        uart_send(buf, take);
        wire_free_ns += take * UART_BYTE_NS;
        buf += take;
        n -= take;
    }
    pthread_mutex_unlock(&chip.tx_lock);
}

static void uart_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void uart_printf(const char *fmt, ...) {
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    if (n > 0) {
        hal_uart_write((const uint8_t *)text,
                       (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1);
    }
}

static unsigned log_timestamp_ms(void) { return (unsigned)(hal_ticks_us() / 1000u); }

/* ---------------------------------------------------------------- the ROM */

int sim_rom_reset_code(hal_reset_cause cause) {
    switch (cause) {
    case HAL_RESET_POWERON:
        return 0x1; /* also what an EN pin reset reports on the ESP32 */
    case HAL_RESET_WDT:
        return 0x7;
    case HAL_RESET_DEEPSLEEP:
        return 0x5;
    default:
        return 0xc; /* esp_restart() */
    }
}

static const char *rom_reset_name(int code) {
    switch (code) {
    case 0x1:
        return "POWERON_RESET";
    case 0x3:
        return "SW_RESET";
    case 0x5:
        return "DEEPSLEEP_RESET";
    case 0x7:
        return "TG0WDT_SYS_RESET";
    case 0x8:
        return "TG1WDT_SYS_RESET";
    default:
        return "SW_CPU_RESET";
    }
}

static void rom_banner(int rst, sim_boot_mode mode) {
    uart_printf("ets Jun  8 2016 00:22:57\r\n\r\n");
    if (mode == SIM_BOOT_DOWNLOAD) {
        uart_printf("rst:0x%x (%s),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\n"
                    "waiting for download\r\n",
                    rst, rom_reset_name(rst));
        return;
    }
    uart_printf("rst:0x%x (%s),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n"
                "configsip: 0, SPIWP:0xee\r\n"
                "clk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00\r\n"
                "mode:DIO, clock div:2\r\n"
                "load:0x3fff0030,len:4540\r\n"
                "load:0x40078000,len:12788\r\n"
                "load:0x40080400,len:4176\r\n"
                "entry 0x40080680\r\n",
                rst, rom_reset_name(rst));
}

/* The 2nd-stage bootloader: false (after printing why, as it does) when
 * the partition table or the app cannot be used. */
static bool bootloader(void) {
    static sim_partition_table table;
    char why[600];
    if (sim_partition_table_load(&table, why, sizeof(why)) == 0) {
        return true;
    }
    for (char *line = why; line != NULL && *line;) {
        char *end = strchr(line, '\n');
        if (end != NULL) {
            *end = '\0';
        }
        uart_printf("E (%u) %s\r\n", log_timestamp_ms(), line);
        line = end != NULL ? end + 1 : NULL;
    }
    sim_say("the board does not boot: the flash image has no usable partition table or app "
            "at 0x8000/0x10000 (see the bootloader's lines on UART0). The image is left as it "
            "is; give another file with --flash, or delete this one to start afresh.");
    return false;
}

/* ---------------------------------------------------------------- UART0 in */

static void wake_receiver(void) {
    char c = 1;
    ssize_t put = write(chip.wake_pipe[1], &c, 1);
    (void)put; /* a full pipe already wakes it */
}

/* Bytes from the programmer, as the UART interrupt handles them. */
static void receive(const uint8_t *data, size_t n, bool keep) {
    unsigned interrupts = 0;
    pthread_mutex_lock(&chip.lock);
    for (size_t i = 0; i < n; i++) {
        if (data[i] == chip.interrupt_char) {
            interrupts++;
        } else if (keep && chip.ring_count < RX_RING) {
            chip.ring[(chip.ring_head + chip.ring_count) % RX_RING] = data[i];
            chip.ring_count++;
        }
    }
    pthread_mutex_unlock(&chip.lock);
    if (interrupts > 0 && keep) {
        brd_uart_interrupt(); /* before the task wakes, so it sees the flag */
    }
    pthread_mutex_lock(&chip.lock);
    chip.interrupts += interrupts;
    chip.arrivals++;
    pthread_cond_broadcast(&chip.rx_cond);
    pthread_mutex_unlock(&chip.lock);
}

static void watchdog_fires(void) {
    unsigned t = log_timestamp_ms();
    uart_printf("E (%u) task_wdt: Task watchdog got triggered. The following tasks did not reset "
                "the watchdog in time:\r\n"
                "E (%u) task_wdt:  - main (CPU 0)\r\n"
                "E (%u) task_wdt: Tasks currently running:\r\n"
                "E (%u) task_wdt: CPU 0: main\r\n"
                "E (%u) task_wdt: Aborting.\r\n"
                "\r\nRebooting...\r\n",
                t, t, t, t, t);
    _exit(SIM_EXIT_RESET + HAL_RESET_WDT);
}

/* Milliseconds until the watchdog fires (firing it when due), -1 when it
 * is not running. */
static int watchdog_check(void) {
    pthread_mutex_lock(&chip.lock);
    uint64_t deadline = chip.wdt_deadline_us;
    pthread_mutex_unlock(&chip.lock);
    if (deadline == 0) {
        return -1;
    }
    uint64_t now = hal_ticks_us();
    if (now >= deadline) {
        watchdog_fires();
    }
    uint64_t ms = (deadline - now + 999u) / 1000u;
    return ms > 60000u ? 60000 : (int)ms;
}

/* Waits, with the watchdog running, until the ring has room again. */
static void wait_for_space(int timeout_ms) {
    pthread_mutex_lock(&chip.lock);
    if (chip.ring_count >= RX_RING) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        long ms = timeout_ms < 0 ? 1000 : timeout_ms;
        until.tv_sec += ms / 1000;
        until.tv_nsec += (ms % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&chip.space_cond, &chip.lock, &until);
    }
    pthread_mutex_unlock(&chip.lock);
}

/* The receive interrupt and the watchdog, forever. With `keep` false (a
 * chip that halted, or waits in the ROM loader) input is read and dropped. */
_Noreturn static void receive_loop(bool keep) {
    uint8_t data[4096];
    for (;;) {
        int timeout = watchdog_check();
        pthread_mutex_lock(&chip.lock);
        size_t room = RX_RING - chip.ring_count;
        pthread_mutex_unlock(&chip.lock);
        if (keep && room == 0) {
            wait_for_space(timeout);
            continue;
        }
        struct pollfd fds[2] = {{chip.uart, POLLIN, 0}, {chip.wake_pipe[0], POLLIN, 0}};
        int ready = poll(fds, 2, timeout);
        if (ready < 0 && errno != EINTR) {
            _exit(0);
        }
        if (ready <= 0) {
            continue;
        }
        if (fds[1].revents & POLLIN) {
            char drain[64];
            ssize_t got = read(chip.wake_pipe[0], drain, sizeof(drain));
            (void)got;
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            size_t want = keep && room < sizeof(data) ? room : sizeof(data);
            ssize_t got = recv(chip.uart, data, want, 0);
            if (got < 0 && errno == EINTR) {
                continue;
            }
            if (got <= 0) {
                _exit(0); /* the programmer is gone */
            }
            receive(data, (size_t)got, keep);
        }
    }
}

static struct timespec deadline_after_us(uint64_t us) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    uint64_t ns = (uint64_t)t.tv_nsec + (us % 1000000u) * 1000u;
    t.tv_sec += (time_t)(us / 1000000u + ns / 1000000000u);
    t.tv_nsec = (long)(ns % 1000000000u);
    return t;
}

#define NO_END UINT64_MAX
#define LONGEST_WAIT_US (3600ull * 1000000u)

static uint64_t end_after_us(uint64_t us) {
    uint64_t now = hal_ticks_us();
    return us >= NO_END - now ? NO_END : now + us;
}

/* Waits (chip.lock held) for rx_cond until `end` (hal_ticks_us time),
 * in waits of at most an hour so no clock arithmetic overflows. Returns
 * false once `end` has passed. */
static bool wait_rx(uint64_t end) {
    if (end == NO_END) {
        pthread_cond_wait(&chip.rx_cond, &chip.lock);
        return true;
    }
    uint64_t now = hal_ticks_us();
    if (now >= end) {
        return false;
    }
    uint64_t us = end - now < LONGEST_WAIT_US ? end - now : LONGEST_WAIT_US;
    struct timespec until = deadline_after_us(us);
    pthread_cond_timedwait(&chip.rx_cond, &chip.lock, &until);
    return true;
}

size_t hal_uart_read(uint8_t *buf, size_t n, int timeout_ms) {
    pthread_mutex_lock(&chip.lock);
    unsigned long interrupts = chip.interrupts;
    uint64_t end = timeout_ms < 0 ? NO_END : end_after_us((uint64_t)timeout_ms * 1000u);
    while (chip.ring_count == 0 && chip.interrupts == interrupts && wait_rx(end)) {
    }
    size_t got = 0;
    while (got < n && chip.ring_count > 0) {
        buf[got++] = chip.ring[chip.ring_head];
        chip.ring_head = (chip.ring_head + 1) % RX_RING;
        chip.ring_count--;
    }
    if (got > 0) {
        pthread_cond_signal(&chip.space_cond);
    }
    pthread_mutex_unlock(&chip.lock);
    return got;
}

size_t hal_uart_rx_waiting(void) {
    pthread_mutex_lock(&chip.lock);
    size_t n = chip.ring_count;
    pthread_mutex_unlock(&chip.lock);
    return n;
}

void hal_uart_set_interrupt_char(int c) {
    pthread_mutex_lock(&chip.lock);
    chip.interrupt_char = c >= 0 && c <= 255 ? c : -1;
    pthread_mutex_unlock(&chip.lock);
}

/* ---------------------------------------------------------------- time */

uint64_t hal_ticks_us(void) { return sim_monotonic_us() - chip.boot_us; }

/* Returns on new input or the interrupt character, not on input that was
 * already waiting: a sleep with unread input still sleeps. */
void hal_wait_us(uint64_t us) {
    pthread_mutex_lock(&chip.lock);
    unsigned long arrivals = chip.arrivals, interrupts = chip.interrupts;
    uint64_t end = end_after_us(us);
    while (chip.arrivals == arrivals && chip.interrupts == interrupts && wait_rx(end)) {
    }
    pthread_mutex_unlock(&chip.lock);
}

int64_t hal_rtc_get_us(void) {
    pthread_mutex_lock(&chip.lock);
    int64_t us = (int64_t)sim_monotonic_us() + chip.config.shared->rtc_offset_us;
    pthread_mutex_unlock(&chip.lock);
    return us;
}

void hal_rtc_set_us(int64_t us) {
    pthread_mutex_lock(&chip.lock);
    chip.config.shared->rtc_offset_us = us - (int64_t)sim_monotonic_us();
    pthread_mutex_unlock(&chip.lock);
}

uint32_t hal_cpu_freq_get(void) { return chip.cpu_hz; }

bool hal_cpu_freq_set(uint32_t hz) {
    if (hz != 80000000u && hz != 160000000u && hz != 240000000u) {
        return false;
    }
    chip.cpu_hz = hz;
    return true;
}

/* ---------------------------------------------------------------- resets */

_Noreturn void hal_reset(hal_reset_cause cause) {
    if (cause < HAL_RESET_POWERON || cause > HAL_RESET_SOFT) {
        cause = HAL_RESET_HARD;
    }
    _exit(SIM_EXIT_RESET + (int)cause);
}

_Noreturn void hal_deepsleep(uint64_t ms) {
    chip.config.shared->deepsleep_ms = ms;
    _exit(SIM_EXIT_DEEPSLEEP);
}

void hal_wdt_start(uint32_t timeout_ms) {
    pthread_mutex_lock(&chip.lock);
    chip.wdt_timeout_ms = timeout_ms > 0 ? timeout_ms : 1;
    chip.wdt_deadline_us = hal_ticks_us() + (uint64_t)chip.wdt_timeout_ms * 1000u;
    pthread_mutex_unlock(&chip.lock);
    wake_receiver();
}

void hal_wdt_feed(void) {
    pthread_mutex_lock(&chip.lock);
    if (chip.wdt_deadline_us != 0) {
        chip.wdt_deadline_us = hal_ticks_us() + (uint64_t)chip.wdt_timeout_ms * 1000u;
    }
    pthread_mutex_unlock(&chip.lock);
}

/* ---------------------------------------------------------------- memory, identity */

static void *map_ram(size_t size, uintptr_t hint) {
    void *p = mmap((void *)hint, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        sim_say("cannot map %zu bytes of RAM for the chip: %s", size, strerror(errno));
        _exit(1);
    }
    return p; /* fresh anonymous pages: zeroed, as at each boot */
}

static void memory_init(void) {
    hal_memory_map *m = &chip.memory;
    m->internal.size = INTERNAL_RAM;
    m->internal.start = map_ram(INTERNAL_RAM, INTERNAL_ADDRESS_HINT);
    if (chip.config.psram) {
        m->psram.size = PSRAM_SIZE;
        m->psram.start = map_ram(PSRAM_SIZE, PSRAM_ADDRESS_HINT);
    }
    m->idf_heap_total = IDF_HEAP_TOTAL;
    m->idf_heap_free = IDF_HEAP_TOTAL - INTERNAL_RAM - IDF_HEAP_USED_BY_IDF;
}

void hal_memory_get(hal_memory_map *map) { *map = chip.memory; }

size_t hal_task_stack_size(void) { return TASK_STACK_BUDGET; }

void hal_mac_address(uint8_t mac[6]) { memcpy(mac, chip.config.mac, 6); }

void hal_random(void *buf, size_t n) {
    uint8_t *p = buf;
    while (n > 0) {
        ssize_t got = getrandom(p, n, 0);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            /* no kernel RNG: still different bytes each call */
            static uint64_t x = 0x9E3779B97F4A7C15u;
            x ^= sim_monotonic_us();
            for (; n > 0; n--) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *p++ = (uint8_t)x;
            }
            return;
        }
        p += got;
        n -= (size_t)got;
    }
}

/* ---------------------------------------------------------------- start */

static void *application_task(void *arg) {
    (void)arg;
    brd_main(chip.cause);
    sim_say("the firmware's main function returned; the chip halts (reset it or power it off)");
    while (pause() != 0) {
    }
    return NULL;
}

static void chip_process_setup(pid_t programmer) {
    /* the programmer handles signals; the chip dies with it */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGUSR1, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGCHLD, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != programmer) {
        _exit(0); /* it was gone before the line above */
    }
    /* the chip talks through UART0 only: stray output must not reach the
     * user's terminal behind the programmer's back */
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
        close(null);
    }
}

static void chip_state_init(int uart_fd, const sim_chip_config *config, hal_reset_cause cause) {
    chip.uart = uart_fd;
    chip.config = *config;
    chip.cause = cause;
    chip.boot_us = sim_monotonic_us();
    chip.interrupt_char = -1;
    chip.cpu_hz = 240000000u;
    pthread_mutex_init(&chip.lock, NULL);
    pthread_mutex_init(&chip.tx_lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&chip.rx_cond, &attr);
    pthread_cond_init(&chip.space_cond, &attr);
    pthread_condattr_destroy(&attr);
    if (pipe2(chip.wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        sim_say("cannot create the chip's wake-up pipe: %s", strerror(errno));
        _exit(1);
    }
}

_Noreturn void sim_chip_run(int uart_fd, const sim_chip_config *config, hal_reset_cause cause,
                            sim_boot_mode mode) {
    chip_process_setup(config->programmer);
    chip_state_init(uart_fd, config, cause);
    rom_banner(sim_rom_reset_code(cause), mode);
    if (mode == SIM_BOOT_DOWNLOAD || !bootloader()) {
        receive_loop(false);
    }
    memory_init();
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, TASK_STACK_REAL);
    pthread_t task;
    int err = pthread_create(&task, &attr, application_task, NULL);
    pthread_attr_destroy(&attr);
    if (err != 0) {
        sim_say("cannot start the application task: %s", strerror(err));
        _exit(1);
    }
    receive_loop(true);
}
