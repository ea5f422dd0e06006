/*
 * test_parse.c: unit tests for py/parse.c.
 *
 * Each case parses a snippet and compares an S-expression dump of the tree
 * with the expected text; error cases check the exception type, message,
 * line and the REPL's "incomplete input" flag.
 *
 * Usage: test_parse [results-file]   one PASS/FAIL line per case
 *        test_parse --dump FILE      print the dump of FILE's tree
 *        test_parse --dump-lines FILE   the same with statement lines
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/ast.h"

/* ---- harness ---- */

static FILE *results;
static int cases_passed, cases_failed;

static void report(const char *name, bool ok, const char *detail_fmt, ...) {
    fprintf(results, "%s %s\n", ok ? "PASS" : "FAIL", name);
    if (ok) {
        cases_passed++;
        return;
    }
    cases_failed++;
    va_list ap;
    fprintf(stderr, "FAIL %s: ", name);
    va_start(ap, detail_fmt);
    vfprintf(stderr, detail_fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* ---- text output ---- */

typedef struct text {
    char *data;
    size_t len, cap;
} text;

static void text_add(text *t, const char *s, size_t n) {
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->len + n + 1)
            cap *= 2;
        t->data = realloc(t->data, cap);
        if (!t->data)
            abort();
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

static void text_printf(text *t, const char *fmt, ...) {
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    text_add(t, small, (size_t)n < sizeof small ? (size_t)n : sizeof small - 1);
}

static void print_to_text(void *ctx, const char *s, size_t n) { text_add((text *)ctx, s, n); }

/* ---- the dump ---- */

static bool with_lines;

static void dump(text *t, const py_node *n);

static void dump_list(text *t, const py_node *n) {
    for (; n; n = n->next) {
        text_add(t, " ", 1);
        dump(t, n);
    }
}

/* A list as one parenthesised group: (a b c) */
static void dump_group(text *t, const py_node *n) {
    text_add(t, " (", 2);
    for (const py_node *i = n; i; i = i->next) {
        if (i != n)
            text_add(t, " ", 1);
        dump(t, i);
    }
    text_add(t, ")", 1);
}

static void dump_opt(text *t, const py_node *n) {
    text_add(t, " ", 1);
    if (n)
        dump(t, n);
    else
        text_add(t, "_", 1);
}

static void dump_escaped(text *t, const char *s, size_t len, bool bytes) {
    text_printf(t, "%s'", bytes ? "b" : "");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == '\'')
            text_printf(t, "\\%c", c);
        else if (c == '\n')
            text_add(t, "\\n", 2);
        else if (c < 0x20 || c == 0x7F || (bytes && c >= 0x80))
            text_printf(t, "\\x%02x", c);
        else
            text_add(t, (const char *)&c, 1);
    }
    text_add(t, "'", 1);
}

static void dump_const(text *t, py_val v) {
    if (v == PY_NONE)
        text_add(t, "None", 4);
    else if (v == PY_TRUE)
        text_add(t, "True", 4);
    else if (v == PY_FALSE)
        text_add(t, "False", 5);
    else if (v == PY_ELLIPSIS)
        text_add(t, "...", 3);
    else if (py_is_small(v))
        text_printf(t, "%lld", (long long)py_small_value(v));
    else if (py_is_qstr(v)) {
        size_t len;
        const char *s = py_qstr_data(py_qstr_of(v), &len);
        dump_escaped(t, s, len, false);
    } else if (py_is_str(v)) {
        size_t len;
        const char *s = py_str_data(v, &len);
        dump_escaped(t, s, len, false);
    } else if (py_type_of(v) == &py_type_bytes) {
        size_t len;
        const char *s = py_str_data(v, &len);
        dump_escaped(t, s, len, true);
    } else if (py_type_of(v) == &py_type_float) {
        text_printf(t, "%.17g", (double)py_get_float(v));
    } else if (py_type_of(v) == &py_type_complex) {
        py_float_t re, im;
        py_get_complex(v, &re, &im);
        text_printf(t, "%.17gj", (double)im);
    } else if (py_type_of(v) == &py_type_int) {
        py_print out = {t, print_to_text};
        py_printf(&out, "%r", v);
    } else {
        text_add(t, "?const", 6);
    }
}

static const char *binop_name(unsigned op) {
    switch (op) {
    case PY_BINOP_ADD:
        return "+";
    case PY_BINOP_SUB:
        return "-";
    case PY_BINOP_MUL:
        return "*";
    case PY_BINOP_MATMUL:
        return "@";
    case PY_BINOP_TRUEDIV:
        return "/";
    case PY_BINOP_FLOORDIV:
        return "//";
    case PY_BINOP_MOD:
        return "%";
    case PY_BINOP_POW:
        return "**";
    case PY_BINOP_LSHIFT:
        return "<<";
    case PY_BINOP_RSHIFT:
        return ">>";
    case PY_BINOP_OR:
        return "|";
    case PY_BINOP_XOR:
        return "^";
    case PY_BINOP_AND:
        return "&";
    case PY_BINOP_IADD:
        return "+=";
    case PY_BINOP_ISUB:
        return "-=";
    case PY_BINOP_IMUL:
        return "*=";
    case PY_BINOP_IMATMUL:
        return "@=";
    case PY_BINOP_ITRUEDIV:
        return "/=";
    case PY_BINOP_IFLOORDIV:
        return "//=";
    case PY_BINOP_IMOD:
        return "%=";
    case PY_BINOP_IPOW:
        return "**=";
    case PY_BINOP_ILSHIFT:
        return "<<=";
    case PY_BINOP_IRSHIFT:
        return ">>=";
    case PY_BINOP_IOR:
        return "|=";
    case PY_BINOP_IXOR:
        return "^=";
    case PY_BINOP_IAND:
        return "&=";
    case PY_BINOP_LT:
        return "<";
    case PY_BINOP_GT:
        return ">";
    case PY_BINOP_EQ:
        return "==";
    case PY_BINOP_LE:
        return "<=";
    case PY_BINOP_GE:
        return ">=";
    case PY_BINOP_NE:
        return "!=";
    case PY_BINOP_IN:
        return "in";
    case PY_BINOP_NOT_IN:
        return "not-in";
    case PY_BINOP_IS:
        return "is";
    case PY_BINOP_IS_NOT:
        return "is-not";
    default:
        return "?op";
    }
}

static void dump_arg(text *t, const py_node *n) {
    static const char *const kinds[] = {"pos", "posonly", "*", "kwonly", "**", "*marker"};
    text_printf(t, "(%s", n->op < 6 ? kinds[n->op] : "?");
    if (n->name)
        text_printf(t, " %s", py_qstr_str(n->name));
    if (n->b) {
        text_add(t, " :", 2);
        dump_opt(t, n->b);
    }
    if (n->a) {
        text_add(t, " =", 2);
        dump_opt(t, n->a);
    }
    text_add(t, ")", 1);
}

/* Statement bodies are groups; "@line" follows the head when with_lines. */
static void open_node(text *t, const py_node *n, const char *head) {
    if (with_lines)
        text_printf(t, "(%s@%u", head, (unsigned)n->line);
    else
        text_printf(t, "(%s", head);
}

static void dump(text *t, const py_node *n) {
    char head[512];
    const char *async = (n->flags & PY_AST_FLAG_ASYNC) ? "async-" : "";
    switch (n->kind) {
    case PY_AST_MODULE:
        open_node(t, n, "module");
        dump_list(t, n->a);
        break;
    case PY_AST_INTERACTIVE:
        open_node(t, n, "interactive");
        dump_list(t, n->a);
        break;
    case PY_AST_EXPRESSION:
        open_node(t, n, "expression");
        dump_list(t, n->a);
        break;
    case PY_AST_EXPR_STMT:
        open_node(t, n, "expr");
        dump_opt(t, n->a);
        break;
    case PY_AST_ASSIGN:
        open_node(t, n, "=");
        dump_list(t, n->a);
        dump_opt(t, n->b);
        break;
    case PY_AST_AUGASSIGN:
        open_node(t, n, binop_name(n->op));
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        break;
    case PY_AST_ANNASSIGN:
        open_node(t, n, "ann");
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        dump_opt(t, n->c);
        break;
    case PY_AST_RETURN:
        open_node(t, n, "return");
        dump_opt(t, n->a);
        break;
    case PY_AST_DELETE:
        open_node(t, n, "del");
        dump_list(t, n->a);
        break;
    case PY_AST_PASS:
        open_node(t, n, "pass");
        break;
    case PY_AST_BREAK:
        open_node(t, n, "break");
        break;
    case PY_AST_CONTINUE:
        open_node(t, n, "continue");
        break;
    case PY_AST_RAISE:
        open_node(t, n, "raise");
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        break;
    case PY_AST_GLOBAL:
        open_node(t, n, "global");
        dump_list(t, n->a);
        break;
    case PY_AST_NONLOCAL:
        open_node(t, n, "nonlocal");
        dump_list(t, n->a);
        break;
    case PY_AST_ASSERT:
        open_node(t, n, "assert");
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        break;
    case PY_AST_IMPORT:
        open_node(t, n, "import");
        dump_list(t, n->a);
        break;
    case PY_AST_IMPORT_FROM:
        open_node(t, n, "from");
        text_printf(t, " %s %u", n->name ? py_qstr_str(n->name) : "_", (unsigned)n->op);
        if (n->a)
            dump_list(t, n->a);
        else
            text_add(t, " *", 2);
        break;
    case PY_AST_ALIAS:
        text_printf(t, "(alias %s", py_qstr_str(n->name));
        if (n->value != PY_NULL)
            text_printf(t, " %s", py_qstr_str(py_qstr_of(n->value)));
        break;
    case PY_AST_IF:
        open_node(t, n, "if");
        dump_opt(t, n->a);
        dump_group(t, n->b);
        if (n->c)
            dump_group(t, n->c);
        break;
    case PY_AST_WHILE:
        open_node(t, n, "while");
        dump_opt(t, n->a);
        dump_group(t, n->b);
        if (n->c)
            dump_group(t, n->c);
        break;
    case PY_AST_FOR:
        snprintf(head, sizeof head, "%sfor", async);
        open_node(t, n, head);
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        dump_group(t, n->c);
        if (n->d)
            dump_group(t, n->d);
        break;
    case PY_AST_TRY:
        open_node(t, n, "try");
        dump_group(t, n->a);
        dump_list(t, n->b);
        text_add(t, " else", 5);
        dump_group(t, n->c);
        text_add(t, " finally", 8);
        dump_group(t, n->d);
        break;
    case PY_AST_EXCEPT:
        open_node(t, n, "except");
        dump_opt(t, n->a);
        text_printf(t, " %s", n->name ? py_qstr_str(n->name) : "_");
        dump_group(t, n->b);
        break;
    case PY_AST_WITH:
        snprintf(head, sizeof head, "%swith", async);
        open_node(t, n, head);
        dump_list(t, n->a);
        dump_group(t, n->b);
        break;
    case PY_AST_WITHITEM:
        text_add(t, "(item", 5);
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        break;
    case PY_AST_FUNCDEF:
        snprintf(head, sizeof head, "%sdef %s", async, py_qstr_str(n->name));
        open_node(t, n, head);
        dump_opt(t, n->a);
        dump_group(t, n->b);
        if (n->c) {
            text_add(t, " deco", 5);
            dump_group(t, n->c);
        }
        if (n->d) {
            text_add(t, " ->", 3);
            dump_opt(t, n->d);
        }
        break;
    case PY_AST_CLASSDEF:
        snprintf(head, sizeof head, "class %s", py_qstr_str(n->name));
        open_node(t, n, head);
        dump_group(t, n->a);
        dump_group(t, n->b);
        if (n->c) {
            text_add(t, " deco", 5);
            dump_group(t, n->c);
        }
        break;
    case PY_AST_ARGUMENTS:
        text_add(t, "(args", 5);
        for (const py_node *a = n->a; a; a = a->next) {
            text_add(t, " ", 1);
            dump_arg(t, a);
        }
        break;
    case PY_AST_BOOLOP:
        text_add(t, n->op == PY_AST_OP_AND ? "(and" : "(or", n->op == PY_AST_OP_AND ? 4 : 3);
        dump_list(t, n->a);
        break;
    case PY_AST_BINOP:
        text_printf(t, "(%s", binop_name(n->op));
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        break;
    case PY_AST_UNARYOP:
        text_printf(t, "(%s",
                    n->op == PY_UNOP_NEG   ? "neg"
                    : n->op == PY_UNOP_POS ? "pos"
                    : n->op == PY_UNOP_NOT ? "not"
                                           : "inv");
        dump_opt(t, n->a);
        break;
    case PY_AST_COMPARE:
        text_add(t, "(cmp", 4);
        dump_opt(t, n->a);
        for (const py_node *c = n->b; c; c = c->next) {
            text_printf(t, " %s", binop_name(c->op));
            dump_opt(t, c->a);
        }
        break;
    case PY_AST_LAMBDA:
        text_add(t, "(lambda", 7);
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        break;
    case PY_AST_IFEXP:
        text_add(t, "(ifexp", 6);
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        dump_opt(t, n->c);
        break;
    case PY_AST_NAMEDEXPR:
        text_add(t, "(:=", 3);
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        break;
    case PY_AST_DICT:
        text_add(t, "(dict", 5);
        dump_list(t, n->a);
        break;
    case PY_AST_KEYVALUE:
        text_add(t, "(:", 2);
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        break;
    case PY_AST_DSTAR:
        text_add(t, "(**", 3);
        dump_opt(t, n->a);
        break;
    case PY_AST_SET:
        text_add(t, "(set", 4);
        dump_list(t, n->a);
        break;
    case PY_AST_LIST:
        text_add(t, "(list", 5);
        dump_list(t, n->a);
        break;
    case PY_AST_TUPLE:
        text_add(t, "(tuple", 6);
        dump_list(t, n->a);
        break;
    case PY_AST_LISTCOMP:
    case PY_AST_SETCOMP:
    case PY_AST_DICTCOMP:
    case PY_AST_GENEXP:
        text_add(t,
                 n->kind == PY_AST_LISTCOMP   ? "(listcomp"
                 : n->kind == PY_AST_SETCOMP  ? "(setcomp"
                 : n->kind == PY_AST_DICTCOMP ? "(dictcomp"
                                              : "(genexp",
                 n->kind == PY_AST_LISTCOMP   ? 9
                 : n->kind == PY_AST_SETCOMP  ? 8
                 : n->kind == PY_AST_DICTCOMP ? 9
                                              : 7);
        dump_opt(t, n->a);
        dump_list(t, n->b);
        break;
    case PY_AST_COMPFOR:
        text_printf(t, "(%sfor", async);
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        for (const py_node *c = n->c; c; c = c->next) {
            text_add(t, " if", 3);
            dump_opt(t, c);
        }
        break;
    case PY_AST_AWAIT:
        text_add(t, "(await", 6);
        dump_opt(t, n->a);
        break;
    case PY_AST_YIELD:
        text_add(t, "(yield", 6);
        dump_opt(t, n->a);
        break;
    case PY_AST_YIELDFROM:
        text_add(t, "(yield-from", 11);
        dump_opt(t, n->a);
        break;
    case PY_AST_CALL:
        text_add(t, "(call", 5);
        dump_opt(t, n->a);
        dump_list(t, n->b);
        break;
    case PY_AST_KEYWORD:
        text_printf(t, "(kw %s", py_qstr_str(n->name));
        dump_opt(t, n->a);
        break;
    case PY_AST_CONST:
        dump_const(t, n->value);
        return;
    case PY_AST_JOINEDSTR:
        text_add(t, "(f", 2);
        dump_list(t, n->a);
        break;
    case PY_AST_FORMATTED:
        text_add(t, "(fmt", 4);
        dump_opt(t, n->a);
        text_printf(t, " %c", n->op ? (char)n->op : '_');
        if (n->b)
            dump_opt(t, n->b);
        break;
    case PY_AST_NAME:
        text_printf(t, "%s", py_qstr_str(n->name));
        return;
    case PY_AST_ATTRIBUTE:
        text_add(t, "(.", 2);
        dump_opt(t, n->a);
        text_printf(t, " %s", py_qstr_str(n->name));
        break;
    case PY_AST_SUBSCRIPT:
        text_add(t, "([]", 3);
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        break;
    case PY_AST_SLICE:
        text_add(t, "(slice", 6);
        dump_opt(t, n->a);
        dump_opt(t, n->b);
        dump_opt(t, n->c);
        break;
    case PY_AST_STARRED:
        text_add(t, "(*", 2);
        dump_opt(t, n->a);
        break;
    default:
        text_printf(t, "(?kind%u", (unsigned)n->kind);
        break;
    }
    text_add(t, ")", 1);
}

/* ---- running the parser ---- */

typedef struct outcome {
    text dump; /* the tree, or "Type: message @line" */
    bool raised;
    bool incomplete;
} outcome;

static void describe_exception(text *t, py_val exc) {
    text printed = {0};
    py_print out = {&printed, print_to_text};
    py_print_exception(&out, exc);
    /* keep the last line (Type: message) and the last "line N" */
    const char *s = printed.data ? printed.data : "";
    const char *line_at = NULL;
    for (const char *q = strstr(s, ", line "); q; q = strstr(q + 1, ", line "))
        line_at = q + 2;
    size_t len = strlen(s);
    while (len > 0 && s[len - 1] == '\n')
        len--;
    size_t start = len;
    while (start > 0 && s[start - 1] != '\n')
        start--;
    text_add(t, s + start, len - start);
    if (line_at)
        text_printf(t, " @%d", atoi(line_at + 5));
    free(printed.data);
}

/* lines: show line numbers; NO_DUMP: only parse (trees too deep for the
   recursive dumper) */
#define NO_DUMP 2
static void parse_source(outcome *o, const char *src, size_t len, int mode, int lines) {
    memset(o, 0, sizeof *o);
    text_add(&o->dump, "", 0);
    py_ast_arena arena;
    py_ast_arena_init(&arena);
    bool incomplete = false;
    py_nlr nlr;
    py_try(nlr) {
        py_node *tree = py_parse(&arena, src, len, py_qstr_from_cstr("<test>"), mode, &incomplete);
        with_lines = lines == 1;
        if (lines == NO_DUMP)
            text_add(&o->dump, "parsed", 6);
        else
            dump(&o->dump, tree);
        py_nlr_pop();
    }
    else {
        o->raised = true;
        o->dump.len = 0;
        describe_exception(&o->dump, nlr.exc);
    }
    o->incomplete = incomplete;
    py_ast_arena_free(&arena);
}

static void check_mode(const char *name, const char *src, int mode, bool lines, const char *want) {
    outcome o;
    parse_source(&o, src, strlen(src), mode, lines);
    bool ok = strcmp(o.dump.data, want) == 0 && !o.incomplete;
    report(name, ok, "\n  source: %s\n     got: %s%s\n    want: %s", src, o.dump.data,
           o.incomplete ? " (incomplete)" : "", want);
    free(o.dump.data);
}

static void check(const char *name, const char *src, const char *want) {
    check_mode(name, src, PY_INPUT_FILE, false, want);
}

/* An error: want is "Type: message @line"; incomplete as the REPL sees it. */
static void check_error(const char *name, const char *src, const char *want, bool want_incomplete) {
    outcome o;
    parse_source(&o, src, strlen(src), PY_INPUT_SINGLE, false);
    bool ok = o.raised && strcmp(o.dump.data, want) == 0 && o.incomplete == want_incomplete;
    report(name, ok, "\n  source: %s\n     got: %s%s\n    want: %s%s", src, o.dump.data,
           o.incomplete ? " (incomplete)" : "", want, want_incomplete ? " (incomplete)" : "");
    free(o.dump.data);
}

/* ---- cases ---- */

typedef struct parse_case {
    const char *name, *src, *want;
} parse_case;

static const parse_case expression_cases[] = {
    {"name", "x", "(module (expr x))"},
    {"int", "42", "(module (expr 42))"},
    {"int with underscores", "1_000", "(module (expr 1000))"},
    {"hex octal binary", "0xff, 0o17, 0b101, 0X_A", "(module (expr (tuple 255 15 5 10)))"},
    {"big int", "123456789012345678901234567890", "(module (expr 123456789012345678901234567890))"},
    {"u64 boundary", "18446744073709551615, 18446744073709551616",
     "(module (expr (tuple 18446744073709551615 18446744073709551616)))"},
    {"big hex", "0xffffffffffffffffff", "(module (expr 4722366482869645213695))"},
    {"float", "1.5, .5, 1., 1e3, 1_0.2_5", "(module (expr (tuple 1.5 0.5 1 1000 10.25)))"},
    {"imaginary", "2j, 1.5J", "(module (expr (tuple 2j 1.5j)))"},
    {"constants", "None, True, False, ...", "(module (expr (tuple None True False ...)))"},
    {"string", "'abc'", "(module (expr 'abc'))"},
    {"string with spaces", "'a b'", "(module (expr 'a b'))"},
    {"empty string", "''", "(module (expr ''))"},
    {"bytes", "b'a\\x00'", "(module (expr b'a\\x00'))"},
    {"adjacent strings joined", "'a' \"b\" '''c'''", "(module (expr 'abc'))"},
    {"adjacent bytes joined", "b'a' B'b'", "(module (expr b'ab'))"},
    {"adjacent empty bytes", "b'' b''", "(module (expr b''))"},
    {"adjacent empty strings", "'' ''", "(module (expr ''))"},
    {"strings across lines", "('a'\n 'b')", "(module (expr 'ab'))"},
    {"binary precedence", "a + b * c - d / e", "(module (expr (- (+ a (* b c)) (/ d e))))"},
    {"all binary operators", "a | b ^ c & d << e >> f + g - h * i / j // k % l @ m",
     "(module (expr (| a (^ b (& c (>> (<< d e) (- (+ f g) (@ (% (// (/ (* h i) j) k) l) "
     "m))))))))"},
    {"left associative", "a - b - c", "(module (expr (- (- a b) c)))"},
    {"power right associative", "a ** b ** c", "(module (expr (** a (** b c))))"},
    {"unary and power", "-a ** -b", "(module (expr (neg (** a (neg b)))))"},
    {"unary chain", "- + ~x", "(module (expr (neg (pos (inv x)))))"},
    {"power of call", "f(x) ** 2", "(module (expr (** (call f x) 2)))"},
    {"await binds tighter than power", "await x ** 2", "(module (expr (** (await x) 2)))"},
    {"comparison chain", "a < b <= c == d != e > f >= g",
     "(module (expr (cmp a < b <= c == d != e > f >= g)))"},
    {"membership and identity", "a in b, a not in b, a is b, a is not b",
     "(module (expr (tuple (cmp a in b) (cmp a not-in b) (cmp a is b) (cmp a is-not b))))"},
    {"not", "not a == b", "(module (expr (not (cmp a == b))))"},
    {"not chain", "not not a", "(module (expr (not (not a))))"},
    {"and or", "a or b and c or d", "(module (expr (or a (and b c) d)))"},
    {"or flattens", "a or b or c", "(module (expr (or a b c)))"},
    {"parenthesised or stays", "(a or b) or c", "(module (expr (or (or a b) c)))"},
    {"not and", "not a and not b", "(module (expr (and (not a) (not b))))"},
    {"conditional", "a if b else c", "(module (expr (ifexp b a c)))"},
    {"conditional chain", "a if b else c if d else e", "(module (expr (ifexp b a (ifexp d c e))))"},
    {"conditional with lambda", "a if b else lambda: c",
     "(module (expr (ifexp b a (lambda (args) c))))"},
    {"lambda", "lambda x, y=1, *a, z, **k: x",
     "(module (expr (lambda (args (pos x) (pos y = 1) (* a) (kwonly z) (** k)) x)))"},
    {"lambda no args", "lambda: 0", "(module (expr (lambda (args) 0)))"},
    {"lambda star marker", "lambda *, k: k",
     "(module (expr (lambda (args (*marker) (kwonly k)) k)))"},
    {"lambda in lambda", "lambda: lambda: 1", "(module (expr (lambda (args) (lambda (args) 1))))"},
    {"walrus in parens", "(x := 5)", "(module (expr (:= x 5)))"},
    {"walrus in if", "if (n := f()) > 1: pass", "(module (if (cmp (:= n (call f)) > 1) ((pass))))"},
    {"walrus bare in if", "if n := f(): pass", "(module (if (:= n (call f)) ((pass))))"},
    {"attribute chain", "a.b.c", "(module (expr (. (. a b) c)))"},
    {"call", "f(a, b)", "(module (expr (call f a b)))"},
    {"call no args", "f()", "(module (expr (call f)))"},
    {"call keywords", "f(a, k=1, *s, **d)", "(module (expr (call f a (kw k 1) (* s) (** d))))"},
    {"call trailing comma", "f(a,)", "(module (expr (call f a)))"},
    {"call generator argument", "f(x for x in y)", "(module (expr (call f (genexp x (for x y)))))"},
    {"call walrus argument", "f(y := 1)", "(module (expr (call f (:= y 1))))"},
    {"method call chain", "a.b(c)[d].e()", "(module (expr (call (. ([] (call (. a b) c) d) e))))"},
    {"subscript", "a[1]", "(module (expr ([] a 1)))"},
    {"subscript tuple", "a[1, 2]", "(module (expr ([] a (tuple 1 2))))"},
    {"subscript trailing comma", "a[1,]", "(module (expr ([] a (tuple 1))))"},
    {"slices", "a[:], a[1:], a[:2], a[::3], a[1:2:3], a[::]",
     "(module (expr (tuple ([] a (slice _ _ _)) ([] a (slice 1 _ _)) ([] a (slice _ 2 _)) ([] a "
     "(slice _ _ 3)) ([] a (slice 1 2 3)) ([] a (slice _ _ _)))))"},
    {"extended slice", "a[1:2, ::3, 4]",
     "(module (expr ([] a (tuple (slice 1 2 _) (slice _ _ 3) 4))))"},
    {"tuple", "1, 2", "(module (expr (tuple 1 2)))"},
    {"tuple one", "1,", "(module (expr (tuple 1)))"},
    {"empty tuple", "()", "(module (expr (tuple)))"},
    {"parenthesised tuple", "(1, 2,)", "(module (expr (tuple 1 2)))"},
    {"parenthesised value", "(1)", "(module (expr 1))"},
    {"list", "[1, 2]", "(module (expr (list 1 2)))"},
    {"empty list", "[]", "(module (expr (list)))"},
    {"list trailing comma", "[1,]", "(module (expr (list 1)))"},
    {"starred list", "[*a, b]", "(module (expr (list (* a) b)))"},
    {"starred tuple", "*a, b", "(module (expr (tuple (* a) b)))"},
    {"set", "{1, 2}", "(module (expr (set 1 2)))"},
    {"starred set", "{*a}", "(module (expr (set (* a))))"},
    {"dict", "{1: 2, 'a': b}", "(module (expr (dict (: 1 2) (: 'a' b))))"},
    {"empty dict", "{}", "(module (expr (dict)))"},
    {"dict unpacking", "{**a, 'b': 1, **c}", "(module (expr (dict (** a) (: 'b' 1) (** c))))"},
    {"dict trailing comma", "{1: 2,}", "(module (expr (dict (: 1 2))))"},
    {"list comprehension", "[x for x in y if x if z]",
     "(module (expr (listcomp x (for x y if x if z))))"},
    {"nested comprehension", "[x for a in b for x in a]",
     "(module (expr (listcomp x (for a b) (for x a))))"},
    {"comprehension tuple target", "[k for k, v in d]",
     "(module (expr (listcomp k (for (tuple k v) d))))"},
    {"set comprehension", "{x for x in y}", "(module (expr (setcomp x (for x y))))"},
    {"dict comprehension", "{k: v for k, v in d.items()}",
     "(module (expr (dictcomp (: k v) (for (tuple k v) (call (. d items))))))"},
    {"generator expression", "(x for x in y)", "(module (expr (genexp x (for x y))))"},
    {"async comprehension", "[x async for x in y]", "(module (expr (listcomp x (async-for x y))))"},
    {"comprehension iterable is or_test", "[x for x in a or b]",
     "(module (expr (listcomp x (for x (or a b)))))"},
    {"comprehension with conditional element", "[a if b else c for x in y]",
     "(module (expr (listcomp (ifexp b a c) (for x y))))"},
    {"yield", "def f():\n    yield\n    yield x\n    yield x, y\n    yield from z\n",
     "(module (def f (args) ((expr (yield _)) (expr (yield x)) (expr (yield (tuple x y))) (expr "
     "(yield-from z)))))"},
    {"yield in parens", "def f():\n    a = (yield)\n    b = yield c\n",
     "(module (def f (args) ((= a (yield _)) (= b (yield c)))))"},
    {"await", "async def f():\n    await x\n    y = await z()\n",
     "(module (async-def f (args) ((expr (await x)) (= y (await (call z))))))"},
    {"keywords are not names", "f(None, True)", "(module (expr (call f None True)))"},
};

static const parse_case fstring_cases[] = {
    {"f-string plain", "f'abc'", "(module (expr 'abc'))"},
    {"f-string empty", "f''", "(module (expr ''))"},
    {"f-string field", "f'a{x}b'", "(module (expr (f 'a' (fmt x _) 'b')))"},
    {"f-string conversion and spec", "f'{x!r:>10}'", "(module (expr (f (fmt x r (f '>10')))))"},
    {"f-string nested spec field", "f'{x:{w}.{p}}'",
     "(module (expr (f (fmt x _ (f (fmt w _) '.' (fmt p _))))))"},
    {"f-string empty spec", "f'{x:}'", "(module (expr (f (fmt x _ (f)))))"},
    {"f-string empty literal dropped", "'' f\"\"\"\\\n{x}\"\"\"", "(module (expr (f (fmt x _))))"},
    {"f-string self-documenting", "f'{x=}'", "(module (expr (f 'x=' (fmt x r))))"},
    {"f-string self-documenting with spec", "f'{x = :>4}'",
     "(module (expr (f 'x = ' (fmt x _ (f '>4')))))"},
    {"f-string self-documenting with conversion", "f'{x=!s}'",
     "(module (expr (f 'x=' (fmt x s))))"},
    {"f-string expression", "f'{a + b * 2}'", "(module (expr (f (fmt (+ a (* b 2)) _))))"},
    {"f-string tuple field", "f'{a, b}'", "(module (expr (f (fmt (tuple a b) _))))"},
    {"f-string dict field", "f'{ {1: 2}[1] }'",
     "(module (expr (f (fmt ([] (dict (: 1 2)) 1) _))))"},
    {"f-string nested quotes", "f\"{d['key']}\"", "(module (expr (f (fmt ([] d 'key') _))))"},
    {"f-string nested f-string", "f'{f\"{x}\"}'", "(module (expr (f (fmt (f (fmt x _)) _))))"},
    {"f-string braces", "f'{{x}}'", "(module (expr '{x}'))"},
    {"f-string joins with strings", "'a' f'{x}' 'b' f'c'",
     "(module (expr (f 'a' (fmt x _) 'bc')))"},
    {"f-string escapes", "f'\\n{x}\\t'", "(module (expr (f '\\n' (fmt x _) '\\x09')))"},
    {"raw f-string", "rf'\\n{x}'", "(module (expr (f '\\\\n' (fmt x _))))"},
    {"f-string lambda in parens", "f'{(lambda: 1)()}'",
     "(module (expr (f (fmt (call (lambda (args) 1)) _))))"},
    {"f-string walrus in parens", "f'{(y := 2)}'", "(module (expr (f (fmt (:= y 2) _))))"},
    {"f-string triple quoted over lines", "f'''{\nx\n+ 1}'''",
     "(module (expr (f (fmt (+ x 1) _))))"},
    {"f-string slice", "f'{a[1:2]}'", "(module (expr (f (fmt ([] a (slice 1 2 _)) _))))"},
    {"f-string comparison not self-doc", "f'{a == b}'", "(module (expr (f (fmt (cmp a == b) _))))"},
};

static const parse_case statement_cases[] = {
    {"empty", "", "(module)"},
    {"blank lines", "\n\n# comment\n\n", "(module)"},
    {"assign", "x = 1", "(module (= x 1))"},
    {"chained assign", "a = b = c", "(module (= a b c))"},
    {"tuple assign", "a, b = b, a", "(module (= (tuple a b) (tuple b a)))"},
    {"starred assign", "a, *b = c", "(module (= (tuple a (* b)) c))"},
    {"parenthesised target", "(a) = 1", "(module (= a 1))"},
    {"list target", "[a, b] = c", "(module (= (list a b) c))"},
    {"attribute and subscript targets", "a.b = c[d] = 1", "(module (= (. a b) ([] c d) 1))"},
    {"assign starred value", "x = *a, *b", "(module (= x (tuple (* a) (* b))))"},
    {"augmented assign",
     "x += 1\nx -= 1\nx *= 1\nx /= 1\nx //= 1\nx %= 1\nx **= 1\n"
     "x @= 1\nx &= 1\nx |= 1\nx ^= 1\nx <<= 1\nx >>= 1",
     "(module (+= x 1) (-= x 1) (*= x 1) (/= x 1) (//= x 1) (%= x 1) (**= x 1) "
     "(@= x 1) (&= x 1) (|= x 1) (^= x 1) (<<= x 1) (>>= x 1))"},
    {"augmented assign yield", "def f():\n    x += yield",
     "(module (def f (args) ((+= x (yield _)))))"},
    {"annotated", "x: int", "(module (ann x int _))"},
    {"annotated with value", "x: List[int] = []", "(module (ann x ([] List int) (list)))"},
    {"annotated attribute", "self.x: int = 1", "(module (ann (. self x) int 1))"},
    {"semicolons", "a; b; c;", "(module (expr a) (expr b) (expr c))"},
    {"pass break continue", "while 1:\n    pass\n    break\n    continue",
     "(module (while 1 ((pass) (break) (continue))))"},
    {"return", "def f():\n    return\n    return 1\n    return 1, 2\n    return *a, b",
     "(module (def f (args) ((return _) (return 1) (return (tuple 1 2)) (return (tuple (* a) "
     "b)))))"},
    {"raise", "raise\nraise E\nraise E from e\nraise E(1) from None",
     "(module (raise _ _) (raise E _) (raise E e) (raise (call E 1) None))"},
    {"global nonlocal", "def f():\n    global a, b\n    nonlocal c",
     "(module (def f (args) ((global a b) (nonlocal c))))"},
    {"assert", "assert x\nassert x, 'msg'", "(module (assert x _) (assert x 'msg'))"},
    {"del", "del a\ndel a, b.c, d[0]\ndel (a, b)\ndel [a], b,",
     "(module (del a) (del a (. b c) ([] d 0)) (del (tuple a b)) (del (list a) b))"},
    {"import", "import a\nimport a.b.c\nimport a as b, c.d as e",
     "(module (import (alias a)) (import (alias a.b.c)) (import (alias a b) (alias c.d e)))"},
    {"from import", "from a import b\nfrom a.b import c as d, e",
     "(module (from a 0 (alias b)) (from a.b 0 (alias c d) (alias e)))"},
    {"from import star", "from a import *", "(module (from a 0 *))"},
    {"relative import",
     "from . import a\nfrom .. import b\nfrom .c import d\nfrom ...e.f import g\nfrom .... import "
     "h",
     "(module (from _ 1 (alias a)) (from _ 2 (alias b)) (from c 1 (alias d)) (from e.f 3 (alias "
     "g)) (from _ 4 (alias h)))"},
    {"from import parenthesised", "from a import (b,\n    c as d,\n)",
     "(module (from a 0 (alias b) (alias c d)))"},
    {"if", "if a:\n    b", "(module (if a ((expr b))))"},
    {"if else", "if a:\n    b\nelse:\n    c", "(module (if a ((expr b)) ((expr c))))"},
    {"if elif else", "if a: b\nelif c: d\nelif e: f\nelse: g",
     "(module (if a ((expr b)) ((if c ((expr d)) ((if e ((expr f)) ((expr g))))))))"},
    {"one-line suite", "if a: b; c", "(module (if a ((expr b) (expr c))))"},
    {"while else", "while a:\n    b\nelse:\n    c", "(module (while a ((expr b)) ((expr c))))"},
    {"for", "for x in y:\n    z", "(module (for x y ((expr z))))"},
    {"for tuple target and iterable", "for a, b in c, d:\n    pass\nelse:\n    e",
     "(module (for (tuple a b) (tuple c d) ((pass)) ((expr e))))"},
    {"for starred target", "for a, *b in c: pass", "(module (for (tuple a (* b)) c ((pass))))"},
    {"for attribute target", "for self.x in y: pass", "(module (for (. self x) y ((pass))))"},
    {"try except", "try:\n    a\nexcept:\n    b",
     "(module (try ((expr a)) (except _ _ ((expr b))) else () finally ()))"},
    {"try full",
     "try:\n    a\nexcept E as e:\n    b\nexcept (F, G):\n    c\nelse:\n    d\nfinally:\n    f",
     "(module (try ((expr a)) (except E e ((expr b))) (except (tuple F G) _ ((expr c))) else "
     "((expr d)) finally ((expr f))))"},
    {"try finally", "try:\n    a\nfinally:\n    b",
     "(module (try ((expr a)) else () finally ((expr b))))"},
    {"with", "with a:\n    pass", "(module (with (item a _) ((pass))))"},
    {"with as", "with a as b, c as (d, e), f:\n    pass",
     "(module (with (item a b) (item c (tuple d e)) (item f _) ((pass))))"},
    {"async with and for",
     "async def f():\n    async with a as b:\n        pass\n    async for x in y:\n        pass",
     "(module (async-def f (args) ((async-with (item a b) ((pass))) (async-for x y ((pass))))))"},
    {"def", "def f(): pass", "(module (def f (args) ((pass))))"},
    {"def parameters", "def f(a, b=1, *args, c, d=2, **kw): pass",
     "(module (def f (args (pos a) (pos b = 1) (* args) (kwonly c) (kwonly d = 2) (** kw)) "
     "((pass))))"},
    {"def positional-only", "def f(a, b, /, c): pass",
     "(module (def f (args (posonly a) (posonly b) (pos c)) ((pass))))"},
    {"def bare star", "def f(a, *, b): pass",
     "(module (def f (args (pos a) (*marker) (kwonly b)) ((pass))))"},
    {"def annotations", "def f(a: int, *b: str, c: int = 1, **d: dict) -> bool: pass",
     "(module (def f (args (pos a : int) (* b : str) (kwonly c : int = 1) (** d : dict)) ((pass)) "
     "-> bool))"},
    {"def trailing comma", "def f(a, b,): pass",
     "(module (def f (args (pos a) (pos b)) ((pass))))"},
    {"def parameters over lines", "def f(a,\n      b):\n    pass",
     "(module (def f (args (pos a) (pos b)) ((pass))))"},
    {"decorators", "@a\n@b.c(1)\ndef f(): pass",
     "(module (def f (args) ((pass)) deco (a (call (. b c) 1))))"},
    {"decorated class", "@dataclass\nclass A: pass",
     "(module (class A () ((pass)) deco (dataclass)))"},
    {"decorated async def", "@d\nasync def f(): pass",
     "(module (async-def f (args) ((pass)) deco (d)))"},
    {"class", "class A: pass", "(module (class A () ((pass))))"},
    {"class empty parens", "class A(): pass", "(module (class A () ((pass))))"},
    {"class bases and keywords", "class A(B, C, metaclass=M, *a, **k):\n    x = 1",
     "(module (class A (B C (kw metaclass M) (* a) (** k)) ((= x 1))))"},
    {"nested blocks",
     "class A:\n    def f(self):\n        if x:\n            return 1\n        return 2\n",
     "(module (class A () ((def f (args (pos self)) ((if x ((return 1))) (return 2))))))"},
    {"docstring", "def f():\n    '''doc'''\n    return",
     "(module (def f (args) ((expr 'doc') (return _))))"},
    {"expression statement call", "print('hi', end='')",
     "(module (expr (call print 'hi' (kw end ''))))"},
    {"comments everywhere", "x = 1  # c\nif x:  # c\n    # c\n    y = 2  # c\n# c\n",
     "(module (= x 1) (if x ((= y 2))))"},
    {"backslash continuation", "x = 1 + \\\n    2", "(module (= x (+ 1 2)))"},
    {"CRLF source", "if a:\r\n    b\r\n", "(module (if a ((expr b))))"},
    {"no newline at end", "if a:\n    b", "(module (if a ((expr b))))"},
    {"unicode name", "caf\xc3\xa9 = 1", "(module (= caf\xc3\xa9 1))"},
};

static const parse_case line_cases[] = {
    {"statement lines", "a = 1\n\nif a:\n    b\nelse:\n    c\ndef f():\n    return (1 +\n 2)\nx",
     "(module@1 (=@1 a 1) (if@3 a ((expr@4 b)) ((expr@6 c))) (def f@7 (args) ((return@8 (+ 1 2)))) "
     "(expr@10 x))"},
    {"lines after triple-quoted string", "'''a\nb\nc'''\nx = 1\n",
     "(module@1 (expr@1 'a\\nb\\nc') (=@4 x 1))"},
    {"lines after continuation", "x = \\\n 1\ny", "(module@1 (=@1 x 1) (expr@3 y))"},
    {"decorated def line", "@d\n\ndef f():\n    pass",
     "(module@1 (def f@3 (args) ((pass@4)) deco (d)))"},
    {"try clause lines", "try:\n    a\nexcept E:\n    b\n",
     "(module@1 (try@1 ((expr@2 a)) (except@3 E _ ((expr@4 b))) else () finally ()))"},
};

static const parse_case mode_cases[] = {
    {"eval", "1 + 2", "(expression (+ 1 2))"},
    {"eval tuple", "1, 2", "(expression (tuple 1 2))"},
    {"eval leading blanks", "  \tx", "(expression x)"},
    {"eval trailing newlines", "x\n\n", "(expression x)"},
};

typedef struct error_case {
    const char *name, *src, *want;
    bool incomplete;
} error_case;

static const error_case error_cases[] = {
    {"bad token", "x = = 1", "SyntaxError: invalid syntax @1", false},
    {"error on later line", "a = 1\nb = 2\nc = )\n", "SyntaxError: unmatched ')' @3", false},
    {"missing operand", "x = 1 +\n", "SyntaxError: invalid syntax @1", false},
    {"bad number", "x = 1__0", "SyntaxError: invalid decimal literal @1", false},
    {"leading zero", "x = 012",
     "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix "
     "for octal integers @1",
     false},
    {"unterminated string", "x = 'abc", "SyntaxError: unterminated string literal @1", false},
    {"python 2 print", "print 'x'", "SyntaxError: invalid syntax @1", false},
    {"walrus at statement level", "x := 1", "SyntaxError: invalid syntax @1", false},
    {"walrus with attribute", "(a.b := 1)",
     "SyntaxError: cannot use assignment expressions with this target @1", false},
    {"keyword argument expression", "f(a.b=1)",
     "SyntaxError: expression cannot contain assignment, perhaps you meant \"==\"? @1", false},
    {"generator not parenthesised", "f(x for x in y, 1)",
     "SyntaxError: Generator expression must be parenthesized @1", false},
    {"starred comprehension", "[*a for a in b]",
     "SyntaxError: iterable unpacking cannot be used in comprehension @1", false},
    {"else without if", "else:\n    pass\n", "SyntaxError: invalid syntax @1", false},
    {"try without handler", "try:\n    pass\nx = 1\n",
     "SyntaxError: expected 'except' or 'finally' block @3", false},
    {"bare except not last", "try:\n    a\nexcept:\n    b\nexcept E:\n    c\n",
     "SyntaxError: default 'except:' must be last @3", false},
    {"mixed bytes and str", "x = b'a' 'b'",
     "SyntaxError: cannot mix bytes and nonbytes literals @1", false},
    {"mixed str and bytes", "x = 'a' b'b'",
     "SyntaxError: cannot mix bytes and nonbytes literals @1", false},
    {"unexpected indent", "x = 1\n    y = 2\n", "IndentationError: unexpected indent @2", false},
    {"unexpected indent first line", "  x = 1\n", "IndentationError: unexpected indent @1", false},
    {"expected indented block", "if x:\npass\n", "IndentationError: expected an indented block @2",
     false},
    {"unindent mismatch", "if x:\n    a\n  b\n",
     "IndentationError: unindent does not match any outer indentation level @3", false},
    {"tab error", "if x:\n        a\n\tb\n",
     "IndentationError: inconsistent use of tabs and spaces in indentation @3", false},
    {"args after **kw", "def f(**k, a): pass",
     "SyntaxError: arguments cannot follow var-keyword argument @1", false},
    {"two stars", "def f(*a, *b): pass", "SyntaxError: invalid syntax @1", false},
    {"slash first", "def f(/, a): pass", "SyntaxError: invalid syntax @1", false},
    {"slash after star", "def f(*, a, /): pass", "SyntaxError: invalid syntax @1", false},
    {"lambda parenthesised parameter", "lambda (x): 1", "SyntaxError: invalid syntax @1", false},
    {"def without parens", "def f: pass", "SyntaxError: invalid syntax @1", false},
    {"async alone", "async x = 1", "SyntaxError: invalid syntax @1", false},
    {"decorator on statement", "@d\nx = 1", "SyntaxError: invalid syntax @2", false},
    {"f-string error", "f'{}'", "SyntaxError: f-string: empty expression not allowed @1", false},
    {"f-string bad expression", "f'{a b}'", "SyntaxError: invalid syntax @1", false},
    {"f-string error line", "x = 1\ny = f'''\n{a b}'''", "SyntaxError: invalid syntax @3", false},
    {"f-string single brace", "f'a}'", "SyntaxError: f-string: single '}' is not allowed @1",
     false},
    {"import without name", "import", "SyntaxError: invalid syntax @1", false},
    {"from without import", "from a b", "SyntaxError: invalid syntax @1", false},
    {"trailing comma in bare from-import", "from a import b,", "SyntaxError: invalid syntax @1",
     false},
    {"keyword as function name", "def None(): pass\n", "SyntaxError: invalid syntax @1", false},
    {"keyword as attribute", "x.None\n", "SyntaxError: invalid syntax @1", false},
    {"not without in", "a not b", "SyntaxError: invalid syntax @1", false},
    {"later unclosed bracket wins", "x = (1 2\ny = 3\n", "SyntaxError: '(' was never closed @1",
     false},
    {"later unterminated string wins", "Now isn't it\n",
     "SyntaxError: unterminated string literal @1", false},
    {"later string error line", "a b\nc = 1\nd = 'x\n",
     "SyntaxError: unterminated string literal @3", false},
    {"later indentation error does not win", "a b\nif x:\n    y\n  z\n",
     "SyntaxError: invalid syntax @1", false},
    {"unclosed call across lines then junk", "f(a,\n  b c)\n", "SyntaxError: invalid syntax @2",
     false},
    /* the REPL asks for more */
    {"incomplete open paren", "x = (1,\n", "SyntaxError: '(' was never closed @1", true},
    {"incomplete open bracket nested", "f([1,\n  2,\n", "SyntaxError: '(' was never closed @1",
     true},
    {"incomplete triple-quoted", "s = '''abc\n",
     "SyntaxError: unterminated triple-quoted string literal @1", true},
    {"incomplete backslash", "x = 1 + \\\n",
     "SyntaxError: unexpected end of input after line continuation @2", true},
    {"incomplete header", "if x:\n", "IndentationError: expected an indented block @1", true},
    {"incomplete header no newline",
     "for x in y:", "IndentationError: expected an indented block @1", true},
    {"incomplete nested header", "if x:\n    while y:\n",
     "IndentationError: expected an indented block @2", true},
    {"incomplete else", "if x:\n    pass\nelse:\n",
     "IndentationError: expected an indented block @3", true},
    {"incomplete decorator", "@dec\n", "SyntaxError: invalid syntax @1", true},
    {"incomplete def", "def f(x):\n", "IndentationError: expected an indented block @1", true},
    {"incomplete after blank line", "def f(x):\n\n",
     "IndentationError: expected an indented block @2", true},
    {"complete statement is not incomplete", "x = 1 +", "SyntaxError: invalid syntax @1", false},
    {"try body then end is an error", "try:\n    pass\n",
     "SyntaxError: expected 'except' or 'finally' block @2", false},
};

/* ---- cases needing code ---- */

static void test_parens_flag(void) {
    py_ast_arena arena;
    py_ast_arena_init(&arena);
    py_nlr nlr;
    bool ok = false;
    py_try(nlr) {
        const char *src = "(a) = 1\n(yield)\nb = c\n(d, e)\n";
        py_node *m =
            py_parse(&arena, src, strlen(src), py_qstr_from_cstr("t"), PY_INPUT_FILE, NULL);
        py_node *s1 = m->a, *s2 = s1->next, *s3 = s2->next, *s4 = s3->next;
        ok = (s1->a->flags & PY_AST_FLAG_PARENS) && (s2->a->flags & PY_AST_FLAG_PARENS) &&
             !(s3->a->flags & PY_AST_FLAG_PARENS) && !(s3->b->flags & PY_AST_FLAG_PARENS) &&
             (s4->a->flags & PY_AST_FLAG_PARENS);
        py_nlr_pop();
    }
    else {
        ok = false;
    }
    py_ast_arena_free(&arena);
    report("parenthesised flag", ok, "flags not as expected");
}

static void test_columns(void) {
    py_ast_arena arena;
    py_ast_arena_init(&arena);
    py_nlr nlr;
    bool ok = false;
    py_try(nlr) {
        const char *src = "x = foo(a, b)\nif y:\n    z.w = 3";
        py_node *m =
            py_parse(&arena, src, strlen(src), py_qstr_from_cstr("t"), PY_INPUT_FILE, NULL);
        py_node *assign = m->a, *call = assign->b, *arg2 = call->b->next;
        py_node *inner = m->a->next->b;
        ok = assign->col == 0 && call->col == 4 && arg2->col == 11 && inner->col == 4 &&
             inner->a->col == 4 && inner->b->col == 10 && inner->line == 3;
        py_nlr_pop();
    }
    else {
        ok = false;
    }
    py_ast_arena_free(&arena);
    report("node columns", ok, "columns not as expected");
}

static void test_every_node_has_a_line_in(const py_node *n, bool *ok) {
    for (; n; n = n->next) {
        if (n->line == 0)
            *ok = false;
        if (n->kind == PY_AST_CONST || n->kind == PY_AST_NAME)
            continue;
        if (n->kind == PY_AST_ALIAS)
            continue;
        test_every_node_has_a_line_in(n->a, ok);
        test_every_node_has_a_line_in(n->b, ok);
        test_every_node_has_a_line_in(n->c, ok);
        test_every_node_has_a_line_in(n->d, ok);
    }
}

static void test_lines_everywhere(void) {
    static const char src[] =
        "import os\n@d\nclass A(B, k=1):\n    def f(self, a: int = 1, *b, c, **d) -> X:\n"
        "        x = [i for i in a if i]\n        y = {k: v for k, v in d}\n"
        "        z = f'{a!r:{b}}' 'c'\n        w = lambda q: (yield q)\n"
        "        try:\n            del x[1:2, ::3]\n        except E as e:\n"
        "            raise E from e\n        finally:\n            pass\n"
        "        with a as b: c += -d ** e if f else not g\n"
        "        return *a, {*b}, {**c}, (d := e), a.b.c(d, *e, f=g, **h)\n";
    py_ast_arena arena;
    py_ast_arena_init(&arena);
    py_nlr nlr;
    bool ok = true;
    py_try(nlr) {
        py_node *m =
            py_parse(&arena, src, strlen(src), py_qstr_from_cstr("t"), PY_INPUT_FILE, NULL);
        test_every_node_has_a_line_in(m, &ok);
        py_nlr_pop();
    }
    else {
        ok = false;
    }
    py_ast_arena_free(&arena);
    report("every node has a line", ok, "a node has line 0");
}

/* Deep nesting ends in a clean exception, never a crash. */
static void test_deep_nesting(void) {
    static const struct {
        const char *name, *open, *close;
        int depth;
    } shapes[] = {
        {"deep parentheses", "(", ")", 150},
        {"too many parentheses", "(", ")", 1000},
        {"deep lists", "[", "]", 1000},
        {"deep unary minus", "-", "", 100000},
        {"deep not", "not ", "", 100000},
        {"deep power", "2**", "", 100000},
        {"deep lambda", "lambda:", "", 20000},
        {"deep conditional", "a if b else ", "", 50000},
        {"deep attribute chain", "", ".a", 50000},
        {"deep calls", "", "()", 50000},
        {"deep f-strings", "f'{", "}'", 300},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        size_t olen = strlen(shapes[i].open), clen = strlen(shapes[i].close);
        size_t n = (size_t)shapes[i].depth;
        char *src = malloc(n * (olen + clen) + 8);
        size_t k = 0;
        for (size_t j = 0; j < n; j++) {
            memcpy(src + k, shapes[i].open, olen);
            k += olen;
        }
        src[k++] = 'x';
        for (size_t j = 0; j < n; j++) {
            memcpy(src + k, shapes[i].close, clen);
            k += clen;
        }
        outcome o;
        parse_source(&o, src, k, PY_INPUT_FILE, NO_DUMP);
        bool ok = !o.raised || strstr(o.dump.data, "too many nested parentheses") ||
                  strstr(o.dump.data, "maximum recursion depth exceeded") ||
                  strstr(o.dump.data, "f-string");
        report(shapes[i].name, ok, "got %.200s", o.dump.data);
        free(o.dump.data);
        free(src);
    }
    outcome o;
    char src[1000];
    size_t k = 0;
    for (int j = 0; j < 150; j++)
        src[k++] = '(';
    src[k++] = '1';
    for (int j = 0; j < 150; j++)
        src[k++] = ')';
    parse_source(&o, src, k, PY_INPUT_FILE, false);
    report("150 parentheses parse", !o.raised && strcmp(o.dump.data, "(module (expr 1))") == 0,
           "got %.200s", o.dump.data);
    free(o.dump.data);
    for (int j = 0; j < 250; j++)
        src[j] = '[';
    parse_source(&o, src, 250, PY_INPUT_FILE, false);
    report("too many nested brackets message",
           o.raised && strstr(o.dump.data, "SyntaxError: too many nested parentheses"),
           "got %.200s", o.dump.data);
    free(o.dump.data);
}

/* Statements nested as deep as the lexer allows. */
static void test_deep_blocks(void) {
    char *src = malloc(200 * 220);
    size_t k = 0;
    for (int level = 0; level < 99; level++) {
        for (int i = 0; i < level; i++)
            src[k++] = ' ';
        memcpy(src + k, "if x:\n", 6);
        k += 6;
    }
    for (int i = 0; i < 99; i++)
        src[k++] = ' ';
    src[k++] = 'y';
    outcome o;
    parse_source(&o, src, k, PY_INPUT_FILE, false);
    report("deeply nested blocks", !o.raised || strstr(o.dump.data, "maximum recursion"),
           "got %.200s", o.dump.data);
    free(o.dump.data);
    free(src);
}

static void test_memory_released(void) {
    py_gc_info before, after;
    static const char src[] = "def f(a, b=1):\n    return [x * 2 for x in a if x] + list(b)\n"
                              "s = f'{a!r} and {b:>10}' 'tail' + \"more\" * 3\n";
    py_gc_collect();
    py_gc_info_get(&before);
    for (int i = 0; i < 200; i++) {
        outcome o;
        parse_source(&o, src, sizeof src - 1, PY_INPUT_FILE, false);
        free(o.dump.data);
    }
    py_gc_collect();
    py_gc_info_get(&after);
    report("repeated parses do not leak heap", after.used <= before.used + 4096,
           "used %zu before, %zu after", before.used, after.used);
}

/* ---- main ---- */

static int dump_file(const char *path, bool lines) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    text src = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        text_add(&src, chunk, n);
    fclose(f);
    outcome o;
    parse_source(&o, src.data ? src.data : "", src.len, PY_INPUT_FILE, lines);
    printf("%s\n", o.dump.data);
    free(o.dump.data);
    free(src.data);
    return o.raised;
}

int main(int argc, char **argv) {
    static char heap[32 << 20];
    int stack_top;
    py_stack_set_top(&stack_top);
    py_stack_set_limit(512 * 1024);
    py_gc_init();
    py_gc_add_region(heap, sizeof heap);
    py_init();

    if (argc > 2 && strcmp(argv[1], "--dump") == 0)
        return dump_file(argv[2], false);
    if (argc > 2 && strcmp(argv[1], "--dump-lines") == 0)
        return dump_file(argv[2], true);
    results = stdout;
    if (argc > 1) {
        results = fopen(argv[1], "w");
        if (!results) {
            perror(argv[1]);
            return 1;
        }
    }
    for (size_t i = 0; i < sizeof expression_cases / sizeof expression_cases[0]; i++)
        check(expression_cases[i].name, expression_cases[i].src, expression_cases[i].want);
    for (size_t i = 0; i < sizeof fstring_cases / sizeof fstring_cases[0]; i++)
        check(fstring_cases[i].name, fstring_cases[i].src, fstring_cases[i].want);
    for (size_t i = 0; i < sizeof statement_cases / sizeof statement_cases[0]; i++)
        check(statement_cases[i].name, statement_cases[i].src, statement_cases[i].want);
    for (size_t i = 0; i < sizeof line_cases / sizeof line_cases[0]; i++)
        check_mode(line_cases[i].name, line_cases[i].src, PY_INPUT_FILE, true, line_cases[i].want);
    for (size_t i = 0; i < sizeof mode_cases / sizeof mode_cases[0]; i++)
        check_mode(mode_cases[i].name, mode_cases[i].src, PY_INPUT_EVAL, false, mode_cases[i].want);
    check_mode("single mode", "x = 1; y", PY_INPUT_SINGLE, false, "(interactive (= x 1) (expr y))");
    check_mode("single mode compound", "if x:\n    y\n\n", PY_INPUT_SINGLE, false,
               "(interactive (if x ((expr y))))");
    for (size_t i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++)
        check_error(error_cases[i].name, error_cases[i].src, error_cases[i].want,
                    error_cases[i].incomplete);
    test_parens_flag();
    test_columns();
    test_lines_everywhere();
    test_deep_nesting();
    test_deep_blocks();
    test_memory_released();

    if (results != stdout)
        fclose(results);
    fprintf(stderr, "parse: %d passed, %d failed\n", cases_passed, cases_failed);
    return 0;
}
