/*
 * Arbitrary-precision integer arithmetic behind Python's int.
 *
 * See bigint.h for the contract: nothing here allocates; results go into
 * digit arrays the caller sized with the *_size and *_scratch functions.
 * Internal helpers work on fixed-length (possibly unnormalized) digit runs
 * and return carries; the public functions normalize.
 */
#include "bigint.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define DIGIT_BASE ((py_twodigit)1 << PY_DIGIT_BITS)
#define DIGIT_BYTES sizeof(py_digit)

/* Below this many digits in the shorter operand, schoolbook beats Karatsuba. */
#define KARATSUBA_CUTOFF 40

void (*py_bigint_poll)(void);

/* Polls once every 64 steps i of a loop whose steps each cost O(n). */
static void poll_at(size_t i)
{
    if (py_bigint_poll != NULL && (i & 63) == 0)
        py_bigint_poll();
}

static int leading_zeros(py_digit x)
{
#if defined(__GNUC__) || defined(__clang__)
    return x ? __builtin_clz(x) : PY_DIGIT_BITS;
#else
    int n = 0;
    if (x == 0)
        return PY_DIGIT_BITS;
    while (!(x & 0x80000000u)) {
        x <<= 1;
        n++;
    }
    return n;
#endif
}

static unsigned popcount_digit(py_digit x)
{
#if defined(__GNUC__) || defined(__clang__)
    return (unsigned)__builtin_popcount(x);
#else
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
#endif
}

static unsigned bits_in_u64(uint64_t x)
{
    py_digit high = (py_digit)(x >> PY_DIGIT_BITS);
    if (high)
        return 64 - (unsigned)leading_zeros(high);
    return PY_DIGIT_BITS - (unsigned)leading_zeros((py_digit)x);
}

static size_t min_size(size_t a, size_t b) { return a < b ? a : b; }
static size_t max_size(size_t a, size_t b) { return a > b ? a : b; }

/* n if it is an acceptable length, else the too-big marker. */
static size_t checked_len(size_t n) { return n <= PY_BIGINT_MAX_LEN ? n : PY_BIGINT_TOO_BIG; }

/* a + b, saturating to the too-big marker (inputs may be anything). */
static size_t sum_len(size_t a, size_t b)
{
    if (a > PY_BIGINT_MAX_LEN || b > PY_BIGINT_MAX_LEN)
        return PY_BIGINT_TOO_BIG;
    return checked_len(a + b);
}

static void copy_digits(py_digit *r, const py_digit *a, size_t n)
{
    if (n && r != a)
        memmove(r, a, n * DIGIT_BYTES);
}

static const py_digit digit_one[1] = {1};

static void zero_digits(py_digit *r, size_t n)
{
    if (n)
        memset(r, 0, n * DIGIT_BYTES);
}

/* ------------------------------------------------------------------------
 * Digit-run primitives
 * ---------------------------------------------------------------------- */

size_t py_mag_normalize(const py_digit *a, size_t n)
{
    while (n && a[n - 1] == 0)
        n--;
    return n;
}

int py_mag_cmp(const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    if (na != nb)
        return na < nb ? -1 : 1;
    while (na--) {
        if (a[na] != b[na])
            return a[na] < b[na] ? -1 : 1;
    }
    return 0;
}

/* r[0..na) = a + b with na >= nb; returns the carry out. r may alias a or b. */
static py_digit add_run(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    py_twodigit carry = 0;
    size_t i;
    for (i = 0; i < nb; i++) {
        carry += (py_twodigit)a[i] + b[i];
        r[i] = (py_digit)carry;
        carry >>= PY_DIGIT_BITS;
    }
    for (; carry && i < na; i++) {
        carry += a[i];
        r[i] = (py_digit)carry;
        carry >>= PY_DIGIT_BITS;
    }
    if (i < na)
        copy_digits(r + i, a + i, na - i);
    return (py_digit)carry;
}

/* r[0..na) = a - b with na >= nb; returns the borrow out. r may alias a or b. */
static py_digit sub_run(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    py_twodigit borrow = 0;
    size_t i;
    for (i = 0; i < nb; i++) {
        py_twodigit t = (py_twodigit)a[i] - b[i] - borrow;
        r[i] = (py_digit)t;
        borrow = t >> 63;
    }
    for (; borrow && i < na; i++) {
        py_twodigit t = (py_twodigit)a[i] - borrow;
        r[i] = (py_digit)t;
        borrow = t >> 63;
    }
    if (i < na)
        copy_digits(r + i, a + i, na - i);
    return (py_digit)borrow;
}

/* r[0..n) += a[0..n) * m; returns the carry digit. */
static py_digit mul_add_run(py_digit *r, const py_digit *a, size_t n, py_digit m)
{
    py_twodigit carry = 0;
    for (size_t i = 0; i < n; i++) {
        carry += (py_twodigit)a[i] * m + r[i];
        r[i] = (py_digit)carry;
        carry >>= PY_DIGIT_BITS;
    }
    return (py_digit)carry;
}

/* r[0..n) -= a[0..n) * m; returns what still has to come off r[n]. */
static py_digit mul_sub_run(py_digit *r, const py_digit *a, size_t n, py_digit m)
{
    py_twodigit carry = 0;
    for (size_t i = 0; i < n; i++) {
        py_twodigit p = (py_twodigit)a[i] * m + carry;
        py_digit low = (py_digit)p;
        carry = p >> PY_DIGIT_BITS;
        if (r[i] < low)
            carry++;
        r[i] -= low;
    }
    return (py_digit)carry;
}

/* r[0..n) = a[0..n) << bits (0 < bits < 32); returns the bits shifted out.
 * Walks downward so r may alias a or sit above it. */
static py_digit shl_run(py_digit *r, const py_digit *a, size_t n, unsigned bits)
{
    if (n == 0)
        return 0;
    py_digit out = a[n - 1] >> (PY_DIGIT_BITS - bits);
    for (size_t i = n - 1; i > 0; i--)
        r[i] = (a[i] << bits) | (a[i - 1] >> (PY_DIGIT_BITS - bits));
    r[0] = a[0] << bits;
    return out;
}

/* r[0..n) = a[0..n) >> bits (0 < bits < 32), with `in` shifted in at the top.
 * Walks upward so r may alias a or sit below it. */
static void shr_run(py_digit *r, const py_digit *a, size_t n, unsigned bits, py_digit in)
{
    for (size_t i = 0; i + 1 < n; i++)
        r[i] = (a[i] >> bits) | (a[i + 1] << (PY_DIGIT_BITS - bits));
    if (n)
        r[n - 1] = (a[n - 1] >> bits) | (in << (PY_DIGIT_BITS - bits));
}

/* ------------------------------------------------------------------------
 * Magnitude addition, subtraction, small operands
 * ---------------------------------------------------------------------- */

size_t py_mag_add(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    if (na < nb) {
        const py_digit *t = a;
        a = b;
        b = t;
        size_t tn = na;
        na = nb;
        nb = tn;
    }
    py_digit carry = add_run(r, a, na, b, nb);
    if (carry)
        r[na++] = carry;
    return na;
}

size_t py_mag_sub(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    sub_run(r, a, na, b, nb);
    return py_mag_normalize(r, na);
}

size_t py_mag_mul_small(py_digit *r, const py_digit *a, size_t na, py_digit m, py_digit add)
{
    py_twodigit carry = add;
    for (size_t i = 0; i < na; i++) {
        carry += (py_twodigit)a[i] * m;
        r[i] = (py_digit)carry;
        carry >>= PY_DIGIT_BITS;
    }
    r[na] = (py_digit)carry;
    return py_mag_normalize(r, na + 1);
}

/* Division by one digit uses a precomputed reciprocal of the normalized
 * divisor (Moller & Granlund, "Improved division by invariant integers"),
 * which costs two multiplications per digit instead of a hardware divide,
 * and 32-bit targets have no 64/32 divide instruction at all. */
static py_digit reciprocal_of(py_digit d_normalized)
{
    return (py_digit)(UINT64_MAX / d_normalized - DIGIT_BASE);
}

/* Divides <u1,u0> by normalized d (u1 < d); returns the quotient. */
static inline py_digit div_2by1(py_digit *rem, py_digit u1, py_digit u0, py_digit d, py_digit v)
{
    py_twodigit qq = (py_twodigit)v * u1 + (((py_twodigit)u1 << PY_DIGIT_BITS) | u0);
    py_digit q1 = (py_digit)(qq >> PY_DIGIT_BITS) + 1;
    py_digit q0 = (py_digit)qq;
    py_digit r = u0 - q1 * d;
    if (r > q0) {
        q1--;
        r += d;
    }
    if (r >= d) {
        q1++;
        r -= d;
    }
    *rem = r;
    return q1;
}

py_digit py_mag_divmod_small(py_digit *q, size_t *qlen, const py_digit *a, size_t na, py_digit d)
{
    unsigned s = (unsigned)leading_zeros(d);
    py_digit dn = d << s;
    py_digit v = reciprocal_of(dn);
    py_digit rem = 0;
    if (na == 0) {
        if (qlen)
            *qlen = 0;
        return 0;
    }
    if (s == 0) {
        for (size_t i = na; i-- > 0;) {
            py_digit qd = div_2by1(&rem, rem, a[i], dn, v);
            if (q)
                q[i] = qd;
        }
    } else {
        rem = a[na - 1] >> (PY_DIGIT_BITS - s);
        for (size_t i = na; i-- > 0;) {
            py_digit u0 = a[i] << s;
            if (i > 0)
                u0 |= a[i - 1] >> (PY_DIGIT_BITS - s);
            py_digit qd = div_2by1(&rem, rem, u0, dn, v);
            if (q)
                q[i] = qd;
        }
        rem >>= s;
    }
    if (qlen)
        *qlen = q ? py_mag_normalize(q, na) : 0;
    return rem;
}

/* ------------------------------------------------------------------------
 * Multiplication: schoolbook, squaring, Karatsuba
 * ---------------------------------------------------------------------- */

/* r[0..na+nb) = a * b for any lengths >= 1; r must not overlap a or b. */
static void mul_schoolbook(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    zero_digits(r, nb);
    for (size_t i = 0; i < na; i++)
        r[i + nb] = mul_add_run(r + i, b, nb, a[i]);
}

/* r[0..2n) = a * a: each cross product once, doubled, then the squares. */
static void square_schoolbook(py_digit *r, const py_digit *a, size_t n)
{
    zero_digits(r, 2 * n);
    for (size_t i = 0; i + 1 < n; i++)
        r[i + n] = mul_add_run(r + 2 * i + 1, a + i + 1, n - i - 1, a[i]);
    shl_run(r, r, 2 * n, 1);
    py_twodigit carry = 0;
    for (size_t i = 0; i < n; i++) {
        py_twodigit sq = (py_twodigit)a[i] * a[i];
        carry += (py_twodigit)r[2 * i] + (py_digit)sq;
        r[2 * i] = (py_digit)carry;
        carry >>= PY_DIGIT_BITS;
        carry += (py_twodigit)r[2 * i + 1] + (sq >> PY_DIGIT_BITS);
        r[2 * i + 1] = (py_digit)carry;
        carry >>= PY_DIGIT_BITS;
    }
}

static void mul_base(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb)
{
    if (a == b && na == nb)
        square_schoolbook(r, a, na);
    else
        mul_schoolbook(r, a, na, b, nb);
}

/* Scratch digits karatsuba(na, nb) needs, na <= nb. A closed form rather
 * than a mirror of the recursion (which would cost as much as the multiply).
 * By induction: a balanced split uses 2(la + lb) <= 4 lb digits itself plus
 * at most 5 lb for the sub-products, and 9 lb = 9 (ceil(nb/2) + 1) <= 5 nb
 * once nb >= 27; a lopsided one uses 2 na + 5 na <= 7 na. The bound grows
 * with each argument, which the sub-products rely on. */
static size_t karatsuba_scratch(size_t na, size_t nb)
{
    if (na < KARATSUBA_CUTOFF)
        return 0;
    if (2 * na <= nb)
        return 7 * na;
    return 5 * nb;
}

static void karatsuba(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb,
                      py_digit *scratch);

/* Long b, short a: multiply a by b in slices of a's length. */
static void karatsuba_unbalanced(py_digit *r, const py_digit *a, size_t na, const py_digit *b,
                                 size_t nb, py_digit *scratch)
{
    py_digit *part = scratch;
    py_digit *rest = scratch + 2 * na;
    zero_digits(r, na + nb);
    for (size_t off = 0; off < nb; off += na) {
        size_t slice = min_size(na, nb - off);
        if (slice < na)
            karatsuba(part, b + off, slice, a, na, rest);
        else
            karatsuba(part, a, na, b + off, slice, rest);
        add_run(r + off, r + off, na + nb - off, part, na + slice);
    }
}

/* r[0..na+nb) = a * b, na <= nb, operands possibly unnormalized. */
static void karatsuba(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb,
                      py_digit *scratch)
{
    if (na < KARATSUBA_CUTOFF) {
        mul_base(r, a, na, b, nb);
        return;
    }
    if (2 * na <= nb) {
        karatsuba_unbalanced(r, a, na, b, nb, scratch);
        return;
    }
    bool square = a == b && na == nb;
    size_t h = nb / 2; /* a = a1*B^h + a0, b = b1*B^h + b0; na > h */
    size_t la = max_size(h, na - h) + 1;
    size_t lb = nb - h + 1;
    py_digit *sum_a = scratch;
    py_digit *sum_b = sum_a + la;
    py_digit *mid = sum_b + lb;
    py_digit *rest = mid + la + lb;

    karatsuba(r, a, h, b, h, rest);                          /* a0*b0 */
    karatsuba(r + 2 * h, a + h, na - h, b + h, nb - h, rest); /* a1*b1 */

    zero_digits(sum_a, la);
    if (h >= na - h)
        sum_a[h] = add_run(sum_a, a, h, a + h, na - h);
    else
        sum_a[na - h] = add_run(sum_a, a + h, na - h, a, h);
    if (square) {
        karatsuba(mid, sum_a, la, sum_a, la, rest);
    } else {
        sum_b[nb - h] = add_run(sum_b, b + h, nb - h, b, h);
        karatsuba(mid, sum_a, la, sum_b, lb, rest);
    }
    size_t lmid = square ? 2 * la : la + lb;
    sub_run(mid, mid, lmid, r, 2 * h);
    sub_run(mid, mid, lmid, r + 2 * h, na + nb - 2 * h);
    lmid = py_mag_normalize(mid, lmid);
    add_run(r + h, r + h, na + nb - h, mid, lmid);
}

size_t py_mag_mul(py_digit *r, const py_digit *a, size_t na, const py_digit *b, size_t nb,
                  py_digit *scratch)
{
    if (na > nb) {
        const py_digit *t = a;
        a = b;
        b = t;
        size_t tn = na;
        na = nb;
        nb = tn;
    }
    if (na == 0)
        return 0;
    if (na == 1)
        return py_mag_mul_small(r, b, nb, a[0], 0);
    if (na < KARATSUBA_CUTOFF)
        mul_base(r, a, na, b, nb);
    else
        karatsuba(r, a, na, b, nb, scratch);
    return py_mag_normalize(r, na + nb);
}

/* ------------------------------------------------------------------------
 * Long division (Knuth, TAOCP vol. 2, 4.3.1, algorithm D)
 * ---------------------------------------------------------------------- */

/* u[0..nu) holds the normalized dividend with a spare top digit; v[0..n) the
 * divisor, top bit set, n >= 2. Leaves the quotient in q (if non-NULL, nu-n
 * digits) and the normalized remainder in u[0..n). */
static void knuth_divide(py_digit *q, py_digit *u, size_t nu, const py_digit *v, size_t n)
{
    py_digit vtop = v[n - 1], vnext = v[n - 2];
    for (size_t j = nu - n; j-- > 0;) {
        poll_at(j);
        py_digit *uj = u + j;
        py_twodigit num = ((py_twodigit)uj[n] << PY_DIGIT_BITS) | uj[n - 1];
        py_twodigit qhat = num / vtop;
        py_twodigit rhat = num - qhat * vtop;
        if (qhat > PY_DIGIT_MAX) {
            qhat = PY_DIGIT_MAX;
            rhat = num - qhat * vtop;
        }
        while (rhat < DIGIT_BASE && qhat * vnext > ((rhat << PY_DIGIT_BITS) | uj[n - 2])) {
            qhat--;
            rhat += vtop;
        }
        py_digit top = uj[n];
        py_digit owed = mul_sub_run(uj, v, n, (py_digit)qhat);
        if (top < owed) {
            /* qhat was one too big: rare, happens with probability ~2/B. */
            qhat--;
            add_run(uj, uj, n, v, n);
        }
        uj[n] = 0;
        if (q)
            q[j] = (py_digit)qhat;
    }
}

/* Truncating division. q holds na-nb+1 digits (if na >= nb), r nb digits;
 * either may be NULL. *rem_nonzero tells whether the remainder is non-zero
 * even when r is NULL. scratch: na + nb + 1 digits when nb >= 2. */
static void divmod_mag(py_digit *q, size_t *qlen, py_digit *r, size_t *rlen, const py_digit *a,
                       size_t na, const py_digit *b, size_t nb, py_digit *scratch,
                       bool *rem_nonzero)
{
    size_t ql = 0, rl;
    if (na < nb) {
        if (r)
            copy_digits(r, a, na);
        rl = na;
    } else if (nb == 1) {
        py_digit rem = py_mag_divmod_small(q, &ql, a, na, b[0]);
        if (r)
            r[0] = rem;
        rl = rem ? 1 : 0;
    } else {
        unsigned s = (unsigned)leading_zeros(b[nb - 1]);
        py_digit *v = scratch;
        py_digit *u = scratch + nb;
        if (s) {
            shl_run(v, b, nb, s);
            u[na] = shl_run(u, a, na, s);
        } else {
            copy_digits(v, b, nb);
            copy_digits(u, a, na);
            u[na] = 0;
        }
        knuth_divide(q, u, na + 1, v, nb);
        if (q)
            ql = py_mag_normalize(q, na - nb + 1);
        if (s)
            shr_run(u, u, nb, s, 0);
        rl = py_mag_normalize(u, nb);
        if (r)
            copy_digits(r, u, rl);
    }
    if (qlen)
        *qlen = ql;
    if (rlen)
        *rlen = rl;
    if (rem_nonzero)
        *rem_nonzero = rl != 0;
}

void py_mag_divmod(py_digit *q, size_t *qlen, py_digit *r, size_t *rlen, const py_digit *a,
                   size_t na, const py_digit *b, size_t nb, py_digit *scratch)
{
    divmod_mag(q, qlen, r, rlen, a, na, b, nb, scratch, NULL);
}

/* ------------------------------------------------------------------------
 * Shifts and bits
 * ---------------------------------------------------------------------- */

size_t py_mag_shl(py_digit *r, const py_digit *a, size_t na, uint64_t shift)
{
    if (na == 0)
        return 0;
    size_t whole = (size_t)(shift / PY_DIGIT_BITS);
    unsigned bits = (unsigned)(shift % PY_DIGIT_BITS);
    if (bits == 0) {
        copy_digits(r + whole, a, na);
    } else {
        r[na + whole] = shl_run(r + whole, a, na, bits);
        if (r[na + whole])
            na++;
    }
    zero_digits(r, whole);
    return na + whole;
}

size_t py_mag_shr(py_digit *r, const py_digit *a, size_t na, uint64_t shift)
{
    uint64_t whole64 = shift / PY_DIGIT_BITS;
    if (whole64 >= na)
        return 0;
    size_t whole = (size_t)whole64;
    unsigned bits = (unsigned)(shift % PY_DIGIT_BITS);
    size_t n = na - whole;
    if (bits == 0)
        copy_digits(r, a + whole, n);
    else
        shr_run(r, a + whole, n, bits, 0);
    return py_mag_normalize(r, n);
}

size_t py_mag_bit_length(const py_digit *a, size_t na)
{
    if (na == 0)
        return 0;
    return na * PY_DIGIT_BITS - (size_t)leading_zeros(a[na - 1]);
}

/* Bits [pos, pos+count) of a as an integer, count <= 64; bits past the top are 0. */
static uint64_t bits_at(const py_digit *a, size_t na, size_t pos, unsigned count)
{
    uint64_t out = 0;
    size_t i = pos / PY_DIGIT_BITS;
    unsigned off = (unsigned)(pos % PY_DIGIT_BITS);
    unsigned got = 0;
    while (got < count && i < na) {
        uint64_t chunk = a[i] >> off;
        out |= chunk << got;
        got += PY_DIGIT_BITS - off;
        off = 0;
        i++;
    }
    if (count < 64)
        out &= ((uint64_t)1 << count) - 1;
    return out;
}

/* Whether any of the bits below pos are set. */
static bool any_bits_below(const py_digit *a, size_t na, size_t pos)
{
    size_t i = pos / PY_DIGIT_BITS;
    unsigned off = (unsigned)(pos % PY_DIGIT_BITS);
    if (i >= na)
        return na != 0;
    if (off && (a[i] & ((1u << off) - 1)))
        return true;
    while (i--)
        if (a[i])
            return true;
    return false;
}

/* ------------------------------------------------------------------------
 * Sizes
 * ---------------------------------------------------------------------- */

size_t py_bigint_add_size(size_t na, size_t nb) { return sum_len(max_size(na, nb), 1); }

size_t py_bigint_mul_size(size_t na, size_t nb) { return sum_len(na, nb); }

size_t py_bigint_mul_scratch(size_t na, size_t nb)
{
    if (sum_len(na, nb) == PY_BIGINT_TOO_BIG)
        return PY_BIGINT_TOO_BIG;
    return checked_len(karatsuba_scratch(min_size(na, nb), max_size(na, nb)));
}

size_t py_bigint_mag_quot_size(size_t na, size_t nb)
{
    if (na > PY_BIGINT_MAX_LEN)
        return PY_BIGINT_TOO_BIG;
    return na >= nb ? na - nb + 1 : 0;
}

size_t py_bigint_div_size(size_t na, size_t nb)
{
    size_t n = py_bigint_mag_quot_size(na, nb);
    return n == PY_BIGINT_TOO_BIG ? n : n + 1;
}

size_t py_bigint_mod_size(size_t na, size_t nb)
{
    (void)na;
    return checked_len(nb);
}

size_t py_bigint_divmod_scratch(size_t na, size_t nb) { return sum_len(sum_len(na, nb), 1); }

size_t py_bigint_bitwise_size(size_t na, size_t nb) { return sum_len(max_size(na, nb), 1); }

size_t py_bigint_invert_size(size_t na) { return sum_len(na, 1); }

size_t py_bigint_lshift_size(size_t na, uint64_t shift)
{
    if (na == 0)
        return 0;
    uint64_t whole = shift / PY_DIGIT_BITS;
    if (whole > PY_BIGINT_MAX_LEN)
        return PY_BIGINT_TOO_BIG;
    return sum_len(sum_len(na, (size_t)whole), 1);
}

size_t py_bigint_rshift_size(size_t na, uint64_t shift)
{
    uint64_t whole = shift / PY_DIGIT_BITS;
    if (na > PY_BIGINT_MAX_LEN)
        return PY_BIGINT_TOO_BIG;
    if (whole >= na)
        return 1;
    return na - (size_t)whole + 1;
}

/* ------------------------------------------------------------------------
 * Signed arithmetic
 * ---------------------------------------------------------------------- */

int py_bigint_cmp(const py_bigint *a, const py_bigint *b)
{
    if (a->neg != b->neg)
        return a->neg ? -1 : 1;
    int c = py_mag_cmp(a->d, a->len, b->d, b->len);
    return a->neg ? -c : c;
}

/* r = a + (b_neg ? -|b| : |b|). */
static void add_signed(py_bigint *r, const py_bigint *a, const py_bigint *b, bool b_neg)
{
    bool a_neg = a->neg;
    const py_digit *ad = a->d, *bd = b->d;
    size_t na = a->len, nb = b->len;
    if (a_neg == b_neg) {
        r->len = py_mag_add(r->d, ad, na, bd, nb);
        r->neg = a_neg && r->len;
    } else if (py_mag_cmp(ad, na, bd, nb) >= 0) {
        r->len = py_mag_sub(r->d, ad, na, bd, nb);
        r->neg = a_neg && r->len;
    } else {
        r->len = py_mag_sub(r->d, bd, nb, ad, na);
        r->neg = b_neg;
    }
}

void py_bigint_add(py_bigint *r, const py_bigint *a, const py_bigint *b)
{
    add_signed(r, a, b, b->neg);
}

void py_bigint_sub(py_bigint *r, const py_bigint *a, const py_bigint *b)
{
    add_signed(r, a, b, !b->neg && b->len);
}

void py_bigint_mul(py_bigint *r, const py_bigint *a, const py_bigint *b, py_digit *scratch)
{
    bool neg = a->neg != b->neg;
    r->len = py_mag_mul(r->d, a->d, a->len, b->d, b->len, scratch);
    r->neg = neg && r->len;
}

py_bigint_status py_bigint_divmod(py_bigint *q, py_bigint *r, const py_bigint *a,
                                  const py_bigint *b, py_digit *scratch)
{
    if (b->len == 0)
        return PY_BIGINT_EZERODIV;
    bool signs_differ = a->neg != b->neg;
    size_t ql = 0, rl = 0;
    bool rem_nonzero;
    divmod_mag(q ? q->d : NULL, &ql, r ? r->d : NULL, &rl, a->d, a->len, b->d, b->len, scratch,
               &rem_nonzero);
    if (signs_differ && rem_nonzero) {
        /* Floor: a // b = -(|a| // |b|) - 1, a % b = b - (|a| % |b|) (sign of b). */
        if (q) {
            ql = py_mag_add(q->d, q->d, ql, digit_one, 1);
        }
        if (r)
            rl = py_mag_sub(r->d, b->d, b->len, r->d, rl);
    }
    if (q) {
        q->len = ql;
        q->neg = signs_differ && ql;
    }
    if (r) {
        r->len = rl;
        r->neg = b->neg && rl;
    }
    return PY_BIGINT_OK;
}

/* ------------------------------------------------------------------------
 * Bitwise operations on two's complement
 * ---------------------------------------------------------------------- */

/* Streams the two's-complement digits of a signed magnitude, sign-extended. */
typedef struct {
    const py_digit *d;
    size_t len;
    bool neg;
    py_twodigit carry;
} twos_reader;

static void twos_start(twos_reader *t, const py_bigint *a)
{
    t->d = a->d;
    t->len = a->len;
    t->neg = a->neg;
    t->carry = 1;
}

static py_digit twos_next(twos_reader *t, size_t i)
{
    py_digit m = i < t->len ? t->d[i] : 0;
    if (!t->neg)
        return m;
    t->carry += (py_digit)~m;
    py_digit out = (py_digit)t->carry;
    t->carry >>= PY_DIGIT_BITS;
    return out;
}

enum bit_op { BIT_AND, BIT_OR, BIT_XOR };

static void bitwise(py_bigint *r, const py_bigint *a, const py_bigint *b, enum bit_op op)
{
    twos_reader ta, tb;
    twos_start(&ta, a);
    twos_start(&tb, b);
    size_t n = max_size(a->len, b->len);
    bool neg;
    switch (op) {
    case BIT_AND: neg = a->neg && b->neg; break;
    case BIT_OR: neg = a->neg || b->neg; break;
    default: neg = a->neg != b->neg; break;
    }
    /* A non-negative operand of & bounds the result's length. */
    if (op == BIT_AND && !a->neg)
        n = min_size(n, a->len);
    if (op == BIT_AND && !b->neg)
        n = min_size(n, b->len);
    py_twodigit carry = 1; /* negating the result back to a magnitude */
    for (size_t i = 0; i < n; i++) {
        py_digit x = twos_next(&ta, i), y = twos_next(&tb, i), z;
        switch (op) {
        case BIT_AND: z = x & y; break;
        case BIT_OR: z = x | y; break;
        default: z = x ^ y; break;
        }
        if (neg) {
            carry += (py_digit)~z;
            z = (py_digit)carry;
            carry >>= PY_DIGIT_BITS;
        }
        r->d[i] = z;
    }
    /* Past n both inputs are pure sign extension, so the result digit is all
     * ones when negative: its negation is zero plus the pending carry. */
    if (neg && carry)
        r->d[n++] = 1;
    r->len = py_mag_normalize(r->d, n);
    r->neg = neg && r->len;
}

void py_bigint_and(py_bigint *r, const py_bigint *a, const py_bigint *b)
{
    bitwise(r, a, b, BIT_AND);
}

void py_bigint_or(py_bigint *r, const py_bigint *a, const py_bigint *b)
{
    bitwise(r, a, b, BIT_OR);
}

void py_bigint_xor(py_bigint *r, const py_bigint *a, const py_bigint *b)
{
    bitwise(r, a, b, BIT_XOR);
}

void py_bigint_invert(py_bigint *r, const py_bigint *a)
{
    /* ~a == -(a + 1) */
    if (a->neg) {
        r->len = py_mag_sub(r->d, a->d, a->len, digit_one, 1);
        r->neg = false;
    } else {
        r->len = py_mag_add(r->d, a->d, a->len, digit_one, 1);
        r->neg = true;
    }
}

void py_bigint_lshift(py_bigint *r, const py_bigint *a, uint64_t shift)
{
    bool neg = a->neg;
    r->len = py_mag_shl(r->d, a->d, a->len, shift);
    r->neg = neg && r->len;
}

void py_bigint_rshift(py_bigint *r, const py_bigint *a, uint64_t shift)
{
    bool neg = a->neg;
    size_t na = a->len;
    if (!neg) {
        r->len = py_mag_shr(r->d, a->d, na, shift);
        r->neg = false;
        return;
    }
    /* Floor for negatives: -(|a| >> s) - 1 when any bit is shifted out. */
    uint64_t whole = shift / PY_DIGIT_BITS;
    bool lost = whole >= na || any_bits_below(a->d, na, (size_t)shift);
    size_t n = py_mag_shr(r->d, a->d, na, shift);
    if (lost) {
        r->d[n] = 0;
        n = py_mag_add(r->d, r->d, n, digit_one, 1);
    }
    r->len = n;
    r->neg = n != 0;
}

size_t py_bigint_bit_length(const py_bigint *a) { return py_mag_bit_length(a->d, a->len); }

size_t py_bigint_bit_count(const py_bigint *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->len; i++)
        n += popcount_digit(a->d[i]);
    return n;
}

/* ------------------------------------------------------------------------
 * Machine integers
 * ---------------------------------------------------------------------- */

void py_bigint_from_uint64(py_bigint *r, uint64_t v)
{
    r->d[0] = (py_digit)v;
    r->d[1] = (py_digit)(v >> PY_DIGIT_BITS);
    r->len = py_mag_normalize(r->d, 2);
    r->neg = false;
}

void py_bigint_from_int64(py_bigint *r, int64_t v)
{
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    py_bigint_from_uint64(r, mag);
    r->neg = v < 0;
}

/* |a| as a uint64, or false if it needs more than 64 bits. */
static bool mag_to_uint64(const py_bigint *a, uint64_t *out)
{
    if (a->len > 2)
        return false;
    uint64_t v = 0;
    if (a->len > 0)
        v = a->d[0];
    if (a->len > 1)
        v |= (uint64_t)a->d[1] << PY_DIGIT_BITS;
    *out = v;
    return true;
}

py_bigint_status py_bigint_to_int64(const py_bigint *a, int64_t *out)
{
    uint64_t mag;
    if (!mag_to_uint64(a, &mag))
        return PY_BIGINT_EOVERFLOW;
    if (a->neg) {
        if (mag > (uint64_t)INT64_MAX + 1)
            return PY_BIGINT_EOVERFLOW;
        *out = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
    } else {
        if (mag > (uint64_t)INT64_MAX)
            return PY_BIGINT_EOVERFLOW;
        *out = (int64_t)mag;
    }
    return PY_BIGINT_OK;
}

py_bigint_status py_bigint_to_uint64(const py_bigint *a, uint64_t *out)
{
    uint64_t mag;
    if (a->neg || !mag_to_uint64(a, &mag))
        return PY_BIGINT_EOVERFLOW;
    *out = mag;
    return PY_BIGINT_OK;
}

/* ------------------------------------------------------------------------
 * Floating point
 * ---------------------------------------------------------------------- */

size_t py_bigint_from_double_size(double x)
{
    if (isnan(x) || isinf(x))
        return 0;
    int exp;
    frexp(x, &exp);
    /* one spare digit: the shift that places the mantissa writes one past */
    return exp <= 0 ? 0 : (size_t)exp / PY_DIGIT_BITS + 2;
}

py_bigint_status py_bigint_from_double(py_bigint *r, double x)
{
    if (isnan(x))
        return PY_BIGINT_EVALUE;
    if (isinf(x))
        return PY_BIGINT_EOVERFLOW;
    int exp;
    double frac = frexp(x, &exp); /* |x| = |frac| * 2^exp, 0.5 <= |frac| < 1 */
    r->len = 0;
    r->neg = false;
    if (exp <= 0)
        return PY_BIGINT_OK;
    uint64_t mant = (uint64_t)ldexp(fabs(frac), 53); /* exact: 53 significant bits */
    py_digit m[2] = {(py_digit)mant, (py_digit)(mant >> PY_DIGIT_BITS)};
    size_t nm = py_mag_normalize(m, 2);
    if (exp >= 53) {
        size_t n = py_mag_shl(r->d, m, nm, (uint64_t)(exp - 53));
        r->len = n;
    } else {
        size_t n = py_mag_shr(m, m, nm, (uint64_t)(53 - exp));
        copy_digits(r->d, m, n);
        r->len = n;
    }
    r->neg = x < 0 && r->len;
    return PY_BIGINT_OK;
}

/* |a| rounded half-even to `prec` significant bits: |a| ~= *mant * 2^*exp. */
static void round_to_precision(const py_digit *a, size_t na, unsigned prec, uint64_t *mant,
                               size_t *exp)
{
    size_t len = py_mag_bit_length(a, na);
    if (len <= prec) {
        *mant = bits_at(a, na, 0, prec);
        *exp = 0;
        return;
    }
    size_t drop = len - prec;
    uint64_t m = bits_at(a, na, drop, prec);
    bool half = bits_at(a, na, drop - 1, 1) != 0;
    bool sticky = any_bits_below(a, na, drop - 1);
    if (half && (sticky || (m & 1))) {
        m++;
        if (m >> prec) {
            m >>= 1;
            drop++;
        }
    }
    *mant = m;
    *exp = drop;
}

py_bigint_status py_bigint_to_double(const py_bigint *a, double *out)
{
    uint64_t mant;
    size_t exp;
    round_to_precision(a->d, a->len, DBL_MANT_DIG, &mant, &exp);
    if (exp > (size_t)(DBL_MAX_EXP - DBL_MANT_DIG))
        return PY_BIGINT_EOVERFLOW;
    double v = ldexp((double)mant, (int)exp);
    *out = a->neg ? -v : v;
    return PY_BIGINT_OK;
}

py_bigint_status py_bigint_to_float(const py_bigint *a, float *out)
{
    uint64_t mant;
    size_t exp;
    round_to_precision(a->d, a->len, FLT_MANT_DIG, &mant, &exp);
    if (exp > (size_t)(FLT_MAX_EXP - FLT_MANT_DIG))
        return PY_BIGINT_EOVERFLOW;
    float v = ldexpf((float)mant, (int)exp);
    *out = a->neg ? -v : v;
    return PY_BIGINT_OK;
}

/* Bounds for true division: results at or past these bit-length gaps are
 * certainly an overflow / certainly round to zero. */
#define TRUEDIV_OVER (DBL_MAX_EXP + 1)                      /* 1025 */
#define TRUEDIV_UNDER (DBL_MANT_DIG - DBL_MIN_EXP + 4)      /* 1078 */
#define TRUEDIV_BITS (DBL_MANT_DIG + 2)                     /* quotient bits */
#define TRUEDIV_PAD ((TRUEDIV_UNDER + TRUEDIV_BITS) / PY_DIGIT_BITS + 2)

size_t py_bigint_truediv_scratch(size_t na, size_t nb)
{
    size_t num = sum_len(na, TRUEDIV_PAD), den = sum_len(nb, TRUEDIV_PAD);
    size_t total = sum_len(sum_len(num, den), 4);
    return sum_len(total, py_bigint_divmod_scratch(num, den));
}

py_bigint_status py_bigint_truediv(const py_bigint *a, const py_bigint *b, double *out,
                                   py_digit *scratch)
{
    if (b->len == 0)
        return PY_BIGINT_EZERODIV;
    bool neg = a->neg != b->neg;
    size_t la = py_bigint_bit_length(a), lb = py_bigint_bit_length(b);
    if (la >= lb + TRUEDIV_OVER)
        return PY_BIGINT_EOVERFLOW;
    if (la == 0 || lb >= la + TRUEDIV_UNDER) {
        *out = neg ? -0.0 : 0.0;
        return PY_BIGINT_OK;
    }
    /* q = floor(|a| * 2^shift / |b|) has TRUEDIV_BITS or one more bits. */
    /* the early returns bound |lb - la|, so the difference fits a long */
    long shift = lb >= la ? (long)(lb - la) + TRUEDIV_BITS : TRUEDIV_BITS - (long)(la - lb);
    py_digit *num = scratch;
    size_t nnum = shift > 0 ? py_mag_shl(num, a->d, a->len, (uint64_t)shift)
                            : (copy_digits(num, a->d, a->len), a->len);
    py_digit *den = num + a->len + TRUEDIV_PAD;
    size_t nden = shift < 0 ? py_mag_shl(den, b->d, b->len, (uint64_t)-shift)
                            : (copy_digits(den, b->d, b->len), b->len);
    py_digit *quot = den + b->len + TRUEDIV_PAD;
    py_digit *rest = quot + 4;
    size_t nq;
    bool sticky;
    divmod_mag(quot, &nq, NULL, NULL, num, nnum, den, nden, rest, &sticky);
    uint64_t q = bits_at(quot, nq, 0, 64);
    long qbits = (long)py_mag_bit_length(quot, nq);
    /* value = q * 2^-shift; place the lowest kept bit, subnormals included */
    long lsb = qbits - shift - DBL_MANT_DIG;
    if (lsb < DBL_MIN_EXP - DBL_MANT_DIG)
        lsb = DBL_MIN_EXP - DBL_MANT_DIG;
    long drop = lsb + shift;
    uint64_t m = 0;
    if (drop < 62) {
        uint64_t low = q & (((uint64_t)1 << drop) - 1);
        uint64_t half = (uint64_t)1 << (drop - 1);
        m = q >> drop;
        if (low > half || (low == half && (sticky || (m & 1))))
            m++;
    }
    if (m && (long)bits_in_u64(m) + lsb > DBL_MAX_EXP)
        return PY_BIGINT_EOVERFLOW;
    double v = ldexp((double)m, (int)lsb);
    *out = neg ? -v : v;
    return PY_BIGINT_OK;
}

int py_bigint_cmp_double(const py_bigint *a, double x)
{
    if (isnan(x))
        return PY_BIGINT_UNORDERED;
    if (isinf(x))
        return x > 0 ? -1 : 1;
    bool xneg = x < 0;
    if (a->len == 0)
        return x > 0 ? -1 : (x < 0 ? 1 : 0);
    if (a->neg != xneg || x == 0)
        return a->neg ? -1 : 1;
    int sign = a->neg ? -1 : 1;
    int exp;
    frexp(x, &exp); /* 2^(exp-1) <= |x| < 2^exp */
    size_t la = py_bigint_bit_length(a);
    if (exp <= 0 || la > (size_t)exp)
        return sign;
    if (la < (size_t)exp)
        return -sign;
    py_digit whole_digits[DBL_MAX_EXP / PY_DIGIT_BITS + 2];
    py_bigint whole = {whole_digits, 0, false};
    double int_part = trunc(x);
    py_bigint_from_double(&whole, int_part);
    int c = py_mag_cmp(a->d, a->len, whole.d, whole.len);
    if (c == 0 && int_part != x)
        c = -1;
    return sign * c;
}

int64_t py_bigint_hash(const py_bigint *a, unsigned bits)
{
    if (bits < 2 || bits > 63)
        bits = 61;
    uint64_t modulus = ((uint64_t)1 << bits) - 1;
    unsigned rot = PY_DIGIT_BITS % bits;
    uint64_t h = 0;
    for (size_t i = a->len; i-- > 0;) {
        /* 2^bits == 1 (mod modulus), so multiplying by 2^32 is a rotation. */
        if (rot)
            h = ((h << rot) & modulus) | (h >> (bits - rot));
        h = (h + a->d[i]) % modulus;
    }
    int64_t v = (int64_t)h;
    if (a->neg)
        v = -v;
    return v == -1 ? -2 : v;
}

/* ------------------------------------------------------------------------
 * Text
 * ---------------------------------------------------------------------- */

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* floor(log2(base) * 65536), base 2..36 */
static const uint32_t log2_base_fixed[37] = {
    0,      0,      65536,  103872, 131072, 152169, 169408, 183982, 196608, 207744,
    217705, 226717, 234944, 242512, 249518, 256041, 262144, 267875, 273280, 278392,
    283241, 287854, 292253, 296456, 300480, 304339, 308048, 311616, 315054, 318372,
    321577, 324678, 327680, 330589, 333411, 336152, 338816,
};

static bool valid_base(int base) { return base >= 2 && base <= 36; }

static bool is_power_of_two_base(int base) { return (base & (base - 1)) == 0; }

static unsigned bits_per_char(int base) /* base a power of two */
{
    return (unsigned)(PY_DIGIT_BITS - 1 - leading_zeros((py_digit)base));
}

/* ceil(x * num / den) without overflow (num, den < 2^20); SIZE_MAX if too big. */
static size_t scale_up(size_t x, uint32_t num, uint32_t den)
{
    size_t whole = x / den, part = x % den;
    if (whole > SIZE_MAX / num)
        return SIZE_MAX;
    size_t a = whole * num;
    uint64_t b = ((uint64_t)part * num + den - 1) / den;
    if (b > SIZE_MAX - a)
        return SIZE_MAX;
    return a + (size_t)b;
}

/* Largest power of base that fits a digit, and how many characters it spans. */
static py_digit chunk_divisor(int base, unsigned *chars)
{
    py_digit big = (py_digit)base;
    unsigned n = 1;
    while (big <= PY_DIGIT_MAX / (py_digit)base) {
        big *= (py_digit)base;
        n++;
    }
    *chars = n;
    return big;
}

/* Room the conversion may use beyond the digits themselves: sign, NUL, and
 * the leading zeros of a whole chunk written before they are trimmed. */
#define TO_STR_SLACK (PY_DIGIT_BITS + 4)

size_t py_bigint_to_str_size(size_t na, int base)
{
    if (!valid_base(base))
        return TO_STR_SLACK;
    if (na > PY_BIGINT_MAX_LEN)
        return PY_BIGINT_TOO_BIG;
    size_t chars = scale_up(na * PY_DIGIT_BITS, 65536, log2_base_fixed[base]);
    if (chars > SIZE_MAX - TO_STR_SLACK)
        return PY_BIGINT_TOO_BIG;
    return chars + TO_STR_SLACK;
}

size_t py_bigint_to_str_scratch(size_t na, int base)
{
    if (!valid_base(base) || is_power_of_two_base(base))
        return 0;
    if (na > PY_BIGINT_MAX_LEN)
        return PY_BIGINT_TOO_BIG;
    /* a copy of a to divide, or its base-10^9 digits: 32 log10(2) / 9 < 1.08 */
    return checked_len(na + na / 8 + 2);
}

/* Writes the digits of a power-of-two base straight from the bits. */
static char *write_pow2_digits(char *p, const py_digit *a, size_t na, int base)
{
    unsigned k = bits_per_char(base);
    size_t nchars = (py_mag_bit_length(a, na) + k - 1) / k;
    for (size_t i = nchars; i-- > 0;)
        *p++ = digit_chars[bits_at(a, na, i * k, k)];
    return p;
}

/* Writes one chunk's characters backward ending at end; returns the start. */
static char *write_chunk(char *end, py_digit chunk, unsigned chars, int base)
{
    if (base == 10) {
        for (unsigned i = 0; i < chars; i++) {
            *--end = (char)('0' + chunk % 10);
            chunk /= 10;
        }
    } else {
        for (unsigned i = 0; i < chars; i++) {
            *--end = digit_chars[chunk % (py_digit)base];
            chunk /= (py_digit)base;
        }
    }
    return end;
}

#if UINTPTR_MAX > 0xffffffffu
/* Decimal on 64-bit targets: convert to base 10^9 (out, little-endian) by
 * Horner's rule, out = out * 2^32 + digit. The carry chain runs through the
 * quotient only, and the compiler turns the division by a constant into a
 * multiplication, so this runs about twice as fast as repeated division.
 * Returns the number of base-10^9 digits. */
static size_t to_billions(py_digit *out, const py_digit *a, size_t na)
{
    size_t n = 0;
    for (size_t i = na; i-- > 0;) {
        poll_at(i);
        py_twodigit carry = a[i];
        for (size_t j = 0; j < n; j++) {
            py_twodigit z = ((py_twodigit)out[j] << PY_DIGIT_BITS) | carry;
            carry = z / 1000000000u;
            out[j] = (py_digit)(z - carry * 1000000000u);
        }
        while (carry) {
            out[n++] = (py_digit)(carry % 1000000000u);
            carry /= 1000000000u;
        }
    }
    return n;
}

static char *write_decimal_digits(char *p, const py_digit *a, size_t na, py_digit *work)
{
    size_t n = to_billions(work, a, na);
    char top[16];
    char *t = write_chunk(top + sizeof top, work[n - 1], 9, 10);
    while (t < top + sizeof top - 1 && *t == '0')
        t++;
    size_t len = (size_t)(top + sizeof top - t);
    memcpy(p, t, len);
    p += len;
    for (size_t i = n - 1; i-- > 0;) {
        write_chunk(p + 9, work[i], 9, 10);
        p += 9;
    }
    return p;
}
#endif

/* Other bases: repeated division by the largest power of base fitting in a
 * digit, writing chunks backward from end; returns the first character. */
static char *write_divided_digits(char *end, const py_digit *a, size_t na, int base,
                                  py_digit *work)
{
    unsigned chars;
    py_digit divisor = chunk_divisor(base, &chars);
    copy_digits(work, a, na);
    size_t n = na;
    char *w = end;
    while (n > 0) {
        poll_at(n);
        py_digit chunk = py_mag_divmod_small(work, &n, work, n, divisor);
        w = write_chunk(w, chunk, chars, base);
    }
    while (*w == '0')
        w++;
    return w;
}

py_bigint_status py_bigint_to_str(const py_bigint *a, int base, const char *prefix, char *out,
                                  size_t *out_len, py_digit *scratch)
{
    if (!valid_base(base))
        return PY_BIGINT_EVALUE;
    size_t plen = prefix ? strlen(prefix) : 0;
    char *p = out;
    if (a->neg)
        *p++ = '-';
    if (plen)
        memcpy(p, prefix, plen);
    p += plen;
    if (a->len == 0) {
        *p++ = '0';
    } else if (is_power_of_two_base(base)) {
        p = write_pow2_digits(p, a->d, a->len, base);
#if UINTPTR_MAX > 0xffffffffu
    } else if (base == 10) {
        p = write_decimal_digits(p, a->d, a->len, scratch);
#endif
    } else {
        char *end = out + py_bigint_to_str_size(a->len, base) + plen - 1;
        *end = '\0'; /* stops the leading-zero trim */
        char *first = write_divided_digits(end, a->d, a->len, base, scratch);
        size_t n = (size_t)(end - first);
        memmove(p, first, n);
        p += n;
    }
    *p = '\0';
    if (out_len)
        *out_len = (size_t)(p - out);
    return PY_BIGINT_OK;
}

size_t py_bigint_from_str_size(size_t n, int base)
{
    if (base == 0)
        base = 16; /* the widest digits a prefix can select */
    if (!valid_base(base))
        return 0;
    size_t bits = scale_up(n, log2_base_fixed[base] + 1, 65536);
    if (bits == SIZE_MAX)
        return PY_BIGINT_TOO_BIG;
    return sum_len(bits / PY_DIGIT_BITS, 2);
}

static int char_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

static bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Base named by the prefix letter after a '0', or 0. */
static int prefix_base(char letter)
{
    switch (letter) {
    case 'x': case 'X': return 16;
    case 'o': case 'O': return 8;
    case 'b': case 'B': return 2;
    default: return 0;
    }
}

/* Checks s[from..to) is digits of base with single underscores between
 * them; counts the digits and notes whether any is non-zero. */
static bool valid_digit_run(const char *s, size_t from, size_t to, int base, size_t *ndigits,
                            bool *nonzero)
{
    bool after_underscore = true; /* a run may not start with '_' */
    *ndigits = 0;
    *nonzero = false;
    for (size_t j = from; j < to; j++) {
        if (s[j] == '_') {
            if (after_underscore)
                return false;
            after_underscore = true;
            continue;
        }
        int v = char_value(s[j]);
        if (v >= base)
            return false;
        after_underscore = false;
        (*ndigits)++;
        if (v)
            *nonzero = true;
    }
    return *ndigits > 0 && !after_underscore;
}

static size_t parse_pow2_digits(py_digit *r, const char *s, size_t from, size_t to,
                                size_t ndigits, int base)
{
    unsigned k = bits_per_char(base);
    size_t nd = (ndigits * k + PY_DIGIT_BITS - 1) / PY_DIGIT_BITS;
    zero_digits(r, nd);
    size_t pos = 0;
    for (size_t j = to; j-- > from;) {
        if (s[j] == '_')
            continue;
        py_twodigit v = (py_twodigit)char_value(s[j]) << (pos % PY_DIGIT_BITS);
        r[pos / PY_DIGIT_BITS] |= (py_digit)v;
        if (v >> PY_DIGIT_BITS)
            r[pos / PY_DIGIT_BITS + 1] |= (py_digit)(v >> PY_DIGIT_BITS);
        pos += k;
    }
    return py_mag_normalize(r, nd);
}

static size_t parse_chunked_digits(py_digit *r, const char *s, size_t from, size_t to,
                                   size_t ndigits, int base)
{
    unsigned chars;
    (void)chunk_divisor(base, &chars); /* only its length: scale is built below */
    size_t take = ndigits % chars ? ndigits % chars : chars;
    size_t len = 0, j = from;
    while (j < to) {
        poll_at(len);
        py_digit chunk = 0, scale = 1;
        for (size_t got = 0; got < take; j++) {
            if (s[j] == '_')
                continue;
            chunk = chunk * (py_digit)base + (py_digit)char_value(s[j]);
            scale *= (py_digit)base;
            got++;
        }
        len = py_mag_mul_small(r, r, len, scale, chunk);
        take = chars;
    }
    return len;
}

py_bigint_status py_bigint_from_str(py_bigint *r, const char *s, size_t n, int base)
{
    if (base != 0 && !valid_base(base))
        return PY_BIGINT_EVALUE;
    size_t i = 0, end = n;
    while (i < end && is_space(s[i]))
        i++;
    while (end > i && is_space(s[end - 1]))
        end--;
    bool neg = false;
    if (i < end && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    bool prefixed = false;
    if (end - i >= 2 && s[i] == '0') {
        int named = prefix_base(s[i + 1]);
        if (named && (base == 0 || base == named)) {
            base = named;
            prefixed = true;
            i += 2;
        }
    }
    bool no_leading_zeros = base == 0;
    if (base == 0)
        base = 10;
    if (prefixed && i < end && s[i] == '_')
        i++;
    size_t ndigits;
    bool nonzero;
    if (!valid_digit_run(s, i, end, base, &ndigits, &nonzero))
        return PY_BIGINT_EVALUE;
    if (no_leading_zeros && s[i] == '0' && nonzero)
        return PY_BIGINT_EVALUE;
    size_t len;
    if (is_power_of_two_base(base))
        len = parse_pow2_digits(r->d, s, i, end, ndigits, base);
    else
        len = parse_chunked_digits(r->d, s, i, end, ndigits, base);
    r->len = len;
    r->neg = neg && len;
    return PY_BIGINT_OK;
}

/* ------------------------------------------------------------------------
 * Bytes
 * ---------------------------------------------------------------------- */

/* Bytes a needs in two's complement (is_signed) or plain binary. */
static size_t bytes_needed(const py_bigint *a, bool is_signed)
{
    size_t len = py_bigint_bit_length(a);
    if (len == 0)
        return 0;
    if (!is_signed)
        return (len + 7) / 8;
    if (a->neg && py_bigint_bit_count(a) == 1)
        len--; /* -2^k needs no more bits than 2^k - 1 */
    if (len == 0)
        return 0; /* -1: CPython writes it into zero bytes as well */
    return len / 8 + 1;
}

py_bigint_status py_bigint_to_bytes(const py_bigint *a, uint8_t *out, size_t length,
                                    bool big_endian, bool is_signed)
{
    if (a->neg && !is_signed)
        return PY_BIGINT_EOVERFLOW;
    if (bytes_needed(a, is_signed) > length)
        return PY_BIGINT_EOVERFLOW;
    twos_reader t;
    twos_start(&t, a);
    py_digit cur = 0;
    for (size_t k = 0; k < length; k++) {
        if (k % DIGIT_BYTES == 0)
            cur = twos_next(&t, k / DIGIT_BYTES);
        uint8_t byte = (uint8_t)(cur >> (8 * (k % DIGIT_BYTES)));
        out[big_endian ? length - 1 - k : k] = byte;
    }
    return PY_BIGINT_OK;
}

size_t py_bigint_from_bytes_size(size_t n) { return checked_len(n / DIGIT_BYTES + 1); }

void py_bigint_from_bytes(py_bigint *r, const uint8_t *in, size_t n, bool big_endian,
                          bool is_signed)
{
    size_t nd = (n + DIGIT_BYTES - 1) / DIGIT_BYTES;
    zero_digits(r->d, nd);
    for (size_t k = 0; k < n; k++) {
        py_digit byte = in[big_endian ? n - 1 - k : k];
        r->d[k / DIGIT_BYTES] |= byte << (8 * (k % DIGIT_BYTES));
    }
    bool neg = is_signed && n && (in[big_endian ? 0 : n - 1] & 0x80);
    if (neg) {
        for (size_t k = n; k < nd * DIGIT_BYTES; k++)
            r->d[k / DIGIT_BYTES] |= (py_digit)0xff << (8 * (k % DIGIT_BYTES));
        py_twodigit carry = 1;
        for (size_t i = 0; i < nd; i++) {
            carry += (py_digit)~r->d[i];
            r->d[i] = (py_digit)carry;
            carry >>= PY_DIGIT_BITS;
        }
    }
    r->len = py_mag_normalize(r->d, nd);
    r->neg = neg && r->len;
}

/* ------------------------------------------------------------------------
 * Powers, modular powers, gcd
 * ---------------------------------------------------------------------- */

/* Scratch enough for any multiplication with both operands of at most n
 * digits. */
static size_t mul_scratch_bound(size_t n)
{
    if (n > PY_BIGINT_MAX_LEN)
        return PY_BIGINT_TOO_BIG;
    return checked_len(karatsuba_scratch(n, n));
}

size_t py_bigint_pow_size(const py_bigint *a, uint64_t e)
{
    size_t len = py_bigint_bit_length(a);
    if (e == 0 || len <= 1)
        return 1;
    if (e > (uint64_t)(PY_BIGINT_MAX_LEN * PY_DIGIT_BITS) / len)
        return PY_BIGINT_TOO_BIG;
    uint64_t bits = (uint64_t)len * e;
    return sum_len((size_t)(bits / PY_DIGIT_BITS), 2);
}

size_t py_bigint_pow_scratch(const py_bigint *a, uint64_t e)
{
    size_t size = py_bigint_pow_size(a, e);
    if (size == PY_BIGINT_TOO_BIG)
        return PY_BIGINT_TOO_BIG;
    if (e <= 1 || py_bigint_bit_length(a) <= 1)
        return 0;
    return sum_len(size, mul_scratch_bound(size));
}

void py_bigint_pow(py_bigint *r, const py_bigint *a, uint64_t e, py_digit *scratch)
{
    bool neg = a->neg && (e & 1);
    if (e == 0 || (a->len == 1 && a->d[0] == 1)) {
        r->d[0] = 1;
        r->len = 1;
        r->neg = neg;
        return;
    }
    if (a->len == 0) {
        r->len = 0;
        r->neg = false;
        return;
    }
    size_t size = py_bigint_pow_size(a, e);
    py_digit *x = r->d, *y = scratch, *rest = scratch + size;
    size_t nx = a->len;
    copy_digits(x, a->d, nx);
    for (int bit = (int)bits_in_u64(e) - 2; bit >= 0; bit--) {
        poll_at(0);
        size_t ny = py_mag_mul(y, x, nx, x, nx, rest);
        py_digit *t = x;
        x = y;
        y = t;
        nx = ny;
        if ((e >> bit) & 1) {
            ny = py_mag_mul(y, x, nx, a->d, a->len, rest);
            t = x;
            x = y;
            y = t;
            nx = ny;
        }
    }
    copy_digits(r->d, x, nx);
    r->len = nx;
    r->neg = neg;
}

size_t py_bigint_powmod_size(size_t nm) { return checked_len(nm); }

size_t py_bigint_powmod_scratch(size_t na, size_t ne, size_t nm)
{
    (void)ne;
    size_t work = max_size(mul_scratch_bound(nm),
                           max_size(py_bigint_divmod_scratch(sum_len(nm, nm), nm),
                                    py_bigint_divmod_scratch(na, nm)));
    return sum_len(sum_len(nm, sum_len(nm, nm)), work);
}

/* x = x * y mod m, via the product buffer. */
static size_t mul_mod(py_digit *x, size_t nx, const py_digit *y, size_t ny, const py_digit *m,
                      size_t nm, py_digit *product, py_digit *rest)
{
    size_t np = py_mag_mul(product, x, nx, y, ny, rest);
    size_t nr;
    divmod_mag(NULL, NULL, x, &nr, product, np, m, nm, rest, NULL);
    return nr;
}

/* pow(a, e, m) for a modulus of one digit: all in machine words. */
static py_digit powmod_small(py_digit base, const py_bigint *e, py_digit m)
{
    uint64_t result = 1 % m, b = base;
    for (size_t i = e->len; i-- > 0;) {
        for (int bit = PY_DIGIT_BITS - 1; bit >= 0; bit--) {
            result = result * result % m;
            if ((e->d[i] >> bit) & 1)
                result = result * b % m;
        }
    }
    return (py_digit)result;
}

py_bigint_status py_bigint_powmod(py_bigint *r, const py_bigint *a, const py_bigint *e,
                                  const py_bigint *m, py_digit *scratch)
{
    if (m->len == 0 || e->neg)
        return PY_BIGINT_EVALUE;
    size_t nm = m->len;
    const py_digit *md = m->d;
    py_digit *base = scratch;
    py_digit *product = base + nm;
    py_digit *rest = product + 2 * nm;
    size_t nbase, nx;
    py_digit *x = r->d;
    divmod_mag(NULL, NULL, base, &nbase, a->d, a->len, md, nm, rest, NULL);
    if (a->neg && nbase)
        nbase = py_mag_sub(base, md, nm, base, nbase);
    if (nm == 1) {
        x[0] = powmod_small(nbase ? base[0] : 0, e, md[0]);
        nx = x[0] ? 1 : 0;
    } else if (e->len == 0) {
        x[0] = 1;
        nx = 1;
    } else {
        copy_digits(x, base, nbase);
        nx = nbase;
        size_t top = e->len - 1;
        for (int bit = (int)bits_in_u64(e->d[top]) - 2; bit >= 0; bit--) {
            nx = mul_mod(x, nx, x, nx, md, nm, product, rest);
            if ((e->d[top] >> bit) & 1)
                nx = mul_mod(x, nx, base, nbase, md, nm, product, rest);
        }
        for (size_t i = top; i-- > 0;) {
            poll_at(0);
            for (int bit = PY_DIGIT_BITS - 1; bit >= 0; bit--) {
                nx = mul_mod(x, nx, x, nx, md, nm, product, rest);
                if ((e->d[i] >> bit) & 1)
                    nx = mul_mod(x, nx, base, nbase, md, nm, product, rest);
            }
        }
    }
    /* Python gives the result the sign of the modulus. */
    if (m->neg && nx)
        nx = py_mag_sub(x, md, nm, x, nx);
    r->len = nx;
    r->neg = m->neg && nx;
    return PY_BIGINT_OK;
}

size_t py_bigint_gcd_size(size_t na, size_t nb) { return checked_len(max_size(na, nb)); }

size_t py_bigint_gcd_scratch(size_t na, size_t nb)
{
    size_t n = max_size(na, nb);
    return sum_len(sum_len(n, sum_len(n, n)), py_bigint_divmod_scratch(n, n));
}

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

void py_bigint_gcd(py_bigint *r, const py_bigint *a, const py_bigint *b, py_digit *scratch)
{
    size_t n = max_size(a->len, b->len);
    py_digit *x = scratch, *y = x + n, *z = y + n, *rest = z + n;
    size_t nx = a->len, ny = b->len;
    copy_digits(x, a->d, nx);
    copy_digits(y, b->d, ny);
    while (ny > 2) {
        poll_at(0);
        size_t nz;
        divmod_mag(NULL, NULL, z, &nz, x, nx, y, ny, rest, NULL);
        py_digit *t = x;
        x = y;
        nx = ny;
        y = z;
        ny = nz;
        z = t;
    }
    if (ny > 0) {
        /* y fits 64 bits: one more step brings x there too */
        size_t nz;
        divmod_mag(NULL, NULL, z, &nz, x, nx, y, ny, rest, NULL);
        py_bigint yv = {y, ny, false}, zv = {z, nz, false};
        uint64_t yy = 0, zz = 0;
        mag_to_uint64(&yv, &yy);
        mag_to_uint64(&zv, &zz);
        uint64_t g = gcd_u64(yy, zz);
        r->d[0] = (py_digit)g;
        if (g >> PY_DIGIT_BITS)
            r->d[1] = (py_digit)(g >> PY_DIGIT_BITS);
        r->len = g >> PY_DIGIT_BITS ? 2 : 1;
        r->neg = false;
        return;
    }
    copy_digits(r->d, x, nx);
    r->len = nx;
    r->neg = false;
}

size_t py_bigint_modinv_size(size_t nm) { return checked_len(nm); }

size_t py_bigint_modinv_scratch(size_t na, size_t nm)
{
    /* three remainders, two coefficients, quotient, product, then the
     * larger of division and multiplication scratch */
    size_t n = sum_len(nm, 2);
    size_t buffers = sum_len(sum_len(sum_len(n, n), sum_len(n, n)), sum_len(sum_len(n, n), 2 * n));
    size_t work = max_size(mul_scratch_bound(n), max_size(py_bigint_divmod_scratch(na, nm),
                                                          py_bigint_divmod_scratch(n, nm)));
    return sum_len(buffers, work);
}

/* Extended Euclid on magnitudes. The coefficients of a alternate in sign,
 * so only their magnitudes are kept and the sign follows from the parity of
 * the step count. */
py_bigint_status py_bigint_modinv(py_bigint *r, const py_bigint *a, const py_bigint *m,
                                  py_digit *scratch)
{
    if (m->len == 0)
        return PY_BIGINT_EVALUE;
    size_t nm = m->len, n = nm + 2;
    py_digit *r0 = scratch, *r1 = r0 + n, *r2 = r1 + n;
    py_digit *t0 = r2 + n, *t1 = t0 + n, *quot = t1 + n, *prod = quot + n, *rest = prod + 2 * n;
    size_t n0 = nm, n1, n2, nt0 = 0, nt1 = 1, nq, np;
    copy_digits(r0, m->d, nm);
    divmod_mag(NULL, NULL, r1, &n1, a->d, a->len, m->d, nm, rest, NULL);
    if (a->neg && n1)
        n1 = py_mag_sub(r1, m->d, nm, r1, n1);
    t1[0] = 1;
    bool odd = false;
    while (n1) {
        divmod_mag(quot, &nq, r2, &n2, r0, n0, r1, n1, rest, NULL);
        /* t0 + q * t1 stays below m, so fits n digits */
        np = py_mag_mul(prod, quot, nq, t1, nt1, rest);
        nt0 = py_mag_add(t0, prod, np, t0, nt0);
        py_digit *p = r0;
        r0 = r1;
        n0 = n1;
        r1 = r2;
        n1 = n2;
        r2 = p;
        p = t0;
        t0 = t1;
        t1 = p;
        size_t nt = nt0;
        nt0 = nt1;
        nt1 = nt;
        odd = !odd;
    }
    if (n0 != 1 || r0[0] != 1)
        return PY_BIGINT_EVALUE;
    size_t nr;
    if (odd || nt0 == 0) {
        copy_digits(r->d, t0, nt0);
        nr = nt0;
    } else {
        nr = py_mag_sub(r->d, m->d, nm, t0, nt0);
    }
    if (nm == 1 && m->d[0] == 1)
        nr = 0;
    if (m->neg && nr)
        nr = py_mag_sub(r->d, m->d, nm, r->d, nr);
    r->len = nr;
    r->neg = m->neg && nr;
    return PY_BIGINT_OK;
}
