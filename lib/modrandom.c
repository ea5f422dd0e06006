/*
 * modrandom.c - the random module: a small, fast pseudo-random generator.
 *
 * The generator is xoshiro128++ (Blackman and Vigna): four 32-bit words of
 * state, only 32-bit operations, which suits the board. seed(n) spreads n
 * over the state with the SplitMix mixing function, so equal seeds give
 * equal sequences. Without a seed, the state comes on first use from the
 * port's entropy source when it has one (a function
 * `uint32_t py_port_entropy(void)`, found at link time), else from the clock
 * and an address. The sequences differ from CPython's Mersenne Twister; the
 * functions and their errors are CPython's. Ranges of any size work: beyond
 * 32 bits, numbers are built with int operators.
 */
#include <time.h>

#include "campy.h"

static uint32_t rng_state[4];
static bool rng_seeded;

static uint32_t rotl(uint32_t x, unsigned k) { return (x << k) | (x >> (32 - k)); }

/* SplitMix64 step: a well-mixed 64-bit value for each state word. */
static uint64_t splitmix_next(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_seed(uint64_t seed) {
    uint64_t a = splitmix_next(&seed), b = splitmix_next(&seed);
    rng_state[0] = (uint32_t)a;
    rng_state[1] = (uint32_t)(a >> 32);
    rng_state[2] = (uint32_t)b;
    rng_state[3] = (uint32_t)(b >> 32);
    if ((rng_state[0] | rng_state[1] | rng_state[2] | rng_state[3]) == 0) {
        rng_state[0] = 1; /* the one state the generator cannot leave */
    }
    rng_seeded = true;
}

#if defined(__GNUC__)
extern uint32_t py_port_entropy(void) __attribute__((weak));
#define HAVE_PORT_ENTROPY (py_port_entropy != NULL)
#else
#define HAVE_PORT_ENTROPY 0
#define py_port_entropy() 0u
#endif

static void rng_seed_from_entropy(void) {
    static uint64_t calls;
    int local;
    if (HAVE_PORT_ENTROPY) {
        uint64_t hi = py_port_entropy(), lo = py_port_entropy();
        rng_seed(hi << 32 | lo);
        return;
    }
    uint64_t e = (uint64_t)time(NULL) * 0x100000001b3ULL;
    e ^= (uint64_t)clock() << 20;
    e ^= (uint64_t)(uintptr_t)&local;
    e ^= ++calls << 48;
    rng_seed(e);
}

static uint32_t rng_next(void) {
    if (!rng_seeded) {
        rng_seed_from_entropy();
    }
    uint32_t *s = rng_state;
    uint32_t result = rotl(s[0] + s[3], 7) + s[0];
    uint32_t t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
}

/* ---- integers */

static bool is_less(py_val a, py_val b) { return py_truthy(py_binary_op(PY_BINOP_LT, a, b)); }

static py_val int_arg(py_val v) {
    if (!py_is_int(v)) {
        py_raise_type_error("'%s' object cannot be interpreted as an integer", py_type_name(v));
    }
    return v == PY_TRUE || v == PY_FALSE ? PY_SMALL(v == PY_TRUE) : v;
}

/* k random bits, k >= 0, as an int of any size. */
static py_val random_bits(size_t k) {
    if (k <= 32) {
        return k == 0 ? PY_SMALL(0) : py_int_from_u64(rng_next() >> (32 - k));
    }
    if (k <= 64) {
        uint64_t hi = rng_next(), lo = rng_next();
        return py_int_from_u64(((hi << 32) | lo) >> (64 - k));
    }
    py_val r = PY_SMALL(0);
    size_t done = 0;
    for (; done + 32 <= k; done += 32) {
        r = py_binary_op(PY_BINOP_OR, py_binary_op(PY_BINOP_LSHIFT, r, PY_SMALL(32)),
                         py_int_from_u64(rng_next()));
    }
    if (done < k) {
        size_t rest = k - done;
        r = py_binary_op(PY_BINOP_OR, py_binary_op(PY_BINOP_LSHIFT, r, PY_SMALL((py_int_t)rest)),
                         py_int_from_u64(rng_next() >> (32 - rest)));
    }
    return r;
}

/* A uniform int in [0, n), n > 0, by rejection: no bias from modulo. */
static py_val random_below(py_val n) {
    py_int_t small;
    if (py_get_int_maybe(n, &small) && (uint64_t)small <= 0xffffffffu) {
        uint32_t limit = (uint32_t)small;
        uint32_t mask = limit - 1;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint32_t r;
        do {
            r = rng_next() & mask;
        } while (r >= limit);
        return py_int_from_u64(r);
    }
    size_t k = (size_t)py_get_int(py_call_method_name(n, Q_bit_length, 0, NULL));
    py_val r;
    do {
        r = random_bits(k);
    } while (!is_less(r, n));
    return r;
}

static py_val random_getrandbits(py_val k_arg) {
    py_int_t k = py_get_int(int_arg(k_arg));
    if (k < 0) {
        py_raise_value_error("number of bits must be non-negative");
    }
    return random_bits((size_t)k);
}
static PY_DEFINE_FUN_1(random_getrandbits_obj, random_getrandbits);

static py_val randrange3(py_val start, py_val stop, py_val step) {
    py_val width = py_binary_op(PY_BINOP_SUB, stop, start);
    if (step == PY_SMALL(1)) {
        if (!is_less(PY_SMALL(0), width)) {
            py_raise_value_error("empty range for randrange()");
        }
        return py_binary_op(PY_BINOP_ADD, start, random_below(width));
    }
    if (step == PY_SMALL(0)) {
        py_raise_value_error("zero step for randrange()");
    }
    /* count = ceil(width / step), for either sign of step */
    py_val neg_width = py_unary_op(PY_UNOP_NEG, width);
    py_val count = py_unary_op(PY_UNOP_NEG, py_binary_op(PY_BINOP_FLOORDIV, neg_width, step));
    if (!is_less(PY_SMALL(0), count)) {
        py_raise_value_error("empty range for randrange()");
    }
    return py_binary_op(PY_BINOP_ADD, start, py_binary_op(PY_BINOP_MUL, step, random_below(count)));
}

static py_val random_randrange(size_t n_args, const py_val *args) {
    if (n_args == 1) {
        return randrange3(PY_SMALL(0), int_arg(args[0]), PY_SMALL(1));
    }
    py_val step = n_args > 2 ? int_arg(args[2]) : PY_SMALL(1);
    return randrange3(int_arg(args[0]), int_arg(args[1]), step);
}
static PY_DEFINE_FUN_VAR(random_randrange_obj, 1, 3, random_randrange);

static py_val random_randint(py_val a, py_val b) {
    a = int_arg(a);
    b = int_arg(b);
    return randrange3(a, py_binary_op(PY_BINOP_ADD, b, PY_SMALL(1)), PY_SMALL(1));
}
static PY_DEFINE_FUN_2(random_randint_obj, random_randint);

static py_val random_choice(py_val seq) {
    size_t n = py_len(seq);
    if (n == 0) {
        py_raise_msg(&py_type_IndexError, "Cannot choose from an empty sequence");
    }
    return py_subscr_load(seq, random_below(py_int_from_u64(n)));
}
static PY_DEFINE_FUN_1(random_choice_obj, random_choice);

/* shuffle(x): Fisher-Yates, in place */
static py_val random_shuffle(py_val seq) {
    size_t n = py_len(seq);
    for (size_t i = n; i > 1; i--) {
        py_val j = random_below(py_int_from_u64(i));
        py_val last = py_int_from_u64(i - 1);
        py_val a = py_subscr_load(seq, last), b = py_subscr_load(seq, j);
        py_subscr_store(seq, last, b);
        py_subscr_store(seq, j, a);
    }
    return PY_NONE;
}
static PY_DEFINE_FUN_1(random_shuffle_obj, random_shuffle);

/* ---- floats */

/* In [0, 1): as many random bits as the float's mantissa holds. */
static py_float_t random_unit(void) {
#if PY_FLOAT_SINGLE
    return (py_float_t)(rng_next() >> 8) * (py_float_t)(1.0 / 16777216.0);
#else
    uint32_t hi = rng_next() >> 5, lo = rng_next() >> 6; /* 27 + 26 = 53 bits */
    return ((double)hi * 67108864.0 + (double)lo) * (1.0 / 9007199254740992.0);
#endif
}

static py_val random_random(void) { return py_float_new(random_unit()); }
static PY_DEFINE_FUN_0(random_random_obj, random_random);

static py_val random_uniform(py_val a_arg, py_val b_arg) {
    py_float_t a = py_get_float(a_arg), b = py_get_float(b_arg);
    return py_float_new(a + (b - a) * random_unit());
}
static PY_DEFINE_FUN_2(random_uniform_obj, random_uniform);

/* seed(n=None): ints use their low 64 bits (and sign); other values their hash */
static py_val random_seed(size_t n_args, const py_val *args) {
    if (n_args == 0 || args[0] == PY_NONE) {
        rng_seed_from_entropy();
        return PY_NONE;
    }
    py_val v = args[0];
    uint64_t seed;
    if (py_is_int(v)) {
        v = int_arg(v);
        bool negative = is_less(v, PY_SMALL(0));
        py_val mag = py_unary_op(PY_UNOP_ABS, v);
        py_val low = py_binary_op(PY_BINOP_AND, mag, py_int_from_u64(0xffffffffu));
        py_val high = py_binary_op(PY_BINOP_AND, py_binary_op(PY_BINOP_RSHIFT, mag, PY_SMALL(32)),
                                   py_int_from_u64(0xffffffffu));
        seed = (uint64_t)py_get_i64(high) << 32 | (uint64_t)py_get_i64(low);
        if (negative) {
            seed = ~seed;
        }
    } else if (py_is_str(v) || py_is_bytes_like(v) || py_is_type(v, &py_type_float)) {
        seed = (uint64_t)py_hash(v) * 0x9e3779b97f4a7c15ULL;
    } else {
        py_raise_type_error("The only supported seed types are: None, int, float, str, bytes, "
                            "and bytearray.");
    }
    rng_seed(seed);
    return PY_NONE;
}
static PY_DEFINE_FUN_VAR(random_seed_obj, 0, 1, random_seed);

static const py_map_entry random_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_random)},
    {PY_QSTR(Q_seed), PY_OBJ(&random_seed_obj)},
    {PY_QSTR(Q_getrandbits), PY_OBJ(&random_getrandbits_obj)},
    {PY_QSTR(Q_randrange), PY_OBJ(&random_randrange_obj)},
    {PY_QSTR(Q_randint), PY_OBJ(&random_randint_obj)},
    {PY_QSTR(Q_choice), PY_OBJ(&random_choice_obj)},
    {PY_QSTR(Q_shuffle), PY_OBJ(&random_shuffle_obj)},
    {PY_QSTR(Q_random), PY_OBJ(&random_random_obj)},
    {PY_QSTR(Q_uniform), PY_OBJ(&random_uniform_obj)},
};
static PY_DEFINE_FIXED_DICT(random_globals, random_table);
PY_DEFINE_MODULE(py_module_random, random_globals);
PY_REGISTER_MODULE(Q_random, py_module_random);
