/*
 * lexer.h: turns Python source text into tokens, one at a time.
 *
 * The lexer is standalone: it needs nothing but the C library and an allocator
 * callback for the one growable buffer that holds decoded string contents.
 * It produces the token stream the Python grammar expects (NEWLINE, INDENT,
 * DEDENT, ENDMARKER included) and reports problems as ERROR tokens instead of
 * printing or aborting. F-strings come out as one token holding the raw body;
 * py_lex_fstring_next() then splits that body into literal pieces and
 * replacement fields, whose expression text the parser lexes again.
 *
 * Lifetimes: NAME and NUMBER text, f-string bodies and f-string field slices
 * point into the caller's source buffer. Decoded STRING contents live in the
 * lexer's buffer and stay valid only until the next py_lexer_next() call.
 */
#ifndef PY_LEXER_H
#define PY_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum py_lex_kind {
    PY_TOK_ENDMARKER,
    PY_TOK_NEWLINE,
    PY_TOK_INDENT,
    PY_TOK_DEDENT,
    PY_TOK_NAME,
    PY_TOK_NUMBER,
    PY_TOK_STRING,
    PY_TOK_ERROR,

    /* keywords, alphabetical */
    PY_TOK_KW_FALSE,
    PY_TOK_KW_NONE,
    PY_TOK_KW_TRUE,
    PY_TOK_KW_AND,
    PY_TOK_KW_AS,
    PY_TOK_KW_ASSERT,
    PY_TOK_KW_ASYNC,
    PY_TOK_KW_AWAIT,
    PY_TOK_KW_BREAK,
    PY_TOK_KW_CLASS,
    PY_TOK_KW_CONTINUE,
    PY_TOK_KW_DEF,
    PY_TOK_KW_DEL,
    PY_TOK_KW_ELIF,
    PY_TOK_KW_ELSE,
    PY_TOK_KW_EXCEPT,
    PY_TOK_KW_FINALLY,
    PY_TOK_KW_FOR,
    PY_TOK_KW_FROM,
    PY_TOK_KW_GLOBAL,
    PY_TOK_KW_IF,
    PY_TOK_KW_IMPORT,
    PY_TOK_KW_IN,
    PY_TOK_KW_IS,
    PY_TOK_KW_LAMBDA,
    PY_TOK_KW_NONLOCAL,
    PY_TOK_KW_NOT,
    PY_TOK_KW_OR,
    PY_TOK_KW_PASS,
    PY_TOK_KW_RAISE,
    PY_TOK_KW_RETURN,
    PY_TOK_KW_TRY,
    PY_TOK_KW_WHILE,
    PY_TOK_KW_WITH,
    PY_TOK_KW_YIELD,

    /* delimiters */
    PY_TOK_LPAREN,    /* ( */
    PY_TOK_RPAREN,    /* ) */
    PY_TOK_LBRACKET,  /* [ */
    PY_TOK_RBRACKET,  /* ] */
    PY_TOK_LBRACE,    /* { */
    PY_TOK_RBRACE,    /* } */
    PY_TOK_COMMA,     /* , */
    PY_TOK_COLON,     /* : */
    PY_TOK_SEMICOLON, /* ; */
    PY_TOK_DOT,       /* . */
    PY_TOK_ELLIPSIS,  /* ... */
    PY_TOK_ARROW,     /* -> */
    PY_TOK_ASSIGN,    /* = */
    PY_TOK_WALRUS,    /* := */

    /* operators */
    PY_TOK_PLUS,         /* + */
    PY_TOK_MINUS,        /* - */
    PY_TOK_STAR,         /* * */
    PY_TOK_DOUBLESTAR,   /* ** */
    PY_TOK_SLASH,        /* / */
    PY_TOK_DOUBLESLASH,  /* // */
    PY_TOK_PERCENT,      /* % */
    PY_TOK_AT,           /* @ */
    PY_TOK_LSHIFT,       /* << */
    PY_TOK_RSHIFT,       /* >> */
    PY_TOK_AMPER,        /* & */
    PY_TOK_VBAR,         /* | */
    PY_TOK_CIRCUMFLEX,   /* ^ */
    PY_TOK_TILDE,        /* ~ */
    PY_TOK_LESS,         /* < */
    PY_TOK_GREATER,      /* > */
    PY_TOK_LESSEQUAL,    /* <= */
    PY_TOK_GREATEREQUAL, /* >= */
    PY_TOK_EQEQUAL,      /* == */
    PY_TOK_NOTEQUAL,     /* != */

    /* augmented assignment: same order as the binary operators above */
    PY_TOK_PLUSEQUAL,        /* += */
    PY_TOK_MINUSEQUAL,       /* -= */
    PY_TOK_STAREQUAL,        /* *= */
    PY_TOK_DOUBLESTAREQUAL,  /* **= */
    PY_TOK_SLASHEQUAL,       /* /= */
    PY_TOK_DOUBLESLASHEQUAL, /* //= */
    PY_TOK_PERCENTEQUAL,     /* %= */
    PY_TOK_ATEQUAL,          /* @= */
    PY_TOK_LSHIFTEQUAL,      /* <<= */
    PY_TOK_RSHIFTEQUAL,      /* >>= */
    PY_TOK_AMPEREQUAL,       /* &= */
    PY_TOK_VBAREQUAL,        /* |= */
    PY_TOK_CIRCUMFLEXEQUAL,  /* ^= */

    PY_TOK_COUNT_
} py_lex_kind;

#define PY_TOK_FIRST_KEYWORD PY_TOK_KW_FALSE
#define PY_TOK_LAST_KEYWORD PY_TOK_KW_YIELD

/* For NUMBER tokens: the literal's type. Conversion is the parser's job. */
typedef enum py_lex_number_kind { PY_NUM_INT, PY_NUM_FLOAT, PY_NUM_IMAG } py_lex_number_kind;

/* For STRING tokens: which kind of literal. */
typedef enum py_lex_string_kind {
    PY_STR_TEXT,   /* '...', u'...', r'...': decoded UTF-8 text */
    PY_STR_BYTES,  /* b'...', rb'...': decoded bytes */
    PY_STR_FSTRING /* f'...', rf'...': raw body, see py_lex_fstring_init */
} py_lex_string_kind;

/* For ERROR tokens: which exception, and whether more input could fix it. */
typedef enum py_lex_error_kind {
    PY_LEX_ERR_NONE,
    PY_LEX_ERR_SYNTAX,     /* SyntaxError */
    PY_LEX_ERR_INDENT,     /* IndentationError */
    PY_LEX_ERR_TAB,        /* TabError */
    PY_LEX_ERR_INCOMPLETE, /* input ended inside a bracket, a triple-quoted
                              string or after a line continuation: a REPL
                              should read another line and try again */
    PY_LEX_ERR_MEMORY      /* the allocator returned NULL */
} py_lex_error_kind;

typedef struct py_lex_token {
    py_lex_kind kind;
    uint32_t line;     /* 1-based line where the token starts */
    uint32_t column;   /* 1-based byte column where the token starts */
    const char *start; /* token's first byte in the source (NULL for
                          ENDMARKER, DEDENT and the final NEWLINE) */
    /* NAME, NUMBER: the source text. STRING: decoded contents (text or
       bytes, with a NUL after them), or the raw body for an f-string.
       ERROR: the message, NUL-terminated. Otherwise NULL/0. */
    const char *text;
    size_t len;
    py_lex_number_kind number_kind; /* NUMBER only */
    py_lex_string_kind string_kind; /* STRING only */
    bool raw;                       /* STRING: had an r prefix */
    bool triple;                    /* STRING: was triple-quoted */
    py_lex_error_kind error;        /* ERROR only */
} py_lex_token;

/* The allocator: like realloc, with the old size given. new_size 0 frees.
   It may return NULL (the lexer then reports PY_LEX_ERR_MEMORY) or longjmp;
   the lexer stays consistent either way and py_lexer_free still works. */
typedef void *(*py_lex_realloc_fn)(void *ctx, void *old, size_t old_size, size_t new_size);

/* Lex a lone expression (an f-string field): no INDENT, NEWLINE or DEDENT,
   line breaks are ignored as if inside brackets. */
#define PY_LEX_EXPRESSION 1u

#define PY_LEX_MAX_INDENT 100 /* nesting of indented blocks */
#define PY_LEX_MAX_PAREN 200  /* nesting of (), [] and {} */

typedef struct py_lexer {
    const char *src;
    const char *end;
    const char *pos;
    const char *line_start; /* first byte of the line holding pos */
    const char *source_name;
    uint32_t line;
    uint32_t column_base;         /* added to columns on the line below */
    const char *column_base_line; /* line_start when set_position ran */
    unsigned flags;
    bool at_line_start;      /* next token starts a logical line */
    bool line_has_tokens;    /* the current logical line produced a token */
    bool finished;           /* ENDMARKER was returned */
    bool after_continuation; /* a backslash joined lines; no token since */
    int pending_dedents;
    int indent_depth;
    uint16_t indent_cols[PY_LEX_MAX_INDENT + 1];     /* tabs to 8 */
    uint16_t indent_alt_cols[PY_LEX_MAX_INDENT + 1]; /* tabs to 1 */
    int paren_depth;
    char paren_stack[PY_LEX_MAX_PAREN];
    uint32_t outer_paren_line; /* where the outermost open bracket is */
    uint32_t outer_paren_column;
    py_lex_token error_token; /* an error is sticky: returned again */
    char error_text[128];
    char *buf;
    size_t buf_cap;
    py_lex_realloc_fn realloc_fn;
    void *alloc_ctx;
} py_lexer;

void py_lexer_init(py_lexer *lx, const char *src, size_t len, const char *source_name,
                   unsigned flags, py_lex_realloc_fn realloc_fn, void *alloc_ctx);

/* Make the next token's line and column start at (line, column); used when
   lexing a piece of a larger source, such as an f-string field. */
void py_lexer_set_position(py_lexer *lx, uint32_t line, uint32_t column);

/* Produce the next token into *tok and return its kind. After ENDMARKER or
   ERROR the same token is returned again. */
py_lex_kind py_lexer_next(py_lexer *lx, py_lex_token *tok);

/* Release the string buffer. */
void py_lexer_free(py_lexer *lx);

/* A short human-readable name: "'if'", "'+='", "NAME", "NEWLINE" ... */
const char *py_lex_kind_name(py_lex_kind kind);

/* ---- f-strings ---- */

typedef enum py_lex_fpiece_kind {
    PY_FPIECE_END,
    PY_FPIECE_LITERAL, /* text/len: decoded literal text */
    PY_FPIECE_FIELD,   /* a {replacement field} */
    PY_FPIECE_ERROR    /* text/len: the message (f-string errors are
                          SyntaxErrors) */
} py_lex_fpiece_kind;

typedef struct py_lex_fpiece {
    py_lex_fpiece_kind kind;
    const char *text; /* LITERAL: decoded text; FIELD: expression source;
                         ERROR: message */
    size_t len;
    char conversion;       /* FIELD: 'r', 's', 'a', or 0 for none */
    bool self_documenting; /* FIELD: written as {expr=} */
    /* FIELD with '=': the text to print before the value: everything from
       after '{' up to and including '=' and the whitespace after it */
    const char *debug_text;
    size_t debug_len;
    bool has_spec;    /* FIELD: a ':' format spec followed */
    const char *spec; /* FIELD: raw spec text; split it again with
                         py_lex_fstring_init(..., is_spec = true) */
    size_t spec_len;
    uint32_t line;   /* 0-based line offset of the piece's first byte in the
                        body (the expression's for a FIELD) */
    uint32_t column; /* 0-based byte column of that byte within its line;
                        on the first line, counted from the body start */
} py_lex_fpiece;

typedef struct py_lex_fstring {
    const char *pos;
    const char *end;
    const char *line_start;
    uint32_t line;
    bool raw;
    bool is_spec;
    bool failed;
    const char *error;
    char *buf;
    size_t buf_cap;
    py_lex_realloc_fn realloc_fn;
    void *alloc_ctx;
} py_lex_fstring;

/* body/len is an f-string token's text (or a field's spec); raw is the
   token's raw flag (inherit it for specs). */
void py_lex_fstring_init(py_lex_fstring *fs, const char *body, size_t len, bool raw, bool is_spec,
                         py_lex_realloc_fn realloc_fn, void *alloc_ctx);

/* Next piece; decoded LITERAL text is valid until the next call. After END
   or ERROR the same kind is returned again. */
py_lex_fpiece_kind py_lex_fstring_next(py_lex_fstring *fs, py_lex_fpiece *piece);

void py_lex_fstring_free(py_lex_fstring *fs);

#endif
