/*
 * test_str.c - C-level tests of the string types (py/objstr.c, objbytes.c,
 * strformat.c): the UTF-8 validator against the well-formed byte sequences
 * of the Unicode standard (table 3-7), every code point through encode and
 * decode, and what the C API promises (hashes that match qstrs, static
 * one-character strings, object sizes, in-place building, buffers, clean
 * MemoryError on a full heap).
 *
 * Usage: test_str [results-file]; one PASS/FAIL line per case there (stdout
 * when absent), details of failures on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "py/campy.h"
#include "py/objstr.h"

static FILE *results;
static int n_passed, n_failed;

static void report(const char *name, bool ok, const char *detail) {
    fprintf(results, "%s %s\n", ok ? "PASS" : "FAIL", name);
    if (ok) {
        n_passed++;
    } else {
        n_failed++;
        fprintf(stderr, "FAIL %s: %s\n", name, detail);
    }
}

/* ---- UTF-8 validation */

/* Length of the well-formed sequence at s (table 3-7), 0 if ill-formed, and
 * in *sub the length of its maximal valid prefix ("maximal subpart"). */
static size_t reference_seq(const unsigned char *s, size_t n, size_t *sub) {
    static const struct {
        unsigned char lo0, hi0, lo1, hi1;
        size_t len;
    } rows[] = {
        {0x00, 0x7f, 0, 0, 1},       {0xc2, 0xdf, 0x80, 0xbf, 2}, {0xe0, 0xe0, 0xa0, 0xbf, 3},
        {0xe1, 0xec, 0x80, 0xbf, 3}, {0xed, 0xed, 0x80, 0x9f, 3}, {0xee, 0xef, 0x80, 0xbf, 3},
        {0xf0, 0xf0, 0x90, 0xbf, 4}, {0xf1, 0xf3, 0x80, 0xbf, 4}, {0xf4, 0xf4, 0x80, 0x8f, 4},
    };
    for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
        if (s[0] < rows[r].lo0 || s[0] > rows[r].hi0) {
            continue;
        }
        size_t len = rows[r].len, k = 1;
        for (; k < len && k < n; k++) {
            unsigned char lo = k == 1 ? rows[r].lo1 : 0x80, hi = k == 1 ? rows[r].hi1 : 0xbf;
            if (s[k] < lo || s[k] > hi) {
                break;
            }
        }
        *sub = k;
        return k == len ? len : 0;
    }
    *sub = 1;
    return 0;
}

/* The valid prefix of s by the reference, and the length of the bad part. */
static size_t reference_prefix(const unsigned char *s, size_t n, size_t *bad) {
    size_t i = 0;
    while (i < n) {
        size_t sub, len = reference_seq(s + i, n - i, &sub);
        if (len == 0) {
            *bad = sub;
            return i;
        }
        i += len;
    }
    *bad = 0;
    return n;
}

static bool check_seq(const unsigned char *s, size_t n, char *detail) {
    size_t bad, want_bad;
    size_t want = reference_prefix(s, n, &want_bad);
    size_t ok = py_utf8_valid_prefix((const char *)s, n, &bad);
    bool fine = ok == want && bad == want_bad;
    if (!fine) {
        sprintf(detail, "bytes %02x %02x %02x %02x (n=%u): valid prefix %u, bad %u; want %u/%u",
                s[0], n > 1 ? s[1] : 0, n > 2 ? s[2] : 0, n > 3 ? s[3] : 0, (unsigned)n,
                (unsigned)ok, (unsigned)bad, (unsigned)want, (unsigned)want_bad);
    }
    return fine;
}

static void test_utf8_validator(void) {
    char detail[200] = "";
    unsigned char s[4];
    bool ok = true;
    for (unsigned a = 0; a < 256 && ok; a++) {
        s[0] = (unsigned char)a;
        ok = check_seq(s, 1, detail);
        for (unsigned b = 0; b < 256 && ok; b++) {
            s[1] = (unsigned char)b;
            ok = check_seq(s, 2, detail);
        }
    }
    report("utf8_one_and_two_bytes", ok, detail);
    ok = true;
    for (unsigned a = 0x80; a < 0x100 && ok; a++) {
        for (unsigned b = 0; b < 256 && ok; b++) {
            for (unsigned c = 0; c < 256 && ok; c++) {
                s[0] = (unsigned char)a;
                s[1] = (unsigned char)b;
                s[2] = (unsigned char)c;
                ok = check_seq(s, 3, detail);
            }
        }
    }
    report("utf8_three_bytes", ok, detail);
    ok = true;
    static const unsigned char probes[] = {0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff};
    for (unsigned a = 0xf0; a < 0x100 && ok; a++) {
        for (unsigned b = 0; b < 256 && ok; b++) {
            for (size_t c = 0; c < sizeof(probes) && ok; c++) {
                for (size_t d = 0; d < sizeof(probes) && ok; d++) {
                    s[0] = (unsigned char)a;
                    s[1] = (unsigned char)b;
                    s[2] = probes[c];
                    s[3] = probes[d];
                    ok = check_seq(s, 4, detail);
                }
            }
        }
    }
    report("utf8_four_bytes", ok, detail);
}

/* Every scalar value encodes with py_buf_add_char, validates, decodes back
 * and counts as one code point. */
static void test_code_points(void) {
    char detail[120] = "";
    bool ok = true;
    for (uint32_t c = 0; c <= 0x10ffff && ok; c++) {
        if (c >= 0xd800 && c <= 0xdfff) {
            continue;
        }
        char tmp[4];
        py_buf b = {tmp, 0, sizeof(tmp)};
        py_buf_add_char(&b, c);
        size_t bad, n;
        ok = py_utf8_valid_prefix(tmp, b.len, &bad) == b.len && py_utf8_get(tmp, &n) == c &&
             n == b.len && py_utf8_count(tmp, b.len) == 1 &&
             py_utf8_char_len((unsigned char)tmp[0]) == b.len;
        if (!ok) {
            sprintf(detail, "code point U+%04X", (unsigned)c);
        }
    }
    report("utf8_every_code_point", ok, detail);
}

/* ---- the C API */

static bool same_text(py_val s, const char *want) {
    size_t len;
    const char *d = py_str_data(s, &len);
    return len == strlen(want) && memcmp(d, want, len) == 0 && d[len] == '\0';
}

static void test_api(void) {
    py_val a = py_str_new("hello", 5);
    py_val q = py_str_intern(a);
    report("intern_gives_qstr", py_is_qstr(q) && same_text(q, "hello"), "py_str_intern");
    report("heap_equals_qstr", py_equal(a, q) && py_equal(q, a), "py_equal");
    report("hash_matches_qstr",
           (uint32_t)py_hash(a) == (uint32_t)py_hash(q) &&
               py_str_hash_of(a) == py_qstr_hash(py_qstr_of(q)) &&
               py_str_hash_of(a) == py_hash_bytes("hello", 5),
           "hash of a heap str differs from its qstr's");
    py_val one = py_str_new("x", 1);
    report("one_char_is_static", py_is_obj(one) && !py_gc_is_heap_ptr(py_ptr(one)) &&
                                     one == py_str_new("x", 1) && same_text(one, "x"),
           "one-character ASCII strings should not use the heap");
    report("empty_is_qstr", py_str_new("", 0) == PY_QSTR(Q_), "empty str");
    py_val e = py_str_new("\xc3\xa9", 2);
    report("non_ascii_one_char_on_heap", py_gc_is_heap_ptr(py_ptr(e)) && py_len(e) == 1,
           "é");
    /* three ASCII characters: header, bytes and NUL in the fewest blocks */
    py_val abc = py_str_new("abc", 3);
    size_t want = (PY_STR_HDR + 4 + PY_BYTES_PER_BLOCK - 1) / PY_BYTES_PER_BLOCK *
                  PY_BYTES_PER_BLOCK;
    char detail[80];
    sprintf(detail, "'abc' takes %u bytes, want %u", (unsigned)py_gc_block_bytes(py_ptr(abc)),
            (unsigned)want);
    report("small_str_size", py_gc_block_bytes(py_ptr(abc)) == want, detail);
    report("cstr", same_text(py_str_from_cstr("from C"), "from C"), "py_str_from_cstr");

    py_val z = py_bytes_new(NULL, 4);
    size_t zl;
    const char *zd = py_str_data(z, &zl);
    report("bytes_new_null_is_zeros", zl == 4 && memcmp(zd, "\0\0\0\0", 4) == 0, "zeros");
    py_buffer buf;
    report("str_buffer_read_only",
           py_get_buffer(a, &buf, PY_BUFFER_READ) && buf.len == 5 &&
               !py_get_buffer(a, &buf, PY_BUFFER_WRITE) && !py_is_bytes_like(a),
           "str lends its bytes for reading only and is not bytes-like");
    py_val ba = py_bytearray_new("ab", 2);
    report("bytearray_buffer_writable",
           py_get_buffer(ba, &buf, PY_BUFFER_WRITE) && buf.len == 2 && py_is_bytes_like(ba),
           "bytearray buffer");

    py_buf b;
    py_str_build_begin(&b, 4);
    for (int i = 0; i < 1000; i++) {
        py_buf_add(&b, "0123456789", 10);
    }
    py_val big = py_str_build_end(&b, &py_type_str, -1);
    size_t bl;
    const char *bd = py_str_data(big, &bl);
    report("build_in_place", bl == 10000 && memcmp(bd + 9990, "0123456789", 10) == 0 &&
                                 bd[bl] == '\0' && py_len(big) == 10000,
           "py_str_build");
    report("repr_quotes", same_text(py_repr(py_str_new("it's", 4)), "\"it's\"") &&
                              same_text(py_repr(py_str_new("a\nb", 3)), "'a\\nb'"),
           "py_repr");
    report("format_spec", same_text(py_format(PY_SMALL(255), py_str_from_cstr("#06x")), "0x00ff") &&
                              same_text(py_format(py_str_from_cstr("ab"), py_str_from_cstr("^6")),
                                        "  ab  "),
           "py_format");
    report("str_of_int", same_text(py_str_of(PY_SMALL(-42)), "-42"), "py_str_of");
}

/* A heap too small for the result: MemoryError, and the heap still works. */
static void test_memory_error(void) {
    py_gc_collect();
    py_gc_info info;
    py_gc_info_get(&info);
    size_t huge = info.free + 1024;
    bool raised = false;
    py_nlr nlr;
    py_try(nlr) {
        py_val s = py_str_new("ab", 2);
        py_val r = py_binary_op(PY_BINOP_MUL, s, PY_SMALL((py_int_t)(huge / 2)));
        (void)r;
        py_nlr_pop();
    } else {
        raised = py_exc_matches(nlr.exc, PY_OBJ(&py_type_MemoryError));
    }
    report("repeat_memory_error", raised && same_text(py_str_new("ok", 2), "ok"),
           "str * n past the heap should raise MemoryError");
    raised = false;
    py_try(nlr) {
        py_val s = py_str_new("ab", 2);
        py_val r = py_binary_op(PY_BINOP_MUL, s, PY_SMALL(PY_SMALL_MAX));
        (void)r;
        py_nlr_pop();
    } else {
        raised = py_exc_matches(nlr.exc, PY_OBJ(&py_type_OverflowError));
    }
    report("repeat_overflow", raised, "str * huge should raise OverflowError");
}

static void capture(const char *s, size_t n) { fwrite(s, 1, n, stderr); }

int main(int argc, char **argv) {
    results = argc > 1 ? fopen(argv[1], "w") : stdout;
    if (results == NULL) {
        perror(argv[1]);
        return 1;
    }
    size_t heap_size = 1 << 20;
    void *heap = malloc(heap_size);
    if (heap == NULL) {
        return 1;
    }
    int stack_top;
    py_stack_set_top(&stack_top);
    py_stack_set_limit(256 * 1024);
    py_gc_init();
    py_gc_add_region(heap, heap_size);
    py_port_hooks.write_stdout = capture;
    py_port_hooks.write_stderr = capture;
    py_init();

    test_utf8_validator();
    test_code_points();
    py_nlr nlr;
    py_try(nlr) {
        test_api();
        test_memory_error();
        py_nlr_pop();
    } else {
        report("api_raised", false, "an exception escaped");
        py_print_exception(&py_print_stderr, nlr.exc);
    }

    py_deinit();
    free(heap);
    fprintf(stderr, "test_str: %d passed, %d failed\n", n_passed, n_failed);
    if (results != stdout) {
        fclose(results);
    }
    return 0;
}
