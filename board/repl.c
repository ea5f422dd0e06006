/*
 * repl.c - the REPLs on UART0, as MicroPython's boards have them.
 *
 * Friendly REPL: the shared line editor (lib/readline.c) with ">>> " and
 * "... " prompts; Ctrl-A raw REPL, Ctrl-B banner, Ctrl-C drop the line,
 * Ctrl-D soft reset, Ctrl-E paste mode.
 *
 * Raw REPL (for host tools): "raw REPL; CTRL-B to exit\r\n>", then code up
 * to Ctrl-D, answered "OK", the output, \x04, the exception if any, \x04.
 * Ctrl-D on an empty input soft-resets, Ctrl-B goes back to the friendly
 * REPL, Ctrl-C drops what was sent, Ctrl-A starts over.
 *
 * Raw-paste mode (\x05 'A' \x01 in the raw REPL): answered "R\x01", the
 * flow-control window (two bytes, little-endian) and a first \x01; the host
 * may then send window bytes for each \x01 it receives, and ends with \x04,
 * which is answered with \x04 before the code runs. The board sends \x04
 * instead of \x01 to make the host stop early (the code does not fit in
 * the heap). Received code goes into one heap block that grows as needed
 * and is freed once compiled.
 */
#include <string.h>

#include "brd.h"
#include "lib/readline.h"

#define HISTORY 20
#define RAW_PASTE_WINDOW 256

enum { CTRL_A = 1, CTRL_B = 2, CTRL_C = 3, CTRL_D = 4, CTRL_E = 5 };

brd_repl_kind brd_repl_mode = BRD_REPL_FRIENDLY;

static py_readline editor;
static bool editor_ready;

static int editor_read(void *ctx) {
    (void)ctx;
    return brd_console_read_byte();
}

static void editor_write(void *ctx, const char *s, size_t n) {
    (void)ctx;
    brd_console_write(s, n);
}

void brd_repl_reset(void) {
    if (editor_ready) {
        py_readline_history_clear(&editor);
    }
}

/* ---------------------------------------------------------------- friendly REPL */

/* Returns true when a soft reset was asked for, false to go to the raw REPL. */
static bool friendly_repl(void) {
    if (!editor_ready) {
        py_readline_io io = {NULL, editor_read, editor_write};
        py_readline_init(&editor, io, true, true, HISTORY);
        editor_ready = true;
    }
    for (;;) {
        int mode = PY_INPUT_SINGLE;
        switch (py_readline_statement(&editor)) {
        case PY_READLINE_EOF:
            return true;
        case PY_READLINE_RAW:
            brd_console_puts("\r\n");
            brd_repl_mode = BRD_REPL_RAW;
            return false;
        case PY_READLINE_BANNER:
            brd_console_puts("\r\n");
            brd_print_banner();
            continue;
        case PY_READLINE_PASTE:
            if (py_readline_paste(&editor) != PY_READLINE_LINE) {
                continue;
            }
            mode = PY_INPUT_FILE; /* compiled as a file, as MicroPython does */
            break;
        case PY_READLINE_LINE:
            break;
        default:
            continue; /* Ctrl-C: the line is dropped */
        }
        if (brd_exec(editor.text, editor.text_len, QA_stdin, mode, 0) == BRD_EXEC_EXIT) {
            return true;
        }
    }
}

/* ---------------------------------------------------------------- raw REPL */

static void raw_memory_error(size_t len) {
    brd_console_printf("\x04MemoryError: %lu bytes of code do not fit in the free heap\n\x04",
                       (unsigned long)len);
}

/* Raw-paste mode; the header was asked for. Returns a BRD_EXEC_* result. */
static int raw_paste(void) {
    static const char header[5] = {'R', 1, RAW_PASTE_WINDOW & 0xff, RAW_PASTE_WINDOW >> 8, 1};
    brd_console_write(header, sizeof(header));
    brd_text code = {0};
    size_t received = 0, window_left = RAW_PASTE_WINDOW;
    bool aborted = false;
    int c;
    while ((c = brd_console_read_byte()) != CTRL_D && c != CTRL_C) {
        char byte = (char)c;
        received++;
        if (!aborted && !brd_text_add(&code, &byte, 1)) {
            aborted = true;
            brd_text_free(&code);
            brd_console_write("\x04", 1); /* the host stops sending and answers \x04 */
        }
        if (--window_left == 0) {
            window_left = RAW_PASTE_WINDOW;
            if (!aborted) {
                brd_console_write("\x01", 1);
            }
        }
    }
    if (aborted) {
        raw_memory_error(received);
        return BRD_EXEC_EXCEPTION;
    }
    brd_console_write("\x04", 1); /* end of data seen: the host may read on */
    if (c == CTRL_C) {
        brd_text_free(&code);
        brd_console_write("\x04", 1);
        py_nlr nlr;
        py_try(nlr) {
            py_print_exception(&py_print_stdout, py_exc_new(&py_type_KeyboardInterrupt, 0, NULL));
            py_nlr_pop();
        } else {
            brd_console_puts("KeyboardInterrupt\r\n");
        }
        brd_console_write("\x04", 1);
        return BRD_EXEC_EXCEPTION;
    }
    return brd_exec_text(&code, QA_stdin, PY_INPUT_FILE, BRD_EXEC_RAW);
}

/* Returns true when a soft reset was asked for, false to go to the friendly
 * REPL. */
static bool raw_repl(void) {
    brd_log_mute(true);
    brd_console_puts("raw REPL; CTRL-B to exit\r\n");
    for (;;) {
        brd_text code = {0};
        size_t received = 0;
        bool full = false;
        brd_console_puts(">");
        int c;
        while ((c = brd_console_read_byte()) != CTRL_D) {
            if (c == CTRL_A) {
                bool paste_request = received == 2 && !full && code.data[0] == CTRL_E;
                bool paste = paste_request && code.data[1] == 'A';
                brd_text_free(&code);
                received = 0;
                full = false;
                if (paste) {
                    if (raw_paste() == BRD_EXEC_EXIT) {
                        return true;
                    }
                    brd_console_puts(">");
                } else if (paste_request) {
                    brd_console_write("R\x00", 2); /* a command this board does not know */
                } else {
                    brd_console_puts("raw REPL; CTRL-B to exit\r\n>");
                }
            } else if (c == CTRL_B) {
                brd_text_free(&code);
                brd_console_puts("\r\n");
                brd_repl_mode = BRD_REPL_FRIENDLY;
                brd_log_mute(false);
                return false;
            } else if (c == CTRL_C) {
                brd_text_free(&code);
                received = 0;
                full = false;
            } else {
                char byte = (char)c;
                received++;
                if (!full && !brd_text_add(&code, &byte, 1)) {
                    full = true;
                    brd_text_free(&code);
                }
            }
        }
        brd_console_puts("OK");
        if (received == 0) {
            brd_console_puts("\r\n");
            return true;
        }
        if (full) {
            raw_memory_error(received);
            continue;
        }
        if (brd_exec_text(&code, QA_stdin, PY_INPUT_FILE, BRD_EXEC_RAW) == BRD_EXEC_EXIT) {
            return true;
        }
    }
}

/* ---------------------------------------------------------------- both */

void brd_repl_run(void) {
    bool banner = false; /* the boot printed it already */
    for (;;) {
        if (brd_repl_mode == BRD_REPL_RAW) {
            if (raw_repl()) {
                return;
            }
            banner = true;
        } else {
            brd_log_mute(false);
            if (banner) {
                brd_print_banner();
            }
            banner = false;
            if (friendly_repl()) {
                return;
            }
        }
    }
}
