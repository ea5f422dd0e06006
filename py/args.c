/*
 * args.c - argument checking and parsing for functions written in C.
 *
 * Messages follow MicroPython's wording, so scripts that print them see the
 * same text on the board and on the PC.
 */
#include "campy.h"

void py_check_nargs(size_t n_args, size_t n_kw, size_t min, size_t max, bool takes_kw) {
    if (n_kw > 0 && !takes_kw) {
        py_raise_type_error("function doesn't take keyword arguments");
    }
    if (min == max && n_args != min) {
        py_raise_type_error("function takes %zu positional arguments but %zu were given", min,
                            n_args);
    }
    if (n_args < min) {
        py_raise_type_error("function missing %zu required positional arguments", min - n_args);
    }
    if (n_args > max) {
        py_raise_type_error("function expected at most %zu arguments, got %zu", max, n_args);
    }
}

/* Keyword source: either a map or raw (key, value) pairs. */
typedef struct kw_source {
    py_map *map;
    const py_val *pairs;
    size_t n_pairs;
} kw_source;

static size_t kw_count(const kw_source *kw) {
    return kw->map != NULL ? kw->map->used : kw->n_pairs;
}

static py_val kw_find(const kw_source *kw, py_qstr name) {
    if (kw->map != NULL) {
        py_map_entry *e = py_map_lookup_qstr(kw->map, name, PY_MAP_LOOKUP);
        return e == NULL ? PY_NULL : e->value;
    }
    for (size_t i = 0; i < kw->n_pairs; i++) {
        py_val key = kw->pairs[2 * i];
        if (key == PY_QSTR(name)) {
            return kw->pairs[2 * i + 1];
        }
    }
    return PY_NULL;
}

/* The first keyword that names no parameter, for the error message. */
static py_val kw_unknown(const kw_source *kw, size_t n_spec, const py_arg_spec *spec) {
    for (size_t i = 0; i < kw_count(kw); i++) {
        py_val key;
        if (kw->map != NULL) {
            size_t pos = 0;
            for (size_t k = 0; k <= i; k++) {
                pos = py_map_next(kw->map, pos);
            }
            key = kw->map->table[pos - 1].key;
        } else {
            key = kw->pairs[2 * i];
        }
        bool known = false;
        for (size_t s = 0; s < n_spec; s++) {
            if (key == PY_QSTR(spec[s].name)) {
                known = true;
            }
        }
        if (!known) {
            return key;
        }
    }
    return PY_NONE;
}

static void parse(size_t n_args, const py_val *args, const kw_source *kw, size_t n_spec,
                  const py_arg_spec *spec, py_val *out) {
    size_t n_pos_allowed = 0;
    while (n_pos_allowed < n_spec && !(spec[n_pos_allowed].flags & PY_ARG_KW_ONLY)) {
        n_pos_allowed++;
    }
    if (n_args > n_pos_allowed) {
        py_raise_type_error("function takes %zu positional arguments but %zu were given",
                            n_pos_allowed, n_args);
    }
    size_t kw_used = 0;
    for (size_t i = 0; i < n_spec; i++) {
        py_val v = PY_NULL;
        if (i < n_args) {
            v = args[i];
        }
        if (kw_count(kw) > 0) {
            py_val k = kw_find(kw, spec[i].name);
            if (k != PY_NULL) {
                if (v != PY_NULL) {
                    py_raise_type_error("argument '%q' given by name and position",
                                        (py_qstr)spec[i].name);
                }
                v = k;
                kw_used++;
            }
        }
        if (v == PY_NULL) {
            if (spec[i].flags & PY_ARG_REQUIRED) {
                py_raise_type_error("'%q' argument required", (py_qstr)spec[i].name);
            }
            v = spec[i].def;
        }
        out[i] = v;
    }
    if (kw_used < kw_count(kw)) {
        py_val key = kw_unknown(kw, n_spec, spec);
        py_raise_type_error("unexpected keyword argument '%v'", key);
    }
}

void py_parse_args(size_t n_args, const py_val *args, py_map *kw, size_t n_spec,
                   const py_arg_spec *spec, py_val *out) {
    kw_source src = {kw, NULL, 0};
    if (kw != NULL && kw->used == 0) {
        src.map = NULL;
    }
    parse(n_args, args, &src, n_spec, spec, out);
}

void py_parse_args_raw(size_t n_args, size_t n_kw, const py_val *args, size_t n_spec,
                       const py_arg_spec *spec, py_val *out) {
    kw_source src = {NULL, args + n_args, n_kw};
    parse(n_args, args, &src, n_spec, spec, out);
}
