/*
 * readline.c - the line editor shared by the PC runner's REPL and the
 * board's friendly REPL (see readline.h).
 *
 * The screen is kept right by redrawing the text after the prompt (cursor
 * back to the start of the text, the text, erase to the end, cursor back to
 * its place) after each edit, with the few escape sequences every terminal
 * and serial console understands. The prompt itself is printed once per
 * line, as MicroPython's editor does: a tool watching for ">>> " sees one
 * per line. Typing at the end of a line only echoes the character, so a
 * fast typist or a paste is not slowed down.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readline.h"
#include "py/frozen.h"

#define INDENT_MAX 256
#define INDENT_STEP 4

static const char PROMPT[] = ">>> ";
static const char PROMPT_MORE[] = "... ";

enum {
    KEY_CTRL_A = 1,
    KEY_CTRL_B = 2,
    KEY_CTRL_C = 3,
    KEY_CTRL_D = 4,
    KEY_CTRL_E = 5,
    KEY_CTRL_F = 6,
    KEY_BS = 8,
    KEY_TAB = 9,
    KEY_CTRL_K = 11,
    KEY_CTRL_N = 14,
    KEY_CTRL_P = 16,
    KEY_CTRL_U = 21,
    KEY_ESC = 27,
    KEY_DEL = 127,
};

void py_readline_init(py_readline *rl, py_readline_io io, bool edit, bool board_keys,
                      size_t history_max) {
    memset(rl, 0, sizeof(*rl));
    rl->io = io;
    rl->edit = edit;
    rl->board_keys = board_keys;
    rl->history_max = history_max > PY_READLINE_HISTORY_MAX ? PY_READLINE_HISTORY_MAX : history_max;
}

void py_readline_history_clear(py_readline *rl) {
    for (size_t i = 0; i < rl->history_count; i++) {
        free(rl->history[i]);
    }
    rl->history_count = 0;
}

void py_readline_free(py_readline *rl) {
    py_readline_history_clear(rl);
    free(rl->line);
    free(rl->text);
    rl->line = rl->text = NULL;
    rl->len = rl->cap = rl->cur = rl->text_len = rl->text_cap = 0;
}

void py_readline_history_add(py_readline *rl, const char *line) {
    if (rl->history_max == 0 || line[0] == 0 ||
        (rl->history_count > 0 && strcmp(rl->history[rl->history_count - 1], line) == 0)) {
        return;
    }
    size_t n = strlen(line) + 1;
    char *copy = malloc(n);
    if (copy == NULL) {
        return;
    }
    memcpy(copy, line, n);
    if (rl->history_count == rl->history_max) {
        free(rl->history[0]);
        memmove(rl->history, rl->history + 1, sizeof(rl->history[0]) * (rl->history_max - 1));
        rl->history_count--;
    }
    rl->history[rl->history_count++] = copy;
}

/* ---------------------------------------------------------------- output and memory */

static void out(py_readline *rl, const char *s, size_t n) { rl->io.write(rl->io.ctx, s, n); }
static void outs(py_readline *rl, const char *s) { out(rl, s, strlen(s)); }
static int key(py_readline *rl) { return rl->io.read_byte(rl->io.ctx); }

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

static bool text_add(py_readline *rl, const char *s, size_t n) {
    if (!grow(&rl->text, &rl->text_cap, rl->text_len, n)) {
        return false;
    }
    memcpy(rl->text + rl->text_len, s, n);
    rl->text_len += n;
    rl->text[rl->text_len] = 0;
    return true;
}

/* ---------------------------------------------------------------- editing */

static bool is_continuation_byte(char c) { return ((unsigned char)c & 0xc0) == 0x80; }

/* Columns the text from..to takes: one per character, not per byte. */
static size_t columns(const char *s, size_t from, size_t to) {
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        n += !is_continuation_byte(s[i]);
    }
    return n;
}

static void cursor_back(py_readline *rl, size_t n) {
    if (n == 0) {
        return;
    }
    char tmp[32];
    if (n <= 4) {
        outs(rl, &"\b\b\b\b"[4 - n]);
    } else {
        snprintf(tmp, sizeof(tmp), "\x1b[%zuD", n);
        outs(rl, tmp);
    }
}

static void redraw(py_readline *rl) {
    cursor_back(rl, rl->shown);
    out(rl, rl->line, rl->len);
    outs(rl, "\x1b[K");
    cursor_back(rl, columns(rl->line, rl->cur, rl->len));
    rl->shown = columns(rl->line, 0, rl->cur);
}

/* The prompt and the text on a fresh line, the cursor in its place. */
static void show_line(py_readline *rl) {
    outs(rl, rl->prompt);
    out(rl, rl->line, rl->len);
    cursor_back(rl, columns(rl->line, rl->cur, rl->len));
    rl->shown = columns(rl->line, 0, rl->cur);
}

static bool insert_text(py_readline *rl, const char *s, size_t n) {
    if (!grow(&rl->line, &rl->cap, rl->len, n)) {
        outs(rl, "\a"); /* out of memory: the text is not taken */
        return false;
    }
    memmove(rl->line + rl->cur + n, rl->line + rl->cur, rl->len - rl->cur);
    memcpy(rl->line + rl->cur, s, n);
    rl->len += n;
    rl->cur += n;
    rl->line[rl->len] = 0;
    return true;
}

static void delete_range(py_readline *rl, size_t from, size_t to) {
    memmove(rl->line + from, rl->line + to, rl->len - to);
    rl->len -= to - from;
    if (rl->cur > to) {
        rl->cur -= to - from;
    } else if (rl->cur > from) {
        rl->cur = from;
    }
    rl->line[rl->len] = 0;
}

static bool only_spaces(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ') {
            return false;
        }
    }
    return true;
}

static void backspace(py_readline *rl) {
    if (rl->cur == 0) {
        return;
    }
    size_t k = rl->cur - 1;
    if (rl->board_keys && rl->cur >= INDENT_STEP && only_spaces(rl->line, rl->cur)) {
        k = rl->cur - INDENT_STEP; /* in the indentation: one level back */
    } else {
        while (k > 0 && is_continuation_byte(rl->line[k])) {
            k--; /* a whole UTF-8 character */
        }
    }
    delete_range(rl, k, rl->cur);
}

static void delete_at_cursor(py_readline *rl) {
    if (rl->cur >= rl->len) {
        return;
    }
    size_t end = rl->cur + 1;
    while (end < rl->len && is_continuation_byte(rl->line[end])) {
        end++;
    }
    delete_range(rl, rl->cur, end);
}

static void cursor_left(py_readline *rl) {
    while (rl->cur > 0) {
        rl->cur--;
        if (!is_continuation_byte(rl->line[rl->cur])) {
            break;
        }
    }
}

static void cursor_right(py_readline *rl) {
    if (rl->cur < rl->len) {
        rl->cur++;
        while (rl->cur < rl->len && is_continuation_byte(rl->line[rl->cur])) {
            rl->cur++;
        }
    }
}

static void history_step(py_readline *rl, size_t *pos, int step) {
    if ((step < 0 && *pos == 0) || (step > 0 && *pos >= rl->history_count)) {
        return;
    }
    *pos = step < 0 ? *pos - 1 : *pos + 1;
    rl->len = rl->cur = 0;
    rl->line[0] = 0;
    if (*pos < rl->history_count) {
        insert_text(rl, rl->history[*pos], strlen(rl->history[*pos]));
    }
}

/* ---------------------------------------------------------------- tab completion */

static bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || (unsigned char)c >= 0x80;
}

static void add_keys(py_val names, py_val dict) {
    py_map *m = py_dict_map(dict);
    for (size_t p = 0; (p = py_map_next(m, p)) != 0;) {
        py_list_append(names, m->table[p - 1].key);
    }
}

/* Where the word being completed stands: anywhere, first on its line, or
 * right after "import " or "from " at the start of the line. */
enum { WORD_ANYWHERE, WORD_LINE_START, WORD_MODULE };

static int word_place(const char *line, size_t start) {
    size_t i = 0;
    while (i < start && (line[i] == ' ' || line[i] == '\t')) {
        i++;
    }
    if (i == start) {
        return WORD_LINE_START;
    }
    static const char *const keywords[] = {"import ", "from "};
    for (size_t k = 0; k < 2; k++) {
        size_t n = strlen(keywords[k]);
        if (start - i == n && memcmp(line + i, keywords[k], n) == 0) {
            return WORD_MODULE;
        }
    }
    return WORD_ANYWHERE;
}

/* The modules import finds without a file: built-in and frozen ones. */
static void add_module_names(py_val names) {
    for (size_t i = 0; i < py_builtin_module_count(); i++) {
        py_list_append(names, PY_QSTR(py_builtin_module_name(i)));
    }
    for (size_t i = 0; i < py_frozen_module_count(); i++) {
        size_t len;
        const char *path = py_qstr_data(py_frozen_module_at(i)->path, &len);
        const char *slash = memchr(path, '/', len);
        size_t name_len = slash != NULL ? (size_t)(slash - path) : len - 3; /* "x.py" */
        if (slash == NULL || strcmp(slash, "/__init__.py") == 0) {
            py_list_append(names, py_str_new(path, name_len));
        }
    }
}

/* The names that could follow the dotted word before the cursor: dir() of
 * the object the dotted prefix names, or globals and builtins for a plain
 * word; module names after "import"; "import " itself first on a line, as
 * MicroPython's REPL offers it. Only getattr is used to resolve the prefix:
 * no call is made. */
static py_val completion_candidates(const char *word, size_t len, int place,
                                    size_t *prefix_start) {
    size_t last_dot = SIZE_MAX;
    for (size_t i = 0; i < len; i++) {
        if (word[i] == '.') {
            last_dot = i;
        }
    }
    py_val names = py_list_new(0, NULL);
    if (last_dot == SIZE_MAX) {
        *prefix_start = 0;
        if (place == WORD_MODULE) {
            add_module_names(names);
            return names;
        }
        if (place == WORD_LINE_START) {
            py_list_append(names, py_str_from_cstr("import "));
        }
        add_keys(names, py_st.main_globals);
        add_keys(names, py_st.builtins);
        return names;
    }
    *prefix_start = last_dot + 1;
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

/* A candidate the prefix selects (names starting with '_' only when the
 * prefix asks for them). */
static const char *candidate(py_val item, const char *prefix, size_t plen, size_t *len) {
    if (!py_is_str(item)) {
        return NULL;
    }
    const char *s = py_str_data(item, len);
    if (*len < plen || memcmp(s, prefix, plen) != 0 || (plen == 0 && s[0] == '_')) {
        return NULL;
    }
    return s;
}

static void list_candidates(py_readline *rl, size_t n, const py_val *items, const char *prefix,
                            size_t plen) {
    outs(rl, "\r\n");
    size_t col = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = candidate(items[i], prefix, plen, &len);
        if (s == NULL) {
            continue;
        }
        if (col + 16 > 78) {
            outs(rl, "\r\n");
            col = 0;
        }
        out(rl, s, len);
        for (size_t k = len; k < 16; k++) {
            outs(rl, " ");
        }
        col += len < 16 ? 16 : len + 1;
    }
    outs(rl, "\r\n");
    show_line(rl);
}

/* Returns true when the candidates were listed and the line shown again. */
static bool complete_word(py_readline *rl, const char *word, size_t wlen, int place) {
    size_t pstart;
    py_val cands = completion_candidates(word, wlen, place, &pstart);
    const char *prefix = word + pstart;
    size_t plen = wlen - pstart;
    size_t n;
    py_val *items;
    py_get_array(cands, &n, &items);
    size_t matches = 0, common = 0;
    const char *first = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = candidate(items[i], prefix, plen, &len);
        if (s == NULL) {
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
        /* word points into rl->line, which the insertion may move: done with it */
        insert_text(rl, first + plen, common - plen);
    } else if (matches > 1) {
        list_candidates(rl, n, items, prefix, plen);
        return true;
    }
    return false;
}

/* Returns true when the line was shown again below a list of candidates. */
static bool complete(py_readline *rl) {
    size_t start = rl->cur;
    while (start > 0 && (is_name_char(rl->line[start - 1]) || rl->line[start - 1] == '.')) {
        start--;
    }
    if (rl->cur == start) {
        insert_text(rl, "    ", INDENT_STEP); /* tab at the start of a word indents */
        return false;
    }
    volatile bool listed = false;
    py_nlr nlr;
    py_try(nlr) {
        listed = complete_word(rl, rl->line + start, rl->cur - start,
                               word_place(rl->line, start));
        py_nlr_pop();
    } else {
        /* completion is best effort: an exception just means no candidates */
    }
    return listed;
}

/* ---------------------------------------------------------------- reading a line */

/* A line from input that is not a terminal: no editing, no echo. */
static int read_plain_line(py_readline *rl, const char *prompt) {
    outs(rl, prompt);
    rl->len = rl->cur = 0;
    rl->line[0] = 0;
    for (;;) {
        int c = key(rl);
        if (c < 0) {
            if (rl->len > 0) {
                outs(rl, "\n");
            }
            return rl->len > 0 ? PY_READLINE_LINE : PY_READLINE_EOF;
        }
        if (c == KEY_CTRL_C) {
            outs(rl, "\n");
            return PY_READLINE_CANCEL;
        }
        if (c == '\n') {
            if (rl->len > 0 && rl->line[rl->len - 1] == '\r') {
                rl->line[--rl->len] = 0;
            }
            outs(rl, "\n");
            return PY_READLINE_LINE;
        }
        char ch = (char)c;
        insert_text(rl, &ch, 1);
    }
}

/* The cursor keys and friends after ESC: "[A" ... "[3~", "OH" ... */
static void escape_sequence(py_readline *rl, size_t *hist_pos) {
    int c1 = key(rl);
    int c2 = c1 < 0 ? -1 : key(rl);
    if (c1 != '[' && c1 != 'O') {
        return;
    }
    if (c2 >= '0' && c2 <= '9') {
        if (key(rl) != '~') {
            return;
        }
        if (c2 == '3') {
            delete_at_cursor(rl);
        } else if (c2 == '1' || c2 == '7') {
            rl->cur = 0;
        } else if (c2 == '4' || c2 == '8') {
            rl->cur = rl->len;
        }
        return;
    }
    switch (c2) {
    case 'A':
        history_step(rl, hist_pos, -1);
        break;
    case 'B':
        history_step(rl, hist_pos, 1);
        break;
    case 'C':
        cursor_right(rl);
        break;
    case 'D':
        cursor_left(rl);
        break;
    case 'H':
        rl->cur = 0;
        break;
    case 'F':
        rl->cur = rl->len;
        break;
    default:
        break;
    }
}

/* One line; `first` allows the board keys that leave the editor. */
static int edit_line(py_readline *rl, const char *prompt, const char *prefill, bool first) {
    if (!grow(&rl->line, &rl->cap, 0, 0)) {
        return PY_READLINE_EOF;
    }
    if (!rl->edit) {
        return read_plain_line(rl, prompt);
    }
    rl->prompt = prompt;
    rl->len = rl->cur = 0;
    rl->line[0] = 0;
    insert_text(rl, prefill, strlen(prefill));
    size_t hist_pos = rl->history_count;
    show_line(rl);
    for (;;) {
        int c = key(rl);
        if (c < 0) {
            return PY_READLINE_EOF;
        }
        bool empty = rl->len == 0;
        switch (c) {
        case '\r':
        case '\n':
            outs(rl, "\r\n");
            return PY_READLINE_LINE;
        case KEY_CTRL_C:
            outs(rl, "\r\n");
            return PY_READLINE_CANCEL;
        case KEY_CTRL_D:
            if (empty || (prompt == PROMPT_MORE && only_spaces(rl->line, rl->len))) {
                /* ends input, or the block when only auto-indent is there */
                outs(rl, "\r\n");
                return PY_READLINE_EOF;
            }
            delete_at_cursor(rl);
            break;
        case KEY_CTRL_E:
            if (only_spaces(rl->line, rl->len)) {
                return PY_READLINE_PASTE;
            }
            rl->cur = rl->len;
            break;
        case KEY_CTRL_A:
            if (rl->board_keys && first && empty) {
                return PY_READLINE_RAW;
            }
            rl->cur = 0;
            break;
        case KEY_CTRL_B:
            if (rl->board_keys && first && empty) {
                return PY_READLINE_BANNER;
            }
            cursor_left(rl);
            break;
        case KEY_CTRL_F:
            cursor_right(rl);
            break;
        case KEY_CTRL_K:
            rl->len = rl->cur;
            rl->line[rl->len] = 0;
            break;
        case KEY_CTRL_U:
            delete_range(rl, 0, rl->cur);
            break;
        case KEY_CTRL_P:
            history_step(rl, &hist_pos, -1);
            break;
        case KEY_CTRL_N:
            history_step(rl, &hist_pos, 1);
            break;
        case KEY_TAB:
            if (complete(rl)) {
                continue; /* shown afresh below the candidates */
            }
            break;
        case KEY_BS:
        case KEY_DEL:
            backspace(rl);
            break;
        case KEY_ESC:
            escape_sequence(rl, &hist_pos);
            break;
        default:
            if (c >= 32) {
                char ch = (char)c;
                bool at_end = rl->cur == rl->len;
                if (insert_text(rl, &ch, 1) && at_end) {
                    out(rl, &ch, 1); /* typing at the end: no need to redraw */
                    rl->shown += !is_continuation_byte(ch);
                    continue;
                }
            }
            break;
        }
        redraw(rl);
    }
}

int py_readline_line(py_readline *rl, const char *prompt, const char *prefill) {
    return edit_line(rl, prompt, prefill, false);
}

/* ---------------------------------------------------------------- statements and paste mode */

/* Whether the text so far is an unfinished statement. An error while
 * deciding (MemoryError) means it is run, and the error shows then. */
static bool needs_more(const py_readline *rl) {
    py_nlr nlr;
    py_try(nlr) {
        bool more = py_repl_continue_with_input(rl->text, rl->text_len);
        py_nlr_pop();
        return more;
    } else {
        return false;
    }
}

/* Indentation for the line after `line`: the same, one step more after ':'. */
static size_t next_indent(const char *line) {
    size_t indent = strspn(line, " ");
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t')) {
        len--;
    }
    if (len > 0 && line[len - 1] == ':') {
        indent += INDENT_STEP;
    }
    return indent > INDENT_MAX ? INDENT_MAX : indent;
}

static int out_of_memory(py_readline *rl) {
    outs(rl, "\r\nout of memory\r\n");
    return PY_READLINE_CANCEL;
}

int py_readline_statement(py_readline *rl) {
    rl->text_len = 0;
    if (!grow(&rl->text, &rl->text_cap, 0, 0)) {
        return out_of_memory(rl);
    }
    rl->text[0] = 0;
    int r = edit_line(rl, PROMPT, "", true);
    if (r != PY_READLINE_LINE) {
        return r;
    }
    py_readline_history_add(rl, rl->line);
    if (!text_add(rl, rl->line, rl->len)) {
        return out_of_memory(rl);
    }
    char prefill[INDENT_MAX + 1];
    while (needs_more(rl)) {
        size_t indent = next_indent(rl->line);
        memset(prefill, ' ', indent);
        prefill[indent] = 0;
        int more = edit_line(rl, PROMPT_MORE, prefill, false);
        if (more == PY_READLINE_CANCEL) {
            return PY_READLINE_CANCEL;
        }
        if (more == PY_READLINE_EOF || strspn(rl->line, " \t") == rl->len) {
            break; /* a blank line (or Ctrl-D) ends the block */
        }
        py_readline_history_add(rl, rl->line);
        if (!text_add(rl, "\n", 1) || !text_add(rl, rl->line, rl->len)) {
            return out_of_memory(rl);
        }
    }
    if (!text_add(rl, "\n", 1)) {
        return out_of_memory(rl);
    }
    return PY_READLINE_LINE;
}

int py_readline_paste(py_readline *rl) {
    rl->text_len = 0;
    if (!grow(&rl->text, &rl->text_cap, 0, 0)) {
        return out_of_memory(rl);
    }
    rl->text[0] = 0;
    outs(rl, "\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
    int last = 0;
    for (;;) {
        int c = key(rl);
        if (c < 0 || c == KEY_CTRL_D) {
            outs(rl, "\r\n");
            return PY_READLINE_LINE;
        }
        if (c == KEY_CTRL_C) {
            outs(rl, "\r\n");
            return PY_READLINE_CANCEL;
        }
        bool crlf = c == '\n' && last == '\r';
        last = c;
        if (crlf) {
            continue; /* "\r\n" is one line break */
        }
        if (c == '\r' || c == '\n') {
            if (!text_add(rl, "\n", 1)) {
                return out_of_memory(rl);
            }
            outs(rl, "\r\n=== ");
            continue;
        }
        char ch = (char)c;
        if (!text_add(rl, &ch, 1)) {
            return out_of_memory(rl);
        }
        out(rl, &ch, 1);
    }
}
