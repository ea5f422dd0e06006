/*
 * modhashlib.c - the hashlib module: SHA-256 and SHA-1 (FIPS 180-4) and
 * MD5 (RFC 1321).
 *
 * The three share the Merkle-Damgard frame: 64-byte blocks, a final block
 * padded with 0x80, zeros and the message length in bits. They differ in
 * the compression function, the state size and the byte order of words
 * (big-endian for SHA, little-endian for MD5). digest() finishes a copy of
 * the state, so update() may go on afterwards, as in CPython.
 */
#include <string.h>

#include "campy.h"

typedef struct hash_algo {
    uint16_t name; /* qstr */
    uint8_t digest_size;
    uint8_t state_words;
    bool little_endian;
    const uint32_t *initial_state;
    void (*compress)(uint32_t *state, const uint8_t *block);
} hash_algo;

typedef struct hash_obj {
    py_head head;
    const hash_algo *algo;
    uint64_t length; /* bytes hashed so far; length % 64 of them wait in block */
    uint32_t state[8];
    uint8_t block[64];
} hash_obj;

static uint32_t rotl(uint32_t x, unsigned n) { return (x << n) | (x >> (32 - n)); }
static uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static uint32_t load_be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t load_le32(const uint8_t *p) {
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* ---------------------------------------------------------------- SHA-256 */

/* The first 32 bits of the fractional parts of the cube roots of the first
 * 64 primes (FIPS 180-4, 4.2.2). */
static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Square roots of the first 8 primes, the same way. */
static const uint32_t sha256_initial[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static void sha256_compress(uint32_t *state, const uint8_t *block) {
    uint32_t w[64];
    for (int t = 0; t < 16; t++) {
        w[t] = load_be32(block + 4 * t);
    }
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = s1 + w[t - 7] + s0 + w[t - 16];
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; t++) {
        uint32_t big_s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        uint32_t choose = (e & f) ^ (~e & g);
        uint32_t t1 = h + big_s1 + choose + sha256_k[t] + w[t];
        uint32_t big_s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = big_s0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

/* ---------------------------------------------------------------- SHA-1 */

static const uint32_t sha1_initial[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
                                         0xc3d2e1f0};

static void sha1_compress(uint32_t *state, const uint8_t *block) {
    uint32_t w[16]; /* the message schedule, kept as a ring of 16 words */
    for (int t = 0; t < 16; t++) {
        w[t] = load_be32(block + 4 * t);
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
    for (int t = 0; t < 80; t++) {
        if (t >= 16) {
            w[t & 15] = rotl(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1);
        }
        uint32_t f, k;
        if (t < 20) {
            f = (b & c) ^ (~b & d);
            k = 0x5a827999;
        } else if (t < 40) {
            f = b ^ c ^ d;
            k = 0x6ed9eba1;
        } else if (t < 60) {
            f = (b & c) ^ (b & d) ^ (c & d);
            k = 0x8f1bbcdc;
        } else {
            f = b ^ c ^ d;
            k = 0xca62c1d6;
        }
        uint32_t temp = rotl(a, 5) + f + e + k + w[t & 15];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = temp;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
}

/* ---------------------------------------------------------------- MD5 */

/* floor(abs(sin(i + 1)) * 2**32), RFC 1321 3.4 */
static const uint32_t md5_t[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

/* The rotation of each step: four per round, repeated. */
static const uint8_t md5_shift[4][4] = {
    {7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}};

static void md5_compress(uint32_t *state, const uint8_t *block) {
    uint32_t x[16];
    for (int i = 0; i < 16; i++) {
        x[i] = load_le32(block + 4 * i);
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    for (int i = 0; i < 64; i++) {
        int round = i / 16;
        uint32_t f;
        int g;
        switch (round) {
        case 0:
            f = (b & c) | (~b & d);
            g = i;
            break;
        case 1:
            f = (b & d) | (c & ~d);
            g = (5 * i + 1) & 15;
            break;
        case 2:
            f = b ^ c ^ d;
            g = (3 * i + 5) & 15;
            break;
        default:
            f = c ^ (b | ~d);
            g = (7 * i) & 15;
            break;
        }
        uint32_t rotated = rotl(a + f + md5_t[i] + x[g], md5_shift[round][i & 3]);
        a = d;
        d = c;
        c = b;
        b = b + rotated;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
}

/* MD5 starts from the same four words as SHA-1 (RFC 1321 3.3). */
static const hash_algo sha256_algo = {Q_sha256, 32, 8, false, sha256_initial, sha256_compress};
static const hash_algo sha1_algo = {Q_sha1, 20, 5, false, sha1_initial, sha1_compress};
static const hash_algo md5_algo = {Q_md5, 16, 4, true, sha1_initial, md5_compress};

/* ---------------------------------------------------------------- the frame */

static void hash_feed(hash_obj *h, const uint8_t *p, size_t n) {
    size_t fill = (size_t)(h->length % 64);
    h->length += n;
    if (fill > 0) {
        size_t take = 64 - fill < n ? 64 - fill : n;
        memcpy(h->block + fill, p, take);
        p += take;
        n -= take;
        if (fill + take < 64) {
            return;
        }
        h->algo->compress(h->state, h->block);
    }
    for (; n >= 64; p += 64, n -= 64) {
        h->algo->compress(h->state, p);
    }
    memcpy(h->block, p, n);
}

/* Pads a copy of the running hash and writes the digest to out. */
static void hash_finish(const hash_obj *running, uint8_t *out) {
    hash_obj h = *running;
    uint64_t bits = h.length * 8;
    size_t fill = (size_t)(h.length % 64);
    uint8_t pad[72] = {0x80};
    size_t pad_len = (fill < 56 ? 56 : 120) - fill;
    for (int k = 0; k < 8; k++) {
        int shift = h.algo->little_endian ? 8 * k : 56 - 8 * k;
        pad[pad_len + (size_t)k] = (uint8_t)(bits >> shift);
    }
    hash_feed(&h, pad, pad_len + 8);
    for (size_t i = 0; i < h.algo->digest_size / 4u; i++) {
        uint32_t w = h.state[i];
        for (int k = 0; k < 4; k++) {
            int shift = h.algo->little_endian ? 8 * k : 24 - 8 * k;
            out[4 * i + (size_t)k] = (uint8_t)(w >> shift);
        }
    }
}

/* ---------------------------------------------------------------- objects */

static const py_type sha256_type, sha1_type, md5_type;

static hash_obj *hash_of(py_val v) {
    const py_type *t = py_type_of(v);
    if (t != &sha256_type && t != &sha1_type && t != &md5_type) {
        py_raise_type_error("expected a hash object, got '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

static void hash_update_with(hash_obj *h, py_val data) {
    if (py_is_str(data)) {
        py_raise_type_error("Strings must be encoded before hashing");
    }
    py_buffer b;
    py_get_buffer_or_raise(data, &b, PY_BUFFER_READ);
    hash_feed(h, b.buf, b.len);
}

static py_val hash_new(const py_type *type, const hash_algo *algo, py_val data) {
    hash_obj *h = py_gc_alloc_flags(sizeof(hash_obj), PY_GC_LEAF);
    h->head.type = type;
    h->algo = algo;
    memcpy(h->state, algo->initial_state, algo->state_words * sizeof(uint32_t));
    if (data != PY_NULL) {
        hash_update_with(h, data);
    }
    return PY_OBJ(h);
}

static const hash_algo *algo_of_type(const py_type *type) {
    return type == &sha256_type ? &sha256_algo : type == &sha1_type ? &sha1_algo : &md5_algo;
}

static py_val hash_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    static const py_arg_spec spec[] = {{Q_data, 0, PY_NULL}};
    py_val data;
    py_parse_args_raw(n_args, n_kw, args, 1, spec, &data);
    return hash_new(type, algo_of_type(type), data);
}

static py_val hash_update(py_val self, py_val data) {
    hash_update_with(hash_of(self), data);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(hash_update_obj, hash_update);

static py_val hash_digest(py_val self) {
    hash_obj *h = hash_of(self);
    uint8_t out[32];
    hash_finish(h, out);
    return py_bytes_new(out, h->algo->digest_size);
}
static PY_DEFINE_FUN_1(hash_digest_obj, hash_digest);

static py_val hash_hexdigest(py_val self) {
    hash_obj *h = hash_of(self);
    uint8_t out[32];
    char text[64];
    hash_finish(h, out);
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < h->algo->digest_size; i++) {
        text[2 * i] = digits[out[i] >> 4];
        text[2 * i + 1] = digits[out[i] & 15];
    }
    return py_str_new(text, 2u * h->algo->digest_size);
}
static PY_DEFINE_FUN_1(hash_hexdigest_obj, hash_hexdigest);

static py_val hash_copy(py_val self) {
    hash_obj *h = hash_of(self);
    hash_obj *c = py_gc_alloc_flags(sizeof(hash_obj), PY_GC_LEAF);
    *c = *h;
    return PY_OBJ(c);
}
static PY_DEFINE_FUN_1(hash_copy_obj, hash_copy);

static void hash_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] != PY_NULL) {
        return;
    }
    hash_obj *h = hash_of(self);
    if (name == Q_name) {
        dest[0] = PY_QSTR(h->algo->name);
    } else if (name == Q_digest_size) {
        dest[0] = PY_SMALL(h->algo->digest_size);
    } else if (name == Q_block_size) {
        dest[0] = PY_SMALL(64);
    }
}

static void hash_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_printf(out, "<%q hash object at %p>", (py_qstr)hash_of(self)->algo->name, py_ptr(self));
}

static const py_map_entry hash_locals_table[] = {
    {PY_QSTR(Q_update), PY_OBJ(&hash_update_obj)},
    {PY_QSTR(Q_digest), PY_OBJ(&hash_digest_obj)},
    {PY_QSTR(Q_hexdigest), PY_OBJ(&hash_hexdigest_obj)},
    {PY_QSTR(Q_copy), PY_OBJ(&hash_copy_obj)},
};
static PY_DEFINE_FIXED_DICT(hash_locals, hash_locals_table);

#define HASH_TYPE(c_name, q_name)                                                                  \
    static const py_type c_name = {                                                                \
        .head = {&py_type_type},                                                                   \
        .name = q_name,                                                                            \
        .print = hash_print,                                                                       \
        .make_new = hash_make_new,                                                                 \
        .attr = hash_attr,                                                                         \
        .locals = PY_OBJ(&hash_locals),                                                            \
    }

HASH_TYPE(sha256_type, Q_sha256);
HASH_TYPE(sha1_type, Q_sha1);
HASH_TYPE(md5_type, Q_md5);

/* new(name, data=b'') */
static py_val hashlib_new(size_t n_args, const py_val *args) {
    size_t len;
    const char *name = py_get_str(args[0], &len);
    const py_type *types[] = {&sha256_type, &sha1_type, &md5_type};
    for (size_t i = 0; i < 3; i++) {
        const char *candidate = py_qstr_str((py_qstr)types[i]->name);
        if (strlen(candidate) == len && memcmp(candidate, name, len) == 0) {
            return hash_new(types[i], algo_of_type(types[i]), n_args > 1 ? args[1] : PY_NULL);
        }
    }
    py_raise_value_error("unsupported hash type %.*s", (int)len, name);
}
static PY_DEFINE_FUN_VAR(hashlib_new_obj, 1, 2, hashlib_new);

static const py_map_entry hashlib_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_hashlib)},  {PY_QSTR(Q_sha256), PY_OBJ(&sha256_type)},
    {PY_QSTR(Q_sha1), PY_OBJ(&sha1_type)},      {PY_QSTR(Q_md5), PY_OBJ(&md5_type)},
    {PY_QSTR(Q_new), PY_OBJ(&hashlib_new_obj)},
};
static PY_DEFINE_FIXED_DICT(hashlib_globals, hashlib_table);
PY_DEFINE_MODULE(py_module_hashlib, hashlib_globals);
PY_REGISTER_MODULE(Q_hashlib, py_module_hashlib);
