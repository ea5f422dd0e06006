/*
 * lexer.c: Python source text to tokens (see lexer.h for the contract).
 *
 * Layout follows the reference tokenizer: blank and comment-only lines make
 * no tokens, line breaks inside brackets are ignored, indentation is measured
 * with tabs to multiples of 8 and checked again with tabs counted as 1 to
 * catch ambiguous mixes. Strings are scanned to their end first and only then
 * decoded, so the buffer is grown at most once per token and an allocator
 * that longjmps never leaves the lexer half-updated.
 */
#include "lexer.h"

#include <stdio.h>
#include <string.h>

/* ---- characters ---- */

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

static bool is_hex_digit(int c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int hex_value(int c) {
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return c - 'A' + 10;
}

static bool is_ascii_name_start(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ascii_name_char(int c) { return is_ascii_name_start(c) || is_digit(c); }

/* Decode one UTF-8 sequence at p; returns its length, or 0 if malformed
   (overlong forms, surrogates and values past U+10FFFF are malformed). */
static size_t utf8_decode(const char *p, const char *end, uint32_t *cp) {
    const unsigned char *s = (const unsigned char *)p;
    size_t avail = (size_t)(end - p);
    size_t n;
    uint32_t c, min;
    if (avail == 0)
        return 0;
    c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2, c &= 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, c &= 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, c &= 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

static size_t utf8_encode(uint32_t cp, char *out) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Non-ASCII code points allowed in names. Full Unicode identifier tables
   would cost more flash than they are worth; instead every code point is a
   letter except spaces, punctuation and symbols from the blocks where
   source text is likely to contain them by accident. */
static bool is_unicode_name_char(uint32_t cp) {
    if (cp < 0x80)
        return is_ascii_name_char((int)cp);
    if (cp <= 0xBF) /* Latin-1 punctuation; keep ª µ º */
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7) /* × ÷ */
        return false;
    if (cp >= 0x2000 && cp <= 0x2BFF) /* punctuation, arrows, math, boxes */
        return cp == 0x2071 || cp == 0x207F || (cp >= 0x2090 && cp <= 0x209C) ||
               (cp >= 0x2100 && cp <= 0x214F); /* letterlike symbols */
    if (cp >= 0x3000 && cp <= 0x3003)          /* CJK space and punctuation */
        return false;
    if (cp == 0xFEFF || (cp >= 0xFFF0 && cp <= 0xFFFF))
        return false;
    return true;
}

/* ---- keywords ---- */

static const struct {
    const char *word;
    py_lex_kind kind;
} keywords[] = {
    {"False", PY_TOK_KW_FALSE},
    {"None", PY_TOK_KW_NONE},
    {"True", PY_TOK_KW_TRUE},
    {"and", PY_TOK_KW_AND},
    {"as", PY_TOK_KW_AS},
    {"assert", PY_TOK_KW_ASSERT},
    {"async", PY_TOK_KW_ASYNC},
    {"await", PY_TOK_KW_AWAIT},
    {"break", PY_TOK_KW_BREAK},
    {"class", PY_TOK_KW_CLASS},
    {"continue", PY_TOK_KW_CONTINUE},
    {"def", PY_TOK_KW_DEF},
    {"del", PY_TOK_KW_DEL},
    {"elif", PY_TOK_KW_ELIF},
    {"else", PY_TOK_KW_ELSE},
    {"except", PY_TOK_KW_EXCEPT},
    {"finally", PY_TOK_KW_FINALLY},
    {"for", PY_TOK_KW_FOR},
    {"from", PY_TOK_KW_FROM},
    {"global", PY_TOK_KW_GLOBAL},
    {"if", PY_TOK_KW_IF},
    {"import", PY_TOK_KW_IMPORT},
    {"in", PY_TOK_KW_IN},
    {"is", PY_TOK_KW_IS},
    {"lambda", PY_TOK_KW_LAMBDA},
    {"nonlocal", PY_TOK_KW_NONLOCAL},
    {"not", PY_TOK_KW_NOT},
    {"or", PY_TOK_KW_OR},
    {"pass", PY_TOK_KW_PASS},
    {"raise", PY_TOK_KW_RAISE},
    {"return", PY_TOK_KW_RETURN},
    {"try", PY_TOK_KW_TRY},
    {"while", PY_TOK_KW_WHILE},
    {"with", PY_TOK_KW_WITH},
    {"yield", PY_TOK_KW_YIELD},
};

static py_lex_kind keyword_or_name(const char *s, size_t len) {
    if (len < 2 || len > 8)
        return PY_TOK_NAME;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        const char *w = keywords[i].word;
        if (w[0] == s[0] && strlen(w) == len && memcmp(w, s, len) == 0)
            return keywords[i].kind;
    }
    return PY_TOK_NAME;
}

static const char *const kind_names[PY_TOK_COUNT_] = {
    [PY_TOK_ENDMARKER] = "end of input",
    [PY_TOK_NEWLINE] = "NEWLINE",
    [PY_TOK_INDENT] = "INDENT",
    [PY_TOK_DEDENT] = "DEDENT",
    [PY_TOK_NAME] = "NAME",
    [PY_TOK_NUMBER] = "NUMBER",
    [PY_TOK_STRING] = "STRING",
    [PY_TOK_ERROR] = "ERROR",
    [PY_TOK_KW_FALSE] = "'False'",
    [PY_TOK_KW_NONE] = "'None'",
    [PY_TOK_KW_TRUE] = "'True'",
    [PY_TOK_KW_AND] = "'and'",
    [PY_TOK_KW_AS] = "'as'",
    [PY_TOK_KW_ASSERT] = "'assert'",
    [PY_TOK_KW_ASYNC] = "'async'",
    [PY_TOK_KW_AWAIT] = "'await'",
    [PY_TOK_KW_BREAK] = "'break'",
    [PY_TOK_KW_CLASS] = "'class'",
    [PY_TOK_KW_CONTINUE] = "'continue'",
    [PY_TOK_KW_DEF] = "'def'",
    [PY_TOK_KW_DEL] = "'del'",
    [PY_TOK_KW_ELIF] = "'elif'",
    [PY_TOK_KW_ELSE] = "'else'",
    [PY_TOK_KW_EXCEPT] = "'except'",
    [PY_TOK_KW_FINALLY] = "'finally'",
    [PY_TOK_KW_FOR] = "'for'",
    [PY_TOK_KW_FROM] = "'from'",
    [PY_TOK_KW_GLOBAL] = "'global'",
    [PY_TOK_KW_IF] = "'if'",
    [PY_TOK_KW_IMPORT] = "'import'",
    [PY_TOK_KW_IN] = "'in'",
    [PY_TOK_KW_IS] = "'is'",
    [PY_TOK_KW_LAMBDA] = "'lambda'",
    [PY_TOK_KW_NONLOCAL] = "'nonlocal'",
    [PY_TOK_KW_NOT] = "'not'",
    [PY_TOK_KW_OR] = "'or'",
    [PY_TOK_KW_PASS] = "'pass'",
    [PY_TOK_KW_RAISE] = "'raise'",
    [PY_TOK_KW_RETURN] = "'return'",
    [PY_TOK_KW_TRY] = "'try'",
    [PY_TOK_KW_WHILE] = "'while'",
    [PY_TOK_KW_WITH] = "'with'",
    [PY_TOK_KW_YIELD] = "'yield'",
    [PY_TOK_LPAREN] = "'('",
    [PY_TOK_RPAREN] = "')'",
    [PY_TOK_LBRACKET] = "'['",
    [PY_TOK_RBRACKET] = "']'",
    [PY_TOK_LBRACE] = "'{'",
    [PY_TOK_RBRACE] = "'}'",
    [PY_TOK_COMMA] = "','",
    [PY_TOK_COLON] = "':'",
    [PY_TOK_SEMICOLON] = "';'",
    [PY_TOK_DOT] = "'.'",
    [PY_TOK_ELLIPSIS] = "'...'",
    [PY_TOK_ARROW] = "'->'",
    [PY_TOK_ASSIGN] = "'='",
    [PY_TOK_WALRUS] = "':='",
    [PY_TOK_PLUS] = "'+'",
    [PY_TOK_MINUS] = "'-'",
    [PY_TOK_STAR] = "'*'",
    [PY_TOK_DOUBLESTAR] = "'**'",
    [PY_TOK_SLASH] = "'/'",
    [PY_TOK_DOUBLESLASH] = "'//'",
    [PY_TOK_PERCENT] = "'%'",
    [PY_TOK_AT] = "'@'",
    [PY_TOK_LSHIFT] = "'<<'",
    [PY_TOK_RSHIFT] = "'>>'",
    [PY_TOK_AMPER] = "'&'",
    [PY_TOK_VBAR] = "'|'",
    [PY_TOK_CIRCUMFLEX] = "'^'",
    [PY_TOK_TILDE] = "'~'",
    [PY_TOK_LESS] = "'<'",
    [PY_TOK_GREATER] = "'>'",
    [PY_TOK_LESSEQUAL] = "'<='",
    [PY_TOK_GREATEREQUAL] = "'>='",
    [PY_TOK_EQEQUAL] = "'=='",
    [PY_TOK_NOTEQUAL] = "'!='",
    [PY_TOK_PLUSEQUAL] = "'+='",
    [PY_TOK_MINUSEQUAL] = "'-='",
    [PY_TOK_STAREQUAL] = "'*='",
    [PY_TOK_DOUBLESTAREQUAL] = "'**='",
    [PY_TOK_SLASHEQUAL] = "'/='",
    [PY_TOK_DOUBLESLASHEQUAL] = "'//='",
    [PY_TOK_PERCENTEQUAL] = "'%='",
    [PY_TOK_ATEQUAL] = "'@='",
    [PY_TOK_LSHIFTEQUAL] = "'<<='",
    [PY_TOK_RSHIFTEQUAL] = "'>>='",
    [PY_TOK_AMPEREQUAL] = "'&='",
    [PY_TOK_VBAREQUAL] = "'|='",
    [PY_TOK_CIRCUMFLEXEQUAL] = "'^='",
};

const char *py_lex_kind_name(py_lex_kind kind) {
    if ((unsigned)kind >= PY_TOK_COUNT_ || !kind_names[kind])
        return "?";
    return kind_names[kind];
}

/* ---- operators ---- */

/* Longest operators first so that the first match is the longest one. */
static const struct {
    char text[4];
    py_lex_kind kind;
} operators[] = {
    {"**=", PY_TOK_DOUBLESTAREQUAL},
    {"//=", PY_TOK_DOUBLESLASHEQUAL},
    {">>=", PY_TOK_RSHIFTEQUAL},
    {"<<=", PY_TOK_LSHIFTEQUAL},
    {"...", PY_TOK_ELLIPSIS},
    {"->", PY_TOK_ARROW},
    {":=", PY_TOK_WALRUS},
    {"**", PY_TOK_DOUBLESTAR},
    {"//", PY_TOK_DOUBLESLASH},
    {"<<", PY_TOK_LSHIFT},
    {">>", PY_TOK_RSHIFT},
    {"<=", PY_TOK_LESSEQUAL},
    {">=", PY_TOK_GREATEREQUAL},
    {"==", PY_TOK_EQEQUAL},
    {"!=", PY_TOK_NOTEQUAL},
    {"+=", PY_TOK_PLUSEQUAL},
    {"-=", PY_TOK_MINUSEQUAL},
    {"*=", PY_TOK_STAREQUAL},
    {"/=", PY_TOK_SLASHEQUAL},
    {"%=", PY_TOK_PERCENTEQUAL},
    {"@=", PY_TOK_ATEQUAL},
    {"&=", PY_TOK_AMPEREQUAL},
    {"|=", PY_TOK_VBAREQUAL},
    {"^=", PY_TOK_CIRCUMFLEXEQUAL},
    {"(", PY_TOK_LPAREN},
    {")", PY_TOK_RPAREN},
    {"[", PY_TOK_LBRACKET},
    {"]", PY_TOK_RBRACKET},
    {"{", PY_TOK_LBRACE},
    {"}", PY_TOK_RBRACE},
    {",", PY_TOK_COMMA},
    {":", PY_TOK_COLON},
    {";", PY_TOK_SEMICOLON},
    {".", PY_TOK_DOT},
    {"=", PY_TOK_ASSIGN},
    {"+", PY_TOK_PLUS},
    {"-", PY_TOK_MINUS},
    {"*", PY_TOK_STAR},
    {"/", PY_TOK_SLASH},
    {"%", PY_TOK_PERCENT},
    {"@", PY_TOK_AT},
    {"&", PY_TOK_AMPER},
    {"|", PY_TOK_VBAR},
    {"^", PY_TOK_CIRCUMFLEX},
    {"~", PY_TOK_TILDE},
    {"<", PY_TOK_LESS},
    {">", PY_TOK_GREATER},
};

/* ---- buffer ---- */

/* Grow buf to hold need bytes. The fields change only after the allocator
   has returned, so a longjmp out of it leaves the old buffer in place. */
static bool grow_buffer(char **buf, size_t *cap, size_t need, py_lex_realloc_fn fn, void *ctx) {
    if (need <= *cap)
        return true;
    size_t new_cap = *cap * 2;
    if (new_cap < need)
        new_cap = need;
    if (new_cap < 64)
        new_cap = 64;
    if (!fn)
        return false;
    char *p = fn(ctx, *buf, *cap, new_cap);
    if (!p)
        return false;
    *buf = p;
    *cap = new_cap;
    return true;
}

/* ---- lexer state ---- */

void py_lexer_init(py_lexer *lx, const char *src, size_t len, const char *source_name,
                   unsigned flags, py_lex_realloc_fn realloc_fn, void *alloc_ctx) {
    memset(lx, 0, sizeof *lx);
    if (!src)
        src = "", len = 0;
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
        src += 3, len -= 3;
    lx->src = src;
    lx->end = src + len;
    lx->pos = src;
    lx->line_start = src;
    lx->source_name = source_name ? source_name : "<stdin>";
    lx->line = 1;
    lx->flags = flags;
    lx->at_line_start = !(flags & PY_LEX_EXPRESSION);
    lx->realloc_fn = realloc_fn;
    lx->alloc_ctx = alloc_ctx;
}

void py_lexer_set_position(py_lexer *lx, uint32_t line, uint32_t column) {
    lx->line = line;
    lx->column_base = column > 0 ? column - 1 : 0;
    lx->column_base_line = lx->line_start;
}

void py_lexer_free(py_lexer *lx) {
    if (lx->buf && lx->realloc_fn)
        lx->realloc_fn(lx->alloc_ctx, lx->buf, lx->buf_cap, 0);
    lx->buf = NULL;
    lx->buf_cap = 0;
}

static uint32_t column_of(const py_lexer *lx, const char *p) {
    uint32_t col = (uint32_t)(p - lx->line_start) + 1;
    if (lx->line_start == lx->column_base_line)
        col += lx->column_base;
    return col;
}

static py_lex_kind make_error_at(py_lexer *lx, py_lex_token *tok, py_lex_error_kind kind,
                                 uint32_t line, uint32_t column, const char *msg) {
    py_lex_token *e = &lx->error_token;
    size_t n = strlen(msg);
    if (n >= sizeof lx->error_text)
        n = sizeof lx->error_text - 1;
    memcpy(lx->error_text, msg, n);
    lx->error_text[n] = '\0';
    memset(e, 0, sizeof *e);
    e->kind = PY_TOK_ERROR;
    e->line = line;
    e->column = column;
    e->text = lx->error_text;
    e->len = n;
    e->error = kind;
    *tok = *e;
    return PY_TOK_ERROR;
}

static py_lex_kind make_error(py_lexer *lx, py_lex_token *tok, py_lex_error_kind kind,
                              const char *at, const char *msg) {
    return make_error_at(lx, tok, kind, lx->line, column_of(lx, at), msg);
}

static void begin_token(py_lexer *lx, py_lex_token *tok, py_lex_kind kind, const char *start) {
    memset(tok, 0, sizeof *tok);
    tok->kind = kind;
    tok->line = lx->line;
    tok->column = column_of(lx, start);
    tok->start = start;
}

/* Consume one line break at p (\n, \r\n or \r) and return what follows. */
static const char *skip_line_break(py_lexer *lx, const char *p) {
    if (*p == '\r' && p + 1 < lx->end && p[1] == '\n')
        p += 2;
    else
        p += 1;
    lx->line++;
    lx->line_start = p;
    return p;
}

/* ---- string contents ---- */

enum {
    DECODE_BYTES = 1, /* bytes literal: \u, \U, \N are not escapes */
    DECODE_RAW = 2,   /* r prefix: backslashes stay as written */
    DECODE_BRACES = 4 /* f-string literal: {{ and }} stand for { and } */
};

/* Read up to max_digits digits of the given base at *pp; returns how many
   were read and their value in *value. */
static int read_digits(const char **pp, const char *end, int base, int max_digits,
                       uint32_t *value) {
    const char *p = *pp;
    uint32_t v = 0;
    int n = 0;
    while (n < max_digits && p < end) {
        int c = (unsigned char)*p;
        int d;
        if (base == 8 && c >= '0' && c <= '7')
            d = c - '0';
        else if (base == 16 && is_hex_digit(c))
            d = hex_value(c);
        else
            break;
        v = v * (uint32_t)base + (uint32_t)d;
        p++, n++;
    }
    *pp = p;
    *value = v;
    return n;
}

/* Decode one backslash escape at p (p[0] is the backslash, p + 1 < end).
   Appends to *o and returns the position after the escape, or NULL with
   *error set. An unknown escape keeps its backslash, as Python does. */
static const char *decode_escape(const char *p, const char *end, unsigned mode, char **o,
                                 const char **error) {
    bool bytes = mode & DECODE_BYTES;
    char c = p[1];
    uint32_t v;
    switch (c) {
    case '\n':
        return p + 2;
    case '\r':
        return (p + 2 < end && p[2] == '\n') ? p + 3 : p + 2;
    case '\\':
    case '\'':
    case '"':
        *(*o)++ = c;
        return p + 2;
    case 'a':
        *(*o)++ = '\a';
        return p + 2;
    case 'b':
        *(*o)++ = '\b';
        return p + 2;
    case 'f':
        *(*o)++ = '\f';
        return p + 2;
    case 'n':
        *(*o)++ = '\n';
        return p + 2;
    case 'r':
        *(*o)++ = '\r';
        return p + 2;
    case 't':
        *(*o)++ = '\t';
        return p + 2;
    case 'v':
        *(*o)++ = '\v';
        return p + 2;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
        p += 1;
        read_digits(&p, end, 8, 3, &v);
        if (bytes) {
            if (v > 0xFF) {
                *error = "octal escape value out of range in bytes";
                return NULL;
            }
            *(*o)++ = (char)v;
        } else {
            *o += utf8_encode(v, *o);
        }
        return p;
    case 'x':
        p += 2;
        if (read_digits(&p, end, 16, 2, &v) != 2) {
            *error = "truncated \\xXX escape";
            return NULL;
        }
        if (bytes)
            *(*o)++ = (char)v;
        else
            *o += utf8_encode(v, *o);
        return p;
    case 'u':
    case 'U': {
        int want = c == 'u' ? 4 : 8;
        if (bytes)
            break;
        p += 2;
        if (read_digits(&p, end, 16, want, &v) != want) {
            *error = c == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
            return NULL;
        }
        if (v > 0x10FFFF) {
            *error = "illegal Unicode character in \\U escape";
            return NULL;
        }
        if (v >= 0xD800 && v <= 0xDFFF) {
            *error = "surrogate code points cannot be written as escapes";
            return NULL;
        }
        *o += utf8_encode(v, *o);
        return p;
    }
    case 'N':
        if (bytes)
            break;
        *error = "\\N{...} escapes are not supported";
        return NULL;
    default:
        break;
    }
    *(*o)++ = '\\';
    return p + 1;
}

/* Decode text between p and end into out, which must hold end - p bytes:
   no escape or line break makes the text longer than its source. Line
   breaks become \n. Returns NULL, or an error message. */
static const char *decode_text(const char *p, const char *end, unsigned mode, char *out,
                               size_t *out_len) {
    char *o = out;
    const char *error = NULL;
    while (p < end) {
        char c = *p;
        if (c == '\r') {
            *o++ = '\n';
            p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
        } else if ((mode & DECODE_BRACES) && (c == '{' || c == '}')) {
            *o++ = c; /* the scanner only lets doubled braces through */
            p += (p + 1 < end && p[1] == c) ? 2 : 1;
        } else if (c != '\\' || (mode & DECODE_RAW) || p + 1 >= end) {
            *o++ = c;
            p++;
        } else {
            p = decode_escape(p, end, mode, &o, &error);
            if (!p)
                return error;
        }
    }
    *out_len = (size_t)(o - out);
    return NULL;
}

/* Returns NULL if p..end is well-formed UTF-8, else where it goes wrong. */
static const char *find_bad_utf8(const char *p, const char *end) {
    while (p < end) {
        uint32_t cp;
        if ((unsigned char)*p < 0x80) {
            p++;
            continue;
        }
        size_t n = utf8_decode(p, end, &cp);
        if (n == 0)
            return p;
        p += n;
    }
    return NULL;
}

/* ---- tokens ---- */

typedef struct string_prefix {
    bool raw, bytes, fstring;
} string_prefix;

/* Is name[0..len) a string prefix (r, u, b, f, br, rb, fr, rf, any case)? */
static bool parse_string_prefix(const char *name, size_t len, string_prefix *sp) {
    memset(sp, 0, sizeof *sp);
    if (len == 0 || len > 2)
        return false;
    bool unicode = false;
    for (size_t i = 0; i < len; i++) {
        bool *flag;
        switch (name[i] | 0x20) {
        case 'r':
            flag = &sp->raw;
            break;
        case 'b':
            flag = &sp->bytes;
            break;
        case 'f':
            flag = &sp->fstring;
            break;
        case 'u':
            flag = &unicode;
            break;
        default:
            return false;
        }
        if (*flag)
            return false;
        *flag = true;
    }
    if (unicode && len > 1)
        return false;
    return !(sp->bytes && sp->fstring);
}

/* Scan a string literal whose opening quote is at q; start is the first
   byte of its prefix. */
static py_lex_kind lex_string(py_lexer *lx, py_lex_token *tok, const char *start, const char *q,
                              string_prefix sp) {
    const char *end = lx->end;
    char quote = *q;
    bool triple = q + 2 < end && q[1] == quote && q[2] == quote;
    const char *body = q + (triple ? 3 : 1);
    const char *p = body;
    const char *line_start = lx->line_start;
    uint32_t lines = 0;
    bool continued = false; /* last thing seen was backslash + line break */
    uint32_t col = column_of(lx, start);

    for (;;) {
        if (p >= end) {
            if (triple)
                return make_error_at(lx, tok, PY_LEX_ERR_INCOMPLETE, lx->line, col,
                                     "unterminated triple-quoted string "
                                     "literal");
            return make_error_at(lx, tok, continued ? PY_LEX_ERR_INCOMPLETE : PY_LEX_ERR_SYNTAX,
                                 lx->line, col, "unterminated string literal");
        }
        char c = *p;
        if (c == quote && (!triple || (p + 2 < end && p[1] == quote && p[2] == quote)))
            break;
        continued = false;
        if (c == '\\') {
            if (p + 1 >= end) {
                continued = true;
                p++;
                continue;
            }
            if (p[1] == '\n' || p[1] == '\r') {
                p += (p[1] == '\r' && p + 2 < end && p[2] == '\n') ? 3 : 2;
                lines++;
                line_start = p;
                continued = true;
                continue;
            }
            p += 2;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (!triple)
                return make_error_at(lx, tok, PY_LEX_ERR_SYNTAX, lx->line, col,
                                     "unterminated string literal");
            p += (c == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
            lines++;
            line_start = p;
            continue;
        }
        if (c == '\0')
            return make_error_at(lx, tok, PY_LEX_ERR_SYNTAX, lx->line, col,
                                 "source code cannot contain null bytes");
        p++;
    }

    const char *body_end = p;
    size_t body_len = (size_t)(body_end - body);
    if (sp.bytes) {
        for (const char *s = body; s < body_end; s++)
            if ((unsigned char)*s >= 0x80)
                return make_error_at(lx, tok, PY_LEX_ERR_SYNTAX, lx->line, col,
                                     "bytes can only contain ASCII literal "
                                     "characters");
    } else if (find_bad_utf8(body, body_end)) {
        return make_error_at(lx, tok, PY_LEX_ERR_SYNTAX, lx->line, col,
                             "invalid UTF-8 in string literal");
    }

    begin_token(lx, tok, PY_TOK_STRING, start);
    tok->raw = sp.raw;
    tok->triple = triple;
    if (sp.fstring) {
        tok->string_kind = PY_STR_FSTRING;
        tok->text = body;
        tok->len = body_len;
    } else {
        if (!grow_buffer(&lx->buf, &lx->buf_cap, body_len + 1, lx->realloc_fn, lx->alloc_ctx))
            return make_error_at(lx, tok, PY_LEX_ERR_MEMORY, lx->line, col, "out of memory");
        unsigned mode = (sp.bytes ? DECODE_BYTES : 0u) | (sp.raw ? DECODE_RAW : 0u);
        size_t n = 0;
        const char *error = decode_text(body, body_end, mode, lx->buf, &n);
        if (error)
            return make_error_at(lx, tok, PY_LEX_ERR_SYNTAX, lx->line, col, error);
        lx->buf[n] = '\0';
        tok->string_kind = sp.bytes ? PY_STR_BYTES : PY_STR_TEXT;
        tok->text = lx->buf;
        tok->len = n;
    }
    lx->line += lines;
    lx->line_start = line_start;
    lx->pos = body_end + (triple ? 3 : 1);
    return PY_TOK_STRING;
}

/* Does a name character (which makes a number malformed) start at p? */
static bool name_char_at(const char *p, const char *end) {
    uint32_t cp;
    if (p >= end)
        return false;
    if ((unsigned char)*p < 0x80)
        return is_ascii_name_char(*p);
    return utf8_decode(p, end, &cp) && is_unicode_name_char(cp);
}

/* Skip digit (['_'] digit)* starting at a digit; NULL if an underscore is
   not followed by a digit. */
static const char *skip_digit_part(const char *p, const char *end, bool (*is_ok)(int)) {
    for (;;) {
        while (p < end && is_ok((unsigned char)*p))
            p++;
        if (p < end && *p == '_') {
            p++;
            if (!(p < end && is_ok((unsigned char)*p)))
                return NULL;
            continue;
        }
        return p;
    }
}

static bool is_octal_digit(int c) { return c >= '0' && c <= '7'; }
static bool is_binary_digit(int c) { return c == '0' || c == '1'; }

static py_lex_kind number_error(py_lexer *lx, py_lex_token *tok, const char *start,
                                const char *msg) {
    return make_error(lx, tok, PY_LEX_ERR_SYNTAX, start, msg);
}

static py_lex_kind lex_prefixed_int(py_lexer *lx, py_lex_token *tok, const char *start) {
    const char *end = lx->end;
    char base = (char)(start[1] | 0x20);
    bool (*is_ok)(int) = base == 'x'   ? is_hex_digit
                         : base == 'o' ? is_octal_digit
                                       : is_binary_digit;
    const char *what = base == 'x' ? "hexadecimal" : base == 'o' ? "octal" : "binary";
    char msg[64];
    const char *p = start + 2;
    if (p < end && *p == '_')
        p++;
    if (p < end && is_ok((unsigned char)*p))
        p = skip_digit_part(p, end, is_ok);
    else
        p = NULL;
    if (p && p < end && is_digit((unsigned char)*p)) {
        snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", *p, what);
        return number_error(lx, tok, start, msg);
    }
    if (!p || name_char_at(p, end)) {
        snprintf(msg, sizeof msg, "invalid %s literal", what);
        return number_error(lx, tok, start, msg);
    }
    begin_token(lx, tok, PY_TOK_NUMBER, start);
    tok->number_kind = PY_NUM_INT;
    tok->text = start;
    tok->len = (size_t)(p - start);
    lx->pos = p;
    return PY_TOK_NUMBER;
}

static py_lex_kind lex_number(py_lexer *lx, py_lex_token *tok, const char *start) {
    const char *end = lx->end;
    const char *p = start;
    py_lex_number_kind kind = PY_NUM_INT;
    const char *bad = "invalid decimal literal";

    if (p + 1 < end && p[0] == '0' && strchr("xXoObB", p[1]) && p[1])
        return lex_prefixed_int(lx, tok, start);
    if (is_digit((unsigned char)*p)) {
        p = skip_digit_part(p, end, is_digit);
        if (!p)
            return number_error(lx, tok, start, bad);
    }
    const char *int_end = p;
    if (p < end && *p == '.') {
        kind = PY_NUM_FLOAT;
        p++;
        if (p < end && is_digit((unsigned char)*p)) {
            p = skip_digit_part(p, end, is_digit);
            if (!p)
                return number_error(lx, tok, start, bad);
        }
    }
    if (p < end && (*p | 0x20) == 'e') {
        const char *q = p + 1;
        if (q < end && (*q == '+' || *q == '-'))
            q++;
        if (!(q < end && is_digit((unsigned char)*q)))
            return number_error(lx, tok, start, bad);
        p = skip_digit_part(q, end, is_digit);
        if (!p)
            return number_error(lx, tok, start, bad);
        kind = PY_NUM_FLOAT;
    }
    if (p < end && (*p | 0x20) == 'j') {
        p++;
        kind = PY_NUM_IMAG;
        bad = "invalid imaginary literal";
    }
    if (name_char_at(p, end))
        return number_error(lx, tok, start, bad);
    if (kind == PY_NUM_INT && *start == '0') {
        for (const char *s = start; s < int_end; s++)
            if (*s != '0' && *s != '_')
                return number_error(lx, tok, start,
                                    "leading zeros in decimal integer "
                                    "literals are not permitted; use an 0o "
                                    "prefix for octal integers");
    }
    begin_token(lx, tok, PY_TOK_NUMBER, start);
    tok->number_kind = kind;
    tok->text = start;
    tok->len = (size_t)(p - start);
    lx->pos = p;
    return PY_TOK_NUMBER;
}

static py_lex_kind invalid_character(py_lexer *lx, py_lex_token *tok, const char *p) {
    char msg[64];
    uint32_t cp;
    unsigned char c = (unsigned char)*p;
    size_t n = utf8_decode(p, lx->end, &cp);
    if (c == 0)
        snprintf(msg, sizeof msg, "source code cannot contain null bytes");
    else if (n == 0)
        snprintf(msg, sizeof msg, "invalid UTF-8 in source");
    else if (cp < 0x20 || cp == 0x7F)
        snprintf(msg, sizeof msg, "invalid non-printable character U+%04X", (unsigned)cp);
    else if (cp < 0x80)
        snprintf(msg, sizeof msg, "invalid syntax");
    else
        snprintf(msg, sizeof msg, "invalid character '%.*s' (U+%04X)", (int)n, p, (unsigned)cp);
    return make_error(lx, tok, PY_LEX_ERR_SYNTAX, p, msg);
}

static py_lex_kind lex_name(py_lexer *lx, py_lex_token *tok, const char *start) {
    const char *end = lx->end;
    const char *p = start;
    while (p < end) {
        uint32_t cp;
        if ((unsigned char)*p < 0x80) {
            if (!is_ascii_name_char(*p))
                break;
            p++;
            continue;
        }
        size_t n = utf8_decode(p, end, &cp);
        if (n == 0)
            return make_error(lx, tok, PY_LEX_ERR_SYNTAX, p, "invalid UTF-8 in source");
        if (!is_unicode_name_char(cp))
            break;
        p += n;
    }
    if (p == start)
        return invalid_character(lx, tok, start);
    size_t len = (size_t)(p - start);
    string_prefix sp;
    if (p < end && (*p == '\'' || *p == '"') && parse_string_prefix(start, len, &sp))
        return lex_string(lx, tok, start, p, sp);
    begin_token(lx, tok, keyword_or_name(start, len), start);
    if (tok->kind == PY_TOK_NAME) {
        tok->text = start;
        tok->len = len;
    }
    lx->pos = p;
    return tok->kind;
}

static py_lex_kind bracket_error(py_lexer *lx, py_lex_token *tok, const char *p) {
    char msg[80];
    if (lx->paren_depth == 0)
        snprintf(msg, sizeof msg, "unmatched '%c'", *p);
    else
        snprintf(msg, sizeof msg,
                 "closing parenthesis '%c' does not match opening "
                 "parenthesis '%c'",
                 *p, lx->paren_stack[lx->paren_depth - 1]);
    return make_error(lx, tok, PY_LEX_ERR_SYNTAX, p, msg);
}

/* Keep the bracket stack that makes line breaks insignificant. */
static py_lex_kind track_bracket(py_lexer *lx, py_lex_token *tok, const char *p) {
    char c = *p;
    if (c == '(' || c == '[' || c == '{') {
        if (lx->paren_depth >= PY_LEX_MAX_PAREN)
            return make_error(lx, tok, PY_LEX_ERR_SYNTAX, p, "too many nested parentheses");
        if (lx->paren_depth == 0) {
            lx->outer_paren_line = lx->line;
            lx->outer_paren_column = column_of(lx, p);
        }
        lx->paren_stack[lx->paren_depth++] = c;
    } else if (c == ')' || c == ']' || c == '}') {
        char open = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (lx->paren_depth == 0 || lx->paren_stack[lx->paren_depth - 1] != open)
            return bracket_error(lx, tok, p);
        lx->paren_depth--;
    }
    return PY_TOK_COUNT_;
}

static py_lex_kind lex_operator(py_lexer *lx, py_lex_token *tok, const char *p) {
    size_t avail = (size_t)(lx->end - p);
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        const char *text = operators[i].text;
        size_t n = strlen(text);
        if (n > avail || memcmp(text, p, n) != 0)
            continue;
        if (track_bracket(lx, tok, p) == PY_TOK_ERROR)
            return PY_TOK_ERROR;
        begin_token(lx, tok, operators[i].kind, p);
        lx->pos = p + n;
        return tok->kind;
    }
    return invalid_character(lx, tok, p);
}

/* ---- layout ---- */

enum line_start_result { LINE_STARTED, LINE_BLANK, LINE_AT_END, LINE_TOKEN };

/* At the start of a logical line: measure the indentation, skip the line if
   it is blank, else compare with the enclosing blocks. May produce an
   INDENT, DEDENT or ERROR token (LINE_TOKEN). */
static enum line_start_result start_line(py_lexer *lx, py_lex_token *tok) {
    const char *p = lx->pos;
    const char *end = lx->end;
    uint32_t col = 0, alt = 0;
    for (; p < end; p++) {
        if (*p == ' ')
            col++, alt++;
        else if (*p == '\t')
            col = (col / 8 + 1) * 8, alt++;
        else if (*p == '\f')
            col = alt = 0;
        else
            break;
    }
    lx->pos = p;
    if (p < end && *p == '#')
        while (p < end && *p != '\n' && *p != '\r')
            p++;
    if (p >= end) {
        lx->pos = end;
        return LINE_AT_END;
    }
    if (*p == '\n' || *p == '\r') {
        lx->pos = skip_line_break(lx, p);
        return LINE_BLANK;
    }
    lx->at_line_start = false;

    int top = lx->indent_depth;
    if (col > 0xFFFF)
        col = 0xFFFF, alt = 0xFFFF; /* deeper than any real program */
    if (col == lx->indent_cols[top]) {
        if (alt != lx->indent_alt_cols[top])
            goto tab_error;
        return LINE_STARTED;
    }
    if (col > lx->indent_cols[top]) {
        if (alt <= lx->indent_alt_cols[top])
            goto tab_error;
        if (top >= PY_LEX_MAX_INDENT) {
            make_error(lx, tok, PY_LEX_ERR_INDENT, p, "too many levels of indentation");
            return LINE_TOKEN;
        }
        lx->indent_depth = ++top;
        lx->indent_cols[top] = (uint16_t)col;
        lx->indent_alt_cols[top] = (uint16_t)alt;
        begin_token(lx, tok, PY_TOK_INDENT, p);
        return LINE_TOKEN;
    }
    int dedents = 0;
    while (top > 0 && col < lx->indent_cols[top])
        top--, dedents++;
    if (col != lx->indent_cols[top]) {
        make_error(lx, tok, PY_LEX_ERR_INDENT, p,
                   "unindent does not match any outer indentation level");
        return LINE_TOKEN;
    }
    if (alt != lx->indent_alt_cols[top])
        goto tab_error;
    lx->indent_depth = top;
    lx->pending_dedents = dedents - 1;
    begin_token(lx, tok, PY_TOK_DEDENT, NULL);
    tok->column = column_of(lx, p);
    return LINE_TOKEN;

tab_error:
    make_error(lx, tok, PY_LEX_ERR_TAB, p, "inconsistent use of tabs and spaces in indentation");
    return LINE_TOKEN;
}

/* End of input: close the open line and blocks, then ENDMARKER. */
static py_lex_kind lex_end(py_lexer *lx, py_lex_token *tok) {
    if (!(lx->flags & PY_LEX_EXPRESSION)) {
        if (lx->paren_depth > 0) {
            char msg[40];
            snprintf(msg, sizeof msg, "'%c' was never closed", lx->paren_stack[0]);
            return make_error_at(lx, tok, PY_LEX_ERR_INCOMPLETE, lx->outer_paren_line,
                                 lx->outer_paren_column, msg);
        }
        if (lx->after_continuation)
            return make_error(lx, tok, PY_LEX_ERR_INCOMPLETE, lx->end,
                              "unexpected end of input after line "
                              "continuation");
        if (lx->line_has_tokens) {
            begin_token(lx, tok, PY_TOK_NEWLINE, NULL);
            tok->column = column_of(lx, lx->end);
            lx->line_has_tokens = false;
            return PY_TOK_NEWLINE;
        }
        if (lx->indent_depth > 0) {
            lx->indent_depth--;
            begin_token(lx, tok, PY_TOK_DEDENT, NULL);
            tok->column = column_of(lx, lx->end);
            return PY_TOK_DEDENT;
        }
    }
    lx->finished = true;
    begin_token(lx, tok, PY_TOK_ENDMARKER, NULL);
    tok->column = column_of(lx, lx->end);
    return PY_TOK_ENDMARKER;
}

static bool is_name_start_byte(unsigned char c) { return is_ascii_name_start(c) || c >= 0x80; }

/* One token, layout aside. */
static py_lex_kind lex_token(py_lexer *lx, py_lex_token *tok, const char *p) {
    unsigned char c = (unsigned char)*p;
    if (is_name_start_byte(c))
        return lex_name(lx, tok, p);
    if (is_digit(c) || (c == '.' && p + 1 < lx->end && is_digit((unsigned char)p[1])))
        return lex_number(lx, tok, p);
    if (c == '\'' || c == '"') {
        string_prefix none = {false, false, false};
        return lex_string(lx, tok, p, p, none);
    }
    return lex_operator(lx, tok, p);
}

py_lex_kind py_lexer_next(py_lexer *lx, py_lex_token *tok) {
    const char *end = lx->end;
    if (lx->error_token.kind == PY_TOK_ERROR) {
        *tok = lx->error_token;
        return PY_TOK_ERROR;
    }
    if (lx->finished)
        return lex_end(lx, tok);
    if (lx->pending_dedents > 0) {
        lx->pending_dedents--;
        begin_token(lx, tok, PY_TOK_DEDENT, NULL);
        tok->column = column_of(lx, lx->pos);
        return PY_TOK_DEDENT;
    }
    for (;;) {
        if (lx->at_line_start && lx->paren_depth == 0) {
            enum line_start_result r = start_line(lx, tok);
            if (r == LINE_BLANK)
                continue;
            if (r == LINE_TOKEN)
                return tok->kind;
            if (r == LINE_AT_END)
                return lex_end(lx, tok);
        }
        const char *p = lx->pos;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\f'))
            p++;
        if (p < end && *p == '#')
            while (p < end && *p != '\n' && *p != '\r')
                p++;
        lx->pos = p;
        if (p >= end)
            return lex_end(lx, tok);
        if (*p == '\n' || *p == '\r') {
            uint32_t line = lx->line, col = column_of(lx, p);
            lx->pos = skip_line_break(lx, p);
            if (lx->paren_depth > 0 || (lx->flags & PY_LEX_EXPRESSION))
                continue;
            lx->at_line_start = true;
            lx->after_continuation = false;
            if (!lx->line_has_tokens)
                continue;
            lx->line_has_tokens = false;
            begin_token(lx, tok, PY_TOK_NEWLINE, p);
            tok->line = line;
            tok->column = col;
            return PY_TOK_NEWLINE;
        }
        if (*p == '\\') {
            if (p + 1 >= end) {
                lx->pos = end;
                return make_error(lx, tok, PY_LEX_ERR_INCOMPLETE, p,
                                  "unexpected end of input after line "
                                  "continuation");
            }
            if (p[1] != '\n' && p[1] != '\r')
                return make_error(lx, tok, PY_LEX_ERR_SYNTAX, p,
                                  "unexpected character after line "
                                  "continuation character");
            lx->pos = skip_line_break(lx, p + 1);
            lx->after_continuation = true;
            continue;
        }
        py_lex_kind kind = lex_token(lx, tok, p);
        if (kind != PY_TOK_ERROR) {
            lx->line_has_tokens = true;
            lx->after_continuation = false;
        }
        return kind;
    }
}

/* ---- f-strings ---- */

void py_lex_fstring_init(py_lex_fstring *fs, const char *body, size_t len, bool raw, bool is_spec,
                         py_lex_realloc_fn realloc_fn, void *alloc_ctx) {
    memset(fs, 0, sizeof *fs);
    if (!body)
        body = "", len = 0;
    fs->pos = body;
    fs->end = body + len;
    fs->line_start = body;
    fs->raw = raw;
    fs->is_spec = is_spec;
    fs->realloc_fn = realloc_fn;
    fs->alloc_ctx = alloc_ctx;
}

void py_lex_fstring_free(py_lex_fstring *fs) {
    if (fs->buf && fs->realloc_fn)
        fs->realloc_fn(fs->alloc_ctx, fs->buf, fs->buf_cap, 0);
    fs->buf = NULL;
    fs->buf_cap = 0;
}

static py_lex_fpiece_kind fstring_fail(py_lex_fstring *fs, py_lex_fpiece *piece, const char *msg) {
    fs->failed = true;
    fs->error = msg;
    piece->kind = PY_FPIECE_ERROR;
    piece->text = msg;
    piece->len = strlen(msg);
    piece->line = fs->line;
    piece->column = (uint32_t)(fs->pos - fs->line_start);
    return PY_FPIECE_ERROR;
}

static void fstring_count_lines(py_lex_fstring *fs, const char *p, const char *to) {
    for (; p < to; p++) {
        if (*p == '\n' || (*p == '\r' && !(p + 1 < to && p[1] == '\n'))) {
            fs->line++;
            fs->line_start = p + 1;
        }
    }
}

static py_lex_fpiece_kind fstring_literal(py_lex_fstring *fs, py_lex_fpiece *piece) {
    const char *p = fs->pos;
    const char *end = fs->end;
    while (p < end) {
        char c = *p;
        if (c == '{' || c == '}') {
            if (p + 1 < end && p[1] == c) {
                p += 2;
                continue;
            }
            if (c == '{')
                break;
            fstring_count_lines(fs, fs->pos, p);
            fs->pos = p;
            return fstring_fail(fs, piece,
                                "f-string: single '}' is not "
                                "allowed");
        }
        /* a backslash never hides a brace: \{ is a backslash and a field */
        if (c == '\\' && !fs->raw && p + 1 < end && p[1] != '{' && p[1] != '}')
            p += 2;
        else
            p++;
    }
    size_t raw_len = (size_t)(p - fs->pos);
    if (!grow_buffer(&fs->buf, &fs->buf_cap, raw_len + 1, fs->realloc_fn, fs->alloc_ctx))
        return fstring_fail(fs, piece, "out of memory");
    size_t n = 0;
    unsigned mode = DECODE_BRACES | (fs->raw ? DECODE_RAW : 0u);
    const char *error = decode_text(fs->pos, p, mode, fs->buf, &n);
    if (error)
        return fstring_fail(fs, piece, error);
    fs->buf[n] = '\0';
    fstring_count_lines(fs, fs->pos, p);
    fs->pos = p;
    piece->kind = PY_FPIECE_LITERAL;
    piece->text = fs->buf;
    piece->len = n;
    return PY_FPIECE_LITERAL;
}

static bool is_space_char(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Skip a string literal nested in a field's expression; p is at its quote.
   Returns NULL if it does not end in the body or holds a backslash. */
static const char *skip_nested_string(const char *p, const char *end, const char **error) {
    char quote = *p;
    bool triple = p + 2 < end && p[1] == quote && p[2] == quote;
    p += triple ? 3 : 1;
    for (; p < end; p++) {
        if (*p == '\\') {
            *error = "f-string expression part cannot include a backslash";
            return NULL;
        }
        if (!triple && (*p == '\n' || *p == '\r'))
            break;
        if (*p == quote && (!triple || (p + 2 < end && p[1] == quote && p[2] == quote)))
            return p + (triple ? 3 : 1);
    }
    *error = "f-string: unterminated string";
    return NULL;
}

/* Find where a field's expression ends: at '}', '!' or ':' outside any
   bracket, or at a self-documenting '='. Returns NULL with *error set. */
static const char *scan_field_expression(const char *p, const char *end, const char **expr_end,
                                         const char **error) {
    const char *start = p;
    int depth = 0;
    while (p < end) {
        char c = *p;
        if (c == '\'' || c == '"') {
            p = skip_nested_string(p, end, error);
            if (!p)
                return NULL;
            continue;
        }
        if (c == '\\') {
            *error = "f-string expression part cannot include a backslash";
            return NULL;
        }
        if (c == '#') {
            *error = "f-string expression part cannot include '#'";
            return NULL;
        }
        if (c == '(' || c == '[' || c == '{') {
            if (++depth > PY_LEX_MAX_PAREN) {
                *error = "too many nested parentheses";
                return NULL;
            }
        } else if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) {
                if (c != '}') {
                    *error = "f-string: unmatched ')'";
                    return NULL;
                }
                *expr_end = p;
                return p;
            }
            depth--;
        } else if (depth == 0 && c == '!' && !(p + 1 < end && p[1] == '=')) {
            *expr_end = p;
            return p;
        } else if (depth == 0 && c == ':') {
            *expr_end = p;
            return p;
        } else if (depth == 0 && c == '=') {
            if (p + 1 < end && p[1] == '=') {
                p += 2;
                continue;
            }
            if (p > start && strchr("=!<>", p[-1]))
                goto next;
            *expr_end = p;
            return p; /* the caller sees the '=' */
        }
    next:
        p++;
    }
    *error = "f-string: expecting '}'";
    return NULL;
}

static py_lex_fpiece_kind fstring_field(py_lex_fstring *fs, py_lex_fpiece *piece) {
    const char *end = fs->end;
    const char *start = fs->pos + 1;
    const char *expr_end = NULL;
    const char *error = NULL;
    const char *p = scan_field_expression(start, end, &expr_end, &error);
    if (!p)
        return fstring_fail(fs, piece, error);

    const char *s = start;
    while (s < expr_end && is_space_char(*s))
        s++;
    if (s == expr_end)
        return fstring_fail(fs, piece,
                            "f-string: empty expression not "
                            "allowed");
    piece->kind = PY_FPIECE_FIELD;
    piece->text = start;
    piece->len = (size_t)(expr_end - start);
    if (*p == '=') {
        p++;
        while (p < end && is_space_char(*p))
            p++;
        piece->self_documenting = true;
        piece->debug_text = start;
        piece->debug_len = (size_t)(p - start);
        if (p >= end || (*p != '!' && *p != ':' && *p != '}'))
            return fstring_fail(fs, piece, "f-string: expecting '}'");
    }
    if (*p == '!') {
        p++;
        if (p >= end || (*p != 'r' && *p != 's' && *p != 'a'))
            return fstring_fail(fs, piece,
                                "f-string: invalid conversion character: "
                                "expected 's', 'r', or 'a'");
        piece->conversion = *p++;
        if (p >= end || (*p != ':' && *p != '}'))
            return fstring_fail(fs, piece, "f-string: expecting '}'");
    }
    if (*p == ':') {
        int depth = 0;
        piece->has_spec = true;
        piece->spec = ++p;
        for (;; p++) {
            if (p >= end)
                return fstring_fail(fs, piece, "f-string: expecting '}'");
            if (*p == '{') {
                if (fs->is_spec)
                    return fstring_fail(fs, piece,
                                        "f-string: expressions "
                                        "nested too deeply");
                depth++;
            } else if (*p == '}') {
                if (depth == 0)
                    break;
                depth--;
            }
        }
        piece->spec_len = (size_t)(p - piece->spec);
    }
    /* p is at the closing brace */
    fstring_count_lines(fs, fs->pos, start);
    piece->line = fs->line;
    piece->column = (uint32_t)(start - fs->line_start);
    fstring_count_lines(fs, start, p + 1);
    fs->pos = p + 1;
    return PY_FPIECE_FIELD;
}

py_lex_fpiece_kind py_lex_fstring_next(py_lex_fstring *fs, py_lex_fpiece *piece) {
    memset(piece, 0, sizeof *piece);
    if (fs->failed) {
        piece->kind = PY_FPIECE_ERROR;
        piece->text = fs->error;
        piece->len = strlen(fs->error);
        piece->line = fs->line;
        return PY_FPIECE_ERROR;
    }
    if (fs->pos >= fs->end) {
        piece->kind = PY_FPIECE_END;
        return PY_FPIECE_END;
    }
    piece->line = fs->line;
    piece->column = (uint32_t)(fs->pos - fs->line_start);
    if (*fs->pos == '{' && !(fs->pos + 1 < fs->end && fs->pos[1] == '{'))
        return fstring_field(fs, piece);
    return fstring_literal(fs, piece);
}
