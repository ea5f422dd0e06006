/*
 * ast.h - the syntax tree between the parser (parse.c) and the compiler
 * (compile.c).
 *
 * Every node has the same shape: a kind, an operator or small flag, a line,
 * up to four child slots (a, b, c, d), a name, a constant value, and `next`,
 * which links siblings into lists (statement bodies, call arguments, tuple
 * items...). A "list" below means the first node of such a chain, or NULL when
 * empty. Slots not mentioned for a kind are NULL / 0.
 *
 * Nodes live on the GC heap, allocated from an arena of large chunks
 * (py_ast_arena) that is released as a whole when compilation is done. The
 * arena's chunks are reachable from the arena struct, which the caller keeps on
 * the C stack, so the conservative GC keeps them alive while they are in use.
 *
 * AST_READY
 */
#ifndef PY_AST_H
#define PY_AST_H

#include "campy.h"
#include "lexer.h"

typedef enum py_node_kind {
    /* ---- module */
    PY_AST_MODULE, /* a: list of statements */
    PY_AST_EXPRESSION, /* a: expression (eval mode) */
    PY_AST_INTERACTIVE, /* a: list of statements (single mode: print expression values) */

    /* ---- statements */
    PY_AST_EXPR_STMT, /* a: expression */
    PY_AST_ASSIGN,    /* a: list of targets (a = b = value has two), b: value */
    PY_AST_AUGASSIGN, /* op: py_binop in-place operator (PY_BINOP_IADD...), a: target, b: value */
    PY_AST_ANNASSIGN, /* a: target, b: annotation, c: value or NULL */
    PY_AST_RETURN,    /* a: value or NULL */
    PY_AST_DELETE,    /* a: list of targets */
    PY_AST_PASS,
    PY_AST_BREAK,
    PY_AST_CONTINUE,
    PY_AST_RAISE,    /* a: exception or NULL (bare raise), b: cause (from ...) or NULL */
    PY_AST_GLOBAL,   /* a: list of PY_AST_NAME nodes */
    PY_AST_NONLOCAL, /* a: list of PY_AST_NAME nodes */
    PY_AST_ASSERT,   /* a: test, b: message or NULL */
    PY_AST_IMPORT,   /* a: list of PY_AST_ALIAS */
    /* from ... import: name: dotted module name as one qstr ("a.b"), 0 for
     * `from . import x`; op: level (number of leading dots); a: list of
     * PY_AST_ALIAS, or NULL for `import *` */
    PY_AST_IMPORT_FROM,
    PY_AST_ALIAS, /* name: dotted name as one qstr; value: PY_QSTR(asname) or PY_NULL */
    PY_AST_IF,    /* a: test, b: body list, c: orelse list (elif is a nested IF) */
    PY_AST_WHILE, /* a: test, b: body, c: orelse */
    PY_AST_FOR,   /* a: target, b: iterable, c: body, d: orelse; flags: PY_AST_FLAG_ASYNC */
    PY_AST_TRY,   /* a: body, b: list of PY_AST_EXCEPT, c: orelse, d: finally body */
    PY_AST_EXCEPT, /* a: type expression or NULL, name: `as` name or 0, b: body */
    PY_AST_WITH,     /* a: list of PY_AST_WITHITEM, b: body; flags: PY_AST_FLAG_ASYNC */
    PY_AST_WITHITEM, /* a: context expression, b: target or NULL */
    /* def: name; a: PY_AST_ARGUMENTS; b: body; c: list of decorator expressions;
     * d: return annotation or NULL; flags: PY_AST_FLAG_ASYNC */
    PY_AST_FUNCDEF,
    /* class: name; a: list of arguments as in CALL (bases, keywords such as
     * metaclass=, *args, **kw); b: body; c: list of decorators */
    PY_AST_CLASSDEF,

    /* ---- function signatures */
    PY_AST_ARGUMENTS, /* a: list of PY_AST_ARG in source order */
    /* name; op: PY_ARG_POS, PY_ARG_POSONLY (before `/`), PY_ARG_VARARGS (*name),
     * PY_ARG_KWONLY, PY_ARG_VARKW (**name), or PY_ARG_STAR_MARKER (a bare `*`,
     * name 0); a: default or NULL; b: annotation or NULL */
    PY_AST_ARG,

    /* ---- expressions */
    PY_AST_BOOLOP,  /* op: PY_AST_OP_AND or PY_AST_OP_OR; a: list of 2+ operands */
    PY_AST_BINOP,   /* op: py_binop plain operator (PY_BINOP_ADD...); a, b */
    PY_AST_UNARYOP, /* op: PY_UNOP_POS, PY_UNOP_NEG, PY_UNOP_INVERT or PY_UNOP_NOT; a */
    /* a < b <= c: a: first operand; b: list of PY_AST_COMPARE_OP */
    PY_AST_COMPARE,
    /* op: PY_BINOP_LT/GT/EQ/LE/GE/NE/IN/NOT_IN/IS/IS_NOT; a: right operand */
    PY_AST_COMPARE_OP,
    PY_AST_LAMBDA,  /* a: PY_AST_ARGUMENTS, b: body expression */
    PY_AST_IFEXP,   /* a: test, b: value if true, c: value if false */
    PY_AST_NAMEDEXPR, /* a: target PY_AST_NAME, b: value (x := value) */
    PY_AST_DICT,    /* a: list of PY_AST_KEYVALUE or PY_AST_DSTAR */
    PY_AST_KEYVALUE, /* a: key, b: value */
    PY_AST_DSTAR,   /* a: mapping expression (**x in a dict display or call) */
    PY_AST_SET,     /* a: list of items (PY_AST_STARRED allowed) */
    PY_AST_LIST,    /* a: list of items (PY_AST_STARRED allowed); also a target */
    PY_AST_TUPLE,   /* a: list of items (PY_AST_STARRED allowed); also a target */
    PY_AST_LISTCOMP, /* a: element, b: list of PY_AST_COMPFOR */
    PY_AST_SETCOMP,  /* a: element, b: list of PY_AST_COMPFOR */
    PY_AST_DICTCOMP, /* a: PY_AST_KEYVALUE, b: list of PY_AST_COMPFOR */
    PY_AST_GENEXP,   /* a: element, b: list of PY_AST_COMPFOR */
    /* for target in iter if cond...: a: target, b: iterable, c: list of
     * conditions; flags: PY_AST_FLAG_ASYNC */
    PY_AST_COMPFOR,
    PY_AST_AWAIT,     /* a */
    PY_AST_YIELD,     /* a: value or NULL */
    PY_AST_YIELDFROM, /* a */
    /* a: callee; b: list of arguments in source order: expressions, PY_AST_STARRED
     * (*x), PY_AST_KEYWORD, PY_AST_DSTAR (**x). A lone generator expression
     * argument f(x for x in y) is a PY_AST_GENEXP. */
    PY_AST_CALL,
    PY_AST_KEYWORD,   /* name; a: value */
    /* value: the constant: PY_NONE, PY_TRUE, PY_FALSE, PY_ELLIPSIS, an int
     * (small or big), a float, a complex (imaginary literal), a str (qstr for
     * short identifier-like strings is fine), or bytes. Adjacent string
     * literals are already joined. */
    PY_AST_CONST,
    /* f-string: a: list of parts, each a PY_AST_CONST str or PY_AST_FORMATTED */
    PY_AST_JOINEDSTR,
    /* {expr!conv:spec}: a: expression; op: conversion 0, 's', 'r' or 'a';
     * b: format spec as a PY_AST_JOINEDSTR or NULL. `{x=}` is expanded by
     * the parser into a CONST "x=" part followed by the field (conversion 'r'
     * when no spec and no conversion were given, as Python does). */
    PY_AST_FORMATTED,
    PY_AST_NAME,      /* name */
    PY_AST_ATTRIBUTE, /* a: object; name: attribute */
    PY_AST_SUBSCRIPT, /* a: object; b: index (a PY_AST_SLICE, a PY_AST_TUPLE for x[1, 2:3], or an expression) */
    PY_AST_SLICE,     /* a: lower or NULL, b: upper or NULL, c: step or NULL */
    PY_AST_STARRED,   /* a: expression (*x in a target, display or call) */

    PY_AST_KIND_COUNT
} py_node_kind;

enum { PY_AST_OP_AND = 1, PY_AST_OP_OR = 2 };
enum {
    PY_ARG_POS,
    PY_ARG_POSONLY,
    PY_ARG_VARARGS,
    PY_ARG_KWONLY,
    PY_ARG_VARKW,
    PY_ARG_STAR_MARKER
};
enum {
    PY_AST_FLAG_ASYNC = 1,
    PY_AST_FLAG_PARENS = 2, /* an expression written in parentheses, e.g. (a) = 1, (yield) */
};

typedef struct py_node py_node;
struct py_node {
    uint16_t kind;  /* py_node_kind */
    uint16_t op;    /* operator, conversion, level or argument kind, as above */
    uint16_t flags; /* PY_AST_FLAG_* */
    uint16_t col;   /* column of the first character, 0-based (for messages) */
    uint32_t line;  /* 1-based source line */
    py_qstr name;
    py_val value;
    py_node *a, *b, *c, *d;
    py_node *next; /* next sibling in a list */
};

/* An arena of heap chunks for nodes (and the parser's own scratch). */
typedef struct py_ast_arena {
    void *chunk;   /* current chunk; each chunk's first word links the previous one */
    size_t used, size;
} py_ast_arena;

void py_ast_arena_init(py_ast_arena *arena);
void *py_ast_alloc(py_ast_arena *arena, size_t bytes); /* zeroed; raises MemoryError */
py_node *py_ast_new(py_ast_arena *arena, py_node_kind kind, uint32_t line);
void py_ast_arena_free(py_ast_arena *arena); /* releases every chunk */

/* The parser (parse.c). mode is PY_INPUT_FILE, PY_INPUT_SINGLE or
 * PY_INPUT_EVAL (campy.h); the result is a PY_AST_MODULE, PY_AST_INTERACTIVE
 * or PY_AST_EXPRESSION node. Bad source raises SyntaxError (or
 * IndentationError) via py_raise_syntax_error with the right line; running
 * out of nesting depth raises it too (the parser calls py_stack_check). When
 * the source ends in the middle of a statement (open bracket, unterminated
 * triple-quoted string, compound statement header without a body, trailing
 * backslash) and `incomplete` is not NULL, *incomplete is set to true and the
 * parser raises SyntaxError; the REPL uses this to ask for more input. */
py_node *py_parse(py_ast_arena *arena, const char *src, size_t len, py_qstr filename,
                  int mode, bool *incomplete);

/* A module's statements one at a time (PY_INPUT_FILE), so that a long
 * module's syntax tree never exists whole: the compiler turns each
 * top-level statement into bytecode and releases its nodes before the next
 * is parsed. Each statement's nodes go to the arena in `arena` at the time
 * py_parser_next is called, which the caller may switch between calls.
 * py_parser_next returns NULL at the end of the source. */
typedef struct py_parser {
    py_ast_arena *arena;
    py_qstr filename;
    bool *incomplete;
    py_lexer lx;
    py_lex_token tok; /* the current token, not yet consumed */
} py_parser;

void py_parser_begin(py_parser *p, const char *src, size_t len, py_qstr filename);
py_node *py_parser_next(py_parser *p);
void py_parser_end(py_parser *p);

/* The compiler (compile.c) beside py_compile_ast (bytecode.h): a module
 * straight from a py_parser, statement by statement. */
struct py_code *py_compile_module(py_parser *p, py_qstr filename);

#endif
