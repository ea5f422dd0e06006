/*
 * Unit tests for py/bigint.c.
 *
 * Three kinds of checks:
 *   - vectors: a file of operands and CPython's answers, written by
 *     gen_bigint_vectors.py (argument 1), one PASS/FAIL line per operation;
 *   - random small values checked against machine arithmetic;
 *   - error paths and size limits.
 * Every output and scratch buffer is allocated at exactly the size the
 * library asked for, followed by guard digits checked after each call, and
 * filled with junk first so a read of unwritten digits shows up.
 *
 * Results go to stdout as "PASS name" / "FAIL name" lines; details of
 * failures go to stderr. `test_bigint --bench` prints timings instead.
 */
#include "bigint.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------------
 * Guarded buffers
 * ---------------------------------------------------------------------- */

#define GUARD_DIGITS 4
#define GUARD_WORD 0xdeadbeefu
#define JUNK_WORD 0xa5a5a5a5u
#define MAX_BUFFERS 32

typedef struct {
    py_digit *base;
    size_t n;
} guarded;

static guarded buffers[MAX_BUFFERS];
static int nbuffers;

static py_digit *take(size_t n)
{
    if (n == PY_BIGINT_TOO_BIG || nbuffers == MAX_BUFFERS) {
        fprintf(stderr, "test: bad buffer request %zu\n", n);
        exit(2);
    }
    py_digit *p = malloc((n + GUARD_DIGITS) * sizeof(py_digit));
    if (!p) {
        fprintf(stderr, "test: out of memory\n");
        exit(2);
    }
    for (size_t i = 0; i < n; i++)
        p[i] = JUNK_WORD;
    for (size_t i = 0; i < GUARD_DIGITS; i++)
        p[n + i] = GUARD_WORD;
    buffers[nbuffers].base = p;
    buffers[nbuffers].n = n;
    nbuffers++;
    return p;
}

/* Frees every buffer; false if any guard was overwritten. */
static bool release_all(void)
{
    bool ok = true;
    for (int i = 0; i < nbuffers; i++) {
        for (size_t g = 0; g < GUARD_DIGITS; g++)
            if (buffers[i].base[buffers[i].n + g] != GUARD_WORD)
                ok = false;
        free(buffers[i].base);
    }
    nbuffers = 0;
    return ok;
}

/* ------------------------------------------------------------------------
 * Hex in and out, independent of the library's own text code
 * ---------------------------------------------------------------------- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static py_bigint from_hex(const char *s)
{
    py_bigint v = {NULL, 0, false};
    if (*s == '-') {
        v.neg = true;
        s++;
    }
    size_t n = strlen(s);
    size_t nd = n / 8 + 1;
    v.d = take(nd);
    memset(v.d, 0, nd * sizeof(py_digit));
    for (size_t i = 0; i < n; i++) {
        size_t bit = 4 * (n - 1 - i);
        v.d[bit / 32] |= (py_digit)hex_value(s[i]) << (bit % 32);
    }
    v.len = nd;
    while (v.len && v.d[v.len - 1] == 0)
        v.len--;
    if (v.len == 0)
        v.neg = false;
    return v;
}

static char hexbuf[4][1 << 16];
static int hexslot;

static const char *to_hex(const py_bigint *v)
{
    char *out = hexbuf[hexslot++ & 3];
    char *p = out;
    size_t cap = sizeof hexbuf[0] - 16;
    if (v->len == 0)
        return v->neg ? "-0(bad)" : "0";
    if (v->neg)
        *p++ = '-';
    bool started = false;
    for (size_t i = v->len; i-- > 0 && (size_t)(p - out) < cap;) {
        for (int nib = 7; nib >= 0; nib--) {
            int x = (v->d[i] >> (4 * nib)) & 15;
            if (x || started) {
                *p++ = "0123456789abcdef"[x];
                started = true;
            }
        }
    }
    *p = '\0';
    return out;
}

static bool same(const py_bigint *a, const py_bigint *b)
{
    if (a->len != b->len || a->neg != b->neg)
        return false;
    return a->len == 0 || memcmp(a->d, b->d, a->len * sizeof(py_digit)) == 0;
}

/* Normalized and no negative zero. */
static bool well_formed(const py_bigint *a)
{
    if (a->len == 0)
        return !a->neg;
    return a->d[a->len - 1] != 0;
}

/* ------------------------------------------------------------------------
 * Groups of cases
 * ---------------------------------------------------------------------- */

typedef struct {
    char name[64];
    unsigned pass, fail;
} group;

#define MAX_GROUPS 128
static group groups[MAX_GROUPS];
static int ngroups;
static unsigned total_cases, total_failures;

static group *group_named(const char *name)
{
    for (int i = 0; i < ngroups; i++)
        if (strcmp(groups[i].name, name) == 0)
            return &groups[i];
    if (ngroups == MAX_GROUPS) {
        fprintf(stderr, "test: too many groups\n");
        exit(2);
    }
    group *g = &groups[ngroups++];
    snprintf(g->name, sizeof g->name, "%s", name);
    return g;
}

/* Records one case; prints details of (the first few) failures. */
static void record(const char *name, bool ok, const char *detail)
{
    group *g = group_named(name);
    total_cases++;
    if (ok) {
        g->pass++;
        return;
    }
    g->fail++;
    total_failures++;
    if (g->fail <= 5)
        fprintf(stderr, "FAIL %s: %s\n", name, detail);
}

static char detail[1 << 17];

/* ------------------------------------------------------------------------
 * Vector cases
 * ---------------------------------------------------------------------- */

#define MAX_FIELDS 8

static bool guards_ok(void) { return release_all(); }

static void finish(const char *op, bool ok, const char *line)
{
    bool guards = guards_ok();
    if (!guards && ok)
        snprintf(detail, sizeof detail, "buffer overrun: %s", line);
    else if (!ok)
        snprintf(detail, sizeof detail, "%s", line);
    char name[80];
    snprintf(name, sizeof name, "bigint.vectors.%s", op);
    record(name, ok && guards, detail);
}

static char got_text[1 << 16];

/* Copies v into a fresh buffer of n digits (n >= v->len), for aliasing tests. */
static py_bigint copy_into(const py_bigint *v, size_t n)
{
    py_bigint c = {take(n), v->len, v->neg};
    if (v->len)
        memcpy(c.d, v->d, v->len * sizeof(py_digit));
    return c;
}

typedef void (*binary_fn)(py_bigint *, const py_bigint *, const py_bigint *);

/* r = op(a, b) into fresh digits, then again in place over a and over b. */
static bool check_binary(binary_fn fn, size_t size, const py_bigint *a, const py_bigint *b,
                         const py_bigint *want)
{
    py_bigint r = {take(size), 0, false};
    fn(&r, a, b);
    bool ok = same(&r, want) && well_formed(&r);
    py_bigint ra = copy_into(a, size);
    fn(&ra, &ra, b);
    ok = ok && same(&ra, want);
    py_bigint rb = copy_into(b, size);
    fn(&rb, a, &rb);
    ok = ok && same(&rb, want);
    if (!ok)
        snprintf(got_text, sizeof got_text, "got %s", to_hex(&r));
    return ok;
}

/* The magnitude layer's truncating division: |a| == q |b| + r, r < |b|. */
static bool check_truncating(const py_bigint *a, const py_bigint *b)
{
    size_t na = a->len, nb = b->len;
    py_digit *q = take(py_bigint_mag_quot_size(na, nb)), *r = take(nb);
    py_digit *scratch = take(py_bigint_divmod_scratch(na, nb));
    size_t nq, nr;
    py_mag_divmod(q, &nq, r, &nr, a->d, na, b->d, nb, scratch);
    size_t nprod = nq + nb + 1;
    py_digit *prod = take(nprod), *mul_scratch = take(py_bigint_mul_scratch(nq, nb));
    size_t np = py_mag_mul(prod, q, nq, b->d, nb, mul_scratch);
    np = py_mag_add(prod, prod, np, r, nr);
    return py_mag_cmp(prod, np, a->d, na) == 0 && py_mag_cmp(r, nr, b->d, nb) < 0 &&
           (nq == 0 || q[nq - 1]) && (nr == 0 || r[nr - 1]);
}

static bool run_divmod(const py_bigint *a, const py_bigint *b, const char *wq, const char *wr)
{
    size_t qs = py_bigint_div_size(a->len, b->len), rs = py_bigint_mod_size(a->len, b->len);
    py_digit *scratch = take(py_bigint_divmod_scratch(a->len, b->len));
    py_bigint q = {take(qs), 0, false}, r = {take(rs), 0, false};
    py_bigint_status st = py_bigint_divmod(&q, &r, a, b, scratch);
    if (strcmp(wq, "ERR") == 0)
        return st == PY_BIGINT_EZERODIV;
    py_bigint eq = from_hex(wq), er = from_hex(wr);
    bool ok = st == PY_BIGINT_OK && same(&q, &eq) && same(&r, &er) && well_formed(&q) &&
              well_formed(&r);
    /* quotient alone and remainder alone */
    py_bigint q2 = {take(qs), 0, false}, r2 = {take(rs), 0, false};
    py_digit *scratch2 = take(py_bigint_divmod_scratch(a->len, b->len));
    ok = ok && py_bigint_divmod(&q2, NULL, a, b, scratch2) == PY_BIGINT_OK && same(&q2, &eq);
    ok = ok && py_bigint_divmod(NULL, &r2, a, b, scratch2) == PY_BIGINT_OK && same(&r2, &er);
    if (!ok)
        snprintf(got_text, sizeof got_text, "got %s %s", to_hex(&q), to_hex(&r));
    return ok && check_truncating(a, b);
}

static bool run_shift(bool left, const py_bigint *a, uint64_t s, const py_bigint *want)
{
    size_t size = left ? py_bigint_lshift_size(a->len, s) : py_bigint_rshift_size(a->len, s);
    py_bigint r = {take(size), 0, false};
    if (left)
        py_bigint_lshift(&r, a, s);
    else
        py_bigint_rshift(&r, a, s);
    py_bigint in_place = copy_into(a, size > a->len ? size : a->len);
    if (left)
        py_bigint_lshift(&in_place, &in_place, s);
    else
        py_bigint_rshift(&in_place, &in_place, s);
    bool ok = same(&r, want) && same(&in_place, want) && well_formed(&r);
    if (!ok)
        snprintf(got_text, sizeof got_text, "got %s", to_hex(&r));
    return ok;
}

static uint64_t parse_u64_hex(const char *s)
{
    return strtoull(s, NULL, 16);
}

static double double_of_bits(const char *s)
{
    uint64_t bits = parse_u64_hex(s);
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static bool same_double(double got, const char *want_bits)
{
    uint64_t bits;
    memcpy(&bits, &got, sizeof bits);
    return bits == parse_u64_hex(want_bits);
}

static bool run_str(const py_bigint *a, int base, const char *want)
{
    size_t size = py_bigint_to_str_size(a->len, base);
    py_digit *scratch = take(py_bigint_to_str_scratch(a->len, base));
    char *out = (char *)take((size + 2 + 3) / 4) ;
    size_t n = 0;
    bool ok = py_bigint_to_str(a, base, NULL, out, &n, scratch) == PY_BIGINT_OK &&
              strcmp(out, want) == 0 && n == strlen(want);
    snprintf(got_text, sizeof got_text, "got %s", out);
    /* with a prefix after the sign */
    char *out2 = (char *)take((size + 2 + 3) / 4);
    ok = ok && py_bigint_to_str(a, base, "0x", out2, &n, scratch) == PY_BIGINT_OK;
    const char *digits = want[0] == '-' ? want + 1 : want;
    char expect[1 << 15];
    snprintf(expect, sizeof expect, "%s0x%s", want[0] == '-' ? "-" : "", digits);
    ok = ok && strcmp(out2, expect) == 0 && n == strlen(expect);
    return ok;
}

static size_t unhex_bytes(const char *s, uint8_t *out)
{
    if (strcmp(s, "-") == 0)
        return 0;
    size_t n = strlen(s) / 2;
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)(hex_value(s[2 * i]) * 16 + hex_value(s[2 * i + 1]));
    return n;
}

static bool run_parse(const char *text_hex, int base, const char *want)
{
    static uint8_t text[1 << 14];
    size_t n = unhex_bytes(text_hex, text);
    py_bigint r = {take(py_bigint_from_str_size(n, base)), 0, false};
    /* pass a copy of exactly n bytes so over-reads are caught by the sanitizers */
    char *s = malloc(n ? n : 1);
    memcpy(s, text, n);
    py_bigint_status st = py_bigint_from_str(&r, s, n, base);
    free(s);
    if (strcmp(want, "ERR") == 0) {
        snprintf(got_text, sizeof got_text, "got status %d %s", (int)st,
                 st == PY_BIGINT_OK ? to_hex(&r) : "");
        return st == PY_BIGINT_EVALUE;
    }
    py_bigint w = from_hex(want);
    snprintf(got_text, sizeof got_text, "got status %d %s", (int)st,
             st == PY_BIGINT_OK ? to_hex(&r) : "");
    return st == PY_BIGINT_OK && same(&r, &w) && well_formed(&r);
}

static bool run_tobytes(const py_bigint *a, size_t length, bool big, bool sign, const char *want)
{
    uint8_t *out = malloc(length + 1);
    out[length] = 0x5a;
    py_bigint_status st = py_bigint_to_bytes(a, out, length, big, sign);
    bool ok;
    if (strcmp(want, "ERR") == 0) {
        ok = st == PY_BIGINT_EOVERFLOW;
    } else {
        uint8_t expect[4096];
        size_t n = unhex_bytes(want, expect);
        ok = st == PY_BIGINT_OK && n == length && memcmp(out, expect, n) == 0;
    }
    ok = ok && out[length] == 0x5a;
    free(out);
    return ok;
}

static bool run_frombytes(const char *data_hex, bool big, bool sign, const char *want)
{
    static uint8_t data[4096];
    size_t n = unhex_bytes(data_hex, data);
    py_bigint r = {take(py_bigint_from_bytes_size(n)), 0, false};
    py_bigint_from_bytes(&r, data, n, big, sign);
    py_bigint w = from_hex(want);
    snprintf(got_text, sizeof got_text, "got %s", to_hex(&r));
    return same(&r, &w) && well_formed(&r);
}

static bool run_vector(char **f, int nf)
{
    const char *op = f[0];
    got_text[0] = '\0';
    if (strcmp(op, "add") == 0 || strcmp(op, "sub") == 0 || strcmp(op, "and") == 0 ||
        strcmp(op, "or") == 0 || strcmp(op, "xor") == 0) {
        py_bigint a = from_hex(f[1]), b = from_hex(f[2]), w = from_hex(f[3]);
        binary_fn fn = op[0] == 'a' && op[1] == 'd' ? py_bigint_add
                       : op[0] == 's'               ? py_bigint_sub
                       : op[0] == 'a'               ? py_bigint_and
                       : op[0] == 'o'               ? py_bigint_or
                                                    : py_bigint_xor;
        size_t size = (fn == py_bigint_add || fn == py_bigint_sub)
                          ? py_bigint_add_size(a.len, b.len)
                          : py_bigint_bitwise_size(a.len, b.len);
        return check_binary(fn, size, &a, &b, &w);
    }
    if (strcmp(op, "mul") == 0) {
        py_bigint a = from_hex(f[1]), b = from_hex(f[2]), w = from_hex(f[3]);
        py_bigint r = {take(py_bigint_mul_size(a.len, b.len)), 0, false};
        py_digit *scratch = take(py_bigint_mul_scratch(a.len, b.len));
        py_bigint_mul(&r, &a, &b, scratch);
        bool ok = same(&r, &w) && well_formed(&r);
        if (strcmp(f[1], f[2]) == 0) { /* squaring goes through its own path */
            py_bigint r2 = {take(py_bigint_mul_size(a.len, a.len)), 0, false};
            py_bigint_mul(&r2, &a, &a, scratch);
            ok = ok && same(&r2, &w);
        }
        return ok;
    }
    if (strcmp(op, "cmp") == 0) {
        py_bigint a = from_hex(f[1]), b = from_hex(f[2]);
        return py_bigint_cmp(&a, &b) == atoi(f[3]);
    }
    if (strcmp(op, "divmod") == 0) {
        py_bigint a = from_hex(f[1]), b = from_hex(f[2]);
        return run_divmod(&a, &b, f[3], f[4]);
    }
    if (strcmp(op, "invert") == 0) {
        py_bigint a = from_hex(f[1]), w = from_hex(f[2]);
        size_t size = py_bigint_invert_size(a.len);
        py_bigint r = {take(size), 0, false};
        py_bigint_invert(&r, &a);
        py_bigint in_place = copy_into(&a, size);
        py_bigint_invert(&in_place, &in_place);
        return same(&r, &w) && same(&in_place, &w) && well_formed(&r);
    }
    if (strcmp(op, "bitlen") == 0 || strcmp(op, "bitcount") == 0) {
        py_bigint a = from_hex(f[1]);
        size_t n = op[3] == 'l' ? py_bigint_bit_length(&a) : py_bigint_bit_count(&a);
        return n == (size_t)strtoull(f[2], NULL, 10);
    }
    if (strcmp(op, "lshift") == 0 || strcmp(op, "rshift") == 0) {
        py_bigint a = from_hex(f[1]), w = from_hex(f[3]);
        return run_shift(op[0] == 'l', &a, strtoull(f[2], NULL, 10), &w);
    }
    if (strcmp(op, "int64") == 0) {
        py_bigint a = from_hex(f[1]);
        int64_t v = 0;
        py_bigint_status st = py_bigint_to_int64(&a, &v);
        if (strcmp(f[2], "ERR") == 0)
            return st == PY_BIGINT_EOVERFLOW;
        py_digit digits[PY_BIGINT_INT64_LEN];
        py_bigint back = {digits, 0, false};
        py_bigint_from_int64(&back, v);
        return st == PY_BIGINT_OK && same(&back, &a);
    }
    if (strcmp(op, "uint64") == 0) {
        py_bigint a = from_hex(f[1]);
        uint64_t v = 0;
        py_bigint_status st = py_bigint_to_uint64(&a, &v);
        if (strcmp(f[2], "ERR") == 0)
            return st == PY_BIGINT_EOVERFLOW;
        py_digit digits[PY_BIGINT_INT64_LEN];
        py_bigint back = {digits, 0, false};
        py_bigint_from_uint64(&back, v);
        return st == PY_BIGINT_OK && same(&back, &a) && v == parse_u64_hex(f[2]);
    }
    if (strcmp(op, "hash") == 0) {
        py_bigint a = from_hex(f[1]);
        int64_t h61 = py_bigint_hash(&a, 61), h31 = py_bigint_hash(&a, 31);
        snprintf(got_text, sizeof got_text, "got %" PRId64 " %" PRId64, h61, h31);
        return h61 == strtoll(f[2], NULL, 10) && h31 == strtoll(f[3], NULL, 10);
    }
    if (strcmp(op, "double") == 0) {
        py_bigint a = from_hex(f[1]);
        double d = 0;
        py_bigint_status st = py_bigint_to_double(&a, &d);
        if (strcmp(f[2], "ERR") == 0)
            return st == PY_BIGINT_EOVERFLOW;
        snprintf(got_text, sizeof got_text, "got %a", d);
        return st == PY_BIGINT_OK && same_double(d, f[2]);
    }
    if (strcmp(op, "float") == 0) {
        py_bigint a = from_hex(f[1]);
        float x = 0;
        py_bigint_status st = py_bigint_to_float(&a, &x);
        if (strcmp(f[2], "ERR") == 0)
            return st == PY_BIGINT_EOVERFLOW;
        uint32_t bits;
        memcpy(&bits, &x, sizeof bits);
        snprintf(got_text, sizeof got_text, "got %a", (double)x);
        return st == PY_BIGINT_OK && bits == (uint32_t)parse_u64_hex(f[2]);
    }
    if (strcmp(op, "str") == 0) {
        py_bigint a = from_hex(f[1]);
        return run_str(&a, atoi(f[2]), f[3]);
    }
    if (strcmp(op, "parse") == 0)
        return run_parse(f[1], atoi(f[2]), f[3]);
    if (strcmp(op, "tobytes") == 0) {
        py_bigint a = from_hex(f[1]);
        return run_tobytes(&a, (size_t)atoi(f[2]), strcmp(f[3], "big") == 0, f[4][0] == '1',
                           f[5]);
    }
    if (strcmp(op, "frombytes") == 0)
        return run_frombytes(f[1], strcmp(f[2], "big") == 0, f[3][0] == '1', f[4]);
    if (strcmp(op, "fromdouble") == 0) {
        double d = double_of_bits(f[1]);
        py_bigint r = {take(py_bigint_from_double_size(d)), 0, false};
        py_bigint_status st = py_bigint_from_double(&r, d);
        if (strcmp(f[2], "ERR") == 0)
            return isnan(d) ? st == PY_BIGINT_EVALUE : st == PY_BIGINT_EOVERFLOW;
        py_bigint w = from_hex(f[2]);
        snprintf(got_text, sizeof got_text, "got %s", to_hex(&r));
        return st == PY_BIGINT_OK && same(&r, &w) && well_formed(&r);
    }
    if (strcmp(op, "cmpdouble") == 0) {
        py_bigint a = from_hex(f[1]);
        int c = py_bigint_cmp_double(&a, double_of_bits(f[2]));
        snprintf(got_text, sizeof got_text, "got %d", c);
        return c == atoi(f[3]);
    }
    if (strcmp(op, "truediv") == 0) {
        py_bigint a = from_hex(f[1]), b = from_hex(f[2]);
        py_digit *scratch = take(py_bigint_truediv_scratch(a.len, b.len));
        double d = 0;
        py_bigint_status st = py_bigint_truediv(&a, &b, &d, scratch);
        snprintf(got_text, sizeof got_text, "got %d %a", (int)st, d);
        if (strcmp(f[3], "ERR") == 0)
            return b.len == 0 ? st == PY_BIGINT_EZERODIV : st == PY_BIGINT_EOVERFLOW;
        return st == PY_BIGINT_OK && same_double(d, f[3]);
    }
    if (strcmp(op, "pow") == 0) {
        py_bigint a = from_hex(f[1]), w = from_hex(f[3]);
        uint64_t e = strtoull(f[2], NULL, 10);
        py_bigint r = {take(py_bigint_pow_size(&a, e)), 0, false};
        py_bigint_pow(&r, &a, e, take(py_bigint_pow_scratch(&a, e)));
        snprintf(got_text, sizeof got_text, "got %s", to_hex(&r));
        return same(&r, &w) && well_formed(&r);
    }
    if (strcmp(op, "powmod") == 0) {
        py_bigint a = from_hex(f[1]), e = from_hex(f[2]), m = from_hex(f[3]);
        py_bigint r = {take(py_bigint_powmod_size(m.len)), 0, false};
        py_digit *scratch = take(py_bigint_powmod_scratch(a.len, e.len, m.len));
        py_bigint_status st = py_bigint_powmod(&r, &a, &e, &m, scratch);
        if (strcmp(f[4], "ERR") == 0)
            return st == PY_BIGINT_EVALUE;
        py_bigint w = from_hex(f[4]);
        snprintf(got_text, sizeof got_text, "got %s", to_hex(&r));
        return st == PY_BIGINT_OK && same(&r, &w) && well_formed(&r);
    }
    if (strcmp(op, "gcd") == 0) {
        py_bigint a = from_hex(f[1]), b = from_hex(f[2]), w = from_hex(f[3]);
        py_bigint r = {take(py_bigint_gcd_size(a.len, b.len)), 0, false};
        py_bigint_gcd(&r, &a, &b, take(py_bigint_gcd_scratch(a.len, b.len)));
        snprintf(got_text, sizeof got_text, "got %s", to_hex(&r));
        return same(&r, &w) && well_formed(&r);
    }
    if (strcmp(op, "modinv") == 0) {
        py_bigint a = from_hex(f[1]), m = from_hex(f[2]);
        py_bigint r = {take(py_bigint_modinv_size(m.len)), 0, false};
        py_digit *scratch = take(py_bigint_modinv_scratch(a.len, m.len));
        py_bigint_status st = py_bigint_modinv(&r, &a, &m, scratch);
        if (strcmp(f[3], "ERR") == 0)
            return st == PY_BIGINT_EVALUE;
        py_bigint w = from_hex(f[3]);
        snprintf(got_text, sizeof got_text, "got %d %s", (int)st, to_hex(&r));
        return st == PY_BIGINT_OK && same(&r, &w) && well_formed(&r);
    }
    (void)nf;
    snprintf(got_text, sizeof got_text, "unknown operation");
    return false;
}

static void run_vector_file(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        record("bigint.vectors.file", false, "cannot open the vector file");
        return;
    }
    static char line[1 << 20], copy[1 << 20];
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0])
            continue;
        memcpy(copy, line, strlen(line) + 1);
        char *f[MAX_FIELDS];
        int nf = 0;
        for (char *tok = strtok(line, " "); tok && nf < MAX_FIELDS; tok = strtok(NULL, " "))
            f[nf++] = tok;
        bool ok = run_vector(f, nf);
        char shown[600];
        snprintf(shown, sizeof shown, "%.400s ... %.150s", copy, got_text);
        finish(f[0], ok, shown);
    }
    fclose(fp);
}

/* ------------------------------------------------------------------------
 * Random small values against machine arithmetic
 * ---------------------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rand64(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1du;
}

/* A random int64 of random width, with edge values mixed in. */
static int64_t rand_small(void)
{
    static const int64_t edges[] = {0, 1, -1, 2, -2, INT32_MAX, INT32_MIN, UINT32_MAX,
                                    -(int64_t)UINT32_MAX, INT64_MAX, INT64_MIN, INT64_MIN + 1,
                                    (int64_t)1 << 32, -((int64_t)1 << 32)};
    uint64_t pick = rand64();
    if (pick % 8 == 0)
        return edges[(pick >> 8) % (sizeof edges / sizeof edges[0])];
    unsigned width = (unsigned)((pick >> 8) % 64);
    uint64_t v = rand64() >> (63 - width);
    return (pick >> 16) & 1 ? -(int64_t)(v >> 1) : (int64_t)(v >> 1);
}

static py_bigint small_view(py_digit *d, int64_t v)
{
    py_bigint b = {d, 0, false};
    py_bigint_from_int64(&b, v);
    return b;
}

/* Python's floor division and modulo on int64 (b != 0, not MIN / -1). */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
    return r;
}

static bool equals_int64(const py_bigint *v, int64_t want)
{
    int64_t got;
    return well_formed(v) && py_bigint_to_int64(v, &got) == PY_BIGINT_OK && got == want;
}

#ifdef __SIZEOF_INT128__
typedef __int128 wide;
static bool equals_wide(const py_bigint *v, wide want)
{
    unsigned __int128 mag = want < 0 ? -(unsigned __int128)want : (unsigned __int128)want;
    py_digit d[4];
    for (int i = 0; i < 4; i++)
        d[i] = (py_digit)(mag >> (32 * i));
    size_t n = 4;
    while (n && d[n - 1] == 0)
        n--;
    py_bigint w = {d, n, want < 0};
    return same(v, &w);
}
#endif

static void random_small_arith(int rounds)
{
    for (int i = 0; i < rounds; i++) {
        int64_t x = rand_small(), y = rand_small();
        py_digit dx[2], dy[2], dr[8], dq[8], scratch[16];
        py_bigint a = small_view(dx, x), b = small_view(dy, y);
        py_bigint r = {dr, 0, false}, q = {dq, 0, false};
        char msg[200];
        snprintf(msg, sizeof msg, "x=%" PRId64 " y=%" PRId64, x, y);
#ifdef __SIZEOF_INT128__
        py_bigint_add(&r, &a, &b);
        record("bigint.small.add", equals_wide(&r, (wide)x + y), msg);
        py_bigint_sub(&r, &a, &b);
        record("bigint.small.sub", equals_wide(&r, (wide)x - y), msg);
        py_bigint_mul(&r, &a, &b, NULL);
        record("bigint.small.mul", equals_wide(&r, (wide)x * y), msg);
        unsigned s = (unsigned)(rand64() % 64);
        py_bigint_lshift(&r, &a, s);
        record("bigint.small.lshift", equals_wide(&r, (wide)x * ((wide)1 << s)), msg);
#else
        if (x > INT32_MIN && x < INT32_MAX && y > INT32_MIN && y < INT32_MAX) {
            py_bigint_mul(&r, &a, &b, NULL);
            record("bigint.small.mul", equals_int64(&r, x * y), msg);
        }
        if (x > -((int64_t)1 << 61) && x < ((int64_t)1 << 61) && y > -((int64_t)1 << 61) &&
            y < ((int64_t)1 << 61)) {
            py_bigint_add(&r, &a, &b);
            record("bigint.small.add", equals_int64(&r, x + y), msg);
            py_bigint_sub(&r, &a, &b);
            record("bigint.small.sub", equals_int64(&r, x - y), msg);
        }
#endif
        record("bigint.small.cmp", py_bigint_cmp(&a, &b) == (x > y) - (x < y), msg);
        py_bigint_and(&r, &a, &b);
        record("bigint.small.and", equals_int64(&r, x & y), msg);
        py_bigint_or(&r, &a, &b);
        record("bigint.small.or", equals_int64(&r, x | y), msg);
        py_bigint_xor(&r, &a, &b);
        record("bigint.small.xor", equals_int64(&r, x ^ y), msg);
        if (x != INT64_MIN) {
            py_bigint_invert(&r, &a);
            record("bigint.small.invert", equals_int64(&r, ~x), msg);
        }
        unsigned rs = (unsigned)(rand64() % 70);
        py_bigint_rshift(&r, &a, rs);
        int64_t want_shift = rs >= 63 ? (x < 0 ? -1 : 0) : floor_div(x, (int64_t)1 << rs);
        record("bigint.small.rshift", equals_int64(&r, want_shift), msg);
        if (y != 0 && !(x == INT64_MIN && y == -1)) {
            py_bigint_status st = py_bigint_divmod(&q, &r, &a, &b, scratch);
            record("bigint.small.divmod",
                   st == PY_BIGINT_OK && equals_int64(&q, floor_div(x, y)) &&
                       equals_int64(&r, floor_mod(x, y)),
                   msg);
        }
        double d = 0;
        volatile double want_d = (double)x;
        record("bigint.small.to_double",
               py_bigint_to_double(&a, &d) == PY_BIGINT_OK && d == want_d, msg);
        char text[80], want_text[80];
        snprintf(want_text, sizeof want_text, "%" PRId64, x);
        py_digit work[8]; /* at least py_bigint_to_str_scratch(2, 10), checked below */
        py_bigint_to_str(&a, 10, NULL, text, NULL, work);
        record("bigint.small.str10", strcmp(text, want_text) == 0, msg);
        uint64_t mag = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
        snprintf(want_text, sizeof want_text, "%s%" PRIx64, x < 0 ? "-" : "", mag);
        py_bigint_to_str(&a, 16, NULL, text, NULL, work);
        record("bigint.small.str16", strcmp(text, want_text) == 0, msg);
        snprintf(want_text, sizeof want_text, "%s%" PRIo64, x < 0 ? "-" : "", mag);
        py_bigint_to_str(&a, 8, NULL, text, NULL, work);
        record("bigint.small.str8", strcmp(text, want_text) == 0, msg);
        snprintf(want_text, sizeof want_text, " %" PRId64 "\n", x);
        py_bigint_status st = py_bigint_from_str(&r, want_text, strlen(want_text), 10);
        record("bigint.small.parse10", st == PY_BIGINT_OK && equals_int64(&r, x), msg);
        uint8_t bytes[8];
        st = py_bigint_to_bytes(&a, bytes, 8, true, true);
        py_bigint_from_bytes(&r, bytes, 8, true, true);
        record("bigint.small.bytes", st == PY_BIGINT_OK && equals_int64(&r, x), msg);
    }
}

/* Single-digit divisors through the reciprocal path, against uint64. */
static void random_small_division(int rounds)
{
    for (int i = 0; i < rounds; i++) {
        uint64_t x = rand64() >> (rand64() % 64);
        py_digit d = (py_digit)(rand64() >> (32 + rand64() % 32));
        if (d == 0)
            d = 1;
        py_digit a[2] = {(py_digit)x, (py_digit)(x >> 32)}, q[2];
        size_t na = a[1] ? 2 : (a[0] ? 1 : 0), nq;
        py_digit rem = py_mag_divmod_small(q, &nq, a, na, d);
        uint64_t got = nq == 0 ? 0 : nq == 1 ? q[0] : ((uint64_t)q[1] << 32 | q[0]);
        char msg[100];
        snprintf(msg, sizeof msg, "%" PRIu64 " / %u", x, (unsigned)d);
        record("bigint.small.divmod_digit", got == x / d && rem == x % d, msg);
    }
}

/* ------------------------------------------------------------------------
 * Error paths and limits
 * ---------------------------------------------------------------------- */

static void check(const char *name, bool ok) { record(name, ok, name); }

static void error_paths(void)
{
    check("bigint.limits.small_str_scratch", py_bigint_to_str_scratch(2, 10) <= 8);
    py_digit da[4], db[4], dr[8], scratch[32];
    py_bigint a = small_view(da, 12345), zero = {db, 0, false}, r = {dr, 0, false};
    py_bigint q = {scratch + 16, 0, false};

    check("bigint.errors.divide_by_zero",
          py_bigint_divmod(&q, &r, &a, &zero, scratch) == PY_BIGINT_EZERODIV);
    double d;
    check("bigint.errors.truediv_by_zero",
          py_bigint_truediv(&a, &zero, &d, scratch) == PY_BIGINT_EZERODIV);
    check("bigint.errors.powmod_zero_modulus",
          py_bigint_powmod(&r, &a, &a, &zero, scratch) == PY_BIGINT_EVALUE);
    char text[64];
    check("bigint.errors.to_str_base1", py_bigint_to_str(&a, 1, NULL, text, NULL, scratch) ==
                                           PY_BIGINT_EVALUE);
    check("bigint.errors.to_str_base37", py_bigint_to_str(&a, 37, NULL, text, NULL, scratch) ==
                                            PY_BIGINT_EVALUE);
    check("bigint.errors.parse_base37", py_bigint_from_str(&r, "1", 1, 37) == PY_BIGINT_EVALUE);
    check("bigint.errors.parse_empty", py_bigint_from_str(&r, "", 0, 10) == PY_BIGINT_EVALUE);
    check("bigint.errors.parse_null_byte",
          py_bigint_from_str(&r, "1\0002", 3, 10) == PY_BIGINT_EVALUE);
    check("bigint.errors.from_nan", py_bigint_from_double(&r, NAN) == PY_BIGINT_EVALUE);
    check("bigint.errors.from_inf", py_bigint_from_double(&r, INFINITY) == PY_BIGINT_EOVERFLOW);
    check("bigint.errors.from_minus_inf",
          py_bigint_from_double(&r, -INFINITY) == PY_BIGINT_EOVERFLOW);
    py_bigint neg = small_view(da, -1);
    uint8_t bytes[4];
    check("bigint.errors.negative_unsigned_bytes",
          py_bigint_to_bytes(&neg, bytes, 4, true, false) == PY_BIGINT_EOVERFLOW);
    uint64_t u;
    check("bigint.errors.negative_uint64", py_bigint_to_uint64(&neg, &u) == PY_BIGINT_EOVERFLOW);
    check("bigint.errors.cmp_nan", py_bigint_cmp_double(&neg, NAN) == PY_BIGINT_UNORDERED);

    /* size limits */
    const size_t big = PY_BIGINT_MAX_LEN;
    check("bigint.limits.add", py_bigint_add_size(big, 1) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.add_huge", py_bigint_add_size(SIZE_MAX, SIZE_MAX) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.mul", py_bigint_mul_size(big, 2) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.mul_huge", py_bigint_mul_size(SIZE_MAX, SIZE_MAX) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.mul_scratch",
          py_bigint_mul_scratch(SIZE_MAX / 2, SIZE_MAX / 2) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.lshift", py_bigint_lshift_size(1, UINT64_MAX) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.lshift_edge",
          py_bigint_lshift_size(1, (uint64_t)(big - 1) * 32) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.lshift_zero", py_bigint_lshift_size(0, UINT64_MAX) == 0);
    check("bigint.limits.rshift_huge", py_bigint_rshift_size(3, UINT64_MAX) == 1);
    check("bigint.limits.divmod_scratch",
          py_bigint_divmod_scratch(SIZE_MAX, 5) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.to_str", py_bigint_to_str_size(SIZE_MAX, 10) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.to_str_max", py_bigint_to_str_size(big, 2) != PY_BIGINT_TOO_BIG);
    check("bigint.limits.from_str", py_bigint_from_str_size(SIZE_MAX, 36) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.from_bytes", py_bigint_from_bytes_size(SIZE_MAX) == PY_BIGINT_TOO_BIG);
    py_bigint two = small_view(db, 2);
    check("bigint.limits.pow", py_bigint_pow_size(&two, UINT64_MAX) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.pow_scratch",
          py_bigint_pow_scratch(&two, UINT64_MAX) == PY_BIGINT_TOO_BIG);
    py_bigint one = small_view(db, -1);
    check("bigint.limits.pow_of_minus_one", py_bigint_pow_size(&one, UINT64_MAX) == 1);
    check("bigint.limits.truediv_scratch",
          py_bigint_truediv_scratch(SIZE_MAX, 1) == PY_BIGINT_TOO_BIG);
    check("bigint.limits.gcd_scratch", py_bigint_gcd_scratch(SIZE_MAX, 1) == PY_BIGINT_TOO_BIG);

    /* Karatsuba's scratch bound must grow with both operands, since pow and
     * powmod size one scratch for products of growing operands. */
    bool bounded = true;
    for (size_t y = 1; y < 300 && bounded; y++)
        for (size_t x = 1; x <= y; x++)
            if (py_bigint_mul_scratch(x, y) > py_bigint_mul_scratch(y, y) ||
                py_bigint_mul_scratch(x, y) > py_bigint_mul_scratch(x + 1, y + 1))
                bounded = false;
    check("bigint.limits.karatsuba_scratch_bound", bounded);
}

/* ------------------------------------------------------------------------
 * Timings (--bench)
 * ---------------------------------------------------------------------- */

/* Processor time, so other load on the machine does not count. */
static double now(void) { return (double)clock() / CLOCKS_PER_SEC; }

/* A growable value for the spigot: digits from malloc, resized to fit. */
typedef struct {
    py_bigint v;
    size_t cap;
} var;

static void ensure(var *x, size_t n)
{
    if (n > x->cap) {
        x->cap = n * 2;
        x->v.d = realloc(x->v.d, x->cap * sizeof(py_digit));
    }
}

static void set_small(var *x, int64_t v)
{
    ensure(x, 2);
    py_bigint_from_int64(&x->v, v);
}

/* Gibbons' unbounded spigot, the usual pidigits loop. */
static double bench_pi(int ndigits, char *tail)
{
    var n = {0}, a = {0}, d = {0}, t = {0}, u = {0}, k1 = {0}, tmp = {0}, tmp2 = {0};
    set_small(&n, 1);
    set_small(&a, 0);
    set_small(&d, 1);
    py_digit *scratch = NULL;
    size_t scratch_cap = 0;
    double start = now();
    int i = 0;
    for (int64_t k = 1; i < ndigits; k++) {
        py_digit sd[2];
        py_bigint ks = small_view(sd, k);
        /* t = n << 1; n *= k; a += t; k1 = 2k+1; a *= k1; d *= k1 */
        ensure(&t, py_bigint_lshift_size(n.v.len, 1));
        py_bigint_lshift(&t.v, &n.v, 1);
        ensure(&tmp, py_bigint_mul_size(n.v.len, 1));
        py_bigint_mul(&tmp.v, &n.v, &ks, NULL);
        var sw = n; n = tmp; tmp = sw;
        ensure(&a, py_bigint_add_size(a.v.len, t.v.len));
        py_bigint_add(&a.v, &a.v, &t.v);
        py_digit kd[2];
        py_bigint k1v = small_view(kd, 2 * k + 1);
        ensure(&tmp, py_bigint_mul_size(a.v.len, 1));
        py_bigint_mul(&tmp.v, &a.v, &k1v, NULL);
        sw = a; a = tmp; tmp = sw;
        ensure(&tmp, py_bigint_mul_size(d.v.len, 1));
        py_bigint_mul(&tmp.v, &d.v, &k1v, NULL);
        sw = d; d = tmp; tmp = sw;
        if (py_bigint_cmp(&a.v, &n.v) >= 0) {
            /* t, u = divmod(n*3 + a, d) */
            py_digit three_d[2];
            py_bigint three = small_view(three_d, 3);
            ensure(&tmp, py_bigint_mul_size(n.v.len, 1));
            py_bigint_mul(&tmp.v, &n.v, &three, NULL);
            ensure(&tmp, py_bigint_add_size(tmp.v.len, a.v.len));
            py_bigint_add(&tmp.v, &tmp.v, &a.v);
            size_t need = py_bigint_divmod_scratch(tmp.v.len, d.v.len);
            if (need > scratch_cap) {
                scratch_cap = need * 2;
                scratch = realloc(scratch, scratch_cap * sizeof(py_digit));
            }
            ensure(&t, py_bigint_div_size(tmp.v.len, d.v.len));
            ensure(&u, py_bigint_add_size(d.v.len, n.v.len) + 1);
            py_bigint_divmod(&t.v, &u.v, &tmp.v, &d.v, scratch);
            ensure(&u, py_bigint_add_size(u.v.len, n.v.len));
            py_bigint_add(&u.v, &u.v, &n.v);
            if (py_bigint_cmp(&d.v, &u.v) > 0) {
                int64_t digit;
                py_bigint_to_int64(&t.v, &digit);
                if (i < 10 || i >= ndigits - 10) {
                    /* keep the first and last digits to print */
                    size_t pos = i < 10 ? (size_t)i : (size_t)(10 + i - (ndigits - 10));
                    tail[pos] = (char)('0' + digit);
                }
                i++;
                /* a -= d*t; a *= 10; n *= 10 */
                ensure(&tmp2, py_bigint_mul_size(d.v.len, t.v.len));
                py_bigint_mul(&tmp2.v, &d.v, &t.v, NULL);
                ensure(&a, py_bigint_add_size(a.v.len, tmp2.v.len));
                py_bigint_sub(&a.v, &a.v, &tmp2.v);
                py_digit ten_d[2];
                py_bigint ten = small_view(ten_d, 10);
                ensure(&tmp, py_bigint_mul_size(a.v.len, 1));
                py_bigint_mul(&tmp.v, &a.v, &ten, NULL);
                sw = a; a = tmp; tmp = sw;
                ensure(&tmp, py_bigint_mul_size(n.v.len, 1));
                py_bigint_mul(&tmp.v, &n.v, &ten, NULL);
                sw = n; n = tmp; tmp = sw;
            }
        }
        (void)k1;
    }
    double elapsed = now() - start;
    tail[20] = '\0';
    free(n.v.d); free(a.v.d); free(d.v.d); free(t.v.d); free(u.v.d); free(tmp.v.d);
    free(tmp2.v.d); free(scratch);
    return elapsed;
}

static void random_digits(py_digit *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        d[i] = (py_digit)rand64();
    d[n - 1] |= 1;
}

static void bench(void)
{
    char digits[32];
    double t = bench_pi(2000, digits);
    printf("pi 2000 digits: %.3f s (%.10s...%s)\n", t, digits, digits + 10);
    t = bench_pi(5000, digits);
    printf("pi 5000 digits: %.3f s\n", t);

    size_t sizes[] = {104, 1000, 10000}; /* 104 digits ~ 1000 decimal digits */
    for (int s = 0; s < 3; s++) {
        size_t n = sizes[s];
        py_digit *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
        py_digit *r = malloc(2 * n * sizeof *r);
        py_digit *scratch = malloc((py_bigint_mul_scratch(n, n) + 3 * n + 8) * sizeof *scratch);
        random_digits(a, n);
        random_digits(b, n);
        int reps = n < 1000 ? 20000 : n < 10000 ? 200 : 5;
        double start = now();
        for (int i = 0; i < reps; i++)
            py_mag_mul(r, a, n, b, n, scratch);
        double mul = (now() - start) / reps;
        size_t nr = py_mag_mul(r, a, n, b, n, scratch);
        py_digit *q = malloc((n + 2) * sizeof *q), *rem = malloc(n * sizeof *rem);
        start = now();
        for (int i = 0; i < reps; i++)
            py_mag_divmod(q, NULL, rem, NULL, r, nr, b, n, scratch);
        double div = (now() - start) / reps;
        printf("%zu digits (%zu bits): mul %.1f us, divmod %.1f us\n", n, n * 32, mul * 1e6,
               div * 1e6);
        free(a); free(b); free(r); free(scratch); free(q); free(rem);
    }
}

/* ------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--bench") == 0) {
        bench();
        return 0;
    }
    if (argc > 1)
        run_vector_file(argv[1]);
    else
        record("bigint.vectors.file", false, "usage: test_bigint VECTOR_FILE");
    random_small_arith(200000);
    random_small_division(200000);
    error_paths();
    for (int i = 0; i < ngroups; i++)
        printf("%s %s\n", groups[i].fail ? "FAIL" : "PASS", groups[i].name);
    fprintf(stderr, "bigint: %u cases in %d groups, %u failed\n", total_cases, ngroups,
            total_failures);
    return 0;
}
