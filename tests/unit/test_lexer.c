/*
 * test_lexer.c: unit tests for py/lexer.c.
 *
 * Most cases lex a snippet and compare a compact dump of its tokens with the
 * expected dump; the dump spells each token so that a failing case shows at a
 * glance what came out. Usage: test_lexer [results-file]; writes one
 * PASS/FAIL line per case there (stdout if absent) and failure details to
 * stderr.
 */
#include "py/lexer.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a small test harness ---- */

static FILE *results;
static int cases_passed, cases_failed;
static char case_name[128];
static bool case_ok;

static void begin_case(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(case_name, sizeof case_name, fmt, ap);
    va_end(ap);
    case_ok = true;
}

static void end_case(void) {
    fprintf(results, "%s %s\n", case_ok ? "PASS" : "FAIL", case_name);
    if (case_ok)
        cases_passed++;
    else
        cases_failed++;
}

static void failure(int line, const char *fmt, ...) {
    va_list ap;
    case_ok = false;
    fprintf(stderr, "FAIL %s (test_lexer.c:%d): ", case_name, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            failure(__LINE__, "%s", #cond);                                                        \
    } while (0)

#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *got_ = (got), *want_ = (want);                                                 \
        if (strcmp(got_, want_) != 0)                                                              \
            failure(__LINE__, "\n   got: %s\n  want: %s", got_, want_);                            \
    } while (0)

/* ---- allocator ---- */

static size_t bytes_live, bytes_peak;
static long allocs_left = -1; /* >= 0: fail after that many allocations */
static bool oom_longjmp;
static jmp_buf oom_jump;

static void *test_realloc(void *ctx, void *old, size_t old_size, size_t new_size) {
    (void)ctx;
    if (new_size == 0) {
        free(old);
        bytes_live -= old_size;
        return NULL;
    }
    if (allocs_left == 0) {
        if (oom_longjmp)
            longjmp(oom_jump, 1);
        return NULL;
    }
    if (allocs_left > 0)
        allocs_left--;
    void *p = realloc(old, new_size);
    if (!p)
        return NULL;
    bytes_live = bytes_live - old_size + new_size;
    if (bytes_live > bytes_peak)
        bytes_peak = bytes_live;
    return p;
}

/* ---- token dumps ---- */

typedef struct dump {
    char text[16384];
    size_t len;
} dump;

static void dump_add(dump *d, const char *fmt, ...) {
    va_list ap;
    if (d->len >= sizeof d->text - 1)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(d->text + d->len, sizeof d->text - d->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        d->len += (size_t)n;
    if (d->len > sizeof d->text - 1)
        d->len = sizeof d->text - 1;
}

static void dump_escaped(dump *d, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\')
            dump_add(d, "\\\\");
        else if (c == '"')
            dump_add(d, "\\\"");
        else if (c == '\n')
            dump_add(d, "\\n");
        else if (c == '\t')
            dump_add(d, "\\t");
        else if (c < 0x20 || c >= 0x7F)
            dump_add(d, "\\x%02x", c);
        else
            dump_add(d, "%c", c);
    }
}

static void dump_token(dump *d, const py_lex_token *t) {
    if (d->len)
        dump_add(d, " ");
    switch (t->kind) {
    case PY_TOK_ENDMARKER:
        dump_add(d, "END");
        break;
    case PY_TOK_NEWLINE:
        dump_add(d, "NL");
        break;
    case PY_TOK_INDENT:
        dump_add(d, "IN");
        break;
    case PY_TOK_DEDENT:
        dump_add(d, "DE");
        break;
    case PY_TOK_NAME:
        dump_add(d, "%.*s", (int)t->len, t->text);
        break;
    case PY_TOK_NUMBER:
        dump_add(d, "%c:%.*s",
                 t->number_kind == PY_NUM_INT     ? 'i'
                 : t->number_kind == PY_NUM_FLOAT ? 'f'
                                                  : 'j',
                 (int)t->len, t->text);
        break;
    case PY_TOK_STRING:
        dump_add(d, "%s%s\"",
                 t->string_kind == PY_STR_TEXT    ? "s"
                 : t->string_kind == PY_STR_BYTES ? "b"
                                                  : "f",
                 t->raw ? "r" : "");
        dump_escaped(d, t->text, t->len);
        dump_add(d, "\"");
        break;
    case PY_TOK_ERROR:
        dump_add(d, "ERR%s(%s)@%u:%u",
                 t->error == PY_LEX_ERR_INCOMPLETE ? "+"
                 : t->error == PY_LEX_ERR_INDENT   ? "-indent"
                 : t->error == PY_LEX_ERR_TAB      ? "-tab"
                 : t->error == PY_LEX_ERR_MEMORY   ? "-mem"
                                                   : "",
                 t->text, (unsigned)t->line, (unsigned)t->column);
        break;
    default: {
        /* keywords and operators: their name without the quotes */
        const char *name = py_lex_kind_name(t->kind);
        dump_add(d, "%.*s", (int)strlen(name) - 2, name + 1);
    }
    }
}

/* Lex src (with flags) to the end and return the dump. */
static const char *lex_flags(const char *src, size_t len, unsigned flags) {
    static dump d;
    py_lexer lx;
    py_lex_token t;
    d.len = 0;
    d.text[0] = '\0';
    py_lexer_init(&lx, src, len, "<test>", flags, test_realloc, NULL);
    for (int i = 0; i < 5000; i++) {
        py_lexer_next(&lx, &t);
        dump_token(&d, &t);
        if (t.kind == PY_TOK_ENDMARKER || t.kind == PY_TOK_ERROR)
            break;
    }
    py_lexer_free(&lx);
    return d.text;
}

static const char *lex(const char *src) { return lex_flags(src, strlen(src), 0); }

/* Lex src and return the dump of its first token only. */
static const char *first(const char *src) {
    static dump d;
    py_lexer lx;
    py_lex_token t;
    d.len = 0;
    d.text[0] = '\0';
    py_lexer_init(&lx, src, strlen(src), "<test>", 0, test_realloc, NULL);
    py_lexer_next(&lx, &t);
    dump_token(&d, &t);
    py_lexer_free(&lx);
    return d.text;
}

#define LEX_CASE(name, src, want)                                                                  \
    do {                                                                                           \
        begin_case("%s", name);                                                                    \
        CHECK_STR(lex(src), want);                                                                 \
        end_case();                                                                                \
    } while (0)

/* ---- keywords and operators ---- */

static void test_keywords(void) {
    static const char *const words[] = {
        "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
        "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
        "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",
    };
    int n = (int)(sizeof words / sizeof words[0]);
    begin_case("keyword count");
    CHECK(n == PY_TOK_LAST_KEYWORD - PY_TOK_FIRST_KEYWORD + 1);
    end_case();
    for (int i = 0; i < n; i++) {
        py_lexer lx;
        py_lex_token t;
        char want[32];
        begin_case("keyword %s", words[i]);
        py_lexer_init(&lx, words[i], strlen(words[i]), "k", 0, test_realloc, NULL);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == (py_lex_kind)(PY_TOK_FIRST_KEYWORD + i));
        CHECK(t.text == NULL);
        snprintf(want, sizeof want, "'%s'", words[i]);
        CHECK_STR(py_lex_kind_name(t.kind), want);
        py_lexer_free(&lx);
        end_case();
    }
    LEX_CASE("keyword prefixes are names", "iff Ifx none true_ asyncio",
             "iff Ifx none true_ asyncio NL END");
    LEX_CASE("soft keywords are names", "match case _ type print",
             "match case _ type print NL END");
}

static void test_operators(void) {
    static const struct {
        const char *text;
        py_lex_kind kind;
    } ops[] = {
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
        {"...", PY_TOK_ELLIPSIS},
        {"->", PY_TOK_ARROW},
        {"=", PY_TOK_ASSIGN},
        {":=", PY_TOK_WALRUS},
        {"+", PY_TOK_PLUS},
        {"-", PY_TOK_MINUS},
        {"*", PY_TOK_STAR},
        {"**", PY_TOK_DOUBLESTAR},
        {"/", PY_TOK_SLASH},
        {"//", PY_TOK_DOUBLESLASH},
        {"%", PY_TOK_PERCENT},
        {"@", PY_TOK_AT},
        {"<<", PY_TOK_LSHIFT},
        {">>", PY_TOK_RSHIFT},
        {"&", PY_TOK_AMPER},
        {"|", PY_TOK_VBAR},
        {"^", PY_TOK_CIRCUMFLEX},
        {"~", PY_TOK_TILDE},
        {"<", PY_TOK_LESS},
        {">", PY_TOK_GREATER},
        {"<=", PY_TOK_LESSEQUAL},
        {">=", PY_TOK_GREATEREQUAL},
        {"==", PY_TOK_EQEQUAL},
        {"!=", PY_TOK_NOTEQUAL},
        {"+=", PY_TOK_PLUSEQUAL},
        {"-=", PY_TOK_MINUSEQUAL},
        {"*=", PY_TOK_STAREQUAL},
        {"**=", PY_TOK_DOUBLESTAREQUAL},
        {"/=", PY_TOK_SLASHEQUAL},
        {"//=", PY_TOK_DOUBLESLASHEQUAL},
        {"%=", PY_TOK_PERCENTEQUAL},
        {"@=", PY_TOK_ATEQUAL},
        {"<<=", PY_TOK_LSHIFTEQUAL},
        {">>=", PY_TOK_RSHIFTEQUAL},
        {"&=", PY_TOK_AMPEREQUAL},
        {"|=", PY_TOK_VBAREQUAL},
        {"^=", PY_TOK_CIRCUMFLEXEQUAL},
    };
    size_t n = sizeof ops / sizeof ops[0];
    begin_case("operator count");
    CHECK(n == (size_t)(PY_TOK_COUNT_ - PY_TOK_LPAREN));
    end_case();
    for (size_t i = 0; i < n; i++) {
        char src[16], want[16];
        py_lexer lx;
        py_lex_token t;
        begin_case("operator %s", ops[i].text);
        /* a closer needs its opener in front */
        const char *closer = strchr(")]}", ops[i].text[0]);
        snprintf(src, sizeof src, "%s%s",
                 closer ? (const char *[]){"(", "[", "{"}[closer - ")]}"] : "", ops[i].text);
        py_lexer_init(&lx, src, strlen(src), "o", 0, test_realloc, NULL);
        py_lexer_next(&lx, &t);
        if (closer)
            py_lexer_next(&lx, &t);
        CHECK(t.kind == ops[i].kind);
        CHECK(t.line == 1 && t.column == (closer ? 2u : 1u));
        snprintf(want, sizeof want, "'%s'", ops[i].text);
        CHECK_STR(py_lex_kind_name(t.kind), want);
        py_lexer_free(&lx);
        end_case();
    }
    begin_case("augmented operators map onto binary ones");
    CHECK(PY_TOK_CIRCUMFLEXEQUAL - PY_TOK_PLUSEQUAL == PY_TOK_CIRCUMFLEX - PY_TOK_PLUS);
    CHECK(PY_TOK_DOUBLESLASHEQUAL - PY_TOK_PLUSEQUAL + PY_TOK_PLUS == PY_TOK_DOUBLESLASH);
    CHECK(PY_TOK_ATEQUAL - PY_TOK_PLUSEQUAL + PY_TOK_PLUS == PY_TOK_AT);
    end_case();
    LEX_CASE("longest operator wins", "a**=b//=c>>=d<<=e...f->g:=h",
             "a **= b //= c >>= d <<= e ... f -> g := h NL END");
    LEX_CASE("operators without spaces", "a<=b>=c==d!=e<f>g",
             "a <= b >= c == d != e < f > g NL END");
    LEX_CASE("two dots are two dots", "a..b", "a . . b NL END");
    LEX_CASE("four dots", "....", "... . NL END");
    LEX_CASE("star star star", "a***b", "a ** * b NL END");
    LEX_CASE("decorator", "@dec\ndef f(): pass", "@ dec NL def f ( ) : pass NL END");
    LEX_CASE("matrix multiply", "a @ b\na @= b", "a @ b NL a @= b NL END");
    LEX_CASE("lone bang", "a ! b", "a ERR(invalid syntax)@1:3");
    LEX_CASE("dollar", "$", "ERR(invalid syntax)@1:1");
    LEX_CASE("question mark", "a?", "a ERR(invalid syntax)@1:2");
    LEX_CASE("backtick", "`a`", "ERR(invalid syntax)@1:1");
    LEX_CASE("control character", "a\x01", "a ERR(invalid non-printable character U+0001)@1:2");
    LEX_CASE("non-ASCII punctuation", "x = \xe2\x80\x9chi\xe2\x80\x9d",
             "x = ERR(invalid character '\xe2\x80\x9c' (U+201C))@1:5");
}

/* ---- names ---- */

static void test_names(void) {
    LEX_CASE("simple names", "a _b c1 __init__ A_B_9", "a _b c1 __init__ A_B_9 NL END");
    LEX_CASE("non-ASCII names", "caf\xc3\xa9 = \xe5\x90\x8d\xe5\x89\x8d",
             "caf\xc3\xa9 = \xe5\x90\x8d\xe5\x89\x8d NL END");
    LEX_CASE("greek name", "\xce\xbb\xce\xb1 = 1", "\xce\xbb\xce\xb1 = i:1 NL END");
    LEX_CASE("invalid UTF-8 in a name", "ab\xff", "ERR(invalid UTF-8 in source)@1:3");
    LEX_CASE("truncated UTF-8 in a name", "a\xc3", "ERR(invalid UTF-8 in source)@1:2");
    LEX_CASE("overlong UTF-8", "a\xc0\xaf", "ERR(invalid UTF-8 in source)@1:2");
    LEX_CASE("non-breaking space is not a name char", "a\xc2\xa0",
             "a ERR(invalid character '\xc2\xa0' (U+00A0))@1:2");
    LEX_CASE("names that look like prefixes", "rb br f u r b fr", "rb br f u r b fr NL END");
    LEX_CASE("not a string prefix", "bx'a' ur'a' bf'a' uu'a'",
             "bx s\"a\" ur s\"a\" bf s\"a\" uu s\"a\" NL END");
}

/* ---- numbers ---- */

static void test_numbers(void) {
    static const struct {
        const char *src, *want;
    } good[] = {
        {"0", "i:0"},
        {"00", "i:00"},
        {"0_0", "i:0_0"},
        {"7", "i:7"},
        {"1_000_000", "i:1_000_000"},
        {"123456789012345678901234567890", "i:123456789012345678901234567890"},
        {"0x1F", "i:0x1F"},
        {"0XdeadBEEF", "i:0XdeadBEEF"},
        {"0x_1", "i:0x_1"},
        {"0xff_ff", "i:0xff_ff"},
        {"0o17", "i:0o17"},
        {"0O7_7", "i:0O7_7"},
        {"0b1010", "i:0b1010"},
        {"0B1_0", "i:0B1_0"},
        {"1.", "f:1."},
        {".5", "f:.5"},
        {"1.5", "f:1.5"},
        {"1e10", "f:1e10"},
        {"1E+10", "f:1E+10"},
        {"1e-10", "f:1e-10"},
        {"1.e5", "f:1.e5"},
        {".5e-3", "f:.5e-3"},
        {"1_000.5", "f:1_000.5"},
        {"1.000_5", "f:1.000_5"},
        {"1e1_0", "f:1e1_0"},
        {"09.5", "f:09.5"},
        {"00.5", "f:00.5"},
        {"09e1", "f:09e1"},
        {"0e0", "f:0e0"},
        {"1j", "j:1j"},
        {"1.5J", "j:1.5J"},
        {"1e3j", "j:1e3j"},
        {".5j", "j:.5j"},
        {"09j", "j:09j"},
        {"0j", "j:0j"},
        {"1_0j", "j:1_0j"},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char want[128];
        begin_case("number %s", good[i].src);
        snprintf(want, sizeof want, "%s NL END", good[i].want);
        CHECK_STR(lex(good[i].src), want);
        end_case();
    }
    static const struct {
        const char *src, *msg;
    } bad[] = {
        {"1__0", "invalid decimal literal"},
        {"1_", "invalid decimal literal"},
        {"1_.5", "invalid decimal literal"},
        {"1._5", "invalid decimal literal"},
        {"1.5_", "invalid decimal literal"},
        {"1e", "invalid decimal literal"},
        {"1e+", "invalid decimal literal"},
        {"1e_5", "invalid decimal literal"},
        {"1e5_", "invalid decimal literal"},
        {"1abc", "invalid decimal literal"},
        {"1if", "invalid decimal literal"},
        {"1.real", "invalid decimal literal"},
        {"1jx", "invalid imaginary literal"},
        {"1j_", "invalid imaginary literal"},
        {"09", "leading zeros in decimal integer literals are not "
               "permitted; use an 0o prefix for octal integers"},
        {"0_1", "leading zeros in decimal integer literals are not "
                "permitted; use an 0o prefix for octal integers"},
        {"0777", "leading zeros in decimal integer literals are not "
                 "permitted; use an 0o prefix for octal integers"},
        {"0x", "invalid hexadecimal literal"},
        {"0x_", "invalid hexadecimal literal"},
        {"0x1_", "invalid hexadecimal literal"},
        {"0x1__2", "invalid hexadecimal literal"},
        {"0x__1", "invalid hexadecimal literal"},
        {"0xg", "invalid hexadecimal literal"},
        {"0x1g", "invalid hexadecimal literal"},
        {"0x1j", "invalid hexadecimal literal"},
        {"0o", "invalid octal literal"},
        {"0o8", "invalid octal literal"},
        {"0o78", "invalid digit '8' in octal literal"},
        {"0b", "invalid binary literal"},
        {"0b12", "invalid digit '2' in binary literal"},
        {"0b1e", "invalid binary literal"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[160];
        begin_case("bad number %s", bad[i].src);
        snprintf(want, sizeof want, "ERR(%s)@1:1", bad[i].msg);
        CHECK_STR(lex(bad[i].src), want);
        end_case();
    }
    LEX_CASE("number then attribute", "1 .real", "i:1 . real NL END");
    LEX_CASE("number then dot dot", "1..real", "f:1. . real NL END");
    LEX_CASE("number slices", "x[1:2]", "x [ i:1 : i:2 ] NL END");
    LEX_CASE("negative is an operator", "-1", "- i:1 NL END");
    LEX_CASE("number before operator", "1+2*3", "i:1 + i:2 * i:3 NL END");
    LEX_CASE("number error column", "x = 1__0", "x = ERR(invalid decimal literal)@1:5");
}

/* ---- strings ---- */

static void test_strings(void) {
    static const struct {
        const char *name, *src, *want;
    } cases[] = {
        {"single quotes", "'abc'", "s\"abc\""},
        {"double quotes", "\"abc\"", "s\"abc\""},
        {"empty", "''", "s\"\""},
        {"empty triple", "''''''", "s\"\""},
        {"other quote inside", "'a\"b'", "s\"a\\\"b\""},
        {"escaped quote", "'a\\'b'", "s\"a'b\""},
        {"simple escapes", "'\\n\\t\\\\\\r\\a\\b\\f\\v'",
         "s\"\\n\\t\\\\\\x0d\\x07\\x08\\x0c\\x0b\""},
        {"octal escapes", "'\\0\\7\\101\\1011'", "s\"\\x00\\x07AA1\""},
        {"octal escape above 0xff", "'\\777'", "s\"\\xc7\\xbf\""},
        {"hex escape", "'\\x41\\x7e'", "s\"A~\""},
        {"hex escape non-ASCII", "'\\xe9'", "s\"\\xc3\\xa9\""},
        {"u escape", "'\\u00e9\\u20AC'", "s\"\\xc3\\xa9\\xe2\\x82\\xac\""},
        {"U escape", "'\\U0001F600'", "s\"\\xf0\\x9f\\x98\\x80\""},
        {"unknown escape kept", "'\\q\\d'", "s\"\\\\q\\\\d\""},
        {"backslash newline", "'ab\\\ncd'", "s\"abcd\""},
        {"backslash crlf", "'ab\\\r\ncd'", "s\"abcd\""},
        {"UTF-8 text", "'caf\xc3\xa9'", "s\"caf\\xc3\\xa9\""},
        {"u prefix", "u'x'", "s\"x\""},
        {"U prefix", "U'x'", "s\"x\""},
        {"raw", "r'\\n\\x'", "sr\"\\\\n\\\\x\""},
        {"raw capital", "R'\\d'", "sr\"\\\\d\""},
        {"raw escaped quote", "r'\\''", "sr\"\\\\'\""},
        {"raw backslash newline", "r'a\\\nb'", "sr\"a\\\\\\nb\""},
        {"bytes", "b'ab\\x00\\xff'", "b\"ab\\x00\\xff\""},
        {"bytes octal", "b'\\377\\0'", "b\"\\xff\\x00\""},
        {"bytes keep \\u", "b'\\u0041'", "b\"\\\\u0041\""},
        {"bytes keep \\N", "b'\\N'", "b\"\\\\N\""},
        {"raw bytes rb", "rb'\\x'", "br\"\\\\x\""},
        {"raw bytes BR", "BR'\\x'", "br\"\\\\x\""},
        {"raw bytes Rb", "Rb'\\x'", "br\"\\\\x\""},
        {"triple", "'''a\nb'''", "s\"a\\nb\""},
        {"triple double", "\"\"\"a'''b\"\"\"", "s\"a'''b\""},
        {"triple with quotes inside", "'''a''b'c'''", "s\"a''b'c\""},
        {"triple crlf normalised", "'''a\r\nb\rc'''", "s\"a\\nb\\nc\""},
        {"raw triple crlf normalised", "r'''a\r\nb'''", "sr\"a\\nb\""},
        {"triple ends at first triple", "'''a''''", "s\"a\""},
        {"f-string body", "f'a{b}c'", "f\"a{b}c\""},
        {"f-string raw", "rf'\\d{x}'", "fr\"\\\\d{x}\""},
        {"f-string FR", "FR'{x}'", "fr\"{x}\""},
        {"f-string other quotes inside", "f\"{d['k']}\"", "f\"{d['k']}\""},
        {"f-string escaped quote", "f'\\'{x}'", "f\"\\\\'{x}\""},
        {"f-string triple", "f'''{x}\n'''", "f\"{x}\\n\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        begin_case("string %s", cases[i].name);
        CHECK_STR(first(cases[i].src), cases[i].want);
        end_case();
    }
    static const struct {
        const char *name, *src, *want;
    } bad[] = {
        {"truncated \\x", "'\\x4'", "ERR(truncated \\xXX escape)@1:1"},
        {"truncated \\u", "'\\u12'", "ERR(truncated \\uXXXX escape)@1:1"},
        {"truncated \\U", "'\\U0001F60'", "ERR(truncated \\UXXXXXXXX escape)@1:1"},
        {"\\U too large", "'\\U00110000'", "ERR(illegal Unicode character in \\U escape)@1:1"},
        {"surrogate", "'\\ud800'", "ERR(surrogate code points cannot be written as escapes)@1:1"},
        {"\\N rejected", "'\\N{DASH}'", "ERR(\\N{...} escapes are not supported)@1:1"},
        {"bytes non-ASCII", "b'caf\xc3\xa9'",
         "ERR(bytes can only contain ASCII literal characters)@1:1"},
        {"bytes octal too big", "b'\\777'", "ERR(octal escape value out of range in bytes)@1:1"},
        {"invalid UTF-8", "'a\xff'", "ERR(invalid UTF-8 in string literal)@1:1"},
        {"unterminated", "'abc", "ERR(unterminated string literal)@1:1"},
        {"unterminated at newline", "x = 'abc\ny'", "x = ERR(unterminated string literal)@1:5"},
        {"unterminated triple", "'''abc\n", "ERR+(unterminated triple-quoted string literal)@1:1"},
        {"continued then EOF", "'abc\\\n", "ERR+(unterminated string literal)@1:1"},
        {"backslash at EOF", "'abc\\", "ERR+(unterminated string literal)@1:1"},
        {"bytes f-string is not a prefix", "bf'x'", "bf s\"x\" NL END"},
        {"ur is not a prefix", "ur'x'", "ur s\"x\" NL END"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        begin_case("bad string %s", bad[i].name);
        CHECK_STR(lex(bad[i].src), bad[i].want);
        end_case();
    }
    LEX_CASE("adjacent strings stay separate", "'a' 'b' b'c' f'd'",
             "s\"a\" s\"b\" b\"c\" f\"d\" NL END");
    LEX_CASE("string positions", "x = '''a\nb''' + 'c'\ny", "x = s\"a\\nb\" + s\"c\" NL y NL END");

    begin_case("string token fields");
    {
        py_lexer lx;
        py_lex_token t;
        const char *src = "x = rb'''q\\n'''";
        py_lexer_init(&lx, src, strlen(src), "s", 0, test_realloc, NULL);
        py_lexer_next(&lx, &t);
        py_lexer_next(&lx, &t);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_STRING);
        CHECK(t.string_kind == PY_STR_BYTES);
        CHECK(t.raw && t.triple);
        CHECK(t.start == src + 4);
        CHECK(t.column == 5);
        CHECK(t.len == 3 && memcmp(t.text, "q\\n", 3) == 0);
        CHECK(t.text[t.len] == '\0');
        py_lexer_free(&lx);
    }
    end_case();

    begin_case("line numbers after a multi-line string");
    {
        py_lexer lx;
        py_lex_token t;
        const char *src = "a = '''1\n2\n3''' ; b\nc";
        py_lexer_init(&lx, src, strlen(src), "s", 0, test_realloc, NULL);
        py_lexer_next(&lx, &t); /* a */
        py_lexer_next(&lx, &t); /* = */
        py_lexer_next(&lx, &t); /* string */
        CHECK(t.kind == PY_TOK_STRING && t.line == 1 && t.column == 5);
        py_lexer_next(&lx, &t); /* ; */
        CHECK(t.kind == PY_TOK_SEMICOLON && t.line == 3 && t.column == 6);
        py_lexer_next(&lx, &t); /* b */
        CHECK(t.kind == PY_TOK_NAME && t.line == 3 && t.column == 8);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_NEWLINE && t.line == 3);
        py_lexer_next(&lx, &t); /* c */
        CHECK(t.kind == PY_TOK_NAME && t.line == 4 && t.column == 1);
        py_lexer_free(&lx);
    }
    end_case();
}

/* ---- layout ---- */

static void test_layout(void) {
    LEX_CASE("empty input", "", "END");
    LEX_CASE("only newlines", "\n\n\n", "END");
    LEX_CASE("only comments", "# a\n   # b\n#c", "END");
    LEX_CASE("no trailing newline", "x", "x NL END");
    LEX_CASE("trailing newline", "x\n", "x NL END");
    LEX_CASE("comment after code", "x # c\ny", "x NL y NL END");
    LEX_CASE("comment at EOF after code", "x # c", "x NL END");
    LEX_CASE("simple block", "if a:\n    b\nc\n", "if a : NL IN b NL DE c NL END");
    LEX_CASE("block at EOF", "if a:\n    b", "if a : NL IN b NL DE END");
    LEX_CASE("nested blocks closed at EOF", "if a:\n  if b:\n    c\n",
             "if a : NL IN if b : NL IN c NL DE DE END");
    LEX_CASE("two dedents at once", "if a:\n  if b:\n    c\nd\n",
             "if a : NL IN if b : NL IN c NL DE DE d NL END");
    LEX_CASE("blank and comment lines inside a block", "if a:\n\n    b\n  # odd comment\n\n    c\n",
             "if a : NL IN b NL c NL DE END");
    LEX_CASE("whitespace-only lines", "if a:\n    b\n   \n\t\n    c\n",
             "if a : NL IN b NL c NL DE END");
    LEX_CASE("unexpected indent is the parser's call", "  x\n", "IN x NL DE END");
    LEX_CASE("inconsistent dedent", "if a:\n    b\n  c\n",
             "if a : NL IN b NL ERR-indent(unindent does not match any "
             "outer indentation level)@3:3");
    LEX_CASE("tab equals eight spaces", "if a:\n\tb\n        c\n",
             "if a : NL IN b NL ERR-tab(inconsistent use of tabs and "
             "spaces in indentation)@3:9");
    LEX_CASE("tabs consistently", "if a:\n\tb\n\tc\n", "if a : NL IN b NL c NL DE END");
    LEX_CASE("tab after spaces to next multiple of 8", "if a:\n    \tb\n    \tc\n",
             "if a : NL IN b NL c NL DE END");
    LEX_CASE("ambiguous tab indent", "if a:\n        b\n\tc\n",
             "if a : NL IN b NL ERR-tab(inconsistent use of tabs and "
             "spaces in indentation)@3:2");
    LEX_CASE("form feed resets the column", "if a:\n  b\n\f  c\n", "if a : NL IN b NL c NL DE END");
    LEX_CASE("brackets join lines", "x = (1,\n  2,\n\n 3)\ny",
             "x = ( i:1 , i:2 , i:3 ) NL y NL END");
    LEX_CASE("comments inside brackets", "f(a, # c\n  b)", "f ( a , b ) NL END");
    LEX_CASE("all bracket kinds join", "[{(\n)}\n]", "[ { ( ) } ] NL END");
    LEX_CASE("indentation ignored inside brackets", "if a:\n    x = [\n1,\n        2]\n    y\n",
             "if a : NL IN x = [ i:1 , i:2 ] NL y NL DE END");
    LEX_CASE("backslash continuation", "x = 1 + \\\n    2\ny", "x = i:1 + i:2 NL y NL END");
    LEX_CASE("backslash continuation keeps block", "if a and \\\nb:\n    c\n",
             "if a and b : NL IN c NL DE END");
    LEX_CASE("backslash then blank line", "x = 1 \\\n\ny", "x = i:1 NL y NL END");
    LEX_CASE("backslash followed by junk", "x = 1 \\ 2",
             "x = i:1 ERR(unexpected character after line continuation "
             "character)@1:7");
    LEX_CASE("semicolons", "a; b;", "a ; b ; NL END");
    LEX_CASE("CRLF line endings", "if a:\r\n    b\r\nc\r\n", "if a : NL IN b NL DE c NL END");
    LEX_CASE("CR line endings", "if a:\r    b\rc\r", "if a : NL IN b NL DE c NL END");
    LEX_CASE("mixed line endings", "a\nb\r\nc\rd", "a NL b NL c NL d NL END");
    LEX_CASE("BOM skipped", "\xef\xbb\xbfx = 1", "x = i:1 NL END");
    LEX_CASE("dedent to zero then more", "def f():\n    pass\n\nx\n",
             "def f ( ) : NL IN pass NL DE x NL END");
    LEX_CASE("class with methods",
             "class A:\n    def f(self):\n        return 1\n    def g(self):\n"
             "        pass\n",
             "class A : NL IN def f ( self ) : NL IN return i:1 NL DE def g "
             "( self ) : NL IN pass NL DE DE END");
    LEX_CASE("unmatched closer", "x)", "x ERR(unmatched ')')@1:2");
    LEX_CASE("mismatched closer", "(x]",
             "( x ERR(closing parenthesis ']' does not match opening "
             "parenthesis '(')@1:3");
    LEX_CASE("unmatched closing brace", "}", "ERR(unmatched '}')@1:1");

    begin_case("too many nested parentheses");
    {
        char src[PY_LEX_MAX_PAREN + 8];
        memset(src, '(', PY_LEX_MAX_PAREN + 1);
        src[PY_LEX_MAX_PAREN + 1] = '\0';
        const char *got = lex(src);
        CHECK(strstr(got, "ERR(too many nested parentheses)@1:201") != NULL);
    }
    end_case();

    begin_case("too many levels of indentation");
    {
        static char src[PY_LEX_MAX_INDENT * (PY_LEX_MAX_INDENT + 8)];
        size_t n = 0;
        for (int level = 0; level <= PY_LEX_MAX_INDENT + 1; level++) {
            for (int i = 0; i < level; i++)
                src[n++] = ' ';
            memcpy(src + n, "if a:\n", 6);
            n += 6;
        }
        src[n] = '\0';
        const char *got = lex(src);
        CHECK(strstr(got, "ERR-indent(too many levels of indentation)") != NULL);
    }
    end_case();

    begin_case("deep but allowed indentation");
    {
        static char src[PY_LEX_MAX_INDENT * (PY_LEX_MAX_INDENT + 8)];
        size_t n = 0;
        for (int level = 0; level < PY_LEX_MAX_INDENT; level++) {
            for (int i = 0; i < level; i++)
                src[n++] = ' ';
            memcpy(src + n, "if a:\n", 6);
            n += 6;
        }
        for (int i = 0; i < PY_LEX_MAX_INDENT; i++)
            src[n++] = ' ';
        src[n++] = 'x';
        src[n] = '\0';
        py_lexer lx;
        py_lex_token t;
        int indents = 0, dedents = 0;
        py_lexer_init(&lx, src, n, "d", 0, test_realloc, NULL);
        do {
            py_lexer_next(&lx, &t);
            indents += t.kind == PY_TOK_INDENT;
            dedents += t.kind == PY_TOK_DEDENT;
        } while (t.kind != PY_TOK_ENDMARKER && t.kind != PY_TOK_ERROR);
        CHECK(t.kind == PY_TOK_ENDMARKER);
        CHECK(indents == PY_LEX_MAX_INDENT && dedents == PY_LEX_MAX_INDENT);
        py_lexer_free(&lx);
    }
    end_case();

    begin_case("positions of layout tokens");
    {
        py_lexer lx;
        py_lex_token t;
        const char *src = "if a:\n\n    b\nc";
        py_lexer_init(&lx, src, strlen(src), "p", 0, test_realloc, NULL);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_KW_IF && t.line == 1 && t.column == 1);
        py_lexer_next(&lx, &t); /* a */
        py_lexer_next(&lx, &t); /* : */
        CHECK(t.kind == PY_TOK_COLON && t.column == 5);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_NEWLINE && t.line == 1 && t.column == 6);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_INDENT && t.line == 3 && t.column == 5);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_NAME && t.line == 3 && t.column == 5);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_NEWLINE && t.line == 3);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_DEDENT && t.line == 4 && t.column == 1);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_NAME && t.line == 4);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_NEWLINE && t.line == 4 && t.start == NULL);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_ENDMARKER);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_ENDMARKER); /* again and again */
        py_lexer_free(&lx);
    }
    end_case();

    begin_case("line numbers across continuations and brackets");
    {
        py_lexer lx;
        py_lex_token t;
        const char *src = "a = (1,\n2) + \\\n3\n# c\n\nb";
        py_lexer_init(&lx, src, strlen(src), "p", 0, test_realloc, NULL);
        int lines[16], n = 0;
        do {
            py_lexer_next(&lx, &t);
            if (n < 16)
                lines[n++] = (int)t.line;
        } while (t.kind != PY_TOK_ENDMARKER && t.kind != PY_TOK_ERROR);
        /* a = ( 1 , 2 ) + 3 NL b NL END */
        static const int want[] = {1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 6, 6, 6};
        CHECK(n == 13);
        for (int i = 0; i < n && i < 13; i++)
            if (lines[i] != want[i])
                failure(__LINE__, "token %d on line %d, want %d", i, lines[i], want[i]);
        py_lexer_free(&lx);
    }
    end_case();

    begin_case("expression mode");
    CHECK_STR(lex_flags("  a +\n  b ", 10, PY_LEX_EXPRESSION), "a + b END");
    end_case();
    begin_case("expression mode keeps bracket checks");
    CHECK_STR(lex_flags("(a", 2, PY_LEX_EXPRESSION), "( a END");
    CHECK_STR(lex_flags("a)", 2, PY_LEX_EXPRESSION), "a ERR(unmatched ')')@1:2");
    end_case();
    begin_case("expression mode position");
    {
        py_lexer lx;
        py_lex_token t;
        const char *src = "x +\ny";
        py_lexer_init(&lx, src, strlen(src), "e", PY_LEX_EXPRESSION, test_realloc, NULL);
        py_lexer_set_position(&lx, 10, 7);
        py_lexer_next(&lx, &t);
        CHECK(t.line == 10 && t.column == 7);
        py_lexer_next(&lx, &t);
        CHECK(t.line == 10 && t.column == 9);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_NAME && t.line == 11 && t.column == 1);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_ENDMARKER);
        py_lexer_free(&lx);
    }
    end_case();
}

/* ---- errors and incomplete input ---- */

static void test_incomplete(void) {
    LEX_CASE("open paren at EOF", "x = (1,\n2", "x = ( i:1 , i:2 ERR+('(' was never closed)@1:5");
    LEX_CASE("open bracket at EOF", "[", "[ ERR+('[' was never closed)@1:1");
    LEX_CASE("nested open brackets report the outermost", "f(a, [1,\n",
             "f ( a , [ i:1 , ERR+('(' was never closed)@1:2");
    LEX_CASE("triple-quoted string at EOF", "x = \"\"\"doc\nmore\n",
             "x = ERR+(unterminated triple-quoted string literal)@1:5");
    LEX_CASE("trailing backslash at EOF", "x = 1 + \\",
             "x = i:1 + ERR+(unexpected end of input after line "
             "continuation)@1:9");
    LEX_CASE("backslash newline at EOF", "x = 1 + \\\n",
             "x = i:1 + ERR+(unexpected end of input after line "
             "continuation)@2:1");
    LEX_CASE("single-quoted string at EOF is an error", "x = 'ab",
             "x = ERR(unterminated string literal)@1:5");
    LEX_CASE("colon at EOF is complete for the lexer", "if x:\n", "if x : NL END");

    begin_case("errors are sticky");
    {
        py_lexer lx;
        py_lex_token t;
        const char *src = "a $ b";
        py_lexer_init(&lx, src, strlen(src), "e", 0, test_realloc, NULL);
        py_lexer_next(&lx, &t);
        CHECK(py_lexer_next(&lx, &t) == PY_TOK_ERROR);
        CHECK(py_lexer_next(&lx, &t) == PY_TOK_ERROR);
        CHECK(t.error == PY_LEX_ERR_SYNTAX && t.line == 1 && t.column == 3);
        CHECK(t.text[t.len] == '\0');
        py_lexer_free(&lx);
    }
    end_case();

    begin_case("null byte in source");
    CHECK_STR(lex_flags("a\0b", 3, 0), "a ERR(source code cannot contain null bytes)@1:2");
    end_case();
    begin_case("null byte in string");
    CHECK_STR(lex_flags("'a\0'", 4, 0), "ERR(source code cannot contain null bytes)@1:1");
    end_case();
    begin_case("null byte in comment is skipped with the comment");
    CHECK_STR(lex_flags("a # \0\nb", 7, 0), "a NL b NL END");
    end_case();
    begin_case("null byte in middle of buffer");
    CHECK_STR(lex_flags("x = 1\0", 6, 0), "x = i:1 ERR(source code cannot contain null bytes)@1:6");
    end_case();
    begin_case("length, not NUL, ends input");
    CHECK_STR(lex_flags("abc def", 3, 0), "abc NL END");
    end_case();
    LEX_CASE("error line number", "a\nb\n  c", "a NL b NL IN c NL DE END");
    LEX_CASE("error on later line", "a\nb\nc $", "a NL b NL c ERR(invalid syntax)@3:3");
}

/* ---- f-strings ---- */

/* Dump an f-string body: literals as "text", fields as {expr!c=:spec}
   with the spec split recursively. */
static void dump_pieces(dump *d, const char *body, bool raw, bool is_spec) {
    py_lex_fstring fs;
    py_lex_fpiece p;
    py_lex_fstring_init(&fs, body, strlen(body), raw, is_spec, test_realloc, NULL);
    for (int i = 0; i < 50; i++) {
        py_lex_fstring_next(&fs, &p);
        if (p.kind == PY_FPIECE_END)
            break;
        if (d->len)
            dump_add(d, " ");
        if (p.kind == PY_FPIECE_ERROR) {
            dump_add(d, "ERR(%.*s)", (int)p.len, p.text);
            break;
        }
        if (p.kind == PY_FPIECE_LITERAL) {
            dump_add(d, "\"");
            dump_escaped(d, p.text, p.len);
            dump_add(d, "\"");
            continue;
        }
        dump_add(d, "{%.*s", (int)p.len, p.text);
        if (p.self_documenting)
            dump_add(d, "=[%.*s]", (int)p.debug_len, p.debug_text);
        if (p.conversion)
            dump_add(d, "!%c", p.conversion);
        if (p.has_spec) {
            char spec[256];
            dump inner;
            inner.len = 0;
            inner.text[0] = '\0';
            snprintf(spec, sizeof spec, "%.*s", (int)p.spec_len, p.spec);
            dump_add(d, ":<");
            dump_pieces(&inner, spec, raw, true);
            dump_add(d, "%s>", inner.text);
        }
        dump_add(d, "}");
    }
    py_lex_fstring_free(&fs);
}

static const char *fsplit(const char *body, bool raw) {
    static dump d;
    d.len = 0;
    d.text[0] = '\0';
    dump_pieces(&d, body, raw, false);
    return d.text;
}

#define FSTR_CASE(name, body, raw, want)                                                           \
    do {                                                                                           \
        begin_case("f-string %s", name);                                                           \
        CHECK_STR(fsplit(body, raw), want);                                                        \
        end_case();                                                                                \
    } while (0)

static void test_fstrings(void) {
    FSTR_CASE("empty", "", false, "");
    FSTR_CASE("literal only", "abc", false, "\"abc\"");
    FSTR_CASE("one field", "{x}", false, "{x}");
    FSTR_CASE("text and fields", "a{x}b{y}c", false, "\"a\" {x} \"b\" {y} \"c\"");
    FSTR_CASE("doubled braces", "{{x}} {{", false, "\"{x} {\"");
    FSTR_CASE("escapes in literal", "a\\n\\x41\\u00e9", false, "\"a\\nA\\xc3\\xa9\"");
    FSTR_CASE("raw keeps backslashes", "a\\n{x}", true, "\"a\\\\n\" {x}");
    FSTR_CASE("backslash before brace", "\\{x}", false, "\"\\\\\" {x}");
    FSTR_CASE("conversion r", "{x!r}", false, "{x!r}");
    FSTR_CASE("conversion s and a", "{x!s}{y!a}", false, "{x!s} {y!a}");
    FSTR_CASE("format spec", "{x:>10}", false, "{x:<\">10\">}");
    FSTR_CASE("conversion and spec", "{x!r:^5}", false, "{x!r:<\"^5\">}");
    FSTR_CASE("nested field in spec", "{x:{w}.{p}f}", false, "{x:<{w} \".\" {p} \"f\">}");
    FSTR_CASE("empty spec", "{x:}", false, "{x:<>}");
    FSTR_CASE("self-documenting", "{x=}", false, "{x=[x=]}");
    FSTR_CASE("self-documenting spaces", "{ x = }", false, "{ x =[ x = ]}");
    FSTR_CASE("self-documenting with conversion", "{x=!s}", false, "{x=[x=]!s}");
    FSTR_CASE("self-documenting with spec", "{x=:>4}", false, "{x=[x=]:<\">4\">}");
    FSTR_CASE("comparisons are not self-documenting", "{a==b}{a!=b}{a<=b}{a>=b}", false,
              "{a==b} {a!=b} {a<=b} {a>=b}");
    FSTR_CASE("colon-equals is a spec", "{x:=5}", false, "{x:<\"=5\">}");
    FSTR_CASE("walrus in parens", "{(x:=5)}", false, "{(x:=5)}");
    FSTR_CASE("slice in brackets", "{a[1:2]}", false, "{a[1:2]}");
    FSTR_CASE("dict in braces", "{ {'a': 1}['a'] }", false, "{ {'a': 1}['a'] }");
    FSTR_CASE("call with keyword", "{f(a=1)}", false, "{f(a=1)}");
    FSTR_CASE("lambda in parens", "{(lambda x: x)(1)}", false, "{(lambda x: x)(1)}");
    FSTR_CASE("nested string with brace", "{'}'}", false, "{'}'}");
    FSTR_CASE("nested string with colon", "{d[\"a:b\"]}", false, "{d[\"a:b\"]}");
    FSTR_CASE("nested triple string", "{'''a'b'''}", false, "{'''a'b'''}");
    FSTR_CASE("bang inside string", "{'!'}", false, "{'!'}");
    FSTR_CASE("spec may hold quotes", "{x:'>10}", false, "{x:<\"'>10\">}");
    FSTR_CASE("escapes in spec", "{x:\\x41}", false, "{x:<\"A\">}");

    FSTR_CASE("single close brace", "a}b", false, "ERR(f-string: single '}' is not allowed)");
    FSTR_CASE("unclosed field", "{x", false, "ERR(f-string: expecting '}')");
    FSTR_CASE("unclosed field at brace", "a{", false, "\"a\" ERR(f-string: expecting '}')");
    FSTR_CASE("empty expression", "{}", false, "ERR(f-string: empty expression not allowed)");
    FSTR_CASE("blank expression", "{  }", false, "ERR(f-string: empty expression not allowed)");
    FSTR_CASE("empty before conversion", "{!r}", false,
              "ERR(f-string: empty expression not allowed)");
    FSTR_CASE("bad conversion", "{x!z}", false,
              "ERR(f-string: invalid conversion character: expected 's', "
              "'r', or 'a')");
    FSTR_CASE("conversion then junk", "{x!rr}", false, "ERR(f-string: expecting '}')");
    FSTR_CASE("backslash in expression", "{'\\n'}", false,
              "ERR(f-string expression part cannot include a backslash)");
    FSTR_CASE("backslash outside string in expression", "{a\\b}", false,
              "ERR(f-string expression part cannot include a backslash)");
    FSTR_CASE("comment in expression", "{a#b}", false,
              "ERR(f-string expression part cannot include '#')");
    FSTR_CASE("unterminated nested string", "{'abc}", false, "ERR(f-string: unterminated string)");
    FSTR_CASE("unmatched paren", "{a)}", false, "ERR(f-string: unmatched ')')");
    FSTR_CASE("too deep", "{x:{y:{z}}}", false,
              "{x:<ERR(f-string: expressions nested too deeply)>}");
    FSTR_CASE("self-doc then junk", "{x= y}", false, "ERR(f-string: expecting '}')");
    FSTR_CASE("bad escape in literal", "\\x4{y}", false, "ERR(truncated \\xXX escape)");
    FSTR_CASE("\\N rejected", "\\N{DASH}", false, "ERR(\\N{...} escapes are not supported)");

    begin_case("f-string piece lines and columns");
    {
        const char *body = "ab\n{x}\ncd {\n y} {z!r:{w}}";
        py_lex_fstring fs;
        py_lex_fpiece p;
        py_lex_fstring_init(&fs, body, strlen(body), false, false, test_realloc, NULL);
        py_lex_fstring_next(&fs, &p);
        CHECK(p.kind == PY_FPIECE_LITERAL && p.line == 0 && p.len == 3);
        py_lex_fstring_next(&fs, &p);
        CHECK(p.kind == PY_FPIECE_FIELD && p.line == 1 && p.column == 1);
        CHECK(p.text == body + 4 && p.len == 1);
        py_lex_fstring_next(&fs, &p);
        CHECK(p.kind == PY_FPIECE_LITERAL && p.line == 1 && p.len == 4);
        py_lex_fstring_next(&fs, &p);
        CHECK(p.kind == PY_FPIECE_FIELD && p.line == 2 && p.column == 4);
        CHECK(p.len == 3 && memcmp(p.text, "\n y", 3) == 0);
        py_lex_fstring_next(&fs, &p);
        CHECK(p.kind == PY_FPIECE_LITERAL && p.line == 3 && p.len == 1);
        py_lex_fstring_next(&fs, &p);
        CHECK(p.kind == PY_FPIECE_FIELD && p.line == 3 && p.conversion == 'r');
        CHECK(p.has_spec && p.spec_len == 3 && memcmp(p.spec, "{w}", 3) == 0);
        CHECK(py_lex_fstring_next(&fs, &p) == PY_FPIECE_END);
        CHECK(py_lex_fstring_next(&fs, &p) == PY_FPIECE_END);
        py_lex_fstring_free(&fs);
    }
    end_case();

    begin_case("f-string CRLF in literal");
    CHECK_STR(fsplit("a\r\nb{x}\rc", false), "\"a\\nb\" {x} \"\\nc\"");
    end_case();

    begin_case("f-string errors are sticky");
    {
        py_lex_fstring fs;
        py_lex_fpiece p;
        py_lex_fstring_init(&fs, "}", 1, false, false, test_realloc, NULL);
        CHECK(py_lex_fstring_next(&fs, &p) == PY_FPIECE_ERROR);
        CHECK(py_lex_fstring_next(&fs, &p) == PY_FPIECE_ERROR);
        CHECK(p.text && p.len > 0);
        py_lex_fstring_free(&fs);
    }
    end_case();

    begin_case("f-string field re-lexed in expression mode");
    {
        const char *src = "f'''{a +\n b[1]}'''";
        py_lexer lx;
        py_lex_token t;
        py_lexer_init(&lx, src, strlen(src), "f", 0, test_realloc, NULL);
        py_lexer_next(&lx, &t);
        CHECK(t.kind == PY_TOK_STRING && t.string_kind == PY_STR_FSTRING);
        py_lex_fstring fs;
        py_lex_fpiece p;
        py_lex_fstring_init(&fs, t.text, t.len, t.raw, false, test_realloc, NULL);
        CHECK(py_lex_fstring_next(&fs, &p) == PY_FPIECE_FIELD);
        CHECK_STR(lex_flags(p.text, p.len, PY_LEX_EXPRESSION), "a + b [ i:1 ] END");
        py_lex_fstring_free(&fs);
        py_lexer_free(&lx);
    }
    end_case();
}

/* ---- memory ---- */

static void test_memory(void) {
    begin_case("allocator failure gives a memory error");
    {
        py_lexer lx;
        py_lex_token t;
        const char *src = "x = 'hello'";
        allocs_left = 0;
        py_lexer_init(&lx, src, strlen(src), "m", 0, test_realloc, NULL);
        py_lexer_next(&lx, &t);
        py_lexer_next(&lx, &t);
        CHECK(py_lexer_next(&lx, &t) == PY_TOK_ERROR);
        CHECK(t.error == PY_LEX_ERR_MEMORY);
        py_lexer_free(&lx);
        allocs_left = -1;
    }
    end_case();

    begin_case("no allocator gives a memory error for strings only");
    CHECK_STR(lex_flags("a 'b'", 5, 0), "a s\"b\" NL END");
    {
        py_lexer lx;
        py_lex_token t;
        py_lexer_init(&lx, "a + f'{b}' 'c'", 14, "m", 0, NULL, NULL);
        CHECK(py_lexer_next(&lx, &t) == PY_TOK_NAME);
        CHECK(py_lexer_next(&lx, &t) == PY_TOK_PLUS);
        CHECK(py_lexer_next(&lx, &t) == PY_TOK_STRING);
        CHECK(py_lexer_next(&lx, &t) == PY_TOK_ERROR);
        CHECK(t.error == PY_LEX_ERR_MEMORY);
        py_lexer_free(&lx);
    }
    end_case();

    begin_case("allocator that longjmps leaves a usable lexer");
    {
        py_lexer lx;
        py_lex_token t;
        const char *src = "'short' '0123456789012345678901234567890123456789"
                          "0123456789012345678901234567890123456789' x";
        volatile int jumped = 0;
        py_lexer_init(&lx, src, strlen(src), "m", 0, test_realloc, NULL);
        CHECK(py_lexer_next(&lx, &t) == PY_TOK_STRING);
        allocs_left = 0;
        oom_longjmp = true;
        if (setjmp(oom_jump) == 0)
            py_lexer_next(&lx, &t);
        else
            jumped = 1;
        allocs_left = -1;
        oom_longjmp = false;
        CHECK(jumped);
        CHECK(lx.buf != NULL && lx.buf_cap >= 64);
        py_lexer_free(&lx);
        CHECK(bytes_live == 0);
    }
    end_case();

    begin_case("100 KB source needs memory in proportion to its largest "
               "token");
    {
        size_t cap = 100 * 1024, n = 0;
        char *src = malloc(cap + 64);
        int lines = 0;
        while (n < cap) {
            n += (size_t)sprintf(src + n, "x%d = 'string number %d' + f'{y}' # c\n", lines, lines);
            lines++;
        }
        py_lexer lx;
        py_lex_token t;
        int tokens = 0;
        bytes_peak = bytes_live = 0;
        py_lexer_init(&lx, src, n, "big", 0, test_realloc, NULL);
        do {
            py_lexer_next(&lx, &t);
            tokens++;
        } while (t.kind != PY_TOK_ENDMARKER && t.kind != PY_TOK_ERROR);
        CHECK(t.kind == PY_TOK_ENDMARKER);
        CHECK(tokens == lines * 6 + 1);
        CHECK(t.line == (uint32_t)lines + 1);
        CHECK(bytes_peak <= 64);
        py_lexer_free(&lx);
        CHECK(bytes_live == 0);
        free(src);
    }
    end_case();

    begin_case("buffer grows for a long string");
    {
        size_t len = 20000;
        char *src = malloc(len + 3);
        src[0] = '\'';
        memset(src + 1, 'a', len);
        src[len + 1] = '\'';
        src[len + 2] = '\0';
        py_lexer lx;
        py_lex_token t;
        py_lexer_init(&lx, src, len + 2, "big", 0, test_realloc, NULL);
        CHECK(py_lexer_next(&lx, &t) == PY_TOK_STRING);
        CHECK(t.len == len && t.text[len - 1] == 'a' && t.text[len] == 0);
        CHECK(lx.buf_cap <= 2 * (len + 1));
        py_lexer_free(&lx);
        free(src);
    }
    end_case();
}

/* ---- a realistic snippet ---- */

static void test_program(void) {
    LEX_CASE("small program",
             "import sys\n"
             "\n"
             "async def main(*args, key=None, **kw) -> int:\n"
             "    \"\"\"Doc.\"\"\"\n"
             "    async with lock:\n"
             "        await x\n"
             "    for i in range(10):  # loop\n"
             "        if i % 2 == 0 and not done:\n"
             "            continue\n"
             "        elif (n := i) >= 5:\n"
             "            break\n"
             "    return f'{n!r:>{w}}'\n",
             "import sys NL async def main ( * args , key = None , ** kw ) "
             "-> int : NL IN s\"Doc.\" NL async with lock : NL IN await x NL "
             "DE for i in range ( i:10 ) : NL IN if i % i:2 == i:0 and not "
             "done : NL IN continue NL DE elif ( n := i ) >= i:5 : NL IN "
             "break NL DE DE return f\"{n!r:>{w}}\" NL DE END");
    LEX_CASE("lambda and yield",
             "g = lambda: (yield from x)\nnonlocal a; global b\n"
             "del c[0]\nraise E from e\nassert a is not b, 'm'\n",
             "g = lambda : ( yield from x ) NL nonlocal a ; global b NL del "
             "c [ i:0 ] NL raise E from e NL assert a is not b , s\"m\" NL "
             "END");
    LEX_CASE("try statement", "try:\n    pass\nexcept E as e:\n    pass\nfinally:\n    pass\n",
             "try : NL IN pass NL DE except E as e : NL IN pass NL DE "
             "finally : NL IN pass NL DE END");
    LEX_CASE("positional-only and keyword-only", "def f(a, /, b, *, c): pass",
             "def f ( a , / , b , * , c ) : pass NL END");
}

int main(int argc, char **argv) {
    results = stdout;
    if (argc > 1) {
        results = fopen(argv[1], "w");
        if (!results) {
            perror(argv[1]);
            return 1;
        }
    }
    test_keywords();
    test_operators();
    test_names();
    test_numbers();
    test_strings();
    test_layout();
    test_incomplete();
    test_fstrings();
    test_memory();
    test_program();
    if (results != stdout)
        fclose(results);
    fprintf(stderr, "lexer: %d passed, %d failed\n", cases_passed, cases_failed);
    return 0;
}
