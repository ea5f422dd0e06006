/*
 * campy.h - the public face of the campy Python core.
 *
 * Everything outside py/ (lib/, board/, host/) reaches the language through this
 * header only: values, the object model and type tables, the heap, interned names,
 * exceptions, calls and the runtime operations a module needs.
 *
 * Values are tagged machine words (py_val):
 *   ...xxx1  small int, the value shifted left by one
 *   ...xx10  interned string (qstr), the index shifted left by two
 *   ...xx00  pointer to an object whose first word is its type
 * None, True, False, Ellipsis and NotImplemented are static objects, never on
 * the heap. Heap objects live in the regions handed to py_gc_add_region(); the
 * core never calls malloc for them.
 */
#ifndef CAMPY_H
#define CAMPY_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "genhdr/qstrdefs.h" /* enum of the static interned names: Q_name */

/* ---------------------------------------------------------------- config */

/* PY_FLOAT_SINGLE=1 gives 32-bit floats, as on the ESP32; default is double. */
#ifndef PY_FLOAT_SINGLE
#define PY_FLOAT_SINGLE 0
#endif
#if PY_FLOAT_SINGLE
typedef float py_float_t;
#else
typedef double py_float_t;
#endif

/* sys.platform (a qstr) and sys.implementation._machine; the board port sets
 * its own. */
#ifndef PY_PLATFORM_QSTR
#define PY_PLATFORM_QSTR Q_linux
#endif
#ifndef PY_MACHINE_NAME
#define PY_MACHINE_NAME "PC with campy runner"
#endif

/* ---------------------------------------------------------------- values */

typedef uintptr_t py_val;
typedef intptr_t py_int_t; /* the range of a small int fits in this */
typedef size_t py_qstr;

typedef struct py_type py_type;

/* The one-word header every heap or static object starts with. */
typedef struct py_head {
    const py_type *type;
} py_head;

/* Special values. PY_NULL means "no value" (not found, unsupported slot). */
#define PY_NULL ((py_val)0)
#define PY_STOP ((py_val)4)     /* iternext: the iterator is exhausted */
#define PY_SENTINEL ((py_val)8) /* subscr/attr: "load" vs store/delete marker */

#define PY_SMALL_BITS (sizeof(py_val) * 8 - 1)
#define PY_SMALL_MIN (-((py_int_t)1 << (PY_SMALL_BITS - 1)))
#define PY_SMALL_MAX (((py_int_t)1 << (PY_SMALL_BITS - 1)) - 1)
#define PY_SMALL_FITS(n) ((n) >= PY_SMALL_MIN && (n) <= PY_SMALL_MAX)

#define py_is_small(v) (((v)&1) != 0)
#define py_is_qstr(v) (((v)&3) == 2)
#define py_is_obj(v) (((v)&3) == 0 && (v) > PY_SENTINEL)
#define PY_SMALL(n) ((py_val)(((uintptr_t)(n) << 1) | 1))
#define py_small_value(v) (((py_int_t)(v)) >> 1) /* gcc/clang: arithmetic shift */
#define PY_QSTR(q) ((py_val)(((uintptr_t)(q) << 2) | 2))
#define py_qstr_of(v) ((py_qstr)((v) >> 2))
#define PY_OBJ(p) ((py_val)(p))
#define py_ptr(v) ((void *)(v))

extern const py_head py_none_obj, py_true_obj, py_false_obj, py_ellipsis_obj,
    py_notimplemented_obj;
#define PY_NONE PY_OBJ(&py_none_obj)
#define PY_TRUE PY_OBJ(&py_true_obj)
#define PY_FALSE PY_OBJ(&py_false_obj)
#define PY_ELLIPSIS PY_OBJ(&py_ellipsis_obj)
#define PY_NOTIMPLEMENTED PY_OBJ(&py_notimplemented_obj)
#define PY_BOOL(b) ((b) ? PY_TRUE : PY_FALSE)

/* ---------------------------------------------------------------- heap (gc.c) */

/* Allocation is in blocks of two machine words; a 2-bit-per-block table marks
 * free / head / tail / marked. Memory comes back zeroed. Roots are the C stack
 * (scanned conservatively), registers, and py_state. */
#define PY_BYTES_PER_BLOCK (2 * sizeof(void *))

enum {
    PY_GC_FINALISE = 1, /* call the type's finalise slot when collected */
    PY_GC_LEAF = 2,     /* holds no pointers (str/bytes data): never scanned */
};

void py_gc_init(void);
void py_gc_add_region(void *start, size_t bytes); /* up to PY_GC_MAX_REGIONS */
void *py_gc_alloc(size_t bytes);                  /* raises MemoryError */
void *py_gc_alloc_flags(size_t bytes, unsigned flags);
void *py_gc_try_alloc(size_t bytes); /* NULL instead of raising; no collect */
void *py_gc_realloc(void *ptr, size_t new_bytes); /* raises MemoryError; may move */
void py_gc_free(void *ptr); /* optional early release of a block nobody else holds */
size_t py_gc_block_bytes(const void *ptr); /* usable size of an allocation */
void py_gc_collect(void);
void py_gc_enable(bool on);
bool py_gc_is_enabled(void);
void py_gc_set_threshold(py_int_t bytes); /* -1: no threshold */
py_int_t py_gc_get_threshold(void);
bool py_gc_is_heap_ptr(const void *ptr);
typedef struct py_gc_info {
    size_t total, used, free, max_free_run, num_1block, num_2block, max_block;
} py_gc_info;
void py_gc_info_get(py_gc_info *info);
void py_gc_lock(void); /* heap_lock(): allocation raises MemoryError */
void py_gc_unlock(void);
size_t py_gc_region_count(void);
void py_gc_region_info(size_t i, uintptr_t *start, size_t *total, size_t *free); /* free may be NULL: O(1) */
void py_gc_dump_layout(void (*out)(void *ctx, const char *s, size_t n), void *ctx);

#define py_new(T) ((T *)py_gc_alloc(sizeof(T)))
#define py_new_var(T, ItemT, n) ((T *)py_gc_alloc(sizeof(T) + sizeof(ItemT) * (n)))

/* ---------------------------------------------------------------- interned names (qstr.c) */

/* Static qstrs are the generated enum: Q_name for the identifier `name`
 * (Q___init__ is "__init__", Q_ is ""), QA_name for "<name>" (QA_module is
 * "<module>"). py/gen_defs.py collects every such token in the sources, so
 * writing Q_foo in C is all it takes to have "foo" interned at build time.
 * Q_NULL (0) is no name. Runtime qstrs are appended in pools on the heap.
 * Hash and length are kept so dictionaries never rehash. */
py_qstr py_qstr_from(const char *s, size_t len); /* interns (may allocate) */
py_qstr py_qstr_from_cstr(const char *s);
py_qstr py_qstr_find(const char *s, size_t len); /* Q_NULL (0) if not interned */
const char *py_qstr_str(py_qstr q);
size_t py_qstr_len(py_qstr q);
uint32_t py_qstr_hash(py_qstr q);
const char *py_qstr_data(py_qstr q, size_t *len);
uint32_t py_hash_bytes(const char *s, size_t len); /* the str/bytes hash */
size_t py_qstr_count(void);
void py_qstr_info(size_t *n_pool, size_t *n_qstr, size_t *n_bytes, size_t *n_total);

/* ---------------------------------------------------------------- output */

/* Where print() and repr() write: a byte sink. */
typedef struct py_print {
    void *ctx;
    void (*write)(void *ctx, const char *s, size_t n);
} py_print;

enum { PY_PRINT_STR = 0, PY_PRINT_REPR = 1 };

extern const py_print py_print_stdout; /* sys.stdout of the port */
extern const py_print py_print_stderr;
void py_print_str(const py_print *out, const char *s);
void py_print_strn(const py_print *out, const char *s, size_t n);
void py_print_value(const py_print *out, py_val v, int kind);
/* printf-like: %d %u %ld %lu %zu %x %c %s %.*s %p, and
 *   %q  a py_qstr (cast uint16_t names: (py_qstr)type->name), %v  py_val as str(),
 *   %r  py_val as repr(), %T  type name of a py_val */
int py_printf(const py_print *out, const char *fmt, ...);
int py_vprintf(const py_print *out, const char *fmt, va_list ap);

/* ---------------------------------------------------------------- growable byte buffer (buf.c) */

/* The one buffer type: bytes on the heap that grow. */
typedef struct py_buf {
    char *data;
    size_t len, alloc;
} py_buf;

void py_buf_init(py_buf *b, size_t cap);
void py_buf_add(py_buf *b, const char *s, size_t n);
void py_buf_add_str(py_buf *b, const char *s);
void py_buf_add_byte(py_buf *b, char c);
void py_buf_add_char(py_buf *b, uint32_t codepoint); /* as UTF-8 */
char *py_buf_extend(py_buf *b, size_t n);           /* room for n more bytes */
void py_buf_printf(py_buf *b, const char *fmt, ...);
void py_print_to_buf(py_print *out, py_buf *b); /* a py_print that appends to b */
py_val py_buf_to_str(py_buf *b);                /* consumes the buffer */
py_val py_buf_to_bytes(py_buf *b);

/* ---------------------------------------------------------------- exceptions (nlr) */

/* Raising is a longjmp to the innermost handler. Locals changed inside a
 * py_try body and read in its else branch must be volatile.
 *
 *     py_nlr nlr;
 *     py_try(nlr) {
 *         ... code that may raise ...
 *         py_nlr_pop();
 *     } else {
 *         py_val exc = nlr.exc;  // the handler is already unlinked
 *     }
 */
typedef struct py_nlr {
    struct py_nlr *prev;
    py_val exc;
    jmp_buf jb;
} py_nlr;

void py_nlr_link(py_nlr *nlr);
void py_nlr_pop(void);
_Noreturn void py_nlr_jump(py_val exc);
#define py_try(nlr)                                                                       \
    py_nlr_link(&(nlr));                                                                   \
    if (setjmp((nlr).jb) == 0)

/* Exception objects. */
typedef struct py_exc {
    py_head head;
    py_val args;      /* tuple */
    py_val traceback; /* PY_NULL or a small list of (file, line, function) words */
    py_val cause, context;
    py_val dict;      /* instance attributes of user subclasses, or PY_NULL */
} py_exc;

_Noreturn void py_raise(py_val exc); /* exc: an instance or an exception type */
_Noreturn void py_raise_msg(const py_type *type, const char *fmt, ...);
_Noreturn void py_raise_type(const py_type *type); /* no arguments */
_Noreturn void py_raise_oserror(int errnum);       /* OSError(errnum) as MicroPython */
_Noreturn void py_raise_memory_error(void); /* works with a full heap */
_Noreturn void py_raise_type_error(const char *fmt, ...);
_Noreturn void py_raise_value_error(const char *fmt, ...);
_Noreturn void py_raise_syntax_error(py_qstr file, size_t line, const char *msg);
py_val py_exc_new(const py_type *type, size_t n_args, const py_val *args);
py_val py_exc_new_msg(const py_type *type, const char *fmt, ...);
bool py_exc_matches(py_val exc, py_val type_or_tuple);
void py_exc_add_traceback(py_val exc, py_qstr file, size_t line, py_qstr block);
void py_print_exception(const py_print *out, py_val exc); /* traceback + message */
py_val py_exc_arg0(py_val exc);                          /* args[0] or None */

/* Checks the C stack against the limit; raises RuntimeError("maximum recursion
 * depth exceeded") when it runs out. Call in every recursive path. */
void py_stack_check(void);
void py_stack_set_limit(size_t bytes);
size_t py_stack_usage(void);

/* Deliver pending asynchronous events (KeyboardInterrupt from Ctrl-C, scheduled
 * callbacks). The VM calls it on backward jumps and calls; long C loops do too. */
void py_handle_pending(void);
extern volatile int py_pending; /* non-zero when something is pending */
void py_set_pending_exception(py_val exc); /* safe from a signal handler */
/* Only the pending exception (Ctrl-C), no scheduled calls: for long C loops
 * that hold pointers into objects a scheduled call could change. */
void py_check_interrupt(void);
/* micropython.schedule: queues fun(arg) for the next py_handle_pending, one
 * call at a time, never inside another scheduled call; false when the queue
 * is full. Never allocates. py_init makes the queue (py_schedule_init). */
#define PY_SCHEDULE_DEPTH 8
bool py_schedule(py_val fun, py_val arg);
void py_schedule_init(void);

/* ---------------------------------------------------------------- operators */

typedef enum py_binop {
    /* comparisons: the slot returns PY_TRUE/PY_FALSE, or PY_NULL if unsupported */
    PY_BINOP_LT, PY_BINOP_GT, PY_BINOP_EQ, PY_BINOP_LE, PY_BINOP_GE, PY_BINOP_NE,
    PY_BINOP_IN, PY_BINOP_NOT_IN, PY_BINOP_IS, PY_BINOP_IS_NOT, PY_BINOP_EXC_MATCH,
    /* in-place operators, in the same order as the plain ones below */
    PY_BINOP_IOR, PY_BINOP_IXOR, PY_BINOP_IAND, PY_BINOP_ILSHIFT, PY_BINOP_IRSHIFT,
    PY_BINOP_IADD, PY_BINOP_ISUB, PY_BINOP_IMUL, PY_BINOP_IMATMUL, PY_BINOP_IFLOORDIV,
    PY_BINOP_ITRUEDIV, PY_BINOP_IMOD, PY_BINOP_IPOW,
    PY_BINOP_OR, PY_BINOP_XOR, PY_BINOP_AND, PY_BINOP_LSHIFT, PY_BINOP_RSHIFT,
    PY_BINOP_ADD, PY_BINOP_SUB, PY_BINOP_MUL, PY_BINOP_MATMUL, PY_BINOP_FLOORDIV,
    PY_BINOP_TRUEDIV, PY_BINOP_MOD, PY_BINOP_POW,
    PY_BINOP_DIVMOD,   /* divmod(): the slot returns a 2-tuple */
    PY_BINOP_CONTAINS, /* slot(container, item): PY_TRUE/PY_FALSE; what `in` calls */
    /* reflected forms, tried on the right operand: same order as OR..POW */
    PY_BINOP_ROR, PY_BINOP_RXOR, PY_BINOP_RAND, PY_BINOP_RLSHIFT, PY_BINOP_RRSHIFT,
    PY_BINOP_RADD, PY_BINOP_RSUB, PY_BINOP_RMUL, PY_BINOP_RMATMUL, PY_BINOP_RFLOORDIV,
    PY_BINOP_RTRUEDIV, PY_BINOP_RMOD, PY_BINOP_RPOW,
    PY_BINOP_COUNT
} py_binop;
#define PY_BINOP_INPLACE_TO_PLAIN(op) ((op) + (PY_BINOP_OR - PY_BINOP_IOR))
#define PY_BINOP_PLAIN_TO_REFLECTED(op) ((op) + (PY_BINOP_ROR - PY_BINOP_OR))

typedef enum py_unop {
    PY_UNOP_POS, PY_UNOP_NEG, PY_UNOP_INVERT, PY_UNOP_NOT,
    PY_UNOP_BOOL, /* slot returns PY_TRUE/PY_FALSE */
    PY_UNOP_LEN,  /* slot returns a small int */
    PY_UNOP_HASH, /* slot returns a small int */
    PY_UNOP_ABS,
    PY_UNOP_INT,   /* int(x) for objects with __int__ */
    PY_UNOP_FLOAT, /* float(x) for objects with __float__ */
    PY_UNOP_SIZEOF,
    PY_UNOP_COUNT
} py_unop;

/* ---------------------------------------------------------------- types */

typedef struct py_buffer {
    void *buf;
    size_t len;
    char typecode; /* 'B' for bytes; array/memoryview typecodes otherwise */
} py_buffer;
enum { PY_BUFFER_READ = 1, PY_BUFFER_WRITE = 2, PY_BUFFER_RW = 3 };

/* Stream protocol for files, StringIO, UART, sockets. Results are byte counts,
 * or PY_STREAM_ERROR with *err set to an errno value. */
#define PY_STREAM_ERROR ((size_t)-1)
typedef struct py_stream_proto {
    size_t (*read)(py_val self, void *buf, size_t size, int *err);
    size_t (*write)(py_val self, const void *buf, size_t size, int *err);
    py_val (*ioctl)(py_val self, uintptr_t request, uintptr_t arg, int *err);
    bool is_text;
} py_stream_proto;
/* ioctl requests; PY_NULL with *err set means failure. */
enum {
    PY_STREAM_FLUSH = 1, /* returns PY_NONE */
    PY_STREAM_SEEK = 2,  /* arg: py_stream_seek *, its offset becomes the new position */
    PY_STREAM_POLL = 3,  /* arg: PY_POLL_* events asked for; returns PY_SMALL(ready ones) */
    PY_STREAM_CLOSE = 4, /* returns PY_NONE */
};
typedef struct py_stream_seek {
    long long offset;
    int whence; /* 0 start, 1 current position, 2 end */
} py_stream_seek;
/* Poll events (select.POLLIN ...); ERR, HUP and NVAL are reported unasked. */
enum { PY_POLL_IN = 1, PY_POLL_OUT = 4, PY_POLL_ERR = 8, PY_POLL_HUP = 16, PY_POLL_NVAL = 32 };

typedef enum py_type_flags {
    PY_TYPE_FLAG_BASETYPE = 1,       /* may be subclassed from Python */
    PY_TYPE_FLAG_EQ_IS_IDENTITY = 2, /* == is `is`: lets dict lookups skip the slot */
    PY_TYPE_FLAG_HEAP = 4,           /* made by a class statement */
    PY_TYPE_FLAG_ITER_IS_SELF = 8,   /* getiter returns self */
    PY_TYPE_FLAG_HAS_SPECIAL = 16,   /* user class defining special methods */
    PY_TYPE_FLAG_EXCEPTION = 32,     /* BaseException or a subclass */
} py_type_flags;

/* Attribute slot protocol, for `attr(self, name, dest)`:
 *   load:   dest[0] == PY_NULL on entry. Set dest[0] = value; or, for a method,
 *           dest[0] = function and dest[1] = self (no bound-method object is made).
 *           Leave dest[0] == PY_NULL to fall through to the type's locals.
 *   store:  dest[0] == PY_SENTINEL, dest[1] = value. Set dest[0] = PY_NULL when done.
 *   delete: dest[0] == PY_SENTINEL, dest[1] == PY_NULL. Set dest[0] = PY_NULL when done.
 *
 * Subscript slot `subscr(self, index, value)`: value == PY_SENTINEL loads and
 * returns the item, value == PY_NULL deletes, any other value stores; store and
 * delete return PY_NONE. Return PY_NULL if the operation is unsupported.
 *
 * Calls everywhere use one convention: args[0..n_args) are positional, followed
 * by n_kw pairs (key as a qstr value, value). */
struct py_type {
    py_head head; /* &py_type_type */
    uint16_t name; /* qstr */
    uint16_t flags;
    void (*print)(const py_print *out, py_val self, int kind);
    py_val (*make_new)(const py_type *type, size_t n_args, size_t n_kw, const py_val *args);
    py_val (*call)(py_val self, size_t n_args, size_t n_kw, const py_val *args);
    py_val (*unary_op)(py_unop op, py_val self);
    py_val (*binary_op)(py_binop op, py_val lhs, py_val rhs);
    void (*attr)(py_val self, py_qstr name, py_val *dest);
    py_val (*subscr)(py_val self, py_val index, py_val value);
    py_val (*getiter)(py_val self);
    py_val (*iternext)(py_val self); /* returns PY_STOP when exhausted */
    bool (*get_buffer)(py_val self, py_buffer *buf, int flags); /* false: no buffer */
    void (*finalise)(py_val self); /* with PY_GC_FINALISE allocations */
    const void *protocol;          /* e.g. py_stream_proto */
    const py_type *base;           /* single base, or NULL for object */
    py_val bases;                  /* tuple of bases when more than one, else PY_NULL */
    py_val locals;                 /* a dict (static ones are fixed maps) or PY_NULL */
};

const py_type *py_type_of(py_val v);
bool py_is_type(py_val v, const py_type *t); /* exact type */
bool py_isinstance(py_val v, const py_type *t); /* including subclasses */
bool py_is_subclass(const py_type *sub, const py_type *base);
const char *py_type_name(py_val v);

extern const py_type py_type_type, py_type_object, py_type_none, py_type_bool,
    py_type_int, py_type_float, py_type_complex, py_type_str, py_type_bytes,
    py_type_bytearray, py_type_memoryview, py_type_list, py_type_tuple, py_type_dict,
    py_type_set, py_type_frozenset, py_type_range, py_type_slice, py_type_ellipsis,
    py_type_notimplemented, py_type_function, py_type_builtin_function,
    py_type_bound_method, py_type_closure, py_type_generator, py_type_module,
    py_type_property, py_type_staticmethod, py_type_classmethod, py_type_super,
    py_type_enumerate, py_type_zip, py_type_map, py_type_filter, py_type_reversed,
    py_type_cell, py_type_code, py_type_dict_view;

/* The exception hierarchy. */
extern const py_type py_type_BaseException, py_type_Exception, py_type_SystemExit,
    py_type_KeyboardInterrupt, py_type_GeneratorExit, py_type_StopIteration,
    py_type_StopAsyncIteration, py_type_ArithmeticError, py_type_OverflowError,
    py_type_ZeroDivisionError, py_type_AssertionError, py_type_AttributeError,
    py_type_EOFError, py_type_ImportError, py_type_LookupError, py_type_IndexError,
    py_type_KeyError, py_type_MemoryError, py_type_NameError, py_type_OSError,
    py_type_RuntimeError, py_type_NotImplementedError, py_type_SyntaxError,
    py_type_IndentationError, py_type_TypeError, py_type_ValueError,
    py_type_UnicodeError;

/* ---------------------------------------------------------------- maps and dicts (map.c) */

/* The hash table behind dict, module globals, instance attributes and type
 * locals. Entries are kept in insertion order; a separate index (bytes,
 * shorts or words, by size) finds them. Small maps have no index and are
 * searched linearly. A fixed map is a static const table and is never written. */
typedef struct py_map_entry {
    py_val key, value; /* key == PY_NULL: a deleted entry */
} py_map_entry;

typedef struct py_map {
    size_t used;        /* entries in use (excluding deleted) */
    size_t filled : 8 * sizeof(size_t) - 2; /* entries written, deleted included */
    size_t is_fixed : 1;
    size_t all_qstr : 1; /* every key is a qstr: lookups compare words only */
    size_t alloc;       /* entries allocated */
    py_map_entry *table;
    void *index; /* NULL for small maps */
} py_map;

typedef enum {
    PY_MAP_LOOKUP,
    PY_MAP_ADD_IF_MISSING, /* returns the entry, value PY_NULL if it was added */
    PY_MAP_REMOVE,         /* returns a copy of the removed entry in a static slot */
} py_map_op;

void py_map_init(py_map *m, size_t cap);
void py_map_init_fixed(py_map *m, const py_map_entry *table, size_t n);
/* Returns the entry, or NULL when op is LOOKUP/REMOVE and the key is absent.
 * The key's hash and equality follow Python (1 == 1.0 == True). */
py_map_entry *py_map_lookup(py_map *m, py_val key, py_map_op op);
py_map_entry *py_map_lookup_qstr(py_map *m, py_qstr key, py_map_op op);
void py_map_store(py_map *m, py_val key, py_val value);
void py_map_clear(py_map *m);
size_t py_map_next(const py_map *m, size_t pos); /* iterate: returns index+1, 0 at end */

typedef struct py_dict {
    py_head head;
    py_map map;
} py_dict;

/* A statically defined fixed dict, e.g. a type's method table:
 *   static const py_map_entry list_locals_table[] = {
 *       { PY_QSTR(Q_append), PY_OBJ(&list_append_obj) }, ...
 *   };
 *   PY_DEFINE_FIXED_DICT(list_locals, list_locals_table);
 * then `.locals = PY_OBJ(&list_locals)` in the type. */
#define PY_DEFINE_FIXED_DICT(name, table)                                                 \
    const py_dict name = {                                                                 \
        {&py_type_dict},                                                                   \
        {sizeof(table) / sizeof((table)[0]), sizeof(table) / sizeof((table)[0]), 1, 1,    \
         sizeof(table) / sizeof((table)[0]), (py_map_entry *)(table), NULL}}

py_val py_dict_new(size_t cap);
py_val py_dict_get(py_val dict, py_val key); /* PY_NULL if absent */
void py_dict_store(py_val dict, py_val key, py_val value);
py_val py_dict_delete(py_val dict, py_val key); /* KeyError if absent */
py_map *py_dict_map(py_val dict);

/* ---------------------------------------------------------------- constructors and accessors */

/* int (objint.c): small when it fits, else a big int object. */
py_val py_int_from_i64(long long n);
py_val py_int_from_u64(unsigned long long n);
py_val py_int_from_str(const char *s, size_t len, int base); /* ValueError on bad text */
py_val py_int_from_float(py_float_t f);                       /* truncates; OverflowError on inf/nan */
bool py_is_int(py_val v);                                      /* int or bool */
py_int_t py_get_int(py_val v);  /* int or bool; TypeError, OverflowError if too big */
long long py_get_i64(py_val v); /* int or bool; OverflowError if out of range */
bool py_get_int_maybe(py_val v, py_int_t *out); /* false if not an int that fits */
py_int_t py_get_index(py_val v); /* __index__-like: int or bool, TypeError otherwise */
/* Wraps a Python index into [0, len): negative counts from the end; IndexError
 * with "<what> index out of range" if outside. */
size_t py_get_index_in(py_val index, size_t len, const char *what);

/* float and complex (objfloat.c, objcomplex.c) */
py_val py_float_new(py_float_t f);
py_float_t py_get_float(py_val v); /* int, bool or float; TypeError otherwise */
bool py_get_float_maybe(py_val v, py_float_t *out);
py_val py_complex_new(py_float_t real, py_float_t imag);
void py_get_complex(py_val v, py_float_t *real, py_float_t *imag);
/* format(value, spec): the engine behind format(), str.format and f-strings
 * (strformat.c). spec is a str. */
py_val py_format(py_val value, py_val spec);
/* pow(base, exp, mod) for ints (objint.c). */
py_val py_int_pow3(py_val base, py_val exp, py_val mod);
/* Formats like repr(float): shortest text that reads back the same. */
void py_format_float(py_buf *out, py_float_t f, char fmt, int precision, int flags);

/* str and bytes (objstr.c): UTF-8 inside. A str is either a qstr value or a
 * heap object; both read through py_str_data. */
py_val py_str_new(const char *s, size_t len); /* copies; s must be valid UTF-8 */
py_val py_str_from_cstr(const char *s);
py_val py_str_intern(py_val str); /* the qstr form of a str value */
const char *py_str_data(py_val s, size_t *len); /* str or bytes: the bytes */
bool py_is_str(py_val v);
bool py_is_bytes_like(py_val v); /* bytes, bytearray or anything with a buffer */
const char *py_get_str(py_val v, size_t *len); /* TypeError if not str */
py_val py_bytes_new(const void *data, size_t len);
py_val py_bytearray_new(const void *data, size_t len);
bool py_get_buffer(py_val v, py_buffer *buf, int flags);
void py_get_buffer_or_raise(py_val v, py_buffer *buf, int flags);
py_val py_repr(py_val v); /* repr() as a str */
py_val py_ascii(py_val v); /* ascii(): repr with non-ASCII characters escaped */
py_val py_str_of(py_val v); /* str() as a str */

/* tuple and list (objtuple.c, objlist.c) */
typedef struct py_tuple {
    py_head head;
    size_t len;
    py_val items[];
} py_tuple;
typedef struct py_list {
    py_head head;
    size_t len, alloc;
    py_val *items;
} py_list;
py_val py_tuple_new(size_t n, const py_val *items); /* items may be NULL: all None */
py_val py_tuple2(py_val a, py_val b);
py_val py_list_new(size_t n, const py_val *items); /* items may be NULL: all None */
void py_list_append(py_val list, py_val item);
/* Items and length of a tuple or list without copying (TypeError otherwise). */
void py_get_array(py_val seq, size_t *len, py_val **items);
/* As py_get_array, but accepts any iterable (makes a tuple when needed). */
void py_get_array_any(py_val seq, size_t *len, py_val **items);

/* set (objset.c) */
py_val py_set_new(size_t n, const py_val *items);
void py_set_add(py_val set, py_val item);

/* slice and range (objslice.c, objrange.c) */
typedef struct py_slice {
    py_head head;
    py_val start, stop, step;
} py_slice;
py_val py_slice_new(py_val start, py_val stop, py_val step);
/* Resolves a slice against a length (Python's slice.indices); returns the
 * number of items selected. step is never 0 (ValueError). */
size_t py_slice_indices(py_val slice, size_t len, py_int_t *start, py_int_t *stop,
                        py_int_t *step);

/* ---------------------------------------------------------------- functions and modules */

/* A function implemented in C. Defined statically:
 *   static py_val list_append(py_val self, py_val item) { ... }
 *   PY_DEFINE_FUN_2(list_append_obj, list_append);
 * FUN_0..FUN_3 take exactly that many positional arguments. FUN_VAR takes
 * between min and max positional ones (max PY_ARGS_MAX for no limit). FUN_KW
 * takes (n_args, args, kw) with the keyword arguments in a map. */
typedef struct py_builtin_fun {
    py_head head;
    uint16_t n_min, n_max;
    uint8_t kind;
    union {
        py_val (*f0)(void);
        py_val (*f1)(py_val);
        py_val (*f2)(py_val, py_val);
        py_val (*f3)(py_val, py_val, py_val);
        py_val (*fvar)(size_t n_args, const py_val *args);
        py_val (*fkw)(size_t n_args, const py_val *args, py_map *kw);
    } fn;
} py_builtin_fun;
enum { PY_FUN_0, PY_FUN_1, PY_FUN_2, PY_FUN_3, PY_FUN_VAR, PY_FUN_KW };
#define PY_ARGS_MAX 0xffff

#define PY_DEFINE_FUN_0(obj, f)                                                           \
    const py_builtin_fun obj = {{&py_type_builtin_function}, 0, 0, PY_FUN_0, {.f0 = f}}
#define PY_DEFINE_FUN_1(obj, f)                                                           \
    const py_builtin_fun obj = {{&py_type_builtin_function}, 1, 1, PY_FUN_1, {.f1 = f}}
#define PY_DEFINE_FUN_2(obj, f)                                                           \
    const py_builtin_fun obj = {{&py_type_builtin_function}, 2, 2, PY_FUN_2, {.f2 = f}}
#define PY_DEFINE_FUN_3(obj, f)                                                           \
    const py_builtin_fun obj = {{&py_type_builtin_function}, 3, 3, PY_FUN_3, {.f3 = f}}
#define PY_DEFINE_FUN_VAR(obj, min, max, f)                                               \
    const py_builtin_fun obj = {{&py_type_builtin_function}, min, max, PY_FUN_VAR,        \
                                {.fvar = f}}
#define PY_DEFINE_FUN_KW(obj, min, f)                                                     \
    const py_builtin_fun obj = {{&py_type_builtin_function}, min, PY_ARGS_MAX, PY_FUN_KW, \
                                {.fkw = f}}

/* staticmethod / classmethod wrappers for static method tables. */
typedef struct py_method_wrapper {
    py_head head;
    py_val fun;
} py_method_wrapper;
#define PY_DEFINE_STATICMETHOD(obj, fun_obj)                                              \
    const py_method_wrapper obj = {{&py_type_staticmethod}, PY_OBJ(&(fun_obj))}
#define PY_DEFINE_CLASSMETHOD(obj, fun_obj)                                               \
    const py_method_wrapper obj = {{&py_type_classmethod}, PY_OBJ(&(fun_obj))}

/* Argument parsing for C functions with keywords. */
enum { PY_ARG_REQUIRED = 1, PY_ARG_KW_ONLY = 2 };
typedef struct py_arg_spec {
    uint16_t name; /* qstr */
    uint16_t flags;
    py_val def; /* default when not given (PY_NULL: left PY_NULL) */
} py_arg_spec;
/* Fills out[0..n_spec) from positional args then keywords; TypeError for
 * missing, duplicate or unexpected arguments. */
void py_parse_args(size_t n_args, const py_val *args, py_map *kw, size_t n_spec,
                   const py_arg_spec *spec, py_val *out);
/* Same for the raw calling convention (n_kw pairs after the positionals). */
void py_parse_args_raw(size_t n_args, size_t n_kw, const py_val *args, size_t n_spec,
                       const py_arg_spec *spec, py_val *out);
void py_check_nargs(size_t n_args, size_t n_kw, size_t min, size_t max, bool takes_kw);

/* Modules. A built-in module is a static object whose globals are a fixed dict,
 * registered with one line anywhere in a source file:
 *   PY_REGISTER_MODULE(Q_math, py_module_math);
 * The build collects these lines into the table of built-in modules. */
typedef struct py_module {
    py_head head;
    py_val globals; /* dict, with __name__ */
} py_module;
#define PY_DEFINE_MODULE(obj, globals_dict)                                               \
    const py_module obj = {{&py_type_module}, PY_OBJ(&(globals_dict))}
#define PY_REGISTER_MODULE(qstr_name, module_obj) /* collected by py/gen_defs.py */
/* A static qstr whose text is not an identifier: PY_QSTR_DEF(Q_sys_version,
 * "3.4.0; campy 0.1.0") makes Q_sys_version stand for that text. */
#define PY_QSTR_DEF(qstr_name, text) /* collected by py/gen_defs.py */
/* A built-in module attribute whose value is made at run time and kept in a
 * root word of py_st (sys.argv, sys.path ...): put PY_OBJ(&ref) in the
 * module's table, where ref is PY_DEFINE_STATE_REF(ref, field). */
typedef struct py_state_ref {
    py_head head;
    size_t offset; /* of the py_val in py_state */
} py_state_ref;
extern const py_type py_type_state_ref;
#define PY_DEFINE_STATE_REF(obj, field)                                                   \
    const py_state_ref obj = {{&py_type_state_ref}, offsetof(py_state, field)}
/* The value a module dict entry stands for (resolves state refs). */
py_val py_module_entry_value(py_val v);
py_val py_module_new(py_qstr name);
py_val py_module_globals(py_val module);
py_val py_import(py_qstr name, py_val fromlist, int level); /* __import__ */
py_val py_import_name(const char *dotted); /* import a.b.c; returns the top module */
py_val py_builtin_module_find(py_qstr name); /* PY_NULL if not built in */
/* The built-in modules by index, for listings (help('modules'), completion). */
size_t py_builtin_module_count(void);
py_qstr py_builtin_module_name(size_t i);
extern const py_builtin_fun py_io_open_obj; /* open(), in the builtins (lib/modio.c) */

/* ---------------------------------------------------------------- runtime operations (runtime.c) */

py_val py_call(py_val fun, size_t n_args, size_t n_kw, const py_val *args);
py_val py_call0(py_val fun);
py_val py_call1(py_val fun, py_val a);
py_val py_call2(py_val fun, py_val a, py_val b);
/* Calls with a method pair from py_load_method: dest[0]=fun, dest[1]=self or PY_NULL. */
py_val py_call_method(const py_val *dest, size_t n_args, size_t n_kw, const py_val *args);
py_val py_call_method_name(py_val obj, py_qstr name, size_t n_args, const py_val *args);
bool py_is_callable(py_val v);

py_val py_getattr(py_val obj, py_qstr name);           /* AttributeError if missing */
py_val py_getattr_maybe(py_val obj, py_qstr name);     /* PY_NULL if missing */
void py_setattr(py_val obj, py_qstr name, py_val value);
void py_delattr(py_val obj, py_qstr name);
void py_load_method(py_val obj, py_qstr name, py_val *dest); /* AttributeError */
void py_load_method_maybe(py_val obj, py_qstr name, py_val *dest); /* dest[0]=PY_NULL */
/* Looks a name up in a type's locals and its bases (no instance lookup). */
py_val py_type_lookup(const py_type *type, py_qstr name);

py_val py_unary_op(py_unop op, py_val v);
py_val py_binary_op(py_binop op, py_val lhs, py_val rhs);
bool py_equal(py_val a, py_val b);
bool py_truthy(py_val v);
py_int_t py_hash(py_val v); /* TypeError for unhashable */
size_t py_len(py_val v);    /* TypeError if no len */
py_val py_len_maybe(py_val v); /* PY_NULL if no len */
py_val py_subscr_load(py_val obj, py_val index);
void py_subscr_store(py_val obj, py_val index, py_val value);
void py_subscr_delete(py_val obj, py_val index);
py_val py_getiter(py_val v);  /* TypeError if not iterable */
py_val py_iternext(py_val it); /* PY_STOP when exhausted */
py_val py_iternext_or_raise(py_val it); /* raises StopIteration */

/* ---------------------------------------------------------------- the interpreter */

/* What the core needs from the port it runs on. The port fills this in
 * before py_init(). */
typedef struct py_port {
    void (*write_stdout)(const char *s, size_t n);
    void (*write_stderr)(const char *s, size_t n);
    /* Pushes buffered standard output out (flush=True, sys.stdout.flush());
     * may be NULL when output is unbuffered. */
    void (*flush_stdout)(void);
    /* For import: 0 no such path, 1 a file, 2 a directory. */
    int (*import_stat)(const char *path);
    /* The whole file as a bytes object, or PY_NULL if it cannot be read. */
    py_val (*read_file)(const char *path);
    /* Reads up to n bytes of standard input (input(), sys.stdin); 0 at end of
     * input. Blocks; returns early with what it has when Ctrl-C is pending. */
    size_t (*read_stdin)(char *buf, size_t n);
    /* input(): shows the prompt and reads one line with the port's own echo
     * and editing (a board's UART does not echo), returning it as a str
     * without the line end; raises EOFError or KeyboardInterrupt. NULL:
     * input() reads standard input up to "\n". */
    py_val (*read_line)(const char *prompt, size_t len);
    /* What help() with no argument prints; NULL: campy's general text. */
    const char *help_text;
} py_port;
extern py_port py_port_hooks;

/* Global interpreter state. Every py_val in the `roots` part is a GC root. */
typedef struct py_state {
    /* roots */
    py_val modules;      /* dict: sys.modules */
    py_val builtins;     /* dict: the builtins module's globals */
    py_val main_globals; /* dict: __main__ */
    py_val sys_path, sys_argv;
    py_val pending_exc; /* delivered by py_handle_pending */
    py_val qstr_pools;  /* chain of runtime qstr pools */
    py_val scheduled;   /* micropython.schedule queue */
    py_val vm_stack;    /* the VM's frame stack (first chunk; vm.c) */
    py_val extra[16];   /* for the port and lib/ modules that need roots */
    py_val roots_end;
    /* not roots */
    py_nlr *nlr_top;
    char *stack_top;
    size_t stack_limit;
    int opt_level;
    bool emit_native;
} py_state;
extern py_state py_st;

void py_init(void); /* after regions were added with py_gc_add_region */
void py_deinit(void);
void py_stack_set_top(void *top); /* the base of the C stack, for GC and limits */

/* Compiles and runs source. mode: PY_INPUT_FILE (statements), PY_INPUT_SINGLE
 * (the REPL: expression values are printed), PY_INPUT_EVAL (one expression).
 * Raises the Python exception that ended it; SyntaxError for bad source. */
enum { PY_INPUT_FILE, PY_INPUT_SINGLE, PY_INPUT_EVAL };
py_val py_compile(const char *src, size_t len, py_qstr filename, int mode);
py_val py_exec_code(py_val code, py_val globals, py_val locals);
py_val py_exec_str(const char *src, size_t len, py_qstr filename, int mode, py_val globals,
                   py_val locals);
/* True when src is an incomplete statement (open bracket, `if x:` without a
 * body ...): a REPL shows "... " and reads another line. */
bool py_repl_continue_with_input(const char *src, size_t len);

#endif /* CAMPY_H */
