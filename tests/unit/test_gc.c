/*
 * test_gc.c - tests of the heap and the collector (py/gc.c) through the
 * public API in py/campy.h, linked with the whole core (build/libcampy.a).
 *
 * Each case starts from a fresh heap in static buffers, so block counts and
 * addresses are predictable. Static variables are not GC roots, which lets a
 * case remember where an object was without keeping it alive. The C stack is
 * scanned conservatively from the collector's frame up, so objects that must
 * become garbage are made (and inspected) by functions run through deep():
 * their frames lie far below any frame the collector scans later, and no
 * stale copy of a pointer in them can keep an object alive. The cases
 * themselves hold no heap pointers across a collection. Whether an object
 * was collected is seen through the heap statistics or a finaliser that
 * counts.
 *
 * Usage: test_gc [results-file]; one PASS/FAIL line per case there (stdout
 * when absent), details of failures on stderr.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/campy.h"

#define BLOCK PY_BYTES_PER_BLOCK
#define NOINLINE __attribute__((noinline))

static FILE *results;
static int n_passed, n_failed;
static const char *case_name;
/* Case names start with "gc." in a 64-bit build and "gc32." in a 32-bit one. */
#define PREFIX (sizeof(void *) == 8 ? "gc" : "gc32")
static bool case_failed;

static void fail_at(int line, const char *what) {
    if (!case_failed) {
        fprintf(stderr, "FAIL %s.%s: line %d: %s\n", PREFIX, case_name, line, what);
    }
    case_failed = true;
}

#define CHECK(cond)                                                                       \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fail_at(__LINE__, #cond);                                                     \
            return;                                                                       \
        }                                                                                 \
    } while (0)

/* ---- heaps */

static _Alignas(16) uint8_t heap_a[512 * 1024];
static _Alignas(16) uint8_t heap_b[256 * 1024];

/* A new, empty heap of `bytes` in heap_a; with_interp also makes the root
 * objects (sys.modules, __main__ ...) the way a port does. */
static void fresh_heap(size_t bytes, bool with_interp) {
    memset(&py_st, 0, offsetof(py_state, roots_end));
    py_gc_init();
    py_gc_add_region(heap_a, bytes);
    if (with_interp) {
        py_init();
    }
}

/* Overwrites the unused stack below the caller, where the frames of earlier
 * calls left pointers behind. */
static NOINLINE void scrub_stack(void) {
    volatile uint8_t junk[32 * 1024];
    for (size_t i = 0; i < sizeof(junk); i++) {
        junk[i] = 0;
    }
}

/* A macro, not a function: a function's own frame would keep whatever an
 * earlier call left in its unwritten slots, and be scanned. */
#define collect() (scrub_stack(), py_gc_collect())

/* Runs fn 64 KiB further down the C stack than the caller. Arguments and
 * results pass through these statics. */
static int deep_n;
static bool deep_ok;
static void *deep_ptr;
static NOINLINE void deep(void (*fn)(void)) {
    volatile uint8_t pad[64 * 1024];
    /* called through a volatile pointer so that fn is never inlined here,
     * where its locals could end up above pad */
    void (*volatile call)(void) = fn;
    __asm__ volatile("" : : "r"(pad) : "memory"); /* pad is used: it stays whole */
    call();
    pad[1] = 0; /* no tail call: fn's frame must be below pad */
}

static size_t heap_used(void) {
    py_gc_info info;
    py_gc_info_get(&info);
    return info.used;
}

static bool is_memory_error(py_val exc) {
    return py_exc_matches(exc, PY_OBJ(&py_type_MemoryError));
}

/* Allocation outcome without letting the exception escape: the pointer, or
 * NULL after a MemoryError (other exceptions are stored in other_exc). */
static py_val other_exc;
static NOINLINE void *alloc_or_null(size_t bytes, unsigned flags) {
    py_nlr nlr;
    py_try(nlr) {
        void *p = py_gc_alloc_flags(bytes, flags);
        py_nlr_pop();
        return p;
    } else {
        if (!is_memory_error(nlr.exc)) {
            other_exc = nlr.exc;
        }
        return NULL;
    }
}

/* ---- a type with a finaliser */

static int n_finalised;
static py_val last_finalised;
static void counted_finalise(py_val self) {
    n_finalised++;
    last_finalised = self;
}

static const py_type counted_type = {
    .head = {&py_type_type},
    .name = Q_object,
    .finalise = counted_finalise,
};

typedef struct counted {
    py_head head;
    uintptr_t payload[3];
} counted;

static NOINLINE counted *new_counted(void) {
    counted *c = py_gc_alloc_flags(sizeof(counted), PY_GC_FINALISE);
    c->head.type = &counted_type;
    return c;
}

static NOINLINE void make_counted_garbage_n(void) {
    for (int i = 0; i < deep_n; i++) {
        new_counted();
    }
}

static void make_counted_garbage(int n) {
    deep_n = n;
    deep(make_counted_garbage_n);
}

/* ---- allocation */

static void test_alloc_basic(void) {
    fresh_heap(64 * 1024, false);
    CHECK(heap_used() == 0);
    uint8_t *p = py_gc_alloc(1);
    uint8_t *q = py_gc_alloc(BLOCK);
    uint8_t *r = py_gc_alloc(BLOCK + 1);
    uint8_t *z = py_gc_alloc(0);
    CHECK(p != NULL && q != NULL && r != NULL && z != NULL);
    CHECK(p != q && q != r && r != z && p != z);
    CHECK((uintptr_t)p % BLOCK == 0 && (uintptr_t)r % BLOCK == 0);
    CHECK(py_gc_block_bytes(p) == BLOCK);
    CHECK(py_gc_block_bytes(q) == BLOCK);
    CHECK(py_gc_block_bytes(r) == 2 * BLOCK);
    CHECK(py_gc_block_bytes(z) == BLOCK);
    CHECK(py_gc_block_bytes(r + BLOCK) == 0); /* not the start of an allocation */
    CHECK(py_gc_is_heap_ptr(p) && py_gc_is_heap_ptr(r + 2 * BLOCK - 1));
    int on_stack;
    CHECK(!py_gc_is_heap_ptr(&on_stack) && !py_gc_is_heap_ptr(NULL));
    CHECK(!py_gc_is_heap_ptr(heap_a)); /* the tables at the start are not the pool */
    CHECK(heap_used() == 5 * BLOCK);
    CHECK(py_gc_region_count() == 1);
}

static void test_alloc_zeroed(void) {
    fresh_heap(64 * 1024, false);
    uint8_t *p = py_gc_alloc(40 * BLOCK);
    memset(p, 0xa5, 40 * BLOCK);
    py_gc_free(p);
    uint8_t *q = py_gc_alloc(40 * BLOCK);
    bool zero = true;
    for (size_t i = 0; i < 40 * BLOCK; i++) {
        zero = zero && q[i] == 0;
    }
    CHECK(zero);
    /* single blocks that reuse a freed multi-block hole */
    memset(q, 0x5a, 40 * BLOCK);
    py_gc_free(q);
    for (int k = 0; k < 40; k++) {
        uint8_t *s = py_gc_alloc(BLOCK);
        for (size_t i = 0; i < BLOCK; i++) {
            CHECK(s[i] == 0);
        }
    }
}

static void test_free(void) {
    fresh_heap(64 * 1024, false);
    void *a = py_gc_alloc(3 * BLOCK);
    void *b = py_gc_alloc(BLOCK);
    CHECK(heap_used() == 4 * BLOCK);
    py_gc_free(a);
    CHECK(heap_used() == BLOCK);
    CHECK(py_gc_block_bytes(a) == 0 && py_gc_block_bytes(b) == BLOCK);
    /* pointers that are not the start of an allocation are ignored */
    int local;
    py_gc_free(NULL);
    py_gc_free(&local);
    py_gc_free((uint8_t *)b + 4);
    py_gc_free(a); /* already free */
    CHECK(heap_used() == BLOCK);
    /* after the next sweep, single blocks fill the freed hole first (until
     * then the hole is left alone, so allocation never rescans the heap) */
    py_gc_collect();
    void *c = py_gc_alloc(BLOCK);
    CHECK(c == a);
}

static void test_accounting(void) {
    fresh_heap(64 * 1024, false);
    py_gc_info info;
    py_gc_info_get(&info);
    size_t n_blocks = info.total / BLOCK;
    CHECK(info.total > 60 * 1024 && info.total <= 64 * 1024);
    CHECK(info.free == info.total && info.used == 0);
    CHECK(info.max_free_run == n_blocks);
    CHECK(info.num_1block == 0 && info.num_2block == 0 && info.max_block == 0);
    void *one[3], *two[2];
    for (int i = 0; i < 3; i++) {
        one[i] = py_gc_alloc(BLOCK);
    }
    for (int i = 0; i < 2; i++) {
        two[i] = py_gc_alloc(2 * BLOCK);
    }
    void *five = py_gc_alloc(5 * BLOCK);
    py_gc_info_get(&info);
    CHECK(info.used == 12 * BLOCK && info.free == info.total - 12 * BLOCK);
    CHECK(info.num_1block == 3 && info.num_2block == 2 && info.max_block == 5);
    CHECK(info.max_free_run == n_blocks - 12);
    /* a hole in the middle: the largest free run is still the tail end */
    py_gc_free(two[0]);
    py_gc_info_get(&info);
    CHECK(info.used == 10 * BLOCK && info.num_2block == 1);
    CHECK(info.max_free_run == n_blocks - 12);
    py_gc_free(five);
    py_gc_info_get(&info);
    CHECK(info.max_block == 2 && info.max_free_run == n_blocks - 7);
    /* per-region numbers agree */
    uintptr_t start;
    size_t total, free_bytes;
    py_gc_region_info(0, &start, &total, &free_bytes);
    CHECK(total == info.total && free_bytes == info.free);
    CHECK(start == (uintptr_t)one[0]);
    py_gc_region_info(1, &start, &total, &free_bytes);
    CHECK(start == 0 && total == 0 && free_bytes == 0);
    (void)two[1];
}

static char layout[64 * 1024];
static size_t layout_len;
static void layout_out(void *ctx, const char *s, size_t n) {
    (void)ctx;
    if (layout_len + n < sizeof(layout)) {
        memcpy(layout + layout_len, s, n);
        layout_len += n;
        layout[layout_len] = 0;
    }
}

static void test_dump_layout(void) {
    fresh_heap(8 * 1024, false);
    py_gc_alloc(BLOCK);
    py_gc_alloc(3 * BLOCK);
    layout_len = 0;
    py_gc_dump_layout(layout_out, NULL);
    py_gc_info info;
    py_gc_info_get(&info);
    /* lines of 64 blocks after their byte offset; runs of free lines are
     * one "(N lines all free)" line */
    CHECK(strncmp(layout, "00000000: hhTT.", 15) == 0);
    size_t cells = 0, collapsed = 0;
    for (char *line = layout; *line != 0;) {
        char *end = strchr(line, '\n');
        CHECK(end != NULL);
        if (end == NULL) {
            break;
        }
        unsigned long n;
        if (sscanf(line, "       (%lu lines all free)", &n) == 1) {
            cells += 64 * n;
            collapsed++;
        } else {
            CHECK(end - line > 10 && line[8] == ':' && line[9] == ' ');
            cells += (size_t)(end - line) - 10;
        }
        line = end + 1;
    }
    CHECK(cells == info.total / BLOCK);
    CHECK(collapsed == 1); /* everything after the two objects is free */
}

static void test_realloc_in_place(void) {
    fresh_heap(64 * 1024, false);
    uint8_t *p = py_gc_alloc(BLOCK);
    memset(p, 7, BLOCK);
    uint8_t *q = py_gc_realloc(p, 4 * BLOCK);
    CHECK(q == p);
    CHECK(py_gc_block_bytes(q) == 4 * BLOCK);
    CHECK(q[0] == 7 && q[BLOCK - 1] == 7 && q[BLOCK] == 0 && q[4 * BLOCK - 1] == 0);
    CHECK(heap_used() == 4 * BLOCK);
    /* shrinking stays in place and gives the blocks back */
    memset(q, 9, 4 * BLOCK);
    uint8_t *s = py_gc_realloc(q, BLOCK + 1);
    CHECK(s == p && py_gc_block_bytes(s) == 2 * BLOCK && heap_used() == 2 * BLOCK);
    CHECK(s[BLOCK] == 9);
    /* growing again: the blocks that come back are zero, not the old bytes */
    uint8_t *t = py_gc_realloc(s, 4 * BLOCK);
    CHECK(t == p && t[BLOCK] == 9 && t[2 * BLOCK] == 0 && t[4 * BLOCK - 1] == 0);
    /* same size */
    CHECK(py_gc_realloc(t, 4 * BLOCK) == t && heap_used() == 4 * BLOCK);
    /* NULL: a plain allocation */
    void *n = py_gc_realloc(NULL, BLOCK - 1);
    CHECK(n != NULL && py_gc_block_bytes(n) == BLOCK);
}

static void test_realloc_moving(void) {
    fresh_heap(64 * 1024, false);
    uint8_t *p = py_gc_alloc(2 * BLOCK);
    uint8_t *wall = py_gc_alloc(BLOCK); /* stops growth in place */
    for (size_t i = 0; i < 2 * BLOCK; i++) {
        p[i] = (uint8_t)(i + 1);
    }
    uint8_t *q = py_gc_realloc(p, 10 * BLOCK);
    CHECK(q != p && q != wall);
    CHECK(py_gc_block_bytes(q) == 10 * BLOCK);
    for (size_t i = 0; i < 2 * BLOCK; i++) {
        CHECK(q[i] == (uint8_t)(i + 1));
    }
    for (size_t i = 2 * BLOCK; i < 10 * BLOCK; i++) {
        CHECK(q[i] == 0);
    }
    CHECK(py_gc_block_bytes(p) == 0); /* the old place was freed */
    CHECK(py_gc_block_bytes(wall) == BLOCK);
    CHECK(heap_used() == 11 * BLOCK);
}

static void test_realloc_errors(void) {
    fresh_heap(16 * 1024, false);
    uint8_t *p = py_gc_alloc(BLOCK);
    p[0] = 42;
    py_nlr nlr;
    volatile int raised = 0;
    py_try(nlr) {
        py_gc_realloc(p, 1024 * 1024);
        py_nlr_pop();
    } else {
        raised = is_memory_error(nlr.exc) ? 1 : 2;
    }
    CHECK(raised == 1);
    CHECK(py_gc_block_bytes(p) == BLOCK && p[0] == 42); /* left as it was */
    raised = 0;
    py_try(nlr) {
        py_gc_realloc(p, SIZE_MAX);
        py_nlr_pop();
    } else {
        raised = is_memory_error(nlr.exc) ? 1 : 2;
    }
    CHECK(raised == 1);
    static uint8_t not_heap[64];
    raised = 0;
    py_try(nlr) {
        py_gc_realloc(not_heap, 100);
        py_nlr_pop();
    } else {
        raised = 1;
    }
    CHECK(raised == 1);
}

/* ---- collection */

static NOINLINE void make_block_garbage_n(void) {
    for (int i = 0; i < deep_n; i++) {
        uintptr_t *w = py_gc_alloc((size_t)(1 + i % 5) * BLOCK);
        w[0] = 0x12345;
    }
}

static void make_block_garbage(int n) {
    deep_n = n;
    deep(make_block_garbage_n);
}

static void test_collect_unreachable(void) {
    fresh_heap(64 * 1024, false);
    size_t base = heap_used();
    make_block_garbage(100);
    CHECK(heap_used() > base + 100 * BLOCK);
    collect();
    CHECK(heap_used() == base);
}

/* Two lists that hold each other, and dicts in a ring, made through the
 * public API and dropped. */
static NOINLINE void make_container_cycles(void) {
    for (int i = 0; i < deep_n; i++) {
        py_val a = py_list_new(0, NULL);
        py_val b = py_list_new(2, NULL);
        py_list_append(a, b);
        py_list_append(b, a);
        py_list_append(a, a); /* and itself */
        py_val d1 = py_dict_new(0), d2 = py_dict_new(0), d3 = py_dict_new(0);
        py_dict_store(d1, PY_SMALL(1), d2);
        py_dict_store(d2, PY_QSTR(Q_object), d3);
        py_dict_store(d3, d1 == d2 ? PY_NONE : PY_SMALL(i), d1);
        py_dict_store(d1, PY_SMALL(2), a);
        py_val t = py_tuple2(a, d1); /* a tuple in the cycle through a list */
        py_list_append(b, t);
    }
}

static void test_collect_cycles(void) {
    fresh_heap(256 * 1024, true);
    collect();
    size_t base = heap_used();
    deep_n = 200;
    deep(make_container_cycles);
    CHECK(heap_used() > base + 200 * 10 * BLOCK);
    collect();
    CHECK(heap_used() == base);
}

/* A cycle that is reachable from a root survives, whole. */
static NOINLINE void make_rooted_cycle(void) {
    py_val a = py_list_new(0, NULL);
    py_val b = py_dict_new(0);
    py_list_append(a, b);
    py_dict_store(b, PY_SMALL(7), a);
    py_dict_store(b, PY_SMALL(8), py_str_from_cstr("a string that is not interned"));
    py_st.extra[3] = a;
}

static NOINLINE void check_rooted_cycle(void) {
    deep_ok = false;
    py_val a = py_st.extra[3];
    if (!py_is_type(a, &py_type_list) || py_len(a) != 1) {
        return;
    }
    py_val b = ((py_list *)py_ptr(a))->items[0];
    if (!py_is_type(b, &py_type_dict) || py_dict_get(b, PY_SMALL(7)) != a) {
        return;
    }
    size_t len;
    const char *s = py_str_data(py_dict_get(b, PY_SMALL(8)), &len);
    deep_ok = len == 29 && memcmp(s, "a string that is not interned", len) == 0;
}

static void test_roots_keep_alive(void) {
    fresh_heap(64 * 1024, true);
    collect();
    size_t base = heap_used();
    deep(make_rooted_cycle);
    collect();
    size_t used = heap_used();
    CHECK(used > base);
    make_block_garbage(20);
    collect();
    CHECK(heap_used() == used);
    deep(check_rooted_cycle);
    CHECK(deep_ok);
    /* dropping the root frees the lot */
    py_st.extra[3] = PY_NULL;
    collect();
    CHECK(heap_used() == base);
}

static NOINLINE void new_counted_deep(void) { deep_ptr = new_counted(); }

/* The finaliser of an object held only in this frame must not run. */
static NOINLINE void stack_holds(void) {
    deep(new_counted_deep);
    counted *volatile held = deep_ptr;
    deep_ptr = NULL;
    held->payload[0] = 99;
    int before = n_finalised;
    collect();
    make_counted_garbage(5);
    collect();
    deep_ok = n_finalised - before == 5 && held->payload[0] == 99 &&
              py_gc_block_bytes((void *)held) == BLOCK * 2;
}

static void test_stack_keeps_alive(void) {
    fresh_heap(64 * 1024, false);
    n_finalised = 0;
    deep(stack_holds);
    CHECK(deep_ok);
    collect();
    CHECK(n_finalised == 6); /* its frame is gone: now it goes too */
}

static NOINLINE void new_counted_interior(void) {
    uint8_t *p = py_gc_alloc_flags(6 * BLOCK, PY_GC_FINALISE);
    ((py_head *)p)->type = &counted_type;
    deep_ptr = p + 3 * BLOCK + 5;
}

/* Only a pointer into the middle of the object is on the stack. */
static NOINLINE void interior_on_stack(void) {
    deep(new_counted_interior);
    uint8_t *volatile inner = deep_ptr;
    deep_ptr = NULL;
    int before = n_finalised;
    collect();
    deep_ok = n_finalised == before && py_gc_block_bytes(inner - 3 * BLOCK - 5) == 6 * BLOCK;
}

static NOINLINE void chain_through_interior(void) {
    /* a root -> (interior of) A -> (last word of) B */
    uintptr_t *a = py_gc_alloc(4 * BLOCK);
    counted *b = py_gc_alloc_flags(4 * BLOCK, PY_GC_FINALISE);
    b->head.type = &counted_type;
    a[2 * BLOCK / sizeof(uintptr_t)] = (uintptr_t)b + 4 * BLOCK - 1;
    py_st.extra[4] = PY_OBJ((uint8_t *)a + BLOCK);
}

static void test_interior_pointers(void) {
    fresh_heap(64 * 1024, false);
    n_finalised = 0;
    deep(interior_on_stack);
    CHECK(deep_ok);
    collect();
    CHECK(n_finalised == 1);
    deep(chain_through_interior);
    collect();
    CHECK(n_finalised == 1);
    py_st.extra[4] = PY_NULL;
    collect();
    CHECK(n_finalised == 2);
}

/* A pointer in the last block of a big allocation is seen. */
static NOINLINE void big_block_points_to_counted(void) {
    size_t words = 50 * BLOCK / sizeof(uintptr_t);
    uintptr_t *big = py_gc_alloc(50 * BLOCK);
    big[words - 1] = (uintptr_t)new_counted();
    py_st.extra[5] = PY_OBJ(big);
}

static void test_scan_whole_allocation(void) {
    fresh_heap(64 * 1024, false);
    n_finalised = 0;
    deep(big_block_points_to_counted);
    collect();
    CHECK(n_finalised == 0);
    py_st.extra[5] = PY_NULL;
    collect();
    CHECK(n_finalised == 1);
}

static NOINLINE void leaf_points_to_counted(void) {
    uintptr_t *leaf = py_gc_alloc_flags(4 * BLOCK, PY_GC_LEAF);
    leaf[0] = (uintptr_t)new_counted();
    leaf[3] = leaf[0];
    py_st.extra[6] = PY_OBJ(leaf);
}

static NOINLINE void moved_leaf_points_to_counted(void) {
    uintptr_t *leaf = py_gc_alloc_flags(BLOCK, PY_GC_LEAF);
    py_gc_alloc(BLOCK); /* a wall: the realloc must move */
    uintptr_t *moved = py_gc_realloc(leaf, 8 * BLOCK);
    moved[5] = (uintptr_t)new_counted();
    py_st.extra[6] = PY_OBJ(moved);
}

static NOINLINE void plain_points_to_counted(void) {
    uintptr_t *plain = py_gc_alloc(4 * BLOCK);
    plain[0] = (uintptr_t)new_counted();
    py_st.extra[6] = PY_OBJ(plain);
}

static void test_leaf_not_scanned(void) {
    fresh_heap(64 * 1024, false);
    n_finalised = 0;
    deep(leaf_points_to_counted);
    collect();
    CHECK(n_finalised == 1); /* the leaf's contents did not keep it */
    CHECK(py_gc_block_bytes(py_ptr(py_st.extra[6])) == 4 * BLOCK); /* the leaf lives */
    /* the leaf flag moves with a reallocation */
    deep(moved_leaf_points_to_counted);
    collect();
    CHECK(n_finalised == 2);
    /* a block freed as a leaf and reused as an ordinary one is scanned */
    py_st.extra[6] = PY_NULL;
    collect();
    deep(plain_points_to_counted);
    collect();
    CHECK(n_finalised == 2);
}

/* ---- finalisers */

static uintptr_t hidden_lost; /* the address, disguised */
static NOINLINE void make_counted_pair(void) {
    counted *kept = new_counted();
    kept->payload[0] = 1;
    py_st.extra[7] = PY_OBJ(kept);
    counted *lost = new_counted();
    lost->payload[0] = 2;
    hidden_lost = (uintptr_t)lost ^ 0x5555;
}

static NOINLINE void realloc_counted_moves(void) {
    counted *f = new_counted();
    f->payload[0] = 77;
    py_gc_alloc(2 * BLOCK); /* placed right after f: a wall */
    counted *g = py_gc_realloc(f, 20 * BLOCK);
    py_st.extra[7] = PY_OBJ(g);
    deep_ok = g != f && g->payload[0] == 77 && py_gc_block_bytes(f) == 0;
}

static NOINLINE void make_unflagged_and_freed(void) {
    counted *plain = py_gc_alloc(sizeof(counted));
    plain->head.type = &counted_type;
    py_gc_free(new_counted());
}

static void test_finalisers(void) {
    fresh_heap(64 * 1024, false);
    n_finalised = 0;
    last_finalised = PY_NULL;
    deep(make_counted_pair);
    collect();
    CHECK(n_finalised == 1 && (last_finalised ^ 0x5555) == hidden_lost);
    collect(); /* runs once only */
    CHECK(n_finalised == 1);
    /* blocks without PY_GC_FINALISE are not finalised even with the type,
     * and py_gc_free releases without finalising */
    deep(make_unflagged_and_freed);
    collect();
    CHECK(n_finalised == 1);
    /* a finaliser moves with its object when realloc moves it */
    deep(realloc_counted_moves);
    CHECK(deep_ok);
    collect();
    CHECK(n_finalised == 2); /* the first kept one, replaced as root */
    CHECK(((counted *)py_ptr(last_finalised))->payload[0] == 1);
    py_st.extra[7] = PY_NULL;
    collect();
    CHECK(n_finalised == 3);
    CHECK(((counted *)py_ptr(last_finalised))->payload[0] == 77);
}

static void test_deinit_finalises(void) {
    fresh_heap(64 * 1024, true);
    n_finalised = 0;
    make_counted_garbage(3);
    py_deinit();
    CHECK(n_finalised == 3);
}

/* A finaliser that allocates gets MemoryError (the heap is being swept); an
 * exception from a finaliser must not leave the collector stuck. */
static int n_alloc_in_finaliser, n_raised_in_finaliser;
static void allocating_finalise(py_val self) {
    (void)self;
    if (py_gc_try_alloc(BLOCK) != NULL) {
        n_alloc_in_finaliser++;
    }
    n_raised_in_finaliser++;
    py_gc_alloc(BLOCK);
}
static const py_type allocating_type = {
    .head = {&py_type_type},
    .name = Q_object,
    .finalise = allocating_finalise,
};
static NOINLINE void make_allocating_garbage(void) {
    py_head *h = py_gc_alloc_flags(BLOCK, PY_GC_FINALISE);
    h->type = &allocating_type;
}

static void test_finaliser_that_raises(void) {
    fresh_heap(64 * 1024, false);
    n_alloc_in_finaliser = n_raised_in_finaliser = 0;
    deep(make_allocating_garbage);
    make_counted_garbage(2);
    n_finalised = 0;
    py_nlr nlr;
    py_try(nlr) {
        collect();
        py_nlr_pop();
    } else {
        /* allowed to propagate, but the heap must stay usable */
    }
    CHECK(n_raised_in_finaliser == 1 && n_alloc_in_finaliser == 0);
    void *p = alloc_or_null(BLOCK, 0);
    CHECK(p != NULL);
    collect();
    CHECK(n_finalised == 2); /* the others were swept too, once */
    collect();
    CHECK(n_raised_in_finaliser == 1 && n_finalised == 2);
}

/* ---- a full heap */

/* Fills the heap with 64-byte blocks chained from a root; deep_n says how
 * many. */
static NOINLINE void fill_heap_rooted_deep(void) {
    deep_n = 0;
    for (;;) {
        uintptr_t *p = alloc_or_null(64, 0);
        if (p == NULL) {
            return;
        }
        p[0] = py_st.extra[8];
        py_st.extra[8] = PY_OBJ(p);
        deep_n++;
    }
}

static size_t fill_heap_rooted(void) {
    deep(fill_heap_rooted_deep);
    return (size_t)deep_n;
}

/* Takes every free block that is left, keeping them. */
static NOINLINE void take_every_block(void) {
    uintptr_t *last;
    while ((last = py_gc_try_alloc(sizeof(uintptr_t))) != NULL) {
        last[0] = py_st.extra[8];
        py_st.extra[8] = PY_OBJ(last);
    }
}

static void test_memory_error(void) {
    fresh_heap(16 * 1024, false);
    size_t base = heap_used();
    other_exc = PY_NULL;
    size_t n = fill_heap_rooted();
    CHECK(other_exc == PY_NULL);
    py_gc_info info;
    py_gc_info_get(&info);
    CHECK(n > 150 && n * 64 <= info.total);
    CHECK(info.max_free_run * BLOCK < 64);
    /* the heap is full: try_alloc says so without raising */
    CHECK(py_gc_try_alloc(64) == NULL);
    /* an allocation that could never fit, and absurd sizes */
    CHECK(alloc_or_null(1024 * 1024, 0) == NULL);
    CHECK(alloc_or_null(SIZE_MAX, 0) == NULL);
    CHECK(alloc_or_null(SIZE_MAX - BLOCK + 1, 0) == NULL);
    CHECK(other_exc == PY_NULL);
    /* making a MemoryError works with no room at all: every last block is
     * taken, and kept */
    collect(); /* the MemoryError objects made so far go */
    deep(take_every_block);
    py_gc_info_get(&info);
    CHECK(info.free == 0);
    py_nlr nlr;
    volatile py_val exc = PY_NULL;
    py_try(nlr) {
        py_list_new(10, NULL);
        py_nlr_pop();
    } else {
        exc = nlr.exc;
    }
    CHECK(exc != PY_NULL && is_memory_error(exc));
    /* after dropping the root everything is free again */
    py_st.extra[8] = PY_NULL;
    exc = PY_NULL;
    collect();
    CHECK(heap_used() == base);
    CHECK(alloc_or_null(8 * 1024, 0) != NULL);
    CHECK(fill_heap_rooted() > 0);
}

static void test_full_heap_collects_itself(void) {
    fresh_heap(32 * 1024, false);
    /* far more garbage than the heap holds: each failed attempt collects */
    other_exc = PY_NULL;
    size_t ok = 0;
    for (int i = 0; i < 5000; i++) {
        ok += alloc_or_null((size_t)(1 + i % 7) * 24, 0) != NULL;
    }
    CHECK(ok == 5000 && other_exc == PY_NULL);
    /* big ones too, with fragments in between */
    for (int i = 0; i < 200; i++) {
        ok += alloc_or_null(8 * 1024, 0) != NULL;
        alloc_or_null(BLOCK, 0);
    }
    CHECK(ok == 5200);
}

/* ---- fragmentation */

/* A table that keeps growing by half (as dicts and lists do) while small
 * objects come and go around it, one in four surviving in the table: the
 * pattern of counting words in a dict. Before the first collection the
 * survivors are spread over the whole heap, so no allocator that does not
 * move objects finds room for everything; the table must still find room
 * until the live data is 40% of the heap (29-31% when small objects and
 * tables shared one next-fit pointer). In: deep_n, the heap's size;
 * out: deep_n, the live bytes reached. */
static NOINLINE void grow_among_small_deep(void) {
    size_t total = (size_t)deep_n, cap = 8, used = 0, live = 0;
    uintptr_t *table = alloc_or_null(cap * sizeof(uintptr_t), 0);
    py_st.extra[9] = PY_OBJ(table);
    for (size_t i = 0; table != NULL && live * 10 < total * 4; i++) {
        uintptr_t *obj = alloc_or_null(24, 0);
        if (obj == NULL) {
            break;
        }
        if (i % 4 != 0) {
            continue;
        }
        if (used == cap) {
            size_t bigger_cap = cap + cap / 2;
            uintptr_t *bigger = alloc_or_null(bigger_cap * sizeof(uintptr_t), 0);
            if (bigger == NULL) {
                break;
            }
            memcpy(bigger, table, used * sizeof(uintptr_t));
            table = bigger;
            cap = bigger_cap;
            py_st.extra[9] = PY_OBJ(table);
        }
        table[used++] = (uintptr_t)obj;
        live = used * py_gc_block_bytes(obj) + cap * sizeof(uintptr_t);
    }
    deep_n = (int)live;
}

static void test_growing_table_among_small_objects(void) {
    fresh_heap(64 * 1024, false);
    py_gc_info info;
    py_gc_info_get(&info);
    deep_n = (int)info.total;
    other_exc = PY_NULL;
    deep(grow_among_small_deep);
    CHECK(other_exc == PY_NULL);
    CHECK((size_t)deep_n * 10 >= info.total * 4); /* all at the top: 43-46% */
    py_st.extra[9] = PY_NULL;
}

/* ---- several regions */

static bool in_region(size_t i, const void *p) {
    uintptr_t start;
    size_t total, free_bytes;
    py_gc_region_info(i, &start, &total, &free_bytes);
    return (uintptr_t)p >= start && (uintptr_t)p < start + total;
}

/* Fills the first region with rooted 32-byte objects until one lands in the
 * second; returns how many landed in the first, 0 if something is off. */
static NOINLINE void spill_into_second_region(void) {
    deep_n = 0;
    void *big = py_gc_alloc(16 * 1024); /* fits only the second region */
    if (!in_region(1, big) || in_region(0, big)) {
        return;
    }
    int n_first = 0;
    for (;;) {
        uintptr_t *p = py_gc_alloc(32);
        p[0] = py_st.extra[9];
        py_st.extra[9] = PY_OBJ(p);
        if (!in_region(0, p)) {
            deep_n = in_region(1, p) ? n_first : 0;
            return;
        }
        n_first++;
    }
}

/* Used bytes of region i. Not inlined: its `start`, the address of the
 * region's first block, must not sit in the caller's frame. */
static NOINLINE size_t region_used(size_t i) {
    uintptr_t start;
    size_t total, free_bytes;
    py_gc_region_info(i, &start, &total, &free_bytes);
    return total - free_bytes;
}

/* Sizes and alignment of the two regions test_two_regions adds. (A local
 * holding a region's start would keep its first block alive.) */
static NOINLINE void two_regions_geometry(void) {
    py_gc_info info;
    py_gc_info_get(&info);
    uintptr_t s0, s1;
    size_t t0, t1, f0, f1;
    py_gc_region_info(0, &s0, &t0, &f0);
    py_gc_region_info(1, &s1, &t1, &f1);
    deep_ok = t0 > 3 * 1024 && t0 < 4 * 1024 && t1 > 60 * 1024 && t1 < 64 * 1024 &&
           info.total == t0 + t1 && info.free == f0 + f1 && s1 % BLOCK == 0 &&
           s1 > (uintptr_t)heap_b && s0 > (uintptr_t)heap_a;
}

static void test_two_regions(void) {
    memset(&py_st, 0, offsetof(py_state, roots_end));
    py_gc_init();
    py_gc_add_region(heap_a, 4 * 1024);
    py_gc_add_region(heap_b + 3, 64 * 1024); /* a start that is not aligned */
    CHECK(py_gc_region_count() == 2);
    deep(two_regions_geometry);
    CHECK(deep_ok);
    deep(spill_into_second_region);
    size_t n_first = (size_t)deep_n;
    CHECK(n_first > 0);
    CHECK(n_first == region_used(0) / 32);
    CHECK(region_used(0) > 4 * 1024 - 32 - 4 * 1024 / 16); /* full, less its tables */
    /* an allocation larger than any region */
    CHECK(alloc_or_null(100 * 1024, 0) == NULL);
    /* the big one is garbage; the chain survives in both regions */
    collect();
    CHECK(region_used(0) == n_first * 32);
    CHECK(region_used(1) == 32);
    py_st.extra[9] = PY_NULL;
    collect();
    CHECK(region_used(0) == 0 && region_used(1) == 0);
    /* regions too small to use are ignored */
    static _Alignas(16) uint8_t tiny[4 * BLOCK];
    py_gc_add_region(tiny, sizeof(tiny));
    CHECK(py_gc_region_count() == 2);
}

/* ---- lock and threshold */

static void test_heap_lock(void) {
    fresh_heap(64 * 1024, false);
    py_gc_lock();
    CHECK(alloc_or_null(BLOCK, 0) == NULL && other_exc == PY_NULL);
    CHECK(py_gc_try_alloc(BLOCK) == NULL);
    py_nlr nlr;
    volatile int raised = 0;
    py_try(nlr) {
        py_list_new(3, NULL);
        py_nlr_pop();
    } else {
        raised = is_memory_error(nlr.exc) ? 1 : 2;
    }
    py_gc_unlock();
    CHECK(raised == 1);
    CHECK(alloc_or_null(BLOCK, 0) != NULL);
}

static void test_threshold(void) {
    fresh_heap(256 * 1024, false);
    CHECK(py_gc_get_threshold() == -1);
    py_gc_set_threshold(-7);
    CHECK(py_gc_get_threshold() == -1);
    /* no threshold: garbage stays until the heap is full */
    n_finalised = 0;
    make_counted_garbage(10);
    for (int i = 0; i < 1000; i++) {
        py_gc_alloc(64);
    }
    CHECK(n_finalised == 0);
    collect();
    CHECK(n_finalised == 10);
    /* with a threshold of 4 KiB a collection comes after about 4 KiB */
    py_gc_set_threshold(4096);
    CHECK(py_gc_get_threshold() == 4096);
    collect();
    n_finalised = 0;
    make_counted_garbage(10); /* 10 * 32 or 10 * 64 bytes */
    int collected_at = -1;
    for (int i = 0; i < 200 && collected_at < 0; i++) {
        py_gc_alloc(64);
        if (n_finalised > 0) {
            collected_at = i;
        }
    }
    size_t garbage = 10 * 2 * BLOCK;
    int expect = (int)((4096 - garbage) / 64);
    CHECK(n_finalised == 10);
    CHECK(collected_at >= expect - 2 && collected_at <= expect + 2);
    /* disabled: no automatic collection */
    py_gc_enable(false);
    CHECK(!py_gc_is_enabled());
    n_finalised = 0;
    make_counted_garbage(10);
    for (int i = 0; i < 500; i++) {
        py_gc_alloc(64);
    }
    CHECK(n_finalised == 0);
    collect(); /* an explicit collection still runs */
    CHECK(n_finalised == 10);
    py_gc_enable(true);
    py_gc_set_threshold(-1);
}

/* ---- deep structures: more than the mark stack holds */

static NOINLINE void make_deep_list(void) {
    py_val outer = py_list_new(0, NULL);
    py_st.extra[11] = outer;
    for (int i = 0; i < deep_n; i++) {
        py_val inner = py_list_new(0, NULL);
        py_list_append(outer, PY_SMALL(i));
        py_list_append(outer, inner);
        outer = inner;
    }
}

static NOINLINE void make_wide_dict(void) {
    py_val d = py_dict_new(0);
    py_st.extra[12] = d;
    for (int i = 0; i < deep_n; i++) {
        py_dict_store(d, PY_SMALL(i), py_list_new(1, NULL));
    }
}

/* deep_n: the depth of the chain from make_deep_list, -1 if a level is
 * wrong. */
static NOINLINE void deep_list_depth(void) {
    py_val l = py_st.extra[11];
    int depth = 0;
    while (py_len(l) == 2) {
        py_list *lst = py_ptr(l);
        if (lst->items[0] != PY_SMALL(depth)) {
            deep_n = -1;
            return;
        }
        l = lst->items[1];
        depth++;
    }
    deep_n = depth;
}

static NOINLINE void wide_dict_intact(void) {
    deep_ok = true;
    for (int i = 0; i < deep_n; i++) {
        py_val v = py_dict_get(py_st.extra[12], PY_SMALL(i));
        if (v == PY_NULL || !py_is_type(v, &py_type_list) || py_len(v) != 1) {
            deep_ok = false;
        }
    }
}

static void test_deep_and_wide(void) {
    fresh_heap(512 * 1024, true);
    collect();
    size_t base = heap_used();
    deep_n = 3000;
    deep(make_deep_list);
    deep_n = 1000;
    deep(make_wide_dict);
    collect();
    size_t used = heap_used();
    make_block_garbage(50);
    collect();
    CHECK(heap_used() == used);
    deep(deep_list_depth);
    CHECK(deep_n == 3000);
    deep_n = 1000;
    deep(wide_dict_intact);
    CHECK(deep_ok);
    py_st.extra[11] = py_st.extra[12] = PY_NULL;
    collect();
    CHECK(heap_used() == base);
}

/* ---- driver */

typedef struct gc_case {
    const char *name;
    void (*run)(void);
} gc_case;

static const gc_case cases[] = {
    {"alloc_basic", test_alloc_basic},
    {"alloc_zeroed", test_alloc_zeroed},
    {"free", test_free},
    {"accounting", test_accounting},
    {"dump_layout", test_dump_layout},
    {"realloc_in_place", test_realloc_in_place},
    {"realloc_moving", test_realloc_moving},
    {"realloc_errors", test_realloc_errors},
    {"collect_unreachable", test_collect_unreachable},
    {"collect_cycles", test_collect_cycles},
    {"roots_keep_alive", test_roots_keep_alive},
    {"stack_keeps_alive", test_stack_keeps_alive},
    {"interior_pointers", test_interior_pointers},
    {"scan_whole_allocation", test_scan_whole_allocation},
    {"leaf_not_scanned", test_leaf_not_scanned},
    {"finalisers", test_finalisers},
    {"deinit_finalises", test_deinit_finalises},
    {"finaliser_that_raises", test_finaliser_that_raises},
    {"memory_error", test_memory_error},
    {"full_heap_collects_itself", test_full_heap_collects_itself},
    {"growing_table_among_small_objects", test_growing_table_among_small_objects},
    {"two_regions", test_two_regions},
    {"heap_lock", test_heap_lock},
    {"threshold", test_threshold},
    {"deep_and_wide", test_deep_and_wide},
};

static void run_case(const gc_case *c) {
    case_name = c->name;
    case_failed = false;
    other_exc = PY_NULL;
    py_nlr nlr;
    py_try(nlr) {
        /* the case's frame starts out zero, not with the last case's words */
        scrub_stack();
        c->run();
        py_nlr_pop();
    } else {
        fprintf(stderr, "FAIL %s.%s: uncaught exception: ", PREFIX, c->name);
        py_print_exception(&py_print_stderr, nlr.exc);
        case_failed = true;
    }
    py_gc_unlock();
    py_gc_enable(true);
    py_gc_set_threshold(-1);
    fprintf(results, "%s %s.%s\n", case_failed ? "FAIL" : "PASS", PREFIX, c->name);
    fflush(results);
    if (case_failed) {
        n_failed++;
    } else {
        n_passed++;
    }
}

static void write_err(const char *s, size_t n) { fwrite(s, 1, n, stderr); }

int main(int argc, char **argv) {
    results = argc > 1 ? fopen(argv[1], "w") : stdout;
    if (results == NULL) {
        perror(argv[1]);
        return 1;
    }
    int stack_top;
    py_stack_set_top(&stack_top);
    py_stack_set_limit(256 * 1024);
    py_port_hooks.write_stdout = write_err;
    py_port_hooks.write_stderr = write_err;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (argc > 2 && strcmp(argv[2], cases[i].name) != 0) {
            continue;
        }
        run_case(&cases[i]);
    }
    memset(&py_st, 0, offsetof(py_state, roots_end));
    fprintf(stderr, "test_gc (%s): %d passed, %d failed\n", PREFIX, n_passed, n_failed);
    if (results != stdout) {
        fclose(results);
    }
    return 0;
}
