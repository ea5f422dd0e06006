/*
 * modre.c - the re module: regular expressions over str and bytes.
 *
 * A pattern is compiled to a small program (words of int32) and run by a
 * Pike VM: every thread of the match advances one character at a time in
 * priority order, so a match takes time proportional to the length of the
 * text times the length of the program, and memory proportional to the
 * program alone. No pattern can make it backtrack exponentially or recurse
 * on the C stack, whatever the text. Threads that reach the same
 * instruction at the same position are merged, the first (the one a
 * backtracking matcher would have tried first) winning, which gives the
 * leftmost-first answers of Perl and CPython, lazy quantifiers included.
 * Inside loops whose body can match empty, "the same" also counts how many
 * of those loops began their iteration at this position, since that
 * decides where the thread goes next.
 *
 * The syntax is MicroPython's and then some of CPython's: . [] [^] ranges,
 * \d \D \w \W \s \S and IGNORECASE (ASCII, as MicroPython's), ^ $ \A \Z
 * \b \B, | ( ) (?:) (?P<name>) (?#), leading inline flags, * + ? {m,n} and
 * their lazy forms, and the escapes of Python string literals.
 * Backreferences, lookaround, possessive quantifiers and atomic groups are
 * refused with an error: a Pike VM cannot run them.
 * Counted repeats are expanded into copies of their body, so the size of a
 * program is bounded. A loop whose body can match the empty string stops
 * after an iteration that consumed nothing, keeping its captures, as
 * CPython's does.
 *
 * Positions inside are byte offsets into the UTF-8 text; the API speaks in
 * characters, converting at its edges. Errors in patterns raise re.error,
 * which is ValueError (MicroPython raises ValueError too).
 */
#include <string.h>

#include "campy.h"

/* ================================================================ programs */

enum {
    /* instructions a thread waits on (they consume a character) and MATCH */
    OP_CHAR,  /* c: that character */
    OP_ANY,   /* any character but \n */
    OP_ANYNL, /* any character */
    OP_CLASS, /* n, negated, then n (low, high) pairs */
    OP_MATCH,
    /* instructions followed while threads are added */
    OP_JMP,      /* offset */
    OP_SPLIT,    /* offset tried first, offset tried second */
    OP_SAVE,     /* slot: the position goes into it */
    OP_PROGRESS, /* slot, exit offset: leave the loop if nothing was consumed since slot */
    OP_BOL,      /* ^ */
    OP_MBOL,     /* ^ with MULTILINE */
    OP_EOL,      /* $ */
    OP_MEOL,     /* $ with MULTILINE */
    OP_BEGIN,    /* \A */
    OP_END,      /* \Z */
    OP_WORDB,    /* \b */
    OP_NWORDB,   /* \B */
};

/* Offsets in jumps count from the jumping instruction, so code moves and is
 * copied without fixing them. */
static size_t op_size(const int32_t *ins) {
    switch (ins[0]) {
    case OP_CHAR:
    case OP_JMP:
    case OP_SAVE:
        return 2;
    case OP_SPLIT:
    case OP_PROGRESS:
        return 3;
    case OP_CLASS:
        return 3 + 2 * (size_t)ins[1];
    default:
        return 1;
    }
}

enum {
    RE_FLAG_IGNORECASE = 2,
    RE_FLAG_LOCALE = 4,
    RE_FLAG_MULTILINE = 8,
    RE_FLAG_DOTALL = 16,
    RE_FLAG_UNICODE = 32,
    RE_FLAG_VERBOSE = 64,
    RE_FLAG_DEBUG = 128,
    RE_FLAG_ASCII = 256,
};

#define RE_MAX_CODE 65536 /* words in one program */
#define RE_MAX_GROUPS 100
#define RE_MAX_REPEAT 65535
#define UNSET SIZE_MAX /* a capture slot with no position */

typedef struct re_obj {
    py_head head;
    py_val pattern; /* the source, str or bytes */
    int32_t *code;
    size_t code_len;
    size_t n_groups;  /* capturing groups, not counting the whole match */
    size_t n_slots;   /* capture slots (2 per group, whole match included) and loop marks */
    size_t n_waiting; /* instructions a thread can wait on */
    py_val names;     /* dict: group name -> number, or PY_NULL */
    int first_byte;   /* every match starts with this byte, or -1 */
    /* Loops whose body can match empty, as regions [mark, progress] of the
     * code: for each instruction the innermost one holding it (-1: none),
     * and for each loop its mark slot and the loop holding it. */
    int16_t *loop_of_pc;
    int16_t *loop_parent;
    int32_t *loop_slot;
    size_t loop_depth; /* how deep they nest; 0 without any */
    unsigned flags;
    bool is_bytes;
    void *scratch; /* the matcher's memory, kept for the next call */
} re_obj;

static const py_type re_type;
static const py_type match_type;

/* ================================================================ compiling */

typedef struct re_compiler {
    const char *start, *p, *end;
    bool is_bytes;
    unsigned flags;
    int32_t *code;
    size_t len, alloc;
    size_t n_groups, n_marks;
    py_val names;
} re_compiler;

static _Noreturn void re_error(re_compiler *c, const char *what) {
    py_raise_value_error("%s at position %zu", what, (size_t)(c->p - c->start));
}

static void code_reserve(re_compiler *c, size_t n) {
    if (c->len + n > RE_MAX_CODE) {
        re_error(c, "regular expression too large");
    }
    if (c->len + n > c->alloc) {
        size_t alloc = c->alloc * 2 + n + 32;
        if (alloc > RE_MAX_CODE) {
            alloc = RE_MAX_CODE;
        }
        int32_t *code = py_gc_alloc_flags(alloc * sizeof(int32_t), PY_GC_LEAF);
        if (c->len > 0) {
            memcpy(code, c->code, c->len * sizeof(int32_t));
        }
        c->code = code;
        c->alloc = alloc;
    }
}

static void emit1(re_compiler *c, int32_t a) {
    code_reserve(c, 1);
    c->code[c->len++] = a;
}

static void emit2(re_compiler *c, int32_t a, int32_t b) {
    code_reserve(c, 2);
    c->code[c->len++] = a;
    c->code[c->len++] = b;
}

/* Puts n words at `at`, moving what follows. */
static void code_insert(re_compiler *c, size_t at, const int32_t *words, size_t n) {
    code_reserve(c, n);
    memmove(c->code + at + n, c->code + at, (c->len - at) * sizeof(int32_t));
    memcpy(c->code + at, words, n * sizeof(int32_t));
    c->len += n;
}

/* ---- reading the pattern */

static bool more(re_compiler *c) { return c->p < c->end; }

/* The character at p (a code point for str patterns, a byte for bytes). */
static uint32_t peek_char(re_compiler *c, size_t *len) {
    const unsigned char *s = (const unsigned char *)c->p;
    unsigned char b = s[0];
    if (c->is_bytes || b < 0x80) {
        *len = 1;
        return b;
    }
    size_t n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    if (n > (size_t)(c->end - c->p)) {
        *len = 1;
        return b;
    }
    uint32_t cp = b & (0x7f >> n);
    for (size_t i = 1; i < n; i++) {
        cp = cp << 6 | (s[i] & 0x3f);
    }
    *len = n;
    return cp;
}

static uint32_t next_char(re_compiler *c) {
    size_t n;
    uint32_t ch = peek_char(c, &n);
    c->p += n;
    return ch;
}

static bool take(re_compiler *c, char ch) {
    if (more(c) && *c->p == ch) {
        c->p++;
        return true;
    }
    return false;
}

static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static bool is_word_byte(uint32_t ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_';
}

/* ---- character classes */

typedef struct char_set {
    uint32_t *pairs; /* low, high, low, high ... */
    size_t n, alloc; /* pairs in use and room */
    uint32_t local[32];
} char_set;

static void set_init(char_set *s) {
    s->pairs = s->local;
    s->n = 0;
    s->alloc = sizeof(s->local) / sizeof(s->local[0]) / 2;
}

static void set_add(char_set *s, uint32_t low, uint32_t high) {
    if (s->n == s->alloc) {
        uint32_t *pairs = py_gc_alloc_flags(s->alloc * 4 * sizeof(uint32_t), PY_GC_LEAF);
        memcpy(pairs, s->pairs, s->n * 2 * sizeof(uint32_t));
        s->pairs = pairs;
        s->alloc *= 2;
    }
    s->pairs[2 * s->n] = low;
    s->pairs[2 * s->n + 1] = high;
    s->n++;
}

/* Sorts the ranges and merges those that touch. */
static void set_normalise(char_set *s) {
    for (size_t i = 1; i < s->n; i++) {
        uint32_t lo = s->pairs[2 * i], hi = s->pairs[2 * i + 1];
        size_t j = i;
        for (; j > 0 && s->pairs[2 * (j - 1)] > lo; j--) {
            s->pairs[2 * j] = s->pairs[2 * (j - 1)];
            s->pairs[2 * j + 1] = s->pairs[2 * (j - 1) + 1];
        }
        s->pairs[2 * j] = lo;
        s->pairs[2 * j + 1] = hi;
    }
    size_t out = 0;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t lo = s->pairs[2 * i], hi = s->pairs[2 * i + 1];
        if (out > 0 && lo <= s->pairs[2 * out - 1] + 1) {
            if (hi > s->pairs[2 * out - 1]) {
                s->pairs[2 * out - 1] = hi;
            }
        } else {
            s->pairs[2 * out] = lo;
            s->pairs[2 * out + 1] = hi;
            out++;
        }
    }
    s->n = out;
}

/* With IGNORECASE: the other case of every ASCII letter in the set. */
static void set_add_other_case(char_set *s) {
    size_t n = s->n;
    for (size_t i = 0; i < n; i++) {
        uint32_t lo = s->pairs[2 * i], hi = s->pairs[2 * i + 1];
        uint32_t a = lo < 'a' ? 'a' : lo, b = hi > 'z' ? 'z' : hi;
        if (a <= b) {
            set_add(s, a - 32, b - 32);
        }
        a = lo < 'A' ? 'A' : lo;
        b = hi > 'Z' ? 'Z' : hi;
        if (a <= b) {
            set_add(s, a + 32, b + 32);
        }
    }
}

/* The complement of the ranges of `from`, added to s. */
static void set_add_complement(char_set *s, const uint32_t *pairs, size_t n) {
    uint32_t next = 0;
    for (size_t i = 0; i < n; i++) {
        if (pairs[2 * i] > next) {
            set_add(s, next, pairs[2 * i] - 1);
        }
        next = pairs[2 * i + 1] + 1;
    }
    if (next <= 0x10ffff) {
        set_add(s, next, 0x10ffff);
    }
}

static const uint32_t digit_ranges[] = {'0', '9'};
static const uint32_t space_ranges[] = {'\t', '\r', ' ', ' '};
static const uint32_t word_ranges[] = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};

/* \d \D \s \S \w \W into s; false if letter is none of them. */
static bool set_add_escape_class(char_set *s, uint32_t letter) {
    const uint32_t *pairs;
    size_t n;
    switch (letter | 0x20) {
    case 'd':
        pairs = digit_ranges, n = 1;
        break;
    case 's':
        pairs = space_ranges, n = 2;
        break;
    case 'w':
        pairs = word_ranges, n = 4;
        break;
    default:
        return false;
    }
    if (letter >= 'a') {
        for (size_t i = 0; i < n; i++) {
            set_add(s, pairs[2 * i], pairs[2 * i + 1]);
        }
    } else {
        set_add_complement(s, pairs, n);
    }
    return true;
}

static void emit_set(re_compiler *c, char_set *s, bool negated) {
    if (c->flags & RE_FLAG_IGNORECASE) {
        set_add_other_case(s);
    }
    set_normalise(s);
    code_reserve(c, 3 + 2 * s->n);
    c->code[c->len++] = OP_CLASS;
    c->code[c->len++] = (int32_t)s->n;
    c->code[c->len++] = negated;
    for (size_t i = 0; i < 2 * s->n; i++) {
        c->code[c->len++] = (int32_t)s->pairs[i];
    }
}

static void emit_char(re_compiler *c, uint32_t ch) {
    bool letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    if ((c->flags & RE_FLAG_IGNORECASE) && letter) {
        char_set s;
        set_init(&s);
        set_add(&s, ch, ch);
        emit_set(c, &s, false);
    } else {
        emit2(c, OP_CHAR, (int32_t)ch);
    }
}

/* ---- escapes */

static uint32_t parse_hex_digits(re_compiler *c, size_t n) {
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        char h = more(c) ? *c->p : 0;
        int d = is_digit(h)                              ? h - '0'
                : (h | 0x20) >= 'a' && (h | 0x20) <= 'f' ? (h | 0x20) - 'a' + 10
                                                         : -1;
        if (d < 0) {
            re_error(c, "incomplete escape");
        }
        v = v << 4 | (uint32_t)d;
        c->p++;
    }
    return v;
}

static bool is_octal(const char *p, const char *end) { return p < end && *p >= '0' && *p <= '7'; }

/* The character a literal escape stands for, with p just past the letter;
 * false if it is not a literal escape. */
static bool literal_escape(re_compiler *c, uint32_t letter, uint32_t *out) {
    switch (letter) {
    case 'n':
        *out = '\n';
        return true;
    case 't':
        *out = '\t';
        return true;
    case 'r':
        *out = '\r';
        return true;
    case 'f':
        *out = '\f';
        return true;
    case 'v':
        *out = '\v';
        return true;
    case 'a':
        *out = '\a';
        return true;
    case 'x':
        *out = parse_hex_digits(c, 2);
        return true;
    case 'u':
    case 'U':
        if (c->is_bytes) {
            return false;
        }
        *out = parse_hex_digits(c, letter == 'u' ? 4 : 8);
        if (*out > 0x10ffff) {
            re_error(c, "bad escape (code point out of range)");
        }
        return true;
    case '0': {
        uint32_t v = 0;
        for (int i = 0; i < 2 && is_octal(c->p, c->end); i++) {
            v = v * 8 + (uint32_t)(*c->p++ - '0');
        }
        *out = v;
        return true;
    }
    default:
        if (letter < 0x80 && (is_word_byte(letter) && letter != '_')) {
            return false; /* unknown letters and digits are errors */
        }
        *out = letter; /* punctuation and non-ASCII stand for themselves */
        return true;
    }
}

/* ---- [classes] */

/* One member of a class: a character (returned) or an escaped class (added
 * to s, returns UINT32_MAX). */
static uint32_t class_member(re_compiler *c, char_set *s) {
    if (!more(c)) {
        re_error(c, "unterminated character set");
    }
    uint32_t ch = next_char(c);
    if (ch != '\\') {
        return ch;
    }
    if (!more(c)) {
        re_error(c, "bad escape (end of pattern)");
    }
    uint32_t letter = next_char(c);
    if (set_add_escape_class(s, letter)) {
        return UINT32_MAX;
    }
    if (letter == 'b') {
        return '\b';
    }
    uint32_t lit;
    if (is_octal(c->p - 1, c->end) && letter != '0') {
        /* \1 .. \7 inside a class are octal escapes */
        uint32_t v = letter - '0';
        for (int i = 0; i < 2 && is_octal(c->p, c->end); i++) {
            v = v * 8 + (uint32_t)(*c->p++ - '0');
        }
        return v;
    }
    if (!literal_escape(c, letter, &lit)) {
        c->p--;
        re_error(c, "bad escape");
    }
    return lit;
}

static void compile_class(re_compiler *c) {
    char_set s;
    set_init(&s);
    bool negated = take(c, '^');
    bool first = true;
    for (;;) {
        if (!more(c)) {
            re_error(c, "unterminated character set");
        }
        if (*c->p == ']' && !first) {
            c->p++;
            break;
        }
        first = false;
        uint32_t lo = class_member(c, &s);
        if (lo == UINT32_MAX) {
            if (c->end - c->p >= 2 && c->p[0] == '-' && c->p[1] != ']') {
                re_error(c, "bad character range");
            }
            continue;
        }
        if (c->end - c->p >= 2 && c->p[0] == '-' && c->p[1] != ']') {
            c->p++;
            uint32_t hi = class_member(c, &s);
            if (hi == UINT32_MAX) {
                re_error(c, "bad character range");
            }
            if (hi < lo) {
                re_error(c, "bad character range");
            }
            set_add(&s, lo, hi);
        } else {
            set_add(&s, lo, lo);
        }
    }
    emit_set(c, &s, negated);
}

/* ---- groups, atoms, repeats */

static bool compile_alternation(re_compiler *c);
static bool parse_braces(re_compiler *c, size_t *min, size_t *max);

static void inline_flags(re_compiler *c, size_t group_start) {
    unsigned flags = 0;
    while (more(c) && *c->p != ')') {
        switch (*c->p) {
        case 'i':
            flags |= RE_FLAG_IGNORECASE;
            break;
        case 'm':
            flags |= RE_FLAG_MULTILINE;
            break;
        case 's':
            flags |= RE_FLAG_DOTALL;
            break;
        case 'a':
        case 'u':
            break;
        case ':':
        case '-':
            re_error(c, "scoped inline flags are not supported");
        default:
            re_error(c, "unknown flag");
        }
        c->p++;
    }
    if (!take(c, ')')) {
        re_error(c, "missing ), unterminated subpattern");
    }
    if (group_start != 0) {
        c->p = c->start + group_start;
        re_error(c, "global flags not at the start of the expression");
    }
    c->flags |= flags;
}

static void group_name(re_compiler *c, size_t group) {
    const char *name = c->p;
    while (more(c) && *c->p != '>') {
        c->p++;
    }
    size_t n = (size_t)(c->p - name);
    if (!take(c, '>') || n == 0) {
        re_error(c, "missing group name");
    }
    bool ok = !is_digit(name[0]);
    for (size_t i = 0; i < n; i++) {
        ok = ok && ((unsigned char)name[i] >= 0x80 || is_word_byte((unsigned char)name[i]));
    }
    if (!ok) {
        re_error(c, "bad character in group name");
    }
    if (c->names == PY_NULL) {
        c->names = py_dict_new(1);
    }
    py_val key = py_str_new(name, n);
    if (py_dict_get(c->names, key) != PY_NULL) {
        re_error(c, "redefinition of group name");
    }
    py_dict_store(c->names, key, py_int_from_u64(group));
}

/* After "(": returns whether the group can match the empty string. */
static bool compile_group(re_compiler *c, bool *repeatable) {
    size_t group_start = (size_t)(c->p - c->start) - 1;
    size_t group = 0;
    *repeatable = true;
    if (take(c, '?')) {
        if (take(c, ':')) {
            group = SIZE_MAX; /* not capturing */
        } else if (take(c, 'P')) {
            if (take(c, '=')) {
                re_error(c, "backreferences are not supported");
            }
            if (!take(c, '<')) {
                re_error(c, "unknown extension ?P");
            }
            group = c->n_groups + 1;
            group_name(c, group);
        } else if (take(c, '#')) {
            while (more(c) && *c->p != ')') {
                c->p++;
            }
            if (!take(c, ')')) {
                re_error(c, "missing ), unterminated comment");
            }
            *repeatable = false;
            return true;
        } else if (more(c) && (*c->p == '=' || *c->p == '!' || *c->p == '<')) {
            re_error(c, "lookaround assertions are not supported");
        } else if (more(c) && *c->p == '>') {
            re_error(c, "atomic groups are not supported");
        } else {
            inline_flags(c, group_start);
            *repeatable = false;
            return true;
        }
    }
    if (group != SIZE_MAX) {
        if (c->n_groups + 1 >= RE_MAX_GROUPS) {
            re_error(c, "too many groups");
        }
        group = ++c->n_groups;
        emit2(c, OP_SAVE, (int32_t)(2 * group));
    }
    bool nullable = compile_alternation(c);
    if (!take(c, ')')) {
        c->p = c->start + group_start;
        re_error(c, "missing ), unterminated subpattern");
    }
    if (group != SIZE_MAX) {
        emit2(c, OP_SAVE, (int32_t)(2 * group + 1));
    }
    return nullable;
}

/* After a backslash outside a class. */
static bool compile_escape(re_compiler *c, bool *repeatable) {
    if (!more(c)) {
        re_error(c, "bad escape (end of pattern)");
    }
    uint32_t letter = next_char(c);
    *repeatable = true;
    char_set s;
    set_init(&s);
    if (set_add_escape_class(&s, letter)) {
        emit_set(c, &s, false);
        return false;
    }
    int32_t assertion = letter == 'b'   ? OP_WORDB
                        : letter == 'B' ? OP_NWORDB
                        : letter == 'A' ? OP_BEGIN
                        : letter == 'Z' ? OP_END
                                        : -1;
    if (assertion >= 0) {
        emit1(c, assertion);
        *repeatable = false;
        return true;
    }
    if (letter >= '1' && letter <= '9') {
        c->p--;
        re_error(c, "backreferences are not supported");
    }
    uint32_t lit;
    if (!literal_escape(c, letter, &lit)) {
        c->p--;
        re_error(c, "bad escape");
    }
    emit_char(c, lit);
    return false;
}

/* Returns whether the atom can match the empty string; *repeatable is false
 * for assertions, which no quantifier may follow. */
static bool compile_atom(re_compiler *c, bool *repeatable) {
    *repeatable = true;
    uint32_t ch = next_char(c);
    switch (ch) {
    case '(':
        return compile_group(c, repeatable);
    case '[':
        compile_class(c);
        return false;
    case '.':
        emit1(c, (c->flags & RE_FLAG_DOTALL) ? OP_ANYNL : OP_ANY);
        return false;
    case '^':
        emit1(c, (c->flags & RE_FLAG_MULTILINE) ? OP_MBOL : OP_BOL);
        *repeatable = false;
        return true;
    case '$':
        emit1(c, (c->flags & RE_FLAG_MULTILINE) ? OP_MEOL : OP_EOL);
        *repeatable = false;
        return true;
    case '\\':
        return compile_escape(c, repeatable);
    case '{': {
        size_t min, max;
        const char *at = --c->p;
        if (parse_braces(c, &min, &max)) {
            c->p = at;
            re_error(c, "nothing to repeat");
        }
        c->p = at + 1;
        emit_char(c, ch);
        return false;
    }
    case '*':
    case '+':
    case '?':
        c->p--;
        re_error(c, "nothing to repeat");
    default:
        emit_char(c, ch);
        return false;
    }
}

/* A {m}, {m,}, {,n} or {m,n} at p; false (p unchanged) if the text there
 * is not one, in which case "{" is an ordinary character. */
static bool parse_braces(re_compiler *c, size_t *min, size_t *max) {
    const char *p = c->p;
    if (p >= c->end || *p != '{') {
        return false;
    }
    p++;
    size_t lo = 0, hi = SIZE_MAX;
    bool have_lo = false, have_hi = false, comma = false;
    for (; p < c->end && is_digit(*p); p++) {
        lo = lo > RE_MAX_REPEAT ? lo : lo * 10 + (size_t)(*p - '0');
        have_lo = true;
    }
    if (p < c->end && *p == ',') {
        comma = true;
        p++;
        hi = 0;
        for (; p < c->end && is_digit(*p); p++) {
            hi = hi > RE_MAX_REPEAT ? hi : hi * 10 + (size_t)(*p - '0');
            have_hi = true;
        }
        if (!have_hi) {
            hi = SIZE_MAX;
        }
    }
    if (p >= c->end || *p != '}' || (!have_lo && !have_hi)) {
        return false;
    }
    if (!comma) {
        hi = lo;
    }
    c->p = p + 1;
    if (lo > RE_MAX_REPEAT || (hi != SIZE_MAX && hi > RE_MAX_REPEAT)) {
        re_error(c, "the repetition number is too large");
    }
    if (hi < lo) {
        re_error(c, "min repeat greater than max repeat");
    }
    *min = lo;
    *max = hi;
    return true;
}

static void append_copy(re_compiler *c, const int32_t *body, size_t n) {
    code_reserve(c, n);
    memcpy(c->code + c->len, body, n * sizeof(int32_t));
    c->len += n;
}

/* Emits `body` repeated without bound: the loop of * (or of + when
 * at_least_once). A nullable body gets a mark and a progress check, so an
 * empty iteration ends the loop instead of spinning. */
static void emit_loop(re_compiler *c, const int32_t *body, size_t n, bool lazy, bool nullable,
                      bool at_least_once) {
    int32_t mark = nullable ? (int32_t)(2 * RE_MAX_GROUPS + c->n_marks++) : -1;
    size_t mark_len = nullable ? 2 : 0, check_len = nullable ? 3 : 0;
    size_t top = c->len;
    if (!at_least_once) {
        /* SPLIT into the body or past the loop's closing JMP */
        int32_t past = (int32_t)(3 + mark_len + n + check_len + 2);
        emit1(c, OP_SPLIT);
        emit2(c, lazy ? past : 3, lazy ? 3 : past);
    }
    size_t body_start = c->len;
    if (nullable) {
        emit2(c, OP_SAVE, mark);
    }
    append_copy(c, body, n);
    if (nullable) {
        /* leaves past the closing SPLIT/JMP */
        int32_t exit_off = (int32_t)(3 + (at_least_once ? 3 : 2));
        emit1(c, OP_PROGRESS);
        emit2(c, mark, exit_off);
    }
    if (at_least_once) {
        int32_t back = -(int32_t)(c->len - body_start);
        emit1(c, OP_SPLIT);
        emit2(c, lazy ? 3 : back, lazy ? back : 3);
    } else {
        emit2(c, OP_JMP, -(int32_t)(c->len - top));
    }
}

/* Replaces the code of the atom at [start, len) by its repetition. */
static void emit_repeat(re_compiler *c, size_t start, size_t min, size_t max, bool lazy,
                        bool nullable) {
    size_t n = c->len - start;
    int32_t *body = py_gc_alloc_flags(n * sizeof(int32_t) + 1, PY_GC_LEAF);
    memcpy(body, c->code + start, n * sizeof(int32_t));
    c->len = start;
    if (min == 1 && max == SIZE_MAX) {
        emit_loop(c, body, n, lazy, nullable, true);
        return;
    }
    for (size_t i = 0; i < min; i++) {
        append_copy(c, body, n);
    }
    if (max == SIZE_MAX) {
        emit_loop(c, body, n, lazy, nullable, false);
        return;
    }
    /* each optional copy: SPLIT into it or to the end of them all; a
     * nullable copy that consumed nothing ends the repeat, like a loop */
    int32_t mark = nullable ? (int32_t)(2 * RE_MAX_GROUPS + c->n_marks++) : -1;
    size_t copy_len = 3 + n + (nullable ? 2 + 3 : 0);
    size_t first_split = c->len;
    for (size_t i = min; i < max; i++) {
        emit1(c, OP_SPLIT);
        emit2(c, 0, 0);
        if (nullable) {
            emit2(c, OP_SAVE, mark);
        }
        append_copy(c, body, n);
        if (nullable) {
            emit1(c, OP_PROGRESS);
            emit2(c, mark, 0);
        }
    }
    for (size_t pc = first_split, i = min; i < max; i++, pc += copy_len) {
        int32_t past = (int32_t)(c->len - pc);
        c->code[pc + 1] = lazy ? past : 3;
        c->code[pc + 2] = lazy ? 3 : past;
        if (nullable) {
            size_t check = pc + copy_len - 3;
            c->code[check + 2] = (int32_t)(c->len - check);
        }
    }
}

/* An atom and its quantifiers; returns whether it can match empty. */
static bool compile_repeat(re_compiler *c) {
    size_t start = c->len;
    bool repeatable;
    bool nullable = compile_atom(c, &repeatable);
    bool quantified = false;
    for (;;) {
        size_t min, max;
        const char *at = c->p;
        if (!more(c)) {
            break;
        }
        if (*c->p == '*') {
            min = 0, max = SIZE_MAX, c->p++;
        } else if (*c->p == '+') {
            min = 1, max = SIZE_MAX, c->p++;
        } else if (*c->p == '?') {
            min = 0, max = 1, c->p++;
        } else if (!parse_braces(c, &min, &max)) {
            break;
        }
        if (!repeatable) {
            c->p = at;
            re_error(c, "nothing to repeat");
        }
        if (quantified) {
            c->p = at;
            re_error(c, "multiple repeat");
        }
        bool lazy = take(c, '?');
        if (!lazy && more(c) && *c->p == '+') {
            re_error(c, "possessive quantifiers are not supported");
        }
        emit_repeat(c, start, min, max, lazy, nullable);
        nullable = nullable || min == 0;
        quantified = true;
    }
    return nullable;
}

static bool compile_sequence(re_compiler *c) {
    bool nullable = true;
    while (more(c) && *c->p != '|' && *c->p != ')') {
        nullable = compile_repeat(c) && nullable;
    }
    return nullable;
}

/* a|b|c: SPLIT to each alternative in turn, JMP from each to the end. */
static bool compile_alternation(re_compiler *c) {
    py_stack_check();
    size_t alt_start = c->len;
    bool nullable = compile_sequence(c);
    size_t first_jump = SIZE_MAX;
    while (take(c, '|')) {
        /* SPLIT (this alternative, the next) before it; JMP (to the end) after it */
        int32_t split[3] = {OP_SPLIT, 3, (int32_t)(c->len - alt_start + 3 + 2)};
        code_insert(c, alt_start, split, 3);
        /* the JMP holds the offset of the previous JMP until the end is known */
        size_t jump = c->len;
        emit2(c, OP_JMP, first_jump == SIZE_MAX ? 0 : (int32_t)(jump - first_jump));
        first_jump = jump;
        alt_start = c->len;
        nullable = compile_sequence(c) || nullable;
    }
    /* patch the chain of JMPs to land here */
    while (first_jump != SIZE_MAX) {
        int32_t link = c->code[first_jump + 1];
        c->code[first_jump + 1] = (int32_t)(c->len - first_jump);
        first_jump = link == 0 ? SIZE_MAX : first_jump - (size_t)link;
    }
    return nullable;
}

/* The byte every match starts with, or -1. */
static int find_first_byte(const re_obj *re) {
    const int32_t *ins = re->code + 2; /* after SAVE 0 */
    if (ins[0] != OP_CHAR) {
        return -1;
    }
    uint32_t ch = (uint32_t)ins[1];
    if (re->is_bytes || ch < 0x80) {
        return (int)ch;
    }
    return ch < 0x800     ? (int)(0xc0 | (ch >> 6))
           : ch < 0x10000 ? (int)(0xe0 | (ch >> 12))
                          : (int)(0xf0 | (ch >> 18));
}

/* Finds the regions of the nullable loops: each starts at the SAVE of its
 * mark and ends at the PROGRESS that reads it, and they nest. */
static void find_loops(re_obj *re, size_t n_marks) {
    re->loop_depth = 0;
    re->loop_of_pc = NULL;
    if (n_marks == 0) {
        return;
    }
    size_t first_mark = 2 * (re->n_groups + 1);
    size_t n_loops = 0;
    for (size_t pc = 0; pc < re->code_len; pc += op_size(re->code + pc)) {
        n_loops += re->code[pc] == OP_PROGRESS;
    }
    if (n_loops > INT16_MAX || re->code_len > INT16_MAX * (size_t)64) {
        py_raise_value_error("regular expression too large");
    }
    re->loop_of_pc = py_gc_alloc_flags(re->code_len * sizeof(int16_t), PY_GC_LEAF);
    re->loop_parent = py_gc_alloc_flags(n_loops * sizeof(int16_t) + 1, PY_GC_LEAF);
    re->loop_slot = py_gc_alloc_flags(n_loops * sizeof(int32_t) + 1, PY_GC_LEAF);
    int16_t open[64];
    size_t depth = 0, n = 0;
    for (size_t pc = 0; pc < re->code_len;) {
        const int32_t *ins = re->code + pc;
        size_t size = op_size(ins);
        int16_t inner = depth > 0 ? open[depth - 1] : -1;
        for (size_t k = 0; k < size; k++) {
            re->loop_of_pc[pc + k] = inner;
        }
        if (ins[0] == OP_SAVE && (size_t)ins[1] >= first_mark) {
            if (depth == sizeof(open) / sizeof(open[0])) {
                py_raise_value_error("regular expression too deeply nested");
            }
            re->loop_parent[n] = inner;
            re->loop_slot[n] = ins[1];
            open[depth++] = (int16_t)n++;
            if (depth > re->loop_depth) {
                re->loop_depth = depth;
            }
        } else if (ins[0] == OP_PROGRESS && depth > 0) {
            depth--;
        }
        pc += size;
    }
}

static void count_waiting(re_obj *re) {
    size_t n = 0;
    for (size_t pc = 0; pc < re->code_len; pc += op_size(re->code + pc)) {
        n += re->code[pc] <= OP_MATCH;
    }
    re->n_waiting = n;
}

static py_val re_compile_pattern(py_val pattern, unsigned flags) {
    re_compiler c;
    size_t len;
    if (py_is_str(pattern)) {
        c.start = py_str_data(pattern, &len);
        c.is_bytes = false;
    } else if (py_is_type(pattern, &py_type_bytes) || py_is_type(pattern, &py_type_bytearray)) {
        py_buffer buf;
        py_get_buffer_or_raise(pattern, &buf, PY_BUFFER_READ);
        pattern = py_bytes_new(buf.buf, buf.len); /* keep the text it was compiled from */
        c.start = py_str_data(pattern, &len);
        c.is_bytes = true;
    } else {
        py_raise_type_error("first argument must be string or compiled pattern");
    }
    if (flags & (RE_FLAG_VERBOSE | RE_FLAG_LOCALE)) {
        py_raise_value_error("re.VERBOSE and re.LOCALE are not supported");
    }
    c.p = c.start;
    c.end = c.start + len;
    c.flags = flags;
    c.code = NULL;
    c.len = c.alloc = 0;
    c.n_groups = c.n_marks = 0;
    c.names = PY_NULL;
    emit2(&c, OP_SAVE, 0);
    compile_alternation(&c);
    if (more(&c)) {
        re_error(&c, "unbalanced parenthesis");
    }
    emit2(&c, OP_SAVE, 1);
    emit1(&c, OP_MATCH);

    re_obj *re = py_new(re_obj);
    re->head.type = &re_type;
    re->pattern = pattern;
    re->code = c.code;
    re->code_len = c.len;
    re->n_groups = c.n_groups;
    /* loop marks were numbered after the largest possible group: renumber */
    re->n_slots = 2 * (c.n_groups + 1) + c.n_marks;
    for (size_t pc = 0; pc < c.len; pc += op_size(c.code + pc)) {
        if ((c.code[pc] == OP_SAVE || c.code[pc] == OP_PROGRESS) &&
            c.code[pc + 1] >= 2 * RE_MAX_GROUPS) {
            c.code[pc + 1] = c.code[pc + 1] - 2 * RE_MAX_GROUPS + (int32_t)(2 * (c.n_groups + 1));
        }
    }
    find_loops(re, c.n_marks);
    re->names = c.names;
    re->flags = c.flags;
    re->is_bytes = c.is_bytes;
    re->first_byte = find_first_byte(re);
    count_waiting(re);
    return PY_OBJ(re);
}

/* ================================================================ matching */

enum { RUN_MATCH, RUN_SEARCH, RUN_FULL };

typedef struct thread_list {
    size_t n;
    uint32_t *pcs;
    size_t *caps; /* n_slots per thread */
} thread_list;

typedef struct add_entry {
    int32_t pc; /* or, when slot >= 0, a slot to restore */
    int32_t slot;
    size_t old;
} add_entry;

typedef struct re_vm {
    const re_obj *re;
    const int32_t *code;
    size_t n_slots;
    const unsigned char *s;
    size_t end; /* byte offset where the text ends for this run */
    /* scratch */
    uint32_t *marks; /* per state: the generation that last added it */
    size_t n_states; /* instructions times (loop depth + 1) */
    uint32_t gen;
    thread_list lists[2];
    size_t *caps; /* the captures of the thread being added */
    add_entry *stack;
} re_vm;

/* The matcher's memory for this program, one block: taken from the regex
 * object while in use, so a nested call (from a sub() callback) makes its
 * own, and given back after. */
static void vm_begin(re_vm *vm, re_obj *re, const char *s, size_t end) {
    size_t code = re->code_len, wait = re->n_waiting + 1, slots = re->n_slots;
    size_t states = code * (re->loop_depth + 1);
    size_t bytes = states * sizeof(uint32_t) +
                   2 * wait * (sizeof(uint32_t) + slots * sizeof(size_t)) + slots * sizeof(size_t) +
                   (2 * states + 2) * sizeof(add_entry) + 64;
    char *mem = re->scratch;
    re->scratch = NULL;
    if (mem == NULL || py_gc_block_bytes(mem) < bytes) {
        mem = py_gc_alloc_flags(bytes, PY_GC_LEAF);
    }
    vm->re = re;
    vm->code = re->code;
    vm->n_slots = slots;
    vm->s = (const unsigned char *)s;
    vm->end = end;
    vm->gen = 0;
    /* largest alignment first */
    vm->stack = (add_entry *)(void *)mem;
    mem += (2 * states + 2) * sizeof(add_entry);
    vm->caps = (size_t *)(void *)mem;
    mem += slots * sizeof(size_t);
    for (int i = 0; i < 2; i++) {
        vm->lists[i].caps = (size_t *)(void *)mem;
        mem += wait * slots * sizeof(size_t);
    }
    for (int i = 0; i < 2; i++) {
        vm->lists[i].pcs = (uint32_t *)(void *)mem;
        mem += wait * sizeof(uint32_t);
    }
    vm->marks = (uint32_t *)(void *)mem;
    vm->n_states = states;
    memset(vm->marks, 0, states * sizeof(uint32_t));
}

static void vm_end(re_vm *vm, re_obj *re) { re->scratch = vm->stack; }

static bool word_at(const re_vm *vm, size_t pos) {
    return pos < vm->end && is_word_byte(vm->s[pos]);
}

static bool word_before(const re_vm *vm, size_t pos) {
    return pos > 0 && is_word_byte(vm->s[pos - 1]);
}

static bool assertion_holds(const re_vm *vm, int32_t op, size_t pos) {
    switch (op) {
    case OP_BOL:
    case OP_BEGIN:
        return pos == 0;
    case OP_MBOL:
        return pos == 0 || vm->s[pos - 1] == '\n';
    case OP_EOL:
        return pos == vm->end || (pos + 1 == vm->end && vm->s[pos] == '\n');
    case OP_MEOL:
        return pos == vm->end || vm->s[pos] == '\n';
    case OP_END:
        return pos == vm->end;
    case OP_WORDB:
        return word_before(vm, pos) != word_at(vm, pos);
    default: /* OP_NWORDB: never in an empty text, as CPython's */
        return vm->end > 0 && word_before(vm, pos) == word_at(vm, pos);
    }
}

/* How many of the nullable loops around pc began their iteration at pos
 * (they nest, so it is those from the innermost out). The future of a
 * thread at pc depends on this besides pc and pos: threads are merged only
 * when both agree. */
static size_t fresh_loops(const re_vm *vm, size_t pc, size_t pos) {
    const re_obj *re = vm->re;
    size_t k = 0;
    for (int loop = re->loop_of_pc[pc]; loop >= 0 && vm->caps[re->loop_slot[loop]] == pos;
         loop = re->loop_parent[loop]) {
        k++;
    }
    return k;
}

/* Adds a thread at pc with vm->caps, following jumps, splits, saves and
 * assertions depth first, so threads land in the list in priority order.
 * Waiting threads are merged on pc alone: once a character is consumed,
 * no loop is fresh any more. */
static void add_thread(re_vm *vm, thread_list *list, uint32_t gen, size_t pc0, size_t pos) {
    add_entry *stack = vm->stack;
    size_t sp = 0;
    stack[sp++] = (add_entry){(int32_t)pc0, -1, 0};
    while (sp > 0) {
        add_entry e = stack[--sp];
        if (e.slot >= 0) {
            vm->caps[e.slot] = e.old;
            continue;
        }
        size_t pc = (size_t)e.pc;
        const int32_t *ins = vm->code + pc;
        size_t state = pc * (vm->re->loop_depth + 1);
        if (ins[0] > OP_MATCH && vm->re->loop_depth > 0) {
            state += fresh_loops(vm, pc, pos);
        }
        if (vm->marks[state] == gen) {
            continue;
        }
        vm->marks[state] = gen;
        switch (ins[0]) {
        case OP_JMP:
            stack[sp++] = (add_entry){(int32_t)pc + ins[1], -1, 0};
            break;
        case OP_SPLIT:
            stack[sp++] = (add_entry){(int32_t)pc + ins[2], -1, 0};
            stack[sp++] = (add_entry){(int32_t)pc + ins[1], -1, 0};
            break;
        case OP_SAVE:
            stack[sp++] = (add_entry){0, ins[1], vm->caps[ins[1]]};
            vm->caps[ins[1]] = pos;
            stack[sp++] = (add_entry){(int32_t)pc + 2, -1, 0};
            break;
        case OP_PROGRESS:
            stack[sp++] = (add_entry){(int32_t)pc + (vm->caps[ins[1]] == pos ? ins[2] : 3), -1, 0};
            break;
        case OP_CHAR:
        case OP_ANY:
        case OP_ANYNL:
        case OP_CLASS:
        case OP_MATCH:
            list->pcs[list->n] = (uint32_t)pc;
            memcpy(list->caps + list->n * vm->n_slots, vm->caps, vm->n_slots * sizeof(size_t));
            list->n++;
            break;
        default:
            if (assertion_holds(vm, ins[0], pos)) {
                stack[sp++] = (add_entry){(int32_t)pc + 1, -1, 0};
            }
            break;
        }
    }
}

static bool class_has(const int32_t *ins, uint32_t ch) {
    const int32_t *r = ins + 3;
    bool in = false;
    for (int32_t i = 0; i < ins[1]; i++) {
        if (ch < (uint32_t)r[2 * i]) {
            break;
        }
        if (ch <= (uint32_t)r[2 * i + 1]) {
            in = true;
            break;
        }
    }
    return in != (ins[2] != 0);
}

/* The character at pos and its length in bytes. */
static uint32_t char_at(const re_vm *vm, size_t pos, size_t *len) {
    const unsigned char *s = vm->s + pos;
    unsigned char b = s[0];
    if (b < 0x80 || vm->re->is_bytes) {
        *len = 1;
        return b;
    }
    size_t n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    if (n > vm->end - pos) {
        *len = 1;
        return b;
    }
    uint32_t cp = b & (0x7f >> n);
    for (size_t i = 1; i < n; i++) {
        cp = cp << 6 | (s[i] & 0x3f);
    }
    *len = n;
    return cp;
}

static uint32_t next_gen(re_vm *vm) {
    if (++vm->gen == 0) {
        memset(vm->marks, 0, vm->n_states * sizeof(uint32_t));
        vm->gen = 1;
    }
    return vm->gen;
}

/* Runs the program from byte offset `from`. RUN_MATCH and RUN_FULL start
 * there only; RUN_SEARCH at every later position too. With must_advance an
 * empty match at `from` does not count (the one before ended there). On a
 * match, out gets the capture slots. */
static bool vm_run(re_vm *vm, size_t from, int mode, bool must_advance, size_t *out) {
    thread_list *cl = &vm->lists[0], *nl = &vm->lists[1];
    size_t slots = vm->n_slots;
    size_t pos = from;
    bool matched = false;
    uint32_t cl_gen = next_gen(vm);
    cl->n = 0;
    for (size_t steps = 0;; steps++) {
        if (!matched && (mode == RUN_SEARCH || pos == from)) {
            if (cl->n == 0 && mode == RUN_SEARCH && vm->re->first_byte >= 0) {
                const void *hit =
                    pos < vm->end ? memchr(vm->s + pos, vm->re->first_byte, vm->end - pos) : NULL;
                if (hit == NULL) {
                    break;
                }
                size_t at = (size_t)((const unsigned char *)hit - vm->s);
                if (at != pos) {
                    pos = at;
                    cl_gen = next_gen(vm); /* marks made at the old position are stale */
                }
            }
            for (size_t i = 0; i < slots; i++) {
                vm->caps[i] = UNSET;
            }
            add_thread(vm, cl, cl_gen, 0, pos);
        }
        size_t len = 0;
        uint32_t ch = pos < vm->end ? char_at(vm, pos, &len) : 0;
        if (cl->n == 0) {
            if (matched || mode != RUN_SEARCH || pos >= vm->end) {
                break;
            }
            pos += len; /* nothing started here: try the next position */
            cl_gen = next_gen(vm);
            continue;
        }
        uint32_t nl_gen = next_gen(vm);
        nl->n = 0;
        for (size_t i = 0; i < cl->n; i++) {
            size_t pc = cl->pcs[i];
            const int32_t *ins = vm->code + pc;
            size_t *caps = cl->caps + i * slots;
            bool ok;
            switch (ins[0]) {
            case OP_MATCH:
                if ((mode == RUN_FULL && pos != vm->end) ||
                    (must_advance && pos == from && caps[0] == from)) {
                    continue;
                }
                matched = true;
                memcpy(out, caps, slots * sizeof(size_t));
                i = cl->n; /* threads after this one have lower priority */
                continue;
            case OP_CHAR:
                ok = len > 0 && ch == (uint32_t)ins[1];
                break;
            case OP_ANY:
                ok = len > 0 && ch != '\n';
                break;
            case OP_ANYNL:
                ok = len > 0;
                break;
            default: /* OP_CLASS */
                ok = len > 0 && class_has(ins, ch);
                break;
            }
            if (ok) {
                memcpy(vm->caps, caps, slots * sizeof(size_t));
                add_thread(vm, nl, nl_gen, pc + op_size(ins), pos + len);
            }
        }
        if (pos >= vm->end) {
            break;
        }
        thread_list *t = cl;
        cl = nl;
        nl = t;
        cl_gen = nl_gen;
        pos += len;
        if ((steps & 0xfff) == 0xfff && py_pending) {
            py_check_interrupt();
        }
    }
    return matched;
}

/* ================================================================ subjects */

typedef struct subject {
    py_val value;
    const char *data;
    size_t len;
    bool is_bytes;
} subject;

static void get_subject(const re_obj *re, py_val v, subject *s) {
    s->value = v;
    s->is_bytes = re->is_bytes;
    if (!re->is_bytes) {
        if (!py_is_str(v)) {
            py_raise_type_error(py_is_bytes_like(v)
                                    ? "cannot use a string pattern on a bytes-like object"
                                    : "expected string or bytes-like object, got '%s'",
                                py_type_name(v));
        }
        s->data = py_str_data(v, &s->len);
        return;
    }
    py_buffer buf;
    if (py_is_str(v) || !py_get_buffer(v, &buf, PY_BUFFER_READ)) {
        py_raise_type_error(py_is_str(v) ? "cannot use a bytes pattern on a string-like object"
                                         : "expected string or bytes-like object, got '%s'",
                            py_type_name(v));
    }
    s->data = buf.buf;
    s->len = buf.len;
}

/* Byte offset of character number `index` (clamped to the text). */
static size_t byte_of_char(const subject *s, size_t index) {
    if (s->is_bytes) {
        return index < s->len ? index : s->len;
    }
    size_t b = 0;
    while (b < s->len && index > 0) {
        b++;
        while (b < s->len && ((unsigned char)s->data[b] & 0xc0) == 0x80) {
            b++;
        }
        index--;
    }
    return b;
}

/* Characters in the first `byte` bytes. */
static size_t char_of_byte(const char *data, size_t byte, bool is_bytes) {
    if (is_bytes) {
        return byte;
    }
    size_t n = 0;
    for (size_t i = 0; i < byte; i++) {
        n += ((unsigned char)data[i] & 0xc0) != 0x80;
    }
    return n;
}

static py_val slice_of(const subject *s, size_t from, size_t to) {
    if (to > s->len) {
        to = s->len;
    }
    if (from > to) {
        from = to;
    }
    return s->is_bytes ? py_bytes_new(s->data + from, to - from)
                       : py_str_new(s->data + from, to - from);
}

/* A pos or endpos argument clamped to [0, n] (negative is 0, not from the end). */
static size_t clamp_index(py_val v, size_t n) {
    py_int_t i = py_get_int(v);
    if (i < 0) {
        return 0;
    }
    return (size_t)i > n ? n : (size_t)i;
}

/* ================================================================ match objects */

typedef struct match_obj {
    py_head head;
    py_val regex, string;
    size_t pos, endpos; /* as given, in characters */
    size_t n_slots;     /* 2 per group */
    size_t caps[];      /* byte offsets */
} match_obj;

static py_val make_match(py_val regex, const subject *s, const size_t *caps, size_t pos,
                         size_t endpos) {
    re_obj *re = py_ptr(regex);
    size_t n = 2 * (re->n_groups + 1);
    match_obj *m = py_gc_alloc(sizeof(match_obj) + n * sizeof(size_t));
    m->head.type = &match_type;
    m->regex = regex;
    m->string = s->value;
    m->pos = pos;
    m->endpos = endpos;
    m->n_slots = n;
    memcpy(m->caps, caps, n * sizeof(size_t));
    return PY_OBJ(m);
}

static match_obj *match_of(py_val v) {
    if (!py_is_type(v, &match_type)) {
        py_raise_type_error("expected a match object, not '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

/* The group number for an int or a group name. */
static size_t group_index(match_obj *m, py_val g) {
    re_obj *re = py_ptr(m->regex);
    py_int_t i;
    if (py_get_int_maybe(g, &i)) {
        if (i < 0 || (size_t)i > re->n_groups) {
            py_raise_msg(&py_type_IndexError, "no such group");
        }
        return (size_t)i;
    }
    if (py_is_str(g) && re->names != PY_NULL) {
        py_val n = py_dict_get(re->names, g);
        if (n != PY_NULL) {
            return (size_t)py_get_int(n);
        }
    }
    py_raise_msg(&py_type_IndexError, "no such group");
}

static void match_subject(match_obj *m, subject *s) { get_subject(py_ptr(m->regex), m->string, s); }

static py_val group_value(match_obj *m, const subject *s, size_t g, py_val dflt) {
    size_t a = m->caps[2 * g], b = m->caps[2 * g + 1];
    if (a == UNSET || b == UNSET) {
        return dflt;
    }
    return slice_of(s, a, b);
}

static py_val match_group(size_t n_args, const py_val *args) {
    match_obj *m = match_of(args[0]);
    subject s;
    match_subject(m, &s);
    if (n_args == 1) {
        return group_value(m, &s, 0, PY_NONE);
    }
    if (n_args == 2) {
        return group_value(m, &s, group_index(m, args[1]), PY_NONE);
    }
    py_val t = py_tuple_new(n_args - 1, NULL);
    py_tuple *tt = py_ptr(t);
    for (size_t i = 1; i < n_args; i++) {
        tt->items[i - 1] = group_value(m, &s, group_index(m, args[i]), PY_NONE);
    }
    return t;
}
static PY_DEFINE_FUN_VAR(match_group_obj, 1, PY_ARGS_MAX, match_group);

static py_val match_groups(size_t n_args, const py_val *args) {
    match_obj *m = match_of(args[0]);
    py_val dflt = n_args > 1 ? args[1] : PY_NONE;
    subject s;
    match_subject(m, &s);
    size_t n = m->n_slots / 2 - 1;
    py_val t = py_tuple_new(n, NULL);
    for (size_t i = 0; i < n; i++) {
        ((py_tuple *)py_ptr(t))->items[i] = group_value(m, &s, i + 1, dflt);
    }
    return t;
}
static PY_DEFINE_FUN_VAR(match_groups_obj, 1, 2, match_groups);

static py_val match_groupdict(size_t n_args, const py_val *args) {
    match_obj *m = match_of(args[0]);
    py_val dflt = n_args > 1 ? args[1] : PY_NONE;
    re_obj *re = py_ptr(m->regex);
    py_val d = py_dict_new(0);
    if (re->names == PY_NULL) {
        return d;
    }
    subject s;
    match_subject(m, &s);
    py_map *names = py_dict_map(re->names);
    for (size_t pos = 0; (pos = py_map_next(names, pos)) != 0;) {
        py_map_entry *e = &names->table[pos - 1];
        py_dict_store(d, e->key, group_value(m, &s, (size_t)py_get_int(e->value), dflt));
    }
    return d;
}
static PY_DEFINE_FUN_VAR(match_groupdict_obj, 1, 2, match_groupdict);

/* start/end/span of group args[1] (default 0), in characters; -1 if unset. */
static py_val group_edge(size_t n_args, const py_val *args, int which) {
    match_obj *m = match_of(args[0]);
    size_t g = n_args > 1 ? group_index(m, args[1]) : 0;
    subject s;
    match_subject(m, &s);
    py_val edge[2];
    for (int k = 0; k < 2; k++) {
        size_t b = m->caps[2 * g + (size_t)k];
        edge[k] = b == UNSET || m->caps[2 * g] == UNSET || m->caps[2 * g + 1] == UNSET
                      ? PY_SMALL(-1)
                      : py_int_from_u64(char_of_byte(s.data, b < s.len ? b : s.len, s.is_bytes));
    }
    return which == 2 ? py_tuple2(edge[0], edge[1]) : edge[which];
}

static py_val match_start(size_t n_args, const py_val *args) { return group_edge(n_args, args, 0); }
static PY_DEFINE_FUN_VAR(match_start_obj, 1, 2, match_start);
static py_val match_end(size_t n_args, const py_val *args) { return group_edge(n_args, args, 1); }
static PY_DEFINE_FUN_VAR(match_end_obj, 1, 2, match_end);
static py_val match_span(size_t n_args, const py_val *args) { return group_edge(n_args, args, 2); }
static PY_DEFINE_FUN_VAR(match_span_obj, 1, 2, match_span);

static void expand_template(re_obj *re, py_val tmpl, const subject *s, const size_t *caps,
                            py_buf *out);

static py_val match_expand(py_val self, py_val tmpl) {
    match_obj *m = match_of(self);
    subject s;
    match_subject(m, &s);
    py_buf out;
    py_buf_init(&out, 16);
    expand_template(py_ptr(m->regex), tmpl, &s, m->caps, &out);
    return s.is_bytes ? py_buf_to_bytes(&out) : py_buf_to_str(&out);
}
static PY_DEFINE_FUN_2(match_expand_obj, match_expand);

static void match_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return;
    }
    match_obj *m = match_of(self);
    re_obj *re = py_ptr(m->regex);
    if (name == Q_string) {
        dest[0] = m->string;
    } else if (name == Q_re) {
        dest[0] = m->regex;
    } else if (name == Q_pos) {
        dest[0] = py_int_from_u64(m->pos);
    } else if (name == Q_endpos) {
        dest[0] = py_int_from_u64(m->endpos);
    } else if (name == Q_lastindex || name == Q_lastgroup) {
        /* the group that closed last: the one ending furthest, the outer one on ties */
        size_t best = 0, best_end = 0;
        for (size_t g = 1; g <= re->n_groups; g++) {
            size_t b = m->caps[2 * g + 1];
            if (m->caps[2 * g] != UNSET && b != UNSET && (best == 0 || b > best_end)) {
                best = g;
                best_end = b;
            }
        }
        dest[0] = PY_NONE;
        if (best != 0 && name == Q_lastindex) {
            dest[0] = py_int_from_u64(best);
        } else if (best != 0 && re->names != PY_NULL) {
            py_map *names = py_dict_map(re->names);
            for (size_t pos = 0; (pos = py_map_next(names, pos)) != 0;) {
                if ((size_t)py_get_int(names->table[pos - 1].value) == best) {
                    dest[0] = names->table[pos - 1].key;
                }
            }
        }
    }
}

static py_val match_subscr(py_val self, py_val index, py_val value) {
    if (value != PY_SENTINEL) {
        return PY_NULL;
    }
    match_obj *m = match_of(self);
    subject s;
    match_subject(m, &s);
    return group_value(m, &s, group_index(m, index), PY_NONE);
}

static void match_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_val span = match_span(1, &self);
    py_val whole = match_group(1, &self);
    py_printf(out, "<re.Match object; span=%r, match=%r>", span, whole);
}

static const py_map_entry match_locals_table[] = {
    {PY_QSTR(Q_group), PY_OBJ(&match_group_obj)},
    {PY_QSTR(Q_groups), PY_OBJ(&match_groups_obj)},
    {PY_QSTR(Q_groupdict), PY_OBJ(&match_groupdict_obj)},
    {PY_QSTR(Q_start), PY_OBJ(&match_start_obj)},
    {PY_QSTR(Q_end), PY_OBJ(&match_end_obj)},
    {PY_QSTR(Q_span), PY_OBJ(&match_span_obj)},
    {PY_QSTR(Q_expand), PY_OBJ(&match_expand_obj)},
};
static PY_DEFINE_FIXED_DICT(match_locals, match_locals_table);

static const py_type match_type = {
    .head = {&py_type_type},
    .name = Q_Match,
    .print = match_print,
    .attr = match_attr,
    .subscr = match_subscr,
    .locals = PY_OBJ(&match_locals),
};

/* ================================================================ regex objects */

static re_obj *re_of(py_val v) {
    if (!py_is_type(v, &re_type)) {
        py_raise_type_error("expected a compiled pattern, not '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

/* One match of re in s from byte offset `from` (the text ending at `end`). */
static bool re_find(re_obj *re, const subject *s, size_t from, size_t end, int mode,
                    bool must_advance, size_t *caps) {
    re_vm vm;
    vm_begin(&vm, re, s->data, end);
    bool found = vm_run(&vm, from, mode, must_advance, caps);
    vm_end(&vm, re);
    return found;
}

static size_t *caps_buffer(re_obj *re) {
    return py_gc_alloc_flags(re->n_slots * sizeof(size_t), PY_GC_LEAF);
}

/* match/search/fullmatch(string, pos=0, endpos=None) */
static py_val re_exec(py_val regex, size_t n_args, const py_val *args, py_map *kw, int mode) {
    static const py_arg_spec spec[] = {
        {Q_string, PY_ARG_REQUIRED, PY_NULL},
        {Q_pos, 0, PY_SMALL(0)},
        {Q_endpos, 0, PY_NONE},
    };
    py_val a[3];
    py_parse_args(n_args, args, kw, 3, spec, a);
    re_obj *re = re_of(regex);
    subject s;
    get_subject(re, a[0], &s);
    size_t n_chars = char_of_byte(s.data, s.len, s.is_bytes);
    size_t pos = clamp_index(a[1], n_chars);
    size_t endpos = a[2] == PY_NONE ? n_chars : clamp_index(a[2], n_chars);
    if (endpos < pos) {
        return PY_NONE;
    }
    size_t from = byte_of_char(&s, pos), end = byte_of_char(&s, endpos);
    size_t *caps = caps_buffer(re);
    if (!re_find(re, &s, from, end, mode, false, caps)) {
        return PY_NONE;
    }
    return make_match(regex, &s, caps, pos, endpos);
}

static py_val re_match_method(size_t n_args, const py_val *args, py_map *kw) {
    return re_exec(args[0], n_args - 1, args + 1, kw, RUN_MATCH);
}
static PY_DEFINE_FUN_KW(re_match_method_obj, 2, re_match_method);

static py_val re_search_method(size_t n_args, const py_val *args, py_map *kw) {
    return re_exec(args[0], n_args - 1, args + 1, kw, RUN_SEARCH);
}
static PY_DEFINE_FUN_KW(re_search_method_obj, 2, re_search_method);

static py_val re_fullmatch_method(size_t n_args, const py_val *args, py_map *kw) {
    return re_exec(args[0], n_args - 1, args + 1, kw, RUN_FULL);
}
static PY_DEFINE_FUN_KW(re_fullmatch_method_obj, 2, re_fullmatch_method);

/* ---- walking over the matches: split, findall, finditer, sub */

typedef struct match_walk {
    re_obj *re;
    subject s;
    size_t pos, end; /* bytes */
    bool must_advance, done;
    size_t *caps;
} match_walk;

static void walk_begin(match_walk *w, py_val regex, py_val string, size_t pos_chars,
                       size_t end_chars) {
    w->re = re_of(regex);
    get_subject(w->re, string, &w->s);
    w->pos = byte_of_char(&w->s, pos_chars);
    w->end = byte_of_char(&w->s, end_chars);
    w->must_advance = false;
    w->done = w->pos > w->end;
    w->caps = caps_buffer(w->re);
}

/* The next match (CPython 3.7's rule: an empty match may not start where
 * the previous empty match was). */
static bool walk_next(match_walk *w) {
    if (w->done) {
        return false;
    }
    /* Python code run between matches may have resized a bytearray */
    get_subject(w->re, w->s.value, &w->s);
    if (w->end > w->s.len) {
        w->end = w->s.len;
    }
    if (w->pos > w->end ||
        !re_find(w->re, &w->s, w->pos, w->end, RUN_SEARCH, w->must_advance, w->caps)) {
        w->done = true;
        return false;
    }
    w->must_advance = w->caps[0] == w->caps[1];
    w->pos = w->caps[1];
    return true;
}

static py_val re_split_impl(py_val regex, py_val string, py_int_t maxsplit) {
    match_walk w;
    walk_begin(&w, regex, string, 0, SIZE_MAX);
    py_val out = py_list_new(0, NULL);
    size_t last = 0;
    for (py_int_t n = 0; (maxsplit == 0 || n < maxsplit) && maxsplit >= 0 && walk_next(&w); n++) {
        py_list_append(out, slice_of(&w.s, last, w.caps[0]));
        for (size_t g = 1; g <= w.re->n_groups; g++) {
            size_t a = w.caps[2 * g], b = w.caps[2 * g + 1];
            py_list_append(out, a == UNSET || b == UNSET ? PY_NONE : slice_of(&w.s, a, b));
        }
        last = w.caps[1];
    }
    get_subject(w.re, string, &w.s);
    py_list_append(out, slice_of(&w.s, last, w.s.len));
    return out;
}

static py_val re_split_method(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_string, PY_ARG_REQUIRED, PY_NULL},
        {Q_maxsplit, 0, PY_SMALL(0)},
    };
    py_val a[2];
    py_parse_args(n_args - 1, args + 1, kw, 2, spec, a);
    return re_split_impl(args[0], a[0], py_get_int(a[1]));
}
static PY_DEFINE_FUN_KW(re_split_method_obj, 2, re_split_method);

static py_val found_item(match_walk *w) {
    size_t groups = w->re->n_groups;
    if (groups == 0) {
        return slice_of(&w->s, w->caps[0], w->caps[1]);
    }
    py_val t = py_tuple_new(groups, NULL);
    for (size_t g = 1; g <= groups; g++) {
        size_t a = w->caps[2 * g], b = w->caps[2 * g + 1];
        py_val v = a == UNSET || b == UNSET ? slice_of(&w->s, 0, 0) : slice_of(&w->s, a, b);
        if (groups == 1) {
            return v;
        }
        ((py_tuple *)py_ptr(t))->items[g - 1] = v;
    }
    return t;
}

static void walk_range(match_walk *w, py_val regex, py_val string, py_val pos, py_val endpos) {
    re_obj *re = re_of(regex);
    subject s;
    get_subject(re, string, &s);
    size_t n_chars = char_of_byte(s.data, s.len, s.is_bytes);
    size_t p = clamp_index(pos, n_chars);
    size_t e = endpos == PY_NONE ? n_chars : clamp_index(endpos, n_chars);
    walk_begin(w, regex, string, p, e);
}

static py_val re_findall_impl(py_val regex, py_val string, py_val pos, py_val endpos) {
    match_walk w;
    walk_range(&w, regex, string, pos, endpos);
    py_val out = py_list_new(0, NULL);
    while (walk_next(&w)) {
        py_list_append(out, found_item(&w));
    }
    return out;
}

static const py_arg_spec range_spec[] = {
    {Q_string, PY_ARG_REQUIRED, PY_NULL},
    {Q_pos, 0, PY_SMALL(0)},
    {Q_endpos, 0, PY_NONE},
};

static py_val re_findall_method(size_t n_args, const py_val *args, py_map *kw) {
    py_val a[3];
    py_parse_args(n_args - 1, args + 1, kw, 3, range_spec, a);
    return re_findall_impl(args[0], a[0], a[1], a[2]);
}
static PY_DEFINE_FUN_KW(re_findall_method_obj, 2, re_findall_method);

/* finditer: an iterator holding its walk. */
typedef struct finditer_obj {
    py_head head;
    py_val regex;
    match_walk walk;
    size_t pos_chars, endpos_chars;
} finditer_obj;

static py_val finditer_next(py_val self) {
    finditer_obj *it = py_ptr(self);
    if (!walk_next(&it->walk)) {
        return PY_STOP;
    }
    size_t *caps = caps_buffer(it->walk.re);
    memcpy(caps, it->walk.caps, it->walk.re->n_slots * sizeof(size_t));
    return make_match(it->regex, &it->walk.s, caps, it->pos_chars, it->endpos_chars);
}

static const py_type finditer_type = {
    .head = {&py_type_type},
    .name = Q_callable_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .iternext = finditer_next,
};

static py_val re_finditer_impl(py_val regex, py_val string, py_val pos, py_val endpos) {
    finditer_obj *it = py_new(finditer_obj);
    it->head.type = &finditer_type;
    it->regex = regex;
    walk_range(&it->walk, regex, string, pos, endpos);
    subject *s = &it->walk.s;
    size_t n_chars = char_of_byte(s->data, s->len, s->is_bytes);
    it->pos_chars = clamp_index(pos, n_chars);
    it->endpos_chars = endpos == PY_NONE ? n_chars : clamp_index(endpos, n_chars);
    return PY_OBJ(it);
}

static py_val re_finditer_method(size_t n_args, const py_val *args, py_map *kw) {
    py_val a[3];
    py_parse_args(n_args - 1, args + 1, kw, 3, range_spec, a);
    return re_finditer_impl(args[0], a[0], a[1], a[2]);
}
static PY_DEFINE_FUN_KW(re_finditer_method_obj, 2, re_finditer_method);

/* ---- sub */

static void add_group(py_buf *out, const subject *s, const size_t *caps, size_t g) {
    size_t a = caps[2 * g], b = caps[2 * g + 1];
    if (a != UNSET && b != UNSET && a <= b && b <= s->len) {
        py_buf_add(out, s->data + a, b - a);
    }
}

static _Noreturn void template_error(const char *what, size_t at) {
    py_raise_value_error("%s at position %zu", what, at);
}

/* \g<name or number> with p just past "g": the group number. */
static size_t template_group_ref(re_obj *re, const char *t, size_t n, size_t *i) {
    size_t at = *i;
    if (*i >= n || t[*i] != '<') {
        template_error("missing <", at);
    }
    size_t name = ++*i;
    while (*i < n && t[*i] != '>') {
        ++*i;
    }
    if (*i >= n || *i == name) {
        template_error("missing group name", name);
    }
    size_t len = *i - name;
    ++*i;
    bool numeric = true;
    size_t g = 0;
    for (size_t k = 0; k < len; k++) {
        numeric = numeric && is_digit(t[name + k]);
        g = g > RE_MAX_GROUPS ? g : g * 10 + (size_t)(t[name + k] - '0');
    }
    if (numeric) {
        if (g > re->n_groups) {
            template_error("invalid group reference", name);
        }
        return g;
    }
    py_val found =
        re->names == PY_NULL ? PY_NULL : py_dict_get(re->names, py_str_new(t + name, len));
    if (found == PY_NULL) {
        py_raise_msg(&py_type_IndexError, "unknown group name '%.*s'", (int)len, t + name);
    }
    return (size_t)py_get_int(found);
}

/* Appends the template with its group references filled in; with caps
 * NULL, only checks it. */
static void expand_template(re_obj *re, py_val tmpl, const subject *s, const size_t *caps,
                            py_buf *out) {
    size_t n;
    const char *t;
    if (re->is_bytes) {
        py_buffer buf;
        if (py_is_str(tmpl) || !py_get_buffer(tmpl, &buf, PY_BUFFER_READ)) {
            py_raise_type_error("expected a bytes-like object, %s found", py_type_name(tmpl));
        }
        t = buf.buf;
        n = buf.len;
    } else {
        if (!py_is_str(tmpl)) {
            py_raise_type_error("expected str instance, %s found", py_type_name(tmpl));
        }
        t = py_str_data(tmpl, &n);
    }
    size_t i = 0;
    while (i < n) {
        const char *bs = memchr(t + i, '\\', n - i);
        size_t run = bs == NULL ? n - i : (size_t)(bs - (t + i));
        if (caps != NULL) {
            py_buf_add(out, t + i, run);
        }
        i += run;
        if (i >= n) {
            break;
        }
        size_t at = i++;
        if (i >= n) {
            template_error("bad escape (end of pattern)", at);
        }
        char e = t[i++];
        char lit = 0;
        size_t group = SIZE_MAX;
        switch (e) {
        case 'n':
            lit = '\n';
            break;
        case 't':
            lit = '\t';
            break;
        case 'r':
            lit = '\r';
            break;
        case 'f':
            lit = '\f';
            break;
        case 'v':
            lit = '\v';
            break;
        case 'a':
            lit = '\a';
            break;
        case 'b':
            lit = '\b';
            break;
        case '\\':
            lit = '\\';
            break;
        case 'g':
            group = template_group_ref(re, t, n, &i);
            break;
        case '0': {
            unsigned v = 0;
            for (int k = 0; k < 2 && is_octal(t + i, t + n); k++) {
                v = v * 8 + (unsigned)(t[i++] - '0');
            }
            char ch[4];
            size_t len = 1;
            if (re->is_bytes || v < 0x80) {
                ch[0] = (char)v;
            } else {
                ch[0] = (char)(0xc0 | (v >> 6));
                ch[1] = (char)(0x80 | (v & 0x3f));
                len = 2;
            }
            if (caps != NULL) {
                py_buf_add(out, ch, len);
            }
            continue;
        }
        default:
            if (is_digit(e)) {
                if (i + 1 < n && is_octal(t + i - 1, t + n) && is_octal(t + i, t + n) &&
                    is_octal(t + i + 1, t + n)) {
                    unsigned v = (unsigned)((e - '0') * 64 + (t[i] - '0') * 8 + (t[i + 1] - '0'));
                    i += 2;
                    if (v > 0377) {
                        template_error("octal escape value outside of range 0-0o377", at);
                    }
                    if (caps != NULL) {
                        py_buf_add_char(out, v);
                    }
                    continue;
                }
                group = (size_t)(e - '0');
                if (i < n && is_digit(t[i])) {
                    group = group * 10 + (size_t)(t[i++] - '0');
                }
                if (group > re->n_groups) {
                    template_error("invalid group reference", at + 1);
                }
                break;
            }
            if (((unsigned char)e | 0x20) >= 'a' && ((unsigned char)e | 0x20) <= 'z') {
                template_error("bad escape", at);
            }
            if (caps != NULL) {
                py_buf_add(out, t + at, 2); /* other escapes are kept as written */
            }
            continue;
        }
        if (caps == NULL) {
            continue;
        }
        if (group != SIZE_MAX) {
            add_group(out, s, caps, group);
        } else {
            py_buf_add_byte(out, lit);
        }
    }
}

static py_val re_sub_impl(py_val regex, py_val repl, py_val string, py_int_t count, bool with_n) {
    match_walk w;
    walk_begin(&w, regex, string, 0, SIZE_MAX);
    bool call = py_is_callable(repl);
    if (!call) {
        expand_template(w.re, repl, &w.s, NULL, NULL);
    }
    size_t n_chars = char_of_byte(w.s.data, w.s.len, w.s.is_bytes);
    py_buf out;
    py_buf_init(&out, w.s.len + 16);
    size_t last = 0;
    py_int_t n = 0;
    for (; count >= 0 && (count == 0 || n < count) && walk_next(&w); n++) {
        size_t start = w.caps[0], end = w.caps[1];
        if (start >= last) {
            py_buf_add(&out, w.s.data + last, start - last);
        }
        if (call) {
            size_t *caps = caps_buffer(w.re);
            memcpy(caps, w.caps, w.re->n_slots * sizeof(size_t));
            py_val r = py_call1(repl, make_match(regex, &w.s, caps, 0, n_chars));
            subject rs;
            get_subject(w.re, r, &rs);
            py_buf_add(&out, rs.data, rs.len);
            get_subject(w.re, string, &w.s); /* the call may have changed a bytearray */
            if (end > w.s.len) {
                end = w.s.len;
            }
        } else {
            expand_template(w.re, repl, &w.s, w.caps, &out);
        }
        last = end;
    }
    if (last < w.s.len) {
        py_buf_add(&out, w.s.data + last, w.s.len - last);
    }
    py_val result = w.s.is_bytes ? py_buf_to_bytes(&out) : py_buf_to_str(&out);
    return with_n ? py_tuple2(result, py_int_from_i64(n)) : result;
}

static const py_arg_spec sub_spec[] = {
    {Q_repl, PY_ARG_REQUIRED, PY_NULL},
    {Q_string, PY_ARG_REQUIRED, PY_NULL},
    {Q_count, 0, PY_SMALL(0)},
};

static py_val re_sub_method(size_t n_args, const py_val *args, py_map *kw) {
    py_val a[3];
    py_parse_args(n_args - 1, args + 1, kw, 3, sub_spec, a);
    return re_sub_impl(args[0], a[0], a[1], py_get_int(a[2]), false);
}
static PY_DEFINE_FUN_KW(re_sub_method_obj, 3, re_sub_method);

static py_val re_subn_method(size_t n_args, const py_val *args, py_map *kw) {
    py_val a[3];
    py_parse_args(n_args - 1, args + 1, kw, 3, sub_spec, a);
    return re_sub_impl(args[0], a[0], a[1], py_get_int(a[2]), true);
}
static PY_DEFINE_FUN_KW(re_subn_method_obj, 3, re_subn_method);

static void re_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return;
    }
    re_obj *re = re_of(self);
    if (name == Q_pattern) {
        dest[0] = re->pattern;
    } else if (name == Q_flags) {
        dest[0] = py_int_from_u64(re->flags | (re->is_bytes ? 0 : RE_FLAG_UNICODE));
    } else if (name == Q_groups) {
        dest[0] = py_int_from_u64(re->n_groups);
    } else if (name == Q_groupindex) {
        py_val d = py_dict_new(0);
        if (re->names != PY_NULL) {
            py_map *names = py_dict_map(re->names);
            for (size_t pos = 0; (pos = py_map_next(names, pos)) != 0;) {
                py_dict_store(d, names->table[pos - 1].key, names->table[pos - 1].value);
            }
        }
        dest[0] = d;
    }
}

static void re_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    re_obj *re = re_of(self);
    py_printf(out, "re.compile(%r", re->pattern);
    static const struct {
        unsigned flag;
        const char *name;
    } names[] = {{RE_FLAG_IGNORECASE, "re.IGNORECASE"},
                 {RE_FLAG_MULTILINE, "re.MULTILINE"},
                 {RE_FLAG_DOTALL, "re.DOTALL"},
                 {RE_FLAG_DEBUG, "re.DEBUG"},
                 {RE_FLAG_ASCII, "re.ASCII"}};
    const char *sep = ", ";
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (re->flags & names[i].flag) {
            py_printf(out, "%s%s", sep, names[i].name);
            sep = "|";
        }
    }
    py_print_str(out, ")");
}

static py_val re_binary_op(py_binop op, py_val lhs, py_val rhs) {
    if (op != PY_BINOP_EQ || !py_is_type(rhs, &re_type)) {
        return PY_NULL;
    }
    re_obj *a = re_of(lhs), *b = py_ptr(rhs);
    return PY_BOOL(a->flags == b->flags && a->is_bytes == b->is_bytes &&
                   py_equal(a->pattern, b->pattern));
}

static const py_map_entry re_locals_table[] = {
    {PY_QSTR(Q_match), PY_OBJ(&re_match_method_obj)},
    {PY_QSTR(Q_search), PY_OBJ(&re_search_method_obj)},
    {PY_QSTR(Q_fullmatch), PY_OBJ(&re_fullmatch_method_obj)},
    {PY_QSTR(Q_split), PY_OBJ(&re_split_method_obj)},
    {PY_QSTR(Q_findall), PY_OBJ(&re_findall_method_obj)},
    {PY_QSTR(Q_finditer), PY_OBJ(&re_finditer_method_obj)},
    {PY_QSTR(Q_sub), PY_OBJ(&re_sub_method_obj)},
    {PY_QSTR(Q_subn), PY_OBJ(&re_subn_method_obj)},
};
static PY_DEFINE_FIXED_DICT(re_locals, re_locals_table);

static const py_type re_type = {
    .head = {&py_type_type},
    .name = Q_Pattern,
    .print = re_print,
    .binary_op = re_binary_op,
    .attr = re_attr,
    .locals = PY_OBJ(&re_locals),
};

/* ================================================================ module functions */

static unsigned flags_of(py_val v) {
    py_int_t f = py_get_int(v);
    if (f < 0 || f > 0xffff) {
        py_raise_value_error("bad flags");
    }
    return (unsigned)f;
}

/* A compiled pattern, or the compiled form of a pattern string. */
static py_val regex_of(py_val pattern, py_val flags) {
    if (py_is_type(pattern, &re_type)) {
        if (flags_of(flags) != 0) {
            py_raise_value_error("cannot process flags argument with a compiled pattern");
        }
        return pattern;
    }
    return re_compile_pattern(pattern, flags_of(flags));
}

static py_val mod_compile(size_t n_args, const py_val *args) {
    return regex_of(args[0], n_args > 1 ? args[1] : PY_SMALL(0));
}
static PY_DEFINE_FUN_VAR(mod_compile_obj, 1, 2, mod_compile);

/* match/search/fullmatch(pattern, string, flags=0) */
static py_val mod_exec(size_t n_args, const py_val *args, py_map *kw, int mode) {
    static const py_arg_spec spec[] = {
        {Q_pattern, PY_ARG_REQUIRED, PY_NULL},
        {Q_string, PY_ARG_REQUIRED, PY_NULL},
        {Q_flags, 0, PY_SMALL(0)},
    };
    py_val a[3];
    py_parse_args(n_args, args, kw, 3, spec, a);
    return re_exec(regex_of(a[0], a[2]), 1, &a[1], NULL, mode);
}

static py_val mod_match(size_t n_args, const py_val *args, py_map *kw) {
    return mod_exec(n_args, args, kw, RUN_MATCH);
}
static PY_DEFINE_FUN_KW(mod_match_obj, 0, mod_match);

static py_val mod_search(size_t n_args, const py_val *args, py_map *kw) {
    return mod_exec(n_args, args, kw, RUN_SEARCH);
}
static PY_DEFINE_FUN_KW(mod_search_obj, 0, mod_search);

static py_val mod_fullmatch(size_t n_args, const py_val *args, py_map *kw) {
    return mod_exec(n_args, args, kw, RUN_FULL);
}
static PY_DEFINE_FUN_KW(mod_fullmatch_obj, 0, mod_fullmatch);

static py_val mod_sub_common(size_t n_args, const py_val *args, py_map *kw, bool with_n) {
    static const py_arg_spec spec[] = {
        {Q_pattern, PY_ARG_REQUIRED, PY_NULL},
        {Q_repl, PY_ARG_REQUIRED, PY_NULL},
        {Q_string, PY_ARG_REQUIRED, PY_NULL},
        {Q_count, 0, PY_SMALL(0)},
        {Q_flags, 0, PY_SMALL(0)},
    };
    py_val a[5];
    py_parse_args(n_args, args, kw, 5, spec, a);
    return re_sub_impl(regex_of(a[0], a[4]), a[1], a[2], py_get_int(a[3]), with_n);
}

static py_val mod_sub(size_t n_args, const py_val *args, py_map *kw) {
    return mod_sub_common(n_args, args, kw, false);
}
static PY_DEFINE_FUN_KW(mod_sub_obj, 0, mod_sub);

static py_val mod_subn(size_t n_args, const py_val *args, py_map *kw) {
    return mod_sub_common(n_args, args, kw, true);
}
static PY_DEFINE_FUN_KW(mod_subn_obj, 0, mod_subn);

static py_val mod_split(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_pattern, PY_ARG_REQUIRED, PY_NULL},
        {Q_string, PY_ARG_REQUIRED, PY_NULL},
        {Q_maxsplit, 0, PY_SMALL(0)},
        {Q_flags, 0, PY_SMALL(0)},
    };
    py_val a[4];
    py_parse_args(n_args, args, kw, 4, spec, a);
    return re_split_impl(regex_of(a[0], a[3]), a[1], py_get_int(a[2]));
}
static PY_DEFINE_FUN_KW(mod_split_obj, 0, mod_split);

static const py_arg_spec walk_spec[] = {
    {Q_pattern, PY_ARG_REQUIRED, PY_NULL},
    {Q_string, PY_ARG_REQUIRED, PY_NULL},
    {Q_flags, 0, PY_SMALL(0)},
};

static py_val mod_findall(size_t n_args, const py_val *args, py_map *kw) {
    py_val a[3];
    py_parse_args(n_args, args, kw, 3, walk_spec, a);
    return re_findall_impl(regex_of(a[0], a[2]), a[1], PY_SMALL(0), PY_NONE);
}
static PY_DEFINE_FUN_KW(mod_findall_obj, 0, mod_findall);

static py_val mod_finditer(size_t n_args, const py_val *args, py_map *kw) {
    py_val a[3];
    py_parse_args(n_args, args, kw, 3, walk_spec, a);
    return re_finditer_impl(regex_of(a[0], a[2]), a[1], PY_SMALL(0), PY_NONE);
}
static PY_DEFINE_FUN_KW(mod_finditer_obj, 0, mod_finditer);

/* escape(pattern): a backslash before each character with a meaning in patterns. */
static py_val mod_escape(py_val pattern) {
    static const char special[] = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f";
    bool is_bytes = !py_is_str(pattern);
    size_t n;
    const char *s;
    if (is_bytes) {
        py_buffer buf;
        py_get_buffer_or_raise(pattern, &buf, PY_BUFFER_READ);
        s = buf.buf;
        n = buf.len;
    } else {
        s = py_str_data(pattern, &n);
    }
    py_buf out;
    py_buf_init(&out, n + 8);
    for (size_t i = 0; i < n; i++) {
        if (s[i] != 0 && strchr(special, s[i]) != NULL) {
            py_buf_add_byte(&out, '\\');
        }
        py_buf_add_byte(&out, s[i]);
    }
    return is_bytes ? py_buf_to_bytes(&out) : py_buf_to_str(&out);
}
static PY_DEFINE_FUN_1(mod_escape_obj, mod_escape);

static const py_map_entry re_module_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_re)},
    {PY_QSTR(Q_compile), PY_OBJ(&mod_compile_obj)},
    {PY_QSTR(Q_match), PY_OBJ(&mod_match_obj)},
    {PY_QSTR(Q_search), PY_OBJ(&mod_search_obj)},
    {PY_QSTR(Q_fullmatch), PY_OBJ(&mod_fullmatch_obj)},
    {PY_QSTR(Q_sub), PY_OBJ(&mod_sub_obj)},
    {PY_QSTR(Q_subn), PY_OBJ(&mod_subn_obj)},
    {PY_QSTR(Q_split), PY_OBJ(&mod_split_obj)},
    {PY_QSTR(Q_findall), PY_OBJ(&mod_findall_obj)},
    {PY_QSTR(Q_finditer), PY_OBJ(&mod_finditer_obj)},
    {PY_QSTR(Q_escape), PY_OBJ(&mod_escape_obj)},
    {PY_QSTR(Q_error), PY_OBJ(&py_type_ValueError)},
    {PY_QSTR(Q_Pattern), PY_OBJ(&re_type)},
    {PY_QSTR(Q_Match), PY_OBJ(&match_type)},
    {PY_QSTR(Q_IGNORECASE), PY_SMALL(RE_FLAG_IGNORECASE)},
    {PY_QSTR(Q_I), PY_SMALL(RE_FLAG_IGNORECASE)},
    {PY_QSTR(Q_MULTILINE), PY_SMALL(RE_FLAG_MULTILINE)},
    {PY_QSTR(Q_M), PY_SMALL(RE_FLAG_MULTILINE)},
    {PY_QSTR(Q_DOTALL), PY_SMALL(RE_FLAG_DOTALL)},
    {PY_QSTR(Q_S), PY_SMALL(RE_FLAG_DOTALL)},
    {PY_QSTR(Q_ASCII), PY_SMALL(RE_FLAG_ASCII)},
    {PY_QSTR(Q_A), PY_SMALL(RE_FLAG_ASCII)},
    {PY_QSTR(Q_UNICODE), PY_SMALL(RE_FLAG_UNICODE)},
    {PY_QSTR(Q_U), PY_SMALL(RE_FLAG_UNICODE)},
    {PY_QSTR(Q_DEBUG), PY_SMALL(RE_FLAG_DEBUG)},
    {PY_QSTR(Q_VERBOSE), PY_SMALL(RE_FLAG_VERBOSE)},
    {PY_QSTR(Q_X), PY_SMALL(RE_FLAG_VERBOSE)},
};
static PY_DEFINE_FIXED_DICT(re_module_globals, re_module_table);
PY_DEFINE_MODULE(py_module_re, re_module_globals);
PY_REGISTER_MODULE(Q_re, py_module_re);
