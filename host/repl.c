/*
 * repl.c - the runner's interactive prompt.
 *
 * A small line editor on a raw terminal: cursor keys, Home/End, Backspace and
 * Delete, history (Up/Down), tab completion of names and attributes,
 * auto-indent after a line ending in ':', Ctrl-C to drop the line, Ctrl-D to
 * leave, Ctrl-E for paste mode. Input is gathered until it is a complete
 * statement (py_repl_continue_with_input), then run in __main__ with
 * expression values echoed.
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

#define INDENT_MAX 256
#define HISTORY_LEN 100

static char *history[HISTORY_LEN];
static int history_count;

static struct termios saved_termios;
static bool raw_mode;
/* Standard input is a terminal: edit lines. Otherwise read them plainly,
 * without echo or indentation, so piped input runs as typed. */
static bool interactive;

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

static void out(const char *s, size_t n) {
    fwrite(s, 1, n, stdout);
}
static void outs(const char *s) { out(s, strlen(s)); }

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
static int read_key(void) {
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

static void history_add(const char *line) {
    if (line[0] == 0 || (history_count > 0 && strcmp(history[history_count - 1], line) == 0)) {
        return;
    }
    char *copy = strdup(line);
    if (copy == NULL) {
        return;
    }
    if (history_count == HISTORY_LEN) {
        free(history[0]);
        memmove(history, history + 1, sizeof(history[0]) * (HISTORY_LEN - 1));
        history_count--;
    }
    history[history_count++] = copy;
}

static const char PROMPT[] = ">>> ";
static const char PROMPT_MORE[] = "... ";

/* Text grows in C memory, not on the Python heap: with the heap full the
 * user can still type `del big_list`. buf[len] is always 0. */
typedef struct editor {
    char *buf;
    size_t len, cap, cur;
    const char *prompt;
} editor;

typedef struct source {
    char *data;
    size_t len, cap;
} source;

/* Room for `more` bytes after len (and the 0); false when out of memory. */
static bool grow(char **data, size_t *cap, size_t len, size_t more) {
    if (more > SIZE_MAX / 4 - len) {
        return false;
    }
    size_t need = len + more + 1;
    if (need <= *cap) {
        return true;
    }
    size_t n = *cap < 256 ? 256 : *cap;
    while (n < need) {
        n *= 2;
    }
    char *p = realloc(*data, n);
    if (p == NULL) {
        return false;
    }
    *data = p;
    *cap = n;
    return true;
}

static bool source_add(source *src, const char *s, size_t n) {
    if (!grow(&src->data, &src->cap, src->len, n)) {
        return false;
    }
    memcpy(src->data + src->len, s, n);
    src->len += n;
    src->data[src->len] = 0;
    return true;
}

static void redraw(editor *e) {
    outs("\r");
    outs(e->prompt);
    out(e->buf, e->len);
    outs("\x1b[K");
    /* back to the cursor: one column per character, not per UTF-8 byte */
    size_t columns = 0;
    for (size_t i = e->cur; i < e->len; i++) {
        columns += ((unsigned char)e->buf[i] & 0xc0) != 0x80;
    }
    if (columns > 0) {
        char tmp[32];
        snprintf(tmp, sizeof(tmp), "\x1b[%zuD", columns);
        outs(tmp);
    }
}

static bool insert_text(editor *e, const char *s, size_t n) {
    if (!grow(&e->buf, &e->cap, e->len, n)) {
        outs("\a"); /* out of memory: the text is not taken */
        return false;
    }
    memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur);
    memcpy(e->buf + e->cur, s, n);
    e->len += n;
    e->cur += n;
    e->buf[e->len] = 0;
    return true;
}

/* ---- tab completion */

static bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || (unsigned char)c >= 0x80;
}

/* The names that could follow the dotted word before the cursor: dir() of the
 * object the dotted prefix names, or globals and builtins for a plain word. */
static py_val completion_candidates(const char *word, size_t len, size_t *prefix_start) {
    size_t last_dot = SIZE_MAX;
    for (size_t i = 0; i < len; i++) {
        if (word[i] == '.') {
            last_dot = i;
        }
    }
    py_val names = py_list_new(0, NULL);
    if (last_dot == SIZE_MAX) {
        *prefix_start = 0;
        py_map *g = py_dict_map(py_st.main_globals);
        for (size_t p = 0; (p = py_map_next(g, p)) != 0;) {
            py_list_append(names, g->table[p - 1].key);
        }
        py_map *b = py_dict_map(py_st.builtins);
        for (size_t p = 0; (p = py_map_next(b, p)) != 0;) {
            py_list_append(names, b->table[p - 1].key);
        }
        return names;
    }
    *prefix_start = last_dot + 1;
    /* resolve a.b.c without calling anything but getattr */
    size_t start = 0;
    py_val obj = PY_NULL;
    for (size_t i = 0; i <= last_dot; i++) {
        if (i < last_dot && word[i] != '.') {
            continue;
        }
        py_qstr q = py_qstr_from(word + start, i - start);
        if (obj == PY_NULL) {
            obj = py_dict_get(py_st.main_globals, PY_QSTR(q));
            if (obj == PY_NULL) {
                obj = py_dict_get(py_st.builtins, PY_QSTR(q));
            }
        } else {
            obj = py_getattr_maybe(obj, q);
        }
        if (obj == PY_NULL) {
            return names;
        }
        start = i + 1;
    }
    py_val dir_fn = py_dict_get(py_st.builtins, PY_QSTR(Q_dir));
    return dir_fn == PY_NULL ? names : py_call1(dir_fn, obj);
}

static void complete_word(editor *e, const char *word, size_t wlen) {
    {
        size_t pstart;
        py_val cands = completion_candidates(word, wlen, &pstart);
        const char *prefix = word + pstart;
        size_t plen = wlen - pstart;
        size_t n;
        py_val *items;
        py_get_array(cands, &n, &items);
        size_t matches = 0, common = 0;
        const char *first = NULL;
        for (size_t i = 0; i < n; i++) {
            if (!py_is_str(items[i])) {
                continue;
            }
            size_t len;
            const char *s = py_str_data(items[i], &len);
            if (len < plen || memcmp(s, prefix, plen) != 0 || (plen == 0 && s[0] == '_')) {
                continue;
            }
            if (matches++ == 0) {
                first = s;
                common = len;
            } else {
                size_t k = 0;
                while (k < common && k < len && first[k] == s[k]) {
                    k++;
                }
                common = k;
            }
        }
        if (matches == 1 || (matches > 1 && common > plen)) {
            insert_text(e, first + plen, common - plen);
            redraw(e);
        } else if (matches > 1) {
            outs("\r\n");
            size_t col = 0;
            for (size_t i = 0; i < n; i++) {
                size_t len;
                if (!py_is_str(items[i])) {
                    continue;
                }
                const char *s = py_str_data(items[i], &len);
                if (len < plen || memcmp(s, prefix, plen) != 0 || (plen == 0 && s[0] == '_')) {
                    continue;
                }
                if (col + 16 > 78) {
                    outs("\r\n");
                    col = 0;
                }
                out(s, len);
                for (size_t k = len; k < 16; k++) {
                    outs(" ");
                }
                col += len < 16 ? 16 : len + 1;
            }
            outs("\r\n");
            redraw(e);
        }
    }
}

static void complete(editor *e) {
    size_t start = e->cur;
    while (start > 0 && (is_name_char(e->buf[start - 1]) || e->buf[start - 1] == '.')) {
        start--;
    }
    if (e->cur == start) {
        insert_text(e, "    ", 4); /* tab at the start of a line indents */
        redraw(e);
        return;
    }
    py_nlr nlr;
    py_try(nlr) {
        complete_word(e, e->buf + start, e->cur - start);
        py_nlr_pop();
    } else {
        /* completion is best effort: an exception just means no candidates */
    }
}

static bool only_spaces(const editor *e) {
    for (size_t i = 0; i < e->len; i++) {
        if (e->buf[i] != ' ') {
            return false;
        }
    }
    return true;
}

/* A line from input that is not a terminal: no editing, no echo. Returns 1
 * for a line, 0 at the end of input, -1 for Ctrl-C (SIGINT). */
static int read_plain_line(editor *e, const char *prompt) {
    outs(prompt);
    e->len = e->cur = 0;
    for (;;) {
        int c = read_key();
        if (c < 0) {
            e->buf[e->len] = 0;
            if (e->len > 0) {
                outs("\n");
            }
            return e->len > 0 ? 1 : 0;
        }
        if (c == 3) {
            outs("\n");
            return -1;
        }
        if (c == '\n') {
            if (e->len > 0 && e->buf[e->len - 1] == '\r') {
                e->len--;
            }
            e->buf[e->len] = 0;
            outs("\n");
            return 1;
        }
        char ch = (char)c;
        insert_text(e, &ch, 1);
    }
}

/* Reads one line into e->buf. Returns 1 for a line, 0 for Ctrl-D on an empty
 * line, -1 for Ctrl-C, 2 for Ctrl-E (paste mode). */
static int edit_line(editor *e, const char *prompt, const char *prefill) {
    if (!grow(&e->buf, &e->cap, 0, 0)) {
        return 0;
    }
    e->buf[0] = 0;
    if (!interactive) {
        return read_plain_line(e, prompt);
    }
    e->prompt = prompt;
    e->len = e->cur = 0;
    insert_text(e, prefill, strlen(prefill));
    int hist_pos = history_count;
    redraw(e);
    for (;;) {
        int c = read_key();
        if (c < 0) {
            return 0;
        }
        switch (c) {
        case '\r':
        case '\n':
            e->buf[e->len] = 0;
            outs("\r\n");
            return 1;
        case 3: /* Ctrl-C */
            outs("\r\n");
            return -1;
        case 4: /* Ctrl-D */
            if (e->len == 0 || (prompt == PROMPT_MORE && only_spaces(e))) {
                /* ends input, or the block when only auto-indent is there */
                outs("\r\n");
                return 0;
            }
            if (e->cur < e->len) {
                memmove(e->buf + e->cur, e->buf + e->cur + 1, e->len - e->cur - 1);
                e->len--;
            }
            break;
        case 5: /* Ctrl-E */
            if (only_spaces(e)) {
                return 2;
            }
            e->cur = e->len;
            break;
        case 1: /* Ctrl-A */
            e->cur = 0;
            break;
        case 11: /* Ctrl-K */
            e->len = e->cur;
            break;
        case 21: /* Ctrl-U */
            memmove(e->buf, e->buf + e->cur, e->len - e->cur);
            e->len -= e->cur;
            e->cur = 0;
            break;
        case 9:
            complete(e);
            break;
        case 8:
        case 127:
            if (e->cur > 0) {
                /* remove a whole UTF-8 character */
                size_t k = e->cur - 1;
                while (k > 0 && ((unsigned char)e->buf[k] & 0xc0) == 0x80) {
                    k--;
                }
                memmove(e->buf + k, e->buf + e->cur, e->len - e->cur);
                e->len -= e->cur - k;
                e->cur = k;
            }
            break;
        case 27: {
            int c1 = read_key();
            int c2 = read_key();
            if (c1 != '[' && c1 != 'O') {
                break;
            }
            if (c2 >= '0' && c2 <= '9') {
                int c3 = read_key();
                if (c3 != '~') {
                    break;
                }
                if (c2 == '3' && e->cur < e->len) {
                    memmove(e->buf + e->cur, e->buf + e->cur + 1, e->len - e->cur - 1);
                    e->len--;
                } else if (c2 == '1' || c2 == '7') {
                    e->cur = 0;
                } else if (c2 == '4' || c2 == '8') {
                    e->cur = e->len;
                }
                break;
            }
            if (c2 == 'A' || c2 == 'B') {
                int np = hist_pos + (c2 == 'A' ? -1 : 1);
                if (np >= 0 && np <= history_count) {
                    hist_pos = np;
                    e->len = e->cur = 0;
                    if (np < history_count) {
                        insert_text(e, history[np], strlen(history[np]));
                    }
                }
            } else if (c2 == 'C' && e->cur < e->len) {
                e->cur++;
                while (e->cur < e->len && ((unsigned char)e->buf[e->cur] & 0xc0) == 0x80) {
                    e->cur++;
                }
            } else if (c2 == 'D' && e->cur > 0) {
                e->cur--;
                while (e->cur > 0 && ((unsigned char)e->buf[e->cur] & 0xc0) == 0x80) {
                    e->cur--;
                }
            } else if (c2 == 'H') {
                e->cur = 0;
            } else if (c2 == 'F') {
                e->cur = e->len;
            }
            break;
        }
        default:
            if (c >= 32) {
                char ch = (char)c;
                bool at_end = e->cur == e->len;
                if (insert_text(e, &ch, 1) && at_end) {
                    out(&ch, 1); /* typing at the end: no need to redraw */
                    continue;
                }
            }
            break;
        }
        e->buf[e->len] = 0;
        redraw(e);
    }
}

/* Paste mode: raw lines until Ctrl-D, Ctrl-C cancels; nothing is indented. */
static int paste_mode(source *src) {
    outs("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
    for (;;) {
        int c = read_key();
        if (c < 0 || c == 4) {
            outs("\r\n");
            return 1;
        }
        if (c == 3) {
            outs("\r\n");
            return 0;
        }
        if (c == '\r') {
            c = '\n';
        }
        char byte = (char)c;
        if (!source_add(src, &byte, 1)) {
            outs("\r\nout of memory\r\n");
            return 0;
        }
        if (c == '\n') {
            outs("\r\n=== ");
        } else {
            char ch = (char)c;
            out(&ch, 1);
        }
    }
}

/* Whether the source so far is an unfinished statement. An error while
 * deciding (MemoryError) means it is run, and the error shows then. */
static bool needs_more(const source *src) {
    py_nlr nlr;
    py_try(nlr) {
        bool more = py_repl_continue_with_input(src->data, src->len);
        py_nlr_pop();
        return more;
    } else {
        return false;
    }
}

/* Indentation for the next continuation line. */
static size_t next_indent(const char *line) {
    size_t indent = strspn(line, " ");
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t')) {
        len--;
    }
    if (len > 0 && line[len - 1] == ':') {
        indent += 4;
    }
    return indent;
}

int host_repl(const char *version, bool *system_exit) {
    interactive = isatty(0);
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
    editor e = {0};
    source src = {0};
    int status = 0;
    for (;;) {
        src.len = 0;
        int r = edit_line(&e, PROMPT, "");
        if (r == 0) {
            break;
        }
        if (r < 0) {
            continue;
        }
        bool run = true;
        if (r == 2) {
            run = paste_mode(&src) == 1;
        } else {
            history_add(e.buf);
            run = source_add(&src, e.buf, e.len);
            char prefill[INDENT_MAX + 1];
            while (run && needs_more(&src)) {
                size_t ind = next_indent(e.buf);
                if (ind > INDENT_MAX) {
                    ind = INDENT_MAX;
                }
                memset(prefill, ' ', ind);
                prefill[ind] = 0;
                int r2 = edit_line(&e, PROMPT_MORE, prefill);
                if (r2 < 0) {
                    run = false;
                    break;
                }
                if (r2 == 0 || strspn(e.buf, " \t") == e.len) {
                    break; /* a blank line (or Ctrl-D) ends the block */
                }
                history_add(e.buf);
                run = source_add(&src, "\n", 1) && source_add(&src, e.buf, e.len);
            }
        }
        if (!run || !source_add(&src, "\n", 1)) {
            continue;
        }
        term_raw(false);
        status = host_exec(src.data, src.len, QA_stdin, PY_INPUT_SINGLE, system_exit);
        term_raw(true);
        if (*system_exit) {
            break;
        }
        status = 0;
    }
    term_raw(false);
    free(e.buf);
    free(src.data);
    for (int i = 0; i < history_count; i++) {
        free(history[i]);
    }
    history_count = 0;
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
