/*
 * sim_board.c - the ESP32-CAM-MB programmer of the virtual board: the
 * USB-serial adapter, the auto-reset circuit and the power switch.
 *
 * The user's side of UART0 is this process's terminal, a pseudo-terminal
 * or one RFC 2217 client at a time. Bytes between that side and the chip
 * process go through queues here, so neither side ever blocks the other
 * for long: the chip waits (as a UART transmitter does) only when the user
 * side has 64 KiB it has not taken yet. While no program has the pty open,
 * up to 64 KiB of output waits for the next one (the boot lines); with no
 * RFC 2217 client, output is lost, as with an adapter no program opened.
 *
 * The serial line runs at 115200 baud, 8N1. A client set to another rate
 * (RFC 2217 SET-BAUDRATE, or the pty's termios speed) or data size gets
 * bytes of garbage for each byte in both directions, deterministically, as
 * a UART sampling at the wrong rate does.
 *
 * With the auto-reset circuit (the RFC 2217 default) RTS asserted pulls EN
 * low: the chip is held in reset and silent. DTR asserted pulls GPIO0 low:
 * when EN rises the ROM boots its serial loader instead of the flash.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64 /* and a 64-bit time_t on 32-bit builds */
#define _TIME_BITS 64
#include "ports/sim/sim_board.h"
#include "ports/sim/sim_telnet.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define QUEUE_LIMIT (64u * 1024u)
#define ESCAPE_KEY 0x1D /* Ctrl-] */
#define CRASH_REBOOT_MS 300
#define PTY_RECHECK_MS 100
#define TURNED_AWAY_MAX 4
#define TURNED_AWAY_MS 5000
#define FOREVER UINT64_MAX

typedef enum chip_state {
    CHIP_RUNNING,  /* a chip process is up */
    CHIP_HELD,     /* EN held low by RTS */
    CHIP_ASLEEP,   /* deep sleep until wake_at */
    CHIP_REBOOTING /* after a crash, until wake_at */
} chip_state;

static struct {
    sim_options opt;
    sim_chip_config chip_config;

    /* the user's side */
    int in_fd, out_fd; /* stdin/stdout, the pty master, or the client socket */
    int listen_fd;
    bool client; /* someone is at the other end */
    bool stdin_tty, stdin_open;
    struct termios saved_termios;
    bool termios_saved;
    char pty_path[128];
    uint64_t pty_check_at;
    sim_telnet telnet;
    sim_buf to_line; /* bytes for the user's side, as they go on the wire */
    sim_buf held;    /* RFC 2217: board output not yet escaped into to_line */
    sim_buf scratch; /* serial data decoded from a client's bytes */
    bool dtr, rts;
    /* RFC 2217 clients that came while the port was taken: told so, and
     * read until they hang up (or for TURNED_AWAY_MS), so that closing does
     * not reset a connection with their unread bytes in it */
    struct {
        int fd;
        uint64_t until;
    } turned_away[TURNED_AWAY_MAX];

    /* the chip */
    chip_state state;
    pid_t pid;
    int chip_fd;
    sim_buf to_chip;
    uint64_t wake_at;
    hal_reset_cause wake_cause;

    int sig_pipe[2];
} programmer = {.in_fd = -1,
                .out_fd = -1,
                .listen_fd = -1,
                .pid = -1,
                .chip_fd = -1,
                .sig_pipe = {-1, -1},
                .turned_away = {{-1, 0}, {-1, 0}, {-1, 0}, {-1, 0}}};

/* ---------------------------------------------------------------- signals */

static void on_signal(int sig) {
    int saved = errno;
    unsigned char c = (unsigned char)sig;
    ssize_t put = write(programmer.sig_pipe[1], &c, 1);
    (void)put;
    errno = saved;
}

static int signals_init(void) {
    if (pipe2(programmer.sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        return -1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    int handled[] = {SIGINT, SIGTERM, SIGHUP, SIGUSR1};
    for (size_t i = 0; i < sizeof(handled) / sizeof(handled[0]); i++) {
        sigaction(handled[i], &sa, NULL);
    }
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

/* ---------------------------------------------------------------- the serial line */

static uint32_t speed_of(speed_t s) {
    static const struct {
        speed_t code;
        uint32_t baud;
    } rates[] = {{B50, 50},           {B75, 75},           {B110, 110},         {B134, 134},
                 {B150, 150},         {B200, 200},         {B300, 300},         {B600, 600},
                 {B1200, 1200},       {B1800, 1800},       {B2400, 2400},       {B4800, 4800},
                 {B9600, 9600},       {B19200, 19200},     {B38400, 38400},     {B57600, 57600},
                 {B115200, 115200},   {B230400, 230400},   {B460800, 460800},   {B500000, 500000},
                 {B576000, 576000},   {B921600, 921600},   {B1000000, 1000000}, {B1152000, 1152000},
                 {B1500000, 1500000}, {B2000000, 2000000}, {B3000000, 3000000}};
    for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++) {
        if (rates[i].code == s) {
            return rates[i].baud;
        }
    }
    return 0; /* B0 (hang up) or a custom rate: not the board's */
}

/* The rate the user's side sends and expects bytes at. */
static uint32_t line_baud(void) {
    if (programmer.opt.serial == SIM_SERIAL_RFC2217) {
        return programmer.telnet.datasize == 8 ? programmer.telnet.baud : 0;
    }
    if (programmer.opt.serial == SIM_SERIAL_PTY) {
        struct termios t;
        if (tcgetattr(programmer.in_fd, &t) != 0) {
            return SIM_BAUD;
        }
        return (t.c_cflag & CSIZE) == CS8 ? speed_of(cfgetospeed(&t)) : 0;
    }
    return SIM_BAUD;
}

/* A UART tolerates a few percent of clock error. */
static bool baud_matches(uint32_t baud) {
    uint32_t diff = baud > SIM_BAUD ? baud - SIM_BAUD : SIM_BAUD - baud;
    return baud != 0 && diff <= SIM_BAUD / 33;
}

/* What a UART at the wrong rate makes of a byte: never a control
 * character, different for each rate. */
static void garble(uint8_t *data, size_t n, uint32_t baud) {
    for (size_t i = 0; i < n; i++) {
        data[i] = (uint8_t)(0x80u | ((data[i] * 73u + baud % 101u) & 0x7Fu));
    }
}

/* Output of the chip, on its way to the user. */
static void to_user(const uint8_t *data, size_t n) {
    if (n == 0) {
        return;
    }
    if (!programmer.client) {
        /* nobody has the port open: a pty keeps what fits for the program
         * that opens it next (the boot lines, for one); from the RFC 2217
         * server the bytes go nowhere */
        if (programmer.opt.serial != SIM_SERIAL_PTY || programmer.to_line.len >= QUEUE_LIMIT) {
            return;
        }
    }
    uint32_t baud = line_baud();
    uint8_t copy[16384];
    while (n > 0) {
        size_t chunk = n < sizeof(copy) ? n : sizeof(copy);
        memcpy(copy, data, chunk);
        if (!baud_matches(baud)) {
            garble(copy, chunk, baud);
        }
        /* for RFC 2217 it waits in the adapter's receive buffer, to be
         * escaped as the client takes it (PURGE-DATA and flow control act
         * on it) */
        sim_buf_append(programmer.opt.serial == SIM_SERIAL_RFC2217 ? &programmer.held
                                                                   : &programmer.to_line,
                       copy, chunk);
        data += chunk;
        n -= chunk;
    }
}

static void to_user_text(const char *text) { to_user((const uint8_t *)text, strlen(text)); }

/* Input from the user, on its way to the chip: lost while the chip is not
 * running, as a UART in reset hears nothing. */
static void to_chip(uint8_t *data, size_t n) {
    if (programmer.state != CHIP_RUNNING || n == 0) {
        return;
    }
    uint32_t baud = line_baud();
    if (!baud_matches(baud)) {
        garble(data, n, baud);
    }
    sim_buf_append(&programmer.to_chip, data, n);
}

/* ---------------------------------------------------------------- the chip */

static bool en_low(void) { return programmer.opt.reset_circuit && programmer.rts; }
static bool gpio0_low(void) { return programmer.opt.reset_circuit && programmer.dtr; }

/* The chip booted the ROM's serial loader: it stays there, deaf to typing,
 * until the next reset, whatever DTR does meanwhile. */
static bool chip_in_loader;

static void close_in_chip(int fd) {
    if (fd > 2) {
        close(fd);
    }
}

static void chip_start(hal_reset_cause cause) {
    sim_boot_mode mode = gpio0_low() ? SIM_BOOT_DOWNLOAD : SIM_BOOT_FLASH;
    chip_in_loader = mode == SIM_BOOT_DOWNLOAD;
    if (cause == HAL_RESET_POWERON) {
        /* power-on and EN reset the RTC too; it restarts from the host's clock */
        programmer.chip_config.shared->rtc_offset_us =
            sim_host_rtc_us() - (int64_t)sim_monotonic_us();
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        sim_say("cannot connect UART0 to the chip: %s; retrying", strerror(errno));
        programmer.state = CHIP_REBOOTING;
        programmer.wake_at = sim_monotonic_us() + 1000000u;
        programmer.wake_cause = cause;
        return;
    }
    pid_t pid = fork();
    if (pid < 0) {
        sim_say("cannot start the chip process: %s; retrying", strerror(errno));
        close(sv[0]);
        close(sv[1]);
        programmer.state = CHIP_REBOOTING;
        programmer.wake_at = sim_monotonic_us() + 1000000u;
        programmer.wake_cause = cause;
        return;
    }
    if (pid == 0) {
        close(sv[0]);
        close(programmer.sig_pipe[0]);
        close(programmer.sig_pipe[1]);
        close_in_chip(programmer.listen_fd);
        close_in_chip(programmer.in_fd);
        for (size_t i = 0; i < TURNED_AWAY_MAX; i++) {
            close_in_chip(programmer.turned_away[i].fd);
        }
        sim_chip_run(sv[1], &programmer.chip_config, cause, mode);
    }
    close(sv[1]);
    fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
    programmer.pid = pid;
    programmer.chip_fd = sv[0];
    programmer.state = CHIP_RUNNING;
    sim_buf_clear(&programmer.to_chip);
}

/* What the chip had sent before it stopped still reaches the user. */
static void chip_drain(void) {
    uint8_t data[16384];
    for (;;) {
        ssize_t got = recv(programmer.chip_fd, data, sizeof(data), MSG_DONTWAIT);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            return;
        }
        to_user(data, (size_t)got);
    }
}

static int chip_reap(void) {
    int status = 0;
    while (waitpid(programmer.pid, &status, 0) < 0 && errno == EINTR) {
    }
    chip_drain();
    close(programmer.chip_fd);
    programmer.chip_fd = -1;
    programmer.pid = -1;
    sim_buf_clear(&programmer.to_chip);
    return status;
}

/* Reset held or power cut: the chip stops wherever it is. */
static void chip_stop(void) {
    if (programmer.pid > 0) {
        kill(programmer.pid, SIGKILL);
        chip_reap();
    }
}

static const char *panic_reason(int sig) {
    switch (sig) {
    case SIGSEGV:
        return "LoadProhibited";
    case SIGBUS:
        return "LoadStoreAlignment";
    case SIGILL:
        return "IllegalInstruction";
    case SIGFPE:
        return "IntegerDivideByZero";
    default:
        return "Unhandled debug exception";
    }
}

static void chip_crashed(int status) {
    char what[80];
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT) {
        to_user_text("\r\nabort() was called on core 0\r\n\r\nRebooting...\r\n");
        snprintf(what, sizeof(what), "abort()");
    } else if (WIFSIGNALED(status)) {
        char text[160];
        snprintf(text, sizeof(text),
                 "\r\nGuru Meditation Error: Core  0 panic'ed (%s). "
                 "Exception was unhandled.\r\n\r\nRebooting...\r\n",
                 panic_reason(WTERMSIG(status)));
        to_user_text(text);
        snprintf(what, sizeof(what), "%s", strsignal(WTERMSIG(status)));
    } else {
        to_user_text("\r\nRebooting...\r\n");
        snprintf(what, sizeof(what), "exit status %d", WEXITSTATUS(status));
    }
    sim_say("the firmware crashed (%s); the chip reboots, as the board does after a panic", what);
    programmer.state = CHIP_REBOOTING;
    programmer.wake_at = sim_monotonic_us() + CRASH_REBOOT_MS * 1000u;
    programmer.wake_cause = HAL_RESET_HARD;
}

/* The chip process ended by itself: a reset it asked for, deep sleep, or a
 * crash. */
static void chip_ended(void) {
    int status = chip_reap();
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code > SIM_EXIT_RESET && code <= SIM_EXIT_RESET + HAL_RESET_SOFT) {
        hal_reset_cause cause = (hal_reset_cause)(code - SIM_EXIT_RESET);
        if (cause == HAL_RESET_WDT) {
            sim_note("the task watchdog was not fed in time: the chip resets");
        }
        chip_start(cause);
        return;
    }
    if (code == SIM_EXIT_DEEPSLEEP) {
        uint64_t ms = programmer.chip_config.shared->deepsleep_ms;
        programmer.state = CHIP_ASLEEP;
        programmer.wake_cause = HAL_RESET_DEEPSLEEP;
        if (ms >= 10ull * 365 * 24 * 3600 * 1000) {
            programmer.wake_at = FOREVER;
            sim_note("deep sleep with no wake-up time: the chip is off until a reset");
        } else {
            programmer.wake_at = sim_monotonic_us() + ms * 1000u;
            sim_note("deep sleep for %llu ms: UART0 is off meanwhile", (unsigned long long)ms);
        }
        return;
    }
    chip_crashed(status);
}

/* EN pulled low then released (the reset button, or RTS): a power-on
 * reset, with GPIO0 as DTR holds it. */
static void en_reset(void) {
    chip_stop();
    chip_start(HAL_RESET_POWERON);
}

/* ---------------------------------------------------------------- DTR and RTS */

static void set_lines(bool dtr, bool rts) {
    bool was_low = en_low(), gpio0_was_low = gpio0_low();
    bool dtr_changed = dtr != programmer.dtr, rts_changed = rts != programmer.rts;
    programmer.dtr = dtr;
    programmer.rts = rts;
    if (!programmer.opt.reset_circuit) {
        if (dtr_changed || rts_changed) {
            sim_note("DTR %s, RTS %s (no reset circuit: the board does not see them)",
                     dtr ? "on" : "off", rts ? "on" : "off");
        }
        return;
    }
    if (!was_low && en_low()) {
        chip_stop();
        programmer.state = CHIP_HELD;
        sim_note("RTS on: EN is low, the chip is held in reset and silent until RTS is released "
                 "(switch RTS off in the terminal program, or start campy-board with "
                 "--reset-circuit none to ignore the lines)");
    } else if (was_low && !en_low()) {
        if (gpio0_low()) {
            sim_note("RTS off: EN rises with GPIO0 low (DTR on): the chip boots the ROM serial "
                     "loader (download mode)");
        } else {
            sim_note("RTS off: EN rises, the chip boots");
        }
        chip_start(HAL_RESET_POWERON);
    } else if (rts_changed) {
        sim_note("RTS %s", rts ? "on" : "off");
    }
    if (gpio0_was_low != gpio0_low()) {
        bool stuck = !dtr && chip_in_loader && programmer.state == CHIP_RUNNING;
        sim_note("DTR %s: GPIO0 is %s", dtr ? "on" : "off",
                 dtr     ? "low (the next reset boots the ROM serial loader)"
                 : stuck ? "high; the chip stays in the ROM serial loader, silent, until the "
                           "next reset (pulse RTS, or kill -USR1 this process)"
                         : "high");
    }
}

/* ---------------------------------------------------------------- opening the line */

static void restore_terminal(void) {
    if (programmer.termios_saved) {
        tcsetattr(0, TCSANOW, &programmer.saved_termios);
        programmer.termios_saved = false;
        sim_terminal_raw = false;
    }
}

static int open_stdio(void) {
    programmer.in_fd = 0;
    programmer.out_fd = 1;
    programmer.client = true;
    programmer.stdin_open = true;
    programmer.stdin_tty = isatty(0);
    if (programmer.stdin_tty) {
        sim_say("the ESP32-CAM's UART0 is on this terminal; Ctrl-] powers the board off");
        if (tcgetattr(0, &programmer.saved_termios) == 0) {
            struct termios raw = programmer.saved_termios;
            cfmakeraw(&raw);
            if (tcsetattr(0, TCSANOW, &raw) == 0) {
                programmer.termios_saved = true;
                sim_terminal_raw = true;
                atexit(restore_terminal);
            }
        }
    }
    return 0;
}

static int open_pty(void) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 ||
        ptsname_r(master, programmer.pty_path, sizeof(programmer.pty_path)) != 0) {
        sim_say("cannot create a pseudo-terminal: %s (try --serial rfc2217:PORT)", strerror(errno));
        return -1;
    }
    /* the line as a serial device is when opened: raw, 8N1, 115200 baud;
     * the settings stay with the pty while this process holds the master */
    int slave = open(programmer.pty_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave >= 0) {
        struct termios t;
        if (tcgetattr(slave, &t) == 0) {
            cfmakeraw(&t);
            t.c_cflag |= CLOCAL | CREAD;
            cfsetispeed(&t, B115200);
            cfsetospeed(&t, B115200);
            tcsetattr(slave, TCSANOW, &t);
        }
        close(slave);
    }
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    programmer.in_fd = programmer.out_fd = master;
    programmer.client = false;
    if (programmer.opt.pty_link != NULL) {
        struct stat st;
        if (lstat(programmer.opt.pty_link, &st) == 0 && S_ISLNK(st.st_mode)) {
            unlink(programmer.opt.pty_link);
        }
        if (symlink(programmer.pty_path, programmer.opt.pty_link) != 0) {
            sim_say("cannot make the link %s to %s: %s (give another path after pty:)",
                    programmer.opt.pty_link, programmer.pty_path, strerror(errno));
            return -1;
        }
    }
    if (programmer.opt.pty_link != NULL) {
        sim_say("UART0 is on %s (linked from %s): e.g. picocom -b 115200 %s", programmer.pty_path,
                programmer.opt.pty_link, programmer.opt.pty_link);
    } else {
        sim_say("UART0 is on %s: e.g. picocom -b 115200 %s, or mpremote connect %s",
                programmer.pty_path, programmer.pty_path, programmer.pty_path);
    }
    return 0;
}

static int open_rfc2217(void) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        sim_say("cannot open a TCP socket: %s", strerror(errno));
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((uint16_t)programmer.opt.port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(fd, 4) != 0) {
        sim_say("cannot listen on 127.0.0.1:%d: %s (choose another port, or 0 for any free one)",
                programmer.opt.port, strerror(errno));
        close(fd);
        return -1;
    }
    socklen_t len = sizeof(addr);
    getsockname(fd, (struct sockaddr *)&addr, &len);
    programmer.listen_fd = fd;
    programmer.client = false;
    sim_say("UART0 is at rfc2217://127.0.0.1:%u (RFC 2217; DTR/RTS %s)", ntohs(addr.sin_port),
            programmer.opt.reset_circuit ? "drive GPIO0/EN as on the ESP32-CAM-MB"
                                         : "not connected (--reset-circuit none)");
    return 0;
}

/* ---------------------------------------------------------------- clients */

static void client_gone(const char *why) {
    if (programmer.opt.serial == SIM_SERIAL_RFC2217) {
        close(programmer.in_fd);
        programmer.in_fd = programmer.out_fd = -1;
        sim_buf_clear(&programmer.to_line);
        sim_buf_clear(&programmer.held);
    }
    programmer.client = false;
    sim_note("%s", why);
    /* the host drops DTR and RTS when the port is closed */
    set_lines(false, false);
}

/* A client while the port is taken: a line that says so, then our side of
 * the connection is shut; what the client still sends is read and dropped
 * until it closes, so it sees an orderly end (its library reports that the
 * server does not take it) instead of a reset connection. */
static void turn_away(int fd) {
    static const char busy[] =
        "campy-board: UART0 is in use by another client; connect again once it has closed "
        "the port\r\n";
    ssize_t put = send(fd, busy, sizeof(busy) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
    (void)put;
    shutdown(fd, SHUT_WR);
    sim_note("a second RFC 2217 client was turned away: the port is open by another");
    for (size_t i = 0; i < TURNED_AWAY_MAX; i++) {
        if (programmer.turned_away[i].fd < 0) {
            programmer.turned_away[i].fd = fd;
            programmer.turned_away[i].until = sim_monotonic_us() + TURNED_AWAY_MS * 1000u;
            return;
        }
    }
    close(fd); /* too many at once: they are simply closed */
}

static void turned_away_end(size_t i) {
    close(programmer.turned_away[i].fd);
    programmer.turned_away[i].fd = -1;
}

/* Drops what a turned-away client sent; ends it at its close or when its
 * time is up. */
static void turned_away_read(size_t i) {
    uint8_t data[4096];
    ssize_t got = recv(programmer.turned_away[i].fd, data, sizeof(data), MSG_DONTWAIT);
    if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) {
        turned_away_end(i);
    }
}

static void accept_client(void) {
    struct sockaddr_in from;
    socklen_t len = sizeof(from);
    int fd =
        accept4(programmer.listen_fd, (struct sockaddr *)&from, &len, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) {
        return;
    }
    if (programmer.client) {
        turn_away(fd);
        return;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    programmer.in_fd = programmer.out_fd = fd;
    programmer.client = true;
    sim_buf_clear(&programmer.to_line);
    sim_telnet_start(&programmer.telnet, &programmer.to_line);
    sim_note("RFC 2217 client connected from port %u", ntohs(from.sin_port));
}

/* Whether a program has the pty's slave side open: the master hears a
 * hang-up while none has. */
static void pty_check_client(uint64_t now) {
    if (programmer.client || now < programmer.pty_check_at) {
        return;
    }
    struct pollfd p = {programmer.in_fd, 0, 0};
    if (poll(&p, 1, 0) >= 0 && !(p.revents & POLLHUP)) {
        programmer.client = true;
        sim_note("a program opened %s", programmer.pty_path);
    } else {
        programmer.pty_check_at = now + PTY_RECHECK_MS * 1000u;
    }
}

static void power_off(void);

static void from_client_telnet(const uint8_t *data, size_t n) {
    size_t off = 0;
    while (off < n) {
        unsigned events;
        sim_buf_clear(&programmer.scratch);
        off += sim_telnet_input(&programmer.telnet, data + off, n - off, &programmer.scratch,
                                &programmer.to_line, &events);
        to_chip(programmer.scratch.data + programmer.scratch.start, programmer.scratch.len);
        if (events & SIM_TELNET_LINES) {
            set_lines(programmer.telnet.dtr, programmer.telnet.rts);
        }
        if (events & SIM_TELNET_PURGE_TO_BOARD) {
            sim_buf_clear(&programmer.to_chip);
        }
        if (events & SIM_TELNET_PURGE_FROM_BOARD) {
            sim_buf_clear(&programmer.held);
        }
    }
}

/* Bytes from the user's side. Returns false when the board is to be
 * powered off. */
static bool from_client(void) {
    uint8_t data[4096];
    ssize_t got = read(programmer.in_fd, data, sizeof(data));
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) {
        return true;
    }
    if (got <= 0) {
        if (programmer.opt.serial == SIM_SERIAL_STDIO) {
            programmer.stdin_open = false; /* the board keeps running for the output */
        } else if (programmer.opt.serial == SIM_SERIAL_PTY) {
            client_gone("the program on the pty closed it");
        } else {
            client_gone("the RFC 2217 client disconnected");
        }
        return true;
    }
    size_t n = (size_t)got;
    if (programmer.opt.serial == SIM_SERIAL_RFC2217) {
        from_client_telnet(data, n);
        return true;
    }
    if (programmer.opt.serial == SIM_SERIAL_STDIO && programmer.stdin_tty) {
        uint8_t *esc = memchr(data, ESCAPE_KEY, n);
        if (esc != NULL) {
            to_chip(data, (size_t)(esc - data));
            return false;
        }
    }
    to_chip(data, n);
    return true;
}

/* Sends what the user's side can take now. Returns false when stdout
 * is gone (nobody to show the board to). */
static bool to_client(void) {
    size_t n = programmer.to_line.len < 16384 ? programmer.to_line.len : 16384;
    ssize_t put = write(programmer.out_fd, sim_buf_head(&programmer.to_line), n);
    if (put > 0) {
        sim_buf_consume(&programmer.to_line, (size_t)put);
        return true;
    }
    if (put < 0 && (errno == EINTR || errno == EAGAIN)) {
        return true;
    }
    if (programmer.opt.serial == SIM_SERIAL_STDIO) {
        return false;
    }
    client_gone(programmer.opt.serial == SIM_SERIAL_PTY ? "the program on the pty closed it"
                                                        : "the RFC 2217 client disconnected");
    return true;
}

/* ---------------------------------------------------------------- the loop */

static void power_off(void) {
    chip_stop();
    if (programmer.opt.serial == SIM_SERIAL_STDIO && programmer.to_line.len > 0) {
        ssize_t put =
            write(programmer.out_fd, sim_buf_head(&programmer.to_line), programmer.to_line.len);
        (void)put;
    }
    if (programmer.termios_saved) {
        ssize_t put = write(programmer.out_fd, "\r\n", 2); /* the note on a line of its own */
        (void)put;
    }
    sim_note("powered off");
    restore_terminal();
    if (programmer.opt.pty_link != NULL) {
        unlink(programmer.opt.pty_link);
    }
}

/* Handles the signals that arrived. Returns false to power off. */
static bool handle_signals(void) {
    unsigned char sigs[32];
    ssize_t got = read(programmer.sig_pipe[0], sigs, sizeof(sigs));
    for (ssize_t i = 0; i < got; i++) {
        if (sigs[i] != SIGUSR1) {
            return false;
        }
        if (en_low()) {
            sim_note("reset button (SIGUSR1): EN is already held low by RTS");
        } else {
            sim_note("reset button (SIGUSR1): the chip resets");
            en_reset();
        }
    }
    return true;
}

static void handle_timers(uint64_t now) {
    if ((programmer.state == CHIP_ASLEEP || programmer.state == CHIP_REBOOTING) &&
        programmer.wake_at != FOREVER && now >= programmer.wake_at) {
        chip_start(programmer.wake_cause);
    }
    for (size_t i = 0; i < TURNED_AWAY_MAX; i++) {
        if (programmer.turned_away[i].fd >= 0 && now >= programmer.turned_away[i].until) {
            turned_away_end(i);
        }
    }
    if (programmer.opt.serial == SIM_SERIAL_PTY) {
        pty_check_client(now);
        if (!programmer.client && programmer.to_line.len > 0) {
            /* into the pty's own buffer, for whoever opens it */
            ssize_t put =
                write(programmer.out_fd, sim_buf_head(&programmer.to_line), programmer.to_line.len);
            if (put > 0) {
                sim_buf_consume(&programmer.to_line, (size_t)put);
            }
        }
    }
}

static int poll_timeout(uint64_t now) {
    uint64_t next = FOREVER;
    if ((programmer.state == CHIP_ASLEEP || programmer.state == CHIP_REBOOTING) &&
        programmer.wake_at < next) {
        next = programmer.wake_at;
    }
    if (programmer.opt.serial == SIM_SERIAL_PTY && !programmer.client &&
        programmer.pty_check_at < next) {
        next = programmer.pty_check_at;
    }
    for (size_t i = 0; i < TURNED_AWAY_MAX; i++) {
        if (programmer.turned_away[i].fd >= 0 && programmer.turned_away[i].until < next) {
            next = programmer.turned_away[i].until;
        }
    }
    if (next == FOREVER) {
        return -1;
    }
    uint64_t ms = next > now ? (next - now + 999u) / 1000u : 0;
    return ms > 3600000u ? 3600000 : (int)ms;
}

static void chip_io(short revents) {
    if ((revents & POLLOUT) && programmer.to_chip.len > 0) {
        ssize_t put = send(programmer.chip_fd, sim_buf_head(&programmer.to_chip),
                           programmer.to_chip.len, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (put > 0) {
            sim_buf_consume(&programmer.to_chip, (size_t)put);
        }
    }
    if (revents & (POLLIN | POLLHUP | POLLERR)) {
        uint8_t data[16384];
        ssize_t got = recv(programmer.chip_fd, data, sizeof(data), MSG_DONTWAIT);
        if (got > 0) {
            to_user(data, (size_t)got);
        } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
            chip_ended();
        }
    }
}

/* RFC 2217: board output into the socket's queue, escaped, a little at a
 * time, unless the client asked for a pause. */
static void feed_client(void) {
    if (programmer.opt.serial != SIM_SERIAL_RFC2217 || !programmer.client ||
        programmer.telnet.suspended) {
        return;
    }
    if (programmer.held.len > 0 && programmer.to_line.len < 16384) {
        size_t n = programmer.held.len < 16384 ? programmer.held.len : 16384;
        sim_telnet_output(sim_buf_head(&programmer.held), n, &programmer.to_line);
        sim_buf_consume(&programmer.held, n);
    }
}

static int run_loop(void) {
    for (;;) {
        uint64_t now = sim_monotonic_us();
        handle_timers(now);
        feed_client();
        struct pollfd fds[4 + TURNED_AWAY_MAX];
        int nfds = 0, sig_i = nfds++, chip_i = -1, line_i = -1, listen_i = -1;
        int away_i[TURNED_AWAY_MAX];
        fds[sig_i] = (struct pollfd){programmer.sig_pipe[0], POLLIN, 0};
        bool line_full = programmer.to_line.len + programmer.held.len >= QUEUE_LIMIT;
        if (programmer.state == CHIP_RUNNING) {
            chip_i = nfds++;
            short ev = (short)((programmer.client && line_full) ? 0 : POLLIN);
            if (programmer.to_chip.len > 0) {
                ev |= POLLOUT;
            }
            fds[chip_i] = (struct pollfd){programmer.chip_fd, ev, 0};
        }
        if (programmer.client) {
            short ev = 0;
            bool stdin_wanted = programmer.opt.serial != SIM_SERIAL_STDIO || programmer.stdin_open;
            if (programmer.to_chip.len < QUEUE_LIMIT && stdin_wanted) {
                ev |= POLLIN;
            }
            if (programmer.to_line.len > 0) {
                ev |= POLLOUT;
            }
            if (programmer.opt.serial == SIM_SERIAL_STDIO) {
                /* stdin and stdout are two files: output is written when
                 * poll says stdout can take it */
                if (ev & POLLIN) {
                    line_i = nfds++;
                    fds[line_i] = (struct pollfd){0, POLLIN, 0};
                }
                if (programmer.to_line.len > 0) {
                    int out_i = nfds++;
                    fds[out_i] = (struct pollfd){1, POLLOUT, 0};
                }
            } else {
                line_i = nfds++;
                fds[line_i] = (struct pollfd){programmer.in_fd, ev, 0};
            }
        }
        if (programmer.listen_fd >= 0) {
            listen_i = nfds++;
            fds[listen_i] = (struct pollfd){programmer.listen_fd, POLLIN, 0};
        }
        for (size_t i = 0; i < TURNED_AWAY_MAX; i++) {
            away_i[i] = -1;
            if (programmer.turned_away[i].fd >= 0) {
                away_i[i] = nfds++;
                fds[away_i[i]] = (struct pollfd){programmer.turned_away[i].fd, POLLIN, 0};
            }
        }
        int ready = poll(fds, (nfds_t)nfds, poll_timeout(now));
        if (ready < 0) {
            if (errno == EINTR) {
                continue;
            }
            sim_say("poll failed: %s", strerror(errno));
            power_off();
            return 1;
        }
        if ((fds[sig_i].revents & POLLIN) && !handle_signals()) {
            power_off();
            return 0;
        }
        if (chip_i >= 0 && programmer.state == CHIP_RUNNING && fds[chip_i].revents != 0) {
            chip_io(fds[chip_i].revents);
        }
        if (line_i >= 0 && programmer.client) {
            short rev = fds[line_i].revents;
            if (rev & (POLLIN | POLLHUP | POLLERR)) {
                if (programmer.opt.serial == SIM_SERIAL_PTY && (rev & POLLHUP) && !(rev & POLLIN)) {
                    client_gone("the program on the pty closed it");
                } else if (!from_client()) {
                    power_off();
                    return 0;
                }
            }
        }
        bool writable = false;
        for (int i = 0; i < nfds; i++) {
            if (fds[i].fd == programmer.out_fd && (fds[i].revents & POLLOUT)) {
                writable = true;
            }
        }
        if (programmer.client && writable && programmer.to_line.len > 0 && !to_client()) {
            sim_note("stdout was closed");
            power_off();
            return 0;
        }
        for (size_t i = 0; i < TURNED_AWAY_MAX; i++) {
            if (away_i[i] >= 0 && fds[away_i[i]].revents != 0) {
                turned_away_read(i);
            }
        }
        if (listen_i >= 0 && (fds[listen_i].revents & POLLIN)) {
            accept_client();
        }
    }
}

int sim_board_run(const sim_options *options, const sim_chip_config *chip) {
    programmer.opt = *options;
    programmer.chip_config = *chip;
    if (signals_init() != 0) {
        sim_say("cannot set up signal handling: %s", strerror(errno));
        return 1;
    }
    int opened = programmer.opt.serial == SIM_SERIAL_STDIO ? open_stdio()
                 : programmer.opt.serial == SIM_SERIAL_PTY ? open_pty()
                                                           : open_rfc2217();
    if (opened != 0) {
        return 2;
    }
    chip_start(HAL_RESET_POWERON);
    return run_loop();
}
