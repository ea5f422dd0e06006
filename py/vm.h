/*
 * vm.h - the bytecode interpreter's interface inside py/: frames, Python
 * function, bound method, cell and generator objects, and the hooks the
 * builtins need from the running frame (locals(), globals(), super(),
 * __build_class__, sys.exc_info()).
 *
 * Frames of ordinary calls live on the VM's frame stack: heap chunks reached
 * from py_st.vm_stack and used strictly last-in first-out. A generator's frame
 * is a heap block of its own that outlives the call that made it.
 */
#ifndef PY_VM_H
#define PY_VM_H

#include "bytecode.h"
#include "campy.h"

/* ---------------------------------------------------------------- objects */

/* A function defined in Python: def, lambda, comprehension, class body. */
typedef struct py_fun {
    py_head head; /* &py_type_function */
    const py_code *code;
    py_val globals;          /* dict */
    py_val defaults;         /* tuple, or PY_NULL */
    py_val kwdefaults;       /* dict, or PY_NULL */
    py_val closure;          /* tuple of cells, or PY_NULL */
    py_val dict;             /* attributes set from Python, PY_NULL until the first */
    struct py_vm_info *info; /* made at the first call: sizes and lookup caches */
} py_fun;

/* What an attribute instruction found for one name, reused while the
 * object's type is `type` and no class changed since (version). */
typedef struct py_vm_attr_cache {
    const py_type *type; /* NULL: empty */
    py_val value;        /* the class member, for the kinds that use one */
    uint32_t version;    /* py_type_lookup_version when filled */
    uint16_t kind;       /* VM_ATTR_* in vm.c */
    uint16_t hint;       /* instance dict entry index + 1 */
} py_vm_attr_cache;

#define PY_VM_NO_ATTR_CACHE 0xff

/* What the VM works out once per function (or per exec of module code):
 * the frame size; for each entry of code->names, where the name was last
 * found in the globals or locals map (an entry index + 1, 0 for unknown; the
 * top bit marks the builtins), a hint checked before it is used; and a cache
 * for each name an attribute instruction uses. */
typedef struct py_vm_info {
    uint32_t frame_bytes;
    uint16_t exc_cap; /* handler sites in the code: bounds the handled-exception stack */
    uint16_t n_names;
    uint16_t simple_n_args; /* n_pos if a call with that many positional arguments
                               only needs them copied (no cells, *args...), else 0xffff */
    py_vm_attr_cache *attr; /* the attribute caches, two per name */
    uint8_t *attr_index;    /* per name: its cache in attr, or PY_VM_NO_ATTR_CACHE */
    uint32_t name_hint[];
} py_vm_info;

/* `obj.method` when asked for as a value. */
typedef struct py_bound_method {
    py_head head; /* &py_type_bound_method */
    py_val fun, self;
} py_bound_method;

/* A variable shared between a function and the functions nested in it. */
typedef struct py_cell {
    py_head head; /* &py_type_cell */
    py_val value; /* PY_NULL while unbound */
} py_cell;

py_val py_fun_new(const py_code *code, py_val globals, py_val defaults, py_val kwdefaults,
                  py_val closure);
py_val py_bound_method_new(py_val fun, py_val self);
py_val py_cell_new(py_val value);
static inline py_val py_cell_get(py_val cell) { return ((py_cell *)py_ptr(cell))->value; }
static inline void py_cell_set(py_val cell, py_val v) { ((py_cell *)py_ptr(cell))->value = v; }

/* ---------------------------------------------------------------- frames */

typedef struct py_vm_block {
    uint32_t handler;   /* bytecode offset of the handler */
    uint16_t level;     /* value stack depth to restore */
    uint16_t exc_depth; /* handled-exception depth to restore */
} py_vm_block;

enum py_frame_state {
    PY_FRAME_CREATED, /* not started (a generator before its first next()) */
    PY_FRAME_RUNNING,
    PY_FRAME_SUSPENDED, /* a generator stopped at a yield */
    PY_FRAME_DONE,      /* returned or raised */
};

enum py_frame_flags {
    PY_FRAME_ON_STACK = 1,  /* lives on the frame stack (else its own heap block) */
    PY_FRAME_GENERATOR = 2, /* a generator's frame */
    PY_FRAME_NEW_CHUNK = 4, /* the first frame of a frame-stack chunk */
};

struct vm_chunk;

typedef struct py_frame {
    struct py_frame *back; /* the frame that called or resumed this one */
    const py_code *code;
    const uint8_t *pc; /* instruction being run, or the next one when suspended */
    py_val *sp;        /* top item of the value stack (stack - 1 when empty) */
    py_val *stack;     /* value stack base: code->stack_size items */
    py_val *excs;      /* exceptions being handled, innermost last */
    py_vm_block *blocks;
    py_fun *fun; /* NULL for module code run by py_exec_code */
    py_vm_info *info;
    py_val globals;
    py_val locals; /* dict (module and class bodies), or PY_NULL */
    uint16_t n_blocks, n_exc, exc_cap;
    uint8_t flags, state;
    /* frame-stack bookkeeping: the state to return to when popped */
    struct vm_chunk *before_chunk;
    py_val *before_top;
    py_val *end;    /* first word after this frame */
    py_val slots[]; /* n_locals + n_cells + n_free */
} py_frame;

/* Result of running a frame until it stops. */
enum { PY_VM_RETURN, PY_VM_YIELD };

/* Runs (or resumes) a frame until it returns or yields. A suspended frame
 * receives `send` as the value of its yield; `throw` (an exception instance,
 * or PY_NULL) is raised at the point where it stopped instead. Exceptions
 * that leave the frame propagate to the caller. */
int py_vm_resume(py_frame *frame, py_val send, py_val throw_exc, py_val *result);

/* The innermost running Python frame, or NULL. */
py_frame *py_vm_current_frame(void);

/* ---------------------------------------------------------------- hooks for builtins */

py_val py_vm_globals(void); /* globals() of the running code */
py_val py_vm_locals(void);  /* locals(): a new dict inside functions */
/* The exception being handled (sys.exc_info(), bare raise), or PY_NULL. */
py_val py_vm_handled_exception(void);
/* Runs a class body function with `locals` as its namespace (what
 * __build_class__ does); returns the body's result: its __class__ cell or None. */
py_val py_vm_run_class_body(py_val fun, py_val locals);
/* For super() without arguments: the class from the __class__ cell and the
 * first argument of the running function. RuntimeError when there are none. */
void py_vm_super_args(py_val *cls, py_val *self);

/* ---------------------------------------------------------------- generators (objgen.c) */

typedef struct py_gen {
    py_head head;    /* &py_type_generator */
    py_frame *frame; /* in the same heap block, right after this header */
} py_gen;

/* A generator object with room for a frame of frame_bytes (not set up). */
py_gen *py_gen_alloc(size_t frame_bytes);
/* send(value) / throw(exc) without the StopIteration wrapping: returns
 * PY_VM_YIELD or PY_VM_RETURN and the value in *result. */
int py_gen_resume(py_val gen, py_val send, py_val throw_exc, py_val *result);

/* ---------------------------------------------------------------- calls */

/* Calls a Python function from C (the function type's call slot). */
py_val py_vm_call_fun(py_fun *fun, size_t n_args, size_t n_kw, const py_val *args);
/* Runs module-level code (py_exec_code); locals may equal globals. */
py_val py_vm_run_code(const py_code *code, py_val globals, py_val locals);

/* ---------------------------------------------------------------- functions (objfun.c) */

/* Per-code sizes: the info is allocated on the heap. */
py_vm_info *py_vm_info_new(const py_code *code);
static inline py_vm_info *py_vm_fun_info(py_fun *fun) {
    return fun->info != NULL ? fun->info : (fun->info = py_vm_info_new(fun->code));
}
/* Sets a frame up for code, in memory that is all zero but for the frame
 * stack fields (flags, before_*, end): slots empty, stacks empty. */
static inline void py_vm_frame_init(py_frame *f, const py_code *code, py_fun *fun, py_val globals,
                                    py_val locals, py_vm_info *info) {
    size_t n_slots = (size_t)code->n_locals + code->n_cells + code->n_free;
    f->code = code;
    f->fun = fun;
    f->info = info;
    f->globals = globals;
    f->locals = locals;
    f->pc = code->bytecode;
    f->stack = f->slots + n_slots;
    f->sp = f->stack - 1;
    f->excs = f->stack + code->stack_size;
    f->blocks = (py_vm_block *)(f->excs + info->exc_cap);
    f->exc_cap = info->exc_cap;
}
/* Binds the arguments of a call into the frame's slots (TypeError for a bad
 * call, with CPython's messages), then makes the cells and fills the free
 * variables from the closure. fun may be NULL for module code. */
void py_vm_bind_args(py_frame *f, py_fun *fun, size_t n_args, size_t n_kw, const py_val *args);

#endif
