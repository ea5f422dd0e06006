/*
 * Arbitrary-precision integer arithmetic for the Python int type.
 *
 * The library never allocates. Every result is written into digit arrays the
 * caller provides, so the caller can take them from the GC heap. For each
 * operation a *_size function gives the number of digits the result may need
 * (an upper bound; the actual length written is usually smaller), and where
 * the operation needs working space a *_scratch function gives the number of
 * digits of scratch to pass in.
 *
 * Numbers are little-endian arrays of 32-bit digits, normalized: no leading
 * zero digits, and zero has length 0. A signed value is a py_bigint view:
 * a sign flag, a length and a pointer to the digits (magnitude). Zero is
 * never negative in a result. Inputs must be normalized and must not claim
 * a negative zero.
 *
 * Two layers:
 *   py_mag_*     unsigned magnitudes (raw digit arrays + lengths);
 *   py_bigint_*  signed values with Python semantics (floor division,
 *                infinite two's-complement bitwise operations, ...).
 *
 * Size rules. No value may be longer than PY_BIGINT_MAX_LEN digits; with
 * that limit the bit length and byte size of any value fit in a size_t.
 * Size functions return PY_BIGINT_TOO_BIG when the result could exceed the
 * limit (or the computation would overflow size_t); the caller then raises
 * MemoryError/OverflowError and must not call the operation. Sizes are in
 * digits unless said otherwise: allocate size * sizeof(py_digit) bytes
 * (cannot overflow for sizes <= PY_BIGINT_MAX_LEN). A size of 0 is valid:
 * the pointer may then be NULL.
 *
 * Aliasing. Output digits must not overlap inputs or scratch, except where
 * a function says an output "may alias" an input: then it may be exactly
 * the same array (same start), never a partial overlap.
 *
 * Errors are reported by return code (py_bigint_status); nothing aborts or
 * prints. On error the output is unspecified (but nothing outside the
 * documented output sizes is written).
 *
 * Cost. Addition, shifts, bitwise operations and operations with a one-digit
 * operand are linear. Multiplication is schoolbook below 40 digits in the
 * shorter operand and Karatsuba above (scratch then up to 5x the longer
 * operand). Division is quadratic (linear in the dividend when the quotient
 * is short, the common case). Conversion to and from text in bases that are
 * not powers of two is quadratic in the length, like CPython's.
 */
#ifndef PY_BIGINT_H
#define PY_BIGINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t py_digit;
typedef uint64_t py_twodigit;

#define PY_DIGIT_BITS 32
#define PY_DIGIT_MAX UINT32_MAX

/* Longest value allowed, in digits (bits still fit in half a size_t). */
#define PY_BIGINT_MAX_LEN (SIZE_MAX / 64)

/* When set, called every so often by the loops that can run for seconds on
 * huge values (decimal conversion both ways, long division, pow): the
 * runtime points it at the check for Ctrl-C. It may leave by longjmp, as
 * nothing here holds a resource. */
extern void (*py_bigint_poll)(void);
/* Returned by size functions when the result would be too big. */
#define PY_BIGINT_TOO_BIG SIZE_MAX
/* Digits needed to hold any int64_t or uint64_t. */
#define PY_BIGINT_INT64_LEN 2

typedef enum {
    PY_BIGINT_OK = 0,
    PY_BIGINT_EOVERFLOW, /* result does not fit the target: OverflowError */
    PY_BIGINT_EZERODIV,  /* division or modulo by zero: ZeroDivisionError */
    PY_BIGINT_EVALUE,    /* bad argument (syntax, base, NaN...): ValueError */
    PY_BIGINT_ETOOBIG,   /* result would exceed PY_BIGINT_MAX_LEN: MemoryError */
} py_bigint_status;

/* A signed integer: value = (neg ? -1 : 1) * sum(d[i] * 2**(32*i)). */
typedef struct {
    py_digit *d;
    size_t len;
    bool neg;
} py_bigint;

/* ------------------------------------------------------------------------
 * Magnitude layer: unsigned, little-endian, normalized inputs.
 * Functions returning size_t return the normalized length of the result.
 * ---------------------------------------------------------------------- */

/* Length of a with leading zero digits dropped. */
size_t py_mag_normalize(const py_digit *a, size_t n);

/* -1, 0 or 1 as a <, ==, > b. */
int py_mag_cmp(const py_digit *a, size_t na, const py_digit *b, size_t nb);

/* r = a + b. r holds max(na, nb) + 1 digits; r may alias a or b. */
size_t py_mag_add(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb);

/* r = a - b, requires a >= b. r holds na digits; r may alias a or b. */
size_t py_mag_sub(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb);

/* r = a * m + add. r holds na + 1 digits; r may alias a. */
size_t py_mag_mul_small(py_digit *r, const py_digit *a, size_t na, py_digit m, py_digit add);

/* r = a * b. r holds na + nb digits and must not overlap a or b.
 * scratch holds py_bigint_mul_scratch(na, nb) digits (may be NULL if 0). */
size_t py_mag_mul(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb,
                  py_digit *scratch);

/* q = a / d, returns a % d. d != 0. q holds na digits, may alias a, or may be
 * NULL to compute only the remainder; *qlen (if qlen non-NULL) gets q's length. */
py_digit py_mag_divmod_small(py_digit *q, size_t *qlen, const py_digit *a, size_t na, py_digit d);

/* Truncating division of magnitudes: q = a / b, r = a % b. Requires nb >= 1.
 * q holds py_bigint_mag_quot_size(na, nb) digits, r holds nb digits; either may
 * be NULL if not wanted. Neither may overlap a, b or scratch.
 * scratch holds py_bigint_divmod_scratch(na, nb) digits. */
void py_mag_divmod(py_digit *q, size_t *qlen, py_digit *r, size_t *rlen, const py_digit *a,
                   size_t na, const py_digit *b, size_t nb, py_digit *scratch);

/* r = a << shift. r holds py_bigint_lshift_size(na, shift) digits; may alias a. */
size_t py_mag_shl(py_digit *r, const py_digit *a, size_t na, uint64_t shift);

/* r = a >> shift (truncating). r holds na digits; may alias a. */
size_t py_mag_shr(py_digit *r, const py_digit *a, size_t na, uint64_t shift);

/* Number of significant bits (0 for zero). */
size_t py_mag_bit_length(const py_digit *a, size_t na);

/* ------------------------------------------------------------------------
 * Result sizes (digits) and scratch sizes (digits). PY_BIGINT_TOO_BIG when
 * the result could exceed PY_BIGINT_MAX_LEN.
 * ---------------------------------------------------------------------- */

size_t py_bigint_add_size(size_t na, size_t nb);     /* add, sub */
size_t py_bigint_mul_size(size_t na, size_t nb);     /* mul */
size_t py_bigint_mul_scratch(size_t na, size_t nb);  /* 0 below the Karatsuba threshold */
size_t py_bigint_mag_quot_size(size_t na, size_t nb);/* py_mag_divmod quotient */
size_t py_bigint_div_size(size_t na, size_t nb);     /* floor quotient */
size_t py_bigint_mod_size(size_t na, size_t nb);     /* floor remainder */
size_t py_bigint_divmod_scratch(size_t na, size_t nb);
size_t py_bigint_bitwise_size(size_t na, size_t nb); /* and, or, xor */
size_t py_bigint_invert_size(size_t na);             /* ~a */
size_t py_bigint_lshift_size(size_t na, uint64_t shift);
size_t py_bigint_rshift_size(size_t na, uint64_t shift);

/* ------------------------------------------------------------------------
 * Signed layer (Python semantics). Outputs are py_bigint views whose d the
 * caller points at enough digits; the function sets len and neg.
 * ---------------------------------------------------------------------- */

/* -1, 0, 1 as a <, ==, > b. */
int py_bigint_cmp(const py_bigint *a, const py_bigint *b);

static inline bool py_bigint_is_zero(const py_bigint *a) { return a->len == 0; }

/* Negation and abs only flip the sign of a view (no digits change). */
static inline void py_bigint_neg(py_bigint *a) { a->neg = a->len != 0 && !a->neg; }
static inline void py_bigint_abs(py_bigint *a) { a->neg = false; }

/* r = a + b, r = a - b. r->d holds py_bigint_add_size(a->len, b->len) digits
 * and may alias a->d or b->d (r may even be the same struct as a or b). */
void py_bigint_add(py_bigint *r, const py_bigint *a, const py_bigint *b);
void py_bigint_sub(py_bigint *r, const py_bigint *a, const py_bigint *b);

/* r = a * b. r->d holds py_bigint_mul_size(a->len, b->len) digits, no aliasing.
 * scratch: py_bigint_mul_scratch(a->len, b->len) digits. */
void py_bigint_mul(py_bigint *r, const py_bigint *a, const py_bigint *b, py_digit *scratch);

/* Floor division: q = a // b, r = a % b (r has the sign of b, or is zero).
 * Either q or r may be NULL. q->d holds py_bigint_div_size(na, nb) digits,
 * r->d holds py_bigint_mod_size(na, nb) digits; no aliasing with inputs.
 * scratch: py_bigint_divmod_scratch(na, nb) digits.
 * Returns PY_BIGINT_EZERODIV if b is zero. */
py_bigint_status py_bigint_divmod(py_bigint *q, py_bigint *r, const py_bigint *a,
                                  const py_bigint *b, py_digit *scratch);

/* Bitwise operations on infinite two's complement. r->d holds
 * py_bigint_bitwise_size(na, nb) digits and may alias a->d or b->d. */
void py_bigint_and(py_bigint *r, const py_bigint *a, const py_bigint *b);
void py_bigint_or(py_bigint *r, const py_bigint *a, const py_bigint *b);
void py_bigint_xor(py_bigint *r, const py_bigint *a, const py_bigint *b);

/* r = ~a = -a - 1. r->d holds py_bigint_invert_size(na) digits; may alias a->d. */
void py_bigint_invert(py_bigint *r, const py_bigint *a);

/* r = a << shift. r->d holds py_bigint_lshift_size(na, shift) digits (check
 * it is not PY_BIGINT_TOO_BIG first); may alias a->d. A negative shift count
 * is the caller's ValueError. */
void py_bigint_lshift(py_bigint *r, const py_bigint *a, uint64_t shift);

/* r = a >> shift, flooring (-1 >> n == -1). r->d holds
 * py_bigint_rshift_size(na, shift) digits; may alias a->d. */
void py_bigint_rshift(py_bigint *r, const py_bigint *a, uint64_t shift);

/* int.bit_length() and int.bit_count() (both of |a|). */
size_t py_bigint_bit_length(const py_bigint *a);
size_t py_bigint_bit_count(const py_bigint *a);

/* ------------------------------------------------------------------------
 * Machine integers and floats.
 * ---------------------------------------------------------------------- */

/* r = v. r->d holds PY_BIGINT_INT64_LEN digits. */
void py_bigint_from_int64(py_bigint *r, int64_t v);
void py_bigint_from_uint64(py_bigint *r, uint64_t v);

/* *out = a, or PY_BIGINT_EOVERFLOW if a does not fit (*out untouched). */
py_bigint_status py_bigint_to_int64(const py_bigint *a, int64_t *out);
py_bigint_status py_bigint_to_uint64(const py_bigint *a, uint64_t *out); /* negative: overflow */

/* Digits needed by py_bigint_from_double(x) (0 for |x| < 1, NaN, inf). */
size_t py_bigint_from_double_size(double x);

/* r = int(x), truncating toward zero. PY_BIGINT_EVALUE for NaN,
 * PY_BIGINT_EOVERFLOW for +-inf (Python's ValueError / OverflowError). */
py_bigint_status py_bigint_from_double(py_bigint *r, double x);

/* float(a), correctly rounded (round half to even). PY_BIGINT_EOVERFLOW if
 * the rounded value is too large for a double / float. */
py_bigint_status py_bigint_to_double(const py_bigint *a, double *out);
py_bigint_status py_bigint_to_float(const py_bigint *a, float *out);

/* a / b as a correctly rounded double (Python's int true division: exact even
 * when a and b are too big for a double). PY_BIGINT_EZERODIV if b is zero,
 * PY_BIGINT_EOVERFLOW if the quotient is too large for a double.
 * scratch: py_bigint_truediv_scratch(na, nb) digits. */
size_t py_bigint_truediv_scratch(size_t na, size_t nb);
py_bigint_status py_bigint_truediv(const py_bigint *a, const py_bigint *b, double *out,
                                   py_digit *scratch);

/* Exact comparison of an int with a double: -1, 0, 1 as a <, ==, > x, or
 * PY_BIGINT_UNORDERED when x is NaN. Infinities compare as expected. */
#define PY_BIGINT_UNORDERED 2
int py_bigint_cmp_double(const py_bigint *a, double x);

/* hash(a) as CPython computes it: a mod (2**bits - 1) with a's sign, and -1
 * mapped to -2. bits is 61 (64-bit CPython) or 31 (32-bit CPython). */
int64_t py_bigint_hash(const py_bigint *a, unsigned bits);

/* ------------------------------------------------------------------------
 * Text. Digits above 9 are lowercase letters.
 * ---------------------------------------------------------------------- */

/* Characters py_bigint_to_str needs for a value of na digits in base
 * 2..36, counting a '-' sign and a terminating NUL, not counting a prefix. */
size_t py_bigint_to_str_size(size_t na, int base);
/* Scratch digits py_bigint_to_str needs (0 for bases 2, 4, 8, 16, 32). */
size_t py_bigint_to_str_scratch(size_t na, int base);

/* Writes a in base 2..36 to out: optional '-', then prefix (may be NULL; e.g.
 * "0x" for hex()), then digits, then NUL. out holds
 * py_bigint_to_str_size(na, base) + strlen(prefix) chars. *out_len (if
 * non-NULL) gets the length without the NUL. PY_BIGINT_EVALUE for a bad base. */
py_bigint_status py_bigint_to_str(const py_bigint *a, int base, const char *prefix, char *out,
                                  size_t *out_len, py_digit *scratch);

/* Digits py_bigint_from_str may need for n characters of text in base
 * (0 or 2..36). */
size_t py_bigint_from_str_size(size_t n, int base);

/* Parses s[0..n) as Python's int(s, base) does (ASCII only):
 *  - leading and trailing whitespace is skipped, then an optional sign;
 *  - base 0 reads the base from a 0x/0o/0b prefix (case-insensitive), else
 *    decimal, where a non-zero value may not have leading zeros ("010");
 *  - base 16, 8, 2 also accept their own prefix;
 *  - single underscores may separate digits, and may follow a prefix.
 * This also parses source literals (base 0, no sign or spaces in them).
 * r->d holds py_bigint_from_str_size(n, base) digits. PY_BIGINT_EVALUE for
 * invalid text or a base other than 0 or 2..36. */
py_bigint_status py_bigint_from_str(py_bigint *r, const char *s, size_t n, int base);

/* ------------------------------------------------------------------------
 * Bytes (int.to_bytes / int.from_bytes).
 * ---------------------------------------------------------------------- */

/* Writes a into out[0..length) in two's complement if is_signed.
 * PY_BIGINT_EOVERFLOW if a does not fit in length bytes, or is negative and
 * !is_signed (Python's OverflowError either way). */
py_bigint_status py_bigint_to_bytes(const py_bigint *a, uint8_t *out, size_t length,
                                    bool big_endian, bool is_signed);

/* Digits py_bigint_from_bytes needs for n bytes. */
size_t py_bigint_from_bytes_size(size_t n);
void py_bigint_from_bytes(py_bigint *r, const uint8_t *in, size_t n, bool big_endian,
                          bool is_signed);

/* ------------------------------------------------------------------------
 * Powers and number theory.
 * ---------------------------------------------------------------------- */

/* r = a ** e. r->d holds py_bigint_pow_size(a, e) digits; scratch holds
 * py_bigint_pow_scratch(a, e). Both sizes depend on a's bit length, so they
 * take a itself. */
size_t py_bigint_pow_size(const py_bigint *a, uint64_t e);
size_t py_bigint_pow_scratch(const py_bigint *a, uint64_t e);
void py_bigint_pow(py_bigint *r, const py_bigint *a, uint64_t e, py_digit *scratch);

/* r = pow(a, e, m) for e >= 0, with the sign of m as Python gives it.
 * r->d holds py_bigint_powmod_size(nm) digits; scratch holds
 * py_bigint_powmod_scratch(na, ne, nm). PY_BIGINT_EVALUE if m is zero or e
 * is negative (the caller handles a negative exponent by inverse). */
size_t py_bigint_powmod_size(size_t nm);
size_t py_bigint_powmod_scratch(size_t na, size_t ne, size_t nm);
py_bigint_status py_bigint_powmod(py_bigint *r, const py_bigint *a, const py_bigint *e,
                                  const py_bigint *m, py_digit *scratch);

/* r = gcd(a, b) >= 0. r->d holds py_bigint_gcd_size(na, nb) digits;
 * scratch holds py_bigint_gcd_scratch(na, nb). */
size_t py_bigint_gcd_size(size_t na, size_t nb);
size_t py_bigint_gcd_scratch(size_t na, size_t nb);
void py_bigint_gcd(py_bigint *r, const py_bigint *a, const py_bigint *b, py_digit *scratch);

/* r = the inverse of a modulo m, what pow(a, -1, m) gives: 0 <= r < m for
 * m > 0, m < r <= 0 for m < 0. pow(a, -e, m) is then
 * py_bigint_powmod(inverse, e, m). r->d holds py_bigint_modinv_size(nm)
 * digits; scratch holds py_bigint_modinv_scratch(na, nm). PY_BIGINT_EVALUE
 * if m is zero or a has no inverse ("base is not invertible"). */
size_t py_bigint_modinv_size(size_t nm);
size_t py_bigint_modinv_scratch(size_t na, size_t nm);
py_bigint_status py_bigint_modinv(py_bigint *r, const py_bigint *a, const py_bigint *m,
                                  py_digit *scratch);

#endif
