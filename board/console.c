/*
 * console.c - the board's console: UART0 plus the os.dupterm streams.
 *
 * Everything Python prints and everything the REPL says goes to UART0 and
 * to each dupterm stream; input comes from whichever has a byte first. As on
 * the board, stdout turns "\n" into "\r\n". A small read-ahead buffer lets
 * the raw REPL take bytes in runs instead of one UART call per byte.
 *
 * Ctrl-C: while code runs the port watches the UART for the interrupt
 * character and calls brd_uart_interrupt() from its receive context, which
 * only marks a KeyboardInterrupt pending (the VM raises it at its next
 * check). Bytes from dupterm streams are checked here.
 */
#include <stdio.h>
#include <string.h>

#include "brd.h"
#include "lib/vfs.h"

#define READ_AHEAD 256
#define DUPTERM_POLL_MS 10

static uint8_t ahead[READ_AHEAD];
static size_t ahead_pos, ahead_len;
static volatile int interrupt_char = -1;
static bool python_ready;
static bool in_dupterm; /* a dupterm stream is being called: no recursion */

/* Input read ahead stays across a soft reset: a host tool that sends the
 * next command right after Ctrl-D must not lose it. */
void brd_console_python_ready(bool ready) { python_ready = ready; }

/* ---------------------------------------------------------------- Ctrl-C */

void brd_uart_interrupt(void) {
    py_val kbi = py_st.extra[BRD_ROOT_KBD_INTR];
    if (kbi != PY_NULL) {
        /* the one KeyboardInterrupt object is raised again and again: each
         * time with a fresh traceback */
        py_exc *e = py_ptr(kbi);
        e->traceback = PY_NULL;
        e->context = PY_NULL;
        py_set_pending_exception(kbi);
    }
}

void brd_console_set_interrupt_char(int c) {
    interrupt_char = c;
    hal_uart_set_interrupt_char(c);
}

int brd_console_interrupt_char(void) { return interrupt_char; }

/* ---------------------------------------------------------------- dupterm */

static bool dupterm_active(void) {
    return python_ready &&
           (py_os_dupterm_get(0) != PY_NONE || py_os_dupterm_get(1) != PY_NONE);
}

/* A stream that fails is detached, as MicroPython does, so the console
 * keeps working on UART0. */
static void dupterm_failed(size_t slot, py_val exc) {
    py_os_dupterm_set(slot, PY_NONE);
    static const char msg[] = "\r\ndupterm: the stream failed and was detached: ";
    hal_uart_write((const uint8_t *)msg, sizeof(msg) - 1);
    py_nlr nlr;
    py_try(nlr) {
        py_val text = py_str_of(exc);
        size_t n;
        const char *s = py_str_data(text, &n);
        hal_uart_write((const uint8_t *)s, n);
        py_nlr_pop();
    } else {
        /* the message itself failed: the line above says enough */
    }
    hal_uart_write((const uint8_t *)"\r\n", 2);
}

/* Output goes to the dupterm streams as well, through the os module's
 * side of dupterm (which detaches a stream that fails); not while one of
 * them is being read here. */
static void dupterm_write(const char *s, size_t n) {
    if (dupterm_active() && !in_dupterm) {
        py_os_dupterm_write(s, n);
    }
}

/* One byte from a dupterm stream that has one ready, or -1. */
static int dupterm_read(void) {
    if (!dupterm_active() || in_dupterm) {
        return -1;
    }
    in_dupterm = true;
    volatile int got = -1;
    for (size_t slot = 0; slot < 2 && got < 0; slot++) {
        volatile py_val stream = py_os_dupterm_get(slot);
        if (stream == PY_NONE) {
            continue;
        }
        py_nlr nlr;
        py_try(nlr) {
            uint8_t c;
            if ((py_stream_poll(stream, PY_POLL_IN) & PY_POLL_IN) != 0 &&
                py_stream_read(stream, &c, 1) == 1) {
                got = c;
            }
            py_nlr_pop();
        } else {
            dupterm_failed(slot, nlr.exc);
        }
    }
    in_dupterm = false;
    if (got >= 0 && got == interrupt_char) {
        brd_uart_interrupt();
        return -1;
    }
    return got;
}

/* ---------------------------------------------------------------- output */

void brd_console_write(const char *s, size_t n) {
    hal_uart_write((const uint8_t *)s, n);
    dupterm_write(s, n);
}

void brd_console_puts(const char *s) { brd_console_write(s, strlen(s)); }

void brd_console_write_cooked(const char *s, size_t n) {
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            if (i > start) {
                brd_console_write(s + start, i - start);
            }
            brd_console_write("\r\n", 2);
            start = i + 1;
        }
    }
    if (n > start) {
        brd_console_write(s + start, n - start);
    }
}

void brd_console_printf(const char *fmt, ...) {
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if ((size_t)n >= sizeof(line)) {
        n = (int)sizeof(line) - 1; /* firmware messages are short; keep what fits */
    }
    brd_console_write_cooked(line, (size_t)n);
}

/* ---------------------------------------------------------------- input */

bool brd_console_input_ready(void) { return ahead_pos < ahead_len || hal_uart_rx_waiting() > 0; }

/* Fills the read-ahead buffer, waiting up to timeout_ms (the port returns
 * early, empty-handed, when Ctrl-C comes while code runs). */
static void fill(int timeout_ms) {
    ahead_pos = 0;
    ahead_len = hal_uart_read(ahead, sizeof(ahead), timeout_ms);
}

/* The next byte. With code running (deliver_pending), Ctrl-C and scheduled
 * callbacks are delivered while waiting: KeyboardInterrupt is raised from
 * here, as from any blocking call. */
static int read_byte(bool deliver_pending) {
    for (;;) {
        if (ahead_pos < ahead_len) {
            return ahead[ahead_pos++];
        }
        if (deliver_pending && py_pending) {
            py_handle_pending();
        }
        int c = dupterm_read();
        if (c >= 0) {
            return c;
        }
        if (deliver_pending && py_pending) {
            continue;
        }
        fill(dupterm_active() ? DUPTERM_POLL_MS : -1);
    }
}

int brd_console_read_byte(void) { return read_byte(false); }

int brd_console_read_key(void) { return read_byte(true); }

size_t brd_console_read_stdin(char *buf, size_t n) {
    if (n == 0) {
        return 0;
    }
    size_t got = 0;
    buf[got++] = (char)read_byte(true);
    while (got < n && ahead_pos < ahead_len) {
        buf[got++] = (char)ahead[ahead_pos++];
    }
    return got;
}

/* ---------------------------------------------------------------- sys.stdin, sys.stdout */

/* As on MicroPython's boards, only the text streams translate: sys.stdout
 * sends "\n" as "\r\n" (the port's write hook does that) and sys.stdin
 * reads Enter ("\r") as "\n", so that readline() ends where a person
 * pressed Enter. The .buffer streams move bytes as they are: host tools
 * run binary protocols over them (mpremote's mount). */
static int text_stdin_read(py_val self, void *buf, size_t n, size_t *got) {
    (void)self;
    *got = brd_console_read_stdin(buf, n);
    char *s = buf;
    for (size_t i = 0; i < *got; i++) {
        if (s[i] == '\r') {
            s[i] = '\n';
        }
    }
    py_handle_pending(); /* a Ctrl-C that ended the wait */
    return 0;
}

static int binary_stdout_write(py_val self, const void *buf, size_t n, size_t *done) {
    (void)self;
    brd_console_write(buf, n);
    *done = n;
    return 0;
}

static const py_file_ops text_stdin_ops = {text_stdin_read, NULL, NULL, NULL, NULL, NULL, false};
static const py_file_ops binary_stdout_ops = {NULL, binary_stdout_write, NULL, NULL,
                                              NULL, NULL, false};

void brd_console_stdio_init(void) {
    py_sys_stdio[0].ops = &text_stdin_ops;    /* sys.stdin */
    py_sys_stdio[4].ops = &binary_stdout_ops; /* sys.stdout.buffer */
    py_sys_stdio[5].ops = &binary_stdout_ops; /* sys.stderr.buffer */
}
