/*
 * parse.c: Python source to a syntax tree (ast.h), by recursive descent.
 *
 * One function per grammar rule, one token of lookahead. Operator chains
 * (a + b - c, not not x, -x ** -y, a if b else c if d else e) are built in
 * loops rather than by recursion, so only brackets, lambdas, f-string fields
 * and nested blocks make the C stack grow; each of those paths calls
 * py_stack_check, and the lexer caps bracket nesting and indentation.
 *
 * Checks that need the whole tree or scopes (assignment targets, argument
 * order, duplicate parameters, return outside a function...) belong to the
 * compiler; the parser only enforces the grammar.
 */
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "lexer.h"

/* Keeps rarely used locals (number buffers, string pieces) out of the frames
   of the recursive functions that would otherwise inline them. */
#if defined(__GNUC__)
#define NOT_INLINED __attribute__((noinline))
#else
#define NOT_INLINED
#endif

typedef py_parser parser;

typedef struct node_list {
    py_node *head, *tail;
} node_list;

static py_node *parse_test(parser *p);
static py_node *parse_namedexpr(parser *p);
static py_node *parse_or(parser *p);
static py_node *parse_bitor(parser *p);
static py_node *parse_star_or_test(parser *p);
static py_node *parse_testlist_star(parser *p);
static py_node *parse_yield(parser *p);
static py_node *parse_statement(parser *p);
static py_node *parse_suite(parser *p);
static py_node *parse_comp_for(parser *p);
static py_node *parse_call_args(parser *p);
static py_node *parse_arguments(parser *p, bool is_lambda);

/* ---- errors ---- */

static _Noreturn void raise_error(parser *p, const py_type *type, uint32_t line, const char *msg) {
    if (type == &py_type_SyntaxError)
        py_raise_syntax_error(p->filename, line, msg);
    py_val text = py_str_from_cstr(msg);
    py_val exc = py_exc_new(type, 1, &text);
    py_exc_add_traceback(exc, p->filename, line, Q_NULL);
    py_raise(exc);
}

static _Noreturn void error_at(parser *p, uint32_t line, const char *msg) {
    raise_error(p, &py_type_SyntaxError, line, msg);
}

/* Is the current token one the lexer made because the input ran out? */
static bool at_end_of_input(const parser *p) {
    return p->tok.kind == PY_TOK_ENDMARKER ||
           (p->tok.kind == PY_TOK_DEDENT && p->lx.pos >= p->lx.end);
}

/* The line to blame for an error at the current token. The end of input
   sits on the line after a final line break; blame the last line instead. */
static uint32_t error_line(const parser *p) {
    uint32_t line = p->tok.line;
    const py_lexer *lx = &p->lx;
    if (at_end_of_input(p) && line > 1 && lx->end > lx->src &&
        (lx->end[-1] == '\n' || lx->end[-1] == '\r'))
        line--;
    return line;
}

/* An error that more input would cure when it happens at the very end. */
static _Noreturn void error_unless_more(parser *p, const py_type *type, const char *msg) {
    if (p->incomplete && at_end_of_input(p))
        *p->incomplete = true;
    raise_error(p, type, error_line(p), msg);
}

static _Noreturn void lexer_error(parser *p);

/* A grammar error. A lexical error further on (a bracket never closed, a
   string never ended) usually explains it better, so that one is reported
   instead, as Python does; it is final even if it is at the very end.
   Indentation further on is not to blame. */
static _Noreturn void invalid_syntax(parser *p) {
    uint32_t line = error_line(p);
    py_lex_token t;
    while (py_lexer_next(&p->lx, &t) != PY_TOK_ENDMARKER) {
        if (t.kind != PY_TOK_ERROR)
            continue;
        if (t.error == PY_LEX_ERR_INDENT || t.error == PY_LEX_ERR_TAB)
            break;
        p->tok = t;
        p->incomplete = NULL;
        lexer_error(p);
    }
    error_at(p, line, "invalid syntax");
}

static _Noreturn void lexer_error(parser *p) {
    const py_lex_token *t = &p->tok;
    switch (t->error) {
    case PY_LEX_ERR_MEMORY:
        py_raise_memory_error();
    case PY_LEX_ERR_INDENT:
    case PY_LEX_ERR_TAB:
        raise_error(p, &py_type_IndentationError, t->line, t->text);
    case PY_LEX_ERR_INCOMPLETE:
        if (p->incomplete)
            *p->incomplete = true;
        /* fall through */
    default:
        error_at(p, t->line, t->text);
    }
}

/* ---- tokens ---- */

/* The lexer's buffers live on the GC heap like everything else. */
static void *lexer_realloc(void *ctx, void *old, size_t old_size, size_t new_size) {
    (void)ctx;
    (void)old_size;
    if (new_size == 0) {
        if (old)
            py_gc_free(old);
        return NULL;
    }
    if (!old)
        return py_gc_alloc_flags(new_size, PY_GC_LEAF);
    return py_gc_realloc(old, new_size);
}

static void advance(parser *p) {
    if (py_lexer_next(&p->lx, &p->tok) == PY_TOK_ERROR)
        lexer_error(p);
}

static bool at(const parser *p, py_lex_kind kind) { return p->tok.kind == kind; }

static bool accept(parser *p, py_lex_kind kind) {
    if (p->tok.kind != kind)
        return false;
    advance(p);
    return true;
}

static void expect(parser *p, py_lex_kind kind) {
    if (!accept(p, kind))
        invalid_syntax(p);
}

static py_qstr expect_name(parser *p) {
    if (!at(p, PY_TOK_NAME))
        invalid_syntax(p);
    py_qstr q = py_qstr_from(p->tok.text, p->tok.len);
    advance(p);
    return q;
}

/* Can the current token begin an expression (or a starred one)? */
static bool starts_expression(const parser *p) {
    switch (p->tok.kind) {
    case PY_TOK_NAME:
    case PY_TOK_NUMBER:
    case PY_TOK_STRING:
    case PY_TOK_LPAREN:
    case PY_TOK_LBRACKET:
    case PY_TOK_LBRACE:
    case PY_TOK_MINUS:
    case PY_TOK_PLUS:
    case PY_TOK_TILDE:
    case PY_TOK_KW_NOT:
    case PY_TOK_KW_LAMBDA:
    case PY_TOK_KW_AWAIT:
    case PY_TOK_KW_NONE:
    case PY_TOK_KW_TRUE:
    case PY_TOK_KW_FALSE:
    case PY_TOK_ELLIPSIS:
    case PY_TOK_STAR:
        return true;
    default:
        return false;
    }
}

/* ---- nodes ---- */

static py_node *new_node(parser *p, py_node_kind kind, uint32_t line, uint32_t column) {
    py_node *n = py_ast_new(p->arena, kind, line);
    uint32_t col = column > 0 ? column - 1 : 0;
    n->col = (uint16_t)(col > 0xFFFF ? 0xFFFF : col);
    return n;
}

/* A node positioned at the current token. */
static py_node *node_here(parser *p, py_node_kind kind) {
    return new_node(p, kind, p->tok.line, p->tok.column);
}

/* A node positioned where another node starts. */
static py_node *node_from(parser *p, py_node_kind kind, const py_node *first) {
    py_node *n = py_ast_new(p->arena, kind, first->line);
    n->col = first->col;
    return n;
}

static void list_add(node_list *l, py_node *n) {
    if (!n)
        return;
    if (l->head)
        l->tail->next = n;
    else
        l->head = n;
    l->tail = n;
    while (l->tail->next)
        l->tail = l->tail->next;
}

/* ---- constants ---- */

static py_node *const_node(parser *p, py_val value) {
    py_node *n = node_here(p, PY_AST_CONST);
    n->value = value;
    return n;
}

/* A copy of text without '_' separators (and without a trailing j); small
   ones on the stack, long ones in the arena. */
static char *digits_only(parser *p, const char *text, size_t len, char *small, size_t small_size,
                         size_t *out_len) {
    char *out = len < small_size ? small : py_ast_alloc(p->arena, len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] != '_' && text[i] != 'j' && text[i] != 'J')
            out[n++] = text[i];
    out[n] = '\0';
    *out_len = n;
    return out;
}

static py_val int_value(parser *p, const char *text, size_t len) {
    int base = 10;
    if (len >= 2 && text[0] == '0') {
        char c = (char)(text[1] | 0x20);
        base = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 10;
        if (base != 10)
            text += 2, len -= 2;
    }
    unsigned long long v = 0;
    bool overflow = false;
    for (size_t i = 0; i < len && !overflow; i++) {
        char c = text[i];
        unsigned d;
        if (c == '_')
            continue;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else
            d = (unsigned)((c | 0x20) - 'a' + 10);
        if (v > (~0ULL - d) / (unsigned)base)
            overflow = true;
        else
            v = v * (unsigned)base + d;
    }
    if (!overflow)
        return py_int_from_u64(v);
    char small[64];
    size_t n;
    char *digits = digits_only(p, text, len, small, sizeof small, &n);
    return py_int_from_str(digits, n, base);
}

static py_float_t float_value(parser *p, const char *text, size_t len) {
    char small[64];
    size_t n;
    char *digits = digits_only(p, text, len, small, sizeof small, &n);
#if PY_FLOAT_SINGLE
    return strtof(digits, NULL);
#else
    return strtod(digits, NULL);
#endif
}

NOT_INLINED static py_node *parse_number(parser *p) {
    const py_lex_token *t = &p->tok;
    py_val v;
    if (t->number_kind == PY_NUM_INT)
        v = int_value(p, t->text, t->len);
    else if (t->number_kind == PY_NUM_FLOAT)
        v = py_float_new(float_value(p, t->text, t->len));
    else
        v = py_complex_new(0, float_value(p, t->text, t->len));
    py_node *n = const_node(p, v);
    advance(p);
    return n;
}

/* ---- strings ---- */

/* Collects the pieces of adjacent string literals: literal text waits in
   `text` until a replacement field or the end closes it into a part.
   Scratch buffers like `text` are not freed early: they are small and
   short-lived, and an early free only leaves a hole in the heap that later
   allocations have to search past. */
typedef struct string_parts {
    py_buf text;
    bool has_text;
    uint32_t text_line, text_col;
    node_list parts;
    bool has_field;
} string_parts;

static bool is_identifier_like(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    }
    return true;
}

/* Short identifier-like strings are interned: they are usually attribute
   names or dict keys, and a qstr costs no heap object per use. */
static py_val str_value(const char *s, size_t len) {
    if (len == 0)
        return PY_QSTR(Q_);
    if (len <= 32 && is_identifier_like(s, len))
        return PY_QSTR(py_qstr_from(s, len));
    return py_str_new(s, len);
}

static void parts_add_text(string_parts *sp, const char *s, size_t len, uint32_t line,
                           uint32_t col) {
    if (len == 0)
        return;
    if (!sp->has_text) {
        py_buf_init(&sp->text, len);
        sp->has_text = true;
        sp->text_line = line;
        sp->text_col = col;
    }
    py_buf_add(&sp->text, s, len);
}

static void parts_close_text(parser *p, string_parts *sp) {
    if (!sp->has_text)
        return;
    py_node *n = new_node(p, PY_AST_CONST, sp->text_line, sp->text_col);
    n->value = str_value(sp->text.data, sp->text.len);
    sp->has_text = false; /* the scratch text is the collector's now */
    list_add(&sp->parts, n);
}

static void parts_add_node(parser *p, string_parts *sp, py_node *n) {
    parts_close_text(p, sp);
    list_add(&sp->parts, n);
    sp->has_field = true;
}

static void parse_fstring_body(parser *p, string_parts *sp, const char *body, size_t len, bool raw,
                               bool is_spec, uint32_t line, uint32_t col);

/* Parse the expression of an f-string field with a lexer of its own. */
static py_node *parse_field_expression(parser *p, const py_lex_fpiece *piece, uint32_t line,
                                       uint32_t col) {
    parser sub;
    memset(&sub, 0, sizeof sub);
    sub.arena = p->arena;
    sub.filename = p->filename;
    py_lexer_init(&sub.lx, piece->text, piece->len, p->lx.source_name, PY_LEX_EXPRESSION,
                  lexer_realloc, NULL);
    py_lexer_set_position(&sub.lx, line, col);
    advance(&sub);
    py_node *n = at(&sub, PY_TOK_KW_YIELD) ? parse_yield(&sub) : parse_testlist_star(&sub);
    if (!at(&sub, PY_TOK_ENDMARKER))
        invalid_syntax(&sub);
    py_lexer_free(&sub.lx);
    return n;
}

static py_node *parse_field(parser *p, const py_lex_fpiece *piece, bool raw, uint32_t line,
                            uint32_t col) {
    py_node *f = new_node(p, PY_AST_FORMATTED, line, col);
    f->a = parse_field_expression(p, piece, line, col);
    f->op = (uint16_t)piece->conversion;
    if (piece->has_spec) {
        string_parts spec;
        memset(&spec, 0, sizeof spec);
        parse_fstring_body(p, &spec, piece->spec, piece->spec_len, raw, true, line, col);
        parts_close_text(p, &spec);
        f->b = new_node(p, PY_AST_JOINEDSTR, line, col);
        f->b->a = spec.parts.head;
    } else if (piece->self_documenting && !piece->conversion) {
        f->op = 'r'; /* {x=} shows repr(x), as Python does */
    }
    return f;
}

/* Split an f-string body (or a format spec) into parts. line and col are
   where the body starts in the source. */
static void parse_fstring_body(parser *p, string_parts *sp, const char *body, size_t len, bool raw,
                               bool is_spec, uint32_t line, uint32_t col) {
    py_lex_fstring fs;
    py_lex_fpiece piece;
    py_stack_check();
    py_lex_fstring_init(&fs, body, len, raw, is_spec, lexer_realloc, NULL);
    for (;;) {
        py_lex_fpiece_kind kind = py_lex_fstring_next(&fs, &piece);
        uint32_t piece_line = line + piece.line;
        uint32_t piece_col = piece.line == 0 ? col + piece.column : piece.column + 1;
        if (kind == PY_FPIECE_END)
            break;
        if (kind == PY_FPIECE_ERROR) {
            if (piece.len == 13 && memcmp(piece.text, "out of memory", 13) == 0)
                py_raise_memory_error();
            error_at(p, piece_line, piece.text);
        }
        if (kind == PY_FPIECE_LITERAL) {
            parts_add_text(sp, piece.text, piece.len, piece_line, piece_col);
            continue;
        }
        if (piece.self_documenting)
            parts_add_text(sp, piece.debug_text, piece.debug_len, piece_line, piece_col);
        parts_add_node(p, sp, parse_field(p, &piece, raw, piece_line, piece_col));
    }
    py_lex_fstring_free(&fs);
}

NOT_INLINED static py_node *parse_strings(parser *p) {
    uint32_t line = p->tok.line, col = p->tok.column;
    bool is_bytes = p->tok.string_kind == PY_STR_BYTES;
    string_parts sp;
    memset(&sp, 0, sizeof sp);
    /* one plain literal: no copy through the buffer */
    const py_lex_token *t = &p->tok;
    if (t->string_kind != PY_STR_FSTRING) {
        py_val v = is_bytes ? py_bytes_new(t->text, t->len) : str_value(t->text, t->len);
        advance(p);
        if (!at(p, PY_TOK_STRING)) {
            py_node *n = new_node(p, PY_AST_CONST, line, col);
            n->value = v;
            return n;
        }
        const char *data;
        size_t n;
        data = py_str_data(v, &n);
        parts_add_text(&sp, data, n, line, col);
    }
    while (at(p, PY_TOK_STRING)) {
        if ((t->string_kind == PY_STR_BYTES) != is_bytes)
            error_at(p, t->line, "cannot mix bytes and nonbytes literals");
        if (t->string_kind == PY_STR_FSTRING) {
            uint32_t body_col = t->column + (uint32_t)(t->text - t->start);
            parse_fstring_body(p, &sp, t->text, t->len, t->raw, false, t->line, body_col);
        } else {
            parts_add_text(&sp, t->text, t->len, t->line, t->column);
        }
        advance(p);
    }
    py_node *n = new_node(p, PY_AST_CONST, line, col);
    if (is_bytes) {
        n->value = sp.has_text ? py_buf_to_bytes(&sp.text) : py_bytes_new("", 0);
        return n;
    }
    if (!sp.has_field) {
        if (sp.has_text) {
            n->value = str_value(sp.text.data, sp.text.len);
        } else {
            n->value = PY_QSTR(Q_);
        }
        return n;
    }
    parts_close_text(p, &sp);
    n->kind = PY_AST_JOINEDSTR;
    n->a = sp.parts.head;
    return n;
}

/* ---- atoms ---- */

/* Items of a display after its first one, up to the closing token; commas
   between, one trailing comma allowed. */
static void parse_more_items(parser *p, node_list *items, py_lex_kind close) {
    while (accept(p, PY_TOK_COMMA)) {
        if (at(p, close))
            break;
        py_node *item = at(p, PY_TOK_STAR) ? parse_star_or_test(p) : parse_namedexpr(p);
        list_add(items, item);
    }
}

/* An element of a comprehension cannot be *x. */
static void check_comprehension_element(parser *p, const py_node *element) {
    if (element->kind == PY_AST_STARRED)
        error_at(p, element->line, "iterable unpacking cannot be used in comprehension");
}

static py_node *parse_paren(parser *p) {
    uint32_t line = p->tok.line, col = p->tok.column;
    advance(p);
    if (at(p, PY_TOK_RPAREN)) { /* () */
        py_node *empty = new_node(p, PY_AST_TUPLE, line, col);
        empty->flags = PY_AST_FLAG_PARENS;
        advance(p);
        return empty;
    }
    if (at(p, PY_TOK_KW_YIELD)) {
        py_node *y = parse_yield(p);
        expect(p, PY_TOK_RPAREN);
        y->flags |= PY_AST_FLAG_PARENS;
        return y;
    }
    py_node *first = at(p, PY_TOK_STAR) ? parse_star_or_test(p) : parse_namedexpr(p);
    if (at(p, PY_TOK_KW_FOR) || at(p, PY_TOK_KW_ASYNC)) {
        check_comprehension_element(p, first);
        py_node *g = new_node(p, PY_AST_GENEXP, line, col);
        g->a = first;
        g->b = parse_comp_for(p);
        expect(p, PY_TOK_RPAREN);
        g->flags = PY_AST_FLAG_PARENS;
        return g;
    }
    if (!at(p, PY_TOK_COMMA)) {
        expect(p, PY_TOK_RPAREN);
        first->flags |= PY_AST_FLAG_PARENS;
        return first;
    }
    py_node *tuple = new_node(p, PY_AST_TUPLE, line, col);
    tuple->flags = PY_AST_FLAG_PARENS;
    node_list items = {first, first};
    parse_more_items(p, &items, PY_TOK_RPAREN);
    expect(p, PY_TOK_RPAREN);
    tuple->a = items.head;
    return tuple;
}

static py_node *parse_list_display(parser *p) {
    py_node *list = node_here(p, PY_AST_LIST);
    advance(p);
    if (accept(p, PY_TOK_RBRACKET))
        return list;
    py_node *first = at(p, PY_TOK_STAR) ? parse_star_or_test(p) : parse_namedexpr(p);
    if (at(p, PY_TOK_KW_FOR) || at(p, PY_TOK_KW_ASYNC)) {
        check_comprehension_element(p, first);
        list->kind = PY_AST_LISTCOMP;
        list->a = first;
        list->b = parse_comp_for(p);
    } else {
        node_list items = {first, first};
        parse_more_items(p, &items, PY_TOK_RBRACKET);
        list->a = items.head;
    }
    expect(p, PY_TOK_RBRACKET);
    return list;
}

/* One dict item: key: value or **mapping. */
static py_node *parse_dict_item(parser *p) {
    if (at(p, PY_TOK_DOUBLESTAR)) {
        py_node *d = node_here(p, PY_AST_DSTAR);
        advance(p);
        d->a = parse_bitor(p);
        return d;
    }
    py_node *key = parse_test(p);
    expect(p, PY_TOK_COLON);
    py_node *kv = node_from(p, PY_AST_KEYVALUE, key);
    kv->a = key;
    kv->b = parse_test(p);
    return kv;
}

static py_node *parse_brace_display(parser *p) {
    py_node *d = node_here(p, PY_AST_DICT);
    advance(p);
    if (accept(p, PY_TOK_RBRACE))
        return d;
    py_node *first;
    bool is_dict;
    if (at(p, PY_TOK_DOUBLESTAR)) {
        first = parse_dict_item(p);
        is_dict = true;
    } else {
        first = at(p, PY_TOK_STAR) ? parse_star_or_test(p) : parse_namedexpr(p);
        is_dict = at(p, PY_TOK_COLON);
        if (is_dict) {
            advance(p);
            py_node *kv = node_from(p, PY_AST_KEYVALUE, first);
            kv->a = first;
            kv->b = parse_test(p);
            first = kv;
        }
    }
    bool comprehension = at(p, PY_TOK_KW_FOR) || at(p, PY_TOK_KW_ASYNC);
    if (comprehension && first->kind != PY_AST_DSTAR) {
        check_comprehension_element(p, first);
        d->kind = is_dict ? PY_AST_DICTCOMP : PY_AST_SETCOMP;
        d->a = first;
        d->b = parse_comp_for(p);
    } else if (is_dict) {
        node_list items = {first, first};
        while (accept(p, PY_TOK_COMMA) && !at(p, PY_TOK_RBRACE))
            list_add(&items, parse_dict_item(p));
        d->a = items.head;
    } else {
        node_list items = {first, first};
        parse_more_items(p, &items, PY_TOK_RBRACE);
        d->kind = PY_AST_SET;
        d->a = items.head;
    }
    expect(p, PY_TOK_RBRACE);
    return d;
}

static py_node *parse_atom(parser *p) {
    py_stack_check();
    switch (p->tok.kind) {
    case PY_TOK_NAME: {
        py_node *n = node_here(p, PY_AST_NAME);
        n->name = py_qstr_from(p->tok.text, p->tok.len);
        advance(p);
        return n;
    }
    case PY_TOK_NUMBER:
        return parse_number(p);
    case PY_TOK_STRING:
        return parse_strings(p);
    case PY_TOK_KW_NONE:
    case PY_TOK_KW_TRUE:
    case PY_TOK_KW_FALSE:
    case PY_TOK_ELLIPSIS: {
        py_lex_kind k = p->tok.kind;
        py_node *n = const_node(p, k == PY_TOK_KW_NONE    ? PY_NONE
                                   : k == PY_TOK_KW_TRUE  ? PY_TRUE
                                   : k == PY_TOK_KW_FALSE ? PY_FALSE
                                                          : PY_ELLIPSIS);
        advance(p);
        return n;
    }
    case PY_TOK_LPAREN:
        return parse_paren(p);
    case PY_TOK_LBRACKET:
        return parse_list_display(p);
    case PY_TOK_LBRACE:
        return parse_brace_display(p);
    default:
        invalid_syntax(p);
    }
}

/* ---- trailers: calls, subscripts, attributes ---- */

/* One subscript item: an expression or a slice lower:upper:step. */
static py_node *parse_subscript_item(parser *p) {
    py_node *lower = NULL;
    uint32_t line = p->tok.line, col = p->tok.column;
    if (!at(p, PY_TOK_COLON)) {
        lower = parse_namedexpr(p);
        if (!at(p, PY_TOK_COLON))
            return lower;
    }
    py_node *s = lower ? node_from(p, PY_AST_SLICE, lower) : new_node(p, PY_AST_SLICE, line, col);
    s->a = lower;
    advance(p); /* the first ':' */
    if (!at(p, PY_TOK_COLON) && !at(p, PY_TOK_COMMA) && !at(p, PY_TOK_RBRACKET))
        s->b = parse_test(p);
    if (accept(p, PY_TOK_COLON) && !at(p, PY_TOK_COMMA) && !at(p, PY_TOK_RBRACKET))
        s->c = parse_test(p);
    return s;
}

static py_node *parse_subscript(parser *p, py_node *object) {
    py_node *sub = node_from(p, PY_AST_SUBSCRIPT, object);
    sub->a = object;
    advance(p); /* '[' */
    py_node *first = parse_subscript_item(p);
    if (!at(p, PY_TOK_COMMA)) {
        sub->b = first;
    } else {
        py_node *tuple = node_from(p, PY_AST_TUPLE, first);
        node_list items = {first, first};
        while (accept(p, PY_TOK_COMMA) && !at(p, PY_TOK_RBRACKET))
            list_add(&items, parse_subscript_item(p));
        tuple->a = items.head;
        sub->b = tuple;
    }
    expect(p, PY_TOK_RBRACKET);
    return sub;
}

static py_node *parse_primary(parser *p) {
    py_node *await = NULL;
    if (at(p, PY_TOK_KW_AWAIT)) {
        await = node_here(p, PY_AST_AWAIT);
        advance(p);
    }
    py_node *x = parse_atom(p);
    for (;;) {
        if (at(p, PY_TOK_LPAREN)) {
            py_node *call = node_from(p, PY_AST_CALL, x);
            call->a = x;
            call->b = parse_call_args(p);
            x = call;
        } else if (at(p, PY_TOK_LBRACKET)) {
            x = parse_subscript(p, x);
        } else if (accept(p, PY_TOK_DOT)) {
            py_node *attr = node_from(p, PY_AST_ATTRIBUTE, x);
            attr->a = x;
            attr->name = expect_name(p);
            x = attr;
        } else {
            break;
        }
    }
    if (!await)
        return x;
    await->a = x;
    return await;
}

/* ---- operators ---- */

/* Unary + - ~ and the right-associative **, built as a chain without
   recursion: each new node goes into the hole the previous one left. */
static py_node *parse_factor(parser *p) {
    py_node *root = NULL;
    py_node **hole = &root;
    for (;;) {
        py_lex_kind k = p->tok.kind;
        if (k == PY_TOK_MINUS || k == PY_TOK_PLUS || k == PY_TOK_TILDE) {
            py_node *u = node_here(p, PY_AST_UNARYOP);
            u->op = k == PY_TOK_MINUS  ? PY_UNOP_NEG
                    : k == PY_TOK_PLUS ? PY_UNOP_POS
                                       : PY_UNOP_INVERT;
            advance(p);
            *hole = u;
            hole = &u->a;
            continue;
        }
        py_node *operand = parse_primary(p);
        if (!at(p, PY_TOK_DOUBLESTAR)) {
            *hole = operand;
            return root;
        }
        advance(p);
        py_node *pow = node_from(p, PY_AST_BINOP, operand);
        pow->op = PY_BINOP_POW;
        pow->a = operand;
        *hole = pow;
        hole = &pow->b;
    }
}

/* Binding strength of a binary operator token (0: not one). */
static int binary_precedence(py_lex_kind k, py_binop *op) {
    switch (k) {
    case PY_TOK_VBAR:
        *op = PY_BINOP_OR;
        return 1;
    case PY_TOK_CIRCUMFLEX:
        *op = PY_BINOP_XOR;
        return 2;
    case PY_TOK_AMPER:
        *op = PY_BINOP_AND;
        return 3;
    case PY_TOK_LSHIFT:
        *op = PY_BINOP_LSHIFT;
        return 4;
    case PY_TOK_RSHIFT:
        *op = PY_BINOP_RSHIFT;
        return 4;
    case PY_TOK_PLUS:
        *op = PY_BINOP_ADD;
        return 5;
    case PY_TOK_MINUS:
        *op = PY_BINOP_SUB;
        return 5;
    case PY_TOK_STAR:
        *op = PY_BINOP_MUL;
        return 6;
    case PY_TOK_SLASH:
        *op = PY_BINOP_TRUEDIV;
        return 6;
    case PY_TOK_DOUBLESLASH:
        *op = PY_BINOP_FLOORDIV;
        return 6;
    case PY_TOK_PERCENT:
        *op = PY_BINOP_MOD;
        return 6;
    case PY_TOK_AT:
        *op = PY_BINOP_MATMUL;
        return 6;
    default:
        return 0;
    }
}

/* Precedence climbing over | ^ & << >> + - * / // % @; the recursion is
   bounded by the number of precedence levels, not by the input. */
static py_node *parse_binary(parser *p, int min_precedence) {
    py_node *left = parse_factor(p);
    for (;;) {
        py_binop op;
        int prec = binary_precedence(p->tok.kind, &op);
        if (prec == 0 || prec < min_precedence)
            return left;
        advance(p);
        py_node *right = parse_binary(p, prec + 1);
        py_node *b = node_from(p, PY_AST_BINOP, left);
        b->op = (uint16_t)op;
        b->a = left;
        b->b = right;
        left = b;
    }
}

static py_node *parse_bitor(parser *p) { return parse_binary(p, 1); }

/* The comparison operator at the current token, consumed; false if none. */
static bool comparison_operator(parser *p, py_binop *op) {
    switch (p->tok.kind) {
    case PY_TOK_LESS:
        *op = PY_BINOP_LT;
        break;
    case PY_TOK_GREATER:
        *op = PY_BINOP_GT;
        break;
    case PY_TOK_EQEQUAL:
        *op = PY_BINOP_EQ;
        break;
    case PY_TOK_LESSEQUAL:
        *op = PY_BINOP_LE;
        break;
    case PY_TOK_GREATEREQUAL:
        *op = PY_BINOP_GE;
        break;
    case PY_TOK_NOTEQUAL:
        *op = PY_BINOP_NE;
        break;
    case PY_TOK_KW_IN:
        *op = PY_BINOP_IN;
        break;
    case PY_TOK_KW_IS:
        advance(p);
        *op = accept(p, PY_TOK_KW_NOT) ? PY_BINOP_IS_NOT : PY_BINOP_IS;
        return true;
    case PY_TOK_KW_NOT:
        advance(p);
        if (!at(p, PY_TOK_KW_IN))
            invalid_syntax(p);
        *op = PY_BINOP_NOT_IN;
        break;
    default:
        return false;
    }
    advance(p);
    return true;
}

static py_node *parse_comparison(parser *p) {
    py_node *first = parse_bitor(p);
    node_list ops = {NULL, NULL};
    for (;;) {
        uint32_t line = p->tok.line, col = p->tok.column;
        py_binop op;
        if (!comparison_operator(p, &op))
            break;
        py_node *c = new_node(p, PY_AST_COMPARE_OP, line, col);
        c->op = (uint16_t)op;
        c->a = parse_bitor(p);
        list_add(&ops, c);
    }
    if (!ops.head)
        return first;
    py_node *cmp = node_from(p, PY_AST_COMPARE, first);
    cmp->a = first;
    cmp->b = ops.head;
    return cmp;
}

static py_node *parse_not(parser *p) {
    py_node *root = NULL;
    py_node **hole = &root;
    while (at(p, PY_TOK_KW_NOT)) {
        py_node *u = node_here(p, PY_AST_UNARYOP);
        u->op = PY_UNOP_NOT;
        advance(p);
        *hole = u;
        hole = &u->a;
    }
    *hole = parse_comparison(p);
    return root;
}

/* a and b and c / a or b or c: one node with all the operands. */
static py_node *parse_boolop(parser *p, py_lex_kind keyword) {
    bool is_or = keyword == PY_TOK_KW_OR;
    py_node *first = is_or ? parse_boolop(p, PY_TOK_KW_AND) : parse_not(p);
    if (!at(p, keyword))
        return first;
    node_list operands = {first, first};
    while (accept(p, keyword))
        list_add(&operands, is_or ? parse_boolop(p, PY_TOK_KW_AND) : parse_not(p));
    py_node *b = node_from(p, PY_AST_BOOLOP, first);
    b->op = is_or ? PY_AST_OP_OR : PY_AST_OP_AND;
    b->a = operands.head;
    return b;
}

static py_node *parse_or(parser *p) { return parse_boolop(p, PY_TOK_KW_OR); }

static py_node *parse_lambda(parser *p) {
    py_node *l = node_here(p, PY_AST_LAMBDA);
    advance(p);
    l->a = parse_arguments(p, true);
    expect(p, PY_TOK_COLON);
    l->b = parse_test(p);
    return l;
}

/* test: lambda, or a chain of conditional expressions. */
static py_node *parse_test(parser *p) {
    py_stack_check();
    if (at(p, PY_TOK_KW_LAMBDA))
        return parse_lambda(p);
    py_node *x = parse_or(p);
    py_node *root = NULL;
    py_node **hole = &root;
    while (at(p, PY_TOK_KW_IF)) {
        py_node *ifexp = node_from(p, PY_AST_IFEXP, x);
        advance(p);
        ifexp->b = x;
        ifexp->a = parse_or(p);
        expect(p, PY_TOK_KW_ELSE);
        *hole = ifexp;
        hole = &ifexp->c;
        if (at(p, PY_TOK_KW_LAMBDA)) {
            *hole = parse_lambda(p);
            return root;
        }
        x = parse_or(p);
    }
    *hole = x;
    return root;
}

/* test, or name := test where the grammar allows it. */
static py_node *parse_namedexpr(parser *p) {
    py_node *x = parse_test(p);
    if (!at(p, PY_TOK_WALRUS))
        return x;
    if (x->kind != PY_AST_NAME || (x->flags & PY_AST_FLAG_PARENS))
        error_at(p, p->tok.line,
                 x->kind == PY_AST_NAME ? "invalid syntax"
                                        : "cannot use assignment expressions with this target");
    advance(p);
    py_node *n = node_from(p, PY_AST_NAMEDEXPR, x);
    n->a = x;
    n->b = parse_test(p);
    return n;
}

/* *expr in a display, call or target list. */
static py_node *parse_starred(parser *p) {
    py_node *s = node_here(p, PY_AST_STARRED);
    advance(p);
    s->a = parse_bitor(p);
    return s;
}

static py_node *parse_star_or_test(parser *p) {
    return at(p, PY_TOK_STAR) ? parse_starred(p) : parse_test(p);
}

/* A comma-separated list of items; a bare tuple if there is a comma. */
static py_node *parse_item_list(parser *p, py_node *(*item)(parser *)) {
    py_node *first = item(p);
    if (!at(p, PY_TOK_COMMA))
        return first;
    py_node *tuple = node_from(p, PY_AST_TUPLE, first);
    node_list items = {first, first};
    while (accept(p, PY_TOK_COMMA) && starts_expression(p))
        list_add(&items, item(p));
    tuple->a = items.head;
    return tuple;
}

static py_node *parse_testlist_star(parser *p) { return parse_item_list(p, parse_star_or_test); }

static py_node *parse_star_or_bitor(parser *p) {
    return at(p, PY_TOK_STAR) ? parse_starred(p) : parse_bitor(p);
}

/* Targets of for, comprehensions and del: no comparisons, so `in` ends
   them. */
static py_node *parse_exprlist(parser *p) { return parse_item_list(p, parse_star_or_bitor); }

static py_node *parse_yield(parser *p) {
    py_node *y = node_here(p, PY_AST_YIELD);
    advance(p);
    if (accept(p, PY_TOK_KW_FROM)) {
        y->kind = PY_AST_YIELDFROM;
        y->a = parse_test(p);
    } else if (starts_expression(p)) {
        y->a = parse_testlist_star(p);
    }
    return y;
}

/* for ... in ... [if ...]* repeated: a list of PY_AST_COMPFOR. */
static py_node *parse_comp_for(parser *p) {
    node_list fors = {NULL, NULL};
    while (at(p, PY_TOK_KW_FOR) || at(p, PY_TOK_KW_ASYNC)) {
        py_node *f = node_here(p, PY_AST_COMPFOR);
        if (accept(p, PY_TOK_KW_ASYNC))
            f->flags = PY_AST_FLAG_ASYNC;
        expect(p, PY_TOK_KW_FOR);
        f->a = parse_exprlist(p);
        expect(p, PY_TOK_KW_IN);
        f->b = parse_or(p);
        node_list conditions = {NULL, NULL};
        while (accept(p, PY_TOK_KW_IF))
            list_add(&conditions, parse_or(p));
        f->c = conditions.head;
        list_add(&fors, f);
    }
    return fors.head;
}

/* ( arguments ) of a call or class: a list in source order. */
static py_node *parse_call_args(parser *p) {
    node_list args = {NULL, NULL};
    py_node *genexp = NULL;
    advance(p); /* '(' */
    while (!at(p, PY_TOK_RPAREN)) {
        py_node *arg;
        if (at(p, PY_TOK_STAR)) {
            arg = node_here(p, PY_AST_STARRED);
            advance(p);
            arg->a = parse_test(p);
        } else if (at(p, PY_TOK_DOUBLESTAR)) {
            arg = node_here(p, PY_AST_DSTAR);
            advance(p);
            arg->a = parse_test(p);
        } else {
            arg = parse_namedexpr(p);
            if (at(p, PY_TOK_ASSIGN)) {
                if (arg->kind != PY_AST_NAME || (arg->flags & PY_AST_FLAG_PARENS))
                    error_at(p, p->tok.line,
                             "expression cannot contain assignment, perhaps "
                             "you meant \"==\"?");
                advance(p);
                arg->kind = PY_AST_KEYWORD;
                arg->a = parse_test(p);
            } else if (at(p, PY_TOK_KW_FOR) || at(p, PY_TOK_KW_ASYNC)) {
                py_node *g = node_from(p, PY_AST_GENEXP, arg);
                g->a = arg;
                g->b = parse_comp_for(p);
                arg = genexp = g;
            }
        }
        list_add(&args, arg);
        if (!accept(p, PY_TOK_COMMA))
            break;
    }
    if (genexp && (args.head != genexp || args.tail != genexp || !at(p, PY_TOK_RPAREN)))
        error_at(p, genexp->line, "Generator expression must be parenthesized");
    expect(p, PY_TOK_RPAREN);
    return args.head;
}

/* ---- function signatures ---- */

/* Parameters of a def (up to ')') or a lambda (up to ':'), as a
   PY_AST_ARGUMENTS node. Order rules beyond the grammar are the
   compiler's. */
static py_node *parse_arguments(parser *p, bool is_lambda) {
    py_node *args = node_here(p, PY_AST_ARGUMENTS);
    py_lex_kind close = is_lambda ? PY_TOK_COLON : PY_TOK_RPAREN;
    node_list list = {NULL, NULL};
    bool seen_star = false, seen_slash = false, seen_varkw = false;
    while (!at(p, close)) {
        if (seen_varkw)
            error_at(p, p->tok.line, "arguments cannot follow var-keyword argument");
        py_node *a = node_here(p, PY_AST_ARG);
        if (accept(p, PY_TOK_SLASH)) {
            if (seen_slash || seen_star || !list.head)
                error_at(p, a->line, "invalid syntax");
            seen_slash = true;
            for (py_node *prev = list.head; prev; prev = prev->next)
                prev->op = PY_ARG_POSONLY;
            if (!accept(p, PY_TOK_COMMA))
                break;
            continue;
        }
        if (accept(p, PY_TOK_STAR)) {
            if (seen_star)
                invalid_syntax(p);
            seen_star = true;
            if (at(p, PY_TOK_NAME)) {
                a->op = PY_ARG_VARARGS;
                a->name = expect_name(p);
            } else {
                a->op = PY_ARG_STAR_MARKER;
            }
        } else if (accept(p, PY_TOK_DOUBLESTAR)) {
            seen_varkw = true;
            a->op = PY_ARG_VARKW;
            a->name = expect_name(p);
        } else {
            a->op = seen_star ? PY_ARG_KWONLY : PY_ARG_POS;
            a->name = expect_name(p);
        }
        if (!is_lambda && a->name && accept(p, PY_TOK_COLON))
            a->b = parse_test(p);
        if ((a->op == PY_ARG_POS || a->op == PY_ARG_KWONLY) && accept(p, PY_TOK_ASSIGN))
            a->a = parse_test(p);
        list_add(&list, a);
        if (!accept(p, PY_TOK_COMMA))
            break;
    }
    args->a = list.head;
    return args;
}

/* ---- simple statements ---- */

static py_node *stmt_here(parser *p, py_node_kind kind) {
    py_node *n = node_here(p, kind);
    advance(p);
    return n;
}

/* a.b.c as one interned name */
static py_qstr parse_dotted_name(parser *p) {
    const char *start = p->tok.text;
    size_t start_len = p->tok.len;
    py_qstr first = expect_name(p);
    if (!at(p, PY_TOK_DOT))
        return first;
    py_buf b;
    py_buf_init(&b, 32);
    py_buf_add(&b, start, start_len);
    while (accept(p, PY_TOK_DOT)) {
        if (!at(p, PY_TOK_NAME))
            invalid_syntax(p);
        py_buf_add_byte(&b, '.');
        py_buf_add(&b, p->tok.text, p->tok.len);
        advance(p);
    }
    return py_qstr_from(b.data, b.len);
}

static py_node *parse_import(parser *p) {
    py_node *imp = stmt_here(p, PY_AST_IMPORT);
    node_list aliases = {NULL, NULL};
    do {
        py_node *alias = node_here(p, PY_AST_ALIAS);
        alias->name = parse_dotted_name(p);
        alias->value = accept(p, PY_TOK_KW_AS) ? PY_QSTR(expect_name(p)) : PY_NULL;
        list_add(&aliases, alias);
    } while (accept(p, PY_TOK_COMMA));
    imp->a = aliases.head;
    return imp;
}

static py_node *parse_import_from(parser *p) {
    py_node *imp = stmt_here(p, PY_AST_IMPORT_FROM);
    unsigned level = 0;
    for (;;) {
        if (accept(p, PY_TOK_DOT))
            level += 1;
        else if (accept(p, PY_TOK_ELLIPSIS))
            level += 3;
        else
            break;
    }
    if (level > 0xFFFF)
        invalid_syntax(p);
    imp->op = (uint16_t)level;
    if (level == 0 || at(p, PY_TOK_NAME))
        imp->name = parse_dotted_name(p);
    expect(p, PY_TOK_KW_IMPORT);
    if (accept(p, PY_TOK_STAR))
        return imp; /* a == NULL: import * */
    bool parens = accept(p, PY_TOK_LPAREN);
    node_list aliases = {NULL, NULL};
    do {
        if (parens && at(p, PY_TOK_RPAREN) && aliases.head)
            break; /* trailing comma */
        py_node *alias = node_here(p, PY_AST_ALIAS);
        alias->name = expect_name(p);
        alias->value = accept(p, PY_TOK_KW_AS) ? PY_QSTR(expect_name(p)) : PY_NULL;
        list_add(&aliases, alias);
    } while (accept(p, PY_TOK_COMMA));
    if (parens)
        expect(p, PY_TOK_RPAREN);
    imp->a = aliases.head;
    return imp;
}

static py_node *parse_name_list(parser *p, py_node_kind kind) {
    py_node *stmt = stmt_here(p, kind);
    node_list names = {NULL, NULL};
    do {
        py_node *n = node_here(p, PY_AST_NAME);
        n->name = expect_name(p);
        list_add(&names, n);
    } while (accept(p, PY_TOK_COMMA));
    stmt->a = names.head;
    return stmt;
}

static bool at_statement_end(const parser *p) {
    return at(p, PY_TOK_NEWLINE) || at(p, PY_TOK_SEMICOLON) || at(p, PY_TOK_ENDMARKER);
}

/* The right-hand side of an assignment. */
static py_node *parse_assigned_value(parser *p) {
    return at(p, PY_TOK_KW_YIELD) ? parse_yield(p) : parse_testlist_star(p);
}

static py_node *parse_expression_statement(parser *p) {
    py_node *first = at(p, PY_TOK_KW_YIELD) ? parse_yield(p) : parse_testlist_star(p);
    py_lex_kind k = p->tok.kind;
    if (k == PY_TOK_COLON) {
        py_node *ann = node_from(p, PY_AST_ANNASSIGN, first);
        advance(p);
        ann->a = first;
        ann->b = parse_test(p);
        if (accept(p, PY_TOK_ASSIGN))
            ann->c = parse_assigned_value(p);
        return ann;
    }
    if (k >= PY_TOK_PLUSEQUAL && k <= PY_TOK_CIRCUMFLEXEQUAL) {
        py_binop op = PY_BINOP_ADD;
        binary_precedence((py_lex_kind)(k - PY_TOK_PLUSEQUAL + PY_TOK_PLUS), &op);
        if (k == PY_TOK_DOUBLESTAREQUAL)
            op = PY_BINOP_POW;
        py_node *aug = node_from(p, PY_AST_AUGASSIGN, first);
        aug->op = (uint16_t)(op - (PY_BINOP_OR - PY_BINOP_IOR));
        advance(p);
        aug->a = first;
        aug->b = parse_assigned_value(p);
        return aug;
    }
    if (k == PY_TOK_ASSIGN) {
        py_node *assign = node_from(p, PY_AST_ASSIGN, first);
        node_list targets = {first, first};
        py_node *value = NULL;
        while (accept(p, PY_TOK_ASSIGN)) {
            if (value)
                list_add(&targets, value);
            value = parse_assigned_value(p);
        }
        assign->a = targets.head;
        assign->b = value;
        return assign;
    }
    py_node *stmt = node_from(p, PY_AST_EXPR_STMT, first);
    stmt->a = first;
    return stmt;
}

static py_node *parse_small_statement(parser *p) {
    py_node *n;
    switch (p->tok.kind) {
    case PY_TOK_KW_PASS:
        return stmt_here(p, PY_AST_PASS);
    case PY_TOK_KW_BREAK:
        return stmt_here(p, PY_AST_BREAK);
    case PY_TOK_KW_CONTINUE:
        return stmt_here(p, PY_AST_CONTINUE);
    case PY_TOK_KW_RETURN:
        n = stmt_here(p, PY_AST_RETURN);
        if (!at_statement_end(p))
            n->a = parse_testlist_star(p);
        return n;
    case PY_TOK_KW_RAISE:
        n = stmt_here(p, PY_AST_RAISE);
        if (!at_statement_end(p)) {
            n->a = parse_test(p);
            if (accept(p, PY_TOK_KW_FROM))
                n->b = parse_test(p);
        }
        return n;
    case PY_TOK_KW_GLOBAL:
        return parse_name_list(p, PY_AST_GLOBAL);
    case PY_TOK_KW_NONLOCAL:
        return parse_name_list(p, PY_AST_NONLOCAL);
    case PY_TOK_KW_ASSERT:
        n = stmt_here(p, PY_AST_ASSERT);
        n->a = parse_test(p);
        if (accept(p, PY_TOK_COMMA))
            n->b = parse_test(p);
        return n;
    case PY_TOK_KW_DEL: {
        n = stmt_here(p, PY_AST_DELETE);
        node_list targets = {NULL, NULL};
        do {
            if (!starts_expression(p) && targets.head)
                break; /* trailing comma */
            list_add(&targets, parse_star_or_bitor(p));
        } while (accept(p, PY_TOK_COMMA));
        n->a = targets.head;
        return n;
    }
    case PY_TOK_KW_IMPORT:
        return parse_import(p);
    case PY_TOK_KW_FROM:
        return parse_import_from(p);
    default:
        return parse_expression_statement(p);
    }
}

/* small_stmt (';' small_stmt)* [';'] NEWLINE, as a list. */
static py_node *parse_simple_statements(parser *p) {
    node_list stmts = {NULL, NULL};
    for (;;) {
        list_add(&stmts, parse_small_statement(p));
        if (!accept(p, PY_TOK_SEMICOLON) || at(p, PY_TOK_NEWLINE))
            break;
    }
    expect(p, PY_TOK_NEWLINE);
    return stmts.head;
}

/* ---- compound statements ---- */

static py_node *parse_if(parser *p) {
    py_node *root = stmt_here(p, PY_AST_IF);
    py_node *cur = root;
    for (;;) {
        cur->a = parse_namedexpr(p);
        expect(p, PY_TOK_COLON);
        cur->b = parse_suite(p);
        if (at(p, PY_TOK_KW_ELIF)) {
            py_node *elif = stmt_here(p, PY_AST_IF);
            cur->c = elif;
            cur = elif;
            continue;
        }
        if (accept(p, PY_TOK_KW_ELSE)) {
            expect(p, PY_TOK_COLON);
            cur->c = parse_suite(p);
        }
        return root;
    }
}

static py_node *parse_else_suite(parser *p) {
    if (!accept(p, PY_TOK_KW_ELSE))
        return NULL;
    expect(p, PY_TOK_COLON);
    return parse_suite(p);
}

static py_node *parse_while(parser *p) {
    py_node *w = stmt_here(p, PY_AST_WHILE);
    w->a = parse_namedexpr(p);
    expect(p, PY_TOK_COLON);
    w->b = parse_suite(p);
    w->c = parse_else_suite(p);
    return w;
}

static py_node *parse_for(parser *p, py_node *f) {
    expect(p, PY_TOK_KW_FOR);
    f->a = parse_exprlist(p);
    expect(p, PY_TOK_KW_IN);
    f->b = parse_testlist_star(p);
    expect(p, PY_TOK_COLON);
    f->c = parse_suite(p);
    f->d = parse_else_suite(p);
    return f;
}

static py_node *parse_try(parser *p) {
    py_node *t = stmt_here(p, PY_AST_TRY);
    expect(p, PY_TOK_COLON);
    t->a = parse_suite(p);
    node_list handlers = {NULL, NULL};
    while (at(p, PY_TOK_KW_EXCEPT)) {
        py_node *h = stmt_here(p, PY_AST_EXCEPT);
        if (handlers.tail && !handlers.tail->a)
            error_at(p, handlers.tail->line, "default 'except:' must be last");
        if (!at(p, PY_TOK_COLON)) {
            h->a = parse_test(p);
            if (accept(p, PY_TOK_KW_AS))
                h->name = expect_name(p);
        }
        expect(p, PY_TOK_COLON);
        h->b = parse_suite(p);
        list_add(&handlers, h);
    }
    t->b = handlers.head;
    if (handlers.head)
        t->c = parse_else_suite(p);
    if (accept(p, PY_TOK_KW_FINALLY)) {
        expect(p, PY_TOK_COLON);
        t->d = parse_suite(p);
    }
    if (!t->b && !t->d)
        error_at(p, error_line(p), "expected 'except' or 'finally' block");
    return t;
}

static py_node *parse_with(parser *p, py_node *w) {
    expect(p, PY_TOK_KW_WITH);
    node_list items = {NULL, NULL};
    do {
        py_node *item = node_here(p, PY_AST_WITHITEM);
        item->a = parse_test(p);
        if (accept(p, PY_TOK_KW_AS))
            item->b = parse_star_or_bitor(p);
        list_add(&items, item);
    } while (accept(p, PY_TOK_COMMA));
    expect(p, PY_TOK_COLON);
    w->a = items.head;
    w->b = parse_suite(p);
    return w;
}

static py_node *parse_def(parser *p, py_node *f) {
    expect(p, PY_TOK_KW_DEF);
    f->name = expect_name(p);
    if (!at(p, PY_TOK_LPAREN))
        invalid_syntax(p);
    advance(p);
    f->a = parse_arguments(p, false);
    expect(p, PY_TOK_RPAREN);
    if (accept(p, PY_TOK_ARROW))
        f->d = parse_test(p);
    expect(p, PY_TOK_COLON);
    f->b = parse_suite(p);
    return f;
}

static py_node *parse_class(parser *p) {
    py_node *c = stmt_here(p, PY_AST_CLASSDEF);
    c->name = expect_name(p);
    if (at(p, PY_TOK_LPAREN))
        c->a = parse_call_args(p);
    expect(p, PY_TOK_COLON);
    c->b = parse_suite(p);
    return c;
}

/* async def / async for / async with */
static py_node *parse_async(parser *p) {
    uint32_t line = p->tok.line, col = p->tok.column;
    advance(p);
    py_node *n;
    switch (p->tok.kind) {
    case PY_TOK_KW_DEF:
        n = parse_def(p, new_node(p, PY_AST_FUNCDEF, line, col));
        break;
    case PY_TOK_KW_FOR:
        n = parse_for(p, new_node(p, PY_AST_FOR, line, col));
        break;
    case PY_TOK_KW_WITH:
        n = parse_with(p, new_node(p, PY_AST_WITH, line, col));
        break;
    default:
        invalid_syntax(p);
    }
    n->flags |= PY_AST_FLAG_ASYNC;
    return n;
}

static py_node *parse_decorated(parser *p) {
    node_list decorators = {NULL, NULL};
    while (accept(p, PY_TOK_AT)) {
        list_add(&decorators, parse_namedexpr(p));
        expect(p, PY_TOK_NEWLINE);
    }
    py_node *d;
    if (at(p, PY_TOK_KW_DEF))
        d = parse_def(p, node_here(p, PY_AST_FUNCDEF));
    else if (at(p, PY_TOK_KW_CLASS))
        d = parse_class(p);
    else if (at(p, PY_TOK_KW_ASYNC))
        d = parse_async(p);
    else
        error_unless_more(p, &py_type_SyntaxError, "invalid syntax");
    if (d->kind != PY_AST_FUNCDEF && d->kind != PY_AST_CLASSDEF)
        error_at(p, d->line, "invalid syntax");
    d->c = decorators.head;
    return d;
}

/* A block after ':': statements on the same line, or an indented block. */
static py_node *parse_suite(parser *p) {
    if (!accept(p, PY_TOK_NEWLINE))
        return parse_simple_statements(p);
    if (!at(p, PY_TOK_INDENT))
        error_unless_more(p, &py_type_IndentationError, "expected an indented block");
    advance(p);
    node_list body = {NULL, NULL};
    while (!accept(p, PY_TOK_DEDENT))
        list_add(&body, parse_statement(p));
    return body.head;
}

static py_node *parse_statement(parser *p) {
    py_stack_check();
    switch (p->tok.kind) {
    case PY_TOK_KW_IF:
        return parse_if(p);
    case PY_TOK_KW_WHILE:
        return parse_while(p);
    case PY_TOK_KW_FOR:
        return parse_for(p, node_here(p, PY_AST_FOR));
    case PY_TOK_KW_TRY:
        return parse_try(p);
    case PY_TOK_KW_WITH:
        return parse_with(p, node_here(p, PY_AST_WITH));
    case PY_TOK_KW_DEF:
        return parse_def(p, node_here(p, PY_AST_FUNCDEF));
    case PY_TOK_KW_CLASS:
        return parse_class(p);
    case PY_TOK_AT:
        return parse_decorated(p);
    case PY_TOK_KW_ASYNC:
        return parse_async(p);
    case PY_TOK_INDENT:
        raise_error(p, &py_type_IndentationError, p->tok.line, "unexpected indent");
    default:
        return parse_simple_statements(p);
    }
}

/* ---- entry point ---- */

py_node *py_parse(py_ast_arena *arena, const char *src, size_t len, py_qstr filename, int mode,
                  bool *incomplete) {
    parser p;
    memset(&p, 0, sizeof p);
    p.arena = arena;
    p.filename = filename;
    p.incomplete = incomplete;
    if (incomplete)
        *incomplete = false;
    if (mode == PY_INPUT_EVAL) /* eval() ignores leading blanks */
        while (len > 0 && (*src == ' ' || *src == '\t'))
            src++, len--;
    py_lexer_init(&p.lx, src, len, filename ? py_qstr_str(filename) : NULL, 0, lexer_realloc, NULL);
    advance(&p);
    py_node *root;
    if (mode == PY_INPUT_EVAL) {
        root = new_node(&p, PY_AST_EXPRESSION, p.tok.line, p.tok.column);
        root->a = parse_testlist_star(&p);
        while (accept(&p, PY_TOK_NEWLINE))
            ;
        if (!at(&p, PY_TOK_ENDMARKER))
            invalid_syntax(&p);
    } else {
        root = new_node(&p, mode == PY_INPUT_SINGLE ? PY_AST_INTERACTIVE : PY_AST_MODULE, 1, 1);
        node_list body = {NULL, NULL};
        while (!at(&p, PY_TOK_ENDMARKER)) {
            if (accept(&p, PY_TOK_NEWLINE))
                continue;
            list_add(&body, parse_statement(&p));
        }
        root->a = body.head;
    }
    py_lexer_free(&p.lx);
    return root;
}

void py_parser_begin(py_parser *p, const char *src, size_t len, py_qstr filename) {
    memset(p, 0, sizeof *p);
    p->filename = filename;
    py_lexer_init(&p->lx, src, len, filename ? py_qstr_str(filename) : NULL, 0, lexer_realloc,
                  NULL);
    advance(p);
}

py_node *py_parser_next(py_parser *p) {
    while (accept(p, PY_TOK_NEWLINE))
        ;
    if (at(p, PY_TOK_ENDMARKER))
        return NULL;
    return parse_statement(p);
}

void py_parser_end(py_parser *p) { py_lexer_free(&p->lx); }
