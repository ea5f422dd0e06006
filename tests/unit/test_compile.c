/*
 * test_compile.c - tests of the bytecode compiler (py/compile.c, py/code.c).
 *
 * - Listings: snippets whose code is easy to get subtly wrong (leaving a
 *   try/finally or with by break/continue/return, chained comparisons,
 *   closures, super(), comprehensions, augmented assignment ...) are
 *   compiled and their py_code_dump text compared with the expected text.
 * - Errors: what must be refused with SyntaxError, with message and line,
 *   from source and from hand-built trees (for what the parser refuses first).
 * - Lines: the line of chosen instructions, as tracebacks will show them.
 * - Flow: every compiled code object is walked along every path by an
 *   independent checker that recomputes the value-stack and block-stack
 *   depths; they must match stack_size and block_depth exactly, since the
 *   VM sizes frames by them. The scripts of tests/py (given on the command
 *   line) are all compiled and checked this way.
 *
 * - GC: listings and some scripts are compiled again with the collector
 *   running every few kilobytes; the code must come out the same.
 *
 * Usage: test_compile RESULTS [script.py ...]    one PASS/FAIL line per case
 *        test_compile --print                    the listings as compiled now
 * With TC_TIME set, the time each group of cases took goes to stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "py/ast.h"
#include "py/bytecode.h"
#include "py/campy.h"

static FILE *results;
static int n_passed, n_failed;
static bool print_mode;

static void report(const char *name, bool ok, const char *fmt, ...) {
    fprintf(results, "%s %s\n", ok ? "PASS" : "FAIL", name);
    if (ok) {
        n_passed++;
        return;
    }
    n_failed++;
    fprintf(stderr, "FAIL %s: ", name);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static py_qstr qstr(const char *s) { return py_qstr_from_cstr(s); }

/* ---------------------------------------------------------------- text capture */

typedef struct text {
    char *data;
    size_t len, cap;
} text;

static void text_write(void *ctx, const char *s, size_t n) {
    text *t = ctx;
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->data = realloc(t->data, t->cap);
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

static char *exception_text(py_val exc) {
    text t = {0};
    py_print out = {&t, text_write};
    py_print_exception(&out, exc);
    return t.data ? t.data : calloc(1, 1);
}

/* ---------------------------------------------------------------- flow checker */

/* What an instruction does to the stacks, recomputed here from bytecode.h
 * rather than shared with the compiler, so a mistake in one shows up. */
typedef struct flow {
    int pops, pushes; /* on the fall-through path */
    bool falls, jumps;
    int jump_delta;  /* value stack change when jumping */
    int block_delta; /* on the fall-through path */
} flow;

static bool instruction_flow(uint8_t op, uint32_t arg, uint8_t extra, flow *f) {
    memset(f, 0, sizeof(*f));
    f->falls = true;
    int n_pos = (int)(arg & 0xff), n_kw = (int)(arg >> 8);
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
    case PY_OP_LOAD_BUILD_CLASS:
    case PY_OP_LOAD_ASSERTION_ERROR:
    case PY_OP_BUILD_MAP:
        f->pushes = 1;
        break;
    case PY_OP_STORE_FAST:
    case PY_OP_STORE_DEREF:
    case PY_OP_STORE_NAME:
    case PY_OP_STORE_GLOBAL:
    case PY_OP_POP_TOP:
    case PY_OP_DELETE_ATTR:
    case PY_OP_IMPORT_STAR:
    case PY_OP_PRINT_EXPR:
        f->pops = 1;
        break;
    case PY_OP_DELETE_FAST:
    case PY_OP_DELETE_DEREF:
    case PY_OP_DELETE_NAME:
    case PY_OP_DELETE_GLOBAL:
    case PY_OP_NOP:
    case PY_OP_POP_EXCEPT:
        break;
    case PY_OP_LOAD_ATTR:
    case PY_OP_UNARY_OP:
    case PY_OP_LIST_TO_TUPLE:
    case PY_OP_GET_ITER:
    case PY_OP_YIELD_VALUE:
    case PY_OP_GET_YIELD_FROM_ITER:
    case PY_OP_GET_AWAITABLE:
    case PY_OP_GET_AITER:
        f->pops = f->pushes = 1;
        break;
    case PY_OP_LOAD_METHOD:
        f->pops = 1;
        f->pushes = 2;
        break;
    case PY_OP_STORE_ATTR:
    case PY_OP_DELETE_SUBSCR:
    case PY_OP_WITH_EXIT_NORMAL:
    case PY_OP_END_ASYNC_FOR:
        f->pops = 2;
        break;
    case PY_OP_BEFORE_ASYNC_WITH:
        f->pops = 1;
        f->pushes = 3;
        break;
    case PY_OP_ASYNC_WITH_EXIT:
        f->pops = 3;
        f->pushes = 2;
        break;
    case PY_OP_LOAD_SUBSCR:
    case PY_OP_BINARY_OP:
    case PY_OP_LIST_EXTEND:
    case PY_OP_SET_UPDATE:
    case PY_OP_DICT_UPDATE:
    case PY_OP_DICT_MERGE:
    case PY_OP_IMPORT_NAME:
    case PY_OP_YIELD_FROM:
        f->pops = 2;
        f->pushes = 1;
        break;
    case PY_OP_STORE_SUBSCR:
    case PY_OP_WITH_EXCEPT:
        f->pops = 3;
        break;
    case PY_OP_STORE_MAP:
        f->pops = 3;
        f->pushes = 1;
        break;
    case PY_OP_ROT_TWO:
        f->pops = f->pushes = 2;
        break;
    case PY_OP_ROT_THREE:
        f->pops = f->pushes = 3;
        break;
    case PY_OP_DUP_TOP:
        f->pops = 1;
        f->pushes = 2;
        break;
    case PY_OP_DUP_TOP_TWO:
        f->pops = 2;
        f->pushes = 4;
        break;
    case PY_OP_BUILD_TUPLE:
    case PY_OP_BUILD_LIST:
    case PY_OP_BUILD_SET:
    case PY_OP_BUILD_STRING:
    case PY_OP_BUILD_SLICE:
        f->pops = (int)arg;
        f->pushes = 1;
        break;
    case PY_OP_LIST_APPEND:
    case PY_OP_SET_ADD:
        f->pops = 1 + (int)arg; /* the container must be there */
        f->pushes = (int)arg;
        break;
    case PY_OP_MAP_ADD:
        f->pops = 1 + (int)arg;
        f->pushes = (int)arg - 1;
        break;
    case PY_OP_UNPACK_SEQUENCE:
        f->pops = 1;
        f->pushes = (int)arg;
        break;
    case PY_OP_UNPACK_EX:
        f->pops = 1;
        f->pushes = n_pos + n_kw + 1;
        break;
    case PY_OP_FORMAT_VALUE:
        f->pops = (arg & 0x100) ? 2 : 1;
        f->pushes = 1;
        break;
    case PY_OP_MAKE_FUNCTION:
        f->pops = (extra & 1) + ((extra >> 1) & 1) + ((extra >> 2) & 1);
        f->pushes = 1;
        break;
    case PY_OP_CALL_FUNCTION:
        f->pops = 1 + n_pos + 2 * n_kw;
        f->pushes = 1;
        break;
    case PY_OP_CALL_METHOD:
        f->pops = 2 + n_pos + 2 * n_kw;
        f->pushes = 1;
        break;
    case PY_OP_CALL_FUNCTION_EX:
        f->pops = 2 + (int)(arg & 1);
        f->pushes = 1;
        break;
    case PY_OP_IMPORT_FROM:
        f->pops = 1;
        f->pushes = 2;
        break;
    case PY_OP_RETURN_VALUE:
    case PY_OP_RERAISE:
        f->pops = 1;
        f->falls = false;
        break;
    case PY_OP_RAISE:
        f->pops = (int)arg;
        f->falls = false;
        break;
    case PY_OP_JUMP:
        f->falls = false;
        f->jumps = true;
        break;
    case PY_OP_POP_JUMP_IF_FALSE:
    case PY_OP_POP_JUMP_IF_TRUE:
        f->pops = 1;
        f->jumps = true;
        f->jump_delta = -1;
        break;
    case PY_OP_JUMP_IF_FALSE_OR_POP:
    case PY_OP_JUMP_IF_TRUE_OR_POP:
        f->pops = 1;
        f->jumps = true;
        f->jump_delta = 0;
        break;
    case PY_OP_FOR_ITER:
        f->pops = 1;
        f->pushes = 2;
        f->jumps = true;
        f->jump_delta = -1;
        break;
    case PY_OP_SETUP_EXCEPT:
    case PY_OP_SETUP_FINALLY:
        f->jumps = true;
        f->jump_delta = 1; /* the exception, at the depth of the setup */
        f->block_delta = 1;
        break;
    case PY_OP_SETUP_WITH:
        f->pops = 1;
        f->pushes = 3;
        f->jumps = true;
        f->jump_delta = 2; /* exit_fun exit_self exception, in place of the manager */
        f->block_delta = 1;
        break;
    case PY_OP_SETUP_ASYNC_WITH:
        f->pops = f->pushes = 3;
        f->jumps = true;
        f->jump_delta = 0; /* exit_fun exit_self exception, in place of the value */
        f->block_delta = 1;
        break;
    case PY_OP_POP_BLOCK:
        f->block_delta = -1;
        break;
    default:
        return false;
    }
    return true;
}

static uint32_t operand(const uint8_t *p, uint8_t *extra) {
    *extra = 0;
    switch (py_bc_format[p[0]]) {
    case PY_BC_U16:
        return p[1] | (uint32_t)p[2] << 8;
    case PY_BC_U32:
        return p[1] | (uint32_t)p[2] << 8 | (uint32_t)p[3] << 16 | (uint32_t)p[4] << 24;
    case PY_BC_U16_U8:
        *extra = p[3];
        return p[1] | (uint32_t)p[2] << 8;
    default:
        return 0;
    }
}

static bool is_code(py_val v) { return py_is_obj(v) && py_type_of(v) == &py_type_code; }

/* Checks the operands of one instruction against the code object. */
static const char *check_operand(const py_code *co, uint8_t op, uint32_t arg, uint8_t extra) {
    size_t n_slots = (size_t)co->n_locals + co->n_cells + co->n_free;
    switch (op) {
    case PY_OP_LOAD_CONST:
        return arg < co->n_consts ? NULL : "constant index out of range";
    case PY_OP_MAKE_FUNCTION:
        if (arg >= co->n_consts || !is_code(co->consts[arg])) {
            return "MAKE_FUNCTION of something not code";
        }
        if (((extra & 4) != 0) != (((const py_code *)py_ptr(co->consts[arg]))->n_free != 0)) {
            return "closure flag does not match the free variables";
        }
        return NULL;
    case PY_OP_LOAD_FAST:
    case PY_OP_STORE_FAST:
    case PY_OP_DELETE_FAST:
        return arg < co->n_locals ? NULL : "local slot out of range";
    case PY_OP_LOAD_DEREF:
    case PY_OP_STORE_DEREF:
    case PY_OP_DELETE_DEREF:
    case PY_OP_LOAD_CLOSURE:
        return arg >= co->n_locals && arg < n_slots ? NULL : "cell slot out of range";
    case PY_OP_LOAD_NAME:
    case PY_OP_STORE_NAME:
    case PY_OP_DELETE_NAME:
    case PY_OP_LOAD_GLOBAL:
    case PY_OP_STORE_GLOBAL:
    case PY_OP_DELETE_GLOBAL:
    case PY_OP_LOAD_ATTR:
    case PY_OP_STORE_ATTR:
    case PY_OP_DELETE_ATTR:
    case PY_OP_LOAD_METHOD:
    case PY_OP_IMPORT_NAME:
    case PY_OP_IMPORT_FROM:
        return arg < co->n_names ? NULL : "name index out of range";
    case PY_OP_YIELD_VALUE:
    case PY_OP_YIELD_FROM:
        return (co->flags & PY_CODE_GENERATOR) ? NULL : "yield in code that is no generator";
    default:
        return NULL;
    }
}

/* Walks every path of one code object (and its nested ones); NULL if all is
 * well, else what is wrong, in err. */
static const char *check_flow(const py_code *co, char *err, size_t err_size) {
    size_t len = co->bytecode_len;
    int *depth = malloc((len + 1) * sizeof(int));
    int *blocks = malloc((len + 1) * sizeof(int));
    char *starts = calloc(len + 1, 1);
    size_t *todo = malloc((len + 1) * sizeof(size_t));
    size_t n_todo = 0;
    int max_depth = 0, max_blocks = 0;
    const char *bad = NULL;
#define FLOW_FAIL(...)                                                                             \
    do {                                                                                           \
        snprintf(err, err_size, __VA_ARGS__);                                                      \
        bad = err;                                                                                 \
        goto done;                                                                                 \
    } while (0)
    for (size_t i = 0; i <= len; i++) {
        depth[i] = -1;
    }
    for (size_t pc = 0; pc < len; pc += py_bc_size(co->bytecode[pc])) {
        if (co->bytecode[pc] >= PY_OP_COUNT) {
            FLOW_FAIL("%s: bad opcode at %zu", py_qstr_str(co->name), pc);
        }
        starts[pc] = 1;
    }
    if (len == 0) {
        FLOW_FAIL("%s: no code", py_qstr_str(co->name));
    }
    depth[0] = blocks[0] = 0;
    todo[n_todo++] = 0;
    while (n_todo > 0) {
        size_t pc = todo[--n_todo];
        const uint8_t *p = co->bytecode + pc;
        if (pc + py_bc_size(p[0]) > len) {
            FLOW_FAIL("%s: instruction cut short at %zu", py_qstr_str(co->name), pc);
        }
        uint8_t extra;
        uint32_t arg = operand(p, &extra);
        flow f;
        if (!instruction_flow(p[0], arg, extra, &f)) {
            FLOW_FAIL("%s: unknown opcode %u at %zu", py_qstr_str(co->name), p[0], pc);
        }
        const char *why = check_operand(co, p[0], arg, extra);
        if (why != NULL) {
            FLOW_FAIL("%s: %s at %zu", py_qstr_str(co->name), why, pc);
        }
        int d = depth[pc], b = blocks[pc];
        if (d < f.pops) {
            FLOW_FAIL("%s: %s at %zu needs %d items, has %d", py_qstr_str(co->name),
                      py_bc_name[p[0]], pc, f.pops, d);
        }
        if (b + f.block_delta < 0) {
            FLOW_FAIL("%s: POP_BLOCK without a block at %zu", py_qstr_str(co->name), pc);
        }
        struct {
            bool taken;
            size_t to;
            int d, b;
        } next[2] = {{f.falls, pc + py_bc_size(p[0]), d - f.pops + f.pushes, b + f.block_delta},
                     {f.jumps, arg, d + f.jump_delta, b}};
        for (int k = 0; k < 2; k++) {
            if (!next[k].taken) {
                continue;
            }
            size_t to = next[k].to;
            if (to >= len || !starts[to]) {
                FLOW_FAIL("%s: %s at %zu goes to %zu, not an instruction", py_qstr_str(co->name),
                          py_bc_name[p[0]], pc, to);
            }
            if (depth[to] < 0) {
                depth[to] = next[k].d;
                blocks[to] = next[k].b;
                max_depth = depth[to] > max_depth ? depth[to] : max_depth;
                max_blocks = blocks[to] > max_blocks ? blocks[to] : max_blocks;
                todo[n_todo++] = to;
            } else if (depth[to] != next[k].d || blocks[to] != next[k].b) {
                FLOW_FAIL("%s: %zu reached with depth %d/%d and %d/%d", py_qstr_str(co->name), to,
                          depth[to], blocks[to], next[k].d, next[k].b);
            }
        }
        /* the peak inside an instruction is what it pushes before popping */
        int peak = d - f.pops + f.pushes;
        max_depth = peak > max_depth ? peak : max_depth;
    }
    if (max_depth != co->stack_size || max_blocks != co->block_depth) {
        FLOW_FAIL("%s: stack_size %u block_depth %u, paths need %d and %d", py_qstr_str(co->name),
                  co->stack_size, co->block_depth, max_depth, max_blocks);
    }
    for (size_t i = 0; i < co->n_consts; i++) {
        if (is_code(co->consts[i])) {
            bad = check_flow(py_ptr(co->consts[i]), err, err_size);
            if (bad != NULL) {
                goto done;
            }
        }
    }
done:
    free(depth);
    free(blocks);
    free(starts);
    free(todo);
    return bad;
#undef FLOW_FAIL
}

/* ---------------------------------------------------------------- compiling */

/* Compiles source; on an exception returns NULL and its printed text. */
static py_code *compile_src(const char *src, int mode, char **error) {
    py_ast_arena arena;
    py_ast_arena_init(&arena);
    py_code *volatile code = NULL;
    *error = NULL;
    py_nlr nlr;
    py_try(nlr) {
        py_node *tree = py_parse(&arena, src, strlen(src), qstr("t"), mode, NULL);
        code = py_compile_ast(tree, qstr("t"), mode);
        py_nlr_pop();
    }
    else {
        *error = exception_text(nlr.exc);
    }
    py_ast_arena_free(&arena);
    return code;
}

/* The same through py_compile, which compiles a module a statement at a
 * time (py_compile_module). */
static py_code *compile_streamed(const char *src, char **error) {
    py_code *volatile code = NULL;
    *error = NULL;
    py_nlr nlr;
    py_try(nlr) {
        code = py_ptr(py_compile(src, strlen(src), qstr("t"), PY_INPUT_FILE));
        py_nlr_pop();
    }
    else {
        *error = exception_text(nlr.exc);
    }
    return code;
}

static py_code *compile_tree(py_node *tree, char **error) {
    py_code *volatile code = NULL;
    *error = NULL;
    py_nlr nlr;
    py_try(nlr) {
        code = py_compile_ast(tree, qstr("t"), PY_INPUT_FILE);
        py_nlr_pop();
    }
    else {
        *error = exception_text(nlr.exc);
    }
    return code;
}

static char *listing(const py_code *code) {
    text t = {0};
    py_print out = {&t, text_write};
    py_code_dump(&out, code);
    return t.data ? t.data : calloc(1, 1);
}

/* Where two texts first differ, for failure messages. */
static void show_difference(const char *want, const char *got) {
    size_t line = 1, i = 0;
    while (want[i] && want[i] == got[i]) {
        line += want[i] == '\n';
        i++;
    }
    fprintf(stderr, "  first difference at line %zu\n--- expected\n%s--- got\n%s---\n", line, want,
            got);
}

/* ---------------------------------------------------------------- listings */

typedef struct listing_case {
    const char *name;
    int mode;
    const char *src;
    const char *want;
} listing_case;

static const listing_case listing_cases[] = {
    {"break-continue-in-finally", PY_INPUT_FILE,
     "for i in x:\n"
     "    try:\n"
     "        if i:\n"
     "            break\n"
     "        continue\n"
     "    finally:\n"
     "        f()\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=3 blocks=1\n"
     "      1     0 LOAD_NAME x\n"
     "            3 GET_ITER\n"
     "            4 FOR_ITER -> 60\n"
     "            9 STORE_NAME i\n"
     "      2    12 SETUP_FINALLY -> 52\n"
     "      3    17 LOAD_NAME i\n"
     "           20 POP_JUMP_IF_FALSE -> 39\n"
     "      4    25 POP_BLOCK\n"
     "      7    26 LOAD_NAME f\n"
     "           29 CALL_FUNCTION 0\n"
     "           32 POP_TOP\n"
     "      4    33 POP_TOP\n"
     "           34 JUMP -> 60\n"
     "      5    39 POP_BLOCK\n"
     "      7    40 LOAD_NAME f\n"
     "           43 CALL_FUNCTION 0\n"
     "           46 POP_TOP\n"
     "      5    47 JUMP -> 4\n"
     "      7    52 LOAD_NAME f\n"
     "           55 CALL_FUNCTION 0\n"
     "           58 POP_TOP\n"
     "      2    59 RERAISE\n"
     "      1    60 LOAD_NONE\n"
     "           61 RETURN_VALUE\n"},
    {"with-return", PY_INPUT_FILE,
     "def g(a):\n"
     "    with m() as v, n():\n"
     "        return a\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "      1     0 MAKE_FUNCTION <code g>\n"
     "            4 STORE_NAME g\n"
     "            7 LOAD_NONE\n"
     "            8 RETURN_VALUE\n"
     "\n"
     "code g (t:1) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=5 blocks=2\n"
     "  locals: a v\n"
     "      2     0 LOAD_GLOBAL m\n"
     "            3 CALL_FUNCTION 0\n"
     "            6 SETUP_WITH -> 44\n"
     "           11 STORE_FAST v\n"
     "           14 LOAD_GLOBAL n\n"
     "           17 CALL_FUNCTION 0\n"
     "           20 SETUP_WITH -> 36\n"
     "           25 POP_TOP\n"
     "      3    26 LOAD_FAST a\n"
     "           29 POP_BLOCK\n"
     "           30 ROT_THREE\n"
     "           31 WITH_EXIT_NORMAL\n"
     "           32 POP_BLOCK\n"
     "           33 ROT_THREE\n"
     "           34 WITH_EXIT_NORMAL\n"
     "           35 RETURN_VALUE\n"
     "      2    36 WITH_EXCEPT\n"
     "           37 POP_BLOCK\n"
     "           38 WITH_EXIT_NORMAL\n"
     "           39 JUMP -> 45\n"
     "           44 WITH_EXCEPT\n"
     "           45 LOAD_NONE\n"
     "           46 RETURN_VALUE\n"},
    {"return-from-for-in-with", PY_INPUT_FILE,
     "def f(y):\n"
     "    with m():\n"
     "        for x in y:\n"
     "            if x:\n"
     "                return x\n"
     "    return 0\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "      1     0 MAKE_FUNCTION <code f>\n"
     "            4 STORE_NAME f\n"
     "            7 LOAD_NONE\n"
     "            8 RETURN_VALUE\n"
     "\n"
     "code f (t:1) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=4 blocks=1\n"
     "  locals: y x\n"
     "      2     0 LOAD_GLOBAL m\n"
     "            3 CALL_FUNCTION 0\n"
     "            6 SETUP_WITH -> 53\n"
     "           11 POP_TOP\n"
     "      3    12 LOAD_FAST y\n"
     "           15 GET_ITER\n"
     "           16 FOR_ITER -> 46\n"
     "           21 STORE_FAST x\n"
     "      4    24 LOAD_FAST x\n"
     "           27 POP_JUMP_IF_FALSE -> 41\n"
     "      5    32 LOAD_FAST x\n"
     "           35 ROT_TWO\n"
     "           36 POP_TOP\n"
     "           37 POP_BLOCK\n"
     "           38 ROT_THREE\n"
     "           39 WITH_EXIT_NORMAL\n"
     "           40 RETURN_VALUE\n"
     "      3    41 JUMP -> 16\n"
     "      2    46 POP_BLOCK\n"
     "           47 WITH_EXIT_NORMAL\n"
     "           48 JUMP -> 54\n"
     "           53 WITH_EXCEPT\n"
     "      6    54 LOAD_SMALL_INT 0\n"
     "           57 RETURN_VALUE\n"},
    {"break-out-of-handlers", PY_INPUT_FILE,
     "while x:\n"
     "    try:\n"
     "        f()\n"
     "    except E as e:\n"
     "        break\n"
     "    try:\n"
     "        g()\n"
     "    finally:\n"
     "        continue\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=3 blocks=1\n"
     "      1     0 JUMP -> 91\n"
     "      2     5 SETUP_EXCEPT -> 23\n"
     "      3    10 LOAD_NAME f\n"
     "           13 CALL_FUNCTION 0\n"
     "           16 POP_TOP\n"
     "      2    17 POP_BLOCK\n"
     "           18 JUMP -> 66\n"
     "      4    23 DUP_TOP\n"
     "           24 LOAD_NAME E\n"
     "           27 BINARY_OP exc_match\n"
     "           30 POP_JUMP_IF_FALSE -> 65\n"
     "           35 STORE_NAME e\n"
     "           38 SETUP_FINALLY -> 57\n"
     "      5    43 POP_BLOCK\n"
     "           44 LOAD_NONE\n"
     "           45 STORE_NAME e\n"
     "           48 DELETE_NAME e\n"
     "           51 POP_EXCEPT\n"
     "           52 JUMP -> 99\n"
     "      4    57 LOAD_NONE\n"
     "           58 STORE_NAME e\n"
     "           61 DELETE_NAME e\n"
     "           64 RERAISE\n"
     "           65 RERAISE\n"
     "      6    66 SETUP_FINALLY -> 84\n"
     "      7    71 LOAD_NAME g\n"
     "           74 CALL_FUNCTION 0\n"
     "           77 POP_TOP\n"
     "      6    78 POP_BLOCK\n"
     "      9    79 JUMP -> 91\n"
     "           84 POP_EXCEPT\n"
     "           85 POP_TOP\n"
     "           86 JUMP -> 91\n"
     "      1    91 LOAD_NAME x\n"
     "           94 POP_JUMP_IF_TRUE -> 5\n"
     "           99 LOAD_NONE\n"
     "          100 RETURN_VALUE\n"},
    {"return-through-finally-with-continue", PY_INPUT_FILE,
     "def f():\n"
     "    for i in range(3):\n"
     "        try:\n"
     "            return i\n"
     "        finally:\n"
     "            if i < 2:\n"
     "                continue\n"
     "    return 'end'\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "      1     0 MAKE_FUNCTION <code f>\n"
     "            4 STORE_NAME f\n"
     "            7 LOAD_NONE\n"
     "            8 RETURN_VALUE\n"
     "\n"
     "code f (t:1) flags=NEWLOCALS pos=0 posonly=0 kwonly=0 stack=4 blocks=1\n"
     "  locals: i\n"
     "      2     0 LOAD_GLOBAL range\n"
     "            3 LOAD_SMALL_INT 3\n"
     "            6 CALL_FUNCTION 1\n"
     "            9 GET_ITER\n"
     "           10 FOR_ITER -> 70\n"
     "           15 STORE_FAST i\n"
     "      3    18 SETUP_FINALLY -> 48\n"
     "      4    23 LOAD_FAST i\n"
     "           26 POP_BLOCK\n"
     "      6    27 LOAD_FAST i\n"
     "           30 LOAD_SMALL_INT 2\n"
     "           33 BINARY_OP <\n"
     "           36 POP_JUMP_IF_FALSE -> 47\n"
     "      7    41 POP_TOP\n"
     "           42 JUMP -> 10\n"
     "      4    47 RETURN_VALUE\n"
     "      6    48 LOAD_FAST i\n"
     "           51 LOAD_SMALL_INT 2\n"
     "           54 BINARY_OP <\n"
     "           57 POP_JUMP_IF_FALSE -> 69\n"
     "      7    62 POP_EXCEPT\n"
     "           63 POP_TOP\n"
     "           64 JUMP -> 10\n"
     "      3    69 RERAISE\n"
     "      8    70 LOAD_CONST 'end'\n"
     "           73 RETURN_VALUE\n"},
    {"try-except-else-finally", PY_INPUT_FILE,
     "try:\n"
     "    f()\n"
     "except (E1, E2) as e:\n"
     "    g(e)\n"
     "except E3:\n"
     "    pass\n"
     "else:\n"
     "    h()\n"
     "finally:\n"
     "    k()\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=4 blocks=2\n"
     "      1     0 SETUP_FINALLY -> 121\n"
     "            5 SETUP_EXCEPT -> 30\n"
     "      2    10 LOAD_NAME f\n"
     "           13 CALL_FUNCTION 0\n"
     "           16 POP_TOP\n"
     "      1    17 POP_BLOCK\n"
     "      8    18 LOAD_NAME h\n"
     "           21 CALL_FUNCTION 0\n"
     "           24 POP_TOP\n"
     "      1    25 JUMP -> 108\n"
     "      3    30 DUP_TOP\n"
     "           31 LOAD_NAME E1\n"
     "           34 LOAD_NAME E2\n"
     "           37 BUILD_TUPLE 2\n"
     "           40 BINARY_OP exc_match\n"
     "           43 POP_JUMP_IF_FALSE -> 88\n"
     "           48 STORE_NAME e\n"
     "           51 SETUP_FINALLY -> 80\n"
     "      4    56 LOAD_NAME g\n"
     "           59 LOAD_NAME e\n"
     "           62 CALL_FUNCTION 1\n"
     "           65 POP_TOP\n"
     "      3    66 POP_BLOCK\n"
     "           67 LOAD_NONE\n"
     "           68 STORE_NAME e\n"
     "           71 DELETE_NAME e\n"
     "           74 POP_EXCEPT\n"
     "           75 JUMP -> 108\n"
     "           80 LOAD_NONE\n"
     "           81 STORE_NAME e\n"
     "           84 DELETE_NAME e\n"
     "           87 RERAISE\n"
     "      5    88 DUP_TOP\n"
     "           89 LOAD_NAME E3\n"
     "           92 BINARY_OP exc_match\n"
     "           95 POP_JUMP_IF_FALSE -> 107\n"
     "          100 POP_TOP\n"
     "          101 POP_EXCEPT\n"
     "          102 JUMP -> 108\n"
     "          107 RERAISE\n"
     "      1   108 POP_BLOCK\n"
     "     10   109 LOAD_NAME k\n"
     "          112 CALL_FUNCTION 0\n"
     "          115 POP_TOP\n"
     "      1   116 JUMP -> 129\n"
     "     10   121 LOAD_NAME k\n"
     "          124 CALL_FUNCTION 0\n"
     "          127 POP_TOP\n"
     "      1   128 RERAISE\n"
     "          129 LOAD_NONE\n"
     "          130 RETURN_VALUE\n"},
    {"chained-comparison", PY_INPUT_FILE,
     "print(a < b <= c)\n"
     "if 0 < x < 10:\n"
     "    y = 1\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=4 blocks=0\n"
     "      1     0 LOAD_NAME print\n"
     "            3 LOAD_NAME a\n"
     "            6 LOAD_NAME b\n"
     "            9 DUP_TOP\n"
     "           10 ROT_THREE\n"
     "           11 BINARY_OP <\n"
     "           14 JUMP_IF_FALSE_OR_POP -> 30\n"
     "           19 LOAD_NAME c\n"
     "           22 BINARY_OP <=\n"
     "           25 JUMP -> 32\n"
     "           30 ROT_TWO\n"
     "           31 POP_TOP\n"
     "           32 CALL_FUNCTION 1\n"
     "           35 POP_TOP\n"
     "      2    36 LOAD_SMALL_INT 0\n"
     "           39 LOAD_NAME x\n"
     "           42 DUP_TOP\n"
     "           43 ROT_THREE\n"
     "           44 BINARY_OP <\n"
     "           47 JUMP_IF_FALSE_OR_POP -> 63\n"
     "           52 LOAD_SMALL_INT 10\n"
     "           55 BINARY_OP <\n"
     "           58 JUMP -> 65\n"
     "           63 ROT_TWO\n"
     "           64 POP_TOP\n"
     "           65 POP_JUMP_IF_FALSE -> 76\n"
     "      3    70 LOAD_SMALL_INT 1\n"
     "           73 STORE_NAME y\n"
     "           76 LOAD_NONE\n"
     "           77 RETURN_VALUE\n"},
    {"closure-cell2arg", PY_INPUT_FILE,
     "def outer(a, b=2, *args, c, d=4, **kw):\n"
     "    def inner():\n"
     "        nonlocal a\n"
     "        a += 1\n"
     "        return a + c\n"
     "    return inner\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=4 blocks=0\n"
     "      1     0 LOAD_CONST (2,)\n"
     "            3 BUILD_MAP 1\n"
     "            6 LOAD_CONST 'd'\n"
     "            9 LOAD_SMALL_INT 4\n"
     "           12 STORE_MAP\n"
     "           13 MAKE_FUNCTION <code outer> defaults kwdefaults\n"
     "           17 STORE_NAME outer\n"
     "           20 LOAD_NONE\n"
     "           21 RETURN_VALUE\n"
     "\n"
     "code outer (t:1) flags=VARARGS|VARKW|NEWLOCALS pos=2 posonly=0 kwonly=2 stack=2 blocks=0\n"
     "  locals: a b c d args kw inner | cells: a=arg0 c=arg2\n"
     "      2     0 LOAD_CLOSURE a\n"
     "            3 LOAD_CLOSURE c\n"
     "            6 BUILD_TUPLE 2\n"
     "            9 MAKE_FUNCTION <code inner> closure\n"
     "           13 STORE_FAST inner\n"
     "      6    16 LOAD_FAST inner\n"
     "           19 RETURN_VALUE\n"
     "\n"
     "code inner (t:2) flags=NEWLOCALS pos=0 posonly=0 kwonly=0 stack=2 blocks=0\n"
     "  free: a c\n"
     "      4     0 LOAD_DEREF a\n"
     "            3 LOAD_SMALL_INT 1\n"
     "            6 BINARY_OP +=\n"
     "            9 STORE_DEREF a\n"
     "      5    12 LOAD_DEREF a\n"
     "           15 LOAD_DEREF c\n"
     "           18 BINARY_OP +\n"
     "           21 RETURN_VALUE\n"},
    {"class-super", PY_INPUT_FILE,
     "class A(B, metaclass=M):\n"
     "    x = 1\n"
     "    def f(self):\n"
     "        return super().f() + __class__.x\n"
     "    def g(self):\n"
     "        return [self for _ in y]\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=6 blocks=0\n"
     "      1     0 LOAD_BUILD_CLASS\n"
     "            1 MAKE_FUNCTION <code A>\n"
     "            5 LOAD_CONST 'A'\n"
     "            8 LOAD_NAME B\n"
     "           11 LOAD_CONST 'metaclass'\n"
     "           14 LOAD_NAME M\n"
     "           17 CALL_FUNCTION 3 kw=1\n"
     "           20 STORE_NAME A\n"
     "           23 LOAD_NONE\n"
     "           24 RETURN_VALUE\n"
     "\n"
     "code A (t:1) flags=CLASS pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "  cells: __class__\n"
     "      1     0 LOAD_NAME __name__\n"
     "            3 STORE_NAME __module__\n"
     "      2     6 LOAD_SMALL_INT 1\n"
     "            9 STORE_NAME x\n"
     "      3    12 LOAD_CLOSURE __class__\n"
     "           15 BUILD_TUPLE 1\n"
     "           18 MAKE_FUNCTION <code f> closure\n"
     "           22 STORE_NAME f\n"
     "      5    25 MAKE_FUNCTION <code g>\n"
     "           29 STORE_NAME g\n"
     "      1    32 LOAD_CLOSURE __class__\n"
     "           35 RETURN_VALUE\n"
     "\n"
     "code f (t:3) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=3 blocks=0\n"
     "  locals: self | free: __class__\n"
     "      4     0 LOAD_GLOBAL super\n"
     "            3 LOAD_DEREF __class__\n"
     "            6 LOAD_FAST self\n"
     "            9 CALL_FUNCTION 2\n"
     "           12 LOAD_METHOD f\n"
     "           15 CALL_METHOD 0\n"
     "           18 LOAD_DEREF __class__\n"
     "           21 LOAD_ATTR x\n"
     "           24 BINARY_OP +\n"
     "           27 RETURN_VALUE\n"
     "\n"
     "code g (t:5) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=2 blocks=0\n"
     "  locals: self | cells: self=arg0\n"
     "      6     0 LOAD_CLOSURE self\n"
     "            3 BUILD_TUPLE 1\n"
     "            6 MAKE_FUNCTION <code <listcomp>> closure\n"
     "           10 LOAD_GLOBAL y\n"
     "           13 GET_ITER\n"
     "           14 CALL_FUNCTION 1\n"
     "           17 RETURN_VALUE\n"
     "\n"
     "code <listcomp> (t:6) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=3 blocks=0\n"
     "  locals: .0 _ | free: self\n"
     "      6     0 BUILD_LIST 0\n"
     "            3 LOAD_FAST .0\n"
     "            6 FOR_ITER -> 25\n"
     "           11 STORE_FAST _\n"
     "           14 LOAD_DEREF self\n"
     "           17 LIST_APPEND 2\n"
     "           20 JUMP -> 6\n"
     "           25 RETURN_VALUE\n"},
    {"class-in-function", PY_INPUT_FILE,
     "def f(v):\n"
     "    class C(*bases):\n"
     "        w = v\n"
     "        def m(self):\n"
     "            return v\n"
     "    return C\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "      1     0 MAKE_FUNCTION <code f>\n"
     "            4 STORE_NAME f\n"
     "            7 LOAD_NONE\n"
     "            8 RETURN_VALUE\n"
     "\n"
     "code f (t:1) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=3 blocks=0\n"
     "  locals: v C | cells: v=arg0\n"
     "      2     0 LOAD_BUILD_CLASS\n"
     "            1 LOAD_CLOSURE v\n"
     "            4 BUILD_TUPLE 1\n"
     "            7 MAKE_FUNCTION <code C> closure\n"
     "           11 LOAD_CONST 'C'\n"
     "           14 BUILD_LIST 2\n"
     "           17 LOAD_GLOBAL bases\n"
     "           20 LIST_EXTEND\n"
     "           21 CALL_FUNCTION_EX 0\n"
     "           24 STORE_FAST C\n"
     "      6    27 LOAD_FAST C\n"
     "           30 RETURN_VALUE\n"
     "\n"
     "code C (t:2) flags=CLASS pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "  free: v\n"
     "      2     0 LOAD_NAME __name__\n"
     "            3 STORE_NAME __module__\n"
     "      3     6 LOAD_DEREF v\n"
     "            9 STORE_NAME w\n"
     "      4    12 LOAD_CLOSURE v\n"
     "           15 BUILD_TUPLE 1\n"
     "           18 MAKE_FUNCTION <code m> closure\n"
     "           22 STORE_NAME m\n"
     "      2    25 LOAD_NONE\n"
     "           26 RETURN_VALUE\n"
     "\n"
     "code m (t:4) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "  locals: self | free: v\n"
     "      5     0 LOAD_DEREF v\n"
     "            3 RETURN_VALUE\n"},
    {"comprehensions", PY_INPUT_FILE,
     "r = [x * y for x in a if x for y in b]\n"
     "d = {k: v for k, v in items}\n"
     "s = {v for v in range(3)}\n"
     "g = (v for v in w)\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=3 blocks=0\n"
     "      1     0 MAKE_FUNCTION <code <listcomp>>\n"
     "            4 LOAD_NAME a\n"
     "            7 GET_ITER\n"
     "            8 CALL_FUNCTION 1\n"
     "           11 STORE_NAME r\n"
     "      2    14 MAKE_FUNCTION <code <dictcomp>>\n"
     "           18 LOAD_NAME items\n"
     "           21 GET_ITER\n"
     "           22 CALL_FUNCTION 1\n"
     "           25 STORE_NAME d\n"
     "      3    28 MAKE_FUNCTION <code <setcomp>>\n"
     "           32 LOAD_NAME range\n"
     "           35 LOAD_SMALL_INT 3\n"
     "           38 CALL_FUNCTION 1\n"
     "           41 GET_ITER\n"
     "           42 CALL_FUNCTION 1\n"
     "           45 STORE_NAME s\n"
     "      4    48 MAKE_FUNCTION <code <genexpr>>\n"
     "           52 LOAD_NAME w\n"
     "           55 GET_ITER\n"
     "           56 CALL_FUNCTION 1\n"
     "           59 STORE_NAME g\n"
     "           62 LOAD_NONE\n"
     "           63 RETURN_VALUE\n"
     "\n"
     "code <listcomp> (t:1) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=5 blocks=0\n"
     "  locals: .0 x y\n"
     "      1     0 BUILD_LIST 0\n"
     "            3 LOAD_FAST .0\n"
     "            6 FOR_ITER -> 56\n"
     "           11 STORE_FAST x\n"
     "           14 LOAD_FAST x\n"
     "           17 POP_JUMP_IF_FALSE -> 6\n"
     "           22 LOAD_GLOBAL b\n"
     "           25 GET_ITER\n"
     "           26 FOR_ITER -> 51\n"
     "           31 STORE_FAST y\n"
     "           34 LOAD_FAST x\n"
     "           37 LOAD_FAST y\n"
     "           40 BINARY_OP *\n"
     "           43 LIST_APPEND 3\n"
     "           46 JUMP -> 26\n"
     "           51 JUMP -> 6\n"
     "           56 RETURN_VALUE\n"
     "\n"
     "code <dictcomp> (t:2) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=4 blocks=0\n"
     "  locals: .0 k v\n"
     "      2     0 BUILD_MAP 0\n"
     "            3 LOAD_FAST .0\n"
     "            6 FOR_ITER -> 34\n"
     "           11 UNPACK_SEQUENCE 2\n"
     "           14 STORE_FAST k\n"
     "           17 STORE_FAST v\n"
     "           20 LOAD_FAST k\n"
     "           23 LOAD_FAST v\n"
     "           26 MAP_ADD 3\n"
     "           29 JUMP -> 6\n"
     "           34 RETURN_VALUE\n"
     "\n"
     "code <setcomp> (t:3) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=3 blocks=0\n"
     "  locals: .0 v\n"
     "      3     0 BUILD_SET 0\n"
     "            3 LOAD_FAST .0\n"
     "            6 FOR_ITER -> 25\n"
     "           11 STORE_FAST v\n"
     "           14 LOAD_FAST v\n"
     "           17 SET_ADD 2\n"
     "           20 JUMP -> 6\n"
     "           25 RETURN_VALUE\n"
     "\n"
     "code <genexpr> (t:4) flags=GENERATOR|NEWLOCALS pos=1 posonly=0 kwonly=0 stack=2 blocks=0\n"
     "  locals: .0 v\n"
     "      4     0 LOAD_FAST .0\n"
     "            3 FOR_ITER -> 21\n"
     "            8 STORE_FAST v\n"
     "           11 LOAD_FAST v\n"
     "           14 YIELD_VALUE\n"
     "           15 POP_TOP\n"
     "           16 JUMP -> 3\n"
     "           21 LOAD_NONE\n"
     "           22 RETURN_VALUE\n"},
    {"comprehension-walrus", PY_INPUT_FILE,
     "def f(a):\n"
     "    if any((last := x) > 1 for x in a):\n"
     "        return last\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "      1     0 MAKE_FUNCTION <code f>\n"
     "            4 STORE_NAME f\n"
     "            7 LOAD_NONE\n"
     "            8 RETURN_VALUE\n"
     "\n"
     "code f (t:1) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=3 blocks=0\n"
     "  locals: a | cells: last\n"
     "      2     0 LOAD_GLOBAL any\n"
     "            3 LOAD_CLOSURE last\n"
     "            6 BUILD_TUPLE 1\n"
     "            9 MAKE_FUNCTION <code <genexpr>> closure\n"
     "           13 LOAD_FAST a\n"
     "           16 GET_ITER\n"
     "           17 CALL_FUNCTION 1\n"
     "           20 CALL_FUNCTION 1\n"
     "           23 POP_JUMP_IF_FALSE -> 32\n"
     "      3    28 LOAD_DEREF last\n"
     "           31 RETURN_VALUE\n"
     "           32 LOAD_NONE\n"
     "           33 RETURN_VALUE\n"
     "\n"
     "code <genexpr> (t:2) flags=GENERATOR|NEWLOCALS pos=1 posonly=0 kwonly=0 stack=3 blocks=0\n"
     "  locals: .0 x | free: last\n"
     "      2     0 LOAD_FAST .0\n"
     "            3 FOR_ITER -> 31\n"
     "            8 STORE_FAST x\n"
     "           11 LOAD_FAST x\n"
     "           14 DUP_TOP\n"
     "           15 STORE_DEREF last\n"
     "           18 LOAD_SMALL_INT 1\n"
     "           21 BINARY_OP >\n"
     "           24 YIELD_VALUE\n"
     "           25 POP_TOP\n"
     "           26 JUMP -> 3\n"
     "           31 LOAD_NONE\n"
     "           32 RETURN_VALUE\n"},
    {"augmented-assignment", PY_INPUT_FILE,
     "a[i] += 1\n"
     "o.attr -= 2\n"
     "n *= 3\n"
     "a[1:2] |= b\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=4 blocks=0\n"
     "      1     0 LOAD_NAME a\n"
     "            3 LOAD_NAME i\n"
     "            6 DUP_TOP_TWO\n"
     "            7 LOAD_SUBSCR\n"
     "            8 LOAD_SMALL_INT 1\n"
     "           11 BINARY_OP +=\n"
     "           14 ROT_THREE\n"
     "           15 STORE_SUBSCR\n"
     "      2    16 LOAD_NAME o\n"
     "           19 DUP_TOP\n"
     "           20 LOAD_ATTR attr\n"
     "           23 LOAD_SMALL_INT 2\n"
     "           26 BINARY_OP -=\n"
     "           29 ROT_TWO\n"
     "           30 STORE_ATTR attr\n"
     "      3    33 LOAD_NAME n\n"
     "           36 LOAD_SMALL_INT 3\n"
     "           39 BINARY_OP *=\n"
     "           42 STORE_NAME n\n"
     "      4    45 LOAD_NAME a\n"
     "           48 LOAD_SMALL_INT 1\n"
     "           51 LOAD_SMALL_INT 2\n"
     "           54 BUILD_SLICE 2\n"
     "           57 DUP_TOP_TWO\n"
     "           58 LOAD_SUBSCR\n"
     "           59 LOAD_NAME b\n"
     "           62 BINARY_OP |=\n"
     "           65 ROT_THREE\n"
     "           66 STORE_SUBSCR\n"
     "           67 LOAD_NONE\n"
     "           68 RETURN_VALUE\n"},
    {"assignments", PY_INPUT_FILE,
     "a, *b, c = t\n"
     "a, b = b, a\n"
     "x = y = z\n"
     "[p, (q, r)] = s\n"
     "o.a, o[1] = 1, 2\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=3 blocks=0\n"
     "      1     0 LOAD_NAME t\n"
     "            3 UNPACK_EX 1 1\n"
     "            6 STORE_NAME a\n"
     "            9 STORE_NAME b\n"
     "           12 STORE_NAME c\n"
     "      2    15 LOAD_NAME b\n"
     "           18 LOAD_NAME a\n"
     "           21 ROT_TWO\n"
     "           22 STORE_NAME a\n"
     "           25 STORE_NAME b\n"
     "      3    28 LOAD_NAME z\n"
     "           31 DUP_TOP\n"
     "           32 STORE_NAME x\n"
     "           35 STORE_NAME y\n"
     "      4    38 LOAD_NAME s\n"
     "           41 UNPACK_SEQUENCE 2\n"
     "           44 STORE_NAME p\n"
     "           47 UNPACK_SEQUENCE 2\n"
     "           50 STORE_NAME q\n"
     "           53 STORE_NAME r\n"
     "      5    56 LOAD_SMALL_INT 1\n"
     "           59 LOAD_SMALL_INT 2\n"
     "           62 ROT_TWO\n"
     "           63 LOAD_NAME o\n"
     "           66 STORE_ATTR a\n"
     "           69 LOAD_NAME o\n"
     "           72 LOAD_SMALL_INT 1\n"
     "           75 STORE_SUBSCR\n"
     "           76 LOAD_NONE\n"
     "           77 RETURN_VALUE\n"},
    {"calls", PY_INPUT_FILE,
     "f(1, *a, k=2, **kw)\n"
     "o.m(1, x=2)\n"
     "o.m(*a)\n"
     "f(**kw)\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=5 blocks=0\n"
     "      1     0 LOAD_NAME f\n"
     "            3 LOAD_SMALL_INT 1\n"
     "            6 BUILD_LIST 1\n"
     "            9 LOAD_NAME a\n"
     "           12 LIST_EXTEND\n"
     "           13 BUILD_MAP 1\n"
     "           16 LOAD_CONST 'k'\n"
     "           19 LOAD_SMALL_INT 2\n"
     "           22 STORE_MAP\n"
     "           23 LOAD_NAME kw\n"
     "           26 DICT_MERGE\n"
     "           27 CALL_FUNCTION_EX 1\n"
     "           30 POP_TOP\n"
     "      2    31 LOAD_NAME o\n"
     "           34 LOAD_METHOD m\n"
     "           37 LOAD_SMALL_INT 1\n"
     "           40 LOAD_CONST 'x'\n"
     "           43 LOAD_SMALL_INT 2\n"
     "           46 CALL_METHOD 1 kw=1\n"
     "           49 POP_TOP\n"
     "      3    50 LOAD_NAME o\n"
     "           53 LOAD_ATTR m\n"
     "           56 BUILD_LIST 0\n"
     "           59 LOAD_NAME a\n"
     "           62 LIST_EXTEND\n"
     "           63 CALL_FUNCTION_EX 0\n"
     "           66 POP_TOP\n"
     "      4    67 LOAD_NAME f\n"
     "           70 BUILD_LIST 0\n"
     "           73 BUILD_MAP 0\n"
     "           76 LOAD_NAME kw\n"
     "           79 DICT_MERGE\n"
     "           80 CALL_FUNCTION_EX 1\n"
     "           83 POP_TOP\n"
     "           84 LOAD_NONE\n"
     "           85 RETURN_VALUE\n"},
    {"imports", PY_INPUT_FILE,
     "import a.b.c as d, x.y\n"
     "from ..m import n as o, p\n"
     "from . import q\n"
     "from r import *\n"
     "from __future__ import annotations\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=2 blocks=0\n"
     "      1     0 LOAD_SMALL_INT 0\n"
     "            3 LOAD_NONE\n"
     "            4 IMPORT_NAME a.b.c\n"
     "            7 IMPORT_FROM b\n"
     "           10 ROT_TWO\n"
     "           11 POP_TOP\n"
     "           12 IMPORT_FROM c\n"
     "           15 ROT_TWO\n"
     "           16 POP_TOP\n"
     "           17 STORE_NAME d\n"
     "           20 LOAD_SMALL_INT 0\n"
     "           23 LOAD_NONE\n"
     "           24 IMPORT_NAME x.y\n"
     "           27 STORE_NAME x\n"
     "      2    30 LOAD_SMALL_INT 2\n"
     "           33 LOAD_CONST ('n', 'p')\n"
     "           36 IMPORT_NAME m\n"
     "           39 IMPORT_FROM n\n"
     "           42 STORE_NAME o\n"
     "           45 IMPORT_FROM p\n"
     "           48 STORE_NAME p\n"
     "           51 POP_TOP\n"
     "      3    52 LOAD_SMALL_INT 1\n"
     "           55 LOAD_CONST ('q',)\n"
     "           58 IMPORT_NAME \n"
     "           61 IMPORT_FROM q\n"
     "           64 STORE_NAME q\n"
     "           67 POP_TOP\n"
     "      4    68 LOAD_SMALL_INT 0\n"
     "           71 LOAD_CONST ('*',)\n"
     "           74 IMPORT_NAME r\n"
     "           77 IMPORT_STAR\n"
     "      5    78 LOAD_NONE\n"
     "           79 RETURN_VALUE\n"},
    {"displays", PY_INPUT_FILE,
     "t = (1, 2, (3, -4.5))\n"
     "l = [1, *a, 2]\n"
     "s = {*a, b}\n"
     "d = {1: 2, **e, 'k': f}\n"
     "u = (*a,)\n"
     "x[1:2, ::3]\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=5 blocks=0\n"
     "      1     0 LOAD_CONST (1, 2, (3, -4.5))\n"
     "            3 STORE_NAME t\n"
     "      2     6 LOAD_SMALL_INT 1\n"
     "            9 BUILD_LIST 1\n"
     "           12 LOAD_NAME a\n"
     "           15 LIST_EXTEND\n"
     "           16 LOAD_SMALL_INT 2\n"
     "           19 LIST_APPEND 1\n"
     "           22 STORE_NAME l\n"
     "      3    25 BUILD_SET 0\n"
     "           28 LOAD_NAME a\n"
     "           31 SET_UPDATE\n"
     "           32 LOAD_NAME b\n"
     "           35 SET_ADD 1\n"
     "           38 STORE_NAME s\n"
     "      4    41 BUILD_MAP 2\n"
     "           44 LOAD_SMALL_INT 1\n"
     "           47 LOAD_SMALL_INT 2\n"
     "           50 STORE_MAP\n"
     "           51 LOAD_NAME e\n"
     "           54 DICT_UPDATE\n"
     "           55 LOAD_CONST 'k'\n"
     "           58 LOAD_NAME f\n"
     "           61 STORE_MAP\n"
     "           62 STORE_NAME d\n"
     "      5    65 BUILD_LIST 0\n"
     "           68 LOAD_NAME a\n"
     "           71 LIST_EXTEND\n"
     "           72 LIST_TO_TUPLE\n"
     "           73 STORE_NAME u\n"
     "      6    76 LOAD_NAME x\n"
     "           79 LOAD_SMALL_INT 1\n"
     "           82 LOAD_SMALL_INT 2\n"
     "           85 BUILD_SLICE 2\n"
     "           88 LOAD_NONE\n"
     "           89 LOAD_NONE\n"
     "           90 LOAD_SMALL_INT 3\n"
     "           93 BUILD_SLICE 3\n"
     "           96 BUILD_TUPLE 2\n"
     "           99 LOAD_SUBSCR\n"
     "          100 POP_TOP\n"
     "          101 LOAD_NONE\n"
     "          102 RETURN_VALUE\n"},
    {"f-strings", PY_INPUT_FILE,
     "s = f\"{x!r:>{w}} and {y}\"\n"
     "t = f\"{z}\"\n"
     "u = f\"\"\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=3 blocks=0\n"
     "      1     0 LOAD_NAME x\n"
     "            3 LOAD_CONST '>'\n"
     "            6 LOAD_NAME w\n"
     "            9 FORMAT_VALUE\n"
     "           12 BUILD_STRING 2\n"
     "           15 FORMAT_VALUE !r spec\n"
     "           18 LOAD_CONST ' and '\n"
     "           21 LOAD_NAME y\n"
     "           24 FORMAT_VALUE\n"
     "           27 BUILD_STRING 3\n"
     "           30 STORE_NAME s\n"
     "      2    33 LOAD_NAME z\n"
     "           36 FORMAT_VALUE\n"
     "           39 STORE_NAME t\n"
     "      3    42 LOAD_CONST ''\n"
     "           45 STORE_NAME u\n"
     "           48 LOAD_NONE\n"
     "           49 RETURN_VALUE\n"},
    {"folding", PY_INPUT_FILE,
     "print(-1, 2 ** 8, 1 << 4, -7 // 2, -7 % 3, ~5, 2 ** -1, 10 // 0, 1 << -1, 3 * 100000)\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=11 blocks=0\n"
     "      1     0 LOAD_NAME print\n"
     "            3 LOAD_SMALL_INT -1\n"
     "            6 LOAD_SMALL_INT 256\n"
     "            9 LOAD_SMALL_INT 16\n"
     "           12 LOAD_SMALL_INT -4\n"
     "           15 LOAD_SMALL_INT 2\n"
     "           18 LOAD_SMALL_INT -6\n"
     "           21 LOAD_SMALL_INT 2\n"
     "           24 LOAD_SMALL_INT -1\n"
     "           27 BINARY_OP **\n"
     "           30 LOAD_SMALL_INT 10\n"
     "           33 LOAD_SMALL_INT 0\n"
     "           36 BINARY_OP //\n"
     "           39 LOAD_SMALL_INT 1\n"
     "           42 LOAD_SMALL_INT -1\n"
     "           45 BINARY_OP <<\n"
     "           48 LOAD_CONST 300000\n"
     "           51 CALL_FUNCTION 10\n"
     "           54 POP_TOP\n"
     "           55 LOAD_NONE\n"
     "           56 RETURN_VALUE\n"},
    {"def-forms", PY_INPUT_FILE,
     "@dec\n"
     "def h(x=-1, /, y=[], *, z, w=2):\n"
     "    yield from x\n"
     "f = lambda q, *r, **s: (yield)\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=5 blocks=0\n"
     "      1     0 LOAD_NAME dec\n"
     "      2     3 LOAD_SMALL_INT -1\n"
     "            6 BUILD_LIST 0\n"
     "            9 BUILD_TUPLE 2\n"
     "           12 BUILD_MAP 1\n"
     "           15 LOAD_CONST 'w'\n"
     "           18 LOAD_SMALL_INT 2\n"
     "           21 STORE_MAP\n"
     "           22 MAKE_FUNCTION <code h> defaults kwdefaults\n"
     "           26 CALL_FUNCTION 1\n"
     "           29 STORE_NAME h\n"
     "      4    32 MAKE_FUNCTION <code <lambda>>\n"
     "           36 STORE_NAME f\n"
     "           39 LOAD_NONE\n"
     "           40 RETURN_VALUE\n"
     "\n"
     "code h (t:2) flags=GENERATOR|NEWLOCALS pos=2 posonly=1 kwonly=2 stack=2 blocks=0\n"
     "  locals: x y z w\n"
     "      3     0 LOAD_FAST x\n"
     "            3 GET_YIELD_FROM_ITER\n"
     "            4 LOAD_NONE\n"
     "            5 YIELD_FROM\n"
     "            6 POP_TOP\n"
     "            7 LOAD_NONE\n"
     "            8 RETURN_VALUE\n"
     "\n"
     "code <lambda> (t:4) flags=VARARGS|VARKW|GENERATOR|NEWLOCALS pos=1 posonly=0 kwonly=0 stack=1 "
     "blocks=0\n"
     "  locals: q r s\n"
     "      4     0 LOAD_NONE\n"
     "            1 YIELD_VALUE\n"
     "            2 RETURN_VALUE\n"},
    {"async", PY_INPUT_FILE,
     "async def co(x):\n"
     "    return await x\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "      1     0 MAKE_FUNCTION <code co>\n"
     "            4 STORE_NAME co\n"
     "            7 LOAD_NONE\n"
     "            8 RETURN_VALUE\n"
     "\n"
     "code co (t:1) flags=GENERATOR|COROUTINE|NEWLOCALS pos=1 posonly=0 kwonly=0 stack=2 blocks=0\n"
     "  locals: x\n"
     "      2     0 LOAD_FAST x\n"
     "            3 GET_AWAITABLE\n"
     "            4 LOAD_NONE\n"
     "            5 YIELD_FROM\n"
     "            6 RETURN_VALUE\n"},
    {"misc-statements", PY_INPUT_FILE,
     "del a[0], b.c, d\n"
     "assert x, 'msg'\n"
     "raise E from C\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=2 blocks=0\n"
     "      1     0 LOAD_NAME a\n"
     "            3 LOAD_SMALL_INT 0\n"
     "            6 DELETE_SUBSCR\n"
     "            7 LOAD_NAME b\n"
     "           10 DELETE_ATTR c\n"
     "           13 DELETE_NAME d\n"
     "      2    16 LOAD_NAME x\n"
     "           19 POP_JUMP_IF_TRUE -> 34\n"
     "           24 LOAD_ASSERTION_ERROR\n"
     "           25 LOAD_CONST 'msg'\n"
     "           28 CALL_FUNCTION 1\n"
     "           31 RAISE 1\n"
     "      3    34 LOAD_NAME E\n"
     "           37 LOAD_NAME C\n"
     "           40 RAISE 2\n"},
    {"global-nonlocal", PY_INPUT_FILE,
     "def f():\n"
     "    global g\n"
     "    g = 1\n"
     "    x = 2\n"
     "    def h():\n"
     "        nonlocal x\n"
     "        x = g\n"
     "        del x\n"
     "    return h\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "      1     0 MAKE_FUNCTION <code f>\n"
     "            4 STORE_NAME f\n"
     "            7 LOAD_NONE\n"
     "            8 RETURN_VALUE\n"
     "\n"
     "code f (t:1) flags=NEWLOCALS pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "  locals: h | cells: x\n"
     "      3     0 LOAD_SMALL_INT 1\n"
     "            3 STORE_GLOBAL g\n"
     "      4     6 LOAD_SMALL_INT 2\n"
     "            9 STORE_DEREF x\n"
     "      5    12 LOAD_CLOSURE x\n"
     "           15 BUILD_TUPLE 1\n"
     "           18 MAKE_FUNCTION <code h> closure\n"
     "           22 STORE_FAST h\n"
     "      9    25 LOAD_FAST h\n"
     "           28 RETURN_VALUE\n"
     "\n"
     "code h (t:5) flags=NEWLOCALS pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "  free: x\n"
     "      7     0 LOAD_GLOBAL g\n"
     "            3 STORE_DEREF x\n"
     "      8     6 DELETE_DEREF x\n"
     "            9 LOAD_NONE\n"
     "           10 RETURN_VALUE\n"},
    {"dead-code", PY_INPUT_FILE,
     "def f(x):\n"
     "    if x:\n"
     "        return 1\n"
     "    else:\n"
     "        return 2\n"
     "    print([a, b, c])\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "      1     0 MAKE_FUNCTION <code f>\n"
     "            4 STORE_NAME f\n"
     "            7 LOAD_NONE\n"
     "            8 RETURN_VALUE\n"
     "\n"
     "code f (t:1) flags=NEWLOCALS pos=1 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "  locals: x\n"
     "      2     0 LOAD_FAST x\n"
     "            3 POP_JUMP_IF_FALSE -> 12\n"
     "      3     8 LOAD_SMALL_INT 1\n"
     "           11 RETURN_VALUE\n"
     "      5    12 LOAD_SMALL_INT 2\n"
     "           15 RETURN_VALUE\n"},
    {"list-as-tuple", PY_INPUT_FILE,
     "for v in [a, 1]:\n"
     "    print(v in [1, 2], v not in [b])\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=5 blocks=0\n"
     "      1     0 LOAD_NAME a\n"
     "            3 LOAD_SMALL_INT 1\n"
     "            6 BUILD_TUPLE 2\n"
     "            9 GET_ITER\n"
     "           10 FOR_ITER -> 51\n"
     "           15 STORE_NAME v\n"
     "      2    18 LOAD_NAME print\n"
     "           21 LOAD_NAME v\n"
     "           24 LOAD_CONST (1, 2)\n"
     "           27 BINARY_OP in\n"
     "           30 LOAD_NAME v\n"
     "           33 LOAD_NAME b\n"
     "           36 BUILD_TUPLE 1\n"
     "           39 BINARY_OP not in\n"
     "           42 CALL_FUNCTION 2\n"
     "           45 POP_TOP\n"
     "      1    46 JUMP -> 10\n"
     "           51 LOAD_NONE\n"
     "           52 RETURN_VALUE\n"},
    {"in-chain", PY_INPUT_FILE, "print(1 in [1, 2] in [[1, 2]])\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=4 blocks=0\n"
     "      1     0 LOAD_NAME print\n"
     "            3 LOAD_SMALL_INT 1\n"
     "            6 LOAD_SMALL_INT 1\n"
     "            9 LOAD_SMALL_INT 2\n"
     "           12 BUILD_LIST 2\n"
     "           15 DUP_TOP\n"
     "           16 ROT_THREE\n"
     "           17 BINARY_OP in\n"
     "           20 JUMP_IF_FALSE_OR_POP -> 45\n"
     "           25 LOAD_SMALL_INT 1\n"
     "           28 LOAD_SMALL_INT 2\n"
     "           31 BUILD_LIST 2\n"
     "           34 BUILD_TUPLE 1\n"
     "           37 BINARY_OP in\n"
     "           40 JUMP -> 47\n"
     "           45 ROT_TWO\n"
     "           46 POP_TOP\n"
     "           47 CALL_FUNCTION 1\n"
     "           50 POP_TOP\n"
     "           51 LOAD_NONE\n"
     "           52 RETURN_VALUE\n"},
    {"while-true", PY_INPUT_FILE,
     "while True:\n"
     "    if f():\n"
     "        break\n"
     "else:\n"
     "    g()\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "      2     0 LOAD_NAME f\n"
     "            3 CALL_FUNCTION 0\n"
     "            6 POP_JUMP_IF_FALSE -> 16\n"
     "      3    11 JUMP -> 21\n"
     "      1    16 JUMP -> 0\n"
     "      5    21 LOAD_NONE\n"
     "           22 RETURN_VALUE\n"},
    {"interactive", PY_INPUT_SINGLE, "for i in x: i\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=2 blocks=0\n"
     "      1     0 LOAD_NAME x\n"
     "            3 GET_ITER\n"
     "            4 FOR_ITER -> 21\n"
     "            9 STORE_NAME i\n"
     "           12 LOAD_NAME i\n"
     "           15 PRINT_EXPR\n"
     "           16 JUMP -> 4\n"
     "           21 LOAD_NONE\n"
     "           22 RETURN_VALUE\n"},
    {"eval", PY_INPUT_EVAL, "a if b else c\n",
     "code <module> (t:1) flags=MODULE pos=0 posonly=0 kwonly=0 stack=1 blocks=0\n"
     "      1     0 LOAD_NAME b\n"
     "            3 POP_JUMP_IF_FALSE -> 16\n"
     "            8 LOAD_NAME a\n"
     "           11 JUMP -> 19\n"
     "           16 LOAD_NAME c\n"
     "           19 RETURN_VALUE\n"},
};

static void run_listing_cases(void) {
    for (size_t i = 0; i < sizeof(listing_cases) / sizeof(listing_cases[0]); i++) {
        const listing_case *lc = &listing_cases[i];
        char *error;
        py_code *code = compile_src(lc->src, lc->mode, &error);
        if (code == NULL) {
            report(lc->name, false, "did not compile: %s", error);
            free(error);
            continue;
        }
        char *got = listing(code);
        if (print_mode) {
            printf("==== %s\n%s", lc->name, got);
            free(got);
            continue;
        }
        char err[300];
        const char *bad = check_flow(code, err, sizeof(err));
        bool ok = bad == NULL && strcmp(got, lc->want) == 0;
        report(lc->name, ok, "%s", bad ? bad : "listing differs");
        if (bad == NULL && !ok) {
            show_difference(lc->want, got);
        }
        py_gc_set_threshold(1024);
        py_code *again = compile_src(lc->src, lc->mode, &error);
        py_gc_set_threshold(-1);
        char *second = again ? listing(again) : NULL;
        char name[100];
        snprintf(name, sizeof(name), "%s-gc", lc->name);
        report(name, second != NULL && strcmp(got, second) == 0,
               "compiles differently with the collector running");
        free(second);
        free(got);
    }
}

/* ---------------------------------------------------------------- errors from source */

typedef struct error_case {
    const char *src;
    const char *message;
    int line;
} error_case;

static const error_case error_cases[] = {
    {"return 1\n", "'return' outside function", 1},
    {"class C:\n    return 1\n", "'return' outside function", 2},
    {"x = 1\nyield x\n", "'yield' outside function", 2},
    {"class C:\n    yield\n", "'yield' outside function", 2},
    {"[(yield) for x in y]\n", "'yield' inside list comprehension", 1},
    {"def f():\n    return ((yield) for x in y)\n", "'yield' inside generator expression", 2},
    {"break\n", "'break' outside loop", 1},
    {"if x:\n    continue\n", "'continue' not properly in loop", 2},
    {"while x:\n    def f():\n        break\n", "'break' outside loop", 3},
    {"for x in y:\n    pass\nelse:\n    continue\n", "'continue' not properly in loop", 4},
    {"nonlocal x\n", "nonlocal declaration not allowed at module level", 1},
    {"def f():\n    nonlocal x\n", "no binding for nonlocal 'x' found", 2},
    {"x = 1\ndef f():\n    nonlocal x\n", "no binding for nonlocal 'x' found", 3},
    {"def f():\n    x = 1\n    class C:\n        def g(self):\n            nonlocal q\n",
     "no binding for nonlocal 'q' found", 5},
    {"def f():\n    x = 1\n    global x\n", "name 'x' is assigned to before global declaration", 3},
    {"def f():\n    print(x)\n    global x\n", "name 'x' is used prior to global declaration", 3},
    {"def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x\n",
     "name 'x' is assigned to before nonlocal declaration", 5},
    {"def f(a):\n    global a\n", "name 'a' is parameter and global", 2},
    {"def f(a):\n    nonlocal a\n", "name 'a' is parameter and nonlocal", 2},
    {"def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n",
     "name 'x' is nonlocal and global", 5},
    {"await x\n", "'await' outside function", 1},
    {"def f():\n    await x\n", "'await' outside async function", 2},
    {"async def f():\n    return lambda: await x\n", "'await' outside async function", 2},
    {"async def f():\n    yield 1\n", "asynchronous generators are not supported", 2},
    {"def f():\n    async for x in y:\n        pass\n", "'async for' outside async function", 2},
    {"def f():\n    async with y:\n        pass\n", "'async with' outside async function", 2},
    {"def f():\n    return [x async for x in y]\n",
     "asynchronous comprehension outside of an asynchronous function", 2},
    {"async def f():\n    return (x async for x in y)\n",
     "asynchronous generator expressions are not supported", 2},
    {"async def f():\n    return (await x for x in y)\n",
     "asynchronous generator expressions are not supported", 2},
    {"async def f():\n    return lambda: [await x for x in y]\n",
     "'await' outside async function", 2},
    {"class C:\n    [(z := 1) for x in y]\n",
     "assignment expression within a comprehension cannot be used in a class body", 2},
    {"[(x := 1) for x in y]\n",
     "assignment expression cannot rebind comprehension iteration variable 'x'", 1},
    {"def f():\n    from m import *\n", "import * only allowed at module level", 2},
    {"try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n", "default 'except:' must be last",
     3},
    {"f(x=1,\n  x=2)\n", "keyword argument repeated", 2},
    {"a, *b, *c = d\n", "multiple starred expressions in assignment", 1},
    {"def f(a, a):\n    pass\n", "duplicate argument 'a' in function definition", 1},
    {"lambda a, *, a: 0\n", "duplicate argument 'a' in function definition", 1},
    {"x = 1\n\ndel f()\n", "cannot delete function call", 3},
    {"__debug__ = 1\n", "cannot assign to __debug__", 1},
};

static void run_error_cases(void) {
    char name[80];
    for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
        const error_case *ec = &error_cases[i];
        snprintf(name, sizeof(name), "error-%02zu", i + 1);
        char *error;
        py_code *code = compile_src(ec->src, PY_INPUT_FILE, &error);
        if (code != NULL) {
            report(name, false, "compiled, expected SyntaxError: %s\n%s", ec->message, ec->src);
            continue;
        }
        char want_line[40];
        snprintf(want_line, sizeof(want_line), "line %d\n", ec->line);
        bool ok = strstr(error, "SyntaxError: ") != NULL && strstr(error, ec->message) != NULL &&
                  strstr(error, want_line) != NULL;
        report(name, ok, "expected SyntaxError '%s' at line %d for\n%sgot\n%s", ec->message,
               ec->line, ec->src, error);
        free(error);
    }
}

/* ---------------------------------------------------------------- errors from hand-made trees */

static py_ast_arena arena;

static py_node *node(py_node_kind kind, uint32_t line) { return py_ast_new(&arena, kind, line); }

static py_node *name_node(const char *s, uint32_t line) {
    py_node *n = node(PY_AST_NAME, line);
    n->name = qstr(s);
    return n;
}

static py_node *const_node(py_val v, uint32_t line) {
    py_node *n = node(PY_AST_CONST, line);
    n->value = v;
    return n;
}

static py_node *module_of(py_node *stmt) {
    py_node *m = node(PY_AST_MODULE, 1);
    m->a = stmt;
    return m;
}

static py_node *assign(py_node *target, py_node *value, uint32_t line) {
    py_node *n = node(PY_AST_ASSIGN, line);
    n->a = target;
    n->b = value;
    return n;
}

static py_node *call_node(py_node *callee, py_node *args, uint32_t line) {
    py_node *n = node(PY_AST_CALL, line);
    n->a = callee;
    n->b = args;
    return n;
}

static py_node *arg_node(const char *s, int kind, py_node *def, uint32_t line) {
    py_node *n = node(PY_AST_ARG, line);
    n->name = s ? qstr(s) : 0;
    n->op = (uint16_t)kind;
    n->a = def;
    return n;
}

static py_node *def_node(const char *s, py_node *args, uint32_t line) {
    py_node *n = node(PY_AST_FUNCDEF, line);
    n->name = qstr(s);
    n->a = node(PY_AST_ARGUMENTS, line);
    n->a->a = args;
    n->b = node(PY_AST_PASS, line + 1);
    return n;
}

static py_node *link2(py_node *a, py_node *b) {
    a->next = b;
    return a;
}

static void expect_tree_error(const char *name, py_node *tree, const char *message, int line) {
    char *error;
    py_code *code = compile_tree(tree, &error);
    if (code != NULL) {
        report(name, false, "compiled, expected SyntaxError: %s", message);
        return;
    }
    char want_line[40];
    snprintf(want_line, sizeof(want_line), "line %d\n", line);
    bool ok = strstr(error, "SyntaxError: ") != NULL && strstr(error, message) != NULL &&
              strstr(error, want_line) != NULL;
    report(name, ok, "expected SyntaxError '%s' at line %d, got\n%s", message, line, error);
    free(error);
}

static void tree_error_cases(void) {
    /* 1 = x, with the target on line 2 */
    expect_tree_error("tree-assign-literal",
                      module_of(assign(const_node(PY_SMALL(1), 2), name_node("x", 2), 2)),
                      "cannot assign to literal", 2);
    expect_tree_error("tree-assign-none",
                      module_of(assign(const_node(PY_NONE, 1), name_node("x", 1), 1)),
                      "cannot assign to None", 1);
    expect_tree_error(
        "tree-assign-call",
        module_of(assign(call_node(name_node("f", 3), NULL, 3), name_node("x", 3), 3)),
        "cannot assign to function call", 3);
    py_node *binop = node(PY_AST_BINOP, 1);
    binop->op = PY_BINOP_ADD;
    binop->a = name_node("a", 1);
    binop->b = name_node("b", 1);
    expect_tree_error("tree-assign-operator", module_of(assign(binop, name_node("x", 1), 1)),
                      "cannot assign to operator", 1);
    py_node *tuple = node(PY_AST_TUPLE, 1);
    tuple->a = link2(name_node("a", 1), const_node(PY_SMALL(2), 1));
    expect_tree_error("tree-assign-in-tuple", module_of(assign(tuple, name_node("x", 1), 1)),
                      "cannot assign to literal", 1);
    py_node *star = node(PY_AST_STARRED, 4);
    star->a = name_node("a", 4);
    expect_tree_error("tree-assign-lone-star", module_of(assign(star, name_node("x", 4), 4)),
                      "starred assignment target must be in a list or tuple", 4);
    py_node *del = node(PY_AST_DELETE, 2);
    del->a = const_node(PY_SMALL(1), 2);
    expect_tree_error("tree-delete-literal", module_of(del), "cannot delete literal", 2);
    /* def f(a=1, b): */
    expect_tree_error(
        "tree-default-order",
        module_of(def_node("f",
                           link2(arg_node("a", PY_ARG_POS, const_node(PY_SMALL(1), 1), 1),
                                 arg_node("b", PY_ARG_POS, NULL, 1)),
                           1)),
        "non-default argument follows default argument", 1);
    expect_tree_error(
        "tree-duplicate-arg",
        module_of(def_node(
            "f", link2(arg_node("a", PY_ARG_POS, NULL, 5), arg_node("a", PY_ARG_KWONLY, NULL, 5)),
            5)),
        "duplicate argument 'a' in function definition", 5);
    expect_tree_error("tree-bare-star",
                      module_of(def_node("f", arg_node(NULL, PY_ARG_STAR_MARKER, NULL, 1), 1)),
                      "named arguments must follow bare *", 1);
    /* f(a=1, b) and f(**k, b) */
    py_node *kw = node(PY_AST_KEYWORD, 1);
    kw->name = qstr("a");
    kw->a = const_node(PY_SMALL(1), 1);
    py_node *stmt = node(PY_AST_EXPR_STMT, 1);
    stmt->a = call_node(name_node("f", 1), link2(kw, name_node("b", 1)), 1);
    expect_tree_error("tree-positional-after-keyword", module_of(stmt),
                      "positional argument follows keyword argument", 1);
    py_node *dstar = node(PY_AST_DSTAR, 1);
    dstar->a = name_node("k", 1);
    py_node *star_arg = node(PY_AST_STARRED, 1);
    star_arg->a = name_node("b", 1);
    stmt = node(PY_AST_EXPR_STMT, 1);
    stmt->a = call_node(name_node("f", 1), link2(dstar, star_arg), 1);
    expect_tree_error("tree-star-after-dstar", module_of(stmt),
                      "iterable argument unpacking follows keyword argument unpacking", 1);
    /* (a, b) += 1 */
    py_node *aug = node(PY_AST_AUGASSIGN, 2);
    aug->op = PY_BINOP_IADD;
    aug->a = node(PY_AST_TUPLE, 2);
    aug->a->a = link2(name_node("a", 2), name_node("b", 2));
    aug->b = const_node(PY_SMALL(1), 2);
    expect_tree_error("tree-augassign-tuple", module_of(aug),
                      "'tuple' is an illegal expression for augmented assignment", 2);
    /* 300 names before a starred one: UNPACK_EX holds 255 at most */
    py_node *many = node(PY_AST_TUPLE, 1), *last = NULL;
    for (int i = 0; i < 301; i++) {
        py_node *item;
        if (i == 300) {
            item = node(PY_AST_STARRED, 1);
            item->a = name_node("rest", 1);
        } else {
            char s[16];
            snprintf(s, sizeof(s), "v%d", i);
            item = name_node(s, 1);
        }
        if (last) {
            last->next = item;
        } else {
            many->a = item;
        }
        last = item;
    }
    expect_tree_error("tree-too-many-before-star", module_of(assign(many, name_node("x", 1), 1)),
                      "too many expressions in star-unpacking assignment", 1);
    /* await in a plain def, nested in an expression */
    py_node *aw = node(PY_AST_AWAIT, 2);
    aw->a = name_node("x", 2);
    py_node *fn = def_node("f", NULL, 1);
    fn->b = node(PY_AST_RETURN, 2);
    fn->b->a = aw;
    expect_tree_error("tree-await-in-def", module_of(fn), "'await' outside async function", 2);
}

static void run_tree_error_cases(void) {
    py_ast_arena_init(&arena);
    py_nlr nlr;
    py_try(nlr) {
        tree_error_cases();
        py_nlr_pop();
    }
    else {
        char *error = exception_text(nlr.exc);
        report("tree-errors", false, "building trees raised %s", error);
        free(error);
    }
    py_ast_arena_free(&arena);
}

/* ---------------------------------------------------------------- lines */

/* The line of the n-th (0-based) instruction `op` in code or nested code. */
static bool find_line(const py_code *code, uint8_t op, int *n, uint32_t *line) {
    for (size_t pc = 0; pc < code->bytecode_len; pc += py_bc_size(code->bytecode[pc])) {
        if (code->bytecode[pc] == op && (*n)-- == 0) {
            *line = py_code_line(code, pc);
            return true;
        }
    }
    for (size_t i = 0; i < code->n_consts; i++) {
        if (is_code(code->consts[i]) && find_line(py_ptr(code->consts[i]), op, n, line)) {
            return true;
        }
    }
    return false;
}

typedef struct line_case {
    const char *name, *src;
    uint8_t op;
    int nth;
    uint32_t line;
} line_case;

static const line_case line_cases[] = {
    {"line-call-arg", "f(a,\n  b / 0)\n", PY_OP_BINARY_OP, 0, 2},
    {"line-call-in-list", "x = [\n    1,\n    g(),\n]\n", PY_OP_CALL_FUNCTION, 0, 3},
    {"line-method-arg", "o.m(\n  1,\n  h(2))\n", PY_OP_CALL_FUNCTION, 0, 3},
    {"line-for-iter", "x = 1\nfor i in y:\n    pass\n", PY_OP_FOR_ITER, 0, 2},
    {"line-in-function", "def f():\n    a = 1\n\n    return a.b\n", PY_OP_LOAD_ATTR, 0, 4},
    {"line-finally-copy", "try:\n    f()\nfinally:\n    g()\n", PY_OP_CALL_FUNCTION, 2, 4},
    {"line-raise", "if x:\n    raise E\n", PY_OP_RAISE, 0, 2},
    {"line-big-jump",
     "x = 1\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
     "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
     "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
     "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
     "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
     "y = 2\n",
     PY_OP_STORE_NAME, 1, 168},
    {"line-back-to-loop", "for i in x:\n    a = 1\n    b = 2\n", PY_OP_JUMP, 0, 1},
    {"line-after-loop", "for i in x:\n    a = 1\nc = 3\n", PY_OP_STORE_NAME, 2, 3},
};

static void run_line_cases(void) {
    for (size_t i = 0; i < sizeof(line_cases) / sizeof(line_cases[0]); i++) {
        const line_case *lc = &line_cases[i];
        char *error;
        py_code *code = compile_src(lc->src, PY_INPUT_FILE, &error);
        if (code == NULL) {
            report(lc->name, false, "did not compile: %s", error);
            free(error);
            continue;
        }
        int n = lc->nth;
        uint32_t line = 0;
        bool found = find_line(code, lc->op, &n, &line);
        report(lc->name, found && line == lc->line, "%s #%d: line %u, expected %u",
               py_bc_name[lc->op], lc->nth, (unsigned)line, (unsigned)lc->line);
    }
}

/* ---------------------------------------------------------------- limits */

/* A header, `count` copies of a piece with %d in it, and a trailer. */
static char *repeat_source(const char *header, const char *piece_fmt, int count,
                           const char *trailer) {
    text t = {0};
    text_write(&t, header, strlen(header));
    char piece[100];
    for (int i = 0; i < count; i++) {
        int n = snprintf(piece, sizeof(piece), piece_fmt, i);
        text_write(&t, piece, (size_t)n);
    }
    text_write(&t, trailer, strlen(trailer));
    return t.data;
}

static void expect_source_error(const char *name, const char *src, const char *type,
                                const char *message) {
    char *error;
    py_code *code = compile_src(src, PY_INPUT_FILE, &error);
    if (code != NULL) {
        report(name, false, "compiled, expected %s", message);
        return;
    }
    bool ok = strstr(error, type) != NULL && strstr(error, message) != NULL;
    report(name, ok, "expected %s: %s, got\n%s", type, message, error);
    free(error);
}

/* Compiles src, checks its flow and that its listing contains `want`. */
static void expect_listing_has(const char *name, const char *src, const char *want) {
    char *error;
    py_code *code = compile_src(src, PY_INPUT_FILE, &error);
    if (code == NULL) {
        report(name, false, "did not compile: %s", error);
        free(error);
        return;
    }
    char err[300];
    const char *bad = check_flow(code, err, sizeof(err));
    char *dump = listing(code);
    report(name, bad == NULL && strstr(dump, want) != NULL, "%s", bad ? bad : want);
    free(dump);
}

/* Beyond what the instruction operands can hold: a clean SyntaxError, or
 * code that takes another way. The same names v0, v1 ... serve every case,
 * since interned names stay for good. */
static void run_limit_cases(void) {
    char *src = repeat_source("def f():\n    ", "v%d, ", 70000, "= x\n");
    expect_source_error("limit-locals", src, "SyntaxError", "too many local variables");
    free(src);
    src = repeat_source("f(", "%d.5, ", 70000, ")\n");
    expect_source_error("limit-constants", src, "SyntaxError", "too many constants");
    free(src);
    src = repeat_source("import ", "v%d, ", 69999, "v69999\n");
    expect_source_error("limit-names", src, "SyntaxError", "too many names");
    free(src);
    src = repeat_source("", "v%d, ", 69999, "v69999 = x\n");
    expect_source_error("limit-unpack", src, "SyntaxError", "too many expressions");
    free(src);
    /* many arguments or keywords go through CALL_FUNCTION_EX */
    src = repeat_source("f(", "%d, ", 300, ")\n");
    expect_listing_has("limit-300-args", src, "CALL_FUNCTION_EX 0");
    free(src);
    src = repeat_source("f(", "v%d=1, ", 300, ")\n");
    expect_listing_has("limit-300-keywords", src, "CALL_FUNCTION_EX 1");
    free(src);
    src = repeat_source("class C(", "v%d, ", 300, "): pass\n");
    expect_listing_has("limit-300-bases", src, "CALL_FUNCTION_EX 0");
    free(src);
    /* a long display grows one list instead of filling the stack */
    src = repeat_source("x = [", "v%d, ", 5000, "]\n");
    char *error;
    py_code *code = compile_src(src, PY_INPUT_FILE, &error);
    char err[300];
    const char *bad = code ? check_flow(code, err, sizeof(err)) : error;
    report("limit-long-display", bad == NULL && code->stack_size < 40, "%s stack %u",
           bad ? bad : "", bad == NULL ? code->stack_size : 0);
    free(src);
    /* 5000 pieces of f-string are joined 255 at a time */
    src = repeat_source("x = f'", "{v%d}", 5000, "'\n");
    code = compile_src(src, PY_INPUT_FILE, &error);
    bad = code ? check_flow(code, err, sizeof(err)) : error;
    report("limit-long-fstring", bad == NULL && code->stack_size < 300, "%s stack %u",
           bad ? bad : "", bad == NULL ? code->stack_size : 0);
    free(src);
}

/* A deeply nested tree must end in an exception, not a crash. */
static py_node *deep_tree(int depth) {
    py_node *expr = name_node("x", 1);
    for (int i = 0; i < depth; i++) {
        py_node *neg = node(PY_AST_UNARYOP, 1);
        neg->op = PY_UNOP_INVERT;
        neg->a = expr;
        expr = neg;
    }
    py_node *stmt = node(PY_AST_EXPR_STMT, 1);
    stmt->a = expr;
    return module_of(stmt);
}

static void run_depth_case(void) {
    py_ast_arena_init(&arena);
    py_node *volatile tree = NULL;
    py_nlr nlr;
    py_try(nlr) {
        tree = deep_tree(50000);
        py_nlr_pop();
    }
    else {
        report("deep-nesting", false, "building the tree raised");
        return;
    }
    char *error;
    py_code *code = compile_tree(tree, &error);
    report("deep-nesting", code == NULL && strstr(error, "recursion") != NULL,
           "expected a recursion error, got %s", code ? "code" : error);
    free(error);
    py_ast_arena_free(&arena);
}

/* ---------------------------------------------------------------- whole scripts */

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    text t = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        text_write(&t, buf, n);
    }
    fclose(f);
    return t.data ? t.data : calloc(1, 1);
}

/* Every script of tests/py compiles (or is refused with SyntaxError, as
 * some are meant to be) into code the flow checker accepts; compiling again
 * with the collector running all the time gives the same code, and so does
 * compiling it a statement at a time (the same error, when it has one). */
static int script_count;
static char **script_paths;

static void run_script_cases(void) {
    int n_files = script_count;
    char **files = script_paths;
    int n_checked = 0, n_bad = 0, n_unstable = 0, n_streamed_differ = 0;
    for (int i = 0; i < n_files; i++) {
        char *src = read_file(files[i]);
        if (src == NULL) {
            continue;
        }
        char *error, *streamed_error;
        py_code *code = compile_src(src, PY_INPUT_FILE, &error);
        py_code *streamed = compile_streamed(src, &streamed_error);
        if ((code == NULL) != (streamed == NULL) ||
            (code == NULL && strcmp(error, streamed_error) != 0)) {
            fprintf(stderr, "FAIL scripts: %s: whole: %s; streamed: %s", files[i],
                    code ? "compiles\n" : error, streamed ? "compiles\n" : streamed_error);
            n_streamed_differ++;
        } else if (code != NULL) {
            char *whole_listing = listing(code), *streamed_listing = listing(streamed);
            if (strcmp(whole_listing, streamed_listing) != 0) {
                fprintf(stderr, "FAIL scripts: %s compiles differently a statement at a time\n",
                        files[i]);
                show_difference(whole_listing, streamed_listing);
                n_streamed_differ++;
            }
            free(whole_listing);
            free(streamed_listing);
        }
        free(streamed_error);
        if (code == NULL) {
            if (strstr(error, "SyntaxError") == NULL && strstr(error, "IndentationError") == NULL) {
                fprintf(stderr, "FAIL scripts: %s: %s", files[i], error);
                n_bad++;
            }
            free(error);
            free(src);
            continue;
        }
        char err[300];
        const char *bad = check_flow(code, err, sizeof(err));
        if (bad != NULL) {
            fprintf(stderr, "FAIL scripts: %s: %s\n", files[i], bad);
            n_bad++;
        }
        if (i % 16 == 0) {
            char *first = listing(code);
            py_gc_set_threshold(4096);
            py_code *again = compile_src(src, PY_INPUT_FILE, &error);
            py_gc_set_threshold(-1);
            char *second = again ? listing(again) : NULL;
            if (second == NULL || strcmp(first, second) != 0) {
                fprintf(stderr, "FAIL scripts: %s compiles differently under GC stress\n",
                        files[i]);
                n_unstable++;
            }
            free(first);
            free(second);
        }
        n_checked++;
        free(src);
    }
    report("scripts-flow", n_bad == 0, "%d of %d scripts", n_bad, n_files);
    report("scripts-gc-stress", n_unstable == 0, "%d scripts", n_unstable);
    report("scripts-streamed", n_streamed_differ == 0, "%d scripts differ", n_streamed_differ);
    if (n_files > 0) {
        report("scripts-compiled", n_checked > n_files / 2, "only %d of %d compiled", n_checked,
               n_files);
    }
}

/* ---------------------------------------------------------------- main */

static void run_group(const char *name, void (*group)(void)) {
    clock_t start = clock();
    group();
    if (getenv("TC_TIME") != NULL) {
        fprintf(stderr, "%-12s %.2fs\n", name, (double)(clock() - start) / CLOCKS_PER_SEC);
    }
}

int main(int argc, char **argv) {
    static char heap[64 * 1024 * 1024];
    volatile int stack_top = 0;
    py_stack_set_top((void *)&stack_top);
    py_stack_set_limit(256 * 1024);
    py_gc_init();
    py_gc_add_region(heap, sizeof(heap));
    py_init();

    if (argc > 1 && strcmp(argv[1], "--print") == 0) {
        print_mode = true;
        results = fopen("/dev/null", "w");
        run_listing_cases();
        return 0;
    }
    results = argc > 1 ? fopen(argv[1], "w") : stdout;
    if (results == NULL) {
        perror(argv[1]);
        return 1;
    }
    script_count = argc > 2 ? argc - 2 : 0;
    script_paths = argv + 2;
    run_group("listings", run_listing_cases);
    run_group("errors", run_error_cases);
    run_group("tree errors", run_tree_error_cases);
    run_group("lines", run_line_cases);
    run_group("limits", run_limit_cases);
    run_group("depth", run_depth_case);
    run_group("scripts", run_script_cases);
    fprintf(stderr, "test_compile: %d passed, %d failed\n", n_passed, n_failed);
    if (results != stdout) {
        fclose(results);
    }
    return 0;
}
