/*
 * objfun.c - callable objects: Python functions (with their defaults,
 * keyword-only defaults, closure and globals), functions written in C, bound
 * methods and closure cells; and the binding of call arguments to a frame's
 * parameter slots, with CPython's error messages for bad calls.
 */
#include <string.h>

#include "vm.h"

/* ---------------------------------------------------------------- per-code info */

static bool is_attr_op(uint8_t op) {
    return op == PY_OP_LOAD_ATTR || op == PY_OP_STORE_ATTR || op == PY_OP_LOAD_METHOD;
}

/* One scan of the bytecode: handler sites, and which names attribute
 * instructions use (marked in attr_index, numbered later). */
static size_t scan_code(const py_code *code, uint8_t *attr_index) {
    size_t sites = 0;
    const uint8_t *bc = code->bytecode;
    for (size_t i = 0; i < code->bytecode_len;) {
        uint8_t op = bc[i];
        if (op >= PY_OP_COUNT || i + py_bc_size(op) > code->bytecode_len) {
            break;
        }
        if (op == PY_OP_SETUP_EXCEPT || op == PY_OP_SETUP_FINALLY || op == PY_OP_SETUP_WITH) {
            sites++;
        } else if (is_attr_op(op) && attr_index != NULL) {
            unsigned k = (unsigned)bc[i + 1] | ((unsigned)bc[i + 2] << 8);
            if (k < code->n_names) {
                attr_index[k] = 0;
            }
        }
        i += py_bc_size(op);
    }
    return sites;
}

py_vm_info *py_vm_info_new(const py_code *code) {
    size_t n_names = code->n_names;
    size_t hints_bytes = sizeof(py_vm_info) + n_names * sizeof(uint32_t);
    size_t index_at = hints_bytes;
    size_t cache_at = (index_at + n_names + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
    /* the attribute caches come last, sized once the names are counted */
    uint8_t scratch[64];
    uint8_t *marks = n_names <= sizeof(scratch) ? scratch : py_gc_alloc_flags(n_names, PY_GC_LEAF);
    memset(marks, PY_VM_NO_ATTR_CACHE, n_names);
    size_t sites = scan_code(code, marks);
    size_t n_attr = 0;
    for (size_t k = 0; k < n_names; k++) {
        if (marks[k] != PY_VM_NO_ATTR_CACHE) {
            marks[k] = n_attr < PY_VM_NO_ATTR_CACHE ? (uint8_t)n_attr++ : PY_VM_NO_ATTR_CACHE;
        }
    }
    size_t exc_cap = sites + 1;
    if (exc_cap > 0xffff) {
        exc_cap = 0xffff;
    }
    size_t n_slots = (size_t)code->n_locals + code->n_cells + code->n_free;
    py_vm_info *info;
    if (n_attr == 0) {
        info = py_gc_alloc_flags(index_at + n_names, PY_GC_LEAF);
        info->attr = NULL;
    } else {
        info = py_gc_alloc(cache_at + 2 * n_attr * sizeof(py_vm_attr_cache));
        info->attr = (py_vm_attr_cache *)((char *)info + cache_at);
    }
    info->attr_index = (uint8_t *)info + index_at;
    memcpy(info->attr_index, marks, n_names);
    info->exc_cap = (uint16_t)exc_cap;
    info->n_names = (uint16_t)n_names;
    bool simple = !(code->flags & (PY_CODE_VARARGS | PY_CODE_VARKW)) && code->n_kwonly == 0 &&
                  code->n_cells == 0 && code->n_free == 0;
    info->simple_n_args = simple ? code->n_pos : 0xffff;
    info->frame_bytes =
        (uint32_t)(sizeof(py_frame) + (n_slots + code->stack_size + exc_cap) * sizeof(py_val) +
                   code->block_depth * sizeof(py_vm_block));
    return info;
}

/* ---------------------------------------------------------------- binding arguments */

/* "'a'", "'a' and 'b'", "'a', 'b', and 'c'" */
static void add_name_list(py_buf *b, const py_qstr *names, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            py_buf_add_str(b, n == 2 ? " and " : i == n - 1 ? ", and " : ", ");
        }
        py_buf_printf(b, "'%q'", names[i]);
    }
}

_Noreturn static void raise_type_error_buf(py_buf *b) {
    py_val msg = py_buf_to_str(b);
    py_raise(py_exc_new(&py_type_TypeError, 1, &msg));
}

_Noreturn static void missing_args(const py_code *code, const py_qstr *names, size_t n,
                                   const char *kind) {
    py_buf b;
    py_buf_init(&b, 64);
    py_buf_printf(&b, "%q() missing %u required %s argument%s: ", code->name, (unsigned)n, kind,
                  n == 1 ? "" : "s");
    add_name_list(&b, names, n);
    raise_type_error_buf(&b);
}

_Noreturn static void too_many_positional(const py_code *code, size_t given, size_t n_defaults,
                                          size_t kwonly_given) {
    py_buf b;
    py_buf_init(&b, 64);
    size_t n_pos = code->n_pos;
    py_buf_printf(&b, "%q() takes ", code->name);
    bool plural;
    if (n_defaults > 0) {
        py_buf_printf(&b, "from %u to %u", (unsigned)(n_pos - n_defaults), (unsigned)n_pos);
        plural = true;
    } else {
        py_buf_printf(&b, "%u", (unsigned)n_pos);
        plural = n_pos != 1;
    }
    py_buf_printf(&b, " positional argument%s but %u", plural ? "s" : "", (unsigned)given);
    if (kwonly_given > 0) {
        py_buf_printf(&b, " positional argument%s (and %u keyword-only argument%s)",
                      given != 1 ? "s" : "", (unsigned)kwonly_given, kwonly_given != 1 ? "s" : "");
    }
    py_buf_add_str(&b, given == 1 && kwonly_given == 0 ? " was given" : " were given");
    raise_type_error_buf(&b);
}

static py_qstr key_qstr(py_val key) {
    if (py_is_qstr(key)) {
        return py_qstr_of(key);
    }
    if (!py_is_str(key)) {
        py_raise_type_error("keywords must be strings");
    }
    return py_qstr_of(py_str_intern(key));
}

static void bind_keywords(py_frame *f, size_t n_args, size_t n_kw, const py_val *kws,
                          py_val kwdict) {
    const py_code *code = f->code;
    py_val *slots = f->slots;
    size_t n_named = (size_t)code->n_pos + code->n_kwonly;
    for (size_t i = 0; i < n_kw; i++) {
        py_qstr q = key_qstr(kws[2 * i]);
        py_val value = kws[2 * i + 1];
        size_t j = code->n_posonly;
        while (j < n_named && code->slot_names[j] != q) {
            j++;
        }
        if (j < n_named) {
            if (slots[j] != PY_NULL) {
                py_raise_type_error("%q() got multiple values for argument '%q'", code->name, q);
            }
            slots[j] = value;
            continue;
        }
        if (kwdict != PY_NULL) {
            py_dict_store(kwdict, PY_QSTR(q), value);
            continue;
        }
        for (j = 0; j < code->n_posonly; j++) {
            if (code->slot_names[j] == q) {
                py_raise_type_error(
                    "%q() got some positional-only arguments passed as keyword arguments: '%q'",
                    code->name, q);
            }
        }
        py_raise_type_error("%q() got an unexpected keyword argument '%q'", code->name, q);
    }
    (void)n_args;
}

static void bind_defaults(py_frame *f, py_fun *fun, size_t n_args) {
    const py_code *code = f->code;
    py_val *slots = f->slots;
    size_t n_pos = code->n_pos;
    size_t n_defaults = 0;
    py_val *defaults = NULL;
    if (fun != NULL && fun->defaults != PY_NULL) {
        py_get_array(fun->defaults, &n_defaults, &defaults);
        if (n_defaults > n_pos) {
            defaults += n_defaults - n_pos;
            n_defaults = n_pos;
        }
    }
    size_t first_default = n_pos - n_defaults;
    size_t n_missing = 0;
    for (size_t i = n_args; i < n_pos; i++) {
        if (slots[i] != PY_NULL) {
            continue;
        }
        if (i >= first_default) {
            slots[i] = defaults[i - first_default];
        } else {
            n_missing++;
        }
    }
    if (n_missing > 0) {
        py_qstr *names = py_gc_alloc(n_missing * sizeof(py_qstr));
        size_t k = 0;
        for (size_t i = n_args; i < first_default; i++) {
            if (slots[i] == PY_NULL) {
                names[k++] = code->slot_names[i];
            }
        }
        missing_args(code, names, k, "positional");
    }
    size_t n_named = n_pos + code->n_kwonly;
    n_missing = 0;
    for (size_t i = n_pos; i < n_named; i++) {
        if (slots[i] != PY_NULL) {
            continue;
        }
        py_val v = PY_NULL;
        if (fun != NULL && fun->kwdefaults != PY_NULL) {
            v = py_dict_get(fun->kwdefaults, PY_QSTR(code->slot_names[i]));
        }
        if (v != PY_NULL) {
            slots[i] = v;
        } else {
            n_missing++;
        }
    }
    if (n_missing > 0) {
        py_qstr *names = py_gc_alloc(n_missing * sizeof(py_qstr));
        size_t k = 0;
        for (size_t i = n_pos; i < n_named; i++) {
            if (slots[i] == PY_NULL) {
                names[k++] = code->slot_names[i];
            }
        }
        missing_args(code, names, k, "keyword-only");
    }
}

static void bind_general(py_frame *f, py_fun *fun, size_t n_args, size_t n_kw, const py_val *args) {
    const py_code *code = f->code;
    py_val *slots = f->slots;
    size_t n_pos = code->n_pos;
    size_t n_named = n_pos + code->n_kwonly;
    bool has_varargs = (code->flags & PY_CODE_VARARGS) != 0;
    bool has_varkw = (code->flags & PY_CODE_VARKW) != 0;
    size_t n_copy = n_args < n_pos ? n_args : n_pos;
    for (size_t i = 0; i < n_copy; i++) {
        slots[i] = args[i];
    }
    if (has_varargs) {
        slots[n_named] = py_tuple_new(n_args - n_copy, args + n_copy);
    }
    py_val kwdict = PY_NULL;
    if (has_varkw) {
        kwdict = py_dict_new(n_kw);
        slots[n_named + has_varargs] = kwdict;
    }
    if (n_kw > 0) {
        if (code->slot_names == NULL) {
            py_raise_type_error("%q() takes no keyword arguments", code->name);
        }
        bind_keywords(f, n_args, n_kw, args + n_args, kwdict);
    }
    if (n_args > n_pos && !has_varargs) {
        size_t n_defaults = 0;
        if (fun != NULL && fun->defaults != PY_NULL) {
            py_val *items;
            py_get_array(fun->defaults, &n_defaults, &items);
        }
        size_t kwonly_given = 0;
        for (size_t i = n_pos; i < n_named; i++) {
            kwonly_given += slots[i] != PY_NULL;
        }
        too_many_positional(code, n_args, n_defaults, kwonly_given);
    }
    if (n_copy < n_named || n_kw > 0) {
        bind_defaults(f, fun, n_copy);
    }
}

void py_vm_bind_args(py_frame *f, py_fun *fun, size_t n_args, size_t n_kw, const py_val *args) {
    const py_code *code = f->code;
    py_val *slots = f->slots;
    if (n_kw == 0 && n_args == code->n_pos && code->n_kwonly == 0 &&
        !(code->flags & (PY_CODE_VARARGS | PY_CODE_VARKW))) {
        for (size_t i = 0; i < n_args; i++) {
            slots[i] = args[i];
        }
    } else {
        bind_general(f, fun, n_args, n_kw, args);
    }
    if (code->n_cells > 0) {
        py_val *cells = slots + code->n_locals;
        for (size_t i = 0; i < code->n_cells; i++) {
            uint16_t arg = code->cell2arg != NULL ? code->cell2arg[i] : PY_CODE_NO_ARG;
            cells[i] = py_cell_new(arg != PY_CODE_NO_ARG ? slots[arg] : PY_NULL);
        }
    }
    if (code->n_free > 0) {
        size_t n = 0;
        py_val *items = NULL;
        if (fun != NULL && fun->closure != PY_NULL) {
            py_get_array(fun->closure, &n, &items);
        }
        if (n < code->n_free) {
            py_raise_msg(&py_type_RuntimeError, "%q(): closure has too few cells", code->name);
        }
        py_val *free_slots = slots + code->n_locals + code->n_cells;
        for (size_t i = 0; i < code->n_free; i++) {
            free_slots[i] = items[i];
        }
    }
}

/* ---------------------------------------------------------------- Python functions */

py_val py_fun_new(const py_code *code, py_val globals, py_val defaults, py_val kwdefaults,
                  py_val closure) {
    py_fun *f = py_new(py_fun);
    f->head.type = &py_type_function;
    f->code = code;
    f->globals = globals;
    f->defaults = defaults;
    f->kwdefaults = kwdefaults;
    f->closure = closure;
    f->dict = PY_NULL;
    f->info = NULL;
    return PY_OBJ(f);
}

static py_val fun_call(py_val self, size_t n_args, size_t n_kw, const py_val *args) {
    return py_vm_call_fun(py_ptr(self), n_args, n_kw, args);
}

static void fun_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    const py_fun *f = py_ptr(self);
    py_printf(out, "<function %q at %p>", f->code->name, py_ptr(self));
}

static py_val none_if_null(py_val v) { return v == PY_NULL ? PY_NONE : v; }

static py_val fun_builtin_attr(py_fun *f, py_qstr name) {
    switch (name) {
    case Q___name__:
    case Q___qualname__:
        return PY_QSTR(f->code->name);
    case Q___module__: {
        py_val m = py_dict_get(f->globals, PY_QSTR(Q___name__));
        return none_if_null(m);
    }
    case Q___globals__:
        return f->globals;
    case Q___code__:
        return PY_OBJ(f->code);
    case Q___defaults__:
        return none_if_null(f->defaults);
    case Q___kwdefaults__:
        return none_if_null(f->kwdefaults);
    case Q___closure__:
        return none_if_null(f->closure);
    case Q___doc__:
        return PY_NONE;
    default:
        return PY_NULL;
    }
}

static void fun_attr(py_val self, py_qstr name, py_val *dest) {
    py_fun *f = py_ptr(self);
    if (dest[0] == PY_NULL) {
        if (f->dict != PY_NULL) {
            py_val v = py_dict_get(f->dict, PY_QSTR(name));
            if (v != PY_NULL) {
                dest[0] = v;
                return;
            }
        }
        dest[0] = fun_builtin_attr(f, name);
        return;
    }
    if (name == Q___dict__) {
        return; /* not replaceable: leave it to the runtime to refuse */
    }
    if (dest[1] == PY_NULL) {
        if (f->dict != PY_NULL &&
            py_map_lookup(py_dict_map(f->dict), PY_QSTR(name), PY_MAP_REMOVE) != NULL) {
            dest[0] = PY_NULL;
        }
        return;
    }
    if (f->dict == PY_NULL) {
        f->dict = py_dict_new(1);
    }
    py_dict_store(f->dict, PY_QSTR(name), dest[1]);
    dest[0] = PY_NULL;
}

const py_type py_type_function = {
    .head = {&py_type_type},
    .name = Q_function,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY,
    .print = fun_print,
    .call = fun_call,
    .attr = fun_attr,
};

/* ---------------------------------------------------------------- functions written in C */

_Noreturn static void builtin_bad_args(size_t n_args, size_t n_kw, const py_builtin_fun *b) {
    py_check_nargs(n_args, n_kw, b->n_min, b->n_max, b->kind == PY_FUN_KW);
    /* py_check_nargs accepted what the fast check refused: say it plainly */
    if (n_kw > 0 && b->kind != PY_FUN_KW) {
        py_raise_type_error("function doesn't take keyword arguments");
    }
    if (b->n_min == b->n_max) {
        py_raise_type_error("function takes %u positional arguments but %u were given",
                            (unsigned)b->n_min, (unsigned)n_args);
    }
    if (n_args < b->n_min) {
        py_raise_type_error("function missing %u required positional arguments",
                            (unsigned)(b->n_min - n_args));
    }
    py_raise_type_error("function expected at most %u arguments, got %u", (unsigned)b->n_max,
                        (unsigned)n_args);
}

static py_val builtin_call_kw(const py_builtin_fun *b, size_t n_args, size_t n_kw,
                              const py_val *args) {
    py_map kw;
    py_map_init(&kw, n_kw);
    for (size_t i = 0; i < n_kw; i++) {
        py_val key = args[n_args + 2 * i];
        py_map_store(&kw, py_is_qstr(key) ? key : PY_QSTR(key_qstr(key)), args[n_args + 2 * i + 1]);
    }
    return b->fn.fkw(n_args, args, &kw);
}

static py_val builtin_call(py_val self, size_t n_args, size_t n_kw, const py_val *args) {
    const py_builtin_fun *b = py_ptr(self);
    if (b->kind == PY_FUN_KW) {
        if (n_args < b->n_min || n_args > b->n_max) {
            builtin_bad_args(n_args, n_kw, b);
        }
        return builtin_call_kw(b, n_args, n_kw, args);
    }
    if (n_kw != 0 || n_args < b->n_min || n_args > b->n_max) {
        builtin_bad_args(n_args, n_kw, b);
    }
    switch (b->kind) {
    case PY_FUN_0:
        return b->fn.f0();
    case PY_FUN_1:
        return b->fn.f1(args[0]);
    case PY_FUN_2:
        return b->fn.f2(args[0], args[1]);
    case PY_FUN_3:
        return b->fn.f3(args[0], args[1], args[2]);
    default:
        return b->fn.fvar(n_args, args);
    }
}

/* A C function does not know its name: look for where it is published. */
static py_qstr find_in_map(py_map *m, py_val v) {
    for (size_t i = 0; (i = py_map_next(m, i)) != 0;) {
        if (m->table[i - 1].value == v && py_is_qstr(m->table[i - 1].key)) {
            return py_qstr_of(m->table[i - 1].key);
        }
    }
    return Q_NULL;
}


/* A built-in function object does not hold its name (the tables of C
 * modules stay small): it is the key that holds it in the builtins, a
 * built-in module (imported or not: those are not in sys.modules, as in
 * MicroPython) or a module in sys.modules. Only repr and __name__ ask. */
static py_qstr builtin_name(py_val self) {
    if (py_st.builtins == PY_NULL) {
        return Q_NULL;
    }
    py_qstr q = find_in_map(py_dict_map(py_st.builtins), self);
    for (size_t i = 0; q == Q_NULL && i < py_builtin_module_count(); i++) {
        py_val mod = py_builtin_module_find(py_builtin_module_name(i));
        if (mod != PY_NULL && py_is_type(mod, &py_type_module)) {
            q = find_in_map(py_dict_map(py_module_globals(mod)), self);
        }
    }
    py_map *mods = py_dict_map(py_st.modules);
    for (size_t i = 0; q == Q_NULL && (i = py_map_next(mods, i)) != 0;) {
        py_val mod = mods->table[i - 1].value;
        if (py_is_type(mod, &py_type_module)) {
            q = find_in_map(py_dict_map(py_module_globals(mod)), self);
        }
    }
    return q;
}

/* The name under which a type (or a base of it) holds fun, or Q_NULL. */
static py_qstr method_name(const py_type *type, py_val fun) {
    for (; type != NULL; type = type->base) {
        if (type->locals != PY_NULL) {
            py_qstr q = find_in_map(py_dict_map(type->locals), fun);
            if (q != Q_NULL) {
                return q;
            }
        }
        if (type->bases != PY_NULL) {
            size_t n;
            py_val *items;
            py_get_array(type->bases, &n, &items);
            for (size_t i = 0; i < n; i++) {
                py_qstr q = method_name((const py_type *)py_ptr(items[i]), fun);
                if (q != Q_NULL) {
                    return q;
                }
            }
        }
    }
    return Q_NULL;
}

static void builtin_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_qstr name = builtin_name(self);
    if (name != Q_NULL) {
        py_printf(out, "<built-in function %q>", name);
    } else {
        py_printf(out, "<built-in function at %p>", py_ptr(self));
    }
}

static void builtin_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL || (name != Q___name__ && name != Q___qualname__)) {
        return;
    }
    py_qstr q = builtin_name(self);
    if (q != Q_NULL) {
        dest[0] = PY_QSTR(q);
    }
}

const py_type py_type_builtin_function = {
    .head = {&py_type_type},
    .name = Q_builtin_function_or_method,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY,
    .print = builtin_print,
    .call = builtin_call,
    .attr = builtin_attr,
};

/* ---------------------------------------------------------------- bound methods */

py_val py_bound_method_new(py_val fun, py_val self) {
    py_bound_method *m = py_new(py_bound_method);
    m->head.type = &py_type_bound_method;
    m->fun = fun;
    m->self = self;
    return PY_OBJ(m);
}

static py_val bound_call(py_val self, size_t n_args, size_t n_kw, const py_val *args) {
    py_bound_method *m = py_ptr(self);
    size_t total = n_args + 2 * n_kw;
    py_val local[8];
    py_val *buf = total < 8 ? local : py_gc_alloc((total + 1) * sizeof(py_val));
    buf[0] = m->self;
    memcpy(buf + 1, args, total * sizeof(py_val));
    if (py_is_type(m->fun, &py_type_function)) {
        return py_vm_call_fun(py_ptr(m->fun), n_args + 1, n_kw, buf);
    }
    return py_call(m->fun, n_args + 1, n_kw, buf);
}

static void bound_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_bound_method *m = py_ptr(self);
    py_val name = py_getattr_maybe(m->fun, Q___name__);
    if (name == PY_NULL) {
        py_qstr q = method_name(py_type_of(m->self), m->fun);
        name = q != Q_NULL ? PY_QSTR(q) : PY_NULL;
    }
    if (name != PY_NULL) {
        py_printf(out, "<bound method %v of %r>", name, m->self);
    } else {
        py_printf(out, "<bound method of %r>", m->self);
    }
}

static void bound_attr(py_val self, py_qstr name, py_val *dest) {
    py_bound_method *m = py_ptr(self);
    if (dest[0] != PY_NULL) {
        return; /* read-only */
    }
    if (name == Q___self__) {
        dest[0] = m->self;
    } else if (name == Q___func__) {
        dest[0] = m->fun;
    } else {
        dest[0] = py_getattr_maybe(m->fun, name);
    }
}

static py_val bound_binary_op(py_binop op, py_val lhs, py_val rhs) {
    if (op != PY_BINOP_EQ && op != PY_BINOP_NE) {
        return PY_NULL;
    }
    bool eq = false;
    if (py_is_type(rhs, &py_type_bound_method)) {
        py_bound_method *a = py_ptr(lhs), *b = py_ptr(rhs);
        eq = a->self == b->self && py_equal(a->fun, b->fun);
    }
    return PY_BOOL(op == PY_BINOP_EQ ? eq : !eq);
}

static py_val bound_unary_op(py_unop op, py_val self) {
    if (op != PY_UNOP_HASH) {
        return PY_NULL;
    }
    py_bound_method *m = py_ptr(self);
    py_int_t h = (py_int_t)((uintptr_t)m->self >> 3) ^ py_hash(m->fun);
    return PY_SMALL(h & PY_SMALL_MAX);
}

const py_type py_type_bound_method = {
    .head = {&py_type_type},
    .name = Q_bound_method,
    .print = bound_print,
    .call = bound_call,
    .unary_op = bound_unary_op,
    .binary_op = bound_binary_op,
    .attr = bound_attr,
};

/* ---------------------------------------------------------------- cells */

py_val py_cell_new(py_val value) {
    py_cell *c = py_new(py_cell);
    c->head.type = &py_type_cell;
    c->value = value;
    return PY_OBJ(c);
}

static void cell_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_cell *c = py_ptr(self);
    if (c->value == PY_NULL) {
        py_printf(out, "<cell at %p: empty>", py_ptr(self));
    } else {
        py_printf(out, "<cell at %p: %T object>", py_ptr(self), c->value);
    }
}

static void cell_attr(py_val self, py_qstr name, py_val *dest) {
    py_cell *c = py_ptr(self);
    if (dest[0] == PY_NULL && name == Q_cell_contents) {
        if (c->value == PY_NULL) {
            py_raise_value_error("Cell is empty");
        }
        dest[0] = c->value;
    }
}

const py_type py_type_cell = {
    .head = {&py_type_type},
    .name = Q_cell,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY,
    .print = cell_print,
    .attr = cell_attr,
};
