/*
 * buf.c - the growable byte buffer (py_buf) and formatted output (py_print,
 * py_printf).
 *
 * py_buf is the one buffer type of the core: strings are built in it, repr()
 * prints into it, the compiler assembles bytecode in it. Its data is a leaf
 * block on the GC heap, reachable from wherever the py_buf struct lives.
 */
#include <stdio.h>
#include <string.h>

#include "campy.h"

void py_buf_init(py_buf *b, size_t cap) {
    if (cap < 16) {
        cap = 16;
    }
    b->data = py_gc_alloc_flags(cap, PY_GC_LEAF);
    b->len = 0;
    b->alloc = cap;
}

char *py_buf_extend(py_buf *b, size_t n) {
    if (n > SIZE_MAX / 2 - b->len) {
        py_raise_memory_error();
    }
    if (b->len + n > b->alloc) {
        size_t alloc = b->alloc + b->alloc / 2 + n;
        b->data = py_gc_realloc(b->data, alloc);
        b->alloc = alloc;
    }
    char *p = b->data + b->len;
    b->len += n;
    return p;
}

void py_buf_add(py_buf *b, const char *s, size_t n) {
    if (n > 0) {
        /* s may point into b->data itself: remember its offset across a move. */
        bool inside = s >= b->data && s < b->data + b->alloc;
        size_t off = inside ? (size_t)(s - b->data) : 0;
        char *dst = py_buf_extend(b, n);
        memmove(dst, inside ? b->data + off : s, n);
    }
}

void py_buf_add_str(py_buf *b, const char *s) { py_buf_add(b, s, strlen(s)); }
void py_buf_add_byte(py_buf *b, char c) { *py_buf_extend(b, 1) = c; }

void py_buf_add_char(py_buf *b, uint32_t c) {
    char tmp[4];
    size_t n;
    if (c < 0x80) {
        tmp[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        tmp[0] = (char)(0xc0 | (c >> 6));
        tmp[1] = (char)(0x80 | (c & 0x3f));
        n = 2;
    } else if (c < 0x10000) {
        tmp[0] = (char)(0xe0 | (c >> 12));
        tmp[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        tmp[2] = (char)(0x80 | (c & 0x3f));
        n = 3;
    } else {
        tmp[0] = (char)(0xf0 | ((c >> 18) & 0x07));
        tmp[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        tmp[2] = (char)(0x80 | ((c >> 6) & 0x3f));
        tmp[3] = (char)(0x80 | (c & 0x3f));
        n = 4;
    }
    py_buf_add(b, tmp, n);
}

static void buf_write(void *ctx, const char *s, size_t n) { py_buf_add((py_buf *)ctx, s, n); }

void py_print_to_buf(py_print *out, py_buf *b) {
    out->ctx = b;
    out->write = buf_write;
}

void py_buf_printf(py_buf *b, const char *fmt, ...) {
    py_print out;
    py_print_to_buf(&out, b);
    va_list ap;
    va_start(ap, fmt);
    py_vprintf(&out, fmt, ap);
    va_end(ap);
}

py_val py_buf_to_str(py_buf *b) {
    py_val s = py_str_new(b->data, b->len);
    py_gc_free(b->data);
    b->data = NULL;
    b->len = b->alloc = 0;
    return s;
}

py_val py_buf_to_bytes(py_buf *b) {
    py_val s = py_bytes_new(b->data, b->len);
    py_gc_free(b->data);
    b->data = NULL;
    b->len = b->alloc = 0;
    return s;
}

/* ---- printing */

static void port_stdout(void *ctx, const char *s, size_t n) {
    (void)ctx;
    if (py_port_hooks.write_stdout != NULL) {
        py_port_hooks.write_stdout(s, n);
    }
}

static void port_stderr(void *ctx, const char *s, size_t n) {
    (void)ctx;
    if (py_port_hooks.write_stderr != NULL) {
        py_port_hooks.write_stderr(s, n);
    }
}

py_port py_port_hooks;
const py_print py_print_stdout = {NULL, port_stdout};
const py_print py_print_stderr = {NULL, port_stderr};

void py_print_strn(const py_print *out, const char *s, size_t n) { out->write(out->ctx, s, n); }
void py_print_str(const py_print *out, const char *s) { out->write(out->ctx, s, strlen(s)); }

void py_print_value(const py_print *out, py_val v, int kind) {
    py_stack_check();
    const py_type *t = py_type_of(v);
    if (t->print != NULL) {
        t->print(out, v, kind);
    } else {
        py_printf(out, "<%q object at %p>", (py_qstr)t->name, py_ptr(v));
    }
}

int py_printf(const py_print *out, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = py_vprintf(out, fmt, ap);
    va_end(ap);
    return n;
}

/* Emits one numeric conversion through the C library into a small buffer. */
static int put_num(const py_print *out, const char *spec, size_t spec_len, char len_mod,
                   char conv, va_list *ap) {
    char f[16], tmp[64];
    if (spec_len > 8) {
        spec_len = 8;
    }
    memcpy(f, spec, spec_len);
    size_t k = spec_len;
    if (len_mod == 'l') {
        f[k++] = 'l';
    } else if (len_mod == 'L') {
        f[k++] = 'l';
        f[k++] = 'l';
    } else if (len_mod == 'z') {
        f[k++] = 'z';
    }
    f[k++] = conv;
    f[k] = 0;
    int n;
    bool is_signed = conv == 'd' || conv == 'i';
    if (len_mod == 'l') {
        n = is_signed ? snprintf(tmp, sizeof(tmp), f, va_arg(*ap, long))
                      : snprintf(tmp, sizeof(tmp), f, va_arg(*ap, unsigned long));
    } else if (len_mod == 'L') {
        n = is_signed ? snprintf(tmp, sizeof(tmp), f, va_arg(*ap, long long))
                      : snprintf(tmp, sizeof(tmp), f, va_arg(*ap, unsigned long long));
    } else if (len_mod == 'z') {
        n = snprintf(tmp, sizeof(tmp), f, va_arg(*ap, size_t));
    } else {
        n = is_signed ? snprintf(tmp, sizeof(tmp), f, va_arg(*ap, int))
                      : snprintf(tmp, sizeof(tmp), f, va_arg(*ap, unsigned));
    }
    if (n < 0) {
        return 0;
    }
    if ((size_t)n >= sizeof(tmp)) {
        n = sizeof(tmp) - 1;
    }
    out->write(out->ctx, tmp, (size_t)n);
    return n;
}

int py_vprintf(const py_print *out, const char *fmt, va_list ap_in) {
    va_list ap;
    va_copy(ap, ap_in);
    int total = 0;
    while (*fmt) {
        const char *start = fmt;
        while (*fmt && *fmt != '%') {
            fmt++;
        }
        if (fmt > start) {
            out->write(out->ctx, start, (size_t)(fmt - start));
            total += (int)(fmt - start);
        }
        if (!*fmt) {
            break;
        }
        const char *spec = fmt++; /* at the '%' */
        /* flags and width, passed through to snprintf for numbers */
        while (*fmt == '-' || *fmt == '0' || *fmt == ' ' || *fmt == '+' || *fmt == '#') {
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9') {
            fmt++;
        }
        int precision = -1;
        if (fmt[0] == '.' && fmt[1] == '*') {
            precision = va_arg(ap, int);
            fmt += 2;
        }
        size_t spec_len = (size_t)(fmt - spec);
        char len_mod = 0;
        if (*fmt == 'l') {
            len_mod = 'l';
            fmt++;
            if (*fmt == 'l') {
                len_mod = 'L';
                fmt++;
            }
        } else if (*fmt == 'z') {
            len_mod = 'z';
            fmt++;
        }
        char conv = *fmt ? *fmt++ : 0;
        switch (conv) {
        case '%':
            out->write(out->ctx, "%", 1);
            total++;
            break;
        case 'c': {
            char c = (char)va_arg(ap, int);
            out->write(out->ctx, &c, 1);
            total++;
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (s == NULL) {
                s = "(null)";
            }
            size_t n = strlen(s);
            if (precision >= 0 && (size_t)precision < n) {
                n = (size_t)precision;
            }
            out->write(out->ctx, s, n);
            total += (int)n;
            break;
        }
        case 'p': {
            char tmp[32];
            int n = snprintf(tmp, sizeof(tmp), "%p", va_arg(ap, void *));
            if (n > 0) {
                out->write(out->ctx, tmp, (size_t)n);
                total += n;
            }
            break;
        }
        case 'q': {
            size_t n;
            const char *s = py_qstr_data(va_arg(ap, py_qstr), &n);
            out->write(out->ctx, s, n);
            total += (int)n;
            break;
        }
        case 'v':
            py_print_value(out, va_arg(ap, py_val), PY_PRINT_STR);
            break;
        case 'r':
            py_print_value(out, va_arg(ap, py_val), PY_PRINT_REPR);
            break;
        case 'T':
            py_print_str(out, py_type_name(va_arg(ap, py_val)));
            break;
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
            total += put_num(out, spec, spec_len, len_mod, conv, &ap);
            break;
        default:
            break;
        }
    }
    va_end(ap);
    return total;
}
