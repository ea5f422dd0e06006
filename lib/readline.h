/*
 * readline.h - the line editor of the interactive prompts: the PC runner's
 * REPL and the board's friendly REPL share it.
 *
 * The editor knows nothing of terminals or UARTs: it reads bytes and writes
 * text through two callbacks. It offers cursor keys, Home/End, Backspace and
 * Delete, the Emacs control keys, history, tab completion of names and
 * attributes, auto-indent of continuation lines and paste mode. Text is kept
 * in C memory (malloc), not on the Python heap, so a user can still type
 * `del big_list` when the heap is full.
 */
#ifndef CAMPY_READLINE_H
#define CAMPY_READLINE_H

#include "campy.h"

#define PY_READLINE_HISTORY_MAX 100

typedef struct py_readline_io {
    void *ctx;
    /* The next byte typed; -1 at the end of input. Ctrl-C comes as 3. */
    int (*read_byte)(void *ctx);
    void (*write)(void *ctx, const char *s, size_t n);
} py_readline_io;

/* How a read ended. */
enum {
    PY_READLINE_CANCEL = -1, /* Ctrl-C: the line or block is dropped */
    PY_READLINE_EOF = 0,     /* Ctrl-D on an empty line, or the end of input */
    PY_READLINE_LINE = 1,    /* a line, or for _statement a whole statement */
    PY_READLINE_PASTE = 2,   /* Ctrl-E on an empty line: paste mode asked for */
    PY_READLINE_RAW = 3,     /* board keys: Ctrl-A on an empty first line */
    PY_READLINE_BANNER = 4,  /* board keys: Ctrl-B on an empty first line */
};

typedef struct py_readline {
    py_readline_io io;
    /* Echo and edit (a terminal). false: plain lines without echo, so piped
     * input runs as typed. */
    bool edit;
    /* MicroPython's board REPL: Ctrl-A and Ctrl-B on an empty first line
     * leave the editor (raw REPL, banner), and Backspace in the leading
     * spaces of a line takes away one indentation level. */
    bool board_keys;
    size_t history_max; /* at most PY_READLINE_HISTORY_MAX */
    /* the line being edited; line[len] == 0 */
    char *line;
    size_t len, cap, cur;
    size_t shown; /* columns between the start of the text and the terminal's cursor */
    const char *prompt;
    char *history[PY_READLINE_HISTORY_MAX];
    size_t history_count;
    /* what _statement and _paste gathered; text[text_len] == 0 */
    char *text;
    size_t text_len, text_cap;
} py_readline;

void py_readline_init(py_readline *rl, py_readline_io io, bool edit, bool board_keys,
                      size_t history_max);
/* Frees the line, the gathered text and the history. */
void py_readline_free(py_readline *rl);
void py_readline_history_clear(py_readline *rl);
void py_readline_history_add(py_readline *rl, const char *line);

/* One line into rl->line after prompt, starting with prefill. Returns
 * LINE, EOF, CANCEL or PASTE. */
int py_readline_line(py_readline *rl, const char *prompt, const char *prefill);

/* A whole statement into rl->text (ending in a newline): ">>> " then
 * "... " lines with auto-indent while it is incomplete; a blank line or
 * Ctrl-D ends a block. Returns LINE, or what ended the first line (EOF,
 * CANCEL, PASTE, RAW, BANNER), or CANCEL for Ctrl-C in a block. */
int py_readline_statement(py_readline *rl);

/* Paste mode: echoes lines after "=== " into rl->text until Ctrl-D
 * (LINE) or Ctrl-C (CANCEL); nothing is indented or completed. */
int py_readline_paste(py_readline *rl);

#endif
