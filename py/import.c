/*
 * import.c - the import system.
 *
 * `import a.b.c` imports a, then a.b, then a.b.c, each found in sys.modules,
 * among the built-in modules, or as source on sys.path (a package's own
 * __path__ for submodules): NAME.py, or a folder NAME with __init__.py. The
 * core knows no files: it asks the port through py_port_hooks.import_stat and
 * read_file. A module is entered in sys.modules before its code runs, so
 * circular imports see the partly made module, and removed again if its code
 * raises.
 */
#include <string.h>

#include "campy.h"
#include "vm.h"

enum { STAT_NONE = 0, STAT_FILE = 1, STAT_DIR = 2 };

static int stat_path(py_buf *path) {
    if (py_port_hooks.import_stat == NULL) {
        return STAT_NONE;
    }
    py_buf_add_byte(path, 0);
    path->len--;
    return py_port_hooks.import_stat(path->data);
}

/* Appends "/name" (or just "name" after an empty folder) to path. */
static void path_join(py_buf *path, const char *name, size_t len) {
    if (path->len > 0 && path->data[path->len - 1] != '/') {
        py_buf_add_byte(path, '/');
    }
    py_buf_add(path, name, len);
}

static void exec_file(py_val module, const char *path) {
    py_val src = py_port_hooks.read_file == NULL ? PY_NULL : py_port_hooks.read_file(path);
    if (src == PY_NULL) {
        py_raise_msg(&py_type_ImportError, "can't read %s", path);
    }
    size_t len;
    const char *data = py_str_data(src, &len);
    py_val globals = py_module_globals(module);
    py_val code = py_compile(data, len, py_qstr_from_cstr(path), PY_INPUT_FILE);
    py_exec_code(code, globals, globals);
}

/* Looks for `name` in the folders of `search` (a list of str). Makes, registers
 * and runs the module; PY_NULL if not found. */
static py_val load_from_path(py_qstr full_name, const char *name, size_t name_len,
                             py_val search) {
    size_t n;
    py_val *dirs;
    py_get_array(search, &n, &dirs);
    for (size_t i = 0; i < n; i++) {
        size_t dlen;
        const char *dir = py_str_data(dirs[i], &dlen);
        py_buf path;
        py_buf_init(&path, dlen + name_len + 16);
        py_buf_add(&path, dir, dlen);
        path_join(&path, name, name_len);
        size_t base_len = path.len;
        bool is_pkg = false;
        if (stat_path(&path) == STAT_DIR) {
            py_buf_add_str(&path, "/__init__.py");
            if (stat_path(&path) == STAT_FILE) {
                is_pkg = true;
            } else {
                path.len = base_len;
            }
        }
        if (!is_pkg) {
            path.len = base_len;
            py_buf_add_str(&path, ".py");
            if (stat_path(&path) != STAT_FILE) {
                continue;
            }
        }
        py_val module = py_module_new(full_name);
        py_val globals = py_module_globals(module);
        py_val file = py_str_new(path.data, path.len);
        py_dict_store(globals, PY_QSTR(Q___file__), file);
        if (is_pkg) {
            py_val pkg_dir = py_str_new(path.data, base_len);
            py_dict_store(globals, PY_QSTR(Q___path__), py_list_new(1, &pkg_dir));
        }
        py_dict_store(py_st.modules, PY_QSTR(full_name), module);
        py_nlr nlr;
        py_try(nlr) {
            py_buf_add_byte(&path, 0);
            exec_file(module, path.data);
            py_nlr_pop();
        } else {
            py_map_lookup(py_dict_map(py_st.modules), PY_QSTR(full_name), PY_MAP_REMOVE);
            py_raise(nlr.exc);
        }
        return module;
    }
    return PY_NULL;
}

/* Imports one module given its full dotted name; parent is the module of the
 * name up to the last dot, or PY_NULL for a top-level name. */
static py_val import_one(py_qstr full, py_val parent) {
    py_val m = py_dict_get(py_st.modules, PY_QSTR(full));
    if (m != PY_NULL) {
        return m;
    }
    size_t len;
    const char *s = py_qstr_data(full, &len);
    const char *leaf = s;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.') {
            leaf = s + i + 1;
        }
    }
    size_t leaf_len = len - (size_t)(leaf - s);
    if (parent == PY_NULL) {
        m = py_builtin_module_find(full);
        if (m != PY_NULL) {
            return m;
        }
        m = load_from_path(full, leaf, leaf_len, py_st.sys_path);
    } else {
        py_val path = py_getattr_maybe(parent, Q___path__);
        if (path != PY_NULL) {
            m = load_from_path(full, leaf, leaf_len, path);
        }
    }
    if (m == PY_NULL) {
        py_raise_msg(&py_type_ImportError, "no module named '%q'", full);
    }
    if (parent != PY_NULL) {
        py_setattr(parent, py_qstr_from(leaf, leaf_len), m);
    }
    return m;
}

/* The package a relative import starts from: __name__ of the importing
 * module if it is a package, else its parent; `level - 1` more levels up. */
static void resolve_relative(py_buf *out, int level) {
    py_val globals = py_vm_globals();
    py_val name = globals == PY_NULL ? PY_NULL : py_dict_get(globals, PY_QSTR(Q___name__));
    bool is_pkg = globals != PY_NULL && py_dict_get(globals, PY_QSTR(Q___path__)) != PY_NULL;
    if (name == PY_NULL || !py_is_str(name)) {
        py_raise_msg(&py_type_ImportError, "attempted relative import with no known parent package");
    }
    size_t len;
    const char *s = py_str_data(name, &len);
    int up = is_pkg ? level - 1 : level;
    while (up-- > 0) {
        while (len > 0 && s[len - 1] != '.') {
            len--;
        }
        if (len == 0) {
            py_raise_msg(&py_type_ImportError,
                         "attempted relative import beyond top-level package");
        }
        len--; /* the dot */
    }
    if (len == 0) {
        py_raise_msg(&py_type_ImportError, "attempted relative import with no known parent package");
    }
    py_buf_add(out, s, len);
}

py_val py_import(py_qstr name, py_val fromlist, int level) {
    py_buf full;
    py_buf_init(&full, 32);
    if (level > 0) {
        resolve_relative(&full, level);
        if (name != Q_NULL && py_qstr_len(name) > 0) {
            py_buf_add_byte(&full, '.');
        }
    }
    if (name != Q_NULL) {
        size_t len;
        const char *s = py_qstr_data(name, &len);
        py_buf_add(&full, s, len);
    }
    if (full.len == 0) {
        py_raise_value_error("empty module name");
    }
    /* import each dotted prefix in turn */
    py_val top = PY_NULL, m = PY_NULL;
    size_t start = 0;
    for (size_t i = 0; i <= full.len; i++) {
        if (i < full.len && full.data[i] != '.') {
            continue;
        }
        if (i == start) {
            py_raise_value_error("invalid module name");
        }
        py_qstr q = py_qstr_from(full.data, i);
        m = import_one(q, m);
        if (top == PY_NULL) {
            top = m;
        }
        start = i + 1;
    }
    bool has_fromlist = fromlist != PY_NULL && fromlist != PY_NONE && py_truthy(fromlist);
    if (!has_fromlist) {
        return level > 0 && name == Q_NULL ? m : top;
    }
    /* from package import submodule: import what is not yet an attribute */
    if (py_getattr_maybe(m, Q___path__) != PY_NULL) {
        size_t n;
        py_val *names;
        py_get_array_any(fromlist, &n, &names);
        for (size_t i = 0; i < n; i++) {
            if (!py_is_str(names[i])) {
                continue;
            }
            size_t len;
            const char *s = py_str_data(names[i], &len);
            if (len == 1 && s[0] == '*') {
                continue;
            }
            py_qstr attr = py_qstr_from(s, len);
            if (py_getattr_maybe(m, attr) == PY_NULL) {
                size_t base = full.len;
                py_buf_add_byte(&full, '.');
                py_buf_add(&full, s, len);
                py_qstr sub = py_qstr_from(full.data, full.len);
                full.len = base;
                py_nlr nlr;
                py_try(nlr) {
                    import_one(sub, m);
                    py_nlr_pop();
                } else {
                    /* leave it to IMPORT_FROM to report the missing name,
                     * unless the submodule exists and failed */
                    if (py_dict_get(py_st.modules, PY_QSTR(sub)) != PY_NULL ||
                        !py_exc_matches(nlr.exc, PY_OBJ(&py_type_ImportError))) {
                        py_raise(nlr.exc);
                    }
                }
            }
        }
    }
    return m;
}

py_val py_import_name(const char *dotted) {
    return py_import(py_qstr_from_cstr(dotted), PY_NULL, 0);
}
