/*
 * bytecode.h - the instruction set shared by the compiler (compile.c) and the
 * VM (vm.c), and the code object that carries compiled bytecode.
 *
 * An instruction is one opcode byte followed by its operand, whose size is
 * fixed per opcode (see PY_BC_FORMAT): none, u16 (little-endian), u32 (jump
 * targets: absolute byte offsets in the code object), or u16 + u8.
 *
 * Exception handling uses a block stack: SETUP_EXCEPT / SETUP_FINALLY /
 * SETUP_WITH push a handler (target + value-stack depth), POP_BLOCK pops it.
 * Handlers are only for exceptional exits: for `return`, `break` and
 * `continue` leaving a try/finally or with, the compiler emits POP_BLOCK and
 * an inline copy of the finally body (or WITH_EXIT_NORMAL) at the exit point.
 *
 * When an exception reaches a handler the VM: pops the block, trims the value
 * stack to the block's depth, pushes the exception instance, records it as the
 * "currently handled" exception (saving the previous one on the frame's
 * exception stack; sys.exc_info and bare `raise` see it), and jumps to the
 * handler. POP_EXCEPT ends handling (restores the previous one), RERAISE pops
 * the exception from the value stack, ends handling and raises it again
 * (keeping its traceback).
 *
 * Slots: a frame has n_locals + n_cells + n_free slots. Locals come first
 * (parameters first, in the order: positional (including positional-only),
 * keyword-only, *args, **kwargs), then the code's cell variables (each slot
 * holds a cell object created at frame entry; cell2arg says which parameter it
 * is initialised from), then free variables (the cells of the function's
 * closure tuple, in order). LOAD_FAST uses plain local slots, LOAD_DEREF /
 * STORE_DEREF / DELETE_DEREF / LOAD_CLOSURE use cell and free slots, all with
 * absolute slot numbers.
 */
#ifndef PY_BYTECODE_H
#define PY_BYTECODE_H

#include "campy.h"

enum { PY_BC_NONE, PY_BC_U16, PY_BC_U32, PY_BC_U16_U8 };

/* X(name, operand format, stack effect note) */
#define PY_BC_OPCODES(X)                                                                  \
    /* constants and variables */                                                         \
    X(LOAD_CONST, PY_BC_U16)       /* -> consts[k] */                                    \
    X(LOAD_SMALL_INT, PY_BC_U16)   /* -> small int: operand as int16_t */                \
    X(LOAD_NONE, PY_BC_NONE)                                                              \
    X(LOAD_TRUE, PY_BC_NONE)                                                              \
    X(LOAD_FALSE, PY_BC_NONE)                                                             \
    X(LOAD_FAST, PY_BC_U16)        /* -> slot n; UnboundLocalError(NameError) if empty */\
    X(STORE_FAST, PY_BC_U16)       /* v -> */                                             \
    X(DELETE_FAST, PY_BC_U16)                                                             \
    X(LOAD_DEREF, PY_BC_U16)       /* -> contents of the cell in slot n */               \
    X(STORE_DEREF, PY_BC_U16)      /* v -> */                                             \
    X(DELETE_DEREF, PY_BC_U16)                                                            \
    X(LOAD_CLOSURE, PY_BC_U16)     /* -> the cell object in slot n itself */              \
    X(LOAD_NAME, PY_BC_U16)        /* -> names[k] from locals dict, globals, builtins */ \
    X(STORE_NAME, PY_BC_U16)       /* v -> (locals dict) */                               \
    X(DELETE_NAME, PY_BC_U16)                                                             \
    X(LOAD_GLOBAL, PY_BC_U16)      /* -> names[k] from globals, then builtins */         \
    X(STORE_GLOBAL, PY_BC_U16)                                                            \
    X(DELETE_GLOBAL, PY_BC_U16)                                                           \
    X(LOAD_ATTR, PY_BC_U16)        /* obj -> obj.names[k] */                              \
    X(STORE_ATTR, PY_BC_U16)       /* value obj -> */                                     \
    X(DELETE_ATTR, PY_BC_U16)      /* obj -> */                                           \
    X(LOAD_METHOD, PY_BC_U16)      /* obj -> fun self_or_NULL (see py_load_method) */    \
    X(LOAD_SUBSCR, PY_BC_NONE)     /* obj index -> obj[index] */                          \
    X(STORE_SUBSCR, PY_BC_NONE)    /* value obj index -> */                               \
    X(DELETE_SUBSCR, PY_BC_NONE)   /* obj index -> */                                     \
    X(LOAD_BUILD_CLASS, PY_BC_NONE) /* -> __build_class__ */                              \
    X(LOAD_ASSERTION_ERROR, PY_BC_NONE) /* -> AssertionError */                           \
    /* stack */                                                                           \
    X(POP_TOP, PY_BC_NONE)                                                                \
    X(ROT_TWO, PY_BC_NONE)         /* a b -> b a */                                       \
    X(ROT_THREE, PY_BC_NONE)       /* a b c -> c a b */                                   \
    X(DUP_TOP, PY_BC_NONE)         /* a -> a a */                                         \
    X(DUP_TOP_TWO, PY_BC_NONE)     /* a b -> a b a b */                                   \
    /* operators */                                                                       \
    X(UNARY_OP, PY_BC_U16)         /* a -> op(a); py_unop POS/NEG/INVERT/NOT */          \
    X(BINARY_OP, PY_BC_U16)        /* a b -> a op b; any py_binop incl. compare, in, is,  \
                                      not in, is not, exception match, in-place */        \
    /* building */                                                                        \
    X(BUILD_TUPLE, PY_BC_U16)      /* n items -> tuple */                                 \
    X(BUILD_LIST, PY_BC_U16)       /* n items -> list */                                  \
    X(BUILD_SET, PY_BC_U16)        /* n items -> set */                                   \
    X(BUILD_MAP, PY_BC_U16)        /* -> empty dict (operand: size hint) */               \
    X(STORE_MAP, PY_BC_NONE)       /* dict key value -> dict */                           \
    X(BUILD_SLICE, PY_BC_U16)      /* start stop [step] -> slice; operand 2 or 3 */       \
    X(LIST_APPEND, PY_BC_U16)      /* v -> ; appends to the list at depth n below v     \
                                      (n=1: the item just under v) */                     \
    X(SET_ADD, PY_BC_U16)          /* same, for a set */                                  \
    X(MAP_ADD, PY_BC_U16)          /* key value -> ; dict at depth n below value */       \
    X(LIST_EXTEND, PY_BC_NONE)     /* list iterable -> list */                            \
    X(SET_UPDATE, PY_BC_NONE)      /* set iterable -> set */                              \
    X(DICT_UPDATE, PY_BC_NONE)     /* dict mapping -> dict (TypeError if not mapping) */  \
    /* fun list dict mapping -> fun list dict: a call's **mapping; TypeError for a    \
       keyword given twice or a mapping that is not one */                               \
    X(DICT_MERGE, PY_BC_NONE)                                                             \
    X(LIST_TO_TUPLE, PY_BC_NONE)   /* list -> tuple */                                    \
    X(UNPACK_SEQUENCE, PY_BC_U16)  /* seq -> item[n-1] ... item[0] (item[0] on top);      \
                                      ValueError on a length mismatch */                  \
    X(UNPACK_EX, PY_BC_U16)        /* seq -> items with a list in the middle: operand     \
                                      = before | after << 8 */                            \
    X(FORMAT_VALUE, PY_BC_U16)     /* value [spec] -> str; operand: conversion char (0,   \
                                      's','r','a') | 0x100 if a spec str is on top */    \
    X(BUILD_STRING, PY_BC_U16)     /* n strs -> their concatenation */                    \
    /* control flow (targets are absolute offsets) */                                     \
    X(JUMP, PY_BC_U32)                                                                    \
    X(POP_JUMP_IF_FALSE, PY_BC_U32) /* v -> */                                            \
    X(POP_JUMP_IF_TRUE, PY_BC_U32)  /* v -> */                                            \
    X(JUMP_IF_FALSE_OR_POP, PY_BC_U32) /* v -> v (jumped) or -> (fell through) */         \
    X(JUMP_IF_TRUE_OR_POP, PY_BC_U32)                                                     \
    X(GET_ITER, PY_BC_NONE)        /* obj -> iter(obj) */                                 \
    X(FOR_ITER, PY_BC_U32)         /* it -> it next; when exhausted pops it and jumps */  \
    /* functions and calls */                                                             \
    /* [defaults tuple] [kwdefaults dict] [closure tuple] -> function; operand: consts    \
       index of the code object | flags: 1 defaults, 2 kwdefaults, 4 closure */          \
    X(MAKE_FUNCTION, PY_BC_U16_U8)                                                        \
    /* fun args... (key value)... -> result; operand: n_pos | n_kw << 8; keys are         \
       qstr values */                                                                     \
    X(CALL_FUNCTION, PY_BC_U16)                                                           \
    X(CALL_METHOD, PY_BC_U16)      /* fun self_or_NULL args... kw... -> result */         \
    /* fun args_tuple_or_list [kwargs dict] -> result; operand: 1 if kwargs */            \
    X(CALL_FUNCTION_EX, PY_BC_U16)                                                        \
    X(RETURN_VALUE, PY_BC_NONE)                                                           \
    X(YIELD_VALUE, PY_BC_NONE)     /* v -> value sent in */                               \
    /* iter value_to_send -> iter (stays while delegating; the VM re-executes this        \
       instruction) then -> result of the delegation when it finishes */                  \
    X(YIELD_FROM, PY_BC_NONE)                                                             \
    X(GET_YIELD_FROM_ITER, PY_BC_NONE)                                                    \
    X(GET_AWAITABLE, PY_BC_NONE)                                                          \
    /* exceptions */                                                                      \
    X(RAISE, PY_BC_U16)            /* 0: re-raise the handled exception; 1: exc ->;       \
                                      2: exc cause -> */                                  \
    X(SETUP_EXCEPT, PY_BC_U32)                                                            \
    X(SETUP_FINALLY, PY_BC_U32)                                                           \
    /* mgr -> exit_fun exit_self enter_result; pushes a handler block below                \
       enter_result (depth includes exit_fun, exit_self) */                               \
    X(SETUP_WITH, PY_BC_U32)                                                              \
    X(POP_BLOCK, PY_BC_NONE)                                                              \
    X(POP_EXCEPT, PY_BC_NONE)                                                             \
    X(RERAISE, PY_BC_NONE)         /* exc -> (raises) */                                  \
    X(WITH_EXIT_NORMAL, PY_BC_NONE) /* exit_fun exit_self -> ; calls exit(None,None,None)*/\
    /* exit_fun exit_self exc -> ; calls exit(type, exc, None): truthy result suppresses  \
       (ends handling, falls through), else re-raises exc */                              \
    X(WITH_EXCEPT, PY_BC_NONE)                                                            \
    /* async with: mgr -> exit_fun exit_self aenter_result (__aexit__ as a method pair,    \
       __aenter__ called; the result is awaited next) */                                  \
    X(BEFORE_ASYNC_WITH, PY_BC_NONE)                                                      \
    /* exit_fun exit_self value -> same; pushes a handler block below value */             \
    X(SETUP_ASYNC_WITH, PY_BC_U32)                                                        \
    /* exit_fun exit_self exc -> exc exit_result; calls exit(type, exc, None) (the result \
       is awaited, then tested: truthy suppresses) */                                     \
    X(ASYNC_WITH_EXIT, PY_BC_NONE)                                                        \
    X(GET_AITER, PY_BC_NONE)       /* obj -> obj.__aiter__() (checked for __anext__) */  \
    /* aiter exc -> ; StopAsyncIteration ends handling and the loop, anything else is     \
       raised again */                                                                    \
    X(END_ASYNC_FOR, PY_BC_NONE)                                                          \
    /* imports */                                                                         \
    X(IMPORT_NAME, PY_BC_U16)      /* level fromlist -> module; names[k] is dotted */    \
    X(IMPORT_FROM, PY_BC_U16)      /* module -> module module.names[k] (ImportError) */  \
    X(IMPORT_STAR, PY_BC_NONE)     /* module -> (names into the current namespace) */    \
    /* misc */                                                                            \
    X(PRINT_EXPR, PY_BC_NONE)      /* v -> ; the REPL: prints repr unless None */         \
    X(NOP, PY_BC_NONE)

typedef enum py_opcode {
#define PY_BC_ENUM(name, fmt) PY_OP_##name,
    PY_BC_OPCODES(PY_BC_ENUM)
#undef PY_BC_ENUM
    PY_OP_COUNT
} py_opcode;

extern const uint8_t py_bc_format[PY_OP_COUNT];
extern const char *const py_bc_name[PY_OP_COUNT];
/* Bytes an instruction takes, opcode included. */
static inline size_t py_bc_size(uint8_t op) {
    static const uint8_t sz[] = {1, 3, 5, 4};
    return sz[py_bc_format[op]];
}

/* Code flags. */
enum {
    PY_CODE_VARARGS = 1,    /* has *args */
    PY_CODE_VARKW = 2,      /* has **kwargs */
    PY_CODE_GENERATOR = 4,  /* contains yield: calling makes a generator */
    PY_CODE_COROUTINE = 8,  /* async def */
    PY_CODE_NEWLOCALS = 16, /* a function body: locals are slots, not a dict */
    PY_CODE_CLASS = 32,     /* a class body: returns its __class__ cell or None */
    PY_CODE_MODULE = 64,    /* module/exec/eval code: uses LOAD_NAME on a dict */
};

#define PY_CODE_NO_ARG 0xffff

/* A compiled function, class body or module. Immutable once made. Every
 * array lives on the heap (or in the image, for frozen modules). */
typedef struct py_code {
    py_head head; /* &py_type_code */
    uint16_t flags;
    uint16_t n_pos;     /* positional parameters, positional-only included */
    uint16_t n_posonly;
    uint16_t n_kwonly;
    uint16_t n_locals;  /* plain local slots, parameters included */
    uint16_t n_cells;
    uint16_t n_free;
    uint16_t stack_size; /* deepest value stack */
    uint16_t block_depth; /* deepest block stack */
    uint16_t n_consts, n_names;
    py_qstr name;     /* function name, "<module>", "<listcomp>", ... */
    py_qstr filename;
    uint32_t first_line;
    uint32_t bytecode_len;
    uint32_t line_table_len;
    const uint8_t *bytecode;
    const py_val *consts;     /* ints, floats, strs, bytes, tuples, code objects */
    const py_qstr *names;     /* names used by *_NAME, *_GLOBAL, *_ATTR, IMPORT_* */
    const py_qstr *slot_names; /* n_locals + n_cells + n_free names (params first) */
    const uint16_t *cell2arg; /* n_cells entries: parameter slot or PY_CODE_NO_ARG */
    /* Line table: pairs of unsigned LEB128 varints (bytecode offset increment,
     * zigzag-encoded line increment), starting from offset 0 at first_line.
     * An instruction's line is the line of the last pair at or before it. */
    const uint8_t *line_table;
} py_code;

/* The source line of the instruction at bytecode offset `offset`. */
uint32_t py_code_line(const py_code *code, size_t offset);

/* Compiles an AST (ast.h) into a code object for the module / expression /
 * interactive statement. SyntaxError for what the parser lets through but
 * Python refuses ('return' outside function, 'break' outside loop, bad
 * assignment targets, nonlocal at module level, ...), with the line. */
struct py_node;
py_code *py_compile_ast(struct py_node *tree, py_qstr filename, int mode);

/* Prints a readable listing of a code object and its nested code (for the
 * runner's -X emit=... diagnostics and the compiler's tests). */
void py_code_dump(const py_print *out, const py_code *code);

#endif
