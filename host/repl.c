/*
 * repl.c - the runner's interactive prompt.
 *
 * The terminal is put in raw mode and lines are edited by the shared line
 * editor (lib/readline.c): cursor keys, history, tab completion, auto-indent,
 * Ctrl-C to drop the line, Ctrl-D to leave, Ctrl-E for paste mode. A complete
 * statement is run in __main__ with expression values echoed.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "campy.h"
#include "host.h"
#include "lib/readline.h"
#include "lib/vfs.h"

#define HISTORY_LEN 100

static struct termios saved_termios;
static bool raw_mode;

static void term_raw(bool on) {
    if (on && !raw_mode) {
        if (tcgetattr(0, &saved_termios) != 0) {
            return;
        }
        struct termios t = saved_termios;
        t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
        t.c_iflag &= ~(tcflag_t)(IXON | ICRNL);
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        tcsetattr(0, TCSADRAIN, &t); /* not FLUSH: keep typed-ahead and pasted input */
        raw_mode = true;
    } else if (!on && raw_mode) {
        tcsetattr(0, TCSADRAIN, &saved_termios);
        raw_mode = false;
    }
}

static void write_out(void *ctx, const char *s, size_t n) {
    (void)ctx;
    fwrite(s, 1, n, stdout);
}

/* Drops a pending Ctrl-C (a SIGINT that came while reading a line). */
static bool take_pending_interrupt(void) {
    if (!py_pending) {
        return false;
    }
    py_nlr nlr;
    py_try(nlr) {
        py_handle_pending();
        py_nlr_pop();
    } else {
        /* the KeyboardInterrupt: the line is dropped instead */
    }
    return true;
}

/* The next byte of input; -1 at the end of input, 3 (Ctrl-C) for a SIGINT. */
static int read_key(void *ctx) {
    (void)ctx;
    unsigned char c;
    fflush(stdout);
    for (;;) {
        ssize_t n = read(0, &c, 1);
        if (n == 1) {
            return c;
        }
        if (n < 0 && errno == EINTR) {
            if (take_pending_interrupt()) {
                return 3;
            }
            continue;
        }
        return -1;
    }
}

int host_repl(const char *version, bool *system_exit) {
    *system_exit = false;
    printf("campy v%s on %s; linux [%s] version\n", version, __DATE__,
#if defined(__clang__)
           "clang"
#else
           "GCC"
#endif
    );
    printf("Use Ctrl-D to exit, Ctrl-E for paste mode\n");
    term_raw(true);
    /* Standard input is a terminal: edit lines. Otherwise read them plainly,
     * without echo or indentation, so piped input runs as typed. */
    py_readline rl;
    py_readline_io io = {NULL, read_key, write_out};
    py_readline_init(&rl, io, isatty(0), false, HISTORY_LEN);
    int status = 0;
    for (;;) {
        int r = py_readline_statement(&rl);
        if (r == PY_READLINE_EOF) {
            break;
        }
        if (r == PY_READLINE_PASTE) {
            r = py_readline_paste(&rl);
        }
        if (r != PY_READLINE_LINE) {
            continue;
        }
        term_raw(false);
        status = host_exec(rl.text, rl.text_len, QA_stdin, PY_INPUT_SINGLE, system_exit);
        py_heap_unlock_all(); /* a locked heap would refuse every next line */
        term_raw(true);
        if (*system_exit) {
            break;
        }
        status = 0;
    }
    term_raw(false);
    py_readline_free(&rl);
    return status;
}

int host_run_stdin(bool *system_exit) {
    py_buf src;
    volatile int status = 0;
    py_nlr nlr;
    py_try(nlr) {
        py_buf_init(&src, 1024);
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
            py_buf_add(&src, chunk, n);
        }
        py_nlr_pop();
    } else {
        *system_exit = false;
        py_print_exception(&py_print_stderr, nlr.exc);
        return 1;
    }
    status = host_exec(src.data, src.len, QA_stdin, PY_INPUT_FILE, system_exit);
    *system_exit = true; /* stdin is consumed: no REPL afterwards */
    return status;
}
