/*
 * vm.c - the bytecode interpreter: the frame stack, the dispatch loop and
 * exception unwinding.
 *
 * One dispatch loop (vm_loop) runs a chain of frames: a call from Python to a
 * Python function pushes a frame on the frame stack and carries on in the
 * same loop, and its return pops it, so Python-to-Python calls cost no C
 * recursion. Calls that come from C (py_call on a function, generators being
 * resumed, class bodies) enter vm_execute, which holds the one py_try of that
 * C level: an exception raised anywhere in its frames lands there, and
 * vm_unwind looks for a handler frame by frame, adding a traceback entry for
 * each frame it leaves.
 *
 * The frame stack is a chain of heap chunks reached from py_st.vm_stack, so
 * the collector sees every live frame. Its total size is bounded, which turns
 * runaway recursion into RuntimeError rather than a full heap.
 *
 * Within a frame, f->pc is stored at the start of every instruction: after a
 * longjmp it tells the line for the traceback, and it is where a suspended
 * generator or a calling frame stands. The value stack pointer lives in a
 * local; handlers restore it from the block stack.
 *
 * What makes it quick: small-int, float and str operators done in the loop;
 * a compare followed by its conditional jump taken in one step; global and
 * module-level names found through per-name hints into the dict; attribute
 * and method lookups cached per name (vm_attr_*), checked against the
 * object's type and the class version; generators iterated by FOR_ITER run
 * in the same loop.
 */
#include <string.h>

#include "objtype.h"
#include "vm.h"

/* ---------------------------------------------------------------- the frame stack */

typedef struct vm_chunk {
    struct vm_chunk *prev, *next; /* next: a spare kept after deep calls return */
    py_val *end;
    py_val data[];
} vm_chunk;

#define VM_FIRST_CHUNK_WORDS 512
/* Generators resumed by FOR_ITER in the dispatch loop use no C stack; this
 * bounds how deep a chain of them gets before resuming goes through C (and
 * its recursion check). */
#define VM_MAX_INLINE_GENS 2000
/* The frame stack may take a quarter of the heap, within these bounds: the
 * upper one keeps runaway recursion (and the traceback it makes) short on a
 * big heap, at a few thousand frames as in CPython. */
#define VM_MIN_STACK_LIMIT (8 * 1024)
#define VM_MAX_STACK_LIMIT (512 * 1024)

static py_val vm_no_chunk[1];
static vm_chunk *vm_chunk_cur;       /* chunk holding vm_top */
static py_val *vm_top = vm_no_chunk; /* first free word */
static py_val *vm_end = vm_no_chunk; /* end of the current chunk */
static py_frame *vm_cur;             /* innermost running frame */
static unsigned vm_inline_gens;      /* generators resumed by FOR_ITER in the loop */
static bool vm_reraise;              /* the raise in flight keeps its traceback */

static vm_chunk *vm_bottom(void) { return (vm_chunk *)py_ptr(py_st.vm_stack); }

/* After py_deinit/py_init the statics may point into an old heap. */
static void vm_check_reset(void) {
    if (vm_cur == NULL && vm_chunk_cur != NULL && vm_bottom() == NULL) {
        vm_chunk_cur = NULL;
        vm_top = vm_end = vm_no_chunk;
    }
    if (vm_cur == NULL) {
        vm_inline_gens = 0;
    }
}

static size_t vm_stack_limit(void) {
    size_t total = 0;
    for (size_t i = 0; i < py_gc_region_count(); i++) {
        uintptr_t start;
        size_t bytes;
        py_gc_region_info(i, &start, &bytes, NULL);
        total += bytes;
    }
    size_t limit = total / 4;
    return limit < VM_MIN_STACK_LIMIT   ? VM_MIN_STACK_LIMIT
           : limit > VM_MAX_STACK_LIMIT ? VM_MAX_STACK_LIMIT
                                        : limit;
}

_Noreturn static void vm_recursion_error(void) {
    py_raise_msg(&py_type_RuntimeError, "maximum recursion depth exceeded");
}

/* A chunk for at least `words` after cur: twice cur's size when the limit
 * and the heap allow, smaller when they do not. */
static vm_chunk *vm_chunk_new(vm_chunk *cur, size_t words) {
    size_t size = cur != NULL ? 2 * (size_t)(cur->end - cur->data) : VM_FIRST_CHUNK_WORDS;
    if (size < words) {
        size = words;
    }
    if (cur != NULL) {
        size_t used = 0;
        for (vm_chunk *c = cur; c != NULL; c = c->prev) {
            used += (size_t)((char *)c->end - (char *)c->data);
        }
        size_t limit = vm_stack_limit();
        size_t room = limit > used ? (limit - used) / sizeof(py_val) : 0;
        if (room < words) {
            vm_recursion_error();
        }
        if (size > room) {
            size = room;
        }
    }
    bool collected = false;
    for (;;) {
        vm_chunk *c = py_gc_try_alloc(sizeof(vm_chunk) + size * sizeof(py_val));
        if (c == NULL && !collected) {
            py_gc_collect();
            collected = true;
            c = py_gc_try_alloc(sizeof(vm_chunk) + size * sizeof(py_val));
        }
        if (c != NULL) {
            c->prev = cur;
            c->next = NULL;
            c->end = c->data + size;
            return c;
        }
        if (size == words) {
            break;
        }
        size = size / 2 > words ? size / 2 : words;
    }
    if (cur == NULL) {
        py_raise_memory_error(); /* not even the first frame fits */
    }
    vm_recursion_error();
}

static py_frame *vm_frame_push_slow(size_t words) {
    vm_check_reset();
    vm_chunk *cur = vm_chunk_cur;
    vm_chunk *next = cur != NULL ? cur->next : vm_bottom();
    if (next == NULL || (size_t)(next->end - next->data) < words) {
        if (cur != NULL) {
            cur->next = NULL; /* the too-small spare goes */
        } else {
            py_st.vm_stack = PY_NULL;
        }
        next = vm_chunk_new(cur, words);
        if (cur != NULL) {
            cur->next = next;
        } else {
            py_st.vm_stack = PY_OBJ(next);
        }
    }
    py_frame *f = (py_frame *)next->data;
    f->before_chunk = cur;
    f->before_top = vm_top;
    f->flags = PY_FRAME_ON_STACK | PY_FRAME_NEW_CHUNK;
    vm_chunk_cur = next;
    vm_top = next->data + words;
    vm_end = next->end;
    f->end = vm_top;
    return f;
}

static inline py_frame *vm_frame_push(size_t bytes) {
    size_t words = (bytes + sizeof(py_val) - 1) / sizeof(py_val);
    py_val *p = vm_top;
    if ((size_t)(vm_end - p) > words) {
        py_frame *f = (py_frame *)p;
        f->before_chunk = vm_chunk_cur;
        f->before_top = p;
        f->flags = PY_FRAME_ON_STACK;
        vm_top = p + words;
        f->end = vm_top;
        return f;
    }
    return vm_frame_push_slow(words);
}

static void vm_frame_pop_chunk(py_frame *f) {
    vm_chunk *c = f->before_chunk;
    vm_chunk *spare = c != NULL ? c->next : vm_bottom();
    if (spare != NULL) {
        spare->next = NULL; /* keep one spare chunk, let deeper ones go */
    }
    if (c == NULL) {
        vm_chunk_cur = NULL;
        vm_top = vm_end = vm_no_chunk;
    } else {
        vm_chunk_cur = c;
        vm_top = f->before_top;
        vm_end = c->end;
    }
}

/* The collector scans the frame stack's chunks whole: what a finished frame
 * held must not keep objects alive, so its values are wiped. */
static inline void vm_frame_wipe(py_frame *f) {
    f->fun = NULL;
    f->locals = PY_NULL;
    memset(f->slots, 0, (size_t)((char *)f->end - (char *)f->slots));
}

/* Frames are made in zeroed memory (py_vm_frame_init relies on it): above
 * vm_top the chunks are all zero, so a popped frame is wiped whole. */
static inline void vm_frame_pop(py_frame *f) {
    if (f->flags & PY_FRAME_NEW_CHUNK) {
        vm_frame_pop_chunk(f);
    } else {
        vm_top = f->before_top;
    }
    memset((void *)f, 0, (size_t)((char *)f->end - (char *)f));
}

/* Drops every frame above the frame-stack position (c, top), wiping what
 * they held: above vm_top the chunks are always zero. */
static void vm_stack_cut_to(vm_chunk *c, py_val *top) {
    if (vm_chunk_cur == c) {
        if (vm_top > top) {
            memset(top, 0, (size_t)((char *)vm_top - (char *)top));
        }
    } else if (vm_chunk_cur != NULL) {
        /* the frames went on into later chunks */
        if (c != NULL) {
            memset(top, 0, (size_t)((char *)c->end - (char *)top));
        }
        for (vm_chunk *later = c != NULL ? c->next : vm_bottom(); later != NULL;
             later = later->next) {
            bool last = later == vm_chunk_cur;
            py_val *hi = last ? vm_top : later->end;
            memset(later->data, 0, (size_t)((char *)hi - (char *)later->data));
            if (last) {
                later->next = NULL;
                break;
            }
        }
    }
    vm_chunk_cur = c;
    vm_top = top;
    vm_end = c != NULL ? c->end : vm_no_chunk;
}

/* Drops every frame-stack frame above f; f itself stays. */
static void vm_stack_cut_above(py_frame *f) {
    vm_chunk *c = f->before_chunk;
    if (f->flags & PY_FRAME_NEW_CHUNK) {
        c = c != NULL ? c->next : vm_bottom();
    }
    vm_stack_cut_to(c, f->end);
}

/* ---------------------------------------------------------------- helpers */

static inline const py_type *vm_type(py_val v) {
    return py_is_obj(v) ? ((const py_head *)py_ptr(v))->type : py_type_of(v);
}

static inline uint32_t vm_u32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
#define U16(p) ((unsigned)(p)[0] | ((unsigned)(p)[1] << 8))

static size_t vm_line(const py_frame *f) {
    return py_code_line(f->code, (size_t)(f->pc - f->code->bytecode));
}

static py_qstr vm_slot_name(const py_frame *f, size_t n) {
    return f->code->slot_names != NULL ? f->code->slot_names[n] : Q_;
}

_Noreturn static void vm_unbound_local(const py_frame *f, size_t n) {
    py_raise_msg(&py_type_NameError,
                 "cannot access local variable '%q' where it is not associated with a value",
                 vm_slot_name(f, n));
}

_Noreturn static void vm_unbound_deref(const py_frame *f, size_t n) {
    const py_code *code = f->code;
    if (n >= (size_t)code->n_locals + code->n_cells) {
        py_raise_msg(&py_type_NameError,
                     "cannot access free variable '%q' where it is not associated with a value"
                     " in enclosing scope",
                     vm_slot_name(f, n));
    }
    vm_unbound_local(f, n);
}

_Noreturn static void vm_name_error(py_qstr name) {
    py_raise_msg(&py_type_NameError, "name '%q' is not defined", name);
}

_Noreturn static void vm_internal_error(const char *what) {
    py_raise_msg(&py_type_RuntimeError, "bad bytecode: %s", what);
}

/* ---- small int fast paths: PY_NULL when the runtime has to do it */

#if defined(__GNUC__)
#define vm_mul_overflow(x, y, r) __builtin_mul_overflow(x, y, r)
#else
static bool vm_mul_overflow(py_int_t x, py_int_t y, py_int_t *r) {
    const py_int_t lim = (py_int_t)1 << (PY_SMALL_BITS / 2 - 1);
    if (x <= -lim || x >= lim || y <= -lim || y >= lim) {
        return true;
    }
    *r = x * y;
    return false;
}
#endif

static inline py_val vm_small_binop(unsigned op, py_val a, py_val b) {
    py_int_t x = py_small_value(a), y = py_small_value(b), r;
    switch (op) {
    case PY_BINOP_ADD:
    case PY_BINOP_IADD:
        r = x + y;
        break;
    case PY_BINOP_SUB:
    case PY_BINOP_ISUB:
        r = x - y;
        break;
    case PY_BINOP_MUL:
    case PY_BINOP_IMUL:
        if (vm_mul_overflow(x, y, &r)) {
            return PY_NULL;
        }
        break;
    case PY_BINOP_LT:
        return PY_BOOL(x < y);
    case PY_BINOP_GT:
        return PY_BOOL(x > y);
    case PY_BINOP_EQ:
        return PY_BOOL(x == y);
    case PY_BINOP_LE:
        return PY_BOOL(x <= y);
    case PY_BINOP_GE:
        return PY_BOOL(x >= y);
    case PY_BINOP_NE:
        return PY_BOOL(x != y);
    case PY_BINOP_AND:
    case PY_BINOP_IAND:
        return PY_SMALL(x & y);
    case PY_BINOP_OR:
    case PY_BINOP_IOR:
        return PY_SMALL(x | y);
    case PY_BINOP_XOR:
    case PY_BINOP_IXOR:
        return PY_SMALL(x ^ y);
    case PY_BINOP_FLOORDIV:
    case PY_BINOP_IFLOORDIV:
        if (y == 0) {
            return PY_NULL;
        }
        r = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0))) {
            r--;
        }
        break;
    case PY_BINOP_MOD:
    case PY_BINOP_IMOD:
        if (y == 0) {
            return PY_NULL;
        }
        r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) {
            r += y;
        }
        break;
    case PY_BINOP_RSHIFT:
    case PY_BINOP_IRSHIFT:
        if (y < 0) {
            return PY_NULL;
        }
        r = y >= (py_int_t)PY_SMALL_BITS ? (x < 0 ? -1 : 0) : x >> y;
        break;
    case PY_BINOP_LSHIFT:
    case PY_BINOP_ILSHIFT:
        if (y < 0 || y >= (py_int_t)PY_SMALL_BITS) {
            return PY_NULL;
        }
        r = (py_int_t)((uintptr_t)x << y);
        if ((r >> y) != x) {
            return PY_NULL;
        }
        break;
    default:
        return PY_NULL;
    }
    return PY_SMALL_FITS(r) ? PY_SMALL(r) : PY_NULL;
}

/* ---- float fast paths. The VM reads float objects directly; the layout is
 * objfloat.c's, checked once at start (vm_float_check) so that a change
 * there turns the fast path off rather than making it wrong. */

typedef struct vm_float {
    py_head head;
    py_float_t value;
} vm_float;

static int vm_float_layout; /* 0 not checked, 1 as above, -1 different */

static void vm_float_check(void) {
    py_val v = py_float_new((py_float_t)1.5);
    vm_float_layout = vm_type(v) == &py_type_float &&
                              py_gc_block_bytes(py_ptr(v)) >= sizeof(vm_float) &&
                              ((vm_float *)py_ptr(v))->value == (py_float_t)1.5
                          ? 1
                          : -1;
}

static inline bool vm_is_float(py_val v) {
    return py_is_obj(v) && ((const py_head *)py_ptr(v))->type == &py_type_float;
}

/* Small ints that convert to a float exactly compare and mix the same way
 * as Python's exact int/float rules. */
#if PY_FLOAT_SINGLE
#define VM_FLOAT_EXACT_INT (1LL << 24)
#else
#define VM_FLOAT_EXACT_INT (1LL << 53)
#endif

static inline bool vm_float_operand(py_val v, py_float_t *out) {
    if (vm_is_float(v)) {
        *out = ((const vm_float *)py_ptr(v))->value;
        return true;
    }
    if (py_is_small(v)) {
        long long i = py_small_value(v);
        if (i >= -VM_FLOAT_EXACT_INT && i <= VM_FLOAT_EXACT_INT) {
            *out = (py_float_t)i;
            return true;
        }
    }
    return false;
}

static py_val vm_float_binop(unsigned op, py_val a, py_val b) {
    py_float_t x, y;
    if (!(vm_is_float(a) || vm_is_float(b)) || !vm_float_operand(a, &x) ||
        !vm_float_operand(b, &y)) {
        return PY_NULL;
    }
    switch (op) {
    case PY_BINOP_ADD:
    case PY_BINOP_IADD:
        return py_float_new(x + y);
    case PY_BINOP_SUB:
    case PY_BINOP_ISUB:
        return py_float_new(x - y);
    case PY_BINOP_MUL:
    case PY_BINOP_IMUL:
        return py_float_new(x * y);
    case PY_BINOP_TRUEDIV:
    case PY_BINOP_ITRUEDIV:
        return y == 0 ? PY_NULL : py_float_new(x / y);
    case PY_BINOP_LT:
        return PY_BOOL(x < y);
    case PY_BINOP_GT:
        return PY_BOOL(x > y);
    case PY_BINOP_EQ:
        return PY_BOOL(x == y);
    case PY_BINOP_LE:
        return PY_BOOL(x <= y);
    case PY_BINOP_GE:
        return PY_BOOL(x >= y);
    case PY_BINOP_NE:
        return PY_BOOL(x != y);
    default:
        return PY_NULL;
    }
}

static inline bool vm_is_str(py_val v) {
    return py_is_qstr(v) || (py_is_obj(v) && ((const py_head *)py_ptr(v))->type == &py_type_str);
}

/* Comparisons of two exact strs: UTF-8 byte order is code point order. */
static py_val vm_str_compare(unsigned op, py_val a, py_val b) {
    if (op > PY_BINOP_NE) { /* LT ... NE are the first operators */
        return PY_NULL;
    }
    size_t la, lb;
    const char *sa = py_str_data(a, &la);
    const char *sb = py_str_data(b, &lb);
    if (op == PY_BINOP_EQ || op == PY_BINOP_NE) {
        bool eq = la == lb && memcmp(sa, sb, la) == 0;
        return PY_BOOL(op == PY_BINOP_EQ ? eq : !eq);
    }
    int c = memcmp(sa, sb, la < lb ? la : lb);
    if (c == 0) {
        c = la < lb ? -1 : la > lb ? 1 : 0;
    }
    switch (op) {
    case PY_BINOP_LT:
        return PY_BOOL(c < 0);
    case PY_BINOP_GT:
        return PY_BOOL(c > 0);
    case PY_BINOP_LE:
        return PY_BOOL(c <= 0);
    default:
        return PY_BOOL(c >= 0);
    }
}

/* The operators the VM does itself; PY_NULL leaves it to py_binary_op. */
static inline py_val vm_fast_binop(unsigned op, py_val a, py_val b) {
    if (py_is_qstr(a) && py_is_qstr(b)) {
        /* interned strings are equal exactly when they are the same name */
        if (op == PY_BINOP_EQ) {
            return PY_BOOL(a == b);
        }
        if (op == PY_BINOP_NE) {
            return PY_BOOL(a != b);
        }
    }
    if (vm_is_str(a) && vm_is_str(b)) {
        return vm_str_compare(op, a, b);
    }
    if (op == PY_BINOP_IS) {
        return PY_BOOL(a == b);
    }
    if (op == PY_BINOP_IS_NOT) {
        return PY_BOOL(a != b);
    }
    if (vm_float_layout > 0) {
        return vm_float_binop(op, a, b);
    }
    return PY_NULL;
}

static inline bool vm_truthy(py_val v) {
    if (v == PY_TRUE) {
        return true;
    }
    if (v == PY_FALSE || v == PY_NONE) {
        return false;
    }
    if (py_is_small(v)) {
        return v != PY_SMALL(0);
    }
    return py_truthy(v);
}

/* ---------------------------------------------------------------- names */

#define HINT_BUILTIN 0x80000000u

static inline bool vm_dict_exact(py_val d) { return vm_type(d) == &py_type_dict; }

/* Looks key up in a map using and refreshing a hint (entry index + 1). */
static inline py_map_entry *vm_map_find(py_map *m, py_val key, uint32_t *hint) {
    uint32_t h = *hint & ~HINT_BUILTIN;
    if (h != 0 && h - 1 < m->filled && m->table[h - 1].key == key) {
        return &m->table[h - 1];
    }
    py_map_entry *e = py_map_lookup(m, key, PY_MAP_LOOKUP);
    if (e != NULL) {
        *hint = (uint32_t)(e - m->table) + 1;
    }
    return e;
}

static py_val vm_load_builtin(py_qstr name) {
    py_map_entry *e = py_map_lookup(py_dict_map(py_st.builtins), PY_QSTR(name), PY_MAP_LOOKUP);
    if (e == NULL) {
        vm_name_error(name);
    }
    return e->value;
}

static py_val vm_load_global(py_frame *f, unsigned k) {
    py_qstr name = f->code->names[k];
    py_val key = PY_QSTR(name);
    uint32_t *hint = &f->info->name_hint[k];
    py_map *gm = py_dict_map(f->globals);
    if (!(*hint & HINT_BUILTIN)) {
        py_map_entry *e = vm_map_find(gm, key, hint);
        if (e != NULL) {
            return e->value;
        }
    } else if (py_map_lookup(gm, key, PY_MAP_LOOKUP) != NULL) {
        *hint = 0;
        return vm_load_global(f, k);
    }
    py_map *bm = py_dict_map(py_st.builtins);
    uint32_t h = *hint & ~HINT_BUILTIN;
    if (h != 0 && h - 1 < bm->filled && bm->table[h - 1].key == key) {
        return bm->table[h - 1].value;
    }
    py_map_entry *e = py_map_lookup(bm, key, PY_MAP_LOOKUP);
    if (e == NULL) {
        vm_name_error(name);
    }
    *hint = HINT_BUILTIN | ((uint32_t)(e - bm->table) + 1);
    return e->value;
}

static py_val vm_load_name(py_frame *f, unsigned k) {
    py_qstr name = f->code->names[k];
    py_val key = PY_QSTR(name);
    py_val locals = f->locals;
    if (locals != PY_NULL && locals != f->globals) {
        if (vm_dict_exact(locals)) {
            py_map_entry *e = py_map_lookup(py_dict_map(locals), key, PY_MAP_LOOKUP);
            if (e != NULL) {
                return e->value;
            }
        } else {
            py_val v = PY_NULL;
            py_nlr nlr;
            py_try(nlr) {
                v = py_subscr_load(locals, key);
                py_nlr_pop();
            } else {
                if (!py_exc_matches(nlr.exc, PY_OBJ(&py_type_KeyError))) {
                    py_nlr_jump(nlr.exc);
                }
                v = PY_NULL;
            }
            if (v != PY_NULL) {
                return v;
            }
        }
    }
    return vm_load_global(f, k);
}

static void vm_store_name(py_frame *f, unsigned k, py_val v) {
    py_val key = PY_QSTR(f->code->names[k]);
    py_val locals = f->locals != PY_NULL ? f->locals : f->globals;
    if (!vm_dict_exact(locals)) {
        py_subscr_store(locals, key, v);
        return;
    }
    py_map *m = py_dict_map(locals);
    uint32_t *hint = &f->info->name_hint[k];
    uint32_t h = *hint & ~HINT_BUILTIN;
    if (locals == f->globals && h != 0 && h - 1 < m->filled && m->table[h - 1].key == key) {
        m->table[h - 1].value = v;
        return;
    }
    py_map_entry *e = py_map_lookup(m, key, PY_MAP_ADD_IF_MISSING);
    e->value = v;
    if (locals == f->globals) {
        *hint = (uint32_t)(e - m->table) + 1;
    }
}

static void vm_delete_name(py_frame *f, unsigned k, bool global) {
    py_qstr name = f->code->names[k];
    py_val ns = global || f->locals == PY_NULL ? f->globals : f->locals;
    if (!vm_dict_exact(ns)) {
        py_subscr_delete(ns, PY_QSTR(name));
        return;
    }
    if (py_map_lookup(py_dict_map(ns), PY_QSTR(name), PY_MAP_REMOVE) == NULL) {
        vm_name_error(name);
    }
}

static void vm_store_global(py_frame *f, unsigned k, py_val v) {
    py_val key = PY_QSTR(f->code->names[k]);
    py_map *m = py_dict_map(f->globals);
    uint32_t *hint = &f->info->name_hint[k];
    uint32_t h = *hint;
    if (!(h & HINT_BUILTIN) && h != 0 && h - 1 < m->filled && m->table[h - 1].key == key) {
        m->table[h - 1].value = v;
        return;
    }
    py_map_entry *e = py_map_lookup(m, key, PY_MAP_ADD_IF_MISSING);
    e->value = v;
    *hint = (uint32_t)(e - m->table) + 1;
}

/* ---------------------------------------------------------------- attribute caches
 *
 * obj.name on an instance of a class without built-in bases reads the
 * instance dict, unless the class has a data descriptor (a property) of that
 * name; obj.method finds a function in the class, unless the instance dict
 * has the name. What the slow path found is kept per name in the function's
 * info with the object's type and py_type_lookup_version, so the next time
 * only the instance dict is checked. */

enum {
    VM_ATTR_NONE,
    VM_ATTR_DICT,        /* value in the instance dict at `hint`; loads only */
    VM_ATTR_DICT_RW,     /* the same, and stores go straight to the dict too */
    VM_ATTR_CLASS,       /* a plain class attribute (`value`), not in the instance dict */
    VM_ATTR_METHOD,      /* a function of the class (`value`), not in the instance dict */
    VM_ATTR_TYPE_METHOD, /* a method of a built-in type (`value`) */
};

/* Each name has two caches, so a site that sees two classes (a method of
 * a base class called on two subclasses) still hits. */
static inline py_vm_attr_cache *vm_attr_pair(const py_frame *f, unsigned k) {
    unsigned i = f->info->attr_index[k];
    return i == PY_VM_NO_ATTR_CACHE ? NULL : &f->info->attr[2 * i];
}

/* The valid cache of the pair for objects of type t, or NULL. */
static inline py_vm_attr_cache *vm_attr_for(py_vm_attr_cache *pair, const py_type *t) {
    if (pair == NULL) {
        return NULL;
    }
    py_vm_attr_cache *c = pair[0].type == t ? &pair[0] : pair[1].type == t ? &pair[1] : NULL;
    return c != NULL && c->version == py_type_lookup_version ? c : NULL;
}

/* The cache to refill for type t: the one it had, else the older one goes. */
static py_vm_attr_cache *vm_attr_victim(py_vm_attr_cache *pair, const py_type *t) {
    if (pair == NULL) {
        return NULL;
    }
    if (pair[0].type == t) {
        return &pair[0];
    }
    if (pair[1].type != t) {
        pair[1] = pair[0];
    } else if (pair[0].version != py_type_lookup_version) {
        return &pair[1];
    }
    return &pair[0];
}

static inline py_val vm_instance_dict(py_val obj) {
    return ((const py_instance *)py_ptr(obj))->dict;
}

/* The value at an instance dict hint, or PY_NULL. */
static inline py_val vm_dict_at_hint(py_val dict, unsigned hint, py_val key) {
    if (dict == PY_NULL) {
        return PY_NULL;
    }
    py_map *m = py_dict_map(dict);
    if (hint - 1 < m->filled && m->table[hint - 1].key == key) {
        return m->table[hint - 1].value;
    }
    return PY_NULL;
}

static inline bool vm_dict_lacks(py_val dict, py_val key) {
    if (dict == PY_NULL) {
        return true;
    }
    py_map *m = py_dict_map(dict);
    if (m->index == NULL && m->all_qstr) {
        for (size_t i = 0; i < m->filled; i++) {
            if (m->table[i].key == key) {
                return false;
            }
        }
        return true;
    }
    return py_map_lookup(m, key, PY_MAP_LOOKUP) == NULL;
}

static bool vm_plain_class(const py_type *t) {
    return (t->flags & PY_TYPE_FLAG_HEAP) && ((const py_class *)t)->layout == PY_LAYOUT_PLAIN;
}

static bool vm_user_has(const py_type *t, py_qstr name) {
    const py_type *owner = NULL;
    return py_type_lookup_owner(t, name, &owner) != PY_NULL && owner != NULL &&
           (owner->flags & PY_TYPE_FLAG_HEAP);
}

/* A property, or an object whose class defines __set__ or __delete__. */
static bool vm_data_descriptor(py_val m) {
    const py_type *mt = vm_type(m);
    if (mt == &py_type_property) {
        return true;
    }
    return (mt->flags & PY_TYPE_FLAG_HEAP) && (py_type_lookup(mt, Q___set__) != PY_NULL ||
                                               py_type_lookup(mt, Q___delete__) != PY_NULL);
}

static void vm_attr_set(py_vm_attr_cache *c, const py_type *t, unsigned kind, py_val value,
                        size_t hint) {
    c->type = t;
    c->value = value;
    c->version = py_type_lookup_version;
    c->kind = (uint16_t)kind;
    c->hint = (uint16_t)hint;
}

/* After obj.name gave v the slow way: what can be cached. */
static void vm_attr_fill(py_vm_attr_cache *c, py_val obj, py_qstr name, py_val v) {
    c->type = NULL;
    if (!py_is_obj(obj) || name == Q___dict__ || name == Q___class__) {
        return;
    }
    const py_type *t = ((const py_head *)py_ptr(obj))->type;
    if (!vm_plain_class(t)) {
        return;
    }
    py_val member = py_type_lookup(t, name);
    if (member != PY_NULL && vm_data_descriptor(member)) {
        return;
    }
    py_val dict = vm_instance_dict(obj);
    if (dict != PY_NULL) {
        py_map *m = py_dict_map(dict);
        py_map_entry *e = py_map_lookup(m, PY_QSTR(name), PY_MAP_LOOKUP);
        if (e != NULL) {
            size_t index = (size_t)(e - m->table);
            if (e->value != v || index >= 0xfffe) {
                return;
            }
            bool rw = !vm_user_has(t, Q___setattr__) && !vm_user_has(t, Q___delattr__);
            vm_attr_set(c, t, rw ? VM_ATTR_DICT_RW : VM_ATTR_DICT, PY_NULL, index + 1);
            return;
        }
    }
    if (member != PY_NULL && member == v) {
        const py_type *mt = vm_type(member);
        if (!((mt->flags & PY_TYPE_FLAG_HEAP) && py_type_lookup(mt, Q___get__) != PY_NULL)) {
            vm_attr_set(c, t, VM_ATTR_CLASS, member, 0);
        }
    }
}

/* Where the instance dict holds key, as a hint (0: not there or too far). */
static inline uint16_t vm_hint_of(py_map *m, py_map_entry *e) {
    size_t index = e != NULL ? (size_t)(e - m->table) : 0xffff;
    return index < 0xfffe ? (uint16_t)(index + 1) : 0;
}

static py_val vm_load_attr(py_frame *f, unsigned k, py_val obj) {
    py_qstr name = f->code->names[k];
    py_vm_attr_cache *pair = vm_attr_pair(f, k);
    const py_type *t = py_is_obj(obj) ? ((const py_head *)py_ptr(obj))->type : NULL;
    py_vm_attr_cache *c = t != NULL ? vm_attr_for(pair, t) : NULL;
    if (c != NULL) {
        py_val dict = vm_instance_dict(obj);
        if (c->kind == VM_ATTR_CLASS) {
            if (vm_dict_lacks(dict, PY_QSTR(name))) {
                return c->value;
            }
        } else if ((c->kind == VM_ATTR_DICT || c->kind == VM_ATTR_DICT_RW) && dict != PY_NULL) {
            /* another instance of the class: its dict may be laid out otherwise */
            py_map *m = py_dict_map(dict);
            py_map_entry *e = py_map_lookup(m, PY_QSTR(name), PY_MAP_LOOKUP);
            if (e != NULL) {
                c->hint = vm_hint_of(m, e);
                return e->value;
            }
        }
    }
    py_val v = py_getattr(obj, name);
    if (t != NULL && pair != NULL) {
        vm_attr_fill(vm_attr_victim(pair, t), obj, name, v);
    }
    return v;
}

static void vm_store_attr(py_frame *f, unsigned k, py_val obj, py_val v) {
    py_qstr name = f->code->names[k];
    py_vm_attr_cache *pair = vm_attr_pair(f, k);
    const py_type *t = py_is_obj(obj) ? ((const py_head *)py_ptr(obj))->type : NULL;
    py_vm_attr_cache *c = t != NULL ? vm_attr_for(pair, t) : NULL;
    if (c != NULL && c->kind == VM_ATTR_DICT_RW) {
        /* the class lets stores of this name go straight to the instance dict */
        py_val dict = vm_instance_dict(obj);
        if (dict == PY_NULL) {
            py_setattr(obj, name, v); /* makes the dict */
            dict = vm_instance_dict(obj);
            if (dict == PY_NULL) {
                return;
            }
        }
        py_map *m = py_dict_map(dict);
        unsigned h = c->hint;
        if (h - 1 < m->filled && m->table[h - 1].key == PY_QSTR(name)) {
            m->table[h - 1].value = v;
            return;
        }
        py_map_entry *e = py_map_lookup(m, PY_QSTR(name), PY_MAP_ADD_IF_MISSING);
        e->value = v;
        c->hint = vm_hint_of(m, e);
        return;
    }
    py_setattr(obj, name, v);
    if (t != NULL && pair != NULL) {
        vm_attr_fill(vm_attr_victim(pair, t), obj, name, v);
    }
}

/* obj.name(...): dest[0] the function, dest[1] self or PY_NULL. */
static void vm_load_method(py_frame *f, unsigned k, py_val obj, py_val *dest) {
    py_qstr name = f->code->names[k];
    py_vm_attr_cache *pair = vm_attr_pair(f, k);
    const py_type *t = vm_type(obj);
    py_vm_attr_cache *c = vm_attr_for(pair, t);
    if (c != NULL) {
        if (c->kind == VM_ATTR_TYPE_METHOD ||
            (c->kind == VM_ATTR_METHOD && vm_dict_lacks(vm_instance_dict(obj), PY_QSTR(name)))) {
            dest[0] = c->value;
            dest[1] = obj;
            return;
        }
    }
    py_load_method(obj, name, dest);
    if (pair == NULL) {
        return;
    }
    c = vm_attr_victim(pair, t);
    c->type = NULL;
    if (dest[1] != obj || dest[0] != py_type_lookup(t, name)) {
        return;
    }
    const py_type *mt = vm_type(dest[0]);
    if (mt != &py_type_function && mt != &py_type_builtin_function) {
        return;
    }
    if (t->flags & PY_TYPE_FLAG_HEAP) {
        if (vm_plain_class(t)) {
            vm_attr_set(c, t, VM_ATTR_METHOD, dest[0], 0);
        }
    } else if (t->attr == NULL) {
        vm_attr_set(c, t, VM_ATTR_TYPE_METHOD, dest[0], 0);
    }
}

/* ---------------------------------------------------------------- instruction helpers */

_Noreturn static void vm_raise_value(py_val exc, py_val cause, bool with_cause) {
    const py_type *t = vm_type(exc);
    if (t == &py_type_type && (((const py_type *)py_ptr(exc))->flags & PY_TYPE_FLAG_EXCEPTION)) {
        exc = py_call(exc, 0, 0, NULL);
        t = vm_type(exc);
    }
    if (!(t->flags & PY_TYPE_FLAG_EXCEPTION)) {
        py_raise_type_error("exceptions must derive from BaseException");
    }
    if (with_cause) {
        const py_type *ct = vm_type(cause);
        if (ct == &py_type_type &&
            (((const py_type *)py_ptr(cause))->flags & PY_TYPE_FLAG_EXCEPTION)) {
            cause = py_call(cause, 0, 0, NULL);
        } else if (cause != PY_NONE && !(ct->flags & PY_TYPE_FLAG_EXCEPTION)) {
            py_raise_type_error("exception causes must derive from BaseException");
        }
        if (py_gc_is_heap_ptr(py_ptr(exc))) {
            ((py_exc *)py_ptr(exc))->cause = cause;
        }
    }
    py_nlr_jump(exc);
}

static py_val vm_handled_from(const py_frame *f) {
    for (; f != NULL; f = f->back) {
        if (f->n_exc > 0) {
            return f->excs[f->n_exc - 1];
        }
    }
    return PY_NULL;
}

_Noreturn static void vm_reraise_handled(const py_frame *f) {
    py_val exc = vm_handled_from(f);
    if (exc == PY_NULL) {
        py_raise_msg(&py_type_RuntimeError, "No active exception to reraise");
    }
    vm_reraise = true;
    py_nlr_jump(exc);
}

static void vm_unpack_error(size_t want, size_t got, bool at_least) {
    if (got > want && !at_least) {
        py_raise_value_error("too many values to unpack (expected %u)", (unsigned)want);
    }
    py_raise_value_error("not enough values to unpack (expected %s%u, got %u)",
                         at_least ? "at least " : "", (unsigned)want, (unsigned)got);
}

static bool vm_iterable(py_val v) {
    const py_type *t = vm_type(v);
    return t->getiter != NULL || py_type_lookup(t, Q___iter__) != PY_NULL ||
           py_type_lookup(t, Q___getitem__) != PY_NULL;
}

static void vm_check_unpackable(py_val seq) {
    if (!vm_iterable(seq)) {
        py_raise_type_error("cannot unpack non-iterable %s object", py_type_name(seq));
    }
}

/* Pushes seq's n items, item[0] on top. */
static py_val *vm_unpack_sequence(py_val *sp, py_val seq, size_t n) {
    const py_type *t = vm_type(seq);
    if (t == &py_type_tuple || t == &py_type_list) {
        size_t len;
        py_val *items;
        py_get_array(seq, &len, &items);
        if (len != n) {
            vm_unpack_error(n, len, false);
        }
        for (size_t i = n; i-- > 0;) {
            *++sp = items[i];
        }
        return sp;
    }
    vm_check_unpackable(seq);
    py_val it = py_getiter(seq);
    py_val *base = sp + 1; /* the items go in reverse: fill from the far end */
    for (size_t i = 0; i < n; i++) {
        py_val v = py_iternext(it);
        if (v == PY_STOP) {
            vm_unpack_error(n, i, false);
        }
        base[n - 1 - i] = v;
    }
    if (py_iternext(it) != PY_STOP) {
        vm_unpack_error(n, n + 1, false);
    }
    return sp + n;
}

static py_val *vm_unpack_ex(py_val *sp, py_val seq, unsigned before, unsigned after) {
    vm_check_unpackable(seq);
    py_val list = py_list_new(0, NULL);
    py_val it = py_getiter(seq);
    for (py_val v; (v = py_iternext(it)) != PY_STOP;) {
        py_list_append(list, v);
    }
    py_list *l = py_ptr(list);
    size_t len = l->len;
    if (len < (size_t)before + after) {
        vm_unpack_error((size_t)before + after, len, true);
    }
    py_val *base = sp + 1;
    size_t n_total = (size_t)before + 1 + after;
    /* stack (bottom to top): after items reversed, the middle list, before items reversed */
    for (unsigned i = 0; i < after; i++) {
        base[after - 1 - i] = l->items[len - after + i];
    }
    for (unsigned i = 0; i < before; i++) {
        base[n_total - 1 - i] = l->items[i];
    }
    py_val mid = py_list_new(len - before - after, l->items + before);
    base[after] = mid;
    return sp + n_total;
}

static bool vm_iterable(py_val v);

static void vm_list_extend(py_val list, py_val iterable) {
    const py_type *t = vm_type(iterable);
    if (!vm_iterable(iterable)) {
        py_raise_type_error("Value after * must be an iterable, not %s", py_type_name(iterable));
    }
    if (t == &py_type_tuple || t == &py_type_list) {
        size_t len;
        py_val *items;
        py_get_array(iterable, &len, &items);
        for (size_t i = 0; i < len; i++) {
            py_list_append(list, items[i]);
        }
        return;
    }
    py_val it = py_getiter(iterable);
    for (py_val v; (v = py_iternext(it)) != PY_STOP;) {
        py_list_append(list, v);
    }
}

static void vm_set_update(py_val set, py_val iterable) {
    py_val it = py_getiter(iterable);
    for (py_val v; (v = py_iternext(it)) != PY_STOP;) {
        py_set_add(set, v);
    }
}

/* Calls visit(ctx, key, value) for each item of a mapping. */
static void vm_mapping_items(py_val mapping, void (*visit)(void *, py_val, py_val), void *ctx) {
    if (py_isinstance(mapping, &py_type_dict)) {
        py_map *m = py_dict_map(mapping);
        for (size_t i = 0; (i = py_map_next(m, i)) != 0;) {
            visit(ctx, m->table[i - 1].key, m->table[i - 1].value);
        }
        return;
    }
    py_val keys_fun[2];
    py_load_method_maybe(mapping, Q_keys, keys_fun);
    if (keys_fun[0] == PY_NULL) {
        py_raise_type_error("'%s' object is not a mapping", py_type_name(mapping));
    }
    py_val keys = py_call_method(keys_fun, 0, 0, NULL);
    py_val it = py_getiter(keys);
    for (py_val k; (k = py_iternext(it)) != PY_STOP;) {
        visit(ctx, k, py_subscr_load(mapping, k));
    }
}

static void vm_dict_store_visit(void *ctx, py_val k, py_val v) {
    py_dict_store(*(py_val *)ctx, k, v);
}

static void vm_dict_update(py_val dict, py_val mapping) {
    vm_mapping_items(mapping, vm_dict_store_visit, &dict);
}

/* The name a call's errors give the function: f(), or the type's name. */
static const char *vm_callee_name(py_val fun) {
    py_val name = py_getattr_maybe(fun, Q___name__);
    size_t len;
    return name != PY_NULL && py_is_str(name) ? py_str_data(name, &len) : py_type_name(fun);
}

typedef struct vm_merge {
    py_val dict, fun;
} vm_merge;

static void vm_dict_merge_visit(void *ctx, py_val k, py_val v) {
    vm_merge *m = ctx;
    if (!py_is_str(k)) {
        py_raise_type_error("keywords must be strings");
    }
    py_map_entry *e = py_map_lookup(py_dict_map(m->dict), k, PY_MAP_ADD_IF_MISSING);
    if (e->value != PY_NULL) {
        size_t len;
        py_raise_type_error("%s() got multiple values for keyword argument '%s'",
                            vm_callee_name(m->fun), py_str_data(k, &len));
    }
    e->value = v;
}

/* DICT_MERGE: a call's **mapping into its keyword dict. */
static void vm_dict_merge(py_val fun, py_val dict, py_val mapping) {
    if (!py_isinstance(mapping, &py_type_dict) && py_getattr_maybe(mapping, Q_keys) == PY_NULL) {
        py_raise_type_error("%s() argument after ** must be a mapping, not %s",
                            vm_callee_name(fun), py_type_name(mapping));
    }
    vm_merge m = {dict, fun};
    vm_mapping_items(mapping, vm_dict_merge_visit, &m);
}

typedef struct vm_kw_builder {
    py_val *args;
    size_t n_kw;
} vm_kw_builder;

static void vm_kw_visit(void *ctx, py_val k, py_val v) {
    vm_kw_builder *b = ctx;
    if (!py_is_str(k)) {
        py_raise_type_error("keywords must be strings");
    }
    b->args[2 * b->n_kw] = py_str_intern(k);
    b->args[2 * b->n_kw + 1] = v;
    b->n_kw++;
}

/* CALL_FUNCTION_EX: the positional items and keyword pairs as one array. */
static const py_val *vm_ex_args(py_val fun, py_val seq, py_val kwargs, size_t *n_args,
                                size_t *n_kw) {
    size_t len;
    py_val *items;
    const py_type *t = vm_type(seq);
    if (t == &py_type_tuple || t == &py_type_list) {
        py_get_array(seq, &len, &items);
    } else {
        if (!vm_iterable(seq)) {
            py_val name = py_getattr_maybe(fun, Q___name__);
            py_raise_type_error("%s%s argument after * must be an iterable, not %s",
                                name != PY_NULL && py_is_str(name) ? py_str_data(name, &len)
                                                                   : "function",
                                name != PY_NULL ? "()" : "", py_type_name(seq));
        }
        py_get_array_any(seq, &len, &items);
    }
    *n_args = len;
    *n_kw = 0;
    if (kwargs == PY_NULL) {
        return items;
    }
    size_t kw_cap;
    if (py_isinstance(kwargs, &py_type_dict)) {
        kw_cap = py_dict_map(kwargs)->used;
    } else {
        kw_cap = py_len(kwargs);
    }
    py_val *args = py_gc_alloc((len + 2 * kw_cap + 2) * sizeof(py_val));
    if (len > 0) { /* an empty list's items may be NULL, which memcpy must not get */
        memcpy(args, items, len * sizeof(py_val));
    }
    vm_kw_builder b = {args + len, 0};
    vm_mapping_items(kwargs, vm_kw_visit, &b);
    if (b.n_kw > kw_cap) {
        py_raise_msg(&py_type_RuntimeError, "dictionary changed size during iteration");
    }
    *n_kw = b.n_kw;
    return args;
}

/* from module import *: the names in __all__, or every name not starting
 * with '_'. sys.modules may hold any object: then its __all__ or its
 * __dict__ serve, as in CPython. */
static void vm_import_star(py_frame *f, py_val module) {
    py_val ns = f->locals != PY_NULL ? f->locals : f->globals;
    py_val globals;
    py_val all_names = PY_NULL;
    if (py_is_type(module, &py_type_module)) {
        globals = py_module_globals(module);
        py_map_entry *all =
            py_map_lookup(py_dict_map(globals), PY_QSTR(Q___all__), PY_MAP_LOOKUP);
        all_names = all != NULL ? all->value : PY_NULL;
    } else {
        all_names = py_getattr_maybe(module, Q___all__);
        globals = py_getattr_maybe(module, Q___dict__);
        if (all_names == PY_NULL &&
            (globals == PY_NULL || !py_isinstance(globals, &py_type_dict))) {
            py_raise_msg(&py_type_ImportError,
                         "from-import-* object has no __dict__ and no __all__");
        }
    }
    if (all_names != PY_NULL) {
        py_val it = py_getiter(all_names);
        for (py_val name; (name = py_iternext(it)) != PY_STOP;) {
            py_val key = py_str_intern(name);
            py_subscr_store(ns, key, py_getattr(module, py_qstr_of(key)));
        }
        return;
    }
    py_map *m = py_dict_map(globals);
    for (size_t i = 0; (i = py_map_next(m, i)) != 0;) {
        py_val key = m->table[i - 1].key;
        size_t len;
        const char *s = py_is_str(key) ? py_str_data(key, &len) : "_";
        if (s[0] != '_') {
            py_subscr_store(ns, key, m->table[i - 1].value);
        }
    }
}

static py_val vm_import_from(py_val module, py_qstr name) {
    py_val v = py_getattr_maybe(module, name);
    if (v != PY_NULL) {
        return v;
    }
    /* a submodule imported since the package was: sys.modules["pkg.name"] */
    py_val mod_name = py_getattr_maybe(module, Q___name__);
    if (mod_name != PY_NULL && py_is_str(mod_name)) {
        py_buf b;
        size_t len;
        const char *s = py_str_data(mod_name, &len);
        py_buf_init(&b, len + 1 + py_qstr_len(name));
        py_buf_add(&b, s, len);
        py_buf_add_byte(&b, '.');
        py_buf_add_str(&b, py_qstr_str(name));
        py_val full = py_buf_to_str(&b);
        v = py_dict_get(py_st.modules, full);
        if (v != PY_NULL) {
            return v;
        }
        py_raise_msg(&py_type_ImportError, "cannot import name '%q' from '%v'", name, mod_name);
    }
    py_raise_msg(&py_type_ImportError, "cannot import name '%q'", name);
}

/* The REPL shows an expression statement's value and keeps it as `_`; the
 * builtins are a fixed table, so `_` goes into the globals of the code that
 * printed it (__main__ at the REPL). */
static void vm_print_expr(py_frame *f, py_val v) {
    if (v == PY_NONE) {
        return;
    }
    py_print_value(&py_print_stdout, v, PY_PRINT_REPR);
    py_print_str(&py_print_stdout, "\n");
    py_dict_store(f->globals, PY_QSTR(Q__), v);
}

static py_val vm_ascii(py_val v) { return py_ascii(v); }

static py_val vm_format_value(py_val v, unsigned conv, py_val spec) {
    switch (conv) {
    case 's':
        v = py_str_of(v);
        break;
    case 'r':
        v = py_repr(v);
        break;
    case 'a':
        v = vm_ascii(v);
        break;
    default:
        break;
    }
    size_t spec_len = 0;
    if (spec != PY_NULL) {
        py_get_str(spec, &spec_len);
    }
    if (spec_len == 0 && !(vm_type(v)->flags & PY_TYPE_FLAG_HEAP)) {
        /* format(v, '') is str(v) for the built-in types */
        return py_is_type(v, &py_type_str) || py_is_qstr(v) ? v : py_str_of(v);
    }
    if (spec == PY_NULL) {
        spec = PY_QSTR(Q_);
    }
    py_val fmt = py_dict_get(py_st.builtins, PY_QSTR(Q_format));
    if (fmt == PY_NULL) {
        return py_call_method_name(v, Q___format__, 1, &spec);
    }
    return py_call2(fmt, v, spec);
}

static py_val vm_build_string(const py_val *items, size_t n) {
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        py_get_str(items[i], &len);
        total += len;
    }
    py_buf b;
    py_buf_init(&b, total);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = py_str_data(items[i], &len);
        py_buf_add(&b, s, len);
    }
    return py_buf_to_str(&b);
}

/* SETUP_WITH: mgr -> exit_fun exit_self; returns the enter result. */
static py_val vm_with_enter(py_val mgr, py_val *exit_pair) {
    py_val enter[2];
    py_load_method_maybe(mgr, Q___enter__, enter);
    if (enter[0] != PY_NULL) {
        py_load_method_maybe(mgr, Q___exit__, exit_pair);
    }
    if (enter[0] == PY_NULL || exit_pair[0] == PY_NULL) {
        py_raise_type_error("'%s' object does not support the context manager protocol",
                            py_type_name(mgr));
    }
    return py_call_method(enter, 0, 0, NULL);
}

static py_val vm_with_exit(const py_val *exit_pair, py_val exc) {
    py_val args[3];
    if (exc == PY_NULL) {
        args[0] = args[1] = args[2] = PY_NONE;
    } else {
        args[0] = PY_OBJ(vm_type(exc));
        args[1] = exc;
        args[2] = PY_NONE;
    }
    return py_call_method(exit_pair, 3, 0, args);
}

static bool vm_is_generator(py_val v) { return vm_type(v) == &py_type_generator; }

/* BEFORE_ASYNC_WITH: mgr -> exit_fun exit_self; returns what __aenter__
 * returned, for the code to await. */
static py_val vm_async_with_enter(py_val mgr, py_val *exit_pair) {
    py_val enter[2];
    py_load_method_maybe(mgr, Q___aenter__, enter);
    if (enter[0] != PY_NULL) {
        py_load_method_maybe(mgr, Q___aexit__, exit_pair);
    }
    if (enter[0] == PY_NULL || exit_pair[0] == PY_NULL) {
        py_raise_type_error(
            "'%s' object does not support the asynchronous context manager protocol",
            py_type_name(mgr));
    }
    return py_call_method(enter, 0, 0, NULL);
}

/* GET_AITER: what __aiter__ returns must have __anext__, which the loop
 * then calls by name. */
static py_val vm_get_aiter(py_val obj) {
    py_val m[2];
    py_load_method_maybe(obj, Q___aiter__, m);
    if (m[0] == PY_NULL) {
        py_raise_type_error("'async for' requires an object with __aiter__ method, got %s",
                            py_type_name(obj));
    }
    py_val it = py_call_method(m, 0, 0, NULL);
    py_load_method_maybe(it, Q___anext__, m);
    if (m[0] == PY_NULL) {
        py_raise_type_error("'async for' received an object from __aiter__ that does not "
                            "implement __anext__: %s",
                            py_type_name(it));
    }
    return it;
}

static py_val vm_get_awaitable(py_val v) {
    if (vm_is_generator(v)) {
        return v;
    }
    py_val m[2];
    py_load_method_maybe(v, Q___await__, m);
    if (m[0] == PY_NULL) {
        py_raise_type_error("object %s can't be used in 'await' expression", py_type_name(v));
    }
    return py_call_method(m, 0, 0, NULL);
}

/* Sends v into the iterator a yield-from delegates to. */
static int vm_delegate_send(py_val it, py_val v, py_val *result) {
    if (vm_is_generator(it)) {
        return py_gen_resume(it, v, PY_NULL, result);
    }
    const py_type *t = vm_type(it);
    if (v == PY_NONE && t->iternext != NULL && !(t->flags & PY_TYPE_FLAG_HEAP)) {
        py_val r = t->iternext(it);
        if (r == PY_STOP) {
            *result = PY_NONE;
            return PY_VM_RETURN;
        }
        *result = r;
        return PY_VM_YIELD;
    }
    py_nlr nlr;
    py_try(nlr) {
        py_val r = v == PY_NONE ? py_call_method_name(it, Q___next__, 0, NULL)
                                : py_call_method_name(it, Q_send, 1, &v);
        py_nlr_pop();
        *result = r;
        return PY_VM_YIELD;
    } else {
        if (!py_exc_matches(nlr.exc, PY_OBJ(&py_type_StopIteration))) {
            py_nlr_jump(nlr.exc);
        }
        *result = py_exc_arg0(nlr.exc);
        return PY_VM_RETURN;
    }
}

/* Throws exc into the iterator a yield-from delegates to. Returns -1 when
 * the iterator has no throw(): the caller raises exc in its own frame. */
static int vm_delegate_throw(py_val it, py_val exc, py_val *result) {
    if (vm_is_generator(it)) {
        return py_gen_resume(it, PY_NONE, exc, result);
    }
    py_val m[2];
    py_load_method_maybe(it, Q_throw, m);
    if (m[0] == PY_NULL) {
        return -1;
    }
    py_nlr nlr;
    py_try(nlr) {
        py_val r = py_call_method(m, 1, 0, &exc);
        py_nlr_pop();
        *result = r;
        return PY_VM_YIELD;
    } else {
        if (!py_exc_matches(nlr.exc, PY_OBJ(&py_type_StopIteration))) {
            py_nlr_jump(nlr.exc);
        }
        *result = py_exc_arg0(nlr.exc);
        return PY_VM_RETURN;
    }
}

static void vm_delegate_close(py_val it) {
    if (vm_is_generator(it)) {
        py_call_method_name(it, Q_close, 0, NULL);
        return;
    }
    py_val m[2];
    py_load_method_maybe(it, Q_close, m);
    if (m[0] != PY_NULL) {
        py_call_method(m, 0, 0, NULL);
    }
}

/* ---------------------------------------------------------------- frames for calls */

static inline py_frame *vm_push_call(py_fun *fun, size_t n_args, size_t n_kw, const py_val *args) {
    py_vm_info *info = py_vm_fun_info(fun);
    py_frame *f = vm_frame_push(info->frame_bytes);
    py_vm_frame_init(f, fun->code, fun, fun->globals, PY_NULL, info);
    if (n_kw == 0 && n_args == info->simple_n_args) {
        for (size_t i = 0; i < n_args; i++) {
            f->slots[i] = args[i];
        }
    } else {
        py_vm_bind_args(f, fun, n_args, n_kw, args);
    }
    return f;
}

static py_val vm_make_generator(py_fun *fun, size_t n_args, size_t n_kw, const py_val *args) {
    py_vm_info *info = py_vm_fun_info(fun);
    py_gen *gen = py_gen_alloc(info->frame_bytes);
    py_frame *f = gen->frame;
    py_vm_frame_init(f, fun->code, fun, fun->globals, PY_NULL, info);
    f->flags = PY_FRAME_GENERATOR;
    f->end = (py_val *)((char *)f + info->frame_bytes);
    py_vm_bind_args(f, fun, n_args, n_kw, args);
    return PY_OBJ(gen);
}

/* ---------------------------------------------------------------- the dispatch loop */

/* The collector scans a frame's whole value stack, so what a call consumed
 * is cleared rather than left above the stack top to keep objects alive. */
static inline void vm_clear(py_val *from, py_val *to) {
    for (py_val *p = from; p <= to; p++) {
        *p = PY_NULL;
    }
}

#if defined(__GNUC__) && !defined(PY_VM_NO_COMPUTED_GOTO)
#define VM_COMPUTED_GOTO 1
#else
#define VM_COMPUTED_GOTO 0
#endif

#if VM_COMPUTED_GOTO
#define TARGET(op) L_##op:
#define DISPATCH()                                                                                 \
    do {                                                                                           \
        f->pc = pc;                                                                                \
        goto *vm_labels[*pc];                                                                      \
    } while (0)
#else
#define TARGET(op) case PY_OP_##op:
#define DISPATCH() goto dispatch
#endif

/* Stack items were just stored one word at a time; reading two of them as
 * one 16-byte vector (what the vectorizer likes to do for DUP_TOP_TWO and
 * ROT_TWO) stalls on store forwarding. An empty asm keeps the moves apart. */
#if defined(__GNUC__)
#define VM_WORD_BY_WORD() __asm__ volatile("" ::: "memory")
#else
#define VM_WORD_BY_WORD() ((void)0)
#endif

#define LOAD_FRAME()                                                                               \
    do {                                                                                           \
        pc = f->pc;                                                                                \
        sp = f->sp;                                                                                \
        slots = f->slots;                                                                          \
        consts = f->code->consts;                                                                  \
    } while (0)

#define ARG16 U16(pc + 1)
#define JUMP_TO(target)                                                                            \
    do {                                                                                           \
        const uint8_t *to_ = f->code->bytecode + (target);                                         \
        if (to_ <= pc && py_pending) {                                                             \
            py_handle_pending();                                                                   \
        }                                                                                          \
        pc = to_;                                                                                  \
    } while (0)

/* Runs from vm_cur until `entry` returns or yields; returns the value. */
static py_val vm_loop(py_frame *entry) {
    py_frame *f = vm_cur;
    const uint8_t *pc;
    py_val *sp;
    py_val *slots;
    const py_val *consts;
    /* a call being made: callee, its arguments, where the result goes */
    py_val call_fun;
    const py_val *call_args;
    size_t call_n, call_kw;
    py_val *call_ret, *call_top;
    py_val yielded;

    /* clang-format does not know that TARGET() opens a handler */
    // clang-format off
#if VM_COMPUTED_GOTO
#define VM_LABEL(name, fmt) &&L_##name,
#define VM_BAD16                                                                           \
    &&L_bad, &&L_bad, &&L_bad, &&L_bad, &&L_bad, &&L_bad, &&L_bad, &&L_bad, &&L_bad,      \
        &&L_bad, &&L_bad, &&L_bad, &&L_bad, &&L_bad, &&L_bad, &&L_bad,
    static const void *const vm_labels[PY_OP_COUNT + 256] = {
        PY_BC_OPCODES(VM_LABEL) VM_BAD16 VM_BAD16 VM_BAD16 VM_BAD16 VM_BAD16 VM_BAD16
            VM_BAD16 VM_BAD16 VM_BAD16 VM_BAD16 VM_BAD16 VM_BAD16 VM_BAD16 VM_BAD16
                VM_BAD16 VM_BAD16};
#undef VM_LABEL
#undef VM_BAD16
#endif

    LOAD_FRAME();
    DISPATCH();

#if !VM_COMPUTED_GOTO
dispatch:
    f->pc = pc;
    switch (*pc) {
#endif

    /* ---- constants and variables */
    TARGET(LOAD_CONST) {
        *++sp = consts[ARG16];
        pc += 3;
        DISPATCH();
    }
    TARGET(LOAD_SMALL_INT) {
        *++sp = PY_SMALL((int16_t)ARG16);
        pc += 3;
        DISPATCH();
    }
    TARGET(LOAD_NONE) {
        *++sp = PY_NONE;
        pc += 1;
        DISPATCH();
    }
    TARGET(LOAD_TRUE) {
        *++sp = PY_TRUE;
        pc += 1;
        DISPATCH();
    }
    TARGET(LOAD_FALSE) {
        *++sp = PY_FALSE;
        pc += 1;
        DISPATCH();
    }
    TARGET(LOAD_FAST) {
        unsigned n = ARG16;
        py_val v = slots[n];
        if (v == PY_NULL) {
            vm_unbound_local(f, n);
        }
        *++sp = v;
        pc += 3;
        DISPATCH();
    }
    TARGET(STORE_FAST) {
        slots[ARG16] = *sp--;
        pc += 3;
        DISPATCH();
    }
    TARGET(DELETE_FAST) {
        unsigned n = ARG16;
        if (slots[n] == PY_NULL) {
            vm_unbound_local(f, n);
        }
        slots[n] = PY_NULL;
        pc += 3;
        DISPATCH();
    }
    TARGET(LOAD_DEREF) {
        unsigned n = ARG16;
        py_val v = py_cell_get(slots[n]);
        if (v == PY_NULL) {
            vm_unbound_deref(f, n);
        }
        *++sp = v;
        pc += 3;
        DISPATCH();
    }
    TARGET(STORE_DEREF) {
        py_cell_set(slots[ARG16], *sp--);
        pc += 3;
        DISPATCH();
    }
    TARGET(DELETE_DEREF) {
        unsigned n = ARG16;
        if (py_cell_get(slots[n]) == PY_NULL) {
            vm_unbound_deref(f, n);
        }
        py_cell_set(slots[n], PY_NULL);
        pc += 3;
        DISPATCH();
    }
    TARGET(LOAD_CLOSURE) {
        *++sp = slots[ARG16];
        pc += 3;
        DISPATCH();
    }
    TARGET(LOAD_NAME) {
        py_val v = vm_load_name(f, ARG16);
        *++sp = v;
        pc += 3;
        DISPATCH();
    }
    TARGET(STORE_NAME) {
        vm_store_name(f, ARG16, *sp);
        sp--;
        pc += 3;
        DISPATCH();
    }
    TARGET(DELETE_NAME) {
        vm_delete_name(f, ARG16, false);
        pc += 3;
        DISPATCH();
    }
    TARGET(LOAD_GLOBAL) {
        unsigned k = ARG16;
        py_map *gm = py_dict_map(f->globals);
        uint32_t h = f->info->name_hint[k];
        py_val v;
        if (h - 1 < gm->filled && gm->table[h - 1].key == PY_QSTR(f->code->names[k])) {
            v = gm->table[h - 1].value; /* h == 0 or a builtins hint wraps past filled */
        } else {
            v = vm_load_global(f, k);
        }
        *++sp = v;
        pc += 3;
        DISPATCH();
    }
    TARGET(STORE_GLOBAL) {
        vm_store_global(f, ARG16, *sp);
        sp--;
        pc += 3;
        DISPATCH();
    }
    TARGET(DELETE_GLOBAL) {
        vm_delete_name(f, ARG16, true);
        pc += 3;
        DISPATCH();
    }
    TARGET(LOAD_ATTR) {
        unsigned k = ARG16;
        py_val obj = *sp;
        py_vm_attr_cache *c;
        if (py_is_obj(obj) &&
            (c = vm_attr_for(vm_attr_pair(f, k), ((const py_head *)py_ptr(obj))->type)) != NULL &&
            c->kind >= VM_ATTR_DICT && c->kind <= VM_ATTR_DICT_RW) {
            py_val v = vm_dict_at_hint(vm_instance_dict(obj), c->hint, PY_QSTR(f->code->names[k]));
            if (v != PY_NULL) {
                *sp = v;
                pc += 3;
                DISPATCH();
            }
        }
        *sp = vm_load_attr(f, k, obj);
        pc += 3;
        DISPATCH();
    }
    TARGET(STORE_ATTR) {
        vm_store_attr(f, ARG16, sp[0], sp[-1]);
        sp -= 2;
        pc += 3;
        DISPATCH();
    }
    TARGET(DELETE_ATTR) {
        py_delattr(sp[0], f->code->names[ARG16]);
        sp--;
        pc += 3;
        DISPATCH();
    }
    TARGET(LOAD_METHOD) {
        vm_load_method(f, ARG16, *sp, sp); /* the pair goes where obj was */
        sp++;
        pc += 3;
        DISPATCH();
    }
    TARGET(LOAD_SUBSCR) {
        py_val obj = sp[-1], index = sp[0];
        py_val r;
        if (py_is_small(index) && py_is_obj(obj)) {
            const py_type *t = ((const py_head *)py_ptr(obj))->type;
            py_int_t i = py_small_value(index);
            if (t == &py_type_list) {
                py_list *l = py_ptr(obj);
                if (i < 0) {
                    i += (py_int_t)l->len;
                }
                if (i >= 0 && (size_t)i < l->len) {
                    *--sp = l->items[i];
                    pc += 1;
                    DISPATCH();
                }
            } else if (t == &py_type_tuple) {
                py_tuple *tu = py_ptr(obj);
                if (i < 0) {
                    i += (py_int_t)tu->len;
                }
                if (i >= 0 && (size_t)i < tu->len) {
                    *--sp = tu->items[i];
                    pc += 1;
                    DISPATCH();
                }
            }
        }
        r = py_subscr_load(obj, index);
        *--sp = r;
        pc += 1;
        DISPATCH();
    }
    TARGET(STORE_SUBSCR) {
        py_val value = sp[-2], obj = sp[-1], index = sp[0];
        if (py_is_small(index) && py_is_obj(obj) &&
            ((const py_head *)py_ptr(obj))->type == &py_type_list) {
            py_list *l = py_ptr(obj);
            py_int_t i = py_small_value(index);
            if (i < 0) {
                i += (py_int_t)l->len;
            }
            if (i >= 0 && (size_t)i < l->len) {
                l->items[i] = value;
                sp -= 3;
                pc += 1;
                DISPATCH();
            }
        }
        py_subscr_store(obj, index, value);
        sp -= 3;
        pc += 1;
        DISPATCH();
    }
    TARGET(DELETE_SUBSCR) {
        py_subscr_delete(sp[-1], sp[0]);
        sp -= 2;
        pc += 1;
        DISPATCH();
    }
    TARGET(LOAD_BUILD_CLASS) {
        *++sp = vm_load_builtin(Q___build_class__);
        pc += 1;
        DISPATCH();
    }
    TARGET(LOAD_ASSERTION_ERROR) {
        *++sp = PY_OBJ(&py_type_AssertionError);
        pc += 1;
        DISPATCH();
    }

    /* ---- stack */
    TARGET(POP_TOP) {
        sp--;
        pc += 1;
        DISPATCH();
    }
    TARGET(ROT_TWO) {
        py_val t = sp[0];
        VM_WORD_BY_WORD();
        sp[0] = sp[-1];
        sp[-1] = t;
        pc += 1;
        DISPATCH();
    }
    TARGET(ROT_THREE) {
        py_val t = sp[0];
        sp[0] = sp[-1];
        sp[-1] = sp[-2];
        sp[-2] = t;
        pc += 1;
        DISPATCH();
    }
    TARGET(DUP_TOP) {
        sp[1] = sp[0];
        sp++;
        pc += 1;
        DISPATCH();
    }
    TARGET(DUP_TOP_TWO) {
        py_val b = sp[0];
        sp[2] = b;
        VM_WORD_BY_WORD();
        py_val a = sp[-1];
        sp[1] = a;
        sp += 2;
        pc += 1;
        DISPATCH();
    }

    /* ---- operators */
    TARGET(UNARY_OP) {
        unsigned op = ARG16;
        py_val v = *sp;
        if (op == PY_UNOP_NOT) {
            *sp = PY_BOOL(!vm_truthy(v));
        } else if (py_is_small(v) && op == PY_UNOP_NEG && v != PY_SMALL(PY_SMALL_MIN)) {
            *sp = PY_SMALL(-py_small_value(v));
        } else {
            *sp = py_unary_op((py_unop)op, v);
        }
        pc += 3;
        DISPATCH();
    }
    TARGET(BINARY_OP) {
        unsigned op = ARG16;
        py_val b = sp[0], a = sp[-1];
        py_val r;
        if ((a & b & 1) != 0 && (r = vm_small_binop(op, a, b)) != PY_NULL) {
            /* fast path done */
        } else if ((r = vm_fast_binop(op, a, b)) == PY_NULL) {
            r = py_binary_op((py_binop)op, a, b);
        }
        *--sp = r;
        pc += 3;
        /* a comparison is nearly always followed by a conditional jump */
        if (*pc == PY_OP_POP_JUMP_IF_FALSE && (r == PY_FALSE || r == PY_TRUE)) {
            f->pc = pc;
            sp--;
            if (r == PY_FALSE) {
                JUMP_TO(vm_u32(pc + 1));
            } else {
                pc += 5;
            }
        }
        DISPATCH();
    }

    /* ---- building */
    TARGET(BUILD_TUPLE) {
        unsigned n = ARG16;
        sp -= n;
        sp[1] = py_tuple_new(n, sp + 1);
        sp++;
        pc += 3;
        DISPATCH();
    }
    TARGET(BUILD_LIST) {
        unsigned n = ARG16;
        sp -= n;
        sp[1] = py_list_new(n, sp + 1);
        sp++;
        pc += 3;
        DISPATCH();
    }
    TARGET(BUILD_SET) {
        unsigned n = ARG16;
        sp -= n;
        sp[1] = py_set_new(n, sp + 1);
        sp++;
        pc += 3;
        DISPATCH();
    }
    TARGET(BUILD_MAP) {
        unsigned n = ARG16;
        *++sp = py_dict_new(n);
        pc += 3;
        DISPATCH();
    }
    TARGET(STORE_MAP) {
        py_dict_store(sp[-2], sp[-1], sp[0]);
        sp -= 2;
        pc += 1;
        DISPATCH();
    }
    TARGET(BUILD_SLICE) {
        unsigned n = ARG16;
        py_val r;
        if (n == 3) {
            r = py_slice_new(sp[-2], sp[-1], sp[0]);
            sp -= 2;
        } else {
            r = py_slice_new(sp[-1], sp[0], PY_NONE);
            sp -= 1;
        }
        *sp = r;
        pc += 3;
        DISPATCH();
    }
    TARGET(LIST_APPEND) {
        unsigned n = ARG16;
        py_list_append(sp[-(py_int_t)n], sp[0]);
        sp--;
        pc += 3;
        DISPATCH();
    }
    TARGET(SET_ADD) {
        unsigned n = ARG16;
        py_set_add(sp[-(py_int_t)n], sp[0]);
        sp--;
        pc += 3;
        DISPATCH();
    }
    TARGET(MAP_ADD) {
        unsigned n = ARG16;
        py_dict_store(sp[-(py_int_t)n], sp[-1], sp[0]);
        sp -= 2;
        pc += 3;
        DISPATCH();
    }
    TARGET(LIST_EXTEND) {
        vm_list_extend(sp[-1], sp[0]);
        sp--;
        pc += 1;
        DISPATCH();
    }
    TARGET(SET_UPDATE) {
        vm_set_update(sp[-1], sp[0]);
        sp--;
        pc += 1;
        DISPATCH();
    }
    TARGET(DICT_UPDATE) {
        vm_dict_update(sp[-1], sp[0]);
        sp--;
        pc += 1;
        DISPATCH();
    }
    TARGET(DICT_MERGE) {
        vm_dict_merge(sp[-3], sp[-1], sp[0]);
        sp--;
        pc += 1;
        DISPATCH();
    }
    TARGET(LIST_TO_TUPLE) {
        py_list *l = py_ptr(*sp);
        *sp = py_tuple_new(l->len, l->items);
        pc += 1;
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE) {
        unsigned n = ARG16;
        py_val seq = *sp--;
        sp = vm_unpack_sequence(sp, seq, n);
        pc += 3;
        DISPATCH();
    }
    TARGET(UNPACK_EX) {
        unsigned arg = ARG16;
        py_val seq = *sp--;
        sp = vm_unpack_ex(sp, seq, arg & 0xff, arg >> 8);
        pc += 3;
        DISPATCH();
    }
    TARGET(FORMAT_VALUE) {
        unsigned arg = ARG16;
        py_val spec = PY_NULL;
        if (arg & 0x100) {
            spec = *sp--;
        }
        *sp = vm_format_value(*sp, arg & 0xff, spec);
        pc += 3;
        DISPATCH();
    }
    TARGET(BUILD_STRING) {
        unsigned n = ARG16;
        py_val r = vm_build_string(sp - n + 1, n);
        sp -= n;
        *++sp = r;
        pc += 3;
        DISPATCH();
    }

    /* ---- control flow */
    TARGET(JUMP) {
        JUMP_TO(vm_u32(pc + 1));
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_FALSE) {
        py_val v = *sp--;
        if (v == PY_FALSE || (v != PY_TRUE && !vm_truthy(v))) {
            JUMP_TO(vm_u32(pc + 1));
        } else {
            pc += 5;
        }
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_TRUE) {
        py_val v = *sp--;
        if (v == PY_TRUE || (v != PY_FALSE && vm_truthy(v))) {
            JUMP_TO(vm_u32(pc + 1));
        } else {
            pc += 5;
        }
        DISPATCH();
    }
    TARGET(JUMP_IF_FALSE_OR_POP) {
        if (!vm_truthy(*sp)) {
            JUMP_TO(vm_u32(pc + 1));
        } else {
            sp--;
            pc += 5;
        }
        DISPATCH();
    }
    TARGET(JUMP_IF_TRUE_OR_POP) {
        if (vm_truthy(*sp)) {
            JUMP_TO(vm_u32(pc + 1));
        } else {
            sp--;
            pc += 5;
        }
        DISPATCH();
    }
    TARGET(GET_ITER) {
        *sp = py_getiter(*sp);
        pc += 1;
        DISPATCH();
    }
    TARGET(FOR_ITER) {
        py_val it = *sp;
        const py_type *t = vm_type(it);
        if (t == &py_type_generator && vm_inline_gens < VM_MAX_INLINE_GENS) {
            /* run the generator's frame in this loop until it yields back here */
            py_frame *g = ((py_gen *)py_ptr(it))->frame;
            if (g->state == PY_FRAME_SUSPENDED || g->state == PY_FRAME_CREATED) {
                f->sp = sp;
                if (g->state == PY_FRAME_SUSPENDED) {
                    if (*g->pc == PY_OP_YIELD_VALUE) {
                        g->pc++;
                    }
                    *++g->sp = PY_NONE;
                }
                g->back = f;
                g->state = PY_FRAME_RUNNING;
                vm_inline_gens++;
                f = g;
                vm_cur = f;
                LOAD_FRAME();
                DISPATCH();
            }
        }
        py_val v = t->iternext != NULL ? t->iternext(it) : py_iternext(it);
        if (v == PY_STOP) {
            sp--;
            pc = f->code->bytecode + vm_u32(pc + 1);
        } else {
            *++sp = v;
            pc += 5;
        }
        DISPATCH();
    }

    /* ---- functions and calls */
    TARGET(MAKE_FUNCTION) {
        const py_code *code = py_ptr(consts[ARG16]);
        unsigned flags = pc[3];
        py_val defaults = PY_NULL, kwdefaults = PY_NULL, closure = PY_NULL;
        if (flags & 4) {
            closure = *sp--;
        }
        if (flags & 2) {
            kwdefaults = *sp--;
        }
        if (flags & 1) {
            defaults = *sp--;
        }
        *++sp = py_fun_new(code, f->globals, defaults, kwdefaults, closure);
        pc += 4;
        DISPATCH();
    }
    TARGET(CALL_FUNCTION) {
        unsigned arg = ARG16;
        call_n = arg & 0xff;
        call_kw = arg >> 8;
        call_ret = sp - call_n - 2 * call_kw;
        call_fun = *call_ret;
        call_args = call_ret + 1;
        call_top = sp;
        pc += 3;
        goto do_call;
    }
    TARGET(CALL_METHOD) {
        unsigned arg = ARG16;
        call_n = arg & 0xff;
        call_kw = arg >> 8;
        call_ret = sp - call_n - 2 * call_kw - 1;
        call_fun = call_ret[0];
        if (call_ret[1] != PY_NULL) {
            call_args = call_ret + 1;
            call_n++;
        } else {
            call_args = call_ret + 2;
        }
        call_top = sp;
        pc += 3;
        goto do_call;
    }
    TARGET(CALL_FUNCTION_EX) {
        call_top = sp;
        py_val kwargs = PY_NULL;
        if (ARG16 & 1) {
            kwargs = *sp--;
        }
        call_ret = sp - 1;
        call_fun = sp[-1];
        call_args = vm_ex_args(call_fun, sp[0], kwargs, &call_n, &call_kw);
        pc += 3;
        goto do_call;
    }
    TARGET(RETURN_VALUE) {
        py_val r = *sp;
        if (f == entry) {
            f->sp = sp - 1;
            f->state = PY_FRAME_DONE;
            return r;
        }
        py_frame *back = f->back;
        f->state = PY_FRAME_DONE;
        if (f->flags & PY_FRAME_GENERATOR) {
            /* a generator resumed by FOR_ITER is exhausted: the loop ends */
            vm_frame_wipe(f);
            vm_inline_gens--;
            f = back;
            vm_cur = f;
            LOAD_FRAME();
            sp--;
            pc = f->code->bytecode + vm_u32(pc + 1);
            DISPATCH();
        }
        vm_frame_pop(f);
        f = back;
        vm_cur = f;
        LOAD_FRAME();
        pc += 3; /* past the call instruction */
        *++sp = r;
        DISPATCH();
    }
    TARGET(YIELD_VALUE) {
        if (!(f->flags & PY_FRAME_GENERATOR)) {
            vm_internal_error("yield outside a generator");
        }
        yielded = *sp;
        f->sp = sp - 1;
        goto yield_out;
    }
    TARGET(YIELD_FROM) {
        if (!(f->flags & PY_FRAME_GENERATOR)) {
            vm_internal_error("yield outside a generator");
        }
        int st = vm_delegate_send(sp[-1], sp[0], &yielded);
        sp--;
        if (st == PY_VM_YIELD) {
            f->sp = sp; /* resumed here: the sent value is pushed and this runs again */
            goto yield_out;
        }
        *sp = yielded;
        pc += 1;
        DISPATCH();
    }
    TARGET(GET_YIELD_FROM_ITER) {
        if (!vm_is_generator(*sp)) {
            *sp = py_getiter(*sp);
        }
        pc += 1;
        DISPATCH();
    }
    TARGET(GET_AWAITABLE) {
        *sp = vm_get_awaitable(*sp);
        pc += 1;
        DISPATCH();
    }

    /* ---- exceptions */
    TARGET(RAISE) {
        unsigned n = ARG16;
        if (n == 0) {
            vm_reraise_handled(f);
        }
        if (n == 1) {
            vm_raise_value(sp[0], PY_NULL, false);
        }
        vm_raise_value(sp[-1], sp[0], true);
    }
    TARGET(SETUP_EXCEPT)
    TARGET(SETUP_FINALLY) {
        if (f->n_blocks >= f->code->block_depth) {
            vm_internal_error("block stack overflow");
        }
        py_vm_block *b = &f->blocks[f->n_blocks++];
        b->handler = vm_u32(pc + 1);
        b->level = (uint16_t)(sp + 1 - f->stack);
        b->exc_depth = f->n_exc;
        pc += 5;
        DISPATCH();
    }
    TARGET(SETUP_WITH) {
        if (f->n_blocks >= f->code->block_depth) {
            vm_internal_error("block stack overflow");
        }
        py_val mgr = sp[0];
        py_val exit_pair[2];
        py_val r = vm_with_enter(mgr, exit_pair);
        sp[0] = exit_pair[0];
        *++sp = exit_pair[1];
        py_vm_block *b = &f->blocks[f->n_blocks++];
        b->handler = vm_u32(pc + 1);
        b->level = (uint16_t)(sp + 1 - f->stack);
        b->exc_depth = f->n_exc;
        *++sp = r;
        pc += 5;
        DISPATCH();
    }
    TARGET(POP_BLOCK) {
        if (f->n_blocks > 0) {
            f->n_blocks--;
        }
        pc += 1;
        DISPATCH();
    }
    TARGET(POP_EXCEPT) {
        if (f->n_exc > 0) {
            f->n_exc--;
        }
        pc += 1;
        DISPATCH();
    }
    TARGET(RERAISE) {
        py_val exc = *sp--;
        if (f->n_exc > 0) {
            f->n_exc--;
        }
        vm_reraise = true;
        py_nlr_jump(exc);
    }
    TARGET(WITH_EXIT_NORMAL) {
        vm_with_exit(sp - 1, PY_NULL);
        sp -= 2;
        pc += 1;
        DISPATCH();
    }
    TARGET(WITH_EXCEPT) {
        py_val exc = sp[0];
        py_val r = vm_with_exit(sp - 2, exc);
        sp -= 3;
        if (f->n_exc > 0) {
            f->n_exc--;
        }
        if (!vm_truthy(r)) {
            vm_reraise = true;
            py_nlr_jump(exc);
        }
        pc += 1;
        DISPATCH();
    }

    TARGET(BEFORE_ASYNC_WITH) {
        py_val mgr = sp[0];
        py_val exit_pair[2];
        py_val r = vm_async_with_enter(mgr, exit_pair);
        sp[0] = exit_pair[0];
        *++sp = exit_pair[1];
        *++sp = r;
        pc += 1;
        DISPATCH();
    }
    TARGET(SETUP_ASYNC_WITH) {
        if (f->n_blocks >= f->code->block_depth) {
            vm_internal_error("block stack overflow");
        }
        py_vm_block *b = &f->blocks[f->n_blocks++];
        b->handler = vm_u32(pc + 1);
        b->level = (uint16_t)(sp - f->stack);
        b->exc_depth = f->n_exc;
        pc += 5;
        DISPATCH();
    }
    TARGET(ASYNC_WITH_EXIT) {
        py_val exc = sp[0];
        py_val r = vm_with_exit(sp - 2, exc);
        sp -= 1;
        sp[-1] = exc;
        sp[0] = r;
        pc += 1;
        DISPATCH();
    }
    TARGET(GET_AITER) {
        *sp = vm_get_aiter(*sp);
        pc += 1;
        DISPATCH();
    }
    TARGET(END_ASYNC_FOR) {
        py_val exc = *sp--;
        if (f->n_exc > 0) {
            f->n_exc--;
        }
        if (!py_exc_matches(exc, PY_OBJ(&py_type_StopAsyncIteration))) {
            vm_reraise = true;
            py_nlr_jump(exc);
        }
        *sp-- = PY_NULL; /* the async iterator */
        pc += 1;
        DISPATCH();
    }

    /* ---- imports */
    TARGET(IMPORT_NAME) {
        py_val fromlist = sp[0];
        py_val level = sp[-1];
        sp--;
        *sp = py_import(f->code->names[ARG16], fromlist, (int)py_get_int(level));
        pc += 3;
        DISPATCH();
    }
    TARGET(IMPORT_FROM) {
        py_val v = vm_import_from(*sp, f->code->names[ARG16]);
        *++sp = v;
        pc += 3;
        DISPATCH();
    }
    TARGET(IMPORT_STAR) {
        vm_import_star(f, *sp);
        sp--;
        pc += 1;
        DISPATCH();
    }

    /* ---- misc */
    TARGET(PRINT_EXPR) {
        vm_print_expr(f, *sp);
        sp--;
        pc += 1;
        DISPATCH();
    }
    TARGET(NOP) {
        pc += 1;
        DISPATCH();
    }

#if !VM_COMPUTED_GOTO
    default:
        goto L_bad;
    }
#endif

L_bad:
    vm_internal_error("unknown opcode");

do_call: {
    if (py_pending) {
        py_handle_pending();
    }
    const py_type *t = vm_type(call_fun);
    py_fun *fn;
    if (t == &py_type_function) {
        fn = py_ptr(call_fun);
    } else if (t == &py_type_bound_method && call_args > call_ret && call_args <= call_top &&
               vm_type(((py_bound_method *)py_ptr(call_fun))->fun) == &py_type_function) {
        /* the stack slot below the arguments (the callee, or an empty self)
         * takes self; arguments from CALL_FUNCTION_EX are not on the stack */
        py_bound_method *bm = py_ptr(call_fun);
        fn = py_ptr(bm->fun);
        ((py_val *)call_args)[-1] = bm->self;
        call_args--;
        call_n++;
    } else {
        goto call_other;
    }
    if (fn->code->flags & (PY_CODE_GENERATOR | PY_CODE_COROUTINE)) {
        call_fun = PY_OBJ(fn);
        goto call_other;
    }
    f->sp = call_ret - 1;
    py_frame *nf = vm_push_call(fn, call_n, call_kw, call_args);
    vm_clear(call_ret + 1, call_top); /* the callee has its copies */
    nf->back = f;
    nf->state = PY_FRAME_RUNNING;
    f = nf;
    vm_cur = f;
    LOAD_FRAME();
    DISPATCH();
}
call_other: {
    py_val r;
    const py_builtin_fun *b = py_ptr(call_fun);
    if (py_is_obj(call_fun) && b->head.type == &py_type_builtin_function && call_kw == 0 &&
        call_n >= b->n_min && call_n <= b->n_max && b->kind <= PY_FUN_VAR) {
        /* a C function with the right number of positional arguments */
        switch (b->kind) {
        case PY_FUN_0:
            r = b->fn.f0();
            break;
        case PY_FUN_1:
            r = b->fn.f1(call_args[0]);
            break;
        case PY_FUN_2:
            r = b->fn.f2(call_args[0], call_args[1]);
            break;
        case PY_FUN_3:
            r = b->fn.f3(call_args[0], call_args[1], call_args[2]);
            break;
        default:
            r = b->fn.fvar(call_n, call_args);
            break;
        }
    } else {
        r = py_call(call_fun, call_n, call_kw, call_args);
    }
    vm_clear(call_ret + 1, call_top);
    sp = call_ret;
    *sp = r;
    DISPATCH();
}

yield_out:
    /* f->pc stays on the yield; f->sp is set */
    f->state = PY_FRAME_SUSPENDED;
    if (f == entry) {
        return yielded;
    }
    /* back to the FOR_ITER that resumed this generator */
    vm_inline_gens--;
    f = f->back;
    vm_cur = f;
    LOAD_FRAME();
    *++sp = yielded;
    pc += 5;
    DISPATCH();
    // clang-format on
}

/* ---------------------------------------------------------------- entering and unwinding */

/* Adds exc's traceback entry for f and looks for a handler in the frames
 * from vm_cur out to entry. Returns false when none takes it. */
/* PEP 479: a StopIteration leaving a generator becomes a RuntimeError. */
static py_val vm_generator_stop_error(py_val exc) {
    if (!py_exc_matches(exc, PY_OBJ(&py_type_StopIteration))) {
        return exc;
    }
    py_nlr nlr;
    py_try(nlr) {
        py_val e = py_exc_new_msg(&py_type_RuntimeError, "generator raised StopIteration");
        ((py_exc *)py_ptr(e))->cause = exc;
        py_nlr_pop();
        return e;
    } else {
        return exc; /* no room for the new one: the original goes on */
    }
}

/* The frame stack as it was when frame f began running: above its own end
 * for a frame-stack frame, else that of the frame that resumed it. */
static void vm_stack_cut_for(py_frame *f, py_frame *entry, vm_chunk *entry_chunk,
                             py_val *entry_top) {
    while (!(f->flags & PY_FRAME_ON_STACK) && f != entry) {
        f = f->back;
    }
    if (f->flags & PY_FRAME_ON_STACK) {
        vm_stack_cut_above(f);
    } else {
        vm_stack_cut_to(entry_chunk, entry_top);
    }
}

static bool vm_unwind(py_frame *entry, py_val *exc_io, vm_chunk *entry_chunk, py_val *entry_top) {
    py_val exc = *exc_io;
    py_frame *f = vm_cur;
    bool add_tb = !vm_reraise;
    vm_reraise = false;
    const py_type *et = vm_type(exc);
    if ((et->flags & PY_TYPE_FLAG_EXCEPTION) && py_gc_is_heap_ptr(py_ptr(exc))) {
        py_exc *e = py_ptr(exc);
        py_val handled = vm_handled_from(f);
        if (e->context == PY_NULL && handled != PY_NULL && handled != exc) {
            e->context = handled;
        }
    }
    for (;;) {
        if (add_tb) {
            py_exc_add_traceback(exc, f->code->filename, vm_line(f), f->code->name);
        }
        add_tb = true;
        if (f->n_blocks > 0) {
            py_vm_block b = f->blocks[--f->n_blocks];
            f->n_exc = b.exc_depth < f->exc_cap ? b.exc_depth : (uint16_t)(f->exc_cap - 1);
            f->excs[f->n_exc++] = exc;
            f->sp = f->stack + b.level;
            *f->sp = exc;
            memset(f->sp + 1, 0,
                   (size_t)((char *)(f->stack + f->code->stack_size) - (char *)(f->sp + 1)));
            f->pc = f->code->bytecode + b.handler;
            vm_stack_cut_for(f, entry, entry_chunk, entry_top);
            vm_cur = f;
            *exc_io = exc;
            return true;
        }
        f->state = PY_FRAME_DONE;
        if (f == entry) {
            *exc_io = exc;
            return false;
        }
        if (f->flags & PY_FRAME_GENERATOR) {
            /* a generator resumed by FOR_ITER ends with the exception */
            vm_inline_gens--;
            vm_frame_wipe(f);
            exc = vm_generator_stop_error(exc);
        }
        f = f->back;
        vm_cur = f;
    }
}

enum {
    VM_START_CALL,  /* bind the arguments first */
    VM_START_BOUND, /* a call whose arguments are already in the slots */
    VM_START_RESUME,
    VM_START_THROW,
};

typedef struct vm_start {
    int kind;
    py_fun *fun; /* CALL: bind these arguments */
    size_t n_args, n_kw;
    const py_val *args;
    py_val value; /* RESUME: the value sent; THROW: the exception */
} vm_start;

/* Throw into a frame stopped at YIELD_FROM: passes the exception on to the
 * iterator it delegates to. Returns true when that iterator yielded (the
 * frame stays suspended, *result is the value). */
static bool vm_throw_delegated(py_frame *f, py_val exc, py_val *result) {
    py_val it = *f->sp;
    if (py_exc_matches(exc, PY_OBJ(&py_type_GeneratorExit))) {
        vm_delegate_close(it);
        py_nlr_jump(exc);
    }
    py_val r;
    int st = vm_delegate_throw(it, exc, &r);
    if (st < 0) {
        py_nlr_jump(exc);
    }
    if (st == PY_VM_YIELD) {
        *result = r;
        return true;
    }
    *f->sp = r; /* the delegation finished: its result replaces the iterator */
    f->pc++;
    return false;
}

/* What happens first inside the try: binding, the sent value, a throw.
 * Returns true if the frame yielded again without running. */
static bool vm_start_frame(py_frame *f, const vm_start *start, int prev_state, py_val *result) {
    switch (start->kind) {
    case VM_START_CALL:
        py_vm_bind_args(f, start->fun, start->n_args, start->n_kw, start->args);
        return false;
    case VM_START_BOUND:
        return false;
    case VM_START_RESUME:
        if (prev_state == PY_FRAME_SUSPENDED) {
            if (*f->pc == PY_OP_YIELD_VALUE) {
                f->pc++;
            }
            *++f->sp = start->value;
        }
        return false;
    default:
        if (prev_state == PY_FRAME_SUSPENDED && *f->pc == PY_OP_YIELD_FROM) {
            return vm_throw_delegated(f, start->value, result);
        }
        py_nlr_jump(start->value);
    }
}

/* Runs entry (set up, with its back link to be made) until it returns or
 * yields. Region frames are popped when they finish. */
static py_val vm_execute(py_frame *entry, const vm_start *start) {
    py_stack_check();
    py_frame *const saved_cur = vm_cur;
    vm_chunk *const saved_chunk = vm_chunk_cur;
    py_val *const saved_top = vm_top;
    int prev_state = entry->state;
    entry->back = saved_cur;
    entry->state = PY_FRAME_RUNNING;
    vm_cur = entry;
    volatile bool starting = true;
    for (;;) {
        py_nlr nlr;
        py_try(nlr) {
            py_val r;
            if (starting) {
                bool yielded = vm_start_frame(entry, start, prev_state, &r);
                starting = false;
                if (yielded) {
                    py_nlr_pop();
                    entry->state = PY_FRAME_SUSPENDED;
                    vm_cur = saved_cur;
                    return r;
                }
            }
            r = vm_loop(entry);
            py_nlr_pop();
            vm_cur = saved_cur;
            if (entry->flags & PY_FRAME_ON_STACK) {
                vm_frame_pop(entry);
            } else if (entry->state == PY_FRAME_DONE) {
                vm_frame_wipe(entry); /* a finished generator keeps nothing alive */
            }
            return r;
        } else {
            py_val exc = nlr.exc;
            bool handled;
            if (starting && (start->kind == VM_START_CALL || start->kind == VM_START_BOUND)) {
                /* a bad call: the callee never ran, no traceback entry for it */
                vm_reraise = false;
                vm_cur = entry;
                entry->state = PY_FRAME_DONE;
                handled = false;
            } else {
                starting = false;
                handled = vm_unwind(entry, &exc, saved_chunk, saved_top);
            }
            if (!handled) {
                vm_cur = saved_cur;
                if (entry->flags & PY_FRAME_ON_STACK) {
                    vm_stack_cut_above(entry);
                    vm_frame_pop(entry);
                } else {
                    vm_stack_cut_to(saved_chunk, saved_top);
                    vm_frame_wipe(entry);
                }
                if (entry->flags & PY_FRAME_GENERATOR) {
                    exc = vm_generator_stop_error(exc);
                }
                py_nlr_jump(exc);
            }
        }
    }
}

/* ---------------------------------------------------------------- entry points */

/* A frame for a call from C: the first after py_init checks the statics. */
static py_frame *vm_frame_push_from_c(size_t bytes) {
    if (vm_cur == NULL) {
        vm_check_reset();
        if (vm_float_layout == 0) {
            vm_float_check();
        }
    }
    return vm_frame_push(bytes);
}

py_val py_vm_call_fun(py_fun *fun, size_t n_args, size_t n_kw, const py_val *args) {
    if (fun->code->flags & (PY_CODE_GENERATOR | PY_CODE_COROUTINE)) {
        return vm_make_generator(fun, n_args, n_kw, args);
    }
    py_vm_info *info = py_vm_fun_info(fun);
    py_frame *f = vm_frame_push_from_c(info->frame_bytes);
    py_vm_frame_init(f, fun->code, fun, fun->globals, PY_NULL, info);
    if (n_kw == 0 && n_args == info->simple_n_args) {
        /* nothing can go wrong in the binding: copy before the try */
        for (size_t i = 0; i < n_args; i++) {
            f->slots[i] = args[i];
        }
        vm_start start = {VM_START_BOUND, NULL, 0, 0, NULL, PY_NULL};
        return vm_execute(f, &start);
    }
    vm_start start = {VM_START_CALL, fun, n_args, n_kw, args, PY_NULL};
    return vm_execute(f, &start);
}

int py_vm_resume(py_frame *frame, py_val send, py_val throw_exc, py_val *result) {
    vm_start start = {throw_exc != PY_NULL ? VM_START_THROW : VM_START_RESUME,
                      NULL,
                      0,
                      0,
                      NULL,
                      throw_exc != PY_NULL ? throw_exc : send};
    *result = vm_execute(frame, &start);
    return frame->state == PY_FRAME_SUSPENDED ? PY_VM_YIELD : PY_VM_RETURN;
}

static py_val vm_run_with_locals(const py_code *code, py_fun *fun, py_val globals, py_val locals) {
    py_vm_info *info = fun != NULL ? py_vm_fun_info(fun) : py_vm_info_new(code);
    py_frame *f = vm_frame_push_from_c(info->frame_bytes);
    py_vm_frame_init(f, code, fun, globals, locals, info);
    vm_start start = {VM_START_CALL, fun, 0, 0, NULL, PY_NULL};
    return vm_execute(f, &start);
}

py_val py_vm_run_code(const py_code *code, py_val globals, py_val locals) {
    if (locals == PY_NULL) {
        locals = globals;
    }
    return vm_run_with_locals(code, NULL, globals, locals);
}

py_val py_vm_run_class_body(py_val fun, py_val locals) {
    py_fun *fn = py_ptr(fun);
    return vm_run_with_locals(fn->code, fn, fn->globals, locals);
}

/* ---------------------------------------------------------------- hooks */

py_frame *py_vm_current_frame(void) { return vm_cur; }

py_val py_vm_globals(void) { return vm_cur != NULL ? vm_cur->globals : py_st.main_globals; }

py_val py_vm_locals(void) {
    py_frame *f = vm_cur;
    if (f == NULL) {
        return py_st.main_globals;
    }
    if (f->locals != PY_NULL) {
        return f->locals;
    }
    const py_code *code = f->code;
    size_t n_slots = (size_t)code->n_locals + code->n_cells + code->n_free;
    py_val d = py_dict_new(n_slots);
    for (size_t i = 0; i < n_slots; i++) {
        py_val v = f->slots[i];
        if (i >= code->n_locals && v != PY_NULL) {
            v = py_cell_get(v);
        }
        if (v != PY_NULL && code->slot_names != NULL) {
            py_dict_store(d, PY_QSTR(code->slot_names[i]), v);
        }
    }
    return d;
}

py_val py_vm_handled_exception(void) { return vm_handled_from(vm_cur); }

void py_vm_super_args(py_val *cls, py_val *self) {
    py_frame *f = vm_cur;
    if (f == NULL || f->code->slot_names == NULL) {
        py_raise_msg(&py_type_RuntimeError, "super(): no arguments");
    }
    const py_code *code = f->code;
    size_t n_slots = (size_t)code->n_locals + code->n_cells + code->n_free;
    py_val klass = PY_NULL;
    for (size_t i = code->n_locals; i < n_slots; i++) {
        if (code->slot_names[i] == Q___class__) {
            klass = py_cell_get(f->slots[i]);
            break;
        }
    }
    if (klass == PY_NULL) {
        py_raise_msg(&py_type_RuntimeError, "super(): __class__ cell not found");
    }
    if (code->n_pos == 0 && !(code->flags & PY_CODE_VARARGS)) {
        py_raise_msg(&py_type_RuntimeError, "super(): no arguments");
    }
    py_val first = f->slots[0];
    for (size_t i = 0; i < code->n_cells; i++) {
        if (code->cell2arg != NULL && code->cell2arg[i] == 0) {
            first = py_cell_get(f->slots[code->n_locals + i]);
        }
    }
    if (code->n_pos == 0 && first != PY_NULL) {
        size_t len;
        py_val *items;
        py_get_array(first, &len, &items);
        first = len > 0 ? items[0] : PY_NULL;
    }
    if (first == PY_NULL) {
        py_raise_msg(&py_type_RuntimeError, "super(): no arguments");
    }
    *cls = klass;
    *self = first;
}
