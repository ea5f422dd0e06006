/*
 * qstr.c - interned strings.
 *
 * A qstr is an index: below Q_COUNT into the static table generated at build
 * time (py/gen_defs.py), above it into pools appended at run time on the heap.
 * Each entry keeps its hash and length, so dictionaries keyed by names compare
 * words and never rehash. Interning looks in the static table by binary search
 * on the hash, then in the runtime pools, newest first.
 */
#include <string.h>

#include "campy.h"

typedef struct qstr_entry {
    uint32_t hash;
    uint32_t len;
    const char *str;
} qstr_entry;

static const qstr_entry static_table[] = {
#include "genhdr/qstrdata.h"
};

static const uint16_t static_by_hash[] = {
#include "genhdr/qstrhash.h"
};

/* A pool of runtime qstrs: a heap block, reached from py_st.qstr_pools. */
typedef struct qstr_pool {
    struct qstr_pool *prev;
    size_t first; /* qstr index of entries[0] */
    size_t n, alloc;
    qstr_entry entries[];
} qstr_pool;

#define N_STATIC (sizeof(static_table) / sizeof(static_table[0]))

uint32_t py_hash_bytes(const char *s, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (uint8_t)s[i];
        h *= 16777619u;
    }
    return h;
}

static const qstr_entry *entry_of(py_qstr q) {
    if (q < N_STATIC) {
        return &static_table[q];
    }
    for (qstr_pool *p = (qstr_pool *)py_st.qstr_pools; p != NULL; p = p->prev) {
        if (q >= p->first) {
            return q - p->first < p->n ? &p->entries[q - p->first] : &static_table[0];
        }
    }
    return &static_table[0];
}

static py_qstr find(const char *s, size_t len, uint32_t h) {
    size_t lo = 0, hi = sizeof(static_by_hash) / sizeof(static_by_hash[0]);
    while (lo < hi) { /* first entry with hash >= h */
        size_t mid = (lo + hi) / 2;
        if (static_table[static_by_hash[mid]].hash < h) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (; lo < sizeof(static_by_hash) / sizeof(static_by_hash[0]); lo++) {
        const qstr_entry *e = &static_table[static_by_hash[lo]];
        if (e->hash != h) {
            break;
        }
        if (e->len == len && memcmp(e->str, s, len) == 0) {
            return static_by_hash[lo];
        }
    }
    for (qstr_pool *p = (qstr_pool *)py_st.qstr_pools; p != NULL; p = p->prev) {
        for (size_t i = p->n; i-- > 0;) {
            const qstr_entry *e = &p->entries[i];
            if (e->hash == h && e->len == len && memcmp(e->str, s, len) == 0) {
                return p->first + i;
            }
        }
    }
    return Q_NULL;
}

py_qstr py_qstr_find(const char *s, size_t len) {
    return find(s, len, py_hash_bytes(s, len));
}

py_qstr py_qstr_from(const char *s, size_t len) {
    uint32_t h = py_hash_bytes(s, len);
    py_qstr q = find(s, len, h);
    if (q != Q_NULL) {
        return q;
    }
    if (len > UINT32_MAX - 1) {
        py_raise_memory_error();
    }
    /* Copy the text first: allocation may collect, and s may be on the heap
     * (reachable only from the caller's stack, which is scanned). */
    char *copy = py_gc_alloc_flags(len + 1, PY_GC_LEAF);
    memcpy(copy, s, len);
    qstr_pool *pool = (qstr_pool *)py_st.qstr_pools;
    if (pool == NULL || pool->n == pool->alloc) {
        size_t alloc = pool == NULL ? 16 : pool->alloc * 2;
        if (alloc > 512) {
            alloc = 512;
        }
        qstr_pool *np = py_gc_alloc(sizeof(qstr_pool) + alloc * sizeof(qstr_entry));
        np->prev = pool;
        np->first = pool == NULL ? N_STATIC : pool->first + pool->n;
        np->alloc = alloc;
        py_st.qstr_pools = PY_OBJ(np);
        pool = np;
    }
    qstr_entry *e = &pool->entries[pool->n];
    e->hash = h;
    e->len = (uint32_t)len;
    e->str = copy;
    return pool->first + pool->n++;
}

py_qstr py_qstr_from_cstr(const char *s) { return py_qstr_from(s, strlen(s)); }
const char *py_qstr_str(py_qstr q) { return entry_of(q)->str; }
size_t py_qstr_len(py_qstr q) { return entry_of(q)->len; }
uint32_t py_qstr_hash(py_qstr q) { return entry_of(q)->hash; }

const char *py_qstr_data(py_qstr q, size_t *len) {
    const qstr_entry *e = entry_of(q);
    *len = e->len;
    return e->str;
}

size_t py_qstr_count(void) {
    qstr_pool *p = (qstr_pool *)py_st.qstr_pools;
    return p == NULL ? N_STATIC : p->first + p->n;
}

void py_qstr_info(size_t *n_pool, size_t *n_qstr, size_t *n_bytes, size_t *n_total) {
    *n_pool = *n_qstr = *n_bytes = *n_total = 0;
    for (qstr_pool *p = (qstr_pool *)py_st.qstr_pools; p != NULL; p = p->prev) {
        (*n_pool)++;
        *n_qstr += p->n;
        *n_total += sizeof(qstr_pool) + p->alloc * sizeof(qstr_entry);
        for (size_t i = 0; i < p->n; i++) {
            *n_bytes += p->entries[i].len + 1;
            *n_total += p->entries[i].len + 1;
        }
    }
}
