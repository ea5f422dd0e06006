/*
 * objmodule.c - module objects and the table of built-in modules.
 *
 * A module is its globals dict. Built-in modules are static objects with
 * fixed dicts, collected at build time from PY_REGISTER_MODULE lines into
 * genhdr/moduledefs.h; the `u`-prefixed names MicroPython accepts (utime,
 * uos, ...) find the same modules.
 */
#include <string.h>

#include "campy.h"
#include "genhdr/moduledefs.h"

static void module_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_val name = py_dict_get(py_module_globals(self), PY_QSTR(Q___name__));
    py_val file = py_dict_get(py_module_globals(self), PY_QSTR(Q___file__));
    if (name == PY_NULL) {
        name = PY_QSTR(Q_);
    }
    if (file != PY_NULL) {
        py_printf(out, "<module '%v' from '%v'>", name, file);
    } else {
        py_printf(out, "<module '%v'>", name);
    }
}

static void module_attr(py_val self, py_qstr name, py_val *dest) {
    py_val globals = py_module_globals(self);
    py_map *map = py_dict_map(globals);
    if (dest[0] == PY_NULL) {
        if (name == Q___dict__) {
            dest[0] = globals;
            return;
        }
        py_map_entry *e = py_map_lookup_qstr(map, name, PY_MAP_LOOKUP);
        if (e != NULL) {
            dest[0] = py_module_entry_value(e->value);
        }
        return;
    }
    if (map->is_fixed) {
        return; /* built-in modules are read-only: AttributeError follows */
    }
    if (dest[1] == PY_NULL) {
        if (py_map_lookup_qstr(map, name, PY_MAP_REMOVE) != NULL) {
            dest[0] = PY_NULL;
        }
    } else {
        py_map_store(map, PY_QSTR(name), dest[1]);
        dest[0] = PY_NULL;
    }
}

/* State refs: module attributes whose values live in py_st. */
const py_type py_type_state_ref = {
    .head = {&py_type_type},
    .name = Q_state_ref,
};

py_val py_module_entry_value(py_val v) {
    if (py_is_obj(v) && ((py_head *)py_ptr(v))->type == &py_type_state_ref) {
        const py_state_ref *ref = py_ptr(v);
        py_val stored;
        memcpy(&stored, (const char *)&py_st + ref->offset, sizeof(stored));
        return stored == PY_NULL ? PY_NONE : stored;
    }
    return v;
}

const py_type py_type_module = {
    .head = {&py_type_type},
    .name = Q_module,
    .print = module_print,
    .attr = module_attr,
};

py_val py_module_new(py_qstr name) {
    py_module *m = py_new(py_module);
    m->head.type = &py_type_module;
    m->globals = py_dict_new(4);
    py_dict_store(m->globals, PY_QSTR(Q___name__), PY_QSTR(name));
    return PY_OBJ(m);
}

py_val py_module_globals(py_val module) { return ((py_module *)py_ptr(module))->globals; }

static const struct {
    uint16_t name;
    const py_module *module;
} builtin_modules[] = {
#define MODULE_ENTRY(q, obj) {q, &obj},
    PY_BUILTIN_MODULE_LIST(MODULE_ENTRY)
#undef MODULE_ENTRY
    {Q_NULL, NULL},
};
#define N_BUILTIN_MODULES (sizeof(builtin_modules) / sizeof(builtin_modules[0]) - 1)

py_val py_builtin_module_find(py_qstr name) {
    size_t n = N_BUILTIN_MODULES;
    for (size_t i = 0; i < n; i++) {
        if (builtin_modules[i].name == name) {
            return PY_OBJ(builtin_modules[i].module);
        }
    }
    /* utime -> time, uos -> os ... */
    size_t len;
    const char *s = py_qstr_data(name, &len);
    if (len > 1 && s[0] == 'u') {
        py_qstr plain = py_qstr_find(s + 1, len - 1);
        if (plain != Q_NULL) {
            for (size_t i = 0; i < n; i++) {
                if (builtin_modules[i].name == plain) {
                    return PY_OBJ(builtin_modules[i].module);
                }
            }
        }
    }
    return PY_NULL;
}

/* Names of the built-in modules, for help('modules'). */
size_t py_builtin_module_count(void) {
    return N_BUILTIN_MODULES;
}

py_qstr py_builtin_module_name(size_t i) { return builtin_modules[i].name; }
