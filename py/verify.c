/*
 * verify.c - the bytecode verifier: proves that a code object read from a
 * bytecode file cannot take the VM outside its frame.
 *
 * The VM trusts its code: it indexes constants, names and slots by operand,
 * jumps where it is told, and assumes that the value under LIST_APPEND is a
 * list and that RERAISE pops an exception. Code from the compiler keeps those
 * promises; code from a file has to be checked before it runs.
 *
 * The check is an abstract run over every path. First every instruction is
 * decoded and every jump target is found (they must land on instructions).
 * Then, from offset 0, each reachable instruction is run on an abstract
 * state: the value stack as a list of kinds (any value; maybe-NULL, the empty
 * self of LOAD_METHOD and of a with statement's exit pair; a fresh list, set
 * or dict; a tuple; a tuple of cells; a cell; an exception from a handler; an
 * interned name) and the block stack (handler offset and stack level). Where
 * paths meet, the depths and blocks must agree and the kinds are joined; a
 * changed state is run again until nothing changes. An instruction may not
 * pop below the level of the innermost handler, so the state a handler
 * starts in is known when its block is set up.
 *
 * States are kept only at jump targets, and their total size is bounded, so
 * a hostile file cannot make the check itself run out of memory or time.
 *
 * A new opcode needs its case in run_one: until it has one, code using it
 * is refused, which campy-cross reports when it compiles such code and
 * `make test-persist` shows for every test script that uses it.
 */
#include <stdlib.h>
#include <string.h>

#include "persist.h"

/* Kinds of stack values; a tuple of cells carries its length above the kind. */
enum {
    K_ANY = 1, /* any value (never NULL) */
    K_MAYBE,   /* any value or NULL */
    K_LIST,    /* a list the code built */
    K_SET,     /* a set the code built */
    K_DICT,    /* a dict the code built */
    K_TUPLE,   /* a tuple */
    K_CELLS,   /* a tuple of cells (closure); length << 8 */
    K_CELL,    /* a cell (LOAD_CLOSURE) */
    K_EXC,     /* the exception a handler was entered with */
    K_NAME,    /* an interned str constant (a keyword argument name) */
};
#define KIND(t) ((t)&0xff)
#define CELLS(n) (K_CELLS | ((uint32_t)(n) << 8))
#define CELLS_LEN(t) ((t) >> 8)

/* Entries of stored states beyond this many per byte of code (plus a floor)
 * mean the code is not what a compiler makes. */
#define STATE_BUDGET_PER_BYTE 64
#define STATE_BUDGET_FLOOR 65536
#define MAX_CODE_NESTING 200

typedef struct vblock {
    uint32_t handler;
    uint32_t level;
} vblock;

/* The abstract state at one instruction. */
typedef struct vstate {
    uint32_t depth, n_blocks;
    uint32_t *kinds; /* depth entries */
    vblock *blocks;  /* n_blocks entries */
} vstate;

typedef struct verifier {
    const py_code *code;
    const char *what;
    size_t n_slots;
    uint8_t *starts;   /* bitmap: offsets where an instruction begins */
    uint32_t *targets; /* sorted jump and handler targets */
    size_t n_targets;
    vstate *at;      /* the state stored at each target (depth UINT32_MAX: none) */
    uint8_t *queued; /* per target: waiting in the work list */
    uint32_t *work;  /* target indices to run */
    size_t n_work;
    size_t budget;                  /* state entries left */
    vstate cur;                     /* the state being run */
    uint32_t cap_depth, cap_blocks; /* room in cur */
    uint32_t pc;                    /* the instruction being checked, for messages */
} verifier;

_Noreturn static void fail(verifier *v, const char *why) {
    py_raise_value_error("%s: invalid bytecode in '%q' at offset %lu: %s", v->what, v->code->name,
                         (unsigned long)v->pc, why);
}

/* ---------------------------------------------------------------- kinds */

static uint32_t join_kind(uint32_t a, uint32_t b) {
    if (a == b) {
        return a;
    }
    if (KIND(a) == K_MAYBE || KIND(b) == K_MAYBE) {
        return K_MAYBE;
    }
    bool a_tuple = KIND(a) == K_TUPLE || KIND(a) == K_CELLS;
    bool b_tuple = KIND(b) == K_TUPLE || KIND(b) == K_CELLS;
    return a_tuple && b_tuple ? K_TUPLE : K_ANY;
}

/* Whether a value of kind `have` may go where `want` is asked for. */
static bool kind_fits(uint32_t have, uint32_t want) {
    switch (KIND(want)) {
    case K_MAYBE:
        return true;
    case K_ANY:
        return KIND(have) != K_MAYBE;
    case K_TUPLE:
        return KIND(have) == K_TUPLE || KIND(have) == K_CELLS;
    default:
        return KIND(have) == KIND(want);
    }
}

/* ---------------------------------------------------------------- the stack */

static uint32_t handler_level(const verifier *v) {
    return v->cur.n_blocks == 0 ? 0 : v->cur.blocks[v->cur.n_blocks - 1].level;
}

/* Takes the top value, which must fit `want`. */
static uint32_t pop(verifier *v, uint32_t want) {
    if (v->cur.depth == 0) {
        fail(v, "pops an empty stack");
    }
    if (v->cur.depth <= handler_level(v)) {
        fail(v, "pops below the level of its exception handler");
    }
    uint32_t k = v->cur.kinds[--v->cur.depth];
    if (!kind_fits(k, want)) {
        fail(v, "a value of the wrong kind for the instruction");
    }
    return k;
}

static void pop_n(verifier *v, uint32_t n, uint32_t want) {
    for (uint32_t i = 0; i < n; i++) {
        pop(v, want);
    }
}

static void push(verifier *v, uint32_t kind) {
    if (v->cur.depth >= v->code->stack_size) {
        fail(v, "the value stack outgrows stack_size");
    }
    v->cur.kinds[v->cur.depth++] = kind;
}

/* The kind `below` places under the top (0: the top), which must fit want;
 * read only, so it may lie below a handler level. */
static uint32_t peek(verifier *v, uint32_t below, uint32_t want) {
    if (below >= v->cur.depth) {
        fail(v, "reads below the bottom of the stack");
    }
    uint32_t k = v->cur.kinds[v->cur.depth - 1 - below];
    if (!kind_fits(k, want)) {
        fail(v, "a value of the wrong kind for the instruction");
    }
    return k;
}

/* ---------------------------------------------------------------- targets and states */

static bool is_start(const verifier *v, uint32_t off) {
    return off < v->code->bytecode_len && (v->starts[off >> 3] & (1u << (off & 7))) != 0;
}

static size_t target_index(const verifier *v, uint32_t off) {
    size_t lo = 0, hi = v->n_targets;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->targets[mid] < off) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < v->n_targets && v->targets[lo] == off ? lo : SIZE_MAX;
}

static void *scratch(size_t n, size_t size) {
    if (n == 0) {
        return NULL;
    }
    return py_gc_alloc_flags(n * size, PY_GC_LEAF);
}

static void release(void *p) {
    if (p != NULL) {
        py_gc_free(p);
    }
}

static void enqueue(verifier *v, size_t t) {
    if (!v->queued[t]) {
        v->queued[t] = 1;
        v->work[v->n_work++] = (uint32_t)t;
    }
}

/* The state `st` flows to the target at `off`: stored, or joined into
 * what is there. */
static void flow_to(verifier *v, uint32_t off, const vstate *st) {
    size_t t = target_index(v, off);
    if (t == SIZE_MAX) {
        fail(v, "flows to an offset that is not a known target");
    }
    vstate *dst = &v->at[t];
    if (dst->depth == UINT32_MAX) {
        size_t need = (size_t)st->depth + 2 * (size_t)st->n_blocks;
        if (need > v->budget) {
            fail(v, "too complex to verify");
        }
        v->budget -= need;
        dst->depth = st->depth;
        dst->n_blocks = st->n_blocks;
        dst->kinds = scratch(st->depth, sizeof(uint32_t));
        dst->blocks = scratch(st->n_blocks, sizeof(vblock));
        if (st->depth > 0) {
            memcpy(dst->kinds, st->kinds, st->depth * sizeof(uint32_t));
        }
        if (st->n_blocks > 0) {
            memcpy(dst->blocks, st->blocks, st->n_blocks * sizeof(vblock));
        }
        enqueue(v, t);
        return;
    }
    if (dst->depth != st->depth || dst->n_blocks != st->n_blocks ||
        (st->n_blocks > 0 && memcmp(dst->blocks, st->blocks, st->n_blocks * sizeof(vblock)) != 0)) {
        fail(v, "paths meet with different stack depths or handlers");
    }
    bool changed = false;
    for (uint32_t i = 0; i < st->depth; i++) {
        uint32_t k = join_kind(dst->kinds[i], st->kinds[i]);
        if (k != dst->kinds[i]) {
            dst->kinds[i] = k;
            changed = true;
        }
    }
    if (changed) {
        enqueue(v, t);
    }
}

/* The state a handler starts in: the stack up to its level, then the exception. */
static void flow_to_handler(verifier *v, uint32_t handler, uint32_t level) {
    if ((size_t)level + 1 > v->code->stack_size) {
        fail(v, "the exception handler's stack outgrows stack_size");
    }
    uint32_t saved = v->cur.depth;
    uint32_t saved_top = saved > level ? v->cur.kinds[level] : 0;
    v->cur.depth = level;
    v->cur.kinds[v->cur.depth++] = K_EXC;
    flow_to(v, handler, &v->cur);
    if (saved > level) {
        v->cur.kinds[level] = saved_top;
    }
    v->cur.depth = saved;
}

static void push_block(verifier *v, uint32_t handler, uint32_t level) {
    if (v->cur.n_blocks >= v->code->block_depth) {
        fail(v, "the block stack outgrows block_depth");
    }
    if (level < handler_level(v)) {
        fail(v, "a handler level below the enclosing one");
    }
    v->cur.blocks[v->cur.n_blocks].handler = handler;
    v->cur.blocks[v->cur.n_blocks].level = level;
    v->cur.n_blocks++;
}

/* ---------------------------------------------------------------- decoding */

static uint32_t operand16(const uint8_t *p) { return (uint32_t)p[1] | (uint32_t)p[2] << 8; }

static uint32_t operand32(const uint8_t *p) {
    return (uint32_t)p[1] | (uint32_t)p[2] << 8 | (uint32_t)p[3] << 16 | (uint32_t)p[4] << 24;
}

static int compare_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Decodes every instruction: valid opcodes, no instruction cut off at the
 * end; collects the jump and handler targets, sorted, once each. */
static void decode_all(verifier *v) {
    const py_code *code = v->code;
    uint32_t len = code->bytecode_len;
    if (len == 0) {
        fail(v, "no instructions");
    }
    v->starts = scratch((len + 7) / 8, 1);
    memset(v->starts, 0, (len + 7) / 8);
    size_t n_jumps = 0;
    for (uint32_t pc = 0; pc < len;) {
        v->pc = pc;
        uint8_t op = code->bytecode[pc];
        if (op >= PY_OP_COUNT) {
            fail(v, "unknown opcode");
        }
        if (py_bc_size(op) > len - pc) {
            fail(v, "an instruction cut off by the end of the code");
        }
        v->starts[pc >> 3] |= (uint8_t)(1u << (pc & 7));
        n_jumps += py_bc_format[op] == PY_BC_U32;
        pc += (uint32_t)py_bc_size(op);
    }
    v->targets = scratch(n_jumps + 1, sizeof(uint32_t));
    v->targets[0] = 0; /* the entry */
    size_t n = 1;
    for (uint32_t pc = 0; pc < len; pc += (uint32_t)py_bc_size(code->bytecode[pc])) {
        const uint8_t *p = code->bytecode + pc;
        if (py_bc_format[*p] == PY_BC_U32) {
            v->pc = pc;
            uint32_t to = operand32(p);
            if (!is_start(v, to)) {
                fail(v, "a jump into the middle of an instruction or past the end");
            }
            v->targets[n++] = to;
        }
    }
    qsort(v->targets, n, sizeof(uint32_t), compare_u32);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k == 0 || v->targets[k - 1] != v->targets[i]) {
            v->targets[k++] = v->targets[i];
        }
    }
    v->n_targets = k;
}

/* ---------------------------------------------------------------- instructions */

static const py_code *const_code(verifier *v, uint32_t k) {
    if (k >= v->code->n_consts) {
        fail(v, "constant index out of range");
    }
    py_val c = v->code->consts[k];
    if (!py_is_obj(c) || py_type_of(c) != &py_type_code) {
        fail(v, "MAKE_FUNCTION of a constant that is not code");
    }
    return py_ptr(c);
}

static uint32_t const_kind(verifier *v, uint32_t k) {
    if (k >= v->code->n_consts) {
        fail(v, "constant index out of range");
    }
    py_val c = v->code->consts[k];
    if (py_is_qstr(c)) {
        return K_NAME;
    }
    if (py_is_obj(c) && py_type_of(c) == &py_type_tuple) {
        return K_TUPLE;
    }
    return K_ANY;
}

static void check_name(verifier *v, uint32_t k) {
    if (k >= v->code->n_names) {
        fail(v, "name index out of range");
    }
}

static void check_local(verifier *v, uint32_t n) {
    if (n >= v->code->n_locals) {
        fail(v, "local slot out of range");
    }
}

static void check_cell(verifier *v, uint32_t n) {
    if (n < v->code->n_locals || n >= v->n_slots) {
        fail(v, "cell slot out of range");
    }
}

static void check_generator(verifier *v) {
    if (!(v->code->flags & PY_CODE_GENERATOR)) {
        fail(v, "yield in code that is not a generator");
    }
}

/* A call's arguments: n_pos values, then n_kw (name, value) pairs. */
static void pop_call_args(verifier *v, uint32_t arg) {
    for (uint32_t i = 0; i < (arg >> 8); i++) {
        pop(v, K_ANY);
        pop(v, K_NAME);
    }
    pop_n(v, arg & 0xff, K_ANY);
}

static void run_make_function(verifier *v, uint32_t k, uint8_t flags) {
    const py_code *inner = const_code(v, k);
    if (flags > 7) {
        fail(v, "MAKE_FUNCTION flags out of range");
    }
    if (flags & 4) {
        uint32_t closure = pop(v, inner->n_free > 0 ? CELLS(0) : K_ANY);
        if (inner->n_free > 0 && CELLS_LEN(closure) < inner->n_free) {
            fail(v, "a closure with fewer cells than the function's free variables");
        }
    } else if (inner->n_free > 0) {
        fail(v, "a function with free variables made without a closure");
    }
    if (flags & 2) {
        pop(v, K_DICT);
    }
    if (flags & 1) {
        pop(v, K_ANY);
    }
    push(v, K_ANY);
}

static void run_build_tuple(verifier *v, uint32_t n) {
    bool all_cells = n > 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t k = pop(v, K_ANY);
        all_cells = all_cells && KIND(k) == K_CELL;
    }
    push(v, all_cells ? CELLS(n) : K_TUPLE);
}

/* Runs the instruction at pc on v->cur. Returns the fall-through offset,
 * or UINT32_MAX when control does not go on to the next instruction. */
static uint32_t run_one(verifier *v, uint32_t pc) {
    const py_code *code = v->code;
    const uint8_t *p = code->bytecode + pc;
    uint8_t op = *p;
    uint32_t next = pc + (uint32_t)py_bc_size(op);
    uint32_t arg = py_bc_format[op] == PY_BC_U32    ? operand32(p)
                   : py_bc_format[op] == PY_BC_NONE ? 0
                                                    : operand16(p);
    v->pc = pc;
    switch (op) {
    case PY_OP_LOAD_CONST:
        push(v, const_kind(v, arg));
        break;
    case PY_OP_LOAD_SMALL_INT:
    case PY_OP_LOAD_NONE:
    case PY_OP_LOAD_TRUE:
    case PY_OP_LOAD_FALSE:
    case PY_OP_LOAD_BUILD_CLASS:
    case PY_OP_LOAD_ASSERTION_ERROR:
        push(v, K_ANY);
        break;
    case PY_OP_LOAD_FAST:
        check_local(v, arg);
        push(v, K_ANY);
        break;
    case PY_OP_STORE_FAST:
        check_local(v, arg);
        pop(v, K_ANY);
        break;
    case PY_OP_DELETE_FAST:
        check_local(v, arg);
        break;
    case PY_OP_LOAD_DEREF:
        check_cell(v, arg);
        push(v, K_ANY);
        break;
    case PY_OP_STORE_DEREF:
        check_cell(v, arg);
        pop(v, K_ANY);
        break;
    case PY_OP_DELETE_DEREF:
        check_cell(v, arg);
        break;
    case PY_OP_LOAD_CLOSURE:
        check_cell(v, arg);
        push(v, K_CELL);
        break;
    case PY_OP_LOAD_NAME:
    case PY_OP_LOAD_GLOBAL:
        check_name(v, arg);
        push(v, K_ANY);
        break;
    case PY_OP_STORE_NAME:
    case PY_OP_STORE_GLOBAL:
    case PY_OP_DELETE_ATTR:
        check_name(v, arg);
        pop(v, K_ANY);
        break;
    case PY_OP_DELETE_NAME:
    case PY_OP_DELETE_GLOBAL:
        check_name(v, arg);
        break;
    case PY_OP_LOAD_ATTR:
    case PY_OP_IMPORT_FROM:
        check_name(v, arg);
        peek(v, 0, K_ANY);
        if (op == PY_OP_LOAD_ATTR) {
            pop(v, K_ANY);
        }
        push(v, K_ANY);
        break;
    case PY_OP_STORE_ATTR:
        check_name(v, arg);
        pop_n(v, 2, K_ANY);
        break;
    case PY_OP_LOAD_METHOD:
        check_name(v, arg);
        pop(v, K_ANY);
        push(v, K_ANY);
        push(v, K_MAYBE);
        break;
    case PY_OP_LOAD_SUBSCR:
    case PY_OP_BINARY_OP:
        if (op == PY_OP_BINARY_OP && arg > PY_BINOP_POW) {
            fail(v, "operator out of range");
        }
        pop_n(v, 2, K_ANY);
        push(v, K_ANY);
        break;
    case PY_OP_STORE_SUBSCR:
        pop_n(v, 3, K_ANY);
        break;
    case PY_OP_DELETE_SUBSCR:
        pop_n(v, 2, K_ANY);
        break;
    case PY_OP_POP_TOP:
        pop(v, K_MAYBE);
        break;
    case PY_OP_ROT_TWO: {
        uint32_t a = pop(v, K_MAYBE), b = pop(v, K_MAYBE);
        push(v, a);
        push(v, b);
        break;
    }
    case PY_OP_ROT_THREE: {
        uint32_t a = pop(v, K_MAYBE), b = pop(v, K_MAYBE), c = pop(v, K_MAYBE);
        push(v, a);
        push(v, c);
        push(v, b);
        break;
    }
    case PY_OP_DUP_TOP:
        push(v, peek(v, 0, K_MAYBE));
        break;
    case PY_OP_DUP_TOP_TWO: {
        uint32_t a = peek(v, 1, K_MAYBE), b = peek(v, 0, K_MAYBE);
        push(v, a);
        push(v, b);
        break;
    }
    case PY_OP_UNARY_OP:
        if (arg != PY_UNOP_POS && arg != PY_UNOP_NEG && arg != PY_UNOP_INVERT &&
            arg != PY_UNOP_NOT) {
            fail(v, "unary operator out of range");
        }
        pop(v, K_ANY);
        push(v, K_ANY);
        break;
    case PY_OP_BUILD_TUPLE:
        run_build_tuple(v, arg);
        break;
    case PY_OP_BUILD_LIST:
    case PY_OP_BUILD_SET:
        pop_n(v, arg, K_ANY);
        push(v, op == PY_OP_BUILD_LIST ? K_LIST : K_SET);
        break;
    case PY_OP_BUILD_MAP:
        push(v, K_DICT);
        break;
    case PY_OP_STORE_MAP:
        peek(v, 2, K_DICT);
        pop_n(v, 2, K_ANY);
        break;
    case PY_OP_BUILD_SLICE:
        if (arg != 2 && arg != 3) {
            fail(v, "BUILD_SLICE of neither 2 nor 3 values");
        }
        pop_n(v, arg, K_ANY);
        push(v, K_ANY);
        break;
    case PY_OP_LIST_APPEND:
    case PY_OP_SET_ADD:
        if (arg == 0) {
            fail(v, "appends to the value it appends");
        }
        peek(v, arg, op == PY_OP_LIST_APPEND ? K_LIST : K_SET);
        pop(v, K_ANY);
        break;
    case PY_OP_MAP_ADD:
        if (arg < 2) {
            fail(v, "adds to the key or value it adds");
        }
        peek(v, arg, K_DICT);
        pop_n(v, 2, K_ANY);
        break;
    case PY_OP_LIST_EXTEND:
        peek(v, 1, K_LIST);
        pop(v, K_ANY);
        break;
    case PY_OP_SET_UPDATE:
        peek(v, 1, K_SET);
        pop(v, K_ANY);
        break;
    case PY_OP_DICT_UPDATE:
        peek(v, 1, K_DICT);
        pop(v, K_ANY);
        break;
    case PY_OP_DICT_MERGE: /* reads the function below the list too */
        peek(v, 1, K_DICT);
        peek(v, 2, K_LIST);
        peek(v, 3, K_ANY);
        pop(v, K_ANY);
        break;
    case PY_OP_LIST_TO_TUPLE:
        pop(v, K_LIST);
        push(v, K_TUPLE);
        break;
    case PY_OP_UNPACK_SEQUENCE:
        pop(v, K_ANY);
        for (uint32_t i = 0; i < arg; i++) {
            push(v, K_ANY);
        }
        break;
    case PY_OP_UNPACK_EX:
        pop(v, K_ANY);
        for (uint32_t i = 0; i < (arg & 0xff) + (arg >> 8) + 1; i++) {
            push(v, K_ANY);
        }
        break;
    case PY_OP_FORMAT_VALUE: {
        uint32_t conv = arg & 0xff;
        if ((arg >> 9) != 0 || (conv != 0 && conv != 's' && conv != 'r' && conv != 'a')) {
            fail(v, "FORMAT_VALUE operand out of range");
        }
        if (arg & 0x100) {
            pop(v, K_ANY);
        }
        pop(v, K_ANY);
        push(v, K_ANY);
        break;
    }
    case PY_OP_BUILD_STRING:
        pop_n(v, arg, K_ANY);
        push(v, K_ANY);
        break;
    case PY_OP_JUMP:
        flow_to(v, arg, &v->cur);
        return UINT32_MAX;
    case PY_OP_POP_JUMP_IF_FALSE:
    case PY_OP_POP_JUMP_IF_TRUE:
        pop(v, K_ANY);
        flow_to(v, arg, &v->cur);
        break;
    case PY_OP_JUMP_IF_FALSE_OR_POP:
    case PY_OP_JUMP_IF_TRUE_OR_POP:
        peek(v, 0, K_ANY);
        flow_to(v, arg, &v->cur);
        pop(v, K_ANY);
        break;
    case PY_OP_GET_ITER:
    case PY_OP_GET_YIELD_FROM_ITER:
    case PY_OP_GET_AWAITABLE:
    case PY_OP_GET_AITER:
        pop(v, K_ANY);
        push(v, K_ANY);
        break;
    case PY_OP_FOR_ITER:
        pop(v, K_ANY);
        flow_to(v, arg, &v->cur);
        push(v, K_ANY);
        push(v, K_ANY);
        break;
    case PY_OP_MAKE_FUNCTION:
        run_make_function(v, arg, p[3]);
        break;
    case PY_OP_CALL_FUNCTION:
    case PY_OP_CALL_METHOD:
        pop_call_args(v, arg);
        if (op == PY_OP_CALL_METHOD) {
            pop(v, K_MAYBE);
        }
        pop(v, K_ANY);
        push(v, K_ANY);
        break;
    case PY_OP_CALL_FUNCTION_EX:
        if (arg > 1) {
            fail(v, "CALL_FUNCTION_EX operand out of range");
        }
        pop_n(v, 2 + arg, K_ANY);
        push(v, K_ANY);
        break;
    case PY_OP_RETURN_VALUE:
        peek(v, 0, K_ANY);
        return UINT32_MAX;
    case PY_OP_YIELD_VALUE:
        check_generator(v);
        pop(v, K_ANY);
        push(v, K_ANY);
        break;
    case PY_OP_YIELD_FROM:
        check_generator(v);
        pop_n(v, 2, K_ANY);
        push(v, K_ANY);
        break;
    case PY_OP_RAISE:
        if (arg > 2) {
            fail(v, "RAISE operand out of range");
        }
        pop_n(v, arg, K_ANY);
        return UINT32_MAX;
    case PY_OP_SETUP_EXCEPT:
    case PY_OP_SETUP_FINALLY:
        flow_to_handler(v, arg, v->cur.depth);
        push_block(v, arg, v->cur.depth);
        break;
    case PY_OP_SETUP_WITH:
        pop(v, K_ANY);
        push(v, K_ANY);   /* exit function */
        push(v, K_MAYBE); /* its self */
        flow_to_handler(v, arg, v->cur.depth);
        push_block(v, arg, v->cur.depth);
        push(v, K_ANY); /* what __enter__ returned */
        break;
    case PY_OP_SETUP_ASYNC_WITH:
        peek(v, 2, K_ANY);
        peek(v, 1, K_MAYBE);
        peek(v, 0, K_ANY);
        flow_to_handler(v, arg, v->cur.depth - 1);
        push_block(v, arg, v->cur.depth - 1);
        break;
    case PY_OP_POP_BLOCK:
        if (v->cur.n_blocks == 0) {
            fail(v, "POP_BLOCK without a block");
        }
        v->cur.n_blocks--;
        break;
    case PY_OP_POP_EXCEPT:
    case PY_OP_NOP:
        break;
    case PY_OP_RERAISE:
        pop(v, K_EXC);
        return UINT32_MAX;
    case PY_OP_WITH_EXIT_NORMAL:
        pop(v, K_MAYBE);
        pop(v, K_ANY);
        break;
    case PY_OP_WITH_EXCEPT:
        pop(v, K_EXC);
        pop(v, K_MAYBE);
        pop(v, K_ANY);
        break;
    case PY_OP_BEFORE_ASYNC_WITH:
        pop(v, K_ANY);
        push(v, K_ANY);
        push(v, K_MAYBE);
        push(v, K_ANY);
        break;
    case PY_OP_ASYNC_WITH_EXIT:
        pop(v, K_EXC);
        pop(v, K_MAYBE);
        pop(v, K_ANY);
        push(v, K_EXC);
        push(v, K_ANY);
        break;
    case PY_OP_END_ASYNC_FOR:
        pop(v, K_EXC);
        pop(v, K_ANY);
        break;
    case PY_OP_IMPORT_NAME:
        check_name(v, arg);
        pop_n(v, 2, K_ANY);
        push(v, K_ANY);
        break;
    case PY_OP_IMPORT_STAR:
    case PY_OP_PRINT_EXPR:
        pop(v, K_ANY);
        break;
    default:
        fail(v, "an instruction the verifier does not know");
    }
    return next;
}

/* Runs from the target t along the fall-through path until control leaves
 * it or reaches another target (whose state it then feeds). */
static void run_from(verifier *v, size_t t) {
    const vstate *st = &v->at[t];
    v->cur.depth = st->depth;
    v->cur.n_blocks = st->n_blocks;
    if (st->depth > 0) {
        memcpy(v->cur.kinds, st->kinds, st->depth * sizeof(uint32_t));
    }
    if (st->n_blocks > 0) {
        memcpy(v->cur.blocks, st->blocks, st->n_blocks * sizeof(vblock));
    }
    uint32_t pc = v->targets[t];
    for (;;) {
        uint32_t next = run_one(v, pc);
        if (next == UINT32_MAX) {
            return;
        }
        if (next >= v->code->bytecode_len) {
            v->pc = pc;
            fail(v, "runs off the end of the code");
        }
        if (target_index(v, next) != SIZE_MAX) {
            flow_to(v, next, &v->cur);
            return;
        }
        pc = next;
    }
}

/* ---------------------------------------------------------------- the code object */

static void check_header(verifier *v, bool is_module) {
    const py_code *c = v->code;
    v->pc = 0;
    if (c->flags &
        ~(unsigned)(PY_CODE_VARARGS | PY_CODE_VARKW | PY_CODE_GENERATOR | PY_CODE_COROUTINE |
                    PY_CODE_NEWLOCALS | PY_CODE_CLASS | PY_CODE_MODULE)) {
        fail(v, "unknown code flags");
    }
    if ((c->flags & PY_CODE_COROUTINE) && !(c->flags & PY_CODE_GENERATOR)) {
        fail(v, "a coroutine that is not a generator");
    }
    size_t n_params = (size_t)c->n_pos + c->n_kwonly + ((c->flags & PY_CODE_VARARGS) != 0) +
                      ((c->flags & PY_CODE_VARKW) != 0);
    if (c->n_posonly > c->n_pos || n_params > c->n_locals) {
        fail(v, "more parameters than local slots");
    }
    if (v->n_slots > 0 && c->slot_names == NULL) {
        fail(v, "slots without names");
    }
    for (size_t i = 0; i < c->n_cells; i++) {
        if (c->cell2arg == NULL ||
            (c->cell2arg[i] != PY_CODE_NO_ARG && c->cell2arg[i] >= n_params)) {
            fail(v, "a cell made from a slot that is not a parameter");
        }
    }
    if (is_module && (c->flags != PY_CODE_MODULE || n_params != 0 || c->n_free != 0)) {
        fail(v, "module code with parameters, free variables or function flags");
    }
}

static void verify_one(const py_code *code, bool is_module, const char *what) {
    verifier v;
    memset(&v, 0, sizeof(v));
    v.code = code;
    v.what = what;
    v.n_slots = (size_t)code->n_locals + code->n_cells + code->n_free;
    check_header(&v, is_module);
    decode_all(&v);
    size_t budget = (size_t)code->bytecode_len * STATE_BUDGET_PER_BYTE;
    v.budget = budget < STATE_BUDGET_FLOOR ? STATE_BUDGET_FLOOR : budget;
    v.at = scratch(v.n_targets, sizeof(vstate));
    for (size_t i = 0; i < v.n_targets; i++) {
        v.at[i].depth = UINT32_MAX;
    }
    v.queued = scratch(v.n_targets, 1);
    memset(v.queued, 0, v.n_targets);
    v.work = scratch(v.n_targets, sizeof(uint32_t));
    v.cur.kinds = scratch((size_t)code->stack_size + 1, sizeof(uint32_t));
    v.cur.blocks = scratch((size_t)code->block_depth + 1, sizeof(vblock));
    vstate entry = {0, 0, NULL, NULL};
    flow_to(&v, 0, &entry);
    while (v.n_work > 0) {
        size_t t = v.work[--v.n_work];
        v.queued[t] = 0;
        py_stack_check();
        run_from(&v, t);
    }
    for (size_t i = 0; i < v.n_targets; i++) {
        if (v.at[i].depth != UINT32_MAX) {
            release(v.at[i].kinds);
            release(v.at[i].blocks);
        }
    }
    release(v.at);
    release(v.queued);
    release(v.work);
    release(v.cur.kinds);
    release(v.cur.blocks);
    release(v.targets);
    release(v.starts);
}

static void verify_tree(const py_code *code, bool is_module, const char *what, unsigned nesting) {
    py_stack_check();
    if (nesting > MAX_CODE_NESTING) {
        py_raise_value_error("%s: invalid bytecode: functions nested too deeply", what);
    }
    for (size_t i = 0; i < code->n_consts; i++) {
        py_val c = code->consts[i];
        if (py_is_obj(c) && py_type_of(c) == &py_type_code) {
            verify_tree(py_ptr(c), false, what, nesting + 1);
        }
    }
    verify_one(code, is_module, what);
}

void py_code_verify(const py_code *code, bool is_module, const char *what) {
    verify_tree(code, is_module, what, 0);
}
