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
#include <stdlib.h>
#include <string.h>

#include "brd.h"
#include "lib/readline.h"
#include "lib/vfs.h"

#define HISTORY 20
#define RAW_PASTE_WINDOW 256

enum { CTRL_A = 1, CTRL_B = 2, CTRL_C = 3, CTRL_D = 4, CTRL_E = 5 };

brd_repl_kind brd_repl_mode = BRD_REPL_FRIENDLY;

static py_readline editor;
static bool editor_ready;

/* A terminal that ends lines with CR LF (miniterm's default) means one
 * Enter, not two: a LF right after a CR is dropped, so such a terminal
 * sees one prompt per line as with MicroPython (whose editor ignores LF).
 * A LF on its own still ends a line. */
static bool key_after_cr;

static int editor_key(int (*read)(void)) {
    int c = read();
    if (c == '\n' && key_after_cr) {
        key_after_cr = false;
        c = read();
    }
    key_after_cr = c == '\r';
    return c;
}

static int editor_read(void *ctx) {
    (void)ctx;
    return editor_key(brd_console_read_byte);
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

static int input_read(void *ctx) {
    (void)ctx;
    return editor_key(brd_console_read_key); /* Ctrl-C raises KeyboardInterrupt */
}

static void editor_init(void) {
    if (!editor_ready) {
        py_readline_io io = {NULL, editor_read, editor_write};
        py_readline_init(&editor, io, true, true, HISTORY);
        editor_ready = true;
    }
}

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_sequence(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    size_t len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
                              : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len == 0 || len > n) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            return 0;
        }
    }
    if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) || (c == 0xf0 && s[1] < 0x90) ||
        (c == 0xf4 && s[1] > 0x8f)) {
        return 0;
    }
    return len;
}

/* Bytes a terminal sent that are not UTF-8 become '?': a str must be text. */
static void make_text(char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t k = utf8_sequence((const unsigned char *)s + i, n - i);
        if (k == 0) {
            s[i++] = '?';
        } else {
            i += k;
        }
    }
}

/* input() on the board: the UART does not echo, so the line editor reads
 * the line, as MicroPython's input() does. */
static py_val read_line(const char *prompt, size_t len) {
    editor_init();
    char *text = malloc(len + 1);
    if (text == NULL) {
        py_raise_memory_error();
    }
    memcpy(text, prompt, len);
    text[len] = 0; /* a prompt with a NUL shows up to it */
    editor.io.read_byte = input_read;
    py_nlr nlr;
    volatile int r = PY_READLINE_EOF;
    py_try(nlr) {
        r = py_readline_line(&editor, text, "");
        py_nlr_pop();
    } else {
        editor.io.read_byte = editor_read;
        free(text);
        py_raise(nlr.exc);
    }
    editor.io.read_byte = editor_read;
    free(text);
    if (r == PY_READLINE_CANCEL) {
        py_raise(py_exc_new(&py_type_KeyboardInterrupt, 0, NULL)); /* kbd_intr(-1) and Ctrl-C */
    }
    if (r == PY_READLINE_EOF && editor.len == 0) {
        py_raise_type(&py_type_EOFError);
    }
    make_text(editor.line, editor.len);
    return py_str_new(editor.line, editor.len);
}

void brd_repl_hooks(void) { py_port_hooks.read_line = read_line; }

/* ---------------------------------------------------------------- friendly REPL */

/* Returns true when a soft reset was asked for, false to go to the raw REPL. */
static bool friendly_repl(void) {
    editor_init();
    for (;;) {
        int mode = PY_INPUT_SINGLE;
        py_heap_unlock_all(); /* a locked heap would refuse every next line */
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
        py_heap_unlock_all(); /* a program that left it locked would lock out the next */
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
