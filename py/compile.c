/*
 * compile.c - turns a syntax tree (ast.h) into code objects (bytecode.h).
 *
 * Two passes over the tree:
 *   1. Scope analysis builds a scope for the module and for every function,
 *      lambda, class body and comprehension, records which names each one
 *      binds, uses or declares global/nonlocal, then decides for every name
 *      whether it lives in a local slot, a cell, a free variable of a closure,
 *      the globals or a namespace dict, and numbers the slots. The scope of a
 *      def/lambda/class/comprehension node is kept in the node's `value`.
 *   2. Code generation walks the tree again and emits instructions into
 *      growable heap buffers, one "unit" per code object being built.
 *
 * The value-stack depth and block-stack depth are followed instruction by
 * instruction while emitting (each jump target remembers the depth it is
 * reached with), so the code object carries exact maxima the VM can size
 * frames by. `return`, `break` and `continue` that leave a try/finally or a
 * with statement emit POP_BLOCK and an inline copy of the finally body (or
 * WITH_EXIT_NORMAL) on their way out; handlers only serve exceptions.
 */
#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "bytecode.h"

#define MAX_U16 0xffffu
#define NO_SLOT 0xffffu
#define NO_LABEL (-1)

/* ---------------------------------------------------------------- scopes */

typedef enum scope_kind {
    SCOPE_MODULE,
    SCOPE_CLASS,
    SCOPE_FUNCTION, /* def and lambda */
    SCOPE_COMP,     /* list/set/dict comprehension and generator expression */
} scope_kind;

/* What the first pass learns about a name in one scope. */
enum {
    SYM_BOUND = 1, /* assigned, imported, defined, deleted, loop or with target */
    SYM_USED = 2,  /* read */
    SYM_PARAM = 4,
    SYM_GLOBAL = 8,      /* declared global */
    SYM_NONLOCAL = 16,   /* declared nonlocal */
    SYM_COMP_ITER = 32,  /* iteration variable of this comprehension */
    SYM_WALRUS = 64,     /* := inside this comprehension: binds in an outer scope */
    SYM_CELL = 128,      /* a nested scope uses it: it lives in a cell */
    SYM_PASS = 256,      /* a nested scope needs it from further out: keep a free slot */
    SYM_CLASS_CELL = 512 /* the implicit __class__ cell of a class body */
};

/* Where a name lives, as seen by the code of its scope. */
typedef enum var_kind {
    VAR_NAME,   /* namespace dict: module and class bodies */
    VAR_LOCAL,  /* a plain local slot */
    VAR_CELL,   /* a cell slot of this scope */
    VAR_FREE,   /* a free slot: a cell from the closure */
    VAR_GLOBAL, /* the globals dict (declared, or not found in enclosing functions) */
} var_kind;

typedef struct symbol {
    py_qstr name;
    uint16_t flags;
    uint8_t kind;          /* var_kind, after resolution */
    uint16_t slot;         /* LOCAL: local slot; CELL/FREE: absolute slot */
    uint16_t closure_slot; /* slot of the cell that nested closures capture, or NO_SLOT */
    uint32_t line;         /* where it was declared nonlocal, for the error message */
} symbol;

typedef struct scope {
    uint8_t kind;
    bool is_lambda, is_generator, is_coroutine, has_varargs, has_varkw;
    py_qstr name;
    uint32_t line;
    struct scope *parent, *first_child, *last_child, *next_sibling;
    symbol *syms;
    uint32_t n_syms, alloc_syms;
    uint32_t *index; /* open-addressing table of sym index + 1, when large */
    uint32_t index_size;
    py_qstr *params; /* in slot order: positional, keyword-only, *args, **kwargs */
    uint16_t n_params, n_pos, n_posonly, n_kwonly;
    uint16_t n_locals, n_cells, n_free;
    py_qstr *slot_names;
    uint16_t *cell2arg;
    uint16_t class_cell_slot; /* class bodies: slot of __class__, or NO_SLOT */
} scope;

/* ---------------------------------------------------------------- code units */

/* A block the code is inside of, for unwinding on break/continue/return. */
typedef enum fblock_kind {
    FB_WHILE,
    FB_FOR,             /* the iterator is on the value stack */
    FB_TRY_EXCEPT,      /* body of try/except: a SETUP_EXCEPT block */
    FB_TRY_FINALLY,     /* body of try/finally: a SETUP_FINALLY block */
    FB_FINALLY_HANDLER, /* finally body run for an exception: it is on the stack */
    FB_EXCEPT_HANDLER,  /* except clause body: an exception is being handled */
    FB_EXCEPT_CLEANUP,  /* `except E as name` body: a SETUP_FINALLY that clears name */
    FB_WITH,            /* with body: exit_fun exit_self on the stack, a block */
    FB_ASYNC_WITH,      /* async with body: the same, with __aexit__ to await */
    FB_RETURN_VALUE,    /* finally body run inline by a return: the value is on top */
} fblock_kind;

typedef struct fblock {
    fblock_kind kind;
    struct fblock *prev;
    int break_label, continue_label;
    py_node *final_body; /* FB_TRY_FINALLY */
    py_qstr name;        /* FB_EXCEPT_CLEANUP */
} fblock;

typedef struct label {
    uint32_t pos;   /* offset once placed, else UINT32_MAX */
    int32_t depth;  /* value-stack depth on arrival, -1 while unknown */
    int32_t blocks; /* block-stack depth on arrival */
} label;

typedef struct fixup {
    uint32_t at; /* offset of the u32 operand */
    uint32_t label;
} fixup;

typedef struct unit {
    scope *sc;
    uint8_t *code;
    size_t code_len, code_alloc;
    uint8_t *lines;
    size_t lines_len, lines_alloc;
    size_t lines_last_entry;                     /* where the last line-table entry starts */
    uint32_t lines_offset, lines_line;           /* state after the last entry */
    uint32_t lines_prev_offset, lines_prev_line; /* state before it */
    bool lines_any;
    py_val *consts;
    size_t n_consts, consts_alloc;
    py_qstr *names;
    size_t n_names, names_alloc;
    /* hash indexes over consts and names once they grow: entry index + 1 */
    uint32_t *const_index, *name_index;
    size_t const_index_size, name_index_size;
    label *labels;
    size_t n_labels, labels_alloc;
    fixup *fixups;
    size_t n_fixups, fixups_alloc;
    int32_t depth, max_depth, blocks, max_blocks;
    bool unreachable;
    fblock *fb;
    uint32_t first_line;
} unit;

typedef struct compiler {
    py_qstr filename;
    bool interactive; /* PY_INPUT_SINGLE: print expression statement values */
    uint32_t line;    /* line of the node being compiled */
    unit *u;
    scope *module;
    py_qstr q_dot0; /* ".0", the comprehension's iterator parameter */
} compiler;

/* ---------------------------------------------------------------- errors and memory */

_Noreturn static void syntax_error(compiler *c, uint32_t line, const char *fmt, ...) {
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    py_raise_syntax_error(c->filename, line ? line : c->line, msg);
}

_Noreturn static void compiler_bug(const char *what) {
    py_raise_msg(&py_type_RuntimeError, "compiler: %s", what);
}

/* Makes room for `need` elements in a heap array that doubles as it grows. */
static void *grow(void *ptr, size_t *alloc, size_t need, size_t elem) {
    if (need <= *alloc) {
        return ptr;
    }
    size_t n = *alloc ? *alloc : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem) {
            py_raise_type(&py_type_MemoryError);
        }
        n *= 2;
    }
    ptr = py_gc_realloc(ptr, n * elem);
    *alloc = n;
    return ptr;
}

/* Shrinks a finished array to its used size (NULL when empty). */
static void *exact(void *ptr, size_t bytes) {
    if (bytes == 0) {
        if (ptr != NULL) {
            py_gc_free(ptr);
        }
        return NULL;
    }
    return py_gc_realloc(ptr, bytes);
}

static const char *qstr_text(py_qstr q) { return py_qstr_str(q); }

/* ---------------------------------------------------------------- symbol tables */

static uint32_t qstr_slot_hash(py_qstr q, uint32_t size) {
    return (uint32_t)((q * 2654435761u) & (size - 1));
}

static void index_rebuild(scope *sc) {
    uint32_t size = 16;
    while (size < sc->n_syms * 2u + 2) {
        size *= 2;
    }
    if (sc->index != NULL) {
        py_gc_free(sc->index);
    }
    sc->index = py_gc_alloc_flags(size * sizeof(uint32_t), PY_GC_LEAF);
    sc->index_size = size;
    for (uint32_t i = 0; i < sc->n_syms; i++) {
        uint32_t h = qstr_slot_hash(sc->syms[i].name, size);
        while (sc->index[h] != 0) {
            h = (h + 1) & (size - 1);
        }
        sc->index[h] = i + 1;
    }
}

static symbol *sym_lookup(scope *sc, py_qstr name) {
    if (sc->index == NULL) {
        for (uint32_t i = 0; i < sc->n_syms; i++) {
            if (sc->syms[i].name == name) {
                return &sc->syms[i];
            }
        }
        return NULL;
    }
    uint32_t h = qstr_slot_hash(name, sc->index_size);
    while (sc->index[h] != 0) {
        symbol *s = &sc->syms[sc->index[h] - 1];
        if (s->name == name) {
            return s;
        }
        h = (h + 1) & (sc->index_size - 1);
    }
    return NULL;
}

static symbol *sym_add(scope *sc, py_qstr name) {
    symbol *s = sym_lookup(sc, name);
    if (s != NULL) {
        return s;
    }
    size_t alloc = sc->alloc_syms;
    sc->syms = grow(sc->syms, &alloc, (size_t)sc->n_syms + 1, sizeof(symbol));
    sc->alloc_syms = (uint32_t)alloc;
    s = &sc->syms[sc->n_syms++];
    memset(s, 0, sizeof(*s));
    s->name = name;
    s->slot = NO_SLOT;
    s->closure_slot = NO_SLOT;
    if (sc->n_syms > 12) {
        if (sc->index == NULL || sc->n_syms * 2u > sc->index_size) {
            index_rebuild(sc);
        } else {
            uint32_t h = qstr_slot_hash(name, sc->index_size);
            while (sc->index[h] != 0) {
                h = (h + 1) & (sc->index_size - 1);
            }
            sc->index[h] = sc->n_syms;
        }
    }
    return s;
}

static bool is_function_scope(const scope *sc) {
    return sc->kind == SCOPE_FUNCTION || sc->kind == SCOPE_COMP;
}

static scope *scope_new(scope *parent, scope_kind kind, py_qstr name, uint32_t line) {
    scope *sc = py_gc_alloc(sizeof(scope));
    sc->kind = (uint8_t)kind;
    sc->name = name;
    sc->line = line;
    sc->parent = parent;
    sc->class_cell_slot = NO_SLOT;
    if (parent != NULL) {
        if (parent->last_child != NULL) {
            parent->last_child->next_sibling = sc;
        } else {
            parent->first_child = sc;
        }
        parent->last_child = sc;
    }
    return sc;
}

static scope *node_scope(py_node *n) { return (scope *)py_ptr(n->value); }

/* ---------------------------------------------------------------- pass 1: what each scope binds
 * and uses */

static void scan_stmts(compiler *c, scope *sc, py_node *list);
static void scan_expr(compiler *c, scope *sc, py_node *n);

static bool has_class_ancestor(const scope *sc) {
    for (const scope *p = sc->parent; p != NULL; p = p->parent) {
        if (p->kind == SCOPE_CLASS) {
            return true;
        }
    }
    return false;
}

static void note_use(scope *sc, py_qstr name) {
    sym_add(sc, name)->flags |= SYM_USED;
    /* super() without arguments needs the class the method was defined in:
     * the function refers to the __class__ cell of the class body. */
    if (name == Q_super && sc->kind == SCOPE_FUNCTION && has_class_ancestor(sc)) {
        sym_add(sc, Q___class__)->flags |= SYM_USED;
    }
}

static void note_bind(compiler *c, scope *sc, py_qstr name, uint32_t line, uint16_t extra) {
    symbol *s = sym_add(sc, name);
    if ((extra & SYM_COMP_ITER) && (s->flags & SYM_WALRUS)) {
        syntax_error(c, line,
                     "assignment expression cannot rebind comprehension iteration variable '%s'",
                     qstr_text(name));
    }
    s->flags |= SYM_BOUND | extra;
}

static void scan_exprs(compiler *c, scope *sc, py_node *list) {
    for (py_node *n = list; n != NULL; n = n->next) {
        scan_expr(c, sc, n);
    }
}

static void scan_target(compiler *c, scope *sc, py_node *n, uint16_t extra) {
    py_stack_check();
    switch (n->kind) {
    case PY_AST_NAME:
        note_bind(c, sc, n->name, n->line, extra);
        break;
    case PY_AST_TUPLE:
    case PY_AST_LIST:
        for (py_node *item = n->a; item != NULL; item = item->next) {
            scan_target(c, sc, item, extra);
        }
        break;
    case PY_AST_STARRED:
        scan_target(c, sc, n->a, extra);
        break;
    default:
        /* attribute and subscript targets read their parts; anything else is
         * refused by the code generator with the right message */
        scan_expr(c, sc, n);
        break;
    }
}

/* Records `global`/`nonlocal` declarations with Python's checks. */
static void scan_declaration(compiler *c, scope *sc, py_node *n) {
    bool is_global = n->kind == PY_AST_GLOBAL;
    const char *what = is_global ? "global" : "nonlocal";
    if (!is_global && sc->kind == SCOPE_MODULE) {
        syntax_error(c, n->line, "nonlocal declaration not allowed at module level");
    }
    for (py_node *name = n->a; name != NULL; name = name->next) {
        symbol *s = sym_add(sc, name->name);
        const char *text = qstr_text(name->name);
        if (s->flags & SYM_PARAM) {
            syntax_error(c, name->line, "name '%s' is parameter and %s", text, what);
        }
        if ((s->flags & (is_global ? SYM_NONLOCAL : SYM_GLOBAL))) {
            syntax_error(c, name->line, "name '%s' is nonlocal and global", text);
        }
        if (s->flags & SYM_BOUND) {
            syntax_error(c, name->line, "name '%s' is assigned to before %s declaration", text,
                         what);
        }
        if (s->flags & SYM_USED) {
            syntax_error(c, name->line, "name '%s' is used prior to %s declaration", text, what);
        }
        s->flags |= is_global ? SYM_GLOBAL : SYM_NONLOCAL;
        s->line = name->line;
    }
}

/* Declares the parameters of a def or lambda in its new scope. */
static void scan_parameters(compiler *c, scope *sc, py_node *args) {
    uint16_t n_pos = 0, n_kwonly = 0, n_posonly = 0;
    py_qstr varargs = 0, varkw = 0;
    bool seen_default = false, star_marker = false;
    size_t count = 0;
    for (py_node *a = args ? args->a : NULL; a != NULL; a = a->next) {
        count++;
    }
    if (count > MAX_U16) {
        syntax_error(c, args->line, "too many arguments");
    }
    py_qstr *pos = count ? py_gc_alloc(count * sizeof(py_qstr)) : NULL;
    py_qstr *kwonly = count ? py_gc_alloc(count * sizeof(py_qstr)) : NULL;
    for (py_node *a = args ? args->a : NULL; a != NULL; a = a->next) {
        if (a->op == PY_ARG_STAR_MARKER) {
            star_marker = true;
            continue;
        }
        symbol *s = sym_lookup(sc, a->name);
        if (s != NULL && (s->flags & SYM_PARAM)) {
            syntax_error(c, a->line, "duplicate argument '%s' in function definition",
                         qstr_text(a->name));
        }
        sym_add(sc, a->name)->flags |= SYM_PARAM | SYM_BOUND;
        switch (a->op) {
        case PY_ARG_POSONLY:
        case PY_ARG_POS:
            if (a->a != NULL) {
                seen_default = true;
            } else if (seen_default) {
                syntax_error(c, a->line, "non-default argument follows default argument");
            }
            if (a->op == PY_ARG_POSONLY) {
                n_posonly++;
            }
            pos[n_pos++] = a->name;
            break;
        case PY_ARG_VARARGS:
            varargs = a->name;
            break;
        case PY_ARG_KWONLY:
            kwonly[n_kwonly++] = a->name;
            break;
        case PY_ARG_VARKW:
            varkw = a->name;
            break;
        default:
            syntax_error(c, a->line, "invalid syntax");
        }
    }
    if (star_marker && n_kwonly == 0) {
        syntax_error(c, args->line, "named arguments must follow bare *");
    }
    sc->n_pos = n_pos;
    sc->n_posonly = n_posonly;
    sc->n_kwonly = n_kwonly;
    sc->has_varargs = varargs != 0;
    sc->has_varkw = varkw != 0;
    sc->n_params = (uint16_t)(n_pos + n_kwonly + (varargs != 0) + (varkw != 0));
    if (sc->n_params != 0) {
        sc->params = py_gc_alloc(sc->n_params * sizeof(py_qstr));
        memcpy(sc->params, pos, n_pos * sizeof(py_qstr));
        memcpy(sc->params + n_pos, kwonly, n_kwonly * sizeof(py_qstr));
        size_t k = (size_t)n_pos + n_kwonly;
        if (varargs) {
            sc->params[k++] = varargs;
        }
        if (varkw) {
            sc->params[k++] = varkw;
        }
    }
    if (pos != NULL) {
        py_gc_free(pos);
        py_gc_free(kwonly);
    }
}

/* Defaults are evaluated where the def/lambda is. */
static void scan_defaults(compiler *c, scope *sc, py_node *args) {
    for (py_node *a = args ? args->a : NULL; a != NULL; a = a->next) {
        if (a->a != NULL) {
            scan_expr(c, sc, a->a);
        }
    }
}

static void scan_function(compiler *c, scope *sc, py_node *n) {
    bool is_lambda = n->kind == PY_AST_LAMBDA;
    if (!is_lambda) {
        scan_exprs(c, sc, n->c); /* decorators */
    }
    scan_defaults(c, sc, n->a);
    if (!is_lambda) {
        note_bind(c, sc, n->name, n->line, 0);
    }
    scope *fn = scope_new(sc, SCOPE_FUNCTION, is_lambda ? QA_lambda : n->name, n->line);
    fn->is_lambda = is_lambda;
    fn->is_coroutine = !is_lambda && (n->flags & PY_AST_FLAG_ASYNC);
    n->value = PY_OBJ(fn);
    scan_parameters(c, fn, n->a);
    if (is_lambda) {
        scan_expr(c, fn, n->b);
    } else {
        scan_stmts(c, fn, n->b);
    }
}

static void scan_call_args(compiler *c, scope *sc, py_node *args) {
    for (py_node *a = args; a != NULL; a = a->next) {
        switch (a->kind) {
        case PY_AST_STARRED:
        case PY_AST_KEYWORD:
        case PY_AST_DSTAR:
            scan_expr(c, sc, a->a);
            break;
        default:
            scan_expr(c, sc, a);
            break;
        }
    }
}

static void scan_class(compiler *c, scope *sc, py_node *n) {
    scan_exprs(c, sc, n->c); /* decorators */
    scan_call_args(c, sc, n->a);
    note_bind(c, sc, n->name, n->line, 0);
    scope *cls = scope_new(sc, SCOPE_CLASS, n->name, n->line);
    n->value = PY_OBJ(cls);
    scan_stmts(c, cls, n->b);
}

static py_qstr comp_name(py_node *n) {
    switch (n->kind) {
    case PY_AST_LISTCOMP:
        return QA_listcomp;
    case PY_AST_SETCOMP:
        return QA_setcomp;
    case PY_AST_DICTCOMP:
        return QA_dictcomp;
    default:
        return QA_genexpr;
    }
}

/* A comprehension with `async for` or `await` in it is a coroutine the
 * enclosing code awaits, and so is every comprehension around it up to the
 * async function they are in. A generator expression would become an
 * asynchronous generator, which campy does not have. */
static void make_comp_async(compiler *c, scope *comp, uint32_t line, const char *outside) {
    scope *home = comp;
    while (home->kind == SCOPE_COMP) {
        home = home->parent;
    }
    if (home->kind != SCOPE_FUNCTION || !home->is_coroutine) {
        syntax_error(c, line, "%s", outside);
    }
    for (scope *s = comp; s != home; s = s->parent) {
        if (s->is_generator) {
            syntax_error(c, line, "asynchronous generator expressions are not supported");
        }
        s->is_coroutine = true;
    }
}

static void scan_comprehension(compiler *c, scope *sc, py_node *n) {
    py_node *first = n->b;
    if (first == NULL || first->kind != PY_AST_COMPFOR) {
        syntax_error(c, n->line, "invalid syntax");
    }
    scan_expr(c, sc, first->b); /* the first iterable is evaluated outside */
    scope *comp = scope_new(sc, SCOPE_COMP, comp_name(n), n->line);
    comp->is_generator = n->kind == PY_AST_GENEXP;
    n->value = PY_OBJ(comp);
    sym_add(comp, c->q_dot0)->flags |= SYM_PARAM | SYM_BOUND;
    comp->params = py_gc_alloc(sizeof(py_qstr));
    comp->params[0] = c->q_dot0;
    comp->n_params = comp->n_pos = 1;
    for (py_node *gen = first; gen != NULL; gen = gen->next) {
        if (gen->flags & PY_AST_FLAG_ASYNC) {
            make_comp_async(c, comp, gen->line, "asynchronous comprehension outside of an "
                                                "asynchronous function");
        }
        scan_target(c, comp, gen->a, SYM_COMP_ITER);
        if (gen != first) {
            scan_expr(c, comp, gen->b);
        }
        scan_exprs(c, comp, gen->c);
    }
    if (n->kind == PY_AST_DICTCOMP) {
        scan_expr(c, comp, n->a->a);
        scan_expr(c, comp, n->a->b);
    } else {
        scan_expr(c, comp, n->a);
    }
}

/* x := value binds x in the nearest enclosing scope that is not a
 * comprehension; the comprehensions in between refer to it. */
static void scan_walrus(compiler *c, scope *sc, py_node *n) {
    py_node *target = n->a;
    if (target == NULL || target->kind != PY_AST_NAME) {
        syntax_error(c, n->line, "cannot use assignment expressions with %s",
                     target && target->kind == PY_AST_ATTRIBUTE   ? "attribute"
                     : target && target->kind == PY_AST_SUBSCRIPT ? "subscript"
                                                                  : "expression");
    }
    scan_expr(c, sc, n->b);
    scope *home = sc;
    while (home->kind == SCOPE_COMP) {
        symbol *s = sym_lookup(home, target->name);
        if (s != NULL && (s->flags & SYM_COMP_ITER)) {
            syntax_error(c, n->line,
                         "assignment expression cannot rebind comprehension iteration "
                         "variable '%s'",
                         qstr_text(target->name));
        }
        home = home->parent;
    }
    if (home != sc && home->kind == SCOPE_CLASS) {
        syntax_error(c, n->line,
                     "assignment expression within a comprehension cannot be used in a "
                     "class body");
    }
    for (scope *s = sc; s != home; s = s->parent) {
        sym_add(s, target->name)->flags |= SYM_WALRUS;
    }
    note_bind(c, home, target->name, n->line, 0);
}

static void scan_yield(compiler *c, scope *sc, py_node *n) {
    const char *what = n->kind == PY_AST_AWAIT ? "await" : "yield";
    if (sc->kind == SCOPE_COMP) {
        if (n->kind == PY_AST_AWAIT) {
            make_comp_async(c, sc, n->line, "'await' outside async function");
            return;
        }
        syntax_error(c, n->line, "'yield' inside %s",
                     sc->name == QA_genexpr    ? "generator expression"
                     : sc->name == QA_listcomp ? "list comprehension"
                     : sc->name == QA_setcomp  ? "set comprehension"
                                               : "dict comprehension");
    }
    if (sc->kind != SCOPE_FUNCTION) {
        syntax_error(c, n->line, "'%s' outside function", what);
    }
    if (n->kind == PY_AST_AWAIT) {
        if (!sc->is_coroutine) {
            syntax_error(c, n->line, "'await' outside async function");
        }
    } else if (sc->is_coroutine) {
        syntax_error(c, n->line, "asynchronous generators are not supported");
    } else {
        sc->is_generator = true;
    }
}

static void scan_expr(compiler *c, scope *sc, py_node *n) {
    if (n == NULL) {
        return;
    }
    py_stack_check();
    switch (n->kind) {
    case PY_AST_NAME:
        note_use(sc, n->name);
        break;
    case PY_AST_CONST:
        break;
    case PY_AST_LAMBDA:
        scan_function(c, sc, n);
        break;
    case PY_AST_LISTCOMP:
    case PY_AST_SETCOMP:
    case PY_AST_DICTCOMP:
    case PY_AST_GENEXP:
        scan_comprehension(c, sc, n);
        break;
    case PY_AST_NAMEDEXPR:
        scan_walrus(c, sc, n);
        break;
    case PY_AST_YIELD:
    case PY_AST_YIELDFROM:
    case PY_AST_AWAIT:
        scan_yield(c, sc, n);
        scan_expr(c, sc, n->a);
        break;
    case PY_AST_CALL:
        scan_expr(c, sc, n->a);
        scan_call_args(c, sc, n->b);
        break;
    case PY_AST_COMPARE:
        scan_expr(c, sc, n->a);
        for (py_node *op = n->b; op != NULL; op = op->next) {
            scan_expr(c, sc, op->a);
        }
        break;
    case PY_AST_BOOLOP:
    case PY_AST_DICT:
    case PY_AST_SET:
    case PY_AST_LIST:
    case PY_AST_TUPLE:
    case PY_AST_JOINEDSTR:
        scan_exprs(c, sc, n->a);
        break;
    case PY_AST_BINOP: /* down the left spine in a loop (binop_spine) */
        for (; n->kind == PY_AST_BINOP; n = n->a) {
            scan_expr(c, sc, n->b);
        }
        scan_expr(c, sc, n);
        break;
    default:
        /* every other expression kind: its children in a, b, c */
        scan_expr(c, sc, n->a);
        scan_expr(c, sc, n->b);
        scan_expr(c, sc, n->c);
        break;
    }
}

static void scan_import(compiler *c, scope *sc, py_node *n) {
    for (py_node *alias = n->a; alias != NULL; alias = alias->next) {
        py_qstr bound;
        if (alias->value != PY_NULL) {
            bound = py_qstr_of(alias->value);
        } else if (n->kind == PY_AST_IMPORT) {
            const char *text = qstr_text(alias->name);
            const char *dot = strchr(text, '.');
            bound = dot ? py_qstr_from(text, (size_t)(dot - text)) : alias->name;
        } else {
            bound = alias->name;
        }
        note_bind(c, sc, bound, alias->line, 0);
    }
    if (n->kind == PY_AST_IMPORT_FROM && n->a == NULL && sc->kind != SCOPE_MODULE &&
        sc->kind != SCOPE_CLASS) {
        syntax_error(c, n->line, "import * only allowed at module level");
    }
}

static void scan_stmt(compiler *c, scope *sc, py_node *n) {
    py_stack_check();
    switch (n->kind) {
    case PY_AST_EXPR_STMT:
        scan_expr(c, sc, n->a);
        break;
    case PY_AST_ASSIGN:
        scan_expr(c, sc, n->b);
        for (py_node *t = n->a; t != NULL; t = t->next) {
            scan_target(c, sc, t, 0);
        }
        break;
    case PY_AST_AUGASSIGN:
        if (n->a->kind == PY_AST_NAME) {
            note_use(sc, n->a->name);
            note_bind(c, sc, n->a->name, n->line, 0);
        } else {
            scan_expr(c, sc, n->a);
        }
        scan_expr(c, sc, n->b);
        break;
    case PY_AST_ANNASSIGN:
        scan_expr(c, sc, n->c);
        if (n->a->kind == PY_AST_NAME) {
            note_bind(c, sc, n->a->name, n->line, 0);
        } else if (n->c != NULL) {
            scan_target(c, sc, n->a, 0);
        } else {
            scan_expr(c, sc, n->a);
        }
        break;
    case PY_AST_RETURN:
        if (sc->kind != SCOPE_FUNCTION) {
            syntax_error(c, n->line, "'return' outside function");
        }
        scan_expr(c, sc, n->a);
        break;
    case PY_AST_DELETE:
        for (py_node *t = n->a; t != NULL; t = t->next) {
            scan_target(c, sc, t, 0);
        }
        break;
    case PY_AST_RAISE:
    case PY_AST_ASSERT:
        scan_expr(c, sc, n->a);
        scan_expr(c, sc, n->b);
        break;
    case PY_AST_GLOBAL:
    case PY_AST_NONLOCAL:
        scan_declaration(c, sc, n);
        break;
    case PY_AST_IMPORT:
    case PY_AST_IMPORT_FROM:
        scan_import(c, sc, n);
        break;
    case PY_AST_IF:
    case PY_AST_WHILE:
        scan_expr(c, sc, n->a);
        scan_stmts(c, sc, n->b);
        scan_stmts(c, sc, n->c);
        break;
    case PY_AST_FOR:
        if ((n->flags & PY_AST_FLAG_ASYNC) && !sc->is_coroutine) {
            syntax_error(c, n->line, "'async for' outside async function");
        }
        scan_expr(c, sc, n->b);
        scan_target(c, sc, n->a, 0);
        scan_stmts(c, sc, n->c);
        scan_stmts(c, sc, n->d);
        break;
    case PY_AST_TRY:
        scan_stmts(c, sc, n->a);
        for (py_node *h = n->b; h != NULL; h = h->next) {
            scan_expr(c, sc, h->a);
            if (h->name != 0) {
                note_bind(c, sc, h->name, h->line, 0);
            }
            scan_stmts(c, sc, h->b);
        }
        scan_stmts(c, sc, n->c);
        scan_stmts(c, sc, n->d);
        break;
    case PY_AST_WITH:
        if ((n->flags & PY_AST_FLAG_ASYNC) && !sc->is_coroutine) {
            syntax_error(c, n->line, "'async with' outside async function");
        }
        for (py_node *item = n->a; item != NULL; item = item->next) {
            scan_expr(c, sc, item->a);
            if (item->b != NULL) {
                scan_target(c, sc, item->b, 0);
            }
        }
        scan_stmts(c, sc, n->b);
        break;
    case PY_AST_FUNCDEF:
        scan_function(c, sc, n);
        break;
    case PY_AST_CLASSDEF:
        scan_class(c, sc, n);
        break;
    default:
        break; /* pass, break, continue */
    }
}

static void scan_stmts(compiler *c, scope *sc, py_node *list) {
    for (py_node *n = list; n != NULL; n = n->next) {
        scan_stmt(c, sc, n);
    }
}

/* ---------------------------------------------------------------- pass 1b: resolving names */

enum { OUTER_NOT_FOUND, OUTER_GLOBAL, OUTER_FOUND };

/* Every scope between `from` (exclusive) and `to` (exclusive) passes the
 * cell of `name` down to its nested code, so it needs a free slot for it. */
static void mark_pass_through(scope *from, scope *to, py_qstr name) {
    for (scope *s = from->parent; s != NULL && s != to; s = s->parent) {
        sym_add(s, name)->flags |= SYM_PASS;
    }
}

/* Looks for the function scope that binds `name`, outward from sc. Class
 * bodies are transparent, except that they provide __class__. */
static int resolve_outward(scope *sc, py_qstr name) {
    for (scope *p = sc->parent; p != NULL; p = p->parent) {
        if (p->kind == SCOPE_MODULE) {
            return OUTER_NOT_FOUND;
        }
        if (p->kind == SCOPE_CLASS) {
            if (name == Q___class__) {
                sym_add(p, name)->flags |= SYM_CLASS_CELL;
                mark_pass_through(sc, p, name);
                return OUTER_FOUND;
            }
            continue;
        }
        symbol *s = sym_lookup(p, name);
        if (s == NULL) {
            continue;
        }
        if (s->flags & SYM_GLOBAL) {
            return OUTER_GLOBAL;
        }
        if ((s->flags & (SYM_BOUND | SYM_PARAM)) && !(s->flags & (SYM_NONLOCAL | SYM_WALRUS))) {
            s->flags |= SYM_CELL;
            mark_pass_through(sc, p, name);
            return OUTER_FOUND;
        }
    }
    return OUTER_NOT_FOUND;
}

static void resolve_symbol(compiler *c, scope *sc, symbol *s) {
    uint16_t f = s->flags;
    if (f & SYM_GLOBAL) {
        s->kind = VAR_GLOBAL;
    } else if (f & SYM_NONLOCAL) {
        if (resolve_outward(sc, s->name) != OUTER_FOUND) {
            syntax_error(c, s->line, "no binding for nonlocal '%s' found", qstr_text(s->name));
        }
        s->kind = VAR_FREE;
    } else if (f & SYM_WALRUS) {
        s->kind = resolve_outward(sc, s->name) == OUTER_FOUND ? VAR_FREE : VAR_GLOBAL;
    } else if (f & (SYM_BOUND | SYM_PARAM)) {
        s->kind = is_function_scope(sc) ? VAR_LOCAL : VAR_NAME;
    } else if (f & SYM_USED) {
        if (sc->kind == SCOPE_MODULE) {
            s->kind = VAR_NAME;
        } else if (resolve_outward(sc, s->name) == OUTER_FOUND) {
            s->kind = VAR_FREE;
        } else {
            s->kind = sc->kind == SCOPE_CLASS ? VAR_NAME : VAR_GLOBAL;
        }
    } else {
        /* only passed through (added by a nested scope's resolution) */
        s->kind = is_function_scope(sc) ? VAR_GLOBAL : VAR_NAME;
    }
}

static void resolve_scope(compiler *c, scope *sc) {
    py_stack_check();
    /* symbols added to this scope while resolving are pass-throughs only */
    uint32_t n = sc->n_syms;
    for (uint32_t i = 0; i < n; i++) {
        resolve_symbol(c, sc, &sc->syms[i]);
    }
    for (scope *child = sc->first_child; child != NULL; child = child->next_sibling) {
        resolve_scope(c, child);
    }
}

static uint16_t param_index(const scope *sc, py_qstr name) {
    for (uint16_t i = 0; i < sc->n_params; i++) {
        if (sc->params[i] == name) {
            return i;
        }
    }
    return NO_SLOT;
}

static bool needs_free_slot(const symbol *s) {
    return s->kind == VAR_FREE ||
           ((s->flags & SYM_PASS) && s->kind != VAR_LOCAL && !(s->flags & SYM_CLASS_CELL));
}

/* Numbers the slots: parameters, other locals, cells, free variables. */
static void assign_slots(compiler *c, scope *sc) {
    py_stack_check();
    size_t n_locals = 0, n_cells = 0, n_free = 0;
    if (is_function_scope(sc)) {
        n_locals = sc->n_params;
        for (uint32_t i = 0; i < sc->n_syms; i++) {
            symbol *s = &sc->syms[i];
            if (s->kind != VAR_LOCAL) {
                continue;
            }
            if (s->flags & SYM_PARAM) {
                s->slot = param_index(sc, s->name);
            } else if (!(s->flags & SYM_CELL)) {
                s->slot = (uint16_t)(n_locals < MAX_U16 ? n_locals : MAX_U16);
                n_locals++;
            }
            if (s->flags & SYM_CELL) {
                n_cells++;
            }
        }
    } else if (sc->kind == SCOPE_CLASS) {
        symbol *s = sym_lookup(sc, Q___class__);
        if (s != NULL && (s->flags & SYM_CLASS_CELL)) {
            n_cells = 1;
        }
    }
    for (uint32_t i = 0; i < sc->n_syms; i++) {
        if (needs_free_slot(&sc->syms[i])) {
            n_free++;
        }
    }
    if (n_locals + n_cells + n_free > MAX_U16) {
        syntax_error(c, sc->line, "too many local variables");
    }
    sc->n_locals = (uint16_t)n_locals;
    sc->n_cells = (uint16_t)n_cells;
    sc->n_free = (uint16_t)n_free;
    size_t total = n_locals + n_cells + n_free;
    sc->slot_names = total ? py_gc_alloc(total * sizeof(py_qstr)) : NULL;
    sc->cell2arg = n_cells ? py_gc_alloc_flags(n_cells * sizeof(uint16_t), PY_GC_LEAF) : NULL;
    for (uint16_t i = 0; i < sc->n_params; i++) {
        sc->slot_names[i] = sc->params[i];
    }
    uint16_t cell = sc->n_locals, free_slot = (uint16_t)(sc->n_locals + n_cells);
    for (uint32_t i = 0; i < sc->n_syms; i++) {
        symbol *s = &sc->syms[i];
        if (s->kind == VAR_LOCAL && !(s->flags & SYM_CELL) && !(s->flags & SYM_PARAM)) {
            sc->slot_names[s->slot] = s->name;
        }
        if ((s->kind == VAR_LOCAL && (s->flags & SYM_CELL)) ||
            (sc->kind == SCOPE_CLASS && (s->flags & SYM_CLASS_CELL))) {
            sc->cell2arg[cell - sc->n_locals] =
                (s->flags & SYM_PARAM) ? param_index(sc, s->name) : PY_CODE_NO_ARG;
            sc->slot_names[cell] = s->name;
            if (sc->kind == SCOPE_CLASS) {
                sc->class_cell_slot = cell;
            } else {
                s->kind = VAR_CELL;
                s->slot = cell;
            }
            s->closure_slot = cell;
            cell++;
        }
    }
    for (uint32_t i = 0; i < sc->n_syms; i++) {
        symbol *s = &sc->syms[i];
        if (needs_free_slot(s)) {
            sc->slot_names[free_slot] = s->name;
            if (s->kind == VAR_FREE) {
                s->slot = free_slot;
            }
            if (!(s->flags & SYM_CLASS_CELL)) {
                s->closure_slot = free_slot;
            }
            free_slot++;
        }
    }
    for (scope *child = sc->first_child; child != NULL; child = child->next_sibling) {
        assign_slots(c, child);
    }
}

static void free_scopes(scope *sc) {
    scope *child = sc->first_child;
    while (child != NULL) {
        scope *next = child->next_sibling;
        free_scopes(child);
        child = next;
    }
    if (sc->index != NULL) {
        py_gc_free(sc->index);
    }
    if (sc->syms != NULL) {
        py_gc_free(sc->syms);
    }
    if (sc->params != NULL) {
        py_gc_free(sc->params);
    }
    py_gc_free(sc);
}

/* ---------------------------------------------------------------- emitting */

static int stack_effect(uint8_t op, uint32_t arg, uint8_t extra) {
    switch (op) {
    case PY_OP_LOAD_CONST:
    case PY_OP_LOAD_SMALL_INT:
    case PY_OP_LOAD_NONE:
    case PY_OP_LOAD_TRUE:
    case PY_OP_LOAD_FALSE:
    case PY_OP_LOAD_FAST:
    case PY_OP_LOAD_DEREF:
    case PY_OP_LOAD_CLOSURE:
    case PY_OP_LOAD_NAME:
    case PY_OP_LOAD_GLOBAL:
    case PY_OP_LOAD_METHOD:
    case PY_OP_LOAD_BUILD_CLASS:
    case PY_OP_LOAD_ASSERTION_ERROR:
    case PY_OP_DUP_TOP:
    case PY_OP_BUILD_MAP:
    case PY_OP_IMPORT_FROM:
        return 1;
    case PY_OP_DUP_TOP_TWO:
    case PY_OP_BEFORE_ASYNC_WITH:
        return 2;
    case PY_OP_STORE_FAST:
    case PY_OP_STORE_DEREF:
    case PY_OP_STORE_NAME:
    case PY_OP_STORE_GLOBAL:
    case PY_OP_DELETE_ATTR:
    case PY_OP_LOAD_SUBSCR:
    case PY_OP_POP_TOP:
    case PY_OP_BINARY_OP:
    case PY_OP_LIST_APPEND:
    case PY_OP_SET_ADD:
    case PY_OP_LIST_EXTEND:
    case PY_OP_SET_UPDATE:
    case PY_OP_DICT_UPDATE:
    case PY_OP_DICT_MERGE:
    case PY_OP_POP_JUMP_IF_FALSE:
    case PY_OP_POP_JUMP_IF_TRUE:
    case PY_OP_RETURN_VALUE:
    case PY_OP_YIELD_FROM:
    case PY_OP_RERAISE:
    case PY_OP_IMPORT_NAME:
    case PY_OP_IMPORT_STAR:
    case PY_OP_PRINT_EXPR:
    case PY_OP_ASYNC_WITH_EXIT:
        return -1;
    case PY_OP_STORE_ATTR:
    case PY_OP_DELETE_SUBSCR:
    case PY_OP_STORE_MAP:
    case PY_OP_MAP_ADD:
    case PY_OP_WITH_EXIT_NORMAL:
    case PY_OP_END_ASYNC_FOR:
        return -2;
    case PY_OP_STORE_SUBSCR:
    case PY_OP_WITH_EXCEPT:
        return -3;
    case PY_OP_BUILD_TUPLE:
    case PY_OP_BUILD_LIST:
    case PY_OP_BUILD_SET:
    case PY_OP_BUILD_SLICE:
    case PY_OP_BUILD_STRING:
        return 1 - (int)arg;
    case PY_OP_UNPACK_SEQUENCE:
        return (int)arg - 1;
    case PY_OP_UNPACK_EX:
        return (int)(arg & 0xff) + (int)(arg >> 8);
    case PY_OP_FORMAT_VALUE:
        return (arg & 0x100) ? -1 : 0;
    case PY_OP_MAKE_FUNCTION:
        return 1 - ((extra & 1) + ((extra >> 1) & 1) + ((extra >> 2) & 1));
    case PY_OP_CALL_FUNCTION:
        return -(int)((arg & 0xff) + 2 * (arg >> 8));
    case PY_OP_CALL_METHOD:
        return -(int)((arg & 0xff) + 2 * (arg >> 8) + 1);
    case PY_OP_CALL_FUNCTION_EX:
        return -1 - (int)(arg & 1);
    case PY_OP_RAISE:
        return -(int)arg;
    default:
        /* DELETE_FAST/DEREF/NAME/GLOBAL, LOAD_ATTR, ROT_*, UNARY_OP,
         * LIST_TO_TUPLE, GET_ITER, YIELD_VALUE, GET_YIELD_FROM_ITER,
         * GET_AWAITABLE, GET_AITER, POP_BLOCK, POP_EXCEPT, NOP; jumps are handled
         * apart */
        return 0;
    }
}

static bool ends_flow(uint8_t op) {
    return op == PY_OP_JUMP || op == PY_OP_RETURN_VALUE || op == PY_OP_RAISE || op == PY_OP_RERAISE;
}

static void set_depth(unit *u, int32_t depth) {
    if (depth < 0) {
        compiler_bug("negative stack depth");
    }
    u->depth = depth;
    if (depth > u->max_depth) {
        u->max_depth = depth;
    }
}

static void set_blocks(unit *u, int32_t blocks) {
    if (blocks < 0) {
        compiler_bug("negative block depth");
    }
    u->blocks = blocks;
    if (blocks > u->max_blocks) {
        u->max_blocks = blocks;
    }
}

static void lines_put_varint(unit *u, uint32_t v) {
    do {
        u->lines = grow(u->lines, &u->lines_alloc, u->lines_len + 1, 1);
        uint8_t b = v & 0x7f;
        v >>= 7;
        u->lines[u->lines_len++] = b | (v ? 0x80 : 0);
    } while (v);
}

static void lines_entry(unit *u, uint32_t d_offset, uint32_t from_line, uint32_t to_line) {
    uint64_t zz = to_line >= from_line ? 2 * (uint64_t)(to_line - from_line)
                                       : 2 * (uint64_t)(from_line - to_line) - 1;
    if (zz > UINT32_MAX) {
        return; /* a line delta of over 2^31: the entry is dropped */
    }
    lines_put_varint(u, d_offset);
    lines_put_varint(u, (uint32_t)zz);
}

/* Records that the instruction about to be written at code_len is on `line`. */
static void note_line(unit *u, uint32_t line) {
    if (line == 0 || line == u->lines_line) {
        return;
    }
    if (u->lines_any && u->lines_offset == u->code_len) {
        /* no instruction since the last entry: replace it */
        u->lines_len = u->lines_last_entry;
        u->lines_offset = u->lines_prev_offset;
        u->lines_line = u->lines_prev_line;
        u->lines_any = false;
        if (line == u->lines_line) {
            return;
        }
    }
    u->lines_last_entry = u->lines_len;
    u->lines_prev_offset = u->lines_offset;
    u->lines_prev_line = u->lines_line;
    lines_entry(u, (uint32_t)(u->code_len - u->lines_offset), u->lines_line, line);
    u->lines_offset = (uint32_t)u->code_len;
    u->lines_line = line;
    u->lines_any = true;
}

static void write_instruction(compiler *c, uint8_t op, uint32_t arg, uint8_t extra) {
    unit *u = c->u;
    size_t size = py_bc_size(op);
    if (u->code_len + size > UINT32_MAX) {
        syntax_error(c, 0, "code too large");
    }
    note_line(u, c->line);
    u->code = grow(u->code, &u->code_alloc, u->code_len + size, 1);
    uint8_t *p = u->code + u->code_len;
    p[0] = op;
    switch (py_bc_format[op]) {
    case PY_BC_U16:
        p[1] = (uint8_t)arg;
        p[2] = (uint8_t)(arg >> 8);
        break;
    case PY_BC_U32:
        p[1] = (uint8_t)arg;
        p[2] = (uint8_t)(arg >> 8);
        p[3] = (uint8_t)(arg >> 16);
        p[4] = (uint8_t)(arg >> 24);
        break;
    case PY_BC_U16_U8:
        p[1] = (uint8_t)arg;
        p[2] = (uint8_t)(arg >> 8);
        p[3] = extra;
        break;
    default:
        break;
    }
    u->code_len += size;
}

/* Code after a return, raise or jump that no jump leads to is never run:
 * it is compiled (for its errors) but not emitted. */
static void emit3(compiler *c, uint8_t op, uint32_t arg, uint8_t extra) {
    unit *u = c->u;
    if (u->unreachable) {
        return;
    }
    if (py_bc_format[op] != PY_BC_NONE && arg > MAX_U16) {
        compiler_bug("operand out of range");
    }
    write_instruction(c, op, arg, extra);
    set_depth(u, u->depth + stack_effect(op, arg, extra));
    if (op == PY_OP_POP_BLOCK) {
        set_blocks(u, u->blocks - 1);
    }
    if (ends_flow(op)) {
        u->unreachable = true;
    }
}

static void emit(compiler *c, uint8_t op) { emit3(c, op, 0, 0); }
static void emit_arg(compiler *c, uint8_t op, uint32_t arg) { emit3(c, op, arg, 0); }

static int new_label(compiler *c) {
    unit *u = c->u;
    if (u->n_labels >= INT32_MAX) {
        syntax_error(c, 0, "code too large");
    }
    u->labels = grow(u->labels, &u->labels_alloc, u->n_labels + 1, sizeof(label));
    label *l = &u->labels[u->n_labels];
    l->pos = UINT32_MAX;
    l->depth = -1;
    l->blocks = 0;
    return (int)u->n_labels++;
}

/* A jump reaches `lab` with the given depths. */
static void label_reached(compiler *c, int lab, int32_t depth, int32_t blocks) {
    unit *u = c->u;
    label *l = &u->labels[lab];
    if (depth > u->max_depth) {
        u->max_depth = depth;
    }
    if (l->depth < 0) {
        l->depth = depth;
        l->blocks = blocks;
    } else if (l->depth != depth || l->blocks != blocks) {
        compiler_bug("inconsistent stack depth at a jump target");
    }
}

static void place_label(compiler *c, int lab) {
    unit *u = c->u;
    label *l = &u->labels[lab];
    if (l->pos != UINT32_MAX) {
        compiler_bug("label placed twice");
    }
    l->pos = (uint32_t)u->code_len;
    if (l->depth >= 0) {
        if (!u->unreachable && (l->depth != u->depth || l->blocks != u->blocks)) {
            compiler_bug("inconsistent stack depth at a label");
        }
        set_depth(u, l->depth);
        set_blocks(u, l->blocks);
        u->unreachable = false;
    } else if (!u->unreachable) {
        l->depth = u->depth;
        l->blocks = u->blocks;
    }
    /* else nothing jumps here: what follows stays unreachable (a backward
     * jump to this label could only come from that same dead code) */
}

static void emit_jump(compiler *c, uint8_t op, int lab) {
    unit *u = c->u;
    if (u->unreachable) {
        return;
    }
    int32_t d = u->depth, b = u->blocks;
    int32_t to_depth = d, fall_depth = d, fall_blocks = b;
    switch (op) {
    case PY_OP_JUMP:
        break;
    case PY_OP_POP_JUMP_IF_FALSE:
    case PY_OP_POP_JUMP_IF_TRUE:
        to_depth = fall_depth = d - 1;
        break;
    case PY_OP_JUMP_IF_FALSE_OR_POP:
    case PY_OP_JUMP_IF_TRUE_OR_POP:
        fall_depth = d - 1;
        break;
    case PY_OP_FOR_ITER:
        to_depth = d - 1;
        fall_depth = d + 1;
        break;
    case PY_OP_SETUP_EXCEPT:
    case PY_OP_SETUP_FINALLY:
        to_depth = d + 1; /* the exception */
        fall_blocks = b + 1;
        break;
    case PY_OP_SETUP_WITH:
        to_depth = d + 2; /* exit_fun exit_self exception, in place of the manager */
        fall_depth = d + 2;
        fall_blocks = b + 1;
        break;
    case PY_OP_SETUP_ASYNC_WITH:
        /* exit_fun exit_self exception, the exception in place of the value */
        fall_blocks = b + 1;
        break;
    default:
        compiler_bug("not a jump");
    }
    label_reached(c, lab, to_depth, b);
    write_instruction(c, op, 0, 0);
    u->fixups = grow(u->fixups, &u->fixups_alloc, u->n_fixups + 1, sizeof(fixup));
    u->fixups[u->n_fixups].at = (uint32_t)(u->code_len - 4);
    u->fixups[u->n_fixups].label = (uint32_t)lab;
    u->n_fixups++;
    set_depth(u, fall_depth);
    set_blocks(u, fall_blocks);
    if (op == PY_OP_JUMP) {
        u->unreachable = true;
    }
}

/* ---------------------------------------------------------------- constants and names */

/* Constants that equal ones already in the table share its entry: same
 * type and same value (0.0 and -0.0 differ, 1 and 1.0 and True differ).
 * Only these kinds are shared; tuples and code objects never are. */
static bool const_hash(py_val v, uint32_t *hash) {
    if (py_is_small(v) || py_is_qstr(v)) {
        *hash = py_is_qstr(v) ? py_qstr_hash(py_qstr_of(v)) : (uint32_t)(v * 2654435761u);
        return true;
    }
    const py_type *type = py_type_of(v);
    if (type == &py_type_str || type == &py_type_bytes) {
        size_t len;
        const char *data = py_str_data(v, &len);
        *hash = py_hash_bytes(data, len) ^ (type == &py_type_bytes);
        return true;
    }
    if (type == &py_type_float) {
        py_float_t f = py_get_float(v);
        uint32_t words[sizeof(f) / 4];
        memcpy(words, &f, sizeof(f));
        *hash = 0;
        for (size_t i = 0; i < sizeof(f) / 4; i++) {
            *hash = (*hash ^ words[i]) * 16777619u;
        }
        return true;
    }
    return false;
}

static bool same_const(py_val a, py_val b) {
    if (a == b) {
        return true;
    }
    const py_type *ta = py_type_of(a), *tb = py_type_of(b);
    if (ta != tb) {
        return false;
    }
    if (ta == &py_type_str || ta == &py_type_bytes) {
        size_t la, lb;
        const char *da = py_str_data(a, &la), *db = py_str_data(b, &lb);
        return la == lb && memcmp(da, db, la) == 0;
    }
    if (ta == &py_type_float) {
        py_float_t fa = py_get_float(a), fb = py_get_float(b);
        return memcmp(&fa, &fb, sizeof(fa)) == 0;
    }
    return false;
}

/* Tables up to this size are searched linearly. */
#define SMALL_TABLE 16

/* An open-addressing table of (index + 1) over an array, rebuilt when it
 * gets half full; hash_of gives each entry's hash (false: not indexed). */
typedef bool (*hash_fn)(const void *array, size_t i, uint32_t *hash);

static void index_grow(uint32_t **table, size_t *size, const void *array, size_t n,
                       hash_fn hash_of) {
    size_t new_size = *size ? *size * 2 : 64;
    while (new_size < n * 2 + 2) {
        new_size *= 2;
    }
    if (*table != NULL) {
        py_gc_free(*table);
    }
    *table = py_gc_alloc_flags(new_size * sizeof(uint32_t), PY_GC_LEAF);
    *size = new_size;
    for (size_t i = 0; i < n; i++) {
        uint32_t h;
        if (hash_of(array, i, &h)) {
            size_t slot = h & (new_size - 1);
            while ((*table)[slot] != 0) {
                slot = (slot + 1) & (new_size - 1);
            }
            (*table)[slot] = (uint32_t)(i + 1);
        }
    }
}

static bool const_entry_hash(const void *array, size_t i, uint32_t *hash) {
    return const_hash(((const py_val *)array)[i], hash);
}

static bool name_entry_hash(const void *array, size_t i, uint32_t *hash) {
    *hash = py_qstr_hash(((const py_qstr *)array)[i]);
    return true;
}

/* Where an entry with this hash goes in the table: its slot, or the free
 * slot after the matches that `same` rejected. */
static size_t index_probe(const uint32_t *table, size_t size, uint32_t hash, const void *array,
                          bool (*same)(const void *array, size_t i, const void *key),
                          const void *key, size_t *found) {
    size_t slot = hash & (size - 1);
    *found = SIZE_MAX;
    while (table[slot] != 0) {
        if (same(array, table[slot] - 1, key)) {
            *found = table[slot] - 1;
            return slot;
        }
        slot = (slot + 1) & (size - 1);
    }
    return slot;
}

static bool const_entry_same(const void *array, size_t i, const void *key) {
    return same_const(((const py_val *)array)[i], *(const py_val *)key);
}

static bool name_entry_same(const void *array, size_t i, const void *key) {
    return ((const py_qstr *)array)[i] == *(const py_qstr *)key;
}

static uint16_t add_const(compiler *c, py_val v, bool share) {
    unit *u = c->u;
    uint32_t hash = 0;
    share = share && const_hash(v, &hash);
    size_t slot = 0;
    if (share && u->n_consts < SMALL_TABLE && u->const_index == NULL) {
        for (size_t i = 0; i < u->n_consts; i++) {
            if (same_const(u->consts[i], v)) {
                return (uint16_t)i;
            }
        }
        share = false; /* appended below, indexed once the table grows */
    } else if (share) {
        if (u->const_index_size < u->n_consts * 2 + 2) {
            index_grow(&u->const_index, &u->const_index_size, u->consts, u->n_consts,
                       const_entry_hash);
        }
        size_t found;
        slot = index_probe(u->const_index, u->const_index_size, hash, u->consts, const_entry_same,
                           &v, &found);
        if (found != SIZE_MAX) {
            return (uint16_t)found;
        }
    }
    if (u->n_consts >= MAX_U16) {
        syntax_error(c, 0, "too many constants");
    }
    u->consts = grow(u->consts, &u->consts_alloc, u->n_consts + 1, sizeof(py_val));
    u->consts[u->n_consts] = v;
    if (share) {
        u->const_index[slot] = (uint32_t)(u->n_consts + 1);
    }
    return (uint16_t)u->n_consts++;
}

static uint16_t add_name(compiler *c, py_qstr q) {
    unit *u = c->u;
    size_t slot = SIZE_MAX;
    if (u->n_names < SMALL_TABLE && u->name_index == NULL) {
        for (size_t i = 0; i < u->n_names; i++) {
            if (u->names[i] == q) {
                return (uint16_t)i;
            }
        }
    } else {
        if (u->name_index_size < u->n_names * 2 + 2) {
            index_grow(&u->name_index, &u->name_index_size, u->names, u->n_names, name_entry_hash);
        }
        size_t found;
        slot = index_probe(u->name_index, u->name_index_size, py_qstr_hash(q), u->names,
                           name_entry_same, &q, &found);
        if (found != SIZE_MAX) {
            return (uint16_t)found;
        }
    }
    if (u->n_names >= MAX_U16) {
        syntax_error(c, 0, "too many names");
    }
    u->names = grow(u->names, &u->names_alloc, u->n_names + 1, sizeof(py_qstr));
    u->names[u->n_names] = q;
    if (slot != SIZE_MAX) {
        u->name_index[slot] = (uint32_t)(u->n_names + 1);
    }
    return (uint16_t)u->n_names++;
}

static void load_const(compiler *c, py_val v) {
    if (v == PY_NONE) {
        emit(c, PY_OP_LOAD_NONE);
    } else if (v == PY_TRUE) {
        emit(c, PY_OP_LOAD_TRUE);
    } else if (v == PY_FALSE) {
        emit(c, PY_OP_LOAD_FALSE);
    } else if (py_is_small(v) && py_small_value(v) >= INT16_MIN && py_small_value(v) <= INT16_MAX) {
        emit_arg(c, PY_OP_LOAD_SMALL_INT, (uint16_t)(int16_t)py_small_value(v));
    } else {
        emit_arg(c, PY_OP_LOAD_CONST, add_const(c, v, true));
    }
}

enum { CTX_LOAD, CTX_STORE, CTX_DEL };

static const uint8_t name_ops[5][3] = {
    [VAR_NAME] = {PY_OP_LOAD_NAME, PY_OP_STORE_NAME, PY_OP_DELETE_NAME},
    [VAR_LOCAL] = {PY_OP_LOAD_FAST, PY_OP_STORE_FAST, PY_OP_DELETE_FAST},
    [VAR_CELL] = {PY_OP_LOAD_DEREF, PY_OP_STORE_DEREF, PY_OP_DELETE_DEREF},
    [VAR_FREE] = {PY_OP_LOAD_DEREF, PY_OP_STORE_DEREF, PY_OP_DELETE_DEREF},
    [VAR_GLOBAL] = {PY_OP_LOAD_GLOBAL, PY_OP_STORE_GLOBAL, PY_OP_DELETE_GLOBAL},
};

static var_kind name_kind(compiler *c, py_qstr name, symbol **sym) {
    scope *sc = c->u->sc;
    symbol *s = sym_lookup(sc, name);
    *sym = s;
    if (s != NULL) {
        return (var_kind)s->kind;
    }
    return is_function_scope(sc) ? VAR_GLOBAL : VAR_NAME;
}

static void emit_name(compiler *c, py_qstr name, int ctx) {
    symbol *s;
    var_kind kind = name_kind(c, name, &s);
    uint8_t op = name_ops[kind][ctx];
    if (kind == VAR_LOCAL || kind == VAR_CELL || kind == VAR_FREE) {
        emit_arg(c, op, s->slot);
    } else {
        emit_arg(c, op, add_name(c, name));
    }
}

/* ---------------------------------------------------------------- constant folding */

#define FOLD_LIMIT ((long long)1 << 31)

static bool fold_int(py_node *n, long long *out);

/* The left spine of an operator chain, top first: a+b+c+... is a tree that
 * leans left as deep as the chain is long, so the passes over it walk the
 * spine in a loop instead of recursing (a generated 300-term sum must not
 * need 300 C frames). Short chains use the caller's buffer of BINOP_SPINE
 * entries; longer ones a heap array, released with binop_spine_free. */
#define BINOP_SPINE 16

static py_node **binop_spine(py_node *n, py_node **buf, size_t *depth) {
    size_t len = 0;
    for (py_node *m = n; m->kind == PY_AST_BINOP; m = m->a) {
        len++;
    }
    py_node **spine = len <= BINOP_SPINE ? buf : py_gc_alloc(len * sizeof(py_node *));
    size_t i = 0;
    for (py_node *m = n; m->kind == PY_AST_BINOP; m = m->a) {
        spine[i++] = m;
    }
    *depth = len;
    return spine;
}

static void binop_spine_free(py_node **spine, py_node **buf) {
    if (spine != buf) {
        py_gc_free(spine);
    }
}

static bool fold_op(int op, long long a, long long b, long long *out) {
    long long r;
    switch (op) {
    case PY_BINOP_ADD:
        r = a + b;
        break;
    case PY_BINOP_SUB:
        r = a - b;
        break;
    case PY_BINOP_MUL:
        r = a * b;
        break;
    case PY_BINOP_FLOORDIV:
    case PY_BINOP_MOD:
        if (b == 0) {
            return false; /* ZeroDivisionError at run time */
        }
        if (op == PY_BINOP_FLOORDIV) {
            r = a / b;
            if (a % b != 0 && ((a < 0) != (b < 0))) {
                r--;
            }
        } else {
            r = a % b;
            if (r != 0 && ((r < 0) != (b < 0))) {
                r += b;
            }
        }
        break;
    case PY_BINOP_POW:
        if (b < 0) {
            return false; /* a float */
        }
        if (a == 0 || a == 1) {
            r = (a == 1 || b == 0) ? 1 : 0;
        } else if (a == -1) {
            r = b % 2 ? -1 : 1;
        } else if (b > 62) {
            return false; /* |a| >= 2: far too big */
        } else {
            r = 1;
            for (long long i = 0; i < b; i++) {
                r *= a;
                if (r > FOLD_LIMIT || r < -FOLD_LIMIT) {
                    return false;
                }
            }
        }
        break;
    case PY_BINOP_LSHIFT:
        if (b < 0 || b > 31) {
            return false;
        }
        r = a * ((long long)1 << b);
        break;
    case PY_BINOP_RSHIFT:
        if (b < 0) {
            return false; /* ValueError at run time */
        }
        if (b > 62) {
            r = a < 0 ? -1 : 0;
        } else if (a >= 0) {
            r = a / ((long long)1 << b);
        } else {
            r = -((-a - 1) / ((long long)1 << b)) - 1; /* rounds toward minus infinity */
        }
        break;
    case PY_BINOP_AND:
        r = a & b;
        break;
    case PY_BINOP_OR:
        r = a | b;
        break;
    case PY_BINOP_XOR:
        r = a ^ b;
        break;
    default:
        return false;
    }
    if (r > FOLD_LIMIT || r < -FOLD_LIMIT) {
        return false;
    }
    *out = r;
    return true;
}

/* Whether n is an int expression on small ints that can be computed now with
 * exactly the run-time result: no errors, no floats, nothing large. */
static bool fold_int(py_node *n, long long *out) {
    py_stack_check();
    switch (n->kind) {
    case PY_AST_CONST:
        if (py_is_small(n->value)) {
            long long v = py_small_value(n->value); /* wider than a 32-bit small int */
            if (v <= FOLD_LIMIT && v >= -FOLD_LIMIT) {
                *out = v;
                return true;
            }
        }
        return false;
    case PY_AST_UNARYOP: {
        long long v;
        if (!fold_int(n->a, &v)) {
            return false;
        }
        switch (n->op) {
        case PY_UNOP_POS:
            *out = v;
            return true;
        case PY_UNOP_NEG:
            *out = -v;
            return true;
        case PY_UNOP_INVERT:
            *out = -v - 1;
            return *out >= -FOLD_LIMIT;
        default:
            return false;
        }
    }
    case PY_AST_BINOP: {
        py_node *buf[BINOP_SPINE];
        size_t depth;
        py_node **spine = binop_spine(n, buf, &depth);
        long long acc, b;
        bool ok = fold_int(spine[depth - 1]->a, &acc);
        for (size_t i = depth; ok && i-- > 0;) {
            ok = fold_int(spine[i]->b, &b) && fold_op(spine[i]->op, acc, b, &acc);
        }
        binop_spine_free(spine, buf);
        *out = acc;
        return ok;
    }
    default:
        return false;
    }
}

static py_val const_value(py_node *n);

/* A tuple of the constant expressions in a list (or of every item's
 * default when `defaults`: the `a` of each positional PY_AST_ARG). */
static py_val const_tuple(py_node *list, bool defaults) {
    size_t len = 0;
    for (py_node *item = list; item != NULL; item = item->next) {
        len += !defaults || (item->a != NULL && item->op != PY_ARG_KWONLY);
    }
    py_val tuple = py_tuple_new(len, NULL);
    py_val *items = ((py_tuple *)py_ptr(tuple))->items;
    size_t i = 0;
    for (py_node *item = list; item != NULL; item = item->next) {
        if (!defaults) {
            items[i++] = const_value(item);
        } else if (item->a != NULL && item->op != PY_ARG_KWONLY) {
            items[i++] = const_value(item->a);
        }
    }
    return tuple;
}

static bool is_float_const(py_val v) { return py_is_obj(v) && py_type_of(v) == &py_type_float; }

static bool is_negated_float(py_node *n) {
    return n->kind == PY_AST_UNARYOP && n->op == PY_UNOP_NEG && n->a->kind == PY_AST_CONST &&
           is_float_const(n->a->value);
}

/* Whether n is a constant expression: a literal, an int expression that
 * folds to a small int, a negated float literal, or a tuple of those. */
static bool is_const_expr(py_node *n) {
    py_stack_check();
    long long r;
    switch (n->kind) {
    case PY_AST_CONST:
        return true;
    case PY_AST_UNARYOP:
    case PY_AST_BINOP:
        return is_negated_float(n) || (fold_int(n, &r) && PY_SMALL_FITS(r));
    case PY_AST_TUPLE:
        for (py_node *item = n->a; item != NULL; item = item->next) {
            if (!is_const_expr(item)) {
                return false;
            }
        }
        return true;
    default:
        return false;
    }
}

/* The value of an expression that is_const_expr accepted. */
static py_val const_value(py_node *n) {
    py_stack_check();
    long long r = 0;
    switch (n->kind) {
    case PY_AST_CONST:
        return n->value;
    case PY_AST_TUPLE:
        return const_tuple(n->a, false);
    default:
        if (is_negated_float(n)) {
            return py_float_new(-py_get_float(n->a->value));
        }
        fold_int(n, &r);
        return PY_SMALL(r);
    }
}

/* ---------------------------------------------------------------- expressions */

static void compile_expr(compiler *c, py_node *n);
static void compile_store(compiler *c, py_node *t);
static void compile_stmts(compiler *c, py_node *list);
static void compile_function(compiler *c, py_node *n);
static void compile_comprehension(compiler *c, py_node *n);

/* await <top of the stack> */
static void emit_await(compiler *c) {
    emit(c, PY_OP_GET_AWAITABLE);
    emit(c, PY_OP_LOAD_NONE);
    emit(c, PY_OP_YIELD_FROM);
}

/* The truth of a constant: 1, 0, or -1 when it takes a call to know. */
static int const_truth(py_val v) {
    if (v == PY_NONE || v == PY_FALSE) {
        return 0;
    }
    if (v == PY_TRUE || v == PY_ELLIPSIS) {
        return 1;
    }
    if (py_is_small(v)) {
        return py_small_value(v) != 0;
    }
    if (py_is_qstr(v)) {
        return py_qstr_len(py_qstr_of(v)) != 0;
    }
    return -1;
}

/* Conditional jump: to `lab` when the truth of n equals `when`. */
static void compile_jump_if(compiler *c, py_node *n, bool when, int lab) {
    py_stack_check();
    uint32_t saved_line = c->line;
    if (n->line) {
        c->line = n->line;
    }
    switch (n->kind) {
    case PY_AST_UNARYOP:
        if (n->op == PY_UNOP_NOT) {
            compile_jump_if(c, n->a, !when, lab);
            c->line = saved_line;
            return;
        }
        break;
    case PY_AST_BOOLOP: {
        /* `a and b` is false as soon as one is false; `a or b` true as soon
         * as one is true. */
        bool short_when = n->op == PY_AST_OP_OR;
        int skip = when == short_when ? lab : new_label(c);
        for (py_node *op = n->a; op != NULL; op = op->next) {
            if (op->next == NULL) {
                compile_jump_if(c, op, when, lab);
            } else {
                compile_jump_if(c, op, short_when, skip);
            }
        }
        if (skip != lab) {
            place_label(c, skip);
        }
        c->line = saved_line;
        return;
    }
    case PY_AST_CONST: {
        int truth = const_truth(n->value);
        if (truth >= 0) {
            if ((truth == 1) == when) {
                emit_jump(c, PY_OP_JUMP, lab);
            }
            c->line = saved_line;
            return;
        }
        break;
    }
    default:
        break;
    }
    compile_expr(c, n);
    emit_jump(c, when ? PY_OP_POP_JUMP_IF_TRUE : PY_OP_POP_JUMP_IF_FALSE, lab);
    c->line = saved_line;
}

static void compile_boolop(compiler *c, py_node *n) {
    int end = new_label(c);
    uint8_t op = n->op == PY_AST_OP_AND ? PY_OP_JUMP_IF_FALSE_OR_POP : PY_OP_JUMP_IF_TRUE_OR_POP;
    for (py_node *v = n->a; v != NULL; v = v->next) {
        compile_expr(c, v);
        if (v->next != NULL) {
            c->line = n->line;
            emit_jump(c, op, end);
        }
    }
    place_label(c, end);
}

/* `x in [a, 1]` and `for x in [a, 1]` need no list: a tuple does the same,
 * and is a constant when the items are. */
static void compile_iterable(compiler *c, py_node *n) {
    bool starred = false;
    for (py_node *item = n->kind == PY_AST_LIST ? n->a : NULL; item != NULL; item = item->next) {
        starred |= item->kind == PY_AST_STARRED;
    }
    if (n->kind == PY_AST_LIST && !starred) {
        py_node tuple = *n;
        tuple.kind = PY_AST_TUPLE;
        compile_expr(c, &tuple);
        return;
    }
    compile_expr(c, n);
}

static void compile_compare(compiler *c, py_node *n) {
    compile_expr(c, n->a);
    int cleanup = NO_LABEL;
    for (py_node *op = n->b; op != NULL; op = op->next) {
        /* a middle operand is also the left side of the next comparison:
         * it must stay what it is */
        if ((op->op == PY_BINOP_IN || op->op == PY_BINOP_NOT_IN) && op->next == NULL) {
            compile_iterable(c, op->a);
        } else {
            compile_expr(c, op->a);
        }
        c->line = op->line ? op->line : n->line;
        if (op->next != NULL) {
            if (cleanup == NO_LABEL) {
                cleanup = new_label(c);
            }
            emit(c, PY_OP_DUP_TOP);
            emit(c, PY_OP_ROT_THREE);
            emit_arg(c, PY_OP_BINARY_OP, op->op);
            emit_jump(c, PY_OP_JUMP_IF_FALSE_OR_POP, cleanup);
        } else {
            emit_arg(c, PY_OP_BINARY_OP, op->op);
        }
    }
    if (cleanup != NO_LABEL) {
        int end = new_label(c);
        emit_jump(c, PY_OP_JUMP, end);
        place_label(c, cleanup);
        emit(c, PY_OP_ROT_TWO); /* drop the middle operand under the false result */
        emit(c, PY_OP_POP_TOP);
        place_label(c, end);
    }
}

static void compile_slice(compiler *c, py_node *n) {
    if (n->a) {
        compile_expr(c, n->a);
    } else {
        emit(c, PY_OP_LOAD_NONE);
    }
    if (n->b) {
        compile_expr(c, n->b);
    } else {
        emit(c, PY_OP_LOAD_NONE);
    }
    if (n->c) {
        compile_expr(c, n->c);
    }
    c->line = n->line ? n->line : c->line;
    emit_arg(c, PY_OP_BUILD_SLICE, n->c ? 3 : 2);
}

static void compile_index(compiler *c, py_node *n);

static bool has_slice_item(py_node *n) {
    for (py_node *item = n->a; item != NULL; item = item->next) {
        if (item->kind == PY_AST_SLICE) {
            return true;
        }
    }
    return false;
}

/* The index of a subscript: slices become slice objects; x[a:b, c] a tuple. */
static void compile_index(compiler *c, py_node *n) {
    py_stack_check();
    uint32_t saved_line = c->line;
    if (n->kind == PY_AST_SLICE) {
        compile_slice(c, n);
    } else if (n->kind == PY_AST_TUPLE && has_slice_item(n)) {
        size_t len = 0;
        for (py_node *item = n->a; item != NULL; item = item->next, len++) {
            if (item->kind == PY_AST_STARRED) {
                syntax_error(c, item->line, "invalid syntax");
            }
            if (len >= MAX_U16) {
                syntax_error(c, n->line, "too many items in index");
            }
            compile_index(c, item);
        }
        c->line = n->line ? n->line : saved_line;
        emit_arg(c, PY_OP_BUILD_TUPLE, (uint32_t)len);
    } else {
        compile_expr(c, n);
    }
    c->line = saved_line;
}

/* List, tuple and set displays, with *x items. */
static void compile_sequence(compiler *c, py_node *n) {
    size_t len = 0;
    bool star = false, all_const = true;
    for (py_node *item = n->a; item != NULL; item = item->next) {
        len++;
        star |= item->kind == PY_AST_STARRED;
        all_const &= item->kind == PY_AST_CONST;
    }
    bool is_set = n->kind == PY_AST_SET;
    uint8_t build = is_set ? PY_OP_BUILD_SET : PY_OP_BUILD_LIST;
    if (!star && len <= 32) {
        for (py_node *item = n->a; item != NULL; item = item->next) {
            compile_expr(c, item);
        }
        c->line = n->line ? n->line : c->line;
        emit_arg(c, n->kind == PY_AST_TUPLE ? PY_OP_BUILD_TUPLE : build, (uint32_t)len);
        return;
    }
    /* Long or starred displays grow one container instead of piling every
     * item on the value stack. */
    c->line = n->line ? n->line : c->line;
    if (!star && all_const) {
        emit_arg(c, build, 0);
        emit_arg(c, PY_OP_LOAD_CONST, add_const(c, const_tuple(n->a, false), false));
        emit(c, is_set ? PY_OP_SET_UPDATE : PY_OP_LIST_EXTEND);
        if (n->kind == PY_AST_TUPLE) {
            emit(c, PY_OP_LIST_TO_TUPLE);
        }
        return;
    }
    size_t lead = 0;
    py_node *item = n->a;
    for (; item != NULL && item->kind != PY_AST_STARRED && lead < 32; item = item->next) {
        compile_expr(c, item);
        lead++;
    }
    c->line = n->line ? n->line : c->line;
    emit_arg(c, build, (uint32_t)lead);
    for (; item != NULL; item = item->next) {
        if (item->kind == PY_AST_STARRED) {
            compile_expr(c, item->a);
            c->line = item->line ? item->line : n->line;
            emit(c, is_set ? PY_OP_SET_UPDATE : PY_OP_LIST_EXTEND);
        } else {
            compile_expr(c, item);
            emit_arg(c, is_set ? PY_OP_SET_ADD : PY_OP_LIST_APPEND, 1);
        }
    }
    if (n->kind == PY_AST_TUPLE) {
        emit(c, PY_OP_LIST_TO_TUPLE);
    }
}

static void compile_dict(compiler *c, py_node *n) {
    size_t hint = 0;
    for (py_node *item = n->a; item != NULL; item = item->next) {
        hint += item->kind == PY_AST_KEYVALUE;
    }
    emit_arg(c, PY_OP_BUILD_MAP, hint > MAX_U16 ? MAX_U16 : (uint32_t)hint);
    for (py_node *item = n->a; item != NULL; item = item->next) {
        if (item->kind == PY_AST_DSTAR) {
            compile_expr(c, item->a);
            c->line = item->line ? item->line : n->line;
            emit(c, PY_OP_DICT_UPDATE);
        } else {
            compile_expr(c, item->a);
            compile_expr(c, item->b);
            c->line = item->line ? item->line : n->line;
            emit(c, PY_OP_STORE_MAP);
        }
    }
}

/* f-strings: the pieces are formatted and joined; BUILD_STRING takes at most
 * 255 pieces at a time so the stack stays short. */
static void compile_joined(compiler *c, py_node *n) {
    size_t pending = 0, pieces = 0;
    for (py_node *part = n->a; part != NULL; part = part->next) {
        if (part->kind == PY_AST_FORMATTED) {
            compile_expr(c, part->a);
            if (part->b != NULL) {
                compile_expr(c, part->b);
            }
            c->line = part->line ? part->line : n->line;
            uint32_t conv = part->op;
            if (conv != 0 && conv != 's' && conv != 'r' && conv != 'a') {
                syntax_error(c, part->line, "invalid conversion character");
            }
            emit_arg(c, PY_OP_FORMAT_VALUE, conv | (part->b != NULL ? 0x100 : 0));
        } else if (part->kind == PY_AST_CONST) {
            load_const(c, part->value);
        } else {
            syntax_error(c, part->line, "invalid syntax");
        }
        pieces++;
        if (++pending == 255 && part->next != NULL) {
            emit_arg(c, PY_OP_BUILD_STRING, (uint32_t)pending);
            pending = 1;
        }
    }
    c->line = n->line ? n->line : c->line;
    if (pieces == 0) {
        load_const(c, PY_QSTR(Q_));
    } else if (pending > 1) {
        emit_arg(c, PY_OP_BUILD_STRING, (uint32_t)pending);
    }
}

/* ---- calls */

typedef struct call_shape {
    size_t n_pos, n_kw;
    bool star, dstar;
} call_shape;

static void check_call_args(compiler *c, py_node *args, call_shape *shape) {
    memset(shape, 0, sizeof(*shape));
    for (py_node *a = args; a != NULL; a = a->next) {
        switch (a->kind) {
        case PY_AST_KEYWORD:
            for (py_node *b = args; b != a; b = b->next) {
                if (b->kind == PY_AST_KEYWORD && b->name == a->name) {
                    syntax_error(c, a->line, "keyword argument repeated");
                }
            }
            shape->n_kw++;
            break;
        case PY_AST_DSTAR:
            shape->dstar = true;
            break;
        case PY_AST_STARRED:
            if (shape->dstar) {
                syntax_error(c, a->line,
                             "iterable argument unpacking follows keyword argument unpacking");
            }
            shape->star = true;
            break;
        default:
            if (shape->dstar) {
                syntax_error(c, a->line, "positional argument follows keyword argument unpacking");
            }
            if (shape->n_kw) {
                syntax_error(c, a->line, "positional argument follows keyword argument");
            }
            shape->n_pos++;
            break;
        }
    }
}

/* Pushes the arguments and emits the call. `pushed` positional arguments
 * are already on the stack above the callable (the class body function
 * and name for __build_class__). */
static void compile_call_args(compiler *c, py_node *call, py_node *args, size_t pushed,
                              uint8_t call_op) {
    call_shape shape;
    check_call_args(c, args, &shape);
    uint32_t line = call->line ? call->line : c->line;
    if (!shape.star && !shape.dstar && shape.n_pos + pushed <= 255 && shape.n_kw <= 255) {
        for (py_node *a = args; a != NULL; a = a->next) {
            if (a->kind != PY_AST_KEYWORD) {
                compile_expr(c, a);
            }
        }
        for (py_node *a = args; a != NULL; a = a->next) {
            if (a->kind == PY_AST_KEYWORD) {
                c->line = a->line ? a->line : line;
                emit_arg(c, PY_OP_LOAD_CONST, add_const(c, PY_QSTR(a->name), true));
                compile_expr(c, a->a);
            }
        }
        c->line = line;
        emit_arg(c, call_op, (uint32_t)(shape.n_pos + pushed) | (uint32_t)shape.n_kw << 8);
        return;
    }
    /* The general form: a list of positional arguments and a dict of
     * keyword arguments. */
    size_t lead = 0;
    py_node *a = args;
    if (pushed == 0) {
        for (; a != NULL && a->kind != PY_AST_STARRED && a->kind != PY_AST_KEYWORD &&
               a->kind != PY_AST_DSTAR && lead < 32;
             a = a->next) {
            compile_expr(c, a);
            lead++;
        }
    }
    c->line = line;
    emit_arg(c, PY_OP_BUILD_LIST, (uint32_t)(pushed + lead));
    for (; a != NULL; a = a->next) {
        if (a->kind == PY_AST_STARRED) {
            compile_expr(c, a->a);
            c->line = a->line ? a->line : line;
            emit(c, PY_OP_LIST_EXTEND);
        } else if (a->kind != PY_AST_KEYWORD && a->kind != PY_AST_DSTAR) {
            compile_expr(c, a);
            c->line = line;
            emit_arg(c, PY_OP_LIST_APPEND, 1);
        }
    }
    bool kwargs = shape.n_kw != 0 || shape.dstar;
    if (kwargs) {
        c->line = line;
        emit_arg(c, PY_OP_BUILD_MAP, shape.n_kw > MAX_U16 ? MAX_U16 : (uint32_t)shape.n_kw);
        /* Keywords before the first ** cannot clash (the parser refuses a
         * repeated name); from there on each one is merged like a mapping,
         * so that f(**d, a=1) and f(a=1, **d) refuse an 'a' in d. */
        bool merging = false;
        for (a = args; a != NULL; a = a->next) {
            if (a->kind == PY_AST_KEYWORD) {
                c->line = a->line ? a->line : line;
                if (merging) {
                    emit_arg(c, PY_OP_BUILD_MAP, 1);
                }
                emit_arg(c, PY_OP_LOAD_CONST, add_const(c, PY_QSTR(a->name), true));
                compile_expr(c, a->a);
                emit(c, PY_OP_STORE_MAP);
                if (merging) {
                    emit(c, PY_OP_DICT_MERGE);
                }
            } else if (a->kind == PY_AST_DSTAR) {
                compile_expr(c, a->a);
                c->line = a->line ? a->line : line;
                emit(c, PY_OP_DICT_MERGE);
                merging = true;
            }
        }
    }
    c->line = line;
    emit_arg(c, PY_OP_CALL_FUNCTION_EX, kwargs);
}

/* super() in a method means super(__class__, <first parameter>). */
static bool compile_zero_arg_super(compiler *c, py_node *n) {
    scope *sc = c->u->sc;
    if (n->b != NULL || n->a->kind != PY_AST_NAME || n->a->name != Q_super ||
        sc->kind != SCOPE_FUNCTION || sc->n_pos == 0) {
        return false;
    }
    symbol *s;
    if (name_kind(c, Q_super, &s) != VAR_GLOBAL || (s && (s->flags & SYM_GLOBAL))) {
        return false;
    }
    symbol *cls;
    if (name_kind(c, Q___class__, &cls) != VAR_FREE) {
        return false;
    }
    emit_name(c, Q_super, CTX_LOAD);
    emit_name(c, Q___class__, CTX_LOAD);
    emit_name(c, sc->params[0], CTX_LOAD);
    emit_arg(c, PY_OP_CALL_FUNCTION, 2);
    return true;
}

static void compile_call(compiler *c, py_node *n) {
    if (compile_zero_arg_super(c, n)) {
        return;
    }
    py_node *callee = n->a;
    call_shape shape;
    check_call_args(c, n->b, &shape);
    if (callee->kind == PY_AST_ATTRIBUTE && !shape.star && !shape.dstar && shape.n_pos <= 255 &&
        shape.n_kw <= 255) {
        compile_expr(c, callee->a);
        c->line = callee->line ? callee->line : n->line;
        emit_arg(c, PY_OP_LOAD_METHOD, add_name(c, callee->name));
        compile_call_args(c, n, n->b, 0, PY_OP_CALL_METHOD);
        return;
    }
    compile_expr(c, callee);
    compile_call_args(c, n, n->b, 0, PY_OP_CALL_FUNCTION);
}

static void compile_ifexp(compiler *c, py_node *n) {
    int orelse = new_label(c), end = new_label(c);
    compile_jump_if(c, n->a, false, orelse);
    int32_t depth = c->u->depth;
    compile_expr(c, n->b);
    emit_jump(c, PY_OP_JUMP, end);
    if (c->u->labels[orelse].depth < 0) {
        set_depth(c->u, depth); /* `x if True else y`: y is dead code */
    }
    place_label(c, orelse);
    compile_expr(c, n->c);
    place_label(c, end);
}

static void compile_unary(compiler *c, py_node *n) {
    if (is_const_expr(n)) {
        load_const(c, const_value(n));
        return;
    }
    compile_expr(c, n->a);
    c->line = n->line ? n->line : c->line;
    emit_arg(c, PY_OP_UNARY_OP, n->op);
}

/* Down the left spine in a loop (binop_spine): the topmost part of the
 * chain that folds to a small int becomes one constant, found bottom-up in
 * one pass; each level above it adds its right operand and its operator. */
static void compile_binop(compiler *c, py_node *n) {
    py_node *buf[BINOP_SPINE];
    size_t depth;
    py_node **spine = binop_spine(n, buf, &depth);
    size_t begin = depth; /* levels [0, begin) are compiled as operators */
    long long acc, b, folded = 0;
    bool ok = fold_int(spine[depth - 1]->a, &acc);
    for (size_t i = depth; ok && i-- > 0;) {
        ok = fold_int(spine[i]->b, &b) && fold_op(spine[i]->op, acc, b, &acc);
        if (ok && PY_SMALL_FITS(acc)) {
            begin = i;
            folded = acc;
        }
    }
    if (begin < depth) {
        load_const(c, PY_SMALL(folded));
    } else {
        compile_expr(c, spine[depth - 1]->a);
    }
    for (size_t i = begin; i-- > 0;) {
        compile_expr(c, spine[i]->b);
        c->line = spine[i]->line ? spine[i]->line : c->line;
        emit_arg(c, PY_OP_BINARY_OP, spine[i]->op);
    }
    binop_spine_free(spine, buf);
}

static void compile_expr_kind(compiler *c, py_node *n) {
    switch (n->kind) {
    case PY_AST_CONST:
        load_const(c, n->value);
        break;
    case PY_AST_NAME:
        if (n->name == Q___debug__) {
            load_const(c, PY_BOOL(py_st.opt_level == 0));
        } else {
            emit_name(c, n->name, CTX_LOAD);
        }
        break;
    case PY_AST_ATTRIBUTE:
        compile_expr(c, n->a);
        c->line = n->line ? n->line : c->line;
        emit_arg(c, PY_OP_LOAD_ATTR, add_name(c, n->name));
        break;
    case PY_AST_SUBSCRIPT:
        compile_expr(c, n->a);
        compile_index(c, n->b);
        emit(c, PY_OP_LOAD_SUBSCR);
        break;
    case PY_AST_SLICE:
        compile_slice(c, n);
        break;
    case PY_AST_BINOP:
        compile_binop(c, n);
        break;
    case PY_AST_UNARYOP:
        compile_unary(c, n);
        break;
    case PY_AST_BOOLOP:
        compile_boolop(c, n);
        break;
    case PY_AST_COMPARE:
        compile_compare(c, n);
        break;
    case PY_AST_IFEXP:
        compile_ifexp(c, n);
        break;
    case PY_AST_NAMEDEXPR:
        compile_expr(c, n->b);
        emit(c, PY_OP_DUP_TOP);
        compile_store(c, n->a);
        break;
    case PY_AST_LAMBDA:
        compile_function(c, n);
        break;
    case PY_AST_TUPLE:
        if (is_const_expr(n)) {
            emit_arg(c, PY_OP_LOAD_CONST, add_const(c, const_value(n), false));
            break;
        }
        /* fall through */
    case PY_AST_LIST:
    case PY_AST_SET:
        compile_sequence(c, n);
        break;
    case PY_AST_DICT:
        compile_dict(c, n);
        break;
    case PY_AST_LISTCOMP:
    case PY_AST_SETCOMP:
    case PY_AST_DICTCOMP:
    case PY_AST_GENEXP:
        compile_comprehension(c, n);
        break;
    case PY_AST_CALL:
        compile_call(c, n);
        break;
    case PY_AST_JOINEDSTR:
        compile_joined(c, n);
        break;
    case PY_AST_YIELD:
        if (n->a) {
            compile_expr(c, n->a);
        } else {
            emit(c, PY_OP_LOAD_NONE);
        }
        emit(c, PY_OP_YIELD_VALUE);
        break;
    case PY_AST_YIELDFROM:
        compile_expr(c, n->a);
        emit(c, PY_OP_GET_YIELD_FROM_ITER);
        emit(c, PY_OP_LOAD_NONE);
        emit(c, PY_OP_YIELD_FROM);
        break;
    case PY_AST_AWAIT:
        compile_expr(c, n->a);
        emit_await(c);
        break;
    case PY_AST_STARRED:
        syntax_error(c, n->line, "can't use starred expression here");
    default:
        syntax_error(c, n->line, "invalid syntax");
    }
}

static void compile_expr(compiler *c, py_node *n) {
    py_stack_check();
    uint32_t saved_line = c->line;
    if (n->line) {
        c->line = n->line;
    }
    compile_expr_kind(c, n);
    c->line = saved_line;
}

/* ---------------------------------------------------------------- assignment targets */

static const char *expr_description(py_node *n) {
    switch (n->kind) {
    case PY_AST_CONST:
        if (n->value == PY_NONE) {
            return "None";
        }
        if (n->value == PY_TRUE) {
            return "True";
        }
        if (n->value == PY_FALSE) {
            return "False";
        }
        if (n->value == PY_ELLIPSIS) {
            return "Ellipsis";
        }
        return "literal";
    case PY_AST_JOINEDSTR:
        return "f-string expression";
    case PY_AST_CALL:
        return "function call";
    case PY_AST_BINOP:
    case PY_AST_UNARYOP:
    case PY_AST_BOOLOP:
        return "operator";
    case PY_AST_COMPARE:
        return "comparison";
    case PY_AST_LAMBDA:
        return "lambda";
    case PY_AST_IFEXP:
        return "conditional expression";
    case PY_AST_NAMEDEXPR:
        return "named expression";
    case PY_AST_DICT:
        return "dict display";
    case PY_AST_SET:
        return "set display";
    case PY_AST_LISTCOMP:
        return "list comprehension";
    case PY_AST_SETCOMP:
        return "set comprehension";
    case PY_AST_DICTCOMP:
        return "dict comprehension";
    case PY_AST_GENEXP:
        return "generator expression";
    case PY_AST_YIELD:
    case PY_AST_YIELDFROM:
        return "yield expression";
    case PY_AST_AWAIT:
        return "await expression";
    case PY_AST_STARRED:
        return "starred";
    default:
        return "expression";
    }
}

static void compile_unpack(compiler *c, py_node *t) {
    size_t len = 0, before = 0;
    py_node *star = NULL;
    for (py_node *item = t->a; item != NULL; item = item->next) {
        if (item->kind == PY_AST_STARRED) {
            if (star != NULL) {
                syntax_error(c, item->line, "multiple starred expressions in assignment");
            }
            star = item;
            before = len;
        }
        len++;
    }
    c->line = t->line ? t->line : c->line;
    if (star != NULL) {
        size_t after = len - before - 1;
        if (before > 255 || after > 255) {
            syntax_error(c, t->line, "too many expressions in star-unpacking assignment");
        }
        emit_arg(c, PY_OP_UNPACK_EX, (uint32_t)(before | after << 8));
    } else {
        if (len > MAX_U16) {
            syntax_error(c, t->line, "too many expressions in assignment");
        }
        emit_arg(c, PY_OP_UNPACK_SEQUENCE, (uint32_t)len);
    }
    for (py_node *item = t->a; item != NULL; item = item->next) {
        compile_store(c, item->kind == PY_AST_STARRED ? item->a : item);
    }
}

/* Stores the value on top of the stack into the target. */
static void compile_store(compiler *c, py_node *t) {
    py_stack_check();
    uint32_t saved_line = c->line;
    if (t->line) {
        c->line = t->line;
    }
    switch (t->kind) {
    case PY_AST_NAME:
        if (t->name == Q___debug__) {
            syntax_error(c, t->line, "cannot assign to __debug__");
        }
        emit_name(c, t->name, CTX_STORE);
        break;
    case PY_AST_ATTRIBUTE:
        compile_expr(c, t->a);
        emit_arg(c, PY_OP_STORE_ATTR, add_name(c, t->name));
        break;
    case PY_AST_SUBSCRIPT:
        compile_expr(c, t->a);
        compile_index(c, t->b);
        emit(c, PY_OP_STORE_SUBSCR);
        break;
    case PY_AST_TUPLE:
    case PY_AST_LIST:
        compile_unpack(c, t);
        break;
    case PY_AST_STARRED:
        syntax_error(c, t->line, "starred assignment target must be in a list or tuple");
    default:
        syntax_error(c, t->line, "cannot assign to %s", expr_description(t));
    }
    c->line = saved_line;
}

static void compile_delete(compiler *c, py_node *t) {
    py_stack_check();
    uint32_t saved_line = c->line;
    if (t->line) {
        c->line = t->line;
    }
    switch (t->kind) {
    case PY_AST_NAME:
        if (t->name == Q___debug__) {
            syntax_error(c, t->line, "cannot delete __debug__");
        }
        emit_name(c, t->name, CTX_DEL);
        break;
    case PY_AST_ATTRIBUTE:
        compile_expr(c, t->a);
        emit_arg(c, PY_OP_DELETE_ATTR, add_name(c, t->name));
        break;
    case PY_AST_SUBSCRIPT:
        compile_expr(c, t->a);
        compile_index(c, t->b);
        emit(c, PY_OP_DELETE_SUBSCR);
        break;
    case PY_AST_TUPLE:
    case PY_AST_LIST:
        for (py_node *item = t->a; item != NULL; item = item->next) {
            compile_delete(c, item);
        }
        break;
    default:
        syntax_error(c, t->line, "cannot delete %s", expr_description(t));
    }
    c->line = saved_line;
}

/* ---------------------------------------------------------------- statements */

static size_t list_length(py_node *list) {
    size_t n = 0;
    for (; list != NULL; list = list->next) {
        n++;
    }
    return n;
}

static bool is_unpackable_display(py_node *n) {
    if (n->kind != PY_AST_TUPLE && n->kind != PY_AST_LIST) {
        return false;
    }
    for (py_node *item = n->a; item != NULL; item = item->next) {
        if (item->kind == PY_AST_STARRED) {
            return false;
        }
    }
    return true;
}

static void compile_assign(compiler *c, py_node *n) {
    py_node *value = n->b, *target = n->a;
    /* a, b = b, a: the values are swapped on the stack, no tuple is made */
    if (target->next == NULL && is_unpackable_display(target) && is_unpackable_display(value)) {
        size_t len = list_length(target->a);
        if (len == list_length(value->a) && (len == 2 || len == 3)) {
            for (py_node *item = value->a; item != NULL; item = item->next) {
                compile_expr(c, item);
            }
            c->line = n->line;
            if (len == 3) {
                emit(c, PY_OP_ROT_THREE);
            }
            emit(c, PY_OP_ROT_TWO);
            for (py_node *t = target->a; t != NULL; t = t->next) {
                compile_store(c, t);
            }
            return;
        }
    }
    compile_expr(c, value);
    for (py_node *t = target; t != NULL; t = t->next) {
        if (t->next != NULL) {
            c->line = n->line;
            emit(c, PY_OP_DUP_TOP);
        }
        compile_store(c, t);
    }
}

static void compile_augassign(compiler *c, py_node *n) {
    py_node *t = n->a;
    switch (t->kind) {
    case PY_AST_NAME:
        emit_name(c, t->name, CTX_LOAD);
        compile_expr(c, n->b);
        c->line = n->line;
        emit_arg(c, PY_OP_BINARY_OP, n->op);
        emit_name(c, t->name, CTX_STORE);
        break;
    case PY_AST_ATTRIBUTE: {
        uint16_t name = add_name(c, t->name);
        compile_expr(c, t->a);
        emit(c, PY_OP_DUP_TOP);
        emit_arg(c, PY_OP_LOAD_ATTR, name);
        compile_expr(c, n->b);
        c->line = n->line;
        emit_arg(c, PY_OP_BINARY_OP, n->op);
        emit(c, PY_OP_ROT_TWO);
        emit_arg(c, PY_OP_STORE_ATTR, name);
        break;
    }
    case PY_AST_SUBSCRIPT:
        compile_expr(c, t->a);
        compile_index(c, t->b);
        c->line = n->line;
        emit(c, PY_OP_DUP_TOP_TWO);
        emit(c, PY_OP_LOAD_SUBSCR);
        compile_expr(c, n->b);
        c->line = n->line;
        emit_arg(c, PY_OP_BINARY_OP, n->op);
        emit(c, PY_OP_ROT_THREE);
        emit(c, PY_OP_STORE_SUBSCR);
        break;
    default:
        syntax_error(c, n->line, "'%s' is an illegal expression for augmented assignment",
                     t->kind == PY_AST_TUPLE  ? "tuple"
                     : t->kind == PY_AST_LIST ? "list"
                                              : expr_description(t));
    }
}

static void compile_annassign(compiler *c, py_node *n) {
    py_node *t = n->a;
    if (t->kind == PY_AST_TUPLE || t->kind == PY_AST_LIST) {
        syntax_error(c, n->line, "only single target (not %s) can be annotated",
                     t->kind == PY_AST_TUPLE ? "tuple" : "list");
    }
    if (t->kind != PY_AST_NAME && t->kind != PY_AST_ATTRIBUTE && t->kind != PY_AST_SUBSCRIPT) {
        syntax_error(c, n->line, "illegal target for annotation");
    }
    if (n->c != NULL) {
        compile_expr(c, n->c);
        compile_store(c, t);
    }
}

/* exit_fun exit_self -> ; await exit(None, None, None) */
static void emit_async_exit_normal(compiler *c) {
    emit(c, PY_OP_LOAD_NONE);
    emit(c, PY_OP_LOAD_NONE);
    emit(c, PY_OP_LOAD_NONE);
    emit_arg(c, PY_OP_CALL_METHOD, 3);
    emit_await(c);
    emit(c, PY_OP_POP_TOP);
}

/* aiter -> aiter value: await aiter.__anext__(), inside a handler that
 * ends the loop at StopAsyncIteration (END_ASYNC_FOR at `stop`). */
static void emit_async_next(compiler *c, int stop) {
    emit_jump(c, PY_OP_SETUP_EXCEPT, stop);
    emit(c, PY_OP_DUP_TOP);
    emit_arg(c, PY_OP_LOAD_METHOD, add_name(c, Q___anext__));
    emit_arg(c, PY_OP_CALL_METHOD, 0);
    emit_await(c);
    emit(c, PY_OP_POP_BLOCK);
}

/* Leaves the blocks inside `stop` (exclusive) on the way out of break,
 * continue (preserve_top false) or return (the value on top is kept). */
static void unwind_blocks(compiler *c, fblock *stop, bool preserve_top) {
    unit *u = c->u;
    fblock *top = u->fb;
    for (fblock *f = top; f != stop; f = f->prev) {
        /* return needs a clean stack only when a with further out must find
         * its exit function on top */
        bool outer_with = !preserve_top;
        for (fblock *g = f->prev; g != NULL && !outer_with; g = g->prev) {
            outer_with = g->kind == FB_WITH || g->kind == FB_ASYNC_WITH;
        }
        switch (f->kind) {
        case FB_WHILE:
            break;
        case FB_FOR:
            if (outer_with) {
                if (preserve_top) {
                    emit(c, PY_OP_ROT_TWO);
                }
                emit(c, PY_OP_POP_TOP);
            }
            break;
        case FB_TRY_EXCEPT:
            emit(c, PY_OP_POP_BLOCK);
            break;
        case FB_TRY_FINALLY: {
            emit(c, PY_OP_POP_BLOCK);
            /* the finally body runs as if it were written here, outside
             * its own try; a break or continue in it drops the value being
             * returned */
            fblock value = {.kind = FB_RETURN_VALUE, .prev = f->prev};
            u->fb = preserve_top ? &value : f->prev;
            compile_stmts(c, f->final_body);
            u->fb = top;
            break;
        }
        case FB_RETURN_VALUE:
            if (preserve_top) {
                if (outer_with) {
                    emit(c, PY_OP_ROT_TWO);
                    emit(c, PY_OP_POP_TOP);
                }
            } else {
                emit(c, PY_OP_POP_TOP);
            }
            break;
        case FB_FINALLY_HANDLER:
            emit(c, PY_OP_POP_EXCEPT);
            if (outer_with) {
                if (preserve_top) {
                    emit(c, PY_OP_ROT_TWO);
                }
                emit(c, PY_OP_POP_TOP);
            }
            break;
        case FB_EXCEPT_HANDLER:
            emit(c, PY_OP_POP_EXCEPT);
            break;
        case FB_EXCEPT_CLEANUP:
            emit(c, PY_OP_POP_BLOCK);
            emit(c, PY_OP_LOAD_NONE);
            emit_name(c, f->name, CTX_STORE);
            emit_name(c, f->name, CTX_DEL);
            break;
        case FB_WITH:
            emit(c, PY_OP_POP_BLOCK);
            if (preserve_top) {
                emit(c, PY_OP_ROT_THREE);
            }
            emit(c, PY_OP_WITH_EXIT_NORMAL);
            break;
        case FB_ASYNC_WITH:
            emit(c, PY_OP_POP_BLOCK);
            if (preserve_top) {
                emit(c, PY_OP_ROT_THREE);
            }
            emit_async_exit_normal(c);
            break;
        }
    }
}

static void compile_return(compiler *c, py_node *n) {
    unit *u = c->u;
    int32_t depth = u->depth, blocks = u->blocks;
    if (n->a != NULL) {
        compile_expr(c, n->a);
    } else {
        emit(c, PY_OP_LOAD_NONE);
    }
    unwind_blocks(c, NULL, true);
    c->line = n->line;
    emit(c, PY_OP_RETURN_VALUE);
    set_depth(u, depth);
    set_blocks(u, blocks);
    u->unreachable = true;
}

static void compile_break_continue(compiler *c, py_node *n) {
    unit *u = c->u;
    bool is_break = n->kind == PY_AST_BREAK;
    fblock *loop = u->fb;
    while (loop != NULL && loop->kind != FB_WHILE && loop->kind != FB_FOR) {
        loop = loop->prev;
    }
    if (loop == NULL) {
        syntax_error(c, n->line,
                     is_break ? "'break' outside loop" : "'continue' not properly in loop");
    }
    int32_t depth = u->depth, blocks = u->blocks;
    unwind_blocks(c, loop, false);
    c->line = n->line;
    if (is_break) {
        if (loop->kind == FB_FOR) {
            emit(c, PY_OP_POP_TOP); /* the iterator */
        }
        emit_jump(c, PY_OP_JUMP, loop->break_label);
    } else {
        emit_jump(c, PY_OP_JUMP, loop->continue_label);
    }
    set_depth(u, depth);
    set_blocks(u, blocks);
    u->unreachable = true;
}

static void push_fblock(compiler *c, fblock *f, fblock_kind kind) {
    memset(f, 0, sizeof(*f));
    f->kind = kind;
    f->prev = c->u->fb;
    f->break_label = f->continue_label = NO_LABEL;
    c->u->fb = f;
}

static void pop_fblock(compiler *c, fblock *f) { c->u->fb = f->prev; }

static void compile_if(compiler *c, py_node *n) {
    int orelse = new_label(c);
    compile_jump_if(c, n->a, false, orelse);
    compile_stmts(c, n->b);
    if (n->c != NULL) {
        int end = new_label(c);
        c->line = n->line;
        emit_jump(c, PY_OP_JUMP, end);
        place_label(c, orelse);
        compile_stmts(c, n->c);
        place_label(c, end);
    } else {
        place_label(c, orelse);
    }
}

/* The test is at the bottom, so an iteration costs one jump, not two:
 *   JUMP test; top: body; test: <test> POP_JUMP_IF_TRUE top; else: ...
 * A constant true test needs neither the first jump nor the test. */
static void compile_while(compiler *c, py_node *n) {
    int top = new_label(c), test = new_label(c), end = new_label(c);
    int truth = n->a->kind == PY_AST_CONST ? const_truth(n->a->value) : -1;
    bool forever = truth == 1;
    if (!forever) {
        unit *u = c->u;
        if (!u->unreachable && truth != 0) {
            /* the test's backward jump will reach the body */
            label_reached(c, top, u->depth, u->blocks);
        }
        emit_jump(c, PY_OP_JUMP, test);
    }
    place_label(c, top);
    fblock loop;
    push_fblock(c, &loop, FB_WHILE);
    loop.break_label = end;
    loop.continue_label = forever ? top : test;
    compile_stmts(c, n->b);
    pop_fblock(c, &loop);
    place_label(c, test);
    c->line = n->line;
    compile_jump_if(c, n->a, true, top);
    compile_stmts(c, n->c);
    place_label(c, end);
}

/* async for: GET_AITER; top: <await __anext__ in a SETUP_EXCEPT>; STORE
 * target; body; JUMP top; orelse: END_ASYNC_FOR; else body; end: */
static void compile_for(compiler *c, py_node *n) {
    int top = new_label(c), orelse = new_label(c), end = new_label(c);
    bool is_async = (n->flags & PY_AST_FLAG_ASYNC) != 0;
    compile_iterable(c, n->b);
    c->line = n->line;
    emit(c, is_async ? PY_OP_GET_AITER : PY_OP_GET_ITER);
    place_label(c, top);
    if (is_async) {
        emit_async_next(c, orelse);
    } else {
        emit_jump(c, PY_OP_FOR_ITER, orelse);
    }
    compile_store(c, n->a);
    fblock loop;
    push_fblock(c, &loop, FB_FOR);
    loop.break_label = end;
    loop.continue_label = top;
    compile_stmts(c, n->c);
    pop_fblock(c, &loop);
    c->line = n->line;
    emit_jump(c, PY_OP_JUMP, top);
    place_label(c, orelse);
    if (is_async) {
        emit(c, PY_OP_END_ASYNC_FOR);
    }
    compile_stmts(c, n->d);
    place_label(c, end);
}

/*   SETUP_EXCEPT handlers; body; POP_BLOCK; else; JUMP end
 * handlers: (exception on the stack, being handled)
 *   DUP_TOP; <type>; BINARY_OP exc_match; POP_JUMP_IF_FALSE next
 *   POP_TOP or STORE name [SETUP_FINALLY cleanup]; <handler body>
 *   [POP_BLOCK; name = None; del name]; POP_EXCEPT; JUMP end
 *   [cleanup: name = None; del name; RERAISE]
 * next: ... RERAISE when no clause matched. */
static void compile_handler(compiler *c, py_node *h, int end) {
    c->line = h->line;
    if (h->name == 0) {
        emit(c, PY_OP_POP_TOP);
        fblock handling;
        push_fblock(c, &handling, FB_EXCEPT_HANDLER);
        compile_stmts(c, h->b);
        pop_fblock(c, &handling);
        c->line = h->line;
        emit(c, PY_OP_POP_EXCEPT);
        emit_jump(c, PY_OP_JUMP, end);
        return;
    }
    int cleanup = new_label(c);
    emit_name(c, h->name, CTX_STORE);
    emit_jump(c, PY_OP_SETUP_FINALLY, cleanup);
    fblock handling, clearing;
    push_fblock(c, &handling, FB_EXCEPT_HANDLER);
    push_fblock(c, &clearing, FB_EXCEPT_CLEANUP);
    clearing.name = h->name;
    compile_stmts(c, h->b);
    pop_fblock(c, &clearing);
    pop_fblock(c, &handling);
    c->line = h->line;
    emit(c, PY_OP_POP_BLOCK);
    emit(c, PY_OP_LOAD_NONE);
    emit_name(c, h->name, CTX_STORE);
    emit_name(c, h->name, CTX_DEL);
    emit(c, PY_OP_POP_EXCEPT);
    emit_jump(c, PY_OP_JUMP, end);
    place_label(c, cleanup);
    emit(c, PY_OP_LOAD_NONE);
    emit_name(c, h->name, CTX_STORE);
    emit_name(c, h->name, CTX_DEL);
    emit(c, PY_OP_RERAISE);
}

static void compile_try_except(compiler *c, py_node *n) {
    int handlers = new_label(c), end = new_label(c);
    c->line = n->line;
    emit_jump(c, PY_OP_SETUP_EXCEPT, handlers);
    fblock body;
    push_fblock(c, &body, FB_TRY_EXCEPT);
    compile_stmts(c, n->a);
    pop_fblock(c, &body);
    c->line = n->line;
    emit(c, PY_OP_POP_BLOCK);
    compile_stmts(c, n->c);
    c->line = n->line;
    emit_jump(c, PY_OP_JUMP, end);
    place_label(c, handlers);
    bool caught_all = false;
    for (py_node *h = n->b; h != NULL; h = h->next) {
        if (h->a == NULL) {
            if (h->next != NULL) {
                syntax_error(c, h->line, "default 'except:' must be last");
            }
            caught_all = true;
            compile_handler(c, h, end);
            break;
        }
        int next = new_label(c);
        c->line = h->line;
        emit(c, PY_OP_DUP_TOP);
        compile_expr(c, h->a);
        c->line = h->line;
        emit_arg(c, PY_OP_BINARY_OP, PY_BINOP_EXC_MATCH);
        emit_jump(c, PY_OP_POP_JUMP_IF_FALSE, next);
        compile_handler(c, h, end);
        place_label(c, next);
    }
    if (!caught_all) {
        emit(c, PY_OP_RERAISE);
    }
    place_label(c, end);
}

/*   SETUP_FINALLY handler; body; POP_BLOCK; <finally body>; JUMP end
 * handler: (exception on the stack, being handled) <finally body>; RERAISE */
static void compile_try_finally(compiler *c, py_node *n) {
    int handler = new_label(c), end = new_label(c);
    c->line = n->line;
    emit_jump(c, PY_OP_SETUP_FINALLY, handler);
    fblock body;
    push_fblock(c, &body, FB_TRY_FINALLY);
    body.final_body = n->d;
    if (n->b != NULL) {
        compile_try_except(c, n);
    } else {
        compile_stmts(c, n->a);
        compile_stmts(c, n->c);
    }
    pop_fblock(c, &body);
    c->line = n->line;
    emit(c, PY_OP_POP_BLOCK);
    compile_stmts(c, n->d);
    c->line = n->line;
    emit_jump(c, PY_OP_JUMP, end);
    place_label(c, handler);
    fblock handling;
    push_fblock(c, &handling, FB_FINALLY_HANDLER);
    compile_stmts(c, n->d);
    pop_fblock(c, &handling);
    c->line = n->line;
    emit(c, PY_OP_RERAISE);
    place_label(c, end);
}

/* The handler of an async with, entered with exit_fun exit_self exception:
 *   ASYNC_WITH_EXIT; <await>; POP_JUMP_IF_TRUE suppress; RERAISE
 *   suppress: POP_TOP; POP_EXCEPT */
static void compile_async_with_handler(compiler *c) {
    int suppress = new_label(c);
    emit(c, PY_OP_ASYNC_WITH_EXIT);
    emit_await(c);
    emit_jump(c, PY_OP_POP_JUMP_IF_TRUE, suppress);
    emit(c, PY_OP_RERAISE);
    place_label(c, suppress);
    emit(c, PY_OP_POP_TOP);
    emit(c, PY_OP_POP_EXCEPT);
}

/* async with: <manager>; BEFORE_ASYNC_WITH; <await>; SETUP_ASYNC_WITH
 * handler; then as below, with the exit awaited.
 *   <manager>; SETUP_WITH handler; STORE target or POP_TOP; body;
 *   POP_BLOCK; WITH_EXIT_NORMAL; JUMP end
 * handler: (exit_fun exit_self exception) WITH_EXCEPT
 * end: */
static void compile_with(compiler *c, py_node *n, py_node *item) {
    py_stack_check();
    int handler = new_label(c), end = new_label(c);
    bool is_async = (n->flags & PY_AST_FLAG_ASYNC) != 0;
    compile_expr(c, item->a);
    c->line = item->line ? item->line : n->line;
    if (is_async) {
        emit(c, PY_OP_BEFORE_ASYNC_WITH);
        emit_await(c);
        emit_jump(c, PY_OP_SETUP_ASYNC_WITH, handler);
    } else {
        emit_jump(c, PY_OP_SETUP_WITH, handler);
    }
    if (item->b != NULL) {
        compile_store(c, item->b);
    } else {
        emit(c, PY_OP_POP_TOP);
    }
    fblock body;
    push_fblock(c, &body, is_async ? FB_ASYNC_WITH : FB_WITH);
    if (item->next != NULL) {
        compile_with(c, n, item->next);
    } else {
        compile_stmts(c, n->b);
    }
    pop_fblock(c, &body);
    c->line = item->line ? item->line : n->line;
    emit(c, PY_OP_POP_BLOCK);
    if (is_async) {
        emit_async_exit_normal(c);
    } else {
        emit(c, PY_OP_WITH_EXIT_NORMAL);
    }
    emit_jump(c, PY_OP_JUMP, end);
    place_label(c, handler);
    if (is_async) {
        compile_async_with_handler(c);
    } else {
        emit(c, PY_OP_WITH_EXCEPT);
    }
    place_label(c, end);
}

static void compile_raise(compiler *c, py_node *n) {
    uint32_t count = 0;
    if (n->a != NULL) {
        compile_expr(c, n->a);
        count++;
        if (n->b != NULL) {
            compile_expr(c, n->b);
            count++;
        }
    }
    c->line = n->line;
    emit_arg(c, PY_OP_RAISE, count);
}

static void compile_assert(compiler *c, py_node *n) {
    if (py_st.opt_level > 0) {
        return;
    }
    int end = new_label(c);
    compile_jump_if(c, n->a, true, end);
    c->line = n->line;
    emit(c, PY_OP_LOAD_ASSERTION_ERROR);
    if (n->b != NULL) {
        compile_expr(c, n->b);
        c->line = n->line;
        emit_arg(c, PY_OP_CALL_FUNCTION, 1);
    }
    emit_arg(c, PY_OP_RAISE, 1);
    place_label(c, end);
}

static void compile_import(compiler *c, py_node *n) {
    for (py_node *alias = n->a; alias != NULL; alias = alias->next) {
        c->line = alias->line ? alias->line : n->line;
        emit_arg(c, PY_OP_LOAD_SMALL_INT, 0);
        emit(c, PY_OP_LOAD_NONE);
        emit_arg(c, PY_OP_IMPORT_NAME, add_name(c, alias->name));
        size_t len = py_qstr_len(alias->name);
        const char *dot = memchr(qstr_text(alias->name), '.', len);
        if (alias->value == PY_NULL) {
            /* `import a.b.c` binds a, the top package */
            py_qstr top = alias->name;
            if (dot != NULL) {
                top = py_qstr_from(qstr_text(alias->name), (size_t)(dot - qstr_text(alias->name)));
            }
            emit_name(c, top, CTX_STORE);
            continue;
        }
        /* `import a.b.c as d` binds the submodule: a -> a.b -> a.b.c */
        size_t at = dot ? (size_t)(dot - qstr_text(alias->name)) : len;
        while (at < len) {
            size_t start = at + 1;
            const char *text = qstr_text(alias->name);
            const char *next = memchr(text + start, '.', len - start);
            at = next ? (size_t)(next - text) : len;
            py_qstr part = py_qstr_from(text + start, at - start);
            emit_arg(c, PY_OP_IMPORT_FROM, add_name(c, part));
            emit(c, PY_OP_ROT_TWO);
            emit(c, PY_OP_POP_TOP);
        }
        emit_name(c, py_qstr_of(alias->value), CTX_STORE);
    }
}

static void compile_import_from(compiler *c, py_node *n) {
    if (n->name == Q___future__ && n->op == 0) {
        return; /* every feature __future__ offers is always on */
    }
    size_t count = n->a != NULL ? list_length(n->a) : 1;
    py_val fromlist = py_tuple_new(count, NULL);
    py_val *names = ((py_tuple *)py_ptr(fromlist))->items;
    size_t i = 0;
    for (py_node *alias = n->a; alias != NULL; alias = alias->next) {
        names[i++] = PY_QSTR(alias->name);
    }
    if (n->a == NULL) {
        names[0] = PY_QSTR(py_qstr_from("*", 1));
    }
    emit_arg(c, PY_OP_LOAD_SMALL_INT, n->op);
    emit_arg(c, PY_OP_LOAD_CONST, add_const(c, fromlist, false));
    emit_arg(c, PY_OP_IMPORT_NAME, add_name(c, n->name != 0 ? n->name : Q_));
    if (n->a == NULL) {
        emit(c, PY_OP_IMPORT_STAR);
        return;
    }
    for (py_node *alias = n->a; alias != NULL; alias = alias->next) {
        c->line = alias->line ? alias->line : n->line;
        emit_arg(c, PY_OP_IMPORT_FROM, add_name(c, alias->name));
        emit_name(c, alias->value != PY_NULL ? py_qstr_of(alias->value) : alias->name, CTX_STORE);
    }
    c->line = n->line;
    emit(c, PY_OP_POP_TOP);
}

static void compile_expr_stmt(compiler *c, py_node *n) {
    if (c->interactive && c->u->sc->kind == SCOPE_MODULE) {
        compile_expr(c, n->a);
        c->line = n->line;
        emit(c, PY_OP_PRINT_EXPR);
        return;
    }
    if (n->a->kind == PY_AST_CONST) {
        return; /* docstrings and other lone constants do nothing */
    }
    compile_expr(c, n->a);
    c->line = n->line;
    emit(c, PY_OP_POP_TOP);
}

static void compile_class(compiler *c, py_node *n);

static void compile_stmt(compiler *c, py_node *n) {
    py_stack_check();
    c->line = n->line ? n->line : c->line;
    switch (n->kind) {
    case PY_AST_EXPR_STMT:
        compile_expr_stmt(c, n);
        break;
    case PY_AST_ASSIGN:
        compile_assign(c, n);
        break;
    case PY_AST_AUGASSIGN:
        compile_augassign(c, n);
        break;
    case PY_AST_ANNASSIGN:
        compile_annassign(c, n);
        break;
    case PY_AST_RETURN:
        compile_return(c, n);
        break;
    case PY_AST_DELETE:
        for (py_node *t = n->a; t != NULL; t = t->next) {
            compile_delete(c, t);
        }
        break;
    case PY_AST_PASS:
    case PY_AST_GLOBAL:
    case PY_AST_NONLOCAL:
        break;
    case PY_AST_BREAK:
    case PY_AST_CONTINUE:
        compile_break_continue(c, n);
        break;
    case PY_AST_RAISE:
        compile_raise(c, n);
        break;
    case PY_AST_ASSERT:
        compile_assert(c, n);
        break;
    case PY_AST_IMPORT:
        compile_import(c, n);
        break;
    case PY_AST_IMPORT_FROM:
        compile_import_from(c, n);
        break;
    case PY_AST_IF:
        compile_if(c, n);
        break;
    case PY_AST_WHILE:
        compile_while(c, n);
        break;
    case PY_AST_FOR:
        compile_for(c, n);
        break;
    case PY_AST_TRY:
        if (n->d != NULL) {
            compile_try_finally(c, n);
        } else {
            compile_try_except(c, n);
        }
        break;
    case PY_AST_WITH:
        compile_with(c, n, n->a);
        break;
    case PY_AST_FUNCDEF:
        compile_function(c, n);
        break;
    case PY_AST_CLASSDEF:
        compile_class(c, n);
        break;
    default:
        syntax_error(c, n->line, "invalid syntax");
    }
}

static void compile_stmts(compiler *c, py_node *list) {
    for (py_node *n = list; n != NULL; n = n->next) {
        compile_stmt(c, n);
    }
}

/* ---------------------------------------------------------------- code objects */

static void unit_begin(compiler *c, unit *u, scope *sc, uint32_t first_line) {
    memset(u, 0, sizeof(*u));
    u->sc = sc;
    u->first_line = first_line ? first_line : 1;
    u->lines_line = u->first_line;
    c->line = u->first_line;
    c->u = u;
}

static void patch_jumps(unit *u) {
    for (size_t i = 0; i < u->n_fixups; i++) {
        uint32_t pos = u->labels[u->fixups[i].label].pos;
        if (pos == UINT32_MAX) {
            compiler_bug("jump to a label never placed");
        }
        uint8_t *p = u->code + u->fixups[i].at;
        p[0] = (uint8_t)pos;
        p[1] = (uint8_t)(pos >> 8);
        p[2] = (uint8_t)(pos >> 16);
        p[3] = (uint8_t)(pos >> 24);
    }
}

static uint16_t code_flags(const scope *sc) {
    uint16_t flags = 0;
    switch (sc->kind) {
    case SCOPE_MODULE:
        flags = PY_CODE_MODULE;
        break;
    case SCOPE_CLASS:
        flags = PY_CODE_CLASS;
        break;
    default:
        flags = PY_CODE_NEWLOCALS;
        break;
    }
    if (sc->has_varargs) {
        flags |= PY_CODE_VARARGS;
    }
    if (sc->has_varkw) {
        flags |= PY_CODE_VARKW;
    }
    if (sc->is_generator) {
        flags |= PY_CODE_GENERATOR;
    }
    if (sc->is_coroutine) {
        /* a coroutine runs as a generator whose yields are its awaits */
        flags |= PY_CODE_COROUTINE | PY_CODE_GENERATOR;
    }
    return flags;
}

/* Turns the finished unit into a code object with exact-size arrays. */
static py_code *unit_end(compiler *c, unit *u, unit *parent) {
    scope *sc = u->sc;
    patch_jumps(u);
    if (u->max_depth > (int32_t)MAX_U16 || u->max_blocks > (int32_t)MAX_U16) {
        syntax_error(c, sc->line, "expression too complex");
    }
    py_code *code = py_gc_alloc(sizeof(py_code));
    code->head.type = &py_type_code;
    code->flags = code_flags(sc);
    code->n_pos = sc->n_pos;
    code->n_posonly = sc->n_posonly;
    code->n_kwonly = sc->n_kwonly;
    code->n_locals = sc->n_locals;
    code->n_cells = sc->n_cells;
    code->n_free = sc->n_free;
    code->stack_size = (uint16_t)u->max_depth;
    code->block_depth = (uint16_t)u->max_blocks;
    code->n_consts = (uint16_t)u->n_consts;
    code->n_names = (uint16_t)u->n_names;
    code->name = sc->name;
    code->filename = c->filename;
    code->first_line = u->first_line;
    code->bytecode_len = (uint32_t)u->code_len;
    code->line_table_len = (uint32_t)u->lines_len;
    code->bytecode = exact(u->code, u->code_len);
    code->line_table = exact(u->lines, u->lines_len);
    code->consts = exact(u->consts, u->n_consts * sizeof(py_val));
    code->names = exact(u->names, u->n_names * sizeof(py_qstr));
    code->slot_names = sc->slot_names;
    code->cell2arg = sc->cell2arg;
    if (u->labels != NULL) {
        py_gc_free(u->labels);
    }
    if (u->const_index != NULL) {
        py_gc_free(u->const_index);
    }
    if (u->name_index != NULL) {
        py_gc_free(u->name_index);
    }
    if (u->fixups != NULL) {
        py_gc_free(u->fixups);
    }
    memset(u, 0, sizeof(*u));
    c->u = parent;
    return code;
}

/* The closure tuple for a nested scope: the cells it uses, in its order of
 * free variables, taken from the current code's cell and free slots. */
static uint8_t emit_closure(compiler *c, scope *inner) {
    if (inner->n_free == 0) {
        return 0;
    }
    scope *outer = c->u->sc;
    size_t first_free = (size_t)inner->n_locals + inner->n_cells;
    for (size_t i = 0; i < inner->n_free; i++) {
        py_qstr name = inner->slot_names[first_free + i];
        symbol *s = sym_lookup(outer, name);
        if (s == NULL || s->closure_slot == NO_SLOT) {
            compiler_bug("free variable without a cell");
        }
        emit_arg(c, PY_OP_LOAD_CLOSURE, s->closure_slot);
    }
    emit_arg(c, PY_OP_BUILD_TUPLE, inner->n_free);
    return 4;
}

static void emit_make_function(compiler *c, scope *inner, py_code *code, uint8_t flags) {
    flags |= emit_closure(c, inner);
    uint16_t k = add_const(c, PY_OBJ(code), false);
    emit3(c, PY_OP_MAKE_FUNCTION, k, flags);
}

static bool ends_with_return(py_node *body) {
    py_node *last = body;
    while (last != NULL && last->next != NULL) {
        last = last->next;
    }
    return last != NULL && (last->kind == PY_AST_RETURN || last->kind == PY_AST_RAISE);
}

static py_code *compile_function_body(compiler *c, py_node *n, scope *fn) {
    unit *parent = c->u;
    unit u;
    unit_begin(c, &u, fn, n->line);
    if (n->kind == PY_AST_LAMBDA) {
        compile_expr(c, n->b);
        emit(c, PY_OP_RETURN_VALUE);
    } else {
        compile_stmts(c, n->b);
        if (!ends_with_return(n->b)) {
            emit(c, PY_OP_LOAD_NONE);
            emit(c, PY_OP_RETURN_VALUE);
        }
    }
    return unit_end(c, &u, parent);
}

/* def and lambda: decorators, defaults, keyword-only defaults, closure,
 * MAKE_FUNCTION, the decorators applied innermost first, the name bound. */
static void compile_function(compiler *c, py_node *n) {
    bool is_lambda = n->kind == PY_AST_LAMBDA;
    scope *fn = node_scope(n);
    uint32_t line = n->line ? n->line : c->line;
    size_t n_decorators = 0;
    if (!is_lambda) {
        for (py_node *d = n->c; d != NULL; d = d->next, n_decorators++) {
            compile_expr(c, d);
        }
    }
    uint8_t flags = 0;
    py_node *args = n->a ? n->a->a : NULL;
    size_t n_defaults = 0, n_kwdefaults = 0;
    for (py_node *a = args; a != NULL; a = a->next) {
        if (a->a != NULL) {
            if (a->op == PY_ARG_KWONLY) {
                n_kwdefaults++;
            } else {
                n_defaults++;
            }
        }
    }
    if (n_defaults) {
        bool all_const = true;
        for (py_node *a = args; a != NULL && all_const; a = a->next) {
            if (a->a != NULL && a->op != PY_ARG_KWONLY) {
                all_const = is_const_expr(a->a);
            }
        }
        if (all_const) {
            c->line = line;
            emit_arg(c, PY_OP_LOAD_CONST, add_const(c, const_tuple(args, true), false));
        } else {
            if (n_defaults > MAX_U16) {
                syntax_error(c, line, "too many defaults");
            }
            for (py_node *a = args; a != NULL; a = a->next) {
                if (a->a != NULL && a->op != PY_ARG_KWONLY) {
                    compile_expr(c, a->a);
                }
            }
            c->line = line;
            emit_arg(c, PY_OP_BUILD_TUPLE, (uint32_t)n_defaults);
        }
        flags |= 1;
    }
    if (n_kwdefaults) {
        c->line = line;
        emit_arg(c, PY_OP_BUILD_MAP, n_kwdefaults > MAX_U16 ? MAX_U16 : (uint32_t)n_kwdefaults);
        for (py_node *a = args; a != NULL; a = a->next) {
            if (a->a != NULL && a->op == PY_ARG_KWONLY) {
                emit_arg(c, PY_OP_LOAD_CONST, add_const(c, PY_QSTR(a->name), true));
                compile_expr(c, a->a);
                c->line = line;
                emit(c, PY_OP_STORE_MAP);
            }
        }
        flags |= 2;
    }
    py_code *code = compile_function_body(c, n, fn);
    c->line = line;
    emit_make_function(c, fn, code, flags);
    for (size_t i = 0; i < n_decorators; i++) {
        emit_arg(c, PY_OP_CALL_FUNCTION, 1);
    }
    if (!is_lambda) {
        emit_name(c, n->name, CTX_STORE);
    }
}

/* class Name(bases, **kw): body
 *   [decorators] LOAD_BUILD_CLASS; MAKE_FUNCTION <body code>; LOAD_CONST 'Name';
 *   <bases and keywords>; CALL_FUNCTION; [decorator calls]; STORE Name
 * The body stores __module__, runs, and returns its __class__ cell or None. */
static void compile_class(compiler *c, py_node *n) {
    scope *cls = node_scope(n);
    uint32_t line = n->line ? n->line : c->line;
    size_t n_decorators = 0;
    for (py_node *d = n->c; d != NULL; d = d->next, n_decorators++) {
        compile_expr(c, d);
    }
    unit *parent = c->u;
    unit u;
    unit_begin(c, &u, cls, line);
    emit_arg(c, PY_OP_LOAD_NAME, add_name(c, Q___name__));
    emit_arg(c, PY_OP_STORE_NAME, add_name(c, Q___module__));
    compile_stmts(c, n->b);
    c->line = line;
    if (cls->class_cell_slot != NO_SLOT) {
        emit_arg(c, PY_OP_LOAD_CLOSURE, cls->class_cell_slot);
    } else {
        emit(c, PY_OP_LOAD_NONE);
    }
    emit(c, PY_OP_RETURN_VALUE);
    py_code *code = unit_end(c, &u, parent);
    c->line = line;
    emit(c, PY_OP_LOAD_BUILD_CLASS);
    emit_make_function(c, cls, code, 0);
    emit_arg(c, PY_OP_LOAD_CONST, add_const(c, PY_QSTR(n->name), true));
    compile_call_args(c, n, n->a, 2, PY_OP_CALL_FUNCTION);
    c->line = line;
    for (size_t i = 0; i < n_decorators; i++) {
        emit_arg(c, PY_OP_CALL_FUNCTION, 1);
    }
    emit_name(c, n->name, CTX_STORE);
}

/* One `for ... in ... if ...` level of a comprehension; `depth` counts the
 * iterators on the stack including this one. */
static void compile_comp_loop(compiler *c, py_node *n, py_node *gen, uint32_t depth) {
    py_stack_check();
    int top = new_label(c), end = new_label(c);
    bool is_async = (gen->flags & PY_AST_FLAG_ASYNC) != 0;
    c->line = gen->line ? gen->line : n->line;
    if (depth == 1) {
        emit_arg(c, PY_OP_LOAD_FAST, 0); /* .0: the iterator made outside */
    } else {
        compile_iterable(c, gen->b);
        emit(c, is_async ? PY_OP_GET_AITER : PY_OP_GET_ITER);
    }
    place_label(c, top);
    if (is_async) {
        emit_async_next(c, end);
    } else {
        emit_jump(c, PY_OP_FOR_ITER, end);
    }
    compile_store(c, gen->a);
    for (py_node *cond = gen->c; cond != NULL; cond = cond->next) {
        compile_jump_if(c, cond, false, top);
    }
    if (gen->next != NULL) {
        if (depth >= 250) {
            syntax_error(c, gen->line, "too many nested loops in comprehension");
        }
        compile_comp_loop(c, n, gen->next, depth + 1);
    } else {
        switch (n->kind) {
        case PY_AST_LISTCOMP:
            compile_expr(c, n->a);
            emit_arg(c, PY_OP_LIST_APPEND, depth + 1);
            break;
        case PY_AST_SETCOMP:
            compile_expr(c, n->a);
            emit_arg(c, PY_OP_SET_ADD, depth + 1);
            break;
        case PY_AST_DICTCOMP:
            compile_expr(c, n->a->a);
            compile_expr(c, n->a->b);
            emit_arg(c, PY_OP_MAP_ADD, depth + 2);
            break;
        default:
            compile_expr(c, n->a);
            emit(c, PY_OP_YIELD_VALUE);
            emit(c, PY_OP_POP_TOP);
            break;
        }
    }
    c->line = gen->line ? gen->line : n->line;
    emit_jump(c, PY_OP_JUMP, top);
    place_label(c, end);
    if (is_async) {
        emit(c, PY_OP_END_ASYNC_FOR);
    }
}

/* A comprehension is a function of one argument, the iterator over the
 * first iterable (which is evaluated where the comprehension is), called
 * right away. */
static void compile_comprehension(compiler *c, py_node *n) {
    scope *comp = node_scope(n);
    uint32_t line = n->line ? n->line : c->line;
    unit *parent = c->u;
    unit u;
    unit_begin(c, &u, comp, line);
    switch (n->kind) {
    case PY_AST_LISTCOMP:
        emit_arg(c, PY_OP_BUILD_LIST, 0);
        break;
    case PY_AST_SETCOMP:
        emit_arg(c, PY_OP_BUILD_SET, 0);
        break;
    case PY_AST_DICTCOMP:
        emit_arg(c, PY_OP_BUILD_MAP, 0);
        break;
    default:
        break;
    }
    compile_comp_loop(c, n, n->b, 1);
    c->line = line;
    if (n->kind == PY_AST_GENEXP) {
        emit(c, PY_OP_LOAD_NONE);
    }
    emit(c, PY_OP_RETURN_VALUE);
    py_code *code = unit_end(c, &u, parent);
    c->line = line;
    emit_make_function(c, comp, code, 0);
    compile_iterable(c, n->b->b);
    c->line = line;
    emit(c, (n->b->flags & PY_AST_FLAG_ASYNC) ? PY_OP_GET_AITER : PY_OP_GET_ITER);
    emit_arg(c, PY_OP_CALL_FUNCTION, 1);
    if (comp->is_coroutine) {
        emit_await(c);
    }
}

/* ---------------------------------------------------------------- entry */

py_code *py_compile_ast(py_node *tree, py_qstr filename, int mode) {
    compiler comp;
    compiler *c = &comp;
    memset(c, 0, sizeof(*c));
    c->filename = filename;
    c->q_dot0 = py_qstr_from(".0", 2);
    c->line = tree->line ? tree->line : 1;
    int kind = tree->kind;
    if (kind != PY_AST_MODULE && kind != PY_AST_INTERACTIVE && kind != PY_AST_EXPRESSION) {
        syntax_error(c, tree->line, "invalid syntax");
    }
    c->interactive =
        kind == PY_AST_INTERACTIVE || (mode == PY_INPUT_SINGLE && kind != PY_AST_EXPRESSION);

    c->module = scope_new(NULL, SCOPE_MODULE, QA_module, 1);
    if (kind == PY_AST_EXPRESSION) {
        scan_expr(c, c->module, tree->a);
    } else {
        scan_stmts(c, c->module, tree->a);
    }
    resolve_scope(c, c->module);
    assign_slots(c, c->module);

    unit u;
    unit_begin(c, &u, c->module, 1);
    if (kind == PY_AST_EXPRESSION) {
        compile_expr(c, tree->a);
        emit(c, PY_OP_RETURN_VALUE);
    } else {
        compile_stmts(c, tree->a);
        emit(c, PY_OP_LOAD_NONE);
        emit(c, PY_OP_RETURN_VALUE);
    }
    py_code *code = unit_end(c, &u, NULL);
    free_scopes(c->module);
    return code;
}

/* A module, compiled one top-level statement at a time (py_parser in
 * ast.h): each statement is scanned, resolved, compiled, and its syntax tree
 * and scopes released before the next is parsed, so compiling needs memory
 * for the largest statement rather than for the whole module. This works
 * because module-level names are globals: no statement's scopes depend on a
 * later statement. A syntax error anywhere still stops the module before any
 * of it runs. */
py_code *py_compile_module(py_parser *p, py_qstr filename) {
    compiler comp;
    compiler *c = &comp;
    memset(c, 0, sizeof(*c));
    c->filename = filename;
    c->q_dot0 = py_qstr_from(".0", 2);
    c->line = 1;
    c->module = scope_new(NULL, SCOPE_MODULE, QA_module, 1);
    unit u;
    unit_begin(c, &u, c->module, 1);
    for (;;) {
        py_ast_arena arena;
        py_ast_arena_init(&arena);
        p->arena = &arena;
        py_node *stmts = py_parser_next(p);
        if (stmts == NULL) {
            py_ast_arena_free(&arena);
            break;
        }
        scan_stmts(c, c->module, stmts);
        resolve_scope(c, c->module);
        assign_slots(c, c->module);
        compile_stmts(c, stmts);
        for (scope *child = c->module->first_child; child != NULL;) {
            scope *next = child->next_sibling;
            free_scopes(child);
            child = next;
        }
        c->module->first_child = c->module->last_child = NULL;
        py_ast_arena_free(&arena);
    }
    p->arena = NULL;
    emit(c, PY_OP_LOAD_NONE);
    emit(c, PY_OP_RETURN_VALUE);
    py_code *code = unit_end(c, &u, NULL);
    free_scopes(c->module);
    return code;
}
