/*
 * import.c - the import system.
 *
 * `import a.b.c` imports a, then a.b, then a.b.c, each found in sys.modules,
 * among the built-in modules, or on sys.path (a package's own __path__ for
 * submodules). In each folder of the search a module is a package NAME/
 * with __init__.py (or __init__.mpy), then NAME.py, then NAME.mpy, a
 * bytecode file (persist.h). The entry ".frozen" (and ".frozen/pkg" in a
 * frozen package's __path__) stands for the modules frozen into the image
 * (frozen.h), whose code runs from where it lies. The core knows no files:
 * it asks the port through py_port_hooks.import_stat and read_file. A module
 * is entered in sys.modules before its code runs, so circular imports see the
 * partly made module, and removed again if its code raises.
 */
#include <string.h>

#include "frozen.h"
#include "persist.h"
#include "vm.h"

enum { STAT_NONE = 0, STAT_FILE = 1, STAT_DIR = 2 };

#define FROZEN_DIR ".frozen"
#define FROZEN_DIR_LEN 7

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

static bool ends_with(const py_buf *b, const char *suffix) {
    size_t n = strlen(suffix);
    return b->len >= n && memcmp(b->data + b->len - n, suffix, n) == 0;
}

/* Where a module was found. */
typedef struct found {
    py_buf path;                    /* the file: what __file__ becomes */
    size_t pkg_dir_len;             /* a package: its folder is path[0..pkg_dir_len) */
    const py_frozen_module *frozen; /* or NULL for a file */
} found;

/* The entry of a frozen folder, ".frozen" or ".frozen/sub": its path under
 * .frozen in *rel, or false for an ordinary folder. */
static bool frozen_folder(const char *dir, size_t len, const char **rel, size_t *rel_len) {
    if (len < FROZEN_DIR_LEN || memcmp(dir, FROZEN_DIR, FROZEN_DIR_LEN) != 0 ||
        (len > FROZEN_DIR_LEN && dir[FROZEN_DIR_LEN] != '/')) {
        return false;
    }
    *rel = dir + FROZEN_DIR_LEN + (len > FROZEN_DIR_LEN);
    *rel_len = len - FROZEN_DIR_LEN - (len > FROZEN_DIR_LEN);
    return true;
}

/* Looks for a frozen package or module `name` under .frozen/rel. */
static bool find_frozen(found *f, const char *rel, size_t rel_len, const char *name, size_t len) {
    py_buf *p = &f->path;
    p->len = 0;
    py_buf_add(p, rel, rel_len);
    path_join(p, name, len);
    size_t base = p->len;
    py_buf_add_str(p, "/__init__.py");
    f->frozen = py_frozen_find_module(p->data, p->len);
    if (f->frozen != NULL) {
        f->pkg_dir_len = base;
        return true;
    }
    p->len = base;
    py_buf_add_str(p, ".py");
    f->frozen = py_frozen_find_module(p->data, p->len);
    return f->frozen != NULL;
}

/* Looks for a package or module `name` in the folder dir. */
static bool find_in_folder(found *f, const char *dir, size_t dir_len, const char *name,
                           size_t len) {
    static const char *const init_files[] = {"/__init__.py", "/__init__.mpy"};
    static const char *const module_files[] = {".py", ".mpy"};
    py_buf *p = &f->path;
    p->len = 0;
    py_buf_add(p, dir, dir_len);
    path_join(p, name, len);
    size_t base = p->len;
    if (stat_path(p) == STAT_DIR) {
        for (size_t i = 0; i < 2; i++) {
            p->len = base;
            py_buf_add_str(p, init_files[i]);
            if (stat_path(p) == STAT_FILE) {
                f->pkg_dir_len = base;
                return true;
            }
        }
    }
    for (size_t i = 0; i < 2; i++) {
        p->len = base;
        py_buf_add_str(p, module_files[i]);
        if (stat_path(p) == STAT_FILE) {
            return true;
        }
    }
    return false;
}

/* Finds `name` in the folders of `search` (a list of str). */
static bool find_module(found *f, const char *name, size_t len, py_val search) {
    size_t n;
    py_val *dirs;
    py_get_array(search, &n, &dirs);
    for (size_t i = 0; i < n; i++) {
        if (!py_is_str(dirs[i])) {
            continue;
        }
        size_t dlen;
        const char *dir = py_str_data(dirs[i], &dlen);
        const char *rel;
        size_t rel_len;
        f->pkg_dir_len = 0;
        f->frozen = NULL;
        if (frozen_folder(dir, dlen, &rel, &rel_len) ? find_frozen(f, rel, rel_len, name, len)
                                                     : find_in_folder(f, dir, dlen, name, len)) {
            return true;
        }
    }
    return false;
}

/* Runs the module's code in its globals: frozen code where it lies, a
 * bytecode file loaded (and verified), or source compiled. */
static void exec_module(py_val module, const found *f) {
    py_val globals = py_module_globals(module);
    if (f->frozen != NULL) {
        py_exec_code(py_frozen_code(f->frozen), globals, globals);
        return;
    }
    py_buf path;
    py_buf_init(&path, f->path.len + 1);
    py_buf_add(&path, f->path.data, f->path.len);
    py_buf_add_byte(&path, 0);
    py_val data = py_port_hooks.read_file == NULL ? PY_NULL : py_port_hooks.read_file(path.data);
    if (data == PY_NULL) {
        py_raise_msg(&py_type_ImportError, "can't read %s", path.data);
    }
    size_t len;
    const char *bytes = py_str_data(data, &len);
    py_val code;
    if (ends_with(&f->path, ".mpy")) {
        code = PY_OBJ(py_persist_load((const uint8_t *)bytes, len, path.data));
    } else {
        code = py_compile(bytes, len, py_qstr_from_cstr(path.data), PY_INPUT_FILE);
    }
    py_exec_code(code, globals, globals);
}

/* Looks for `name` in the folders of `search`; makes, registers and runs
 * the module. PY_NULL if not found. */
static py_val load_from_path(py_qstr full_name, const char *name, size_t name_len, py_val search) {
    found f;
    py_buf_init(&f.path, name_len + 32);
    if (!find_module(&f, name, name_len, search)) {
        return PY_NULL;
    }
    py_val module = py_module_new(full_name);
    py_val globals = py_module_globals(module);
    py_dict_store(globals, PY_QSTR(Q___file__), py_str_new(f.path.data, f.path.len));
    if (f.pkg_dir_len > 0) {
        py_buf dir;
        py_buf_init(&dir, f.pkg_dir_len + FROZEN_DIR_LEN + 1);
        if (f.frozen != NULL) {
            py_buf_add_str(&dir, FROZEN_DIR "/");
        }
        py_buf_add(&dir, f.path.data, f.pkg_dir_len);
        py_val pkg_dir = py_str_new(dir.data, dir.len);
        py_dict_store(globals, PY_QSTR(Q___path__), py_list_new(1, &pkg_dir));
    }
    py_dict_store(py_st.modules, PY_QSTR(full_name), module);
    py_nlr nlr;
    py_try(nlr) {
        exec_module(module, &f);
        py_nlr_pop();
    } else {
        py_map_lookup(py_dict_map(py_st.modules), PY_QSTR(full_name), PY_MAP_REMOVE);
        py_raise(nlr.exc);
    }
    return module;
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
 * module if it is a package, else its parent; `level - 1` more levels up.
 * A module run as __main__ by `-m pkg.mod` has its package in __package__. */
static void resolve_relative(py_buf *out, int level) {
    py_val globals = py_vm_globals();
    py_val name = globals == PY_NULL ? PY_NULL : py_dict_get(globals, PY_QSTR(Q___name__));
    bool is_pkg = globals != PY_NULL && py_dict_get(globals, PY_QSTR(Q___path__)) != PY_NULL;
    py_val package = globals == PY_NULL ? PY_NULL : py_dict_get(globals, PY_QSTR(Q___package__));
    if (package != PY_NULL && py_is_str(package)) {
        name = package;
        is_pkg = true;
    }
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
