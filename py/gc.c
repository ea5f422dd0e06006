/*
 * gc.c - the heap: fixed-size blocks in one or more regions, a mark-sweep
 * collector.
 *
 * Each region handed to py_gc_add_region() is carved into three tables and a
 * pool of blocks of PY_BYTES_PER_BLOCK bytes:
 *   - the allocation table, 2 bits per block: free, head (first block of an
 *     allocation), tail (the rest of it), or mark (a head reached this cycle);
 *   - the finaliser table and the leaf table, 1 bit per block each.
 * Small objects are the common case, so blocks are two words: a float or a
 * one-element tuple costs one block on a 32-bit board.
 *
 * Roots are py_st's root words, the registers (spilled with setjmp) and the
 * C stack, all scanned conservatively; every reached block is scanned
 * conservatively too, except leaf blocks. Interior pointers keep their
 * allocation alive, because optimised C code may hold only a pointer into the
 * middle of an array.
 */
#include <stdio.h>
#include <string.h>

#include "campy.h"

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define GC_HAVE_VALGRIND 1
#endif
#endif
#ifndef GC_HAVE_VALGRIND
#define VALGRIND_MAKE_MEM_DEFINED(p, n) ((void)(p), (void)(n))
#endif

#define GC_MAX_REGIONS 4
#define BLOCK PY_BYTES_PER_BLOCK
#define WORDS_PER_BLOCK (BLOCK / sizeof(uintptr_t))
#define LARGE_RUN_BLOCKS 32 /* allocations this long are placed top-down */

enum { AT_FREE = 0, AT_HEAD = 1, AT_TAIL = 2, AT_MARK = 3 };

typedef struct gc_region {
    uint8_t *alloc_table; /* 4 blocks per byte */
    uint8_t *fin_table;   /* 8 blocks per byte */
    uint8_t *leaf_table;  /* 8 blocks per byte */
    uint8_t *pool;
    uintptr_t pool_end;
    size_t n_blocks;
    size_t first_free; /* no free block below this index */
    size_t large_fit;  /* where the last large allocation began (they go down) */
    size_t large_floor; /* lowest large allocation: small ones stay below it */
    /* small_fit[n]: no run of n free blocks starts below this index (until
     * the next sweep, or a py_gc_free, opens new holes) */
    size_t small_fit[LARGE_RUN_BLOCKS];
} gc_region;

static struct {
    gc_region regions[GC_MAX_REGIONS];
    size_t n_regions;
    bool enabled, locked, collecting;
    py_int_t threshold;    /* bytes; -1 for none */
    size_t since_collect;  /* bytes allocated since the last collection */
    size_t total_bytes;    /* of every region's blocks */
    /* Marking uses an explicit stack; on overflow the heap is rescanned. */
    uintptr_t mark_stack[64];
    size_t mark_sp;
    bool mark_overflow;
} gc;

static inline unsigned at_get(const gc_region *r, size_t b) {
    return (r->alloc_table[b >> 2] >> ((b & 3) * 2)) & 3;
}
static inline void at_set(gc_region *r, size_t b, unsigned v) {
    uint8_t *p = &r->alloc_table[b >> 2];
    unsigned shift = (b & 3) * 2;
    *p = (uint8_t)((*p & ~(3u << shift)) | (v << shift));
}
static inline bool bit_get(const uint8_t *t, size_t b) { return (t[b >> 3] >> (b & 7)) & 1; }
static inline void bit_set(uint8_t *t, size_t b, bool v) {
    if (v) {
        t[b >> 3] |= (uint8_t)(1u << (b & 7));
    } else {
        t[b >> 3] &= (uint8_t)~(1u << (b & 7));
    }
}

void py_gc_init(void) {
    memset(&gc, 0, sizeof(gc));
    gc.enabled = true;
    gc.threshold = -1;
}

void py_gc_add_region(void *start, size_t bytes) {
    if (gc.n_regions == GC_MAX_REGIONS) {
        return;
    }
    uintptr_t s = ((uintptr_t)start + BLOCK - 1) & ~(uintptr_t)(BLOCK - 1);
    uintptr_t e = ((uintptr_t)start + bytes) & ~(uintptr_t)(BLOCK - 1);
    if (e <= s + 4 * BLOCK) {
        return;
    }
    /* Per block: BLOCK bytes of pool + 2 bits + 1 bit + 1 bit of tables. */
    size_t total = e - s;
    size_t n = (total * 8) / (BLOCK * 8 + 4);
    size_t at_bytes = (n + 3) / 4, bit_bytes = (n + 7) / 8;
    size_t table_bytes = (at_bytes + 2 * bit_bytes + BLOCK - 1) & ~(size_t)(BLOCK - 1);
    while (n > 0 && table_bytes + n * BLOCK > total) {
        n--;
    }
    gc_region *r = &gc.regions[gc.n_regions++];
    r->alloc_table = (uint8_t *)s;
    r->fin_table = r->alloc_table + at_bytes;
    r->leaf_table = r->fin_table + bit_bytes;
    memset(r->alloc_table, 0, table_bytes);
    r->pool = (uint8_t *)(s + table_bytes);
    r->n_blocks = n;
    r->pool_end = (uintptr_t)r->pool + n * BLOCK;
    r->first_free = 0;
    gc.total_bytes += n * BLOCK;
    r->large_fit = n;
    r->large_floor = n;
    for (size_t k = 0; k < LARGE_RUN_BLOCKS; k++) {
        r->small_fit[k] = 0;
    }
}

size_t py_gc_region_count(void) { return gc.n_regions; }

/* Finds the region holding ptr, or NULL. */
static gc_region *region_of(uintptr_t p) {
    for (size_t i = 0; i < gc.n_regions; i++) {
        gc_region *r = &gc.regions[i];
        if (p >= (uintptr_t)r->pool && p < r->pool_end) {
            return r;
        }
    }
    return NULL;
}

bool py_gc_is_heap_ptr(const void *ptr) { return region_of((uintptr_t)ptr) != NULL; }

static size_t alloc_len(const gc_region *r, size_t head) {
    size_t b = head + 1;
    while (b < r->n_blocks && (b & 3) != 0) {
        if (at_get(r, b) != AT_TAIL) {
            return b - head;
        }
        b++;
    }
    /* a long allocation: its table is bytes of four tails (0xaa); step over
     * eight such bytes at a time */
    const uint64_t all_tails = 0xaaaaaaaaaaaaaaaaull;
    while (b + 32 <= r->n_blocks) {
        uint64_t w;
        memcpy(&w, &r->alloc_table[b >> 2], sizeof(w));
        if (w != all_tails) {
            break;
        }
        b += 32;
    }
    while (b + 4 <= r->n_blocks && r->alloc_table[b >> 2] == 0xaa) {
        b += 4;
    }
    while (b < r->n_blocks && at_get(r, b) == AT_TAIL) {
        b++;
    }
    return b - head;
}

/* ---- marking */

static void mark_push(uintptr_t block_addr) {
    if (gc.mark_sp < sizeof(gc.mark_stack) / sizeof(gc.mark_stack[0])) {
        gc.mark_stack[gc.mark_sp++] = block_addr;
    } else {
        gc.mark_overflow = true;
    }
}

/* If word points into an unmarked allocation, marks it and queues it. */
static void mark_word(uintptr_t word) {
    gc_region *r = region_of(word);
    if (r == NULL) {
        return;
    }
    size_t b = (word - (uintptr_t)r->pool) / BLOCK;
    unsigned st = at_get(r, b);
    while (st == AT_TAIL) {
        st = at_get(r, --b);
    }
    if (st != AT_HEAD) {
        return; /* free, or already marked */
    }
    at_set(r, b, AT_MARK);
    if (!bit_get(r->leaf_table, b)) {
        mark_push((uintptr_t)r->pool + b * BLOCK);
    }
}

static void scan_block(uintptr_t addr) {
    gc_region *r = region_of(addr);
    size_t b = (addr - (uintptr_t)r->pool) / BLOCK;
    size_t n = alloc_len(r, b);
    const uintptr_t *w = (const uintptr_t *)addr;
    for (size_t i = 0; i < n * WORDS_PER_BLOCK; i++) {
        mark_word(w[i]);
    }
}

static void drain_mark_stack(void) {
    while (gc.mark_sp > 0) {
        scan_block(gc.mark_stack[--gc.mark_sp]);
    }
}

static void mark_range(const void *start, size_t n_words) {
    const uintptr_t *w = (const uintptr_t *)start;
    for (size_t i = 0; i < n_words; i++) {
        mark_word(w[i]);
        drain_mark_stack();
    }
}

/* After a mark-stack overflow, some marked blocks were not scanned: rescan
 * every marked block until nothing new is found. */
static void finish_overflow(void) {
    while (gc.mark_overflow) {
        gc.mark_overflow = false;
        for (size_t i = 0; i < gc.n_regions; i++) {
            gc_region *r = &gc.regions[i];
            for (size_t b = 0; b < r->n_blocks; b++) {
                if (at_get(r, b) == AT_MARK && !bit_get(r->leaf_table, b)) {
                    scan_block((uintptr_t)r->pool + b * BLOCK);
                    drain_mark_stack();
                }
            }
        }
    }
}

/* The stack between two addresses, read as whole words. The bounds come in
 * as integers the compiler cannot trace back to one local variable: told
 * that a pointer is derived from `here`, clang -O1 assumes every read stays
 * inside `here` and scans that one word over and over. The words between
 * locals include AddressSanitizer's redzones, which this loop must read. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline, no_sanitize_address))
#endif
static void mark_stack_range(uintptr_t lo, uintptr_t hi) {
    for (uintptr_t a = lo; hi - a >= sizeof(uintptr_t); a += sizeof(uintptr_t)) {
        mark_word(*(const volatile uintptr_t *)a);
        drain_mark_stack();
    }
}

/* Kept out of line so its frame (holding the spilled registers) is below the
 * caller's on the stack and gets scanned. setjmp alone is not enough: glibc
 * scrambles the frame pointer register in the jmp_buf, and optimised code
 * keeps ordinary pointers there; __builtin_unwind_init spills every
 * callee-saved register into this frame. */
__attribute__((noinline)) static void mark_stack_and_registers(void) {
    __builtin_unwind_init();
    jmp_buf regs;
    memset(&regs, 0, sizeof(regs)); /* setjmp leaves parts (the signal mask) unwritten */
    setjmp(regs);
    volatile uintptr_t here = 0;
    uintptr_t lo = (uintptr_t)&here & ~(uintptr_t)(sizeof(uintptr_t) - 1);
    uintptr_t hi = (uintptr_t)py_st.stack_top;
    __asm__ volatile("" : "+r"(lo)); /* forget where lo came from (see above) */
    mark_range(&regs, sizeof(regs) / (sizeof(uintptr_t)));
    if (hi > lo) {
        VALGRIND_MAKE_MEM_DEFINED((void *)lo, hi - lo);
        mark_stack_range(lo, hi);
    }
}

/* An exception escaping a finaliser (a MemoryError: nothing can be
 * allocated while sweeping) is dropped, as it must not abandon the sweep. */
static void run_finaliser(py_head *obj) {
    if (obj->type == NULL || obj->type->finalise == NULL) {
        return;
    }
    py_nlr nlr;
    py_try(nlr) {
        obj->type->finalise(PY_OBJ(obj));
        py_nlr_pop();
    } else {
        /* dropped */
    }
}

static void sweep(void) {
    for (size_t i = 0; i < gc.n_regions; i++) {
        gc_region *r = &gc.regions[i];
        bool freeing = false;
        size_t first = SIZE_MAX;
        r->large_floor = r->n_blocks;
        for (size_t b = 0; b < r->n_blocks; b++) {
            if ((b & 3) == 0 && r->alloc_table[b >> 2] == 0 && b + 4 <= r->n_blocks) {
                freeing = false; /* four free blocks: nothing to do */
                if (first == SIZE_MAX) {
                    first = b;
                }
                b += 3;
                continue;
            }
            switch (at_get(r, b)) {
            case AT_HEAD:
                if (bit_get(r->fin_table, b)) {
                    bit_set(r->fin_table, b, false);
                    py_head *obj = (py_head *)(r->pool + b * BLOCK);
                    run_finaliser(obj);
                }
                bit_set(r->leaf_table, b, false);
                at_set(r, b, AT_FREE);
                freeing = true;
                if (first == SIZE_MAX) {
                    first = b;
                }
                break;
            case AT_TAIL:
                if (freeing) {
                    at_set(r, b, AT_FREE);
                }
                break;
            case AT_MARK:
                at_set(r, b, AT_HEAD);
                freeing = false;
                if (r->large_floor == r->n_blocks && alloc_len(r, b) >= LARGE_RUN_BLOCKS) {
                    r->large_floor = b;
                }
                break;
            default:
                freeing = false;
                if (first == SIZE_MAX) {
                    first = b;
                }
                break;
            }
        }
        r->first_free = first == SIZE_MAX ? r->n_blocks : first;
    }
}

void py_gc_collect(void) {
    if (gc.collecting) {
        return;
    }
    gc.collecting = true;
    gc.mark_sp = 0;
    gc.mark_overflow = false;
    mark_range(&py_st, offsetof(py_state, roots_end) / sizeof(uintptr_t));
    mark_stack_and_registers();
    finish_overflow();
    sweep();
    for (size_t i = 0; i < gc.n_regions; i++) {
        gc_region *r = &gc.regions[i];
        for (size_t n = 0; n < LARGE_RUN_BLOCKS; n++) {
            r->small_fit[n] = r->first_free;
        }
        r->large_fit = r->n_blocks;
    }
    gc.since_collect = 0;
    gc.collecting = false;
}

/* ---- allocation */

/* Finds n free blocks in a row in [from, to); returns the first index or
 * SIZE_MAX. Moves first_free up past used blocks when starting from it. */
static size_t find_run_in(gc_region *r, size_t n, size_t from, size_t to) {
    size_t run = 0;
    bool all_used_so_far = from == r->first_free;
    for (size_t b = from; b < to; b++) {
        /* Skip whole table bytes of used blocks quickly. */
        if ((b & 3) == 0 && run == 0 && r->alloc_table[b >> 2] != 0 && b + 4 <= to) {
            uint8_t byte = r->alloc_table[b >> 2];
            if ((byte & 0x03) && (byte & 0x0c) && (byte & 0x30) && (byte & 0xc0)) {
                if (all_used_so_far) {
                    r->first_free = b + 4;
                }
                b += 3;
                continue;
            }
        }
        if (at_get(r, b) == AT_FREE) {
            if (all_used_so_far) {
                r->first_free = b;
                all_used_so_far = false;
            }
            if (++run == n) {
                return b + 1 - n;
            }
        } else {
            run = 0;
        }
    }
    return SIZE_MAX;
}

/* Finds n free blocks in a row inside [lowest, below), searching downward
 * from `below`; returns the first index of the highest such run or SIZE_MAX. */
static size_t find_run_down(gc_region *r, size_t n, size_t below, size_t lowest) {
    size_t run = 0;
    for (size_t b = below; b > lowest;) {
        b--;
        /* Skip whole table bytes of used blocks quickly. */
        if ((b & 3) == 3 && run == 0 && b >= lowest + 3) {
            uint8_t byte = r->alloc_table[b >> 2];
            if ((byte & 0x03) && (byte & 0x0c) && (byte & 0x30) && (byte & 0xc0)) {
                b -= 3;
                continue;
            }
        }
        if (at_get(r, b) != AT_FREE) {
            run = 0;
        } else if (++run == n) {
            return b;
        }
    }
    return SIZE_MAX;
}

/* Large allocations (arrays of dicts, lists, long strings) are placed from
 * the top of the region down, small objects first-fit from the bottom up.
 * Kept apart, the many short-lived small objects cannot cut the heap into
 * holes too short for the next array, survivors of a collection stay packed
 * low, and a freed array leaves a hole the next one fits in. */

static size_t find_large_run(gc_region *r, size_t n, bool wrap) {
    size_t b = find_run_down(r, n, r->large_fit, r->first_free);
    if (b == SIZE_MAX && wrap && r->large_fit < r->n_blocks) {
        size_t lowest = r->large_fit + 1 > n ? r->large_fit + 1 - n : 0;
        b = find_run_down(r, n, r->n_blocks, lowest > r->first_free ? lowest : r->first_free);
    }
    if (b != SIZE_MAX) {
        r->large_fit = b;
    }
    return b;
}

/* Single blocks fill holes first-fit from the lowest free block; so do
 * other small runs, each length starting where the last search for it ended
 * (no run of that length lies below), so that a heap of short-lived objects
 * is not rescanned from its lowest hole at every allocation. */
static size_t find_run(gc_region *r, size_t n, bool wrap) {
    if (n >= LARGE_RUN_BLOCKS) {
        size_t b = find_large_run(r, n, wrap);
        if (b < r->large_floor) {
            r->large_floor = b;
        }
        return b;
    }
    /* Below the large allocations first; when that is full, a collection
     * (the caller's, if much was allocated since the last) comes before
     * small objects move in among them. */
    size_t limit = wrap ? r->n_blocks : r->large_floor;
    if (n == 1) {
        return find_run_in(r, 1, r->first_free, limit);
    }
    size_t start = r->small_fit[n] > r->first_free ? r->small_fit[n] : r->first_free;
    size_t b = find_run_in(r, n, start, limit);
    if (b == SIZE_MAX && wrap && start > r->first_free) {
        size_t end = start + n - 1 < r->n_blocks ? start + n - 1 : r->n_blocks;
        b = find_run_in(r, n, r->first_free, end);
    }
    if (b != SIZE_MAX) {
        r->small_fit[n] = b + n;
    } else if (r->small_fit[n] < limit) {
        /* no run below limit; one may have been found above it since */
        r->small_fit[n] = wrap ? r->n_blocks : limit;
    }
    return b;
}

/* wrap: also search below the fit points. Without it a failed search
 * costs at most the rest of the heap: the caller collects before looking
 * through the holes behind, which a collection would mostly merge anyway. */
static void *alloc_in_regions(size_t n_blocks, unsigned flags, bool wrap) {
    for (size_t i = 0; i < gc.n_regions; i++) {
        gc_region *r = &gc.regions[i];
        size_t b = find_run(r, n_blocks, wrap);
        if (b == SIZE_MAX) {
            continue;
        }
        at_set(r, b, AT_HEAD);
        for (size_t k = 1; k < n_blocks; k++) {
            at_set(r, b + k, AT_TAIL);
        }
        bit_set(r->fin_table, b, (flags & PY_GC_FINALISE) != 0);
        bit_set(r->leaf_table, b, (flags & PY_GC_LEAF) != 0);
        if (b == r->first_free) {
            r->first_free = b + n_blocks;
        }
        void *p = r->pool + b * BLOCK;
        memset(p, 0, n_blocks * BLOCK);
        gc.since_collect += n_blocks * BLOCK;
        return p;
    }
    return NULL;
}

static void *gc_alloc(size_t bytes, unsigned flags, bool may_collect) {
    if (gc.locked || gc.collecting) {
        return NULL;
    }
    if (bytes == 0) {
        bytes = 1;
    }
    if (bytes > SIZE_MAX - BLOCK) {
        return NULL;
    }
    size_t n = (bytes + BLOCK - 1) / BLOCK;
    if (may_collect && gc.enabled && gc.threshold >= 0 &&
        gc.since_collect >= (size_t)gc.threshold) {
        py_gc_collect();
    }
    bool can_collect = may_collect && gc.enabled;
    void *p = alloc_in_regions(n, flags, !can_collect);
    if (p == NULL && may_collect) {
        /* A collection pays when enough was allocated since the last one
         * for much of it to be garbage by now. Right after one, the room
         * below the large allocations is full of live data: collecting again
         * at every small object would free nothing (minutes of collections
         * on a big heap), so the search takes the rest of the heap first. */
        if (gc.since_collect < gc.total_bytes / 8) {
            p = alloc_in_regions(n, flags, true);
        }
        if (p == NULL) {
            py_gc_collect();
            p = alloc_in_regions(n, flags, true);
        }
    }
    return p;
}

void *py_gc_alloc_flags(size_t bytes, unsigned flags) {
    void *p = gc_alloc(bytes, flags, true);
    if (p == NULL) {
        py_raise_memory_error();
    }
    return p;
}

void *py_gc_alloc(size_t bytes) { return py_gc_alloc_flags(bytes, 0); }

void *py_gc_try_alloc(size_t bytes) { return gc_alloc(bytes, 0, false); }

static gc_region *head_region(const void *ptr, size_t *block) {
    gc_region *r = region_of((uintptr_t)ptr);
    if (r == NULL) {
        return NULL;
    }
    size_t b = ((uintptr_t)ptr - (uintptr_t)r->pool) / BLOCK;
    if (((uintptr_t)ptr - (uintptr_t)r->pool) % BLOCK != 0 || at_get(r, b) != AT_HEAD) {
        return NULL;
    }
    *block = b;
    return r;
}

size_t py_gc_block_bytes(const void *ptr) {
    size_t b;
    gc_region *r = head_region(ptr, &b);
    return r == NULL ? 0 : alloc_len(r, b) * BLOCK;
}

void py_gc_free(void *ptr) {
    size_t b;
    gc_region *r = head_region(ptr, &b);
    if (r == NULL || gc.collecting) {
        return;
    }
    size_t n = alloc_len(r, b);
    for (size_t k = 0; k < n; k++) {
        at_set(r, b + k, AT_FREE);
    }
    bit_set(r->fin_table, b, false);
    bit_set(r->leaf_table, b, false);
    /* first_free stays where it is: pointing it back at this hole would make
     * the next allocations rescan everything between here and the frontier;
     * the next sweep finds the hole */
}

void *py_gc_realloc(void *ptr, size_t new_bytes) {
    if (ptr == NULL) {
        return py_gc_alloc(new_bytes);
    }
    size_t b;
    gc_region *r = head_region(ptr, &b);
    if (r == NULL) {
        py_raise_msg(&py_type_RuntimeError, "realloc of a non-heap pointer");
    }
    if (new_bytes == 0) {
        new_bytes = 1;
    }
    if (new_bytes > SIZE_MAX - BLOCK) {
        py_raise_memory_error(); /* the block count below would wrap */
    }
    size_t have = alloc_len(r, b);
    size_t want = (new_bytes + BLOCK - 1) / BLOCK;
    if (want <= have) {
        for (size_t k = want; k < have; k++) {
            at_set(r, b + k, AT_FREE);
        }
        return ptr; /* the tail blocks are found again by the next sweep */
    }
    /* Grow in place when the following blocks are free. */
    size_t k = have;
    while (k < want && b + k < r->n_blocks && at_get(r, b + k) == AT_FREE) {
        k++;
    }
    if (k == want) {
        for (size_t i = have; i < want; i++) {
            at_set(r, b + i, AT_TAIL);
        }
        memset(r->pool + (b + have) * BLOCK, 0, (want - have) * BLOCK);
        gc.since_collect += (want - have) * BLOCK;
        return ptr;
    }
    unsigned flags = (bit_get(r->fin_table, b) ? PY_GC_FINALISE : 0) |
                     (bit_get(r->leaf_table, b) ? PY_GC_LEAF : 0);
    void *p = py_gc_alloc_flags(new_bytes, flags);
    memcpy(p, ptr, have * BLOCK);
    bit_set(r->fin_table, b, false); /* the finaliser moves with the data */
    py_gc_free(ptr);
    return p;
}

/* ---- control and statistics */

void py_gc_enable(bool on) { gc.enabled = on; }
bool py_gc_is_enabled(void) { return gc.enabled; }
void py_gc_set_threshold(py_int_t bytes) { gc.threshold = bytes < 0 ? -1 : bytes; }
py_int_t py_gc_get_threshold(void) { return gc.threshold; }
void py_gc_lock(void) { gc.locked = true; }
void py_gc_unlock(void) { gc.locked = false; }

void py_gc_region_info(size_t i, uintptr_t *start, size_t *total, size_t *free) {
    *start = 0;
    *total = 0;
    if (free != NULL) {
        *free = 0;
    }
    if (i >= gc.n_regions) {
        return;
    }
    gc_region *r = &gc.regions[i];
    *start = (uintptr_t)r->pool;
    *total = r->n_blocks * BLOCK;
    for (size_t b = 0; free != NULL && b < r->n_blocks; b++) {
        if (at_get(r, b) == AT_FREE) {
            *free += BLOCK;
        }
    }
}

void py_gc_info_get(py_gc_info *info) {
    memset(info, 0, sizeof(*info));
    for (size_t i = 0; i < gc.n_regions; i++) {
        gc_region *r = &gc.regions[i];
        size_t run = 0, len = 0;
        info->total += r->n_blocks * BLOCK;
        for (size_t b = 0; b <= r->n_blocks; b++) {
            unsigned st = b < r->n_blocks ? at_get(r, b) : AT_HEAD;
            if (st == AT_FREE) {
                run++;
                info->free += BLOCK;
                continue;
            }
            if (run > info->max_free_run) {
                info->max_free_run = run;
            }
            run = 0;
            if (st == AT_TAIL) {
                len++;
                continue;
            }
            /* a head (or the end) closes the previous allocation */
            if (len == 1) {
                info->num_1block++;
            } else if (len == 2) {
                info->num_2block++;
            }
            if (len > info->max_block) {
                info->max_block = len;
            }
            len = b < r->n_blocks ? 1 : 0;
        }
    }
    info->used = info->total - info->free;
}

/* Lines of 64 blocks, each after the byte offset of its first block in its
 * region; two or more lines with every block free are one line saying how
 * many (as MicroPython's mem_info(1)): a 4 MiB region is thousands of
 * lines, mostly free, and a serial line at 115200 baud takes seconds for a
 * hundred of them. */
void py_gc_dump_layout(void (*out)(void *ctx, const char *s, size_t n), void *ctx) {
    static const char sym[] = ".hTm";
    for (size_t i = 0; i < gc.n_regions; i++) {
        gc_region *r = &gc.regions[i];
        size_t free_lines = 0;
        for (size_t first = 0; first < r->n_blocks || free_lines > 0; first += 64) {
            char line[96];
            size_t k = 0;
            bool all_free = first < r->n_blocks;
            for (size_t b = first; b < r->n_blocks && b < first + 64; b++) {
                all_free = all_free && at_get(r, b) == AT_FREE;
            }
            if (all_free && first + 64 <= r->n_blocks) {
                free_lines++;
                continue;
            }
            if (free_lines == 1) {
                first -= 64; /* one free line is shown as it is */
            } else if (free_lines > 1) {
                int n = snprintf(line, sizeof(line), "       (%lu lines all free)\n",
                                 (unsigned long)free_lines);
                out(ctx, line, (size_t)n);
            }
            free_lines = 0;
            if (first >= r->n_blocks) {
                break;
            }
            k = (size_t)snprintf(line, sizeof(line), "%08lx: ", (unsigned long)(first * BLOCK));
            for (size_t b = first; b < r->n_blocks && b < first + 64; b++) {
                line[k++] = sym[at_get(r, b)];
            }
            line[k++] = '\n';
            out(ctx, line, k);
        }
    }
}
