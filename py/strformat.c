/*
 * strformat.c - text formatting: format(value, spec) (also behind
 * f-strings), str.format, and the % operator of str and bytes.
 *
 * Everything appends to one output buffer that becomes the result str in
 * place (objstr.h), so a formatted string is written once. A spec is parsed
 * into fmt_spec; numbers are assembled from a sign, a prefix, integer digits
 * (where grouping and zero padding apply) and the rest (fraction, exponent,
 * '%'), then padded. Int digits come from the int type (objint.h); float
 * digits from the C library, and the shortest repr from the float type.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campy.h"
#include "objint.h"
#include "objstr.h"
#include "objtype.h"

typedef struct fmt_spec {
    uint32_t fill;
    char align;    /* 0, '<', '>', '^', '=' */
    char sign;     /* 0, '+', '-', ' ' */
    bool alt;      /* '#' */
    bool zero;     /* '0' before the width */
    bool no_neg_zero; /* 'z' */
    char grouping; /* 0, ',', '_' */
    char type;     /* 0 when absent */
    py_int_t width;     /* -1 when absent */
    py_int_t precision; /* -1 when absent */
} fmt_spec;

static void spec_init(fmt_spec *sp) {
    memset(sp, 0, sizeof(*sp));
    sp->fill = ' ';
    sp->width = -1;
    sp->precision = -1;
}

static bool is_align(char c) { return c == '<' || c == '>' || c == '^' || c == '='; }

static py_int_t parse_count(const char *s, size_t n, size_t *i) {
    py_int_t v = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
        if (v > (PY_SMALL_MAX - 9) / 10) {
            py_raise_value_error("Too many decimal digits in format string");
        }
        v = v * 10 + (s[*i] - '0');
        (*i)++;
    }
    return v;
}

static const char *type_name_of(py_val v) { return py_type_name(v); }

/* [[fill]align][sign][z][#][0][width][grouping][.precision][type] */
static void parse_spec(const char *s, size_t n, fmt_spec *sp, py_val value) {
    spec_init(sp);
    size_t i = 0;
    bool fill_given = false;
    if (n > 0) {
        size_t k = py_utf8_char_len((unsigned char)s[0]);
        if (k < n && is_align(s[k])) {
            sp->fill = py_utf8_get(s, &k);
            sp->align = s[k];
            fill_given = true;
            i = k + 1;
        } else if (is_align(s[0])) {
            sp->align = s[0];
            i = 1;
        }
    }
    if (i < n && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) {
        sp->sign = s[i++];
    }
    if (i < n && s[i] == 'z') {
        sp->no_neg_zero = true;
        i++;
    }
    if (i < n && s[i] == '#') {
        sp->alt = true;
        i++;
    }
    if (i < n && s[i] == '0') {
        sp->zero = true;
        i++;
    }
    if (i < n && s[i] >= '0' && s[i] <= '9') {
        sp->width = parse_count(s, n, &i);
    }
    if (i < n && (s[i] == ',' || s[i] == '_')) {
        sp->grouping = s[i++];
        if (i < n && (s[i] == ',' || s[i] == '_')) {
            py_raise_value_error("Cannot specify both ',' and '_'.");
        }
    }
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || s[i] < '0' || s[i] > '9') {
            py_raise_value_error("Format specifier missing precision");
        }
        sp->precision = parse_count(s, n, &i);
    }
    if (i < n) {
        sp->type = s[i++];
    }
    if (i < n) {
        py_raise_value_error("Invalid format specifier '%.*s' for object of type '%s'", (int)n, s,
                             type_name_of(value));
    }
    /* '0' before the width: zeros as the fill, and for numbers without an
     * alignment, padding after the sign */
    if (sp->zero && !fill_given) {
        sp->fill = '0';
    }
}

/* ---------------------------------------------------------------- padding */

static void add_fill(py_buf *out, uint32_t fill, size_t k) {
    if (k == 0) {
        return;
    }
    if (fill < 0x80) {
        memset(py_buf_extend(out, k), (int)fill, k);
        return;
    }
    for (size_t i = 0; i < k; i++) {
        py_buf_add_char(out, fill);
    }
}

/* Pads the text already at out[start..] (chars code points long) to width. */
static void pad_in_place(py_buf *out, size_t start, size_t chars, const fmt_spec *sp,
                         char default_align) {
    if (sp->width < 0 || (size_t)sp->width <= chars) {
        return;
    }
    size_t margin = (size_t)sp->width - chars;
    char align = sp->align ? sp->align : default_align;
    size_t left = align == '>' ? margin : align == '^' ? margin / 2 : 0;
    size_t right = margin - left;
    if (left > 0) {
        size_t body = out->len - start;
        size_t fill_bytes = sp->fill < 0x80 ? 1 : sp->fill < 0x800 ? 2 : sp->fill < 0x10000 ? 3 : 4;
        py_buf_extend(out, left * fill_bytes);
        memmove(out->data + start + left * fill_bytes, out->data + start, body);
        size_t end = out->len;
        out->len = start;
        add_fill(out, sp->fill, left);
        out->len = end;
    }
    add_fill(out, sp->fill, right);
}

/* ---------------------------------------------------------------- strings */

static void format_str(py_buf *out, const char *s, size_t n, bool ascii, const fmt_spec *sp,
                       py_val value) {
    if (sp->type != 0 && sp->type != 's') {
        py_raise_value_error("Unknown format code '%c' for object of type '%s'", sp->type,
                             type_name_of(value));
    }
    if (sp->sign) {
        py_raise_value_error("Sign not allowed in string format specifier");
    }
    if (sp->alt) {
        py_raise_value_error("Alternate form (#) not allowed in string format specifier");
    }
    if (sp->align == '=') {
        py_raise_value_error("'=' alignment not allowed in string format specifier");
    }
    if (sp->grouping) {
        py_raise_value_error("Cannot specify '%c' with 's'.", sp->grouping);
    }
    if (sp->no_neg_zero) {
        py_raise_value_error("Negative zero coercion (z) not allowed in string format specifier");
    }
    size_t chars = ascii ? n : py_utf8_count(s, n);
    if (sp->precision >= 0 && (size_t)sp->precision < chars) {
        if (ascii) {
            n = (size_t)sp->precision;
        } else {
            size_t k = 0, i = 0;
            while (i < n && k < (size_t)sp->precision) {
                i += py_utf8_char_len((unsigned char)s[i]);
                k++;
            }
            n = i;
        }
        chars = (size_t)sp->precision;
    }
    size_t start = out->len;
    py_buf_add(out, s, n);
    pad_in_place(out, start, chars, sp, '<');
}

/* ---------------------------------------------------------------- numbers */

typedef struct num_parts {
    char sign;            /* 0 or the sign character */
    const char *prefix;   /* "0x" ... or "" */
    const char *digits;   /* integer digits: grouping and zero padding apply here */
    size_t n_digits;
    const char *rest;     /* fraction, exponent, '%' */
    size_t n_rest;
} num_parts;

static size_t grouped_len(size_t n, size_t group) { return n == 0 ? 0 : n + (n - 1) / group; }

static void add_grouped(py_buf *out, const char *d, size_t n, size_t leading_zeros, char sep,
                        size_t group) {
    if (!sep) {
        if (leading_zeros > 0) {
            memset(py_buf_extend(out, leading_zeros), '0', leading_zeros);
        }
        py_buf_add(out, d, n);
        return;
    }
    size_t total = n + leading_zeros;
    for (size_t i = 0; i < total; i++) {
        if (sep && i > 0 && (total - i) % group == 0) {
            py_buf_add_byte(out, sep);
        }
        py_buf_add_byte(out, i < leading_zeros ? '0' : d[i - leading_zeros]);
    }
}

static void add_number(py_buf *out, const num_parts *np, const fmt_spec *sp, size_t group) {
    size_t prefix_len = strlen(np->prefix);
    size_t head = (np->sign ? 1 : 0) + prefix_len;
    size_t zeros = 0;
    char align = sp->align ? sp->align : sp->zero ? '=' : '>';
    if (align == '=' && sp->fill == '0' && sp->width >= 0 && np->n_digits > 0) {
        /* zero padding goes into the digits, separators included */
        size_t want = (size_t)sp->width;
        size_t fixed = head + np->n_rest;
        size_t d = np->n_digits;
        if (want > fixed) {
            /* start near the answer: counting up from n_digits to a width of
             * 10**10 took seconds that Ctrl-C could not interrupt */
            size_t near = sp->grouping ? (want - fixed) / (group + 1) * group : want - fixed;
            if (near > d + 1) {
                d = near - 1;
            }
        }
        while (fixed + (sp->grouping ? grouped_len(d, group) : d) < want) {
            d++;
        }
        zeros = d - np->n_digits;
    }
    size_t body = head + (sp->grouping ? grouped_len(np->n_digits + zeros, group)
                                       : np->n_digits + zeros) +
                  np->n_rest;
    size_t margin = sp->width >= 0 && (size_t)sp->width > body ? (size_t)sp->width - body : 0;
    size_t left = 0, mid = 0, right = 0;
    switch (align) {
    case '<':
        right = margin;
        break;
    case '^':
        left = margin / 2;
        right = margin - left;
        break;
    case '=':
        mid = margin;
        break;
    default:
        left = margin;
        break;
    }
    add_fill(out, sp->fill, left);
    if (np->sign) {
        py_buf_add_byte(out, np->sign);
    }
    py_buf_add(out, np->prefix, prefix_len);
    add_fill(out, sp->fill, mid);
    add_grouped(out, np->digits, np->n_digits, zeros, sp->grouping, group);
    py_buf_add(out, np->rest, np->n_rest);
    add_fill(out, sp->fill, right);
}

static char sign_char(bool negative, char sign_opt) {
    if (negative) {
        return '-';
    }
    return sign_opt == '+' ? '+' : sign_opt == ' ' ? ' ' : 0;
}

/* The magnitude of an int in base into buf (lowercase digits); returns
 * whether it is negative. Small ints are done here; big ones by the int type. */
typedef struct digit_buf {
    char small[72];
    py_buf big;
    const char *data;
    size_t len;
} digit_buf;

static bool int_digits(py_val v, int base, bool upper, digit_buf *db) {
    static const char lower_digits[] = "0123456789abcdef";
    static const char upper_digits[] = "0123456789ABCDEF";
    const char *digits = upper ? upper_digits : lower_digits;
    py_int_t k;
    db->big.data = NULL;
    if (py_get_int_maybe(v, &k)) {
        bool neg = k < 0;
        uintptr_t m = neg ? (uintptr_t)0 - (uintptr_t)k : (uintptr_t)k;
        char *end = db->small + sizeof(db->small), *p = end;
        do {
            *--p = digits[m % (unsigned)base];
            m /= (unsigned)base;
        } while (m != 0);
        db->data = p;
        db->len = (size_t)(end - p);
        return neg;
    }
    py_buf_init(&db->big, 32);
    py_int_append_digits(&db->big, v, base, NULL);
    bool neg = db->big.len > 0 && db->big.data[0] == '-';
    db->data = db->big.data + (neg ? 1 : 0);
    db->len = db->big.len - (neg ? 1 : 0);
    if (upper) {
        for (size_t i = 0; i < db->len; i++) {
            char c = db->big.data[i + (neg ? 1 : 0)];
            if (c >= 'a' && c <= 'z') {
                db->big.data[i + (neg ? 1 : 0)] = (char)(c - 32);
            }
        }
    }
    return neg;
}

static void digit_buf_free(digit_buf *db) {
    if (db->big.data != NULL) {
        py_gc_free(db->big.data);
        db->big.data = NULL;
    }
}

static void format_float(py_buf *out, py_float_t f, const fmt_spec *sp, py_val value);

static void format_int(py_buf *out, py_val v, const fmt_spec *sp, py_val value) {
    int base = 10;
    const char *prefix = "";
    char type = sp->type;
    if (type && strchr("eEfFgG%", type) != NULL) {
        format_float(out, py_get_float(v), sp, value);
        return;
    }
    if (sp->precision >= 0) {
        py_raise_value_error("Precision not allowed in integer format specifier");
    }
    if (sp->no_neg_zero) {
        py_raise_value_error("Negative zero coercion (z) not allowed in integer format specifier");
    }
    if (sp->grouping && (type == 'n' || type == 'c')) {
        py_raise_value_error("Cannot specify '%c' with '%c'.", sp->grouping, type);
    }
    switch (type) {
    case 0:
    case 'd':
    case 'n':
        break;
    case 'b':
        base = 2;
        prefix = sp->alt ? "0b" : "";
        break;
    case 'o':
        base = 8;
        prefix = sp->alt ? "0o" : "";
        break;
    case 'x':
        base = 16;
        prefix = sp->alt ? "0x" : "";
        break;
    case 'X':
        base = 16;
        prefix = sp->alt ? "0X" : "";
        break;
    case 'c': {
        if (sp->sign) {
            py_raise_value_error("Sign not allowed with integer format specifier 'c'");
        }
        if (sp->alt) {
            py_raise_value_error("Alternate form (#) not allowed with integer format specifier 'c'");
        }
        py_int_t c;
        if (!py_get_int_maybe(v, &c) || c < 0 || c > 0x10ffff) {
            py_raise_msg(&py_type_OverflowError, "%%c arg not in range(0x110000)");
        }
        /* padded like a number: to the right, zeros in front */
        fmt_spec s2 = *sp;
        s2.align = sp->align == '=' || sp->align == 0 ? '>' : sp->align;
        size_t start = out->len;
        py_buf_add_char(out, (uint32_t)c);
        pad_in_place(out, start, 1, &s2, '>');
        return;
    }
    default:
        py_raise_value_error("Unknown format code '%c' for object of type '%s'", type,
                             type_name_of(value));
    }
    if (sp->grouping == ',' && base != 10) {
        py_raise_value_error("Cannot specify ',' with '%c'.", type);
    }
    digit_buf db;
    bool neg = int_digits(v, base, type == 'X', &db);
    num_parts np = {sign_char(neg, sp->sign), prefix, db.data, db.len, "", 0};
    add_number(out, &np, sp, base == 10 ? 3 : 4);
    digit_buf_free(&db);
}

/* A double's exact decimal expansion has at most 767 significant digits:
 * past this many, a general format without '#' only adds zeros it strips. */
#define GENERAL_DIGITS_MAX 800

/* C's formatting of |f| (finite) with a printf conversion into a buffer. */
static size_t c_format(char *dst, size_t cap, char conv, bool alt, int precision, double f) {
    char spec[8];
    size_t k = 0;
    spec[k++] = '%';
    if (alt) {
        spec[k++] = '#';
    }
    spec[k++] = '.';
    spec[k++] = '*';
    spec[k++] = conv;
    spec[k] = 0;
    int n = snprintf(dst, cap, spec, precision, f);
    return n < 0 ? 0 : (size_t)n;
}

/* Room for n more bytes in a buffer that may start out on the C stack (its
 * first data pointer is `stack`): moves it to the heap when it outgrows it. */
static char *tmp_extend(py_buf *tmp, const char *stack, size_t n) {
    if (tmp->data == stack && tmp->len + n > tmp->alloc) {
        py_buf heap;
        py_buf_init(&heap, tmp->len + n + 16);
        py_buf_add(&heap, tmp->data, tmp->len);
        *tmp = heap;
    }
    return py_buf_extend(tmp, n);
}

/* Text of |f| for the float presentation types into tmp, which may start
 * out on the stack (see tmp_extend). */
static void float_body(py_buf *tmp, const char *stack, double f, char type, int precision,
                       bool alt) {
    char conv = type;
    if (type == '%') {
        f *= 100;
        conv = 'f';
    } else if (type == 'n') {
        conv = 'g';
    }
    /* The text is at least precision bytes long: claim them first, so a
     * precision larger than the heap fails at once, before C's printf spends
     * seconds and memory off the heap measuring it. */
    if (conv == 'g' && !alt && precision > GENERAL_DIGITS_MAX) {
        precision = GENERAL_DIGITS_MAX; /* the rest would be zeros that %g drops */
    }
    size_t least = (precision > 0 ? (size_t)precision : 0) + 2;
    tmp_extend(tmp, stack, least);
    tmp->len -= least;
    size_t need = c_format(NULL, 0, conv, alt, precision, f) + 2;
    char *dst = tmp_extend(tmp, stack, need);
    c_format(dst, need, conv, alt, precision, f);
    tmp->len -= 2; /* the NUL and the spare byte */
    if (type == '%') {
        tmp->data[tmp->len++] = '%';
    }
}

/* The presentation without a type and with a precision: like 'g', but
 * fixed-point output keeps a digit after the point, and the switch to an
 * exponent comes one digit earlier. */
static void float_body_general(py_buf *tmp, const char *stack, double f, int precision,
                               bool alt) {
    if (precision == 0) {
        precision = 1;
    }
    if (!alt && precision > GENERAL_DIGITS_MAX) {
        precision = GENERAL_DIGITS_MAX; /* the rest would be zeros stripped below */
    }
    /* Only the exponent is wanted. Rounding a double to more than 24
     * significant digits never carries into it, so a long precision need
     * not make printf write every digit. */
    char probe[48];
    c_format(probe, sizeof(probe), 'e', false, (precision < 24 ? precision : 24) - 1, f);
    const char *e = strchr(probe, 'e');
    int exp10 = e != NULL ? atoi(e + 1) : 0;
    size_t start = tmp->len;
    if (exp10 < -4 || exp10 >= precision - 1) {
        float_body(tmp, stack, f, 'e', precision - 1, alt);
        if (!alt) {
            /* strip trailing zeros of the mantissa, and a bare point */
            char *s = tmp->data + start;
            char *ep = memchr(s, 'e', tmp->len - start);
            char *q = ep;
            if (memchr(s, '.', (size_t)(ep - s)) != NULL) {
                while (q[-1] == '0') {
                    q--;
                }
                if (q[-1] == '.') {
                    q--;
                }
            }
            size_t exp_len = (size_t)(tmp->data + tmp->len - ep);
            memmove(q, ep, exp_len);
            tmp->len = (size_t)(q - tmp->data) + exp_len;
        }
        return;
    }
    float_body(tmp, stack, f, 'f', precision - 1 - exp10, alt);
    char *s = tmp->data + start;
    if (!alt && memchr(s, '.', tmp->len - start) != NULL) {
        while (tmp->data[tmp->len - 1] == '0') {
            tmp->len--;
        }
        if (tmp->data[tmp->len - 1] == '.') {
            tmp->len--;
        }
    }
    if (memchr(tmp->data + start, '.', tmp->len - start) == NULL) {
        memcpy(tmp_extend(tmp, stack, 2), ".0", 2);
    }
}

/* The alternate form always has a decimal point: adds one after the digits
 * of out[start..] if there is none (before an exponent). */
static void alt_point(py_buf *out, const char *stack, size_t start) {
    size_t n = out->len - start;
    char *s = out->data + start;
    if (memchr(s, '.', n) != NULL || n == 0 || !(s[0] >= '0' && s[0] <= '9')) {
        return;
    }
    char *e = memchr(s, 'e', n);
    size_t at = e != NULL ? (size_t)(e - out->data) : out->len;
    tmp_extend(out, stack, 1);
    memmove(out->data + at + 1, out->data + at, out->len - 1 - at);
    out->data[at] = '.';
}

static void format_float(py_buf *out, py_float_t f, const fmt_spec *sp, py_val value) {
    char type = sp->type;
    if (sp->precision > INT_MAX) { /* printf takes an int */
        py_raise_value_error("precision too big");
    }
    switch (type) {
    case 0:
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%':
        break;
    default:
        py_raise_value_error("Unknown format code '%c' for object of type '%s'", type,
                             type_name_of(value));
    }
    if (sp->grouping && type == 'n') {
        py_raise_value_error("Cannot specify '%c' with 'n'.", sp->grouping);
    }
    bool neg = signbit(f) != 0 && !isnan(f);
    double mag = fabs((double)f);
    bool upper = type == 'E' || type == 'F' || type == 'G';
    char small[80];
    py_buf tmp = {small, 0, sizeof(small)};
    if (isinf(f) || isnan(f)) {
        py_buf_add_str(&tmp, isinf(f) ? (upper ? "INF" : "inf") : (upper ? "NAN" : "nan"));
        if (type == '%') {
            py_buf_add_byte(&tmp, '%');
        }
    } else if (type == 0 && sp->precision < 0) {
        py_format_float(&tmp, (py_float_t)mag, 'r', 0, 0);
        if (sp->alt) {
            alt_point(&tmp, small, 0);
        }
    } else if (type == 0) {
        float_body_general(&tmp, small, mag, (int)sp->precision, sp->alt);
    } else {
        int precision = sp->precision < 0 ? 6 : (int)sp->precision;
        float_body(&tmp, small, mag, upper ? (char)(type + 32) : type, precision, sp->alt);
        if (upper) {
            for (size_t i = 0; i < tmp.len; i++) {
                if (tmp.data[i] == 'e') {
                    tmp.data[i] = 'E';
                }
            }
        }
    }
    if (neg && sp->no_neg_zero && !isinf(f)) {
        bool all_zero = true;
        for (size_t i = 0; i < tmp.len && all_zero; i++) {
            char c = tmp.data[i];
            if (c == 'e' || c == 'E') {
                break;
            }
            all_zero = !(c >= '1' && c <= '9');
        }
        neg = !all_zero;
    }
    size_t n_int = 0;
    while (n_int < tmp.len && tmp.data[n_int] >= '0' && tmp.data[n_int] <= '9') {
        n_int++;
    }
    num_parts np = {sign_char(neg, sp->sign), "", tmp.data, n_int, tmp.data + n_int,
                    tmp.len - n_int};
    if (n_int == 0) {
        /* inf and nan: padded like numbers, but zero padding adds no separators */
        np.digits = "";
        np.rest = tmp.data;
        np.n_rest = tmp.len;
    }
    add_number(out, &np, sp, 3);
    if (tmp.data != small) {
        py_gc_free(tmp.data);
    }
}

/* One part of a complex number; without a type or precision, each part is
 * the shortest repr with no ".0", as repr(complex) writes it. */
static void complex_part(py_buf *out, py_float_t x, const fmt_spec *sp, bool force_sign,
                         py_val value) {
    fmt_spec p = *sp;
    p.width = -1;
    p.align = 0;
    p.zero = false;
    p.fill = ' ';
    if (force_sign) {
        p.sign = '+';
    }
    if (sp->type == 0 && sp->precision < 0) {
        /* repr(complex) leaves out the ".0" of integral parts; '#' keeps the point */
        size_t start = out->len;
        p.alt = false;
        format_float(out, x, &p, value);
        if (out->len - start >= 2 && memcmp(out->data + out->len - 2, ".0", 2) == 0) {
            out->len -= sp->alt ? 1 : 2;
        } else if (sp->alt) {
            size_t digits = start;
            while (digits < out->len && !(out->data[digits] >= '0' && out->data[digits] <= '9')) {
                digits++;
            }
            alt_point(out, NULL, digits);
        }
        return;
    }
    if (sp->type == 0) {
        p.type = 'g';
    }
    format_float(out, x, &p, value);
}

static void format_complex(py_buf *out, py_val v, const fmt_spec *sp, py_val value) {
    py_float_t re, im;
    py_get_complex(v, &re, &im);
    if (sp->type != 0 && sp->type != 'e' && sp->type != 'E' && sp->type != 'f' &&
        sp->type != 'F' && sp->type != 'g' && sp->type != 'G' && sp->type != 'n') {
        py_raise_value_error("Unknown format code '%c' for object of type '%s'", sp->type,
                             type_name_of(value));
    }
    if (sp->fill == '0') {
        py_raise_value_error("Zero padding is not allowed in complex format specifier");
    }
    if (sp->align == '=') {
        py_raise_value_error("'=' alignment flag is not allowed in complex format specifier");
    }
    size_t start = out->len;
    bool bare = sp->type == 0;
    bool show_real = !bare || re != 0 || signbit(re);
    if (bare && show_real) {
        py_buf_add_byte(out, '(');
    }
    if (show_real) {
        complex_part(out, re, sp, false, value);
    }
    complex_part(out, im, sp, show_real, value);
    py_buf_add_byte(out, 'j');
    if (bare && show_real) {
        py_buf_add_byte(out, ')');
    }
    pad_in_place(out, start, py_utf8_count(out->data + start, out->len - start), sp, '>');
}

/* ---------------------------------------------------------------- format() */

static bool user_format(py_buf *out, py_val value, const char *spec, size_t n) {
    const py_type *t = py_type_of(value);
    if (!py_type_is_heap(t)) {
        return false;
    }
    const py_type *owner = NULL;
    py_val fun = py_type_lookup_owner(t, Q___format__, &owner);
    if (fun == PY_NULL || owner == NULL || !py_type_is_heap(owner)) {
        return false;
    }
    py_val spec_str = py_str_new(spec, n);
    py_val r = py_call_method_name(value, Q___format__, 1, &spec_str);
    py_strv v;
    if (!py_strv_get(r, &v) || v.kind != PY_SV_STR) {
        py_raise_type_error("__format__ must return a str, not %s", py_type_name(r));
    }
    py_buf_add(out, v.data, v.len);
    return true;
}

void py_format_to(py_buf *out, py_val value, const char *spec, size_t n) {
    py_stack_check();
    if (user_format(out, value, spec, n)) {
        return;
    }
    py_val v = py_native_value(value);
    py_strv sv;
    if (py_strv_get(v, &sv) && sv.kind == PY_SV_STR) {
        if (n == 0 && v != value) {
            /* a str subclass may have its own __str__ */
            py_print out_print;
            py_print_to_buf(&out_print, out);
            py_print_value(&out_print, value, PY_PRINT_STR);
            return;
        }
        if (n == 0) {
            py_buf_add(out, sv.data, sv.len);
            return;
        }
        fmt_spec sp;
        parse_spec(spec, n, &sp, value);
        format_str(out, sv.data, sv.len, sv.ascii, &sp, value);
        return;
    }
    const py_type *t = py_type_of(v);
    bool is_bool = t == &py_type_bool;
    bool is_number = py_is_int(v) || t == &py_type_float || t == &py_type_complex;
    if (n == 0 || !is_number) {
        if (n != 0) {
            py_raise_type_error("unsupported format string passed to %s.__format__",
                                type_name_of(value));
        }
        py_print out_print;
        py_print_to_buf(&out_print, out);
        py_print_value(&out_print, value, PY_PRINT_STR);
        return;
    }
    fmt_spec sp;
    parse_spec(spec, n, &sp, value);
    if (is_bool || py_is_int(v)) {
        format_int(out, is_bool ? PY_SMALL(v == PY_TRUE) : v, &sp, value);
    } else if (t == &py_type_float) {
        if (sp.type == 'c' || sp.type == 'd' || sp.type == 'x' || sp.type == 'X' ||
            sp.type == 'o' || sp.type == 'b' || sp.type == 's') {
            py_raise_value_error("Unknown format code '%c' for object of type '%s'", sp.type,
                                 type_name_of(value));
        }
        format_float(out, py_get_float(v), &sp, value);
    } else {
        format_complex(out, v, &sp, value);
    }
}

py_val py_format(py_val value, py_val spec) {
    size_t n;
    const char *s = py_get_str(spec, &n);
    if (n == 0 && (py_is_qstr(value) || py_is_type(value, &py_type_str))) {
        return value;
    }
    py_buf b;
    py_str_build_begin(&b, 16);
    py_format_to(&b, value, s, n);
    return py_str_build_end(&b, &py_type_str, -1);
}

/* ---------------------------------------------------------------- ascii() */

/* Appends repr(v) with every non-ASCII character escaped. */
static void add_ascii_repr(py_buf *out, py_val v) {
    py_val r = py_repr(v);
    size_t n;
    const char *s = py_str_data(r, &n);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            py_buf_add_byte(out, (char)c);
            i++;
            continue;
        }
        size_t k;
        uint32_t cp = py_utf8_get(s + i, &k);
        i += k;
        if (cp < 0x100) {
            py_buf_printf(out, "\\x%02x", (unsigned)cp);
        } else if (cp < 0x10000) {
            py_buf_printf(out, "\\u%04x", (unsigned)cp);
        } else {
            py_buf_printf(out, "\\U%08x", (unsigned)cp);
        }
    }
}

/* ---------------------------------------------------------------- str.format */

typedef struct fmt_args {
    const py_val *pos;
    size_t n_pos;
    py_map *kw;
    py_val mapping; /* format_map's argument, or PY_NULL */
    size_t next_auto;
    int numbering; /* 0 not yet known, 1 automatic, 2 manual */
} fmt_args;

static py_val positional(fmt_args *fa, size_t index) {
    if (index >= fa->n_pos) {
        py_raise_msg(&py_type_IndexError, "Replacement index %u out of range for positional "
                                          "args tuple",
                     (unsigned)index);
    }
    return fa->pos[index];
}

static bool all_digits(const char *s, size_t n) {
    if (n == 0) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return true;
}

static size_t digits_value(const char *s, size_t n) {
    size_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (v > SIZE_MAX / 16) {
            py_raise_value_error("Too many decimal digits in format string");
        }
        v = v * 10 + (size_t)(s[i] - '0');
    }
    return v;
}

static py_val field_rest(fmt_args *fa, py_val v, const char *s, size_t n, size_t i);

/* The value a field name (arg_name then .attr / [key] parts) refers to. */
static py_val field_value(fmt_args *fa, const char *s, size_t n) {
    size_t i = 0;
    while (i < n && s[i] != '.' && s[i] != '[') {
        i++;
    }
    py_val v;
    if (fa->mapping != PY_NULL && (i == 0 || all_digits(s, i))) {
        py_raise_value_error("Format string contains positional fields");
    }
    if (i == 0) {
        if (fa->numbering == 2) {
            py_raise_value_error(
                "cannot switch from manual field specification to automatic field numbering");
        }
        fa->numbering = 1;
        v = positional(fa, fa->next_auto++);
    } else if (all_digits(s, i)) {
        if (fa->numbering == 1) {
            py_raise_value_error(
                "cannot switch from automatic field numbering to manual field specification");
        }
        fa->numbering = 2;
        v = positional(fa, digits_value(s, i));
    } else {
        if (fa->mapping != PY_NULL) {
            return field_rest(fa, py_subscr_load(fa->mapping, py_str_new(s, i)), s, n, i);
        }
        py_qstr q = py_qstr_find(s, i);
        py_map_entry *e = NULL;
        if (q != Q_NULL && fa->kw != NULL) {
            e = py_map_lookup(fa->kw, PY_QSTR(q), PY_MAP_LOOKUP);
        }
        if (e == NULL) {
            py_val key = py_str_new(s, i);
            py_raise(py_exc_new(&py_type_KeyError, 1, &key));
        }
        v = e->value;
    }
    return field_rest(fa, v, s, n, i);
}

/* Applies the .attr and [key] parts of a field name from s[i] on. */
static py_val field_rest(fmt_args *fa, py_val v, const char *s, size_t n, size_t i) {
    (void)fa;
    while (i < n) {
        if (s[i] == '.') {
            size_t j = ++i;
            while (i < n && s[i] != '.' && s[i] != '[') {
                i++;
            }
            if (i == j) {
                py_raise_value_error("Empty attribute in format string");
            }
            v = py_getattr(v, py_qstr_from(s + j, i - j));
        } else if (s[i] == '[') {
            size_t j = ++i;
            while (i < n && s[i] != ']') {
                i++;
            }
            if (i >= n) {
                py_raise_value_error("Missing ']' in format string");
            }
            if (i == j) {
                py_raise_value_error("Empty attribute in format string");
            }
            py_val key = all_digits(s + j, i - j) ? py_int_from_u64(digits_value(s + j, i - j))
                                                  : py_str_new(s + j, i - j);
            v = py_subscr_load(v, key);
            i++;
            if (i < n && s[i] != '.' && s[i] != '[') {
                py_raise_value_error("Only '.' or '[' may follow ']' in format field specifier");
            }
        } else {
            py_raise_value_error("Only '.' or '[' may follow ']' in format field specifier");
        }
    }
    return v;
}

static void vformat(py_buf *out, const char *s, size_t n, fmt_args *fa, int depth);

/* One replacement field's text (between the braces). */
static void format_field(py_buf *out, const char *s, size_t n, fmt_args *fa, int depth) {
    size_t i = 0;
    while (i < n && s[i] != '!' && s[i] != ':') {
        if (s[i] == '[') {
            while (i < n && s[i] != ']') {
                i++;
            }
            if (i == n) {
                break;
            }
        }
        i++;
    }
    py_val v = field_value(fa, s, i);
    char conv = 0;
    if (i < n && s[i] == '!') {
        if (i + 1 >= n) {
            py_raise_value_error("unmatched '{' in format spec");
        }
        conv = s[i + 1];
        i += 2;
        if (i < n && s[i] != ':') {
            py_raise_value_error("expected ':' after conversion specifier");
        }
    }
    const char *spec = "";
    size_t spec_len = 0;
    py_buf nested = {NULL, 0, 0};
    if (i < n) {
        spec = s + i + 1;
        spec_len = n - i - 1;
        if (memchr(spec, '{', spec_len) != NULL) {
            if (depth <= 1) {
                py_raise_value_error("Max string recursion exceeded");
            }
            py_buf_init(&nested, spec_len + 8);
            vformat(&nested, spec, spec_len, fa, depth - 1);
            spec = nested.data;
            spec_len = nested.len;
        }
    }
    switch (conv) {
    case 0:
        break;
    case 's':
        v = py_str_of(v);
        break;
    case 'r':
        v = py_repr(v);
        break;
    case 'a': {
        py_buf b;
        py_str_build_begin(&b, 16);
        add_ascii_repr(&b, v);
        v = py_str_build_end(&b, &py_type_str, 1);
        break;
    }
    default:
        py_raise_value_error("Unknown conversion specifier %c", conv);
    }
    py_format_to(out, v, spec, spec_len);
    if (nested.data != NULL) {
        py_gc_free(nested.data);
    }
}

static void vformat(py_buf *out, const char *s, size_t n, fmt_args *fa, int depth) {
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (i < n && s[i] != '{' && s[i] != '}') {
            i++;
        }
        py_buf_add(out, s + run, i - run);
        if (i >= n) {
            break;
        }
        if (s[i] == '}') {
            if (i + 1 < n && s[i + 1] == '}') {
                py_buf_add_byte(out, '}');
                i += 2;
                continue;
            }
            py_raise_value_error("Single '}' encountered in format string");
        }
        if (i + 1 < n && s[i + 1] == '{') {
            py_buf_add_byte(out, '{');
            i += 2;
            continue;
        }
        size_t j = i + 1;
        int level = 1;
        while (j < n) {
            if (s[j] == '{') {
                level++;
            } else if (s[j] == '}' && --level == 0) {
                break;
            } else if (s[j] == '[' && level == 1) {
                /* a key in brackets may hold braces */
                while (j < n && s[j] != ']') {
                    j++;
                }
                continue;
            }
            j++;
        }
        if (j >= n) {
            py_raise_value_error(i + 1 == n ? "Single '{' encountered in format string"
                                            : "expected '}' before end of string");
        }
        format_field(out, s + i + 1, j - i - 1, fa, depth);
        i = j + 1;
    }
}

static py_val str_format(size_t n_args, const py_val *args, py_map *kw) {
    py_strv f;
    py_strv_of_str(args[0], &f);
    fmt_args fa = {args + 1, n_args - 1, kw, PY_NULL, 0, 0};
    py_buf b;
    py_str_build_begin(&b, f.len + 16);
    vformat(&b, f.data, f.len, &fa, 2);
    return py_str_build_end(&b, &py_type_str, -1);
}
PY_DEFINE_FUN_KW(py_str_format_obj, 1, str_format);

static py_val str_format_map(py_val self, py_val mapping) {
    py_strv f;
    py_strv_of_str(self, &f);
    fmt_args fa = {NULL, 0, NULL, mapping, 0, 0};
    py_buf b;
    py_str_build_begin(&b, f.len + 16);
    vformat(&b, f.data, f.len, &fa, 2);
    return py_str_build_end(&b, &py_type_str, -1);
}
PY_DEFINE_FUN_2(py_str_format_map_obj, str_format_map);

/* ---------------------------------------------------------------- the % operator */

typedef struct mod_state {
    const py_val *items; /* positional arguments */
    size_t n_items, next;
    py_val mapping; /* PY_NULL unless the right operand is a mapping */
    bool is_bytes;
} mod_state;

static py_val next_arg(mod_state *ms) {
    if (ms->next >= ms->n_items) {
        py_raise_type_error("not enough arguments for format string");
    }
    return ms->items[ms->next++];
}

static py_int_t star_arg(mod_state *ms) {
    py_val v = next_arg(ms);
    if (!py_is_int(v)) {
        py_raise_type_error("* wants int");
    }
    return py_str_int_arg(v);
}

/* %d %i %u %x %X %o with an int (or a float for the decimal ones). */
static void mod_int(py_buf *out, py_val v, char conv, const fmt_spec *sp, py_int_t min_digits) {
    if (!py_is_int(v)) {
        py_float_t f;
        if ((conv == 'd' || conv == 'i' || conv == 'u') && py_get_float_maybe(v, &f)) {
            v = py_int_from_float(f);
        } else {
            py_val idx[2] = {PY_NULL, PY_NULL};
            if (py_type_is_heap(py_type_of(v))) {
                py_load_method_maybe(v, conv == 'd' || conv == 'i' || conv == 'u' ? Q___int__
                                                                                   : Q___index__,
                                     idx);
            }
            if (idx[0] == PY_NULL) {
                if (conv == 'd' || conv == 'i' || conv == 'u') {
                    py_raise_type_error("%%%c format: a real number is required, not %s", conv,
                                        py_type_name(v));
                }
                py_raise_type_error("%%%c format: an integer is required, not %s", conv,
                                    py_type_name(v));
            }
            v = py_call_method(idx, 0, 0, NULL);
        }
    }
    if (py_is_type(v, &py_type_bool)) {
        v = PY_SMALL(v == PY_TRUE);
    }
    int base = conv == 'x' || conv == 'X' ? 16 : conv == 'o' ? 8 : 10;
    const char *prefix = "";
    if (sp->alt) {
        prefix = conv == 'x' ? "0x" : conv == 'X' ? "0X" : conv == 'o' ? "0o" : "";
    }
    digit_buf db;
    bool neg = int_digits(v, base, conv == 'X', &db);
    char zeros_buf[64];
    const char *digits = db.data;
    size_t n_digits = db.len;
    py_buf padded = {NULL, 0, 0};
    if (min_digits > 0 && (size_t)min_digits > n_digits) {
        size_t extra = (size_t)min_digits - n_digits;
        char *dst;
        if (extra + n_digits <= sizeof(zeros_buf)) {
            dst = zeros_buf;
        } else {
            py_buf_init(&padded, extra + n_digits);
            dst = padded.data;
        }
        memset(dst, '0', extra);
        memcpy(dst + extra, digits, n_digits);
        digits = dst;
        n_digits += extra;
    }
    num_parts np = {sign_char(neg, sp->sign), prefix, digits, n_digits, "", 0};
    add_number(out, &np, sp, 3);
    digit_buf_free(&db);
    if (padded.data != NULL) {
        py_gc_free(padded.data);
    }
}

/* %s %r %a for str, %s %b %r %a for bytes. */
static void mod_text(py_buf *out, py_val v, char conv, const fmt_spec *sp, mod_state *ms) {
    size_t start = out->len;
    if (ms->is_bytes && (conv == 's' || conv == 'b')) {
        py_strv bv;
        py_buffer buf;
        if (py_strv_get(v, &bv) && bv.kind != PY_SV_STR) {
            py_buf_add(out, bv.data, bv.len);
        } else if (!py_is_str(v) && py_get_buffer(v, &buf, PY_BUFFER_READ)) {
            py_buf_add(out, buf.buf, buf.len);
        } else {
            py_val conv_m[2];
            py_load_method_maybe(v, Q___bytes__, conv_m);
            if (conv_m[0] == PY_NULL || py_is_str(v)) {
                py_raise_type_error("%%b requires a bytes-like object, or an object that "
                                    "implements __bytes__, not '%s'",
                                    py_type_name(v));
            }
            py_val r = py_call_method(conv_m, 0, 0, NULL);
            if (!py_strv_get(r, &bv) || bv.kind != PY_SV_BYTES) {
                py_raise_type_error("__bytes__ returned non-bytes (type %s)", py_type_name(r));
            }
            py_buf_add(out, bv.data, bv.len);
        }
    } else if (conv == 'a' || (ms->is_bytes && conv == 'r')) {
        add_ascii_repr(out, v);
    } else {
        py_strv sv;
        bool exact_str = py_is_qstr(v) || py_is_type(v, &py_type_str);
        if (conv == 's' && exact_str && py_strv_get(v, &sv)) {
            py_buf_add(out, sv.data, sv.len);
        } else {
            py_print p;
            py_print_to_buf(&p, out);
            py_print_value(&p, v, conv == 'r' ? PY_PRINT_REPR : PY_PRINT_STR);
        }
    }
    if (sp->width < 0 && sp->precision < 0) {
        return;
    }
    size_t n = out->len - start;
    size_t chars = ms->is_bytes ? n : py_utf8_count(out->data + start, n);
    if (sp->precision >= 0 && (size_t)sp->precision < chars) {
        size_t keep = (size_t)sp->precision;
        if (!ms->is_bytes) {
            size_t k = 0, i = 0;
            while (k < keep) {
                i += py_utf8_char_len((unsigned char)out->data[start + i]);
                k++;
            }
            keep = i;
        }
        out->len = start + keep;
        chars = (size_t)sp->precision;
    }
    fmt_spec s2 = *sp;
    s2.fill = ' ';
    s2.align = sp->align == '<' ? '<' : '>';
    pad_in_place(out, start, chars, &s2, '>');
}

static void mod_char(py_buf *out, py_val v, const fmt_spec *sp, mod_state *ms) {
    size_t start = out->len;
    py_strv sv;
    if (ms->is_bytes) {
        py_int_t c;
        if (py_is_int(v)) {
            if (!py_get_int_maybe(v, &c) || c < 0 || c > 255) {
                py_raise_msg(&py_type_OverflowError, "%%c arg not in range(256)");
            }
            py_buf_add_byte(out, (char)c);
        } else if (py_strv_get(v, &sv) && sv.kind != PY_SV_STR && sv.len == 1) {
            py_buf_add_byte(out, sv.data[0]);
        } else {
            py_raise_type_error("%%c requires an integer in range(256) or a single byte");
        }
    } else if (py_is_int(v)) {
        py_int_t c;
        if (!py_get_int_maybe(v, &c) || c < 0 || c > 0x10ffff) {
            py_raise_msg(&py_type_OverflowError, "%%c arg not in range(0x110000)");
        }
        py_buf_add_char(out, (uint32_t)c);
    } else if (py_strv_get(v, &sv) && sv.kind == PY_SV_STR && sv.len > 0 &&
               py_utf8_char_len((unsigned char)sv.data[0]) == sv.len) {
        py_buf_add(out, sv.data, sv.len);
    } else {
        py_raise_type_error("%%c requires int or char");
    }
    fmt_spec s2 = *sp;
    s2.fill = ' ';
    s2.align = sp->align == '<' ? '<' : '>';
    pad_in_place(out, start, 1, &s2, '>');
}

static void mod_float(py_buf *out, py_val v, char conv, fmt_spec *sp) {
    py_float_t f;
    if (!py_get_float_maybe(v, &f)) {
        py_val m[2] = {PY_NULL, PY_NULL};
        if (py_type_is_heap(py_type_of(v))) {
            py_load_method_maybe(v, Q___float__, m);
        }
        if (m[0] == PY_NULL) {
            py_raise_type_error("must be real number, not %s", py_type_name(v));
        }
        f = py_get_float(py_call_method(m, 0, 0, NULL));
    }
    sp->type = conv;
    if (sp->precision < 0) {
        sp->precision = 6;
    }
    format_float(out, f, sp, v);
}

/* Parses "(name)" at s[*i] (after the '%') and returns the mapped value. */
static py_val mod_key(mod_state *ms, const char *s, size_t n, size_t *i) {
    if (ms->mapping == PY_NULL) {
        py_raise_type_error("format requires a mapping");
    }
    size_t j = *i + 1;
    int level = 1;
    size_t k = j;
    while (k < n) {
        if (s[k] == '(') {
            level++;
        } else if (s[k] == ')' && --level == 0) {
            break;
        }
        k++;
    }
    if (k >= n) {
        py_raise_value_error("incomplete format key");
    }
    *i = k + 1;
    py_val key = ms->is_bytes ? py_bytes_new(s + j, k - j) : py_str_new(s + j, k - j);
    return py_subscr_load(ms->mapping, key);
}

/* As CPython decides it: anything subscriptable but a tuple or a str (and
 * for bytes formatting, bytes or bytearray) counts as a mapping, so '' % []
 * or '' % b'x' is no error. */
static bool is_mapping(py_val v, bool for_bytes) {
    if (py_isinstance(v, &py_type_tuple) || py_is_str(v) ||
        (for_bytes && (py_isinstance(v, &py_type_bytes) || py_isinstance(v, &py_type_bytearray)))) {
        return false;
    }
    const py_type *t = py_type_of(v);
    if (py_type_is_heap(t)) {
        return py_type_lookup(t, Q___getitem__) != PY_NULL;
    }
    return t->subscr != NULL;
}

py_val py_str_mod(py_val fmt, py_val args) {
    py_strv f;
    if (!py_strv_get(fmt, &f)) {
        py_raise_type_error("unsupported operand type(s) for %%");
    }
    mod_state ms = {NULL, 0, 0, PY_NULL, f.kind != PY_SV_STR};
    py_val single = args;
    if (py_isinstance(args, &py_type_tuple)) {
        py_get_array(args, &ms.n_items, (py_val **)&ms.items);
    } else {
        ms.items = &single;
        ms.n_items = 1;
        if (is_mapping(args, ms.is_bytes)) {
            ms.mapping = args;
        }
    }
    py_buf b;
    py_str_build_begin(&b, f.len + 16);
    const char *s = f.data;
    size_t n = f.len, i = 0;
    bool used_key = false;
    while (i < n) {
        const char *pct = memchr(s + i, '%', n - i);
        size_t stop = pct == NULL ? n : (size_t)(pct - s);
        py_buf_add(&b, s + i, stop - i);
        if (pct == NULL) {
            break;
        }
        i = stop + 1;
        if (i >= n) {
            py_raise_value_error("incomplete format");
        }
        py_val value = PY_NULL;
        if (s[i] == '(') {
            value = mod_key(&ms, s, n, &i);
            used_key = true;
        }
        fmt_spec sp;
        spec_init(&sp);
        bool left = false;
        for (; i < n; i++) {
            char c = s[i];
            if (c == '-') {
                left = true;
            } else if (c == '+') {
                sp.sign = '+';
            } else if (c == ' ') {
                if (sp.sign != '+') {
                    sp.sign = ' ';
                }
            } else if (c == '#') {
                sp.alt = true;
            } else if (c == '0') {
                sp.zero = true;
            } else {
                break;
            }
        }
        if (i < n && s[i] == '*') {
            sp.width = star_arg(&ms);
            if (sp.width < 0) {
                left = true;
                sp.width = -sp.width;
            }
            i++;
        } else if (i < n && s[i] >= '0' && s[i] <= '9') {
            sp.width = parse_count(s, n, &i);
        }
        if (i < n && s[i] == '.') {
            i++;
            if (i < n && s[i] == '*') {
                sp.precision = star_arg(&ms);
                if (sp.precision < 0) {
                    sp.precision = 0;
                }
                i++;
            } else {
                sp.precision = parse_count(s, n, &i);
            }
        }
        while (i < n && (s[i] == 'h' || s[i] == 'l' || s[i] == 'L')) {
            i++;
        }
        if (i >= n) {
            py_raise_value_error("incomplete format");
        }
        char conv = s[i++];
        if (conv == '%' && i == stop + 2) {
            py_buf_add_byte(&b, '%');
            continue;
        }
        if (left) {
            sp.align = '<';
        } else if (sp.zero) {
            sp.align = '=';
            sp.fill = '0';
        } else {
            sp.align = '>';
        }
        if (value == PY_NULL) {
            value = next_arg(&ms);
        }
        switch (conv) {
        case 's':
        case 'r':
        case 'a':
            mod_text(&b, value, conv, &sp, &ms);
            break;
        case 'b':
            if (!ms.is_bytes) {
                goto bad_conv;
            }
            mod_text(&b, value, conv, &sp, &ms);
            break;
        case 'c':
            mod_char(&b, value, &sp, &ms);
            break;
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            py_int_t min_digits = sp.precision;
            sp.precision = -1;
            mod_int(&b, value, conv, &sp, min_digits);
            break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
            mod_float(&b, value, conv, &sp);
            break;
        default:
        bad_conv:
            py_raise_value_error("unsupported format character '%c' (0x%x) at index %u",
                                 conv >= 0x20 && conv < 0x7f ? conv : '?',
                                 (unsigned)(unsigned char)conv, (unsigned)(i - 1));
        }
    }
    if (ms.next < ms.n_items && ms.mapping == PY_NULL && !used_key) {
        py_raise_type_error(ms.is_bytes ? "not all arguments converted during bytes formatting"
                                        : "not all arguments converted during string formatting");
    }
    const py_type *type = f.kind == PY_SV_STR ? &py_type_str
                          : f.kind == PY_SV_BYTES ? &py_type_bytes
                                                  : &py_type_bytearray;
    return py_str_build_end(&b, type, -1);
}
