/*
 * builtins.c - the builtins module: the functions every program can call
 * without importing anything, and the names of the built-in types and
 * exceptions.
 *
 * Most functions here are thin: the work is in the type slots and the runtime
 * (runtime.c). The builtins dict is a fixed table in the image, so it costs no
 * heap.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campy.h"
#include "frozen.h"
#include "objtype.h"
#include "vm.h"

/* ---- small helpers */

static const py_type *type_arg(py_val v) {
    if (!py_isinstance(v, &py_type_type)) {
        py_raise_type_error("expected a type, got '%T'", v);
    }
    return (const py_type *)py_ptr(v);
}

/* isinstance/issubclass second argument: a type or a tuple of them. */
static bool matches_class(const py_type *t, py_val cls) {
    if (py_is_type(cls, &py_type_tuple)) {
        size_t n;
        py_val *items;
        py_get_array(cls, &n, &items);
        for (size_t i = 0; i < n; i++) {
            if (matches_class(t, items[i])) {
                return true;
            }
        }
        return false;
    }
    if (!py_isinstance(cls, &py_type_type)) {
        py_raise_type_error("isinstance/issubclass arg 2 must be a type or tuple of types");
    }
    return py_is_subclass(t, (const py_type *)py_ptr(cls));
}

/* ---- functions */

static py_val builtin_abs(py_val x) { return py_unary_op(PY_UNOP_ABS, x); }
PY_DEFINE_FUN_1(builtin_abs_obj, builtin_abs);

static py_val builtin_all(py_val iterable) {
    py_val it = py_getiter(iterable), item;
    while ((item = py_iternext(it)) != PY_STOP) {
        if (!py_truthy(item)) {
            return PY_FALSE;
        }
    }
    return PY_TRUE;
}
PY_DEFINE_FUN_1(builtin_all_obj, builtin_all);

static py_val builtin_any(py_val iterable) {
    py_val it = py_getiter(iterable), item;
    while ((item = py_iternext(it)) != PY_STOP) {
        if (py_truthy(item)) {
            return PY_TRUE;
        }
    }
    return PY_FALSE;
}
PY_DEFINE_FUN_1(builtin_any_obj, builtin_any);

static py_val format_with(py_val x, const char *spec) {
    return py_format(x, py_str_from_cstr(spec));
}

static py_val int_arg_for_base(py_val x) {
    if (!py_is_int(x)) {
        py_val idx = py_getattr_maybe(x, Q___index__);
        if (idx == PY_NULL) {
            py_raise_type_error("'%T' object cannot be interpreted as an integer", x);
        }
        x = py_call0(idx);
    }
    return x;
}

/* ascii(): repr with every non-ASCII character escaped. */
py_val py_ascii(py_val v) {
    size_t len;
    const char *s = py_str_data(py_repr(v), &len);
    py_buf b;
    py_buf_init(&b, len);
    for (size_t i = 0; i < len;) {
        uint8_t c = (uint8_t)s[i];
        if (c < 0x80) {
            py_buf_add_byte(&b, (char)c);
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        cp = c & (0x3f >> (n - 1));
        for (size_t j = 1; j < n && i + j < len; j++) {
            cp = (cp << 6) | ((uint8_t)s[i + j] & 0x3f);
        }
        i += n;
        if (cp < 0x100) {
            py_buf_printf(&b, "\\x%02x", (unsigned)cp);
        } else if (cp < 0x10000) {
            py_buf_printf(&b, "\\u%04x", (unsigned)cp);
        } else {
            py_buf_printf(&b, "\\U%08x", (unsigned)cp);
        }
    }
    return py_buf_to_str(&b);
}

static py_val builtin_ascii(py_val x) { return py_ascii(x); }
PY_DEFINE_FUN_1(builtin_ascii_obj, builtin_ascii);

static py_val builtin_bin(py_val x) { return format_with(int_arg_for_base(x), "#b"); }
PY_DEFINE_FUN_1(builtin_bin_obj, builtin_bin);
static py_val builtin_oct(py_val x) { return format_with(int_arg_for_base(x), "#o"); }
PY_DEFINE_FUN_1(builtin_oct_obj, builtin_oct);
static py_val builtin_hex(py_val x) { return format_with(int_arg_for_base(x), "#x"); }
PY_DEFINE_FUN_1(builtin_hex_obj, builtin_hex);

static py_val builtin_callable(py_val x) { return PY_BOOL(py_is_callable(x)); }
PY_DEFINE_FUN_1(builtin_callable_obj, builtin_callable);

static py_val builtin_chr(py_val x) {
    py_int_t c = py_get_int(x);
    if (c < 0 || c > 0x10ffff) {
        py_raise_value_error("chr() arg not in range(0x110000)");
    }
    char tmp[4];
    py_buf b = {tmp, 0, sizeof(tmp)};
    /* the buffer is big enough for any code point: no allocation happens */
    py_buf_add_char(&b, (uint32_t)c);
    return py_str_new(tmp, b.len);
}
PY_DEFINE_FUN_1(builtin_chr_obj, builtin_chr);

static py_val builtin_ord(py_val x) {
    size_t len;
    const unsigned char *s;
    if (py_is_str(x)) {
        s = (const unsigned char *)py_str_data(x, &len);
        if (len > 0) {
            uint32_t c = s[0];
            size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
            if (n == len) {
                if (n == 2) {
                    c = ((c & 0x1f) << 6) | (s[1] & 0x3f);
                } else if (n == 3) {
                    c = ((c & 0x0f) << 12) | ((s[1] & 0x3f) << 6) | (s[2] & 0x3f);
                } else if (n == 4) {
                    c = ((c & 0x07) << 18) | ((s[1] & 0x3f) << 12) | ((s[2] & 0x3f) << 6) |
                        (s[3] & 0x3f);
                }
                return PY_SMALL(c);
            }
        }
        py_raise_type_error("ord() expected a character, but string of length %zu found",
                            len);
    }
    py_buffer buf;
    if (py_get_buffer(x, &buf, PY_BUFFER_READ)) {
        if (buf.len != 1) {
            py_raise_type_error("ord() expected a character, but string of length %zu found",
                                buf.len);
        }
        return PY_SMALL(((const unsigned char *)buf.buf)[0]);
    }
    py_raise_type_error("ord() expected string of length 1, but %T found", x);
}
PY_DEFINE_FUN_1(builtin_ord_obj, builtin_ord);

static int compile_mode(py_val mode) {
    size_t len;
    const char *m = py_get_str(mode, &len);
    if (len == 4 && memcmp(m, "exec", 4) == 0) {
        return PY_INPUT_FILE;
    }
    if (len == 4 && memcmp(m, "eval", 4) == 0) {
        return PY_INPUT_EVAL;
    }
    if (len == 6 && memcmp(m, "single", 6) == 0) {
        return PY_INPUT_SINGLE;
    }
    py_raise_value_error("compile() mode must be 'exec', 'eval' or 'single'");
}

static const char *source_arg(py_val src, size_t *len) {
    if (py_is_str(src)) {
        return py_str_data(src, len);
    }
    py_buffer buf;
    if (py_get_buffer(src, &buf, PY_BUFFER_READ)) {
        *len = buf.len;
        return buf.buf;
    }
    py_raise_type_error("expected str, bytes or code object, got '%T'", src);
}

static py_val builtin_compile(size_t n_args, const py_val *args) {
    size_t len;
    const char *src = source_arg(args[0], &len);
    size_t flen;
    const char *fname = py_get_str(args[1], &flen);
    return py_compile(src, len, py_qstr_from(fname, flen), compile_mode(args[2]));
    (void)n_args;
}
PY_DEFINE_FUN_VAR(builtin_compile_obj, 3, 6, builtin_compile);

/* eval/exec: source or code, optional globals and locals dicts. */
static py_val run_source(size_t n_args, const py_val *args, int mode) {
    py_val globals = n_args > 1 && args[1] != PY_NONE ? args[1] : py_vm_globals();
    py_val locals = n_args > 2 && args[2] != PY_NONE
                        ? args[2]
                        : (n_args > 1 && args[1] != PY_NONE ? globals : py_vm_locals());
    if (!py_isinstance(globals, &py_type_dict)) {
        py_raise_type_error("globals must be a dict");
    }
    if (py_dict_get(globals, PY_QSTR(Q___builtins__)) == PY_NULL && n_args > 1) {
        /* nothing to do: builtins are always reachable */
    }
    py_val code = args[0];
    if (!py_is_type(code, &py_type_code)) {
        size_t len;
        const char *src = source_arg(code, &len);
        code = py_compile(src, len, QA_string, mode);
    }
    return py_exec_code(code, globals, locals);
}

static py_val builtin_eval(size_t n_args, const py_val *args) {
    return run_source(n_args, args, PY_INPUT_EVAL);
}
PY_DEFINE_FUN_VAR(builtin_eval_obj, 1, 3, builtin_eval);

static py_val builtin_exec(size_t n_args, const py_val *args) {
    run_source(n_args, args, PY_INPUT_FILE);
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(builtin_exec_obj, 1, 3, builtin_exec);

static void add_keys(py_val set, py_val dict) {
    if (dict == PY_NULL || !py_isinstance(dict, &py_type_dict)) {
        return;
    }
    py_map *m = py_dict_map(dict);
    for (size_t p = 0; (p = py_map_next(m, p)) != 0;) {
        py_set_add(set, m->table[p - 1].key);
    }
}

static void add_type_names(py_val set, const py_type *t) {
    for (; t != NULL; t = t->base) {
        add_keys(set, t->locals);
        if (t->bases != PY_NULL) {
            size_t n;
            py_val *items;
            py_get_array(t->bases, &n, &items);
            for (size_t i = 0; i < n; i++) {
                add_type_names(set, (const py_type *)py_ptr(items[i]));
            }
        }
    }
}

static py_val builtin_dir(size_t n_args, const py_val *args) {
    py_val set = py_set_new(0, NULL);
    if (n_args == 0) {
        add_keys(set, py_vm_locals());
    } else {
        py_val obj = args[0];
        if (py_is_type(obj, &py_type_module)) {
            add_keys(set, py_module_globals(obj));
        } else {
            py_val d = PY_NULL;
            py_nlr nlr;
            py_try(nlr) {
                d = py_getattr_maybe(obj, Q___dict__);
                py_nlr_pop();
            } else {
                d = PY_NULL;
            }
            add_keys(set, d);
            if (py_isinstance(obj, &py_type_type)) {
                add_type_names(set, (const py_type *)py_ptr(obj));
            } else {
                add_type_names(set, py_type_of(obj));
                py_set_add(set, PY_QSTR(Q___class__));
            }
        }
    }
    py_val list = py_call1(PY_OBJ(&py_type_list), set);
    py_val dest[2];
    py_load_method(list, Q_sort, dest);
    py_call_method(dest, 0, 0, NULL);
    return list;
}
PY_DEFINE_FUN_VAR(builtin_dir_obj, 0, 1, builtin_dir);

static py_val builtin_divmod(py_val a, py_val b) { return py_binary_op(PY_BINOP_DIVMOD, a, b); }
PY_DEFINE_FUN_2(builtin_divmod_obj, builtin_divmod);

static py_qstr attr_name(py_val name) {
    if (!py_is_str(name)) {
        py_raise_type_error("attribute name must be string, not '%T'", name);
    }
    return py_qstr_of(py_str_intern(name));
}

static py_val builtin_getattr(size_t n_args, const py_val *args) {
    py_qstr name = attr_name(args[1]);
    if (n_args == 2) {
        return py_getattr(args[0], name);
    }
    py_val v = py_getattr_maybe(args[0], name);
    return v == PY_NULL ? args[2] : v;
}
PY_DEFINE_FUN_VAR(builtin_getattr_obj, 2, 3, builtin_getattr);

static py_val builtin_setattr(py_val obj, py_val name, py_val value) {
    py_setattr(obj, attr_name(name), value);
    return PY_NONE;
}
PY_DEFINE_FUN_3(builtin_setattr_obj, builtin_setattr);

static py_val builtin_delattr(py_val obj, py_val name) {
    py_delattr(obj, attr_name(name));
    return PY_NONE;
}
PY_DEFINE_FUN_2(builtin_delattr_obj, builtin_delattr);

static py_val builtin_hasattr(py_val obj, py_val name) {
    return PY_BOOL(py_getattr_maybe(obj, attr_name(name)) != PY_NULL);
}
PY_DEFINE_FUN_2(builtin_hasattr_obj, builtin_hasattr);

static py_val builtin_globals(void) { return py_vm_globals(); }
PY_DEFINE_FUN_0(builtin_globals_obj, builtin_globals);
static py_val builtin_locals(void) { return py_vm_locals(); }
PY_DEFINE_FUN_0(builtin_locals_obj, builtin_locals);

static py_val builtin_hash(py_val x) { return PY_SMALL(py_hash(x)); }
PY_DEFINE_FUN_1(builtin_hash_obj, builtin_hash);

static py_val builtin_id(py_val x) {
    if (py_is_obj(x)) {
        return py_int_from_u64((unsigned long long)(uintptr_t)x);
    }
    return py_int_from_u64((unsigned long long)x);
}
PY_DEFINE_FUN_1(builtin_id_obj, builtin_id);

static py_val builtin_input(size_t n_args, const py_val *args) {
    if (py_port_hooks.read_line != NULL) {
        size_t len = 0;
        const char *prompt = n_args == 1 ? py_str_data(py_str_of(args[0]), &len) : "";
        return py_port_hooks.read_line(prompt, len);
    }
    if (n_args == 1) {
        py_print_value(&py_print_stdout, args[0], PY_PRINT_STR);
    }
    py_buf line;
    py_buf_init(&line, 64);
    for (;;) {
        char c;
        size_t n = py_port_hooks.read_stdin == NULL ? 0 : py_port_hooks.read_stdin(&c, 1);
        py_handle_pending();
        if (n == 0) {
            if (line.len == 0) {
                py_raise_type(&py_type_EOFError);
            }
            break;
        }
        if (c == '\n') {
            break;
        }
        py_buf_add_byte(&line, c);
    }
    if (line.len > 0 && line.data[line.len - 1] == '\r') {
        line.len--;
    }
    return py_buf_to_str(&line);
}
PY_DEFINE_FUN_VAR(builtin_input_obj, 0, 1, builtin_input);

static py_val builtin_isinstance(py_val obj, py_val cls) {
    return PY_BOOL(matches_class(py_type_of(obj), cls));
}
PY_DEFINE_FUN_2(builtin_isinstance_obj, builtin_isinstance);

static py_val builtin_issubclass(py_val sub, py_val cls) {
    if (!py_isinstance(sub, &py_type_type)) {
        py_raise_type_error("issubclass() arg 1 must be a class");
    }
    return PY_BOOL(matches_class(type_arg(sub), cls));
}
PY_DEFINE_FUN_2(builtin_issubclass_obj, builtin_issubclass);

/* iter(callable, sentinel): calls until the sentinel comes back. */
typedef struct call_iter {
    py_head head;
    py_val fun, sentinel;
} call_iter;

static py_val call_iter_next(py_val self) {
    call_iter *it = py_ptr(self);
    if (it->fun == PY_NULL) {
        return PY_STOP;
    }
    py_val v = py_call0(it->fun);
    if (py_equal(v, it->sentinel)) {
        it->fun = PY_NULL;
        return PY_STOP;
    }
    return v;
}

static py_val call_iter_getiter(py_val self) { return self; }

static const py_type call_iter_type = {
    .head = {&py_type_type},
    .name = Q_callable_iterator,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .getiter = call_iter_getiter,
    .iternext = call_iter_next,
};

static py_val builtin_iter(size_t n_args, const py_val *args) {
    if (n_args == 1) {
        return py_getiter(args[0]);
    }
    if (!py_is_callable(args[0])) {
        py_raise_type_error("iter(v, w): v must be callable");
    }
    call_iter *it = py_new(call_iter);
    it->head.type = &call_iter_type;
    it->fun = args[0];
    it->sentinel = args[1];
    return PY_OBJ(it);
}
PY_DEFINE_FUN_VAR(builtin_iter_obj, 1, 2, builtin_iter);

static py_val builtin_len(py_val x) { return PY_SMALL((py_int_t)py_len(x)); }
PY_DEFINE_FUN_1(builtin_len_obj, builtin_len);

/* max/min share this: op is PY_BINOP_GT for max, PY_BINOP_LT for min. */
static py_val min_max(size_t n_args, const py_val *args, py_map *kw, py_binop op) {
    static const py_arg_spec spec[] = {
        {Q_key, PY_ARG_KW_ONLY, PY_NONE},
        {Q_default, PY_ARG_KW_ONLY, PY_NULL},
    };
    py_val opts[2];
    py_parse_args(0, NULL, kw, 2, spec, opts);
    py_val key = opts[0], def = opts[1];
    if (n_args == 0) {
        py_raise_type_error("%s expected at least 1 argument, got 0",
                            op == PY_BINOP_GT ? "max" : "min");
    }
    py_val it = n_args == 1 ? py_getiter(args[0]) : PY_NULL;
    if (n_args > 1 && def != PY_NULL) {
        py_raise_type_error("Cannot specify a default for %s() with multiple positional arguments",
                            op == PY_BINOP_GT ? "max" : "min");
    }
    py_val best = PY_NULL, best_key = PY_NULL;
    for (size_t i = 0;; i++) {
        py_val item;
        if (it != PY_NULL) {
            item = py_iternext(it);
            if (item == PY_STOP) {
                break;
            }
        } else {
            if (i == n_args) {
                break;
            }
            item = args[i];
        }
        py_val k = key == PY_NONE ? item : py_call1(key, item);
        if (best == PY_NULL || py_truthy(py_binary_op(op, k, best_key))) {
            best = item;
            best_key = k;
        }
    }
    if (best == PY_NULL) {
        if (def != PY_NULL) {
            return def;
        }
        py_raise_value_error("%s() arg is an empty sequence", op == PY_BINOP_GT ? "max" : "min");
    }
    return best;
}

static py_val builtin_max(size_t n_args, const py_val *args, py_map *kw) {
    return min_max(n_args, args, kw, PY_BINOP_GT);
}
PY_DEFINE_FUN_KW(builtin_max_obj, 0, builtin_max);

static py_val builtin_min(size_t n_args, const py_val *args, py_map *kw) {
    return min_max(n_args, args, kw, PY_BINOP_LT);
}
PY_DEFINE_FUN_KW(builtin_min_obj, 0, builtin_min);

static py_val builtin_next(size_t n_args, const py_val *args) {
    if (py_type_of(args[0])->iternext == NULL) {
        py_raise_type_error("'%T' object is not an iterator", args[0]);
    }
    if (n_args == 1 && py_is_type(args[0], &py_type_generator)) {
        /* its StopIteration carries the generator's return value */
        return py_call_method_name(args[0], Q___next__, 0, NULL);
    }
    py_val v = py_iternext(args[0]);
    if (v == PY_STOP) {
        if (n_args == 2) {
            return args[1];
        }
        py_raise_type(&py_type_StopIteration);
    }
    return v;
}
PY_DEFINE_FUN_VAR(builtin_next_obj, 1, 2, builtin_next);

static py_val builtin_pow(size_t n_args, const py_val *args) {
    if (n_args == 3 && args[2] != PY_NONE) {
        return py_int_pow3(args[0], args[1], args[2]);
    }
    return py_binary_op(PY_BINOP_POW, args[0], args[1]);
}
PY_DEFINE_FUN_VAR(builtin_pow_obj, 2, 3, builtin_pow);

/* print() writes to a py_print, or to a file object through its write(). */
typedef struct file_print {
    py_val write_dest[2];
} file_print;

static void print_to_file(void *ctx, const char *s, size_t n) {
    file_print *fp = ctx;
    py_val str = py_str_new(s, n);
    py_call_method(fp->write_dest, 1, 0, &str);
}

static py_val builtin_print(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_sep, PY_ARG_KW_ONLY, PY_NONE},
        {Q_end, PY_ARG_KW_ONLY, PY_NONE},
        {Q_file, PY_ARG_KW_ONLY, PY_NONE},
        {Q_flush, PY_ARG_KW_ONLY, PY_FALSE},
    };
    py_val opts[4];
    py_parse_args(0, NULL, kw, 4, spec, opts);
    const char *sep = " ", *end = "\n";
    size_t sep_len = 1, end_len = 1;
    if (opts[0] != PY_NONE) {
        sep = py_get_str(opts[0], &sep_len);
    }
    if (opts[1] != PY_NONE) {
        end = py_get_str(opts[1], &end_len);
    }
    py_print file_out;
    file_print fp;
    const py_print *out = &py_print_stdout;
    if (opts[2] != PY_NONE) {
        py_load_method(opts[2], Q_write, fp.write_dest);
        file_out.ctx = &fp;
        file_out.write = print_to_file;
        out = &file_out;
    }
    /* Build the line first so a file object gets one write, as on MicroPython
     * streams; stdout gets the same bytes either way. */
    for (size_t i = 0; i < n_args; i++) {
        if (i > 0) {
            py_print_strn(out, sep, sep_len);
        }
        py_print_value(out, args[i], PY_PRINT_STR);
    }
    py_print_strn(out, end, end_len);
    if (py_truthy(opts[3]) && opts[2] == PY_NONE && py_port_hooks.flush_stdout != NULL) {
        py_port_hooks.flush_stdout();
    }
    if (py_truthy(opts[3]) && opts[2] != PY_NONE) {
        py_val dest[2];
        py_load_method_maybe(opts[2], Q_flush, dest);
        if (dest[0] != PY_NULL) {
            py_call_method(dest, 0, 0, NULL);
        }
    }
    return PY_NONE;
}
PY_DEFINE_FUN_KW(builtin_print_obj, 0, builtin_print);

static py_val builtin_repr(py_val x) { return py_repr(x); }
PY_DEFINE_FUN_1(builtin_repr_obj, builtin_repr);

static py_val builtin_format(size_t n_args, const py_val *args) {
    return py_format(args[0], n_args > 1 ? args[1] : PY_QSTR(Q_));
}
PY_DEFINE_FUN_VAR(builtin_format_obj, 1, 2, builtin_format);

/* round(): floats round half to even, correctly, via the decimal text. */
static py_val round_float(py_float_t x, py_val ndigits) {
    if (ndigits == PY_NONE) {
        if (isnan(x)) {
            py_raise_value_error("cannot convert float NaN to integer");
        }
        if (isinf(x)) {
            py_raise_msg(&py_type_OverflowError, "cannot convert float infinity to integer");
        }
        return py_int_from_float((py_float_t)nearbyint((double)x));
    }
    py_int_t n = py_get_int(ndigits);
    if (!isfinite(x) || n > 300) {
        return py_float_new(x);
    }
    if (n < -308) {
        return py_float_new((py_float_t)(0.0 * x));
    }
    char text[400];
    if (n >= 0) {
        snprintf(text, sizeof(text), "%.*f", (int)n, (double)x);
        return py_float_new((py_float_t)strtod(text, NULL));
    }
    double scale = pow(10.0, (double)-n);
    double q = (double)x / scale;
    double r = nearbyint(q);
    return py_float_new((py_float_t)(r * scale));
}

static py_val builtin_round(size_t n_args, const py_val *args) {
    py_val x = args[0];
    py_val nd = n_args > 1 ? args[1] : PY_NONE;
    if (py_isinstance(x, &py_type_float)) {
        return round_float(py_get_float(x), nd);
    }
    if (py_is_int(x)) {
        if (nd == PY_NONE) {
            return py_unary_op(PY_UNOP_POS, x);
        }
        py_int_t n = py_get_int(nd);
        if (n >= 0) {
            return py_unary_op(PY_UNOP_POS, x);
        }
        /* round to a multiple of 10**-n, half to even */
        py_val m = py_binary_op(PY_BINOP_POW, PY_SMALL(10), PY_SMALL(-n));
        py_val qr = py_binary_op(PY_BINOP_DIVMOD, x, m);
        size_t two;
        py_val *parts;
        py_get_array(qr, &two, &parts);
        py_val q = parts[0], r = parts[1];
        py_val twice = py_binary_op(PY_BINOP_MUL, r, PY_SMALL(2));
        bool up = py_truthy(py_binary_op(PY_BINOP_GT, twice, m)) ||
                  (py_equal(twice, m) &&
                   py_truthy(py_binary_op(PY_BINOP_AND, q, PY_SMALL(1))));
        if (up) {
            q = py_binary_op(PY_BINOP_ADD, q, PY_SMALL(1));
        }
        return py_binary_op(PY_BINOP_MUL, q, m);
    }
    py_val dest[2];
    py_load_method_maybe(x, Q___round__, dest);
    if (dest[0] == PY_NULL) {
        py_raise_type_error("type %T doesn't define __round__ method", x);
    }
    return py_call_method(dest, n_args - 1, 0, args + 1);
}
PY_DEFINE_FUN_VAR(builtin_round_obj, 1, 2, builtin_round);

static py_val builtin_sorted(size_t n_args, const py_val *args, py_map *kw) {
    if (n_args != 1) {
        py_raise_type_error("sorted expected 1 argument, got %zu", n_args);
    }
    py_val list = py_call1(PY_OBJ(&py_type_list), args[0]);
    py_val call[2 + 4];
    py_load_method(list, Q_sort, call);
    size_t n_kw = 0;
    if (kw != NULL) {
        for (size_t p = 0; (p = py_map_next(kw, p)) != 0;) {
            if (n_kw == 2) {
                py_raise_type_error("sorted() takes at most 2 keyword arguments");
            }
            call[2 + 2 * n_kw] = kw->table[p - 1].key;
            call[3 + 2 * n_kw] = kw->table[p - 1].value;
            n_kw++;
        }
    }
    py_call_method(call, 0, n_kw, call + 2);
    return list;
}
PY_DEFINE_FUN_KW(builtin_sorted_obj, 1, builtin_sorted);

static py_val builtin_sum(size_t n_args, const py_val *args) {
    py_val acc = n_args > 1 ? args[1] : PY_SMALL(0);
    if (py_is_str(acc)) {
        py_raise_type_error("sum() can't sum strings [use ''.join(seq) instead]");
    }
    py_val it = py_getiter(args[0]), item;
    while ((item = py_iternext(it)) != PY_STOP) {
        acc = py_binary_op(PY_BINOP_ADD, acc, item);
    }
    return acc;
}
PY_DEFINE_FUN_VAR(builtin_sum_obj, 1, 2, builtin_sum);

static py_val builtin_import(size_t n_args, const py_val *args) {
    size_t len;
    const char *name = py_get_str(args[0], &len);
    py_val fromlist = n_args > 3 ? args[3] : PY_NONE;
    int level = n_args > 4 ? (int)py_get_int(args[4]) : 0;
    return py_import(py_qstr_from(name, len), fromlist, level);
}
PY_DEFINE_FUN_VAR(builtin_import_obj, 1, 5, builtin_import);

static py_val builtin_help(size_t n_args, const py_val *args) {
    const py_print *out = &py_print_stdout;
    if (n_args == 0 && py_port_hooks.help_text != NULL) {
        py_print_str(out, py_port_hooks.help_text);
        return PY_NONE;
    }
    if (n_args == 0) {
        py_print_str(out,
                     "Welcome to campy, Python for the ESP32-CAM.\n"
                     "\n"
                     "Type any Python expression or statement at the >>> prompt.\n"
                     "  help(obj)        lists the attributes of obj\n"
                     "  help('modules')  lists the built-in modules\n"
                     "  dir(obj)         the names obj has\n"
                     "Control keys: Ctrl-C interrupts, Ctrl-D exits (or soft-reboots the board),\n"
                     "Ctrl-E starts paste mode.\n");
        return PY_NONE;
    }
    py_val what = args[0];
    if (py_is_str(what)) {
        size_t len;
        const char *s = py_str_data(what, &len);
        if (len == 7 && memcmp(s, "modules", 7) == 0) {
            py_help_modules(out); /* built-in and frozen modules (frozen.c) */
            return PY_NONE;
        }
    }
    py_printf(out, "object %r is of type %T\n", what, what);
    py_val names = builtin_dir(1, &what);
    size_t n;
    py_val *items;
    py_get_array(names, &n, &items);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *s = py_str_data(items[i], &len);
        if (len > 1 && s[0] == '_' && s[1] == '_') {
            continue;
        }
        py_val v = py_getattr_maybe(what, py_qstr_of(py_str_intern(items[i])));
        if (v != PY_NULL) {
            py_printf(out, "  %v -- %r\n", items[i], v);
        }
    }
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(builtin_help_obj, 0, 1, builtin_help);

/* __build_class__(body, name, *bases, metaclass=type, **kw): runs the class
 * body in a fresh namespace, makes the class, and fills the body's __class__
 * cell (used by super() without arguments). */
static py_val builtin_build_class(size_t n_args, const py_val *args, py_map *kw) {
    if (n_args < 2) {
        py_raise_type_error("__build_class__: not enough arguments");
    }
    if (!py_is_type(args[0], &py_type_function)) {
        py_raise_type_error("__build_class__: func must be a function");
    }
    size_t name_len;
    const char *name = py_get_str(args[1], &name_len);
    py_val bases = py_tuple_new(n_args - 2, args + 2);
    py_val meta = PY_NULL;
    if (kw != NULL) {
        py_map_entry *e = py_map_lookup_qstr(kw, Q_metaclass, PY_MAP_LOOKUP);
        if (e != NULL) {
            meta = e->value;
        }
    }
    py_val ns = py_dict_new(8);
    py_val cell = py_vm_run_class_body(args[0], ns);
    py_val cls;
    if (meta != PY_NULL && meta != PY_OBJ(&py_type_type)) {
        py_val margs[3] = {args[1], bases, ns};
        cls = py_call(meta, 3, 0, margs);
    } else {
        cls = py_type_new_class(py_qstr_from(name, name_len), bases, ns);
    }
    if (py_is_type(cell, &py_type_cell)) {
        py_cell_set(cell, cls);
    }
    return cls;
}
PY_DEFINE_FUN_KW(py_builtin_build_class_obj, 2, builtin_build_class);

/* ---- the module */

#define TYPE_ENTRY(q, t) {PY_QSTR(q), PY_OBJ(&t)}

static const py_map_entry builtins_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_builtins)},
    {PY_QSTR(Q___build_class__), PY_OBJ(&py_builtin_build_class_obj)},
    {PY_QSTR(Q___import__), PY_OBJ(&builtin_import_obj)},
    {PY_QSTR(Q_abs), PY_OBJ(&builtin_abs_obj)},
    {PY_QSTR(Q_all), PY_OBJ(&builtin_all_obj)},
    {PY_QSTR(Q_any), PY_OBJ(&builtin_any_obj)},
    {PY_QSTR(Q_ascii), PY_OBJ(&builtin_ascii_obj)},
    {PY_QSTR(Q_bin), PY_OBJ(&builtin_bin_obj)},
    {PY_QSTR(Q_callable), PY_OBJ(&builtin_callable_obj)},
    {PY_QSTR(Q_chr), PY_OBJ(&builtin_chr_obj)},
    {PY_QSTR(Q_compile), PY_OBJ(&builtin_compile_obj)},
    {PY_QSTR(Q_delattr), PY_OBJ(&builtin_delattr_obj)},
    {PY_QSTR(Q_dir), PY_OBJ(&builtin_dir_obj)},
    {PY_QSTR(Q_divmod), PY_OBJ(&builtin_divmod_obj)},
    {PY_QSTR(Q_eval), PY_OBJ(&builtin_eval_obj)},
    {PY_QSTR(Q_exec), PY_OBJ(&builtin_exec_obj)},
    {PY_QSTR(Q_format), PY_OBJ(&builtin_format_obj)},
    {PY_QSTR(Q_getattr), PY_OBJ(&builtin_getattr_obj)},
    {PY_QSTR(Q_globals), PY_OBJ(&builtin_globals_obj)},
    {PY_QSTR(Q_hasattr), PY_OBJ(&builtin_hasattr_obj)},
    {PY_QSTR(Q_hash), PY_OBJ(&builtin_hash_obj)},
    {PY_QSTR(Q_help), PY_OBJ(&builtin_help_obj)},
    {PY_QSTR(Q_hex), PY_OBJ(&builtin_hex_obj)},
    {PY_QSTR(Q_id), PY_OBJ(&builtin_id_obj)},
    {PY_QSTR(Q_input), PY_OBJ(&builtin_input_obj)},
    {PY_QSTR(Q_isinstance), PY_OBJ(&builtin_isinstance_obj)},
    {PY_QSTR(Q_issubclass), PY_OBJ(&builtin_issubclass_obj)},
    {PY_QSTR(Q_iter), PY_OBJ(&builtin_iter_obj)},
    {PY_QSTR(Q_len), PY_OBJ(&builtin_len_obj)},
    {PY_QSTR(Q_locals), PY_OBJ(&builtin_locals_obj)},
    {PY_QSTR(Q_max), PY_OBJ(&builtin_max_obj)},
    {PY_QSTR(Q_min), PY_OBJ(&builtin_min_obj)},
    {PY_QSTR(Q_next), PY_OBJ(&builtin_next_obj)},
    {PY_QSTR(Q_oct), PY_OBJ(&builtin_oct_obj)},
    {PY_QSTR(Q_open), PY_OBJ(&py_io_open_obj)},
    {PY_QSTR(Q_ord), PY_OBJ(&builtin_ord_obj)},
    {PY_QSTR(Q_pow), PY_OBJ(&builtin_pow_obj)},
    {PY_QSTR(Q_print), PY_OBJ(&builtin_print_obj)},
    {PY_QSTR(Q_repr), PY_OBJ(&builtin_repr_obj)},
    {PY_QSTR(Q_round), PY_OBJ(&builtin_round_obj)},
    {PY_QSTR(Q_setattr), PY_OBJ(&builtin_setattr_obj)},
    {PY_QSTR(Q_sorted), PY_OBJ(&builtin_sorted_obj)},
    {PY_QSTR(Q_sum), PY_OBJ(&builtin_sum_obj)},
    /* types */
    TYPE_ENTRY(Q_bool, py_type_bool),
    TYPE_ENTRY(Q_bytearray, py_type_bytearray),
    TYPE_ENTRY(Q_bytes, py_type_bytes),
    TYPE_ENTRY(Q_classmethod, py_type_classmethod),
    TYPE_ENTRY(Q_complex, py_type_complex),
    TYPE_ENTRY(Q_dict, py_type_dict),
    TYPE_ENTRY(Q_enumerate, py_type_enumerate),
    TYPE_ENTRY(Q_filter, py_type_filter),
    TYPE_ENTRY(Q_float, py_type_float),
    TYPE_ENTRY(Q_frozenset, py_type_frozenset),
    TYPE_ENTRY(Q_int, py_type_int),
    TYPE_ENTRY(Q_list, py_type_list),
    TYPE_ENTRY(Q_map, py_type_map),
    TYPE_ENTRY(Q_memoryview, py_type_memoryview),
    TYPE_ENTRY(Q_object, py_type_object),
    TYPE_ENTRY(Q_property, py_type_property),
    TYPE_ENTRY(Q_range, py_type_range),
    TYPE_ENTRY(Q_reversed, py_type_reversed),
    TYPE_ENTRY(Q_set, py_type_set),
    TYPE_ENTRY(Q_slice, py_type_slice),
    TYPE_ENTRY(Q_staticmethod, py_type_staticmethod),
    TYPE_ENTRY(Q_str, py_type_str),
    TYPE_ENTRY(Q_super, py_type_super),
    TYPE_ENTRY(Q_tuple, py_type_tuple),
    TYPE_ENTRY(Q_type, py_type_type),
    TYPE_ENTRY(Q_zip, py_type_zip),
    /* constants */
    {PY_QSTR(Q_Ellipsis), PY_OBJ(&py_ellipsis_obj)},
    {PY_QSTR(Q_NotImplemented), PY_OBJ(&py_notimplemented_obj)},
    /* exceptions */
    TYPE_ENTRY(Q_ArithmeticError, py_type_ArithmeticError),
    TYPE_ENTRY(Q_AssertionError, py_type_AssertionError),
    TYPE_ENTRY(Q_AttributeError, py_type_AttributeError),
    TYPE_ENTRY(Q_BaseException, py_type_BaseException),
    TYPE_ENTRY(Q_EOFError, py_type_EOFError),
    TYPE_ENTRY(Q_Exception, py_type_Exception),
    TYPE_ENTRY(Q_GeneratorExit, py_type_GeneratorExit),
    TYPE_ENTRY(Q_ImportError, py_type_ImportError),
    TYPE_ENTRY(Q_IndentationError, py_type_IndentationError),
    TYPE_ENTRY(Q_IndexError, py_type_IndexError),
    TYPE_ENTRY(Q_KeyError, py_type_KeyError),
    TYPE_ENTRY(Q_KeyboardInterrupt, py_type_KeyboardInterrupt),
    TYPE_ENTRY(Q_LookupError, py_type_LookupError),
    TYPE_ENTRY(Q_MemoryError, py_type_MemoryError),
    TYPE_ENTRY(Q_NameError, py_type_NameError),
    TYPE_ENTRY(Q_NotImplementedError, py_type_NotImplementedError),
    TYPE_ENTRY(Q_OSError, py_type_OSError),
    TYPE_ENTRY(Q_OverflowError, py_type_OverflowError),
    TYPE_ENTRY(Q_RuntimeError, py_type_RuntimeError),
    TYPE_ENTRY(Q_StopAsyncIteration, py_type_StopAsyncIteration),
    TYPE_ENTRY(Q_StopIteration, py_type_StopIteration),
    TYPE_ENTRY(Q_SyntaxError, py_type_SyntaxError),
    TYPE_ENTRY(Q_SystemExit, py_type_SystemExit),
    TYPE_ENTRY(Q_TypeError, py_type_TypeError),
    TYPE_ENTRY(Q_UnicodeError, py_type_UnicodeError),
    TYPE_ENTRY(Q_ValueError, py_type_ValueError),
    TYPE_ENTRY(Q_ZeroDivisionError, py_type_ZeroDivisionError),
};

PY_DEFINE_FIXED_DICT(py_builtins_dict, builtins_table);
PY_DEFINE_MODULE(py_module_builtins, py_builtins_dict);
PY_REGISTER_MODULE(Q_builtins, py_module_builtins);
