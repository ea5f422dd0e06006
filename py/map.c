/*
 * map.c - the hash table behind dicts, module globals, class locals and
 * instance attributes.
 *
 * Entries sit in one array in insertion order, so iteration order is the
 * order of insertion, as Python's dict guarantees. Maps of up to
 * LINEAR_MAX entries have no index and are searched linearly (most instance
 * and class dicts are that small). Bigger maps add an open-addressing index of
 * 8-, 16- or 32-bit entry numbers, sized by the entry count, so the index
 * costs one byte per slot for most dicts. A removed entry keeps its place with
 * key PY_NULL until the next resize compacts the array.
 */
#include <string.h>

#include "campy.h"

#define LINEAR_MAX 8

static inline uint32_t key_hash(py_val key) {
    if (py_is_qstr(key)) {
        return py_qstr_hash(py_qstr_of(key));
    }
    if (py_is_small(key)) {
        return (uint32_t)py_small_value(key);
    }
    return (uint32_t)py_hash(key);
}

static inline bool key_equal(py_val stored, py_val key) {
    if (stored == key) {
        return true;
    }
    if (stored == PY_NULL || (py_is_qstr(stored) && py_is_qstr(key)) ||
        (py_is_small(stored) && py_is_small(key))) {
        return false;
    }
    return py_equal(stored, key);
}

/* ---- the index: slots hold entry number + 1, 0 for empty */

static size_t index_slots(size_t alloc) {
    size_t n = 16;
    while (n < alloc + alloc / 2) {
        n *= 2;
    }
    return n;
}

static size_t index_width(size_t alloc) { return alloc < 255 ? 1 : alloc < 65535 ? 2 : 4; }

static inline size_t index_get(const py_map *m, size_t slot) {
    size_t w = index_width(m->alloc);
    if (w == 1) {
        return ((const uint8_t *)m->index)[slot];
    }
    if (w == 2) {
        return ((const uint16_t *)m->index)[slot];
    }
    return ((const uint32_t *)m->index)[slot];
}

static inline void index_set(py_map *m, size_t slot, size_t v) {
    size_t w = index_width(m->alloc);
    if (w == 1) {
        ((uint8_t *)m->index)[slot] = (uint8_t)v;
    } else if (w == 2) {
        ((uint16_t *)m->index)[slot] = (uint16_t)v;
    } else {
        ((uint32_t *)m->index)[slot] = (uint32_t)v;
    }
}

static void index_insert(py_map *m, size_t entry, uint32_t h) {
    size_t mask = index_slots(m->alloc) - 1;
    size_t slot = h & mask;
    while (index_get(m, slot) != 0) {
        slot = (slot + 1) & mask;
    }
    index_set(m, slot, entry + 1);
}

/* Whether hashing the key can run Python code (a __hash__, or one inside a
 * tuple), which may raise or change the map being hashed. */
static bool hash_runs_code(py_val key) {
    if (!py_is_obj(key)) {
        return false;
    }
    const py_type *t = py_type_of(key);
    return !(t == &py_type_str || t == &py_type_bytes || t == &py_type_int ||
             t == &py_type_float || t == &py_type_bool || t == &py_type_none);
}

/* The hashes of the entries, worked out before the map is touched: a
 * __hash__ that raises then leaves the map as it was, instead of with a half
 * built index that loses entries. NULL when no key runs code. */
static uint32_t *hashes_before_resize(py_map *m) {
    py_map_entry *table = m->table;
    size_t filled = m->filled, alloc = m->alloc;
    size_t i = 0;
    while (i < filled && !hash_runs_code(table[i].key)) {
        i++;
    }
    if (i == filled) {
        return NULL;
    }
    uint32_t *hashes = py_gc_alloc_flags(filled * sizeof(uint32_t), PY_GC_LEAF);
    for (i = 0; i < filled; i++) {
        if (table[i].key != PY_NULL) {
            hashes[i] = key_hash(table[i].key);
            if (m->table != table || m->filled != filled || m->alloc != alloc) {
                py_raise_msg(&py_type_RuntimeError, "dictionary changed size during update");
            }
        }
    }
    return hashes;
}

/* Rebuilds the table with room for `alloc` entries, dropping removed ones. */
static void resize(py_map *m, size_t alloc) {
    uint32_t *hashes = alloc > LINEAR_MAX ? hashes_before_resize(m) : NULL;
    py_map_entry *old = m->table;
    size_t old_filled = m->filled;
    py_map_entry *table = py_gc_alloc(alloc * sizeof(py_map_entry));
    void *index = NULL;
    if (alloc > LINEAR_MAX) {
        index = py_gc_alloc_flags(index_slots(alloc) * index_width(alloc), PY_GC_LEAF);
    }
    size_t n = 0;
    for (size_t i = 0; i < old_filled; i++) {
        if (old[i].key != PY_NULL) {
            if (hashes != NULL) {
                hashes[n] = hashes[i];
            }
            table[n++] = old[i];
        }
    }
    m->table = table;
    m->index = index;
    m->alloc = alloc;
    m->filled = n;
    m->used = n;
    if (index != NULL) {
        for (size_t i = 0; i < n; i++) {
            index_insert(m, i, hashes != NULL ? hashes[i] : key_hash(table[i].key));
        }
    }
    if (hashes != NULL) {
        py_gc_free(hashes);
    }
    if (old != NULL) {
        py_gc_free(old);
    }
}

void py_map_init(py_map *m, size_t cap) {
    memset(m, 0, sizeof(*m));
    m->all_qstr = 1;
    if (cap > 0) {
        resize(m, cap);
    }
}

void py_map_init_fixed(py_map *m, const py_map_entry *table, size_t n) {
    memset(m, 0, sizeof(*m));
    m->table = (py_map_entry *)table;
    m->used = m->filled = m->alloc = n;
    m->is_fixed = 1;
    m->all_qstr = 1;
    for (size_t i = 0; i < n; i++) {
        if (!py_is_qstr(table[i].key)) {
            m->all_qstr = 0;
        }
    }
}

void py_map_clear(py_map *m) {
    if (m->is_fixed) {
        py_raise_type_error("can't modify a read-only dict");
    }
    py_map_entry *old = m->table;
    void *old_index = m->index;
    memset(m, 0, sizeof(*m));
    m->all_qstr = 1;
    if (old != NULL) {
        py_gc_free(old);
    }
    if (old_index != NULL) {
        py_gc_free(old_index);
    }
}

static py_map_entry removed_entry; /* the copy REMOVE returns; not a GC root: copy it out at once */

/* A key's __eq__ may change the map it is being looked up in (clear it,
 * grow it): when its arrays were replaced, the search starts again on the new
 * ones, as CPython's does, instead of reading arrays that were freed. Entries
 * added or removed in place leave the arrays valid to read on. */
typedef struct map_shape {
    py_map_entry *table;
    void *index;
    size_t filled, alloc;
} map_shape;

static map_shape shape_of(const py_map *m) {
    map_shape s = {m->table, m->index, m->filled, m->alloc};
    return s;
}

static bool shape_changed(const py_map *m, const map_shape *s) {
    return m->table != s->table || m->index != s->index || m->alloc != s->alloc;
}

static py_map_entry *find(py_map *m, py_val key, uint32_t h) {
again:;
    map_shape s = shape_of(m);
    if (m->index == NULL) {
        if (m->all_qstr && py_is_qstr(key)) {
            for (size_t i = 0; i < m->filled; i++) {
                if (m->table[i].key == key) {
                    return &m->table[i];
                }
            }
            return NULL;
        }
        for (size_t i = 0; i < s.filled; i++) {
            bool equal = key_equal(s.table[i].key, key);
            if (shape_changed(m, &s)) {
                goto again;
            }
            if (equal) {
                return &s.table[i];
            }
        }
        return NULL;
    }
    size_t mask = index_slots(m->alloc) - 1;
    for (size_t slot = h & mask;; slot = (slot + 1) & mask) {
        size_t e = index_get(m, slot);
        if (e == 0) {
            return NULL;
        }
        bool equal = key_equal(s.table[e - 1].key, key);
        if (shape_changed(m, &s)) {
            goto again;
        }
        if (equal) {
            return &s.table[e - 1];
        }
    }
}

py_map_entry *py_map_lookup(py_map *m, py_val key, py_map_op op) {
    /* A str that is not interned cannot be a key of an all-qstr map: skip
     * the hashing and the compares. */
    if (m->all_qstr && !py_is_qstr(key) && op == PY_MAP_LOOKUP && py_is_str(key)) {
        size_t len;
        const char *s = py_str_data(key, &len);
        py_qstr q = py_qstr_find(s, len);
        if (q == Q_NULL) {
            return NULL;
        }
        key = PY_QSTR(q);
    }
    /* Small maps search without the hash, but an unhashable key must still
     * raise TypeError: hash anything but the immediate kinds. */
    uint32_t h = (m->index != NULL || op == PY_MAP_ADD_IF_MISSING || !(py_is_qstr(key) || py_is_small(key)))
                     ? key_hash(key)
                     : 0;
    py_map_entry *e = find(m, key, h);
    switch (op) {
    case PY_MAP_LOOKUP:
        return e;
    case PY_MAP_REMOVE:
        if (e == NULL) {
            return NULL;
        }
        if (m->is_fixed) {
            py_raise_type_error("can't modify a read-only dict");
        }
        removed_entry = *e;
        e->key = PY_NULL;
        e->value = PY_NULL;
        m->used--;
        if (m->used == 0) {
            /* Reuse the table from the start; the index slots are stale. */
            m->filled = 0;
            if (m->index != NULL) {
                memset(m->index, 0, index_slots(m->alloc) * index_width(m->alloc));
            }
        }
        return &removed_entry;
    case PY_MAP_ADD_IF_MISSING:
        if (e != NULL) {
            return e;
        }
        if (m->is_fixed) {
            py_raise_type_error("can't modify a read-only dict");
        }
        if (m->filled == m->alloc) {
            /* grow by half: a tighter fit matters more on a 100 KiB heap
             * than the extra resizes cost */
            size_t alloc = m->used < 3 ? 4 : m->used + m->used / 2 + 1;
            resize(m, alloc);
        }
        e = &m->table[m->filled];
        e->key = key;
        e->value = PY_NULL;
        if (m->index != NULL) {
            index_insert(m, m->filled, h);
        }
        m->filled++;
        m->used++;
        if (!py_is_qstr(key)) {
            m->all_qstr = 0;
        }
        return e;
    }
    return NULL;
}

py_map_entry *py_map_lookup_qstr(py_map *m, py_qstr key, py_map_op op) {
    return py_map_lookup(m, PY_QSTR(key), op);
}

void py_map_store(py_map *m, py_val key, py_val value) {
    py_map_lookup(m, key, PY_MAP_ADD_IF_MISSING)->value = value;
}

size_t py_map_next(const py_map *m, size_t pos) {
    for (size_t i = pos; i < m->filled; i++) {
        if (m->table[i].key != PY_NULL) {
            return i + 1;
        }
    }
    return 0;
}

/* ---- dict helpers over a py_dict object */

py_val py_dict_new(size_t cap) {
    py_dict *d = py_new(py_dict);
    d->head.type = &py_type_dict;
    py_map_init(&d->map, cap);
    return PY_OBJ(d);
}

py_map *py_dict_map(py_val dict) { return &((py_dict *)py_ptr(dict))->map; }

py_val py_dict_get(py_val dict, py_val key) {
    py_map_entry *e = py_map_lookup(py_dict_map(dict), key, PY_MAP_LOOKUP);
    return e == NULL ? PY_NULL : e->value;
}

void py_dict_store(py_val dict, py_val key, py_val value) {
    py_map_store(py_dict_map(dict), key, value);
}

py_val py_dict_delete(py_val dict, py_val key) {
    py_map_entry *e = py_map_lookup(py_dict_map(dict), key, PY_MAP_REMOVE);
    if (e == NULL) {
        py_raise(py_exc_new(&py_type_KeyError, 1, &key));
    }
    return e->value;
}
