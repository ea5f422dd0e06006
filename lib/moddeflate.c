/*
 * moddeflate.c - the deflate module: DeflateIO, a stream that decompresses
 * what it reads from another stream, or compresses what is written to it.
 *
 * Formats: raw DEFLATE (RFC 1951), zlib (RFC 1950, Adler-32 checked) and
 * gzip (RFC 1952, CRC-32 and length checked); AUTO tells zlib from gzip by
 * the first bytes when reading, and writes raw data. As on MicroPython,
 * wbits 0 means a window of 256 bytes for raw data and for compressing, the
 * header's size for zlib and 32 KiB for gzip.
 *
 * Decompression is a resumable state machine: it stops when the caller's
 * buffer is full, in the middle of a stored block or of a match copy if
 * need be, and it takes bytes from the underlying stream one at a time,
 * only when it needs them, so whatever follows the compressed data in that
 * stream is left unread. Huffman codes are decoded canonically, bit by bit,
 * from the count of codes of each length: slower than lookup tables but
 * small, and every malformed input ends in an error.
 *
 * Compression finds matches in the window through hash chains of bounded
 * length and codes everything as one block with the fixed Huffman codes,
 * so nothing needs buffering beyond the window itself.
 */
#include <string.h>

#include "campy.h"

enum { FORMAT_AUTO, FORMAT_RAW, FORMAT_ZLIB, FORMAT_GZIP };

#define MIN_MATCH 3
#define MAX_MATCH 258
#define MAX_CHAIN 96 /* candidates looked at for each match */

/* ================================================================ checksums */

static uint32_t adler32_update(uint32_t adler, const uint8_t *p, size_t n) {
    uint32_t a = adler & 0xffff, b = adler >> 16;
    while (n > 0) {
        /* 5552 bytes is the most that cannot overflow 32 bits before the modulo */
        size_t chunk = n < 5552 ? n : 5552;
        n -= chunk;
        while (chunk-- > 0) {
            a += *p++;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    return b << 16 | a;
}

/* CRC-32 (the gzip and zlib polynomial, reflected) four bits at a time, so
 * the table is 16 words instead of 256. */
static const uint32_t crc_nibble_table[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
    0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c, 0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc;
    while (n-- > 0) {
        crc ^= *p++;
        crc = (crc >> 4) ^ crc_nibble_table[crc & 15];
        crc = (crc >> 4) ^ crc_nibble_table[crc & 15];
    }
    return ~crc;
}

/* ================================================================ tables of RFC 1951 */

static const uint16_t length_base[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                         15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                         67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                         2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
/* the order code length code lengths are sent in */
static const uint8_t code_length_order[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                              11, 4,  12, 3, 13, 2, 14, 1, 15};

/* ================================================================ the object */

typedef struct inflater inflater;
typedef struct deflater deflater;

typedef struct deflateio {
    py_head head;
    py_val stream;
    const py_stream_proto *proto; /* the stream's, or NULL: use its methods */
    uint8_t format;
    uint8_t wbits;
    bool close_stream;
    bool closed;
    inflater *in;  /* made by the first read */
    deflater *out; /* made by the first write */
} deflateio;

static const py_type deflateio_type;

static _Noreturn void data_error(const char *what) {
    py_raise_msg(&py_type_OSError, "deflate: %s", what);
}

/* ---- the underlying stream */

static const py_stream_proto *stream_proto_of(py_val v) {
    if (!py_is_obj(v)) {
        return NULL;
    }
    for (const py_type *t = py_type_of(v); t != NULL; t = t->base) {
        if (t->protocol != NULL) {
            return t->protocol;
        }
    }
    return NULL;
}

/* The next byte of the stream, or -1 at its end. */
static int stream_get_byte(deflateio *d) {
    if (d->proto != NULL && d->proto->read != NULL) {
        uint8_t b;
        int err = 0;
        size_t n = d->proto->read(d->stream, &b, 1, &err);
        if (n == PY_STREAM_ERROR) {
            py_raise_oserror(err);
        }
        return n == 0 ? -1 : b;
    }
    py_val one = PY_SMALL(1);
    py_val r = py_call_method_name(d->stream, Q_read, 1, &one);
    if (r == PY_NONE) {
        return -1;
    }
    py_buffer buf;
    py_get_buffer_or_raise(r, &buf, PY_BUFFER_READ);
    if (buf.len > 1) {
        py_raise_value_error("read(1) of the underlying stream gave %zu bytes", buf.len);
    }
    return buf.len == 0 ? -1 : ((const uint8_t *)buf.buf)[0];
}

static void stream_put(deflateio *d, const uint8_t *data, size_t n) {
    if (n == 0) {
        return;
    }
    if (d->proto != NULL && d->proto->write != NULL) {
        while (n > 0) {
            int err = 0;
            size_t done = d->proto->write(d->stream, data, n, &err);
            if (done == PY_STREAM_ERROR) {
                py_raise_oserror(err);
            }
            if (done == 0) {
                py_raise_oserror(11); /* EAGAIN: non-blocking streams are not supported */
            }
            data += done;
            n -= done;
        }
        return;
    }
    /* a Python write() may take part of it and say how much (None: all) */
    while (n > 0) {
        py_val chunk = py_bytes_new(data, n);
        py_val r = py_call_method_name(d->stream, Q_write, 1, &chunk);
        py_int_t done;
        if (r == PY_NONE || !py_get_int_maybe(r, &done) || done < 0 || (size_t)done >= n) {
            return;
        }
        if (done == 0) {
            py_raise_oserror(11); /* EAGAIN: non-blocking streams are not supported */
        }
        data += done;
        n -= (size_t)done;
    }
}

/* ================================================================ decompression */

typedef struct huffman {
    uint16_t count[16];   /* codes of each length */
    uint16_t symbol[288]; /* symbols in the order of their codes */
} huffman;

enum {
    IN_HEADER,  /* the zlib or gzip header is next */
    IN_BLOCK,   /* a block header is next */
    IN_STORED,  /* inside a stored block */
    IN_CODES,   /* inside a Huffman-coded block */
    IN_COPY,    /* copying a match */
    IN_TRAILER, /* the checksum is next */
    IN_DONE,
};

struct inflater {
    uint32_t bits;
    unsigned n_bits;
    int state;
    int format; /* RAW, ZLIB or GZIP once the header was read */
    bool last_block;
    size_t stored_left;
    size_t copy_len, copy_dist;
    uint8_t *window;
    size_t window_size; /* a power of two */
    size_t total;       /* bytes produced so far */
    uint32_t check;
    huffman lengths, dists;
};

static int get_byte_or_eof(deflateio *d) {
    int b = stream_get_byte(d);
    if (b < 0) {
        py_raise_msg(&py_type_EOFError, "deflate: compressed data ends too soon");
    }
    return b;
}

static unsigned get_bits(deflateio *d, unsigned n) {
    inflater *s = d->in;
    while (s->n_bits < n) {
        s->bits |= (uint32_t)get_byte_or_eof(d) << s->n_bits;
        s->n_bits += 8;
    }
    unsigned v = s->bits & ((1u << n) - 1);
    s->bits >>= n;
    s->n_bits -= n;
    return v;
}

static void drop_to_byte(inflater *s) {
    s->bits >>= s->n_bits & 7;
    s->n_bits -= s->n_bits & 7;
}

/* A whole byte, after the bits already taken from the stream. */
static unsigned get_aligned_byte(deflateio *d) { return get_bits(d, 8); }

/* Builds the canonical code from each symbol's code length. false if the
 * lengths describe more codes than there is room for. */
static bool huffman_build(huffman *h, const uint8_t *lengths, size_t n) {
    memset(h->count, 0, sizeof(h->count));
    for (size_t i = 0; i < n; i++) {
        h->count[lengths[i]]++;
    }
    h->count[0] = 0;
    int left = 1;
    for (int len = 1; len < 16; len++) {
        left = left * 2 - h->count[len];
        if (left < 0) {
            return false;
        }
    }
    uint16_t offset[16];
    offset[1] = 0;
    for (int len = 1; len < 15; len++) {
        offset[len + 1] = (uint16_t)(offset[len] + h->count[len]);
    }
    for (size_t i = 0; i < n; i++) {
        if (lengths[i] != 0) {
            h->symbol[offset[lengths[i]]++] = (uint16_t)i;
        }
    }
    return true;
}

/* Reads one code bit by bit: codes of each length are consecutive numbers
 * following those of the length before, doubled. */
static int huffman_decode(deflateio *d, const huffman *h) {
    int code = 0, first = 0, index = 0;
    for (int len = 1; len < 16; len++) {
        code |= (int)get_bits(d, 1);
        int count = h->count[len];
        if (code < first + count) {
            return h->symbol[index + code - first];
        }
        index += count;
        first = (first + count) << 1;
        code <<= 1;
    }
    data_error("invalid Huffman code");
}

static void build_fixed_codes(inflater *s) {
    uint8_t lengths[288];
    size_t i = 0;
    for (; i < 144; i++) {
        lengths[i] = 8;
    }
    for (; i < 256; i++) {
        lengths[i] = 9;
    }
    for (; i < 280; i++) {
        lengths[i] = 7;
    }
    for (; i < 288; i++) {
        lengths[i] = 8;
    }
    huffman_build(&s->lengths, lengths, 288);
    for (i = 0; i < 30; i++) {
        lengths[i] = 5;
    }
    huffman_build(&s->dists, lengths, 30);
}

static void read_dynamic_codes(deflateio *d) {
    inflater *s = d->in;
    size_t n_lengths = get_bits(d, 5) + 257;
    size_t n_dists = get_bits(d, 5) + 1;
    size_t n_code_lengths = get_bits(d, 4) + 4;
    if (n_lengths > 286 || n_dists > 30) {
        data_error("too many length or distance codes");
    }
    uint8_t lengths[288 + 32];
    memset(lengths, 0, 19);
    for (size_t i = 0; i < n_code_lengths; i++) {
        lengths[code_length_order[i]] = (uint8_t)get_bits(d, 3);
    }
    huffman code_lengths;
    if (!huffman_build(&code_lengths, lengths, 19)) {
        data_error("invalid code lengths code");
    }
    size_t n = 0;
    while (n < n_lengths + n_dists) {
        int sym = huffman_decode(d, &code_lengths);
        if (sym < 16) {
            lengths[n++] = (uint8_t)sym;
            continue;
        }
        uint8_t value = 0;
        size_t repeat;
        if (sym == 16) {
            if (n == 0) {
                data_error("length repeat with no length before it");
            }
            value = lengths[n - 1];
            repeat = 3 + get_bits(d, 2);
        } else if (sym == 17) {
            repeat = 3 + get_bits(d, 3);
        } else {
            repeat = 11 + get_bits(d, 7);
        }
        if (n + repeat > n_lengths + n_dists) {
            data_error("too many code lengths");
        }
        while (repeat-- > 0) {
            lengths[n++] = value;
        }
    }
    if (lengths[256] == 0) {
        data_error("no end-of-block code");
    }
    if (!huffman_build(&s->lengths, lengths, n_lengths) ||
        !huffman_build(&s->dists, lengths + n_lengths, n_dists)) {
        data_error("invalid literal/length or distance code");
    }
}

static void start_block(deflateio *d) {
    inflater *s = d->in;
    if (s->last_block) {
        s->state = IN_TRAILER;
        return;
    }
    s->last_block = get_bits(d, 1) != 0;
    switch (get_bits(d, 2)) {
    case 0: {
        drop_to_byte(s);
        unsigned len = get_aligned_byte(d);
        len |= get_aligned_byte(d) << 8;
        unsigned nlen = get_aligned_byte(d);
        nlen |= get_aligned_byte(d) << 8;
        if ((len ^ 0xffff) != nlen) {
            data_error("stored block length does not match its complement");
        }
        s->stored_left = len;
        s->state = IN_STORED;
        break;
    }
    case 1:
        build_fixed_codes(s);
        s->state = IN_CODES;
        break;
    case 2:
        read_dynamic_codes(d);
        s->state = IN_CODES;
        break;
    default:
        data_error("invalid block type");
    }
}

static void allocate_window(inflater *s, unsigned wbits) {
    s->window_size = (size_t)1 << wbits;
    s->window = py_gc_alloc_flags(s->window_size, PY_GC_LEAF);
}

static void read_gzip_header(deflateio *d) {
    if (get_aligned_byte(d) != 0x1f || get_aligned_byte(d) != 0x8b) {
        data_error("not gzip data");
    }
    if (get_aligned_byte(d) != 8) {
        data_error("unknown gzip compression method");
    }
    unsigned flags = get_aligned_byte(d);
    for (int i = 0; i < 6; i++) {
        get_aligned_byte(d); /* time, extra flags, system */
    }
    if (flags & 4) { /* FEXTRA */
        unsigned len = get_aligned_byte(d);
        len |= get_aligned_byte(d) << 8;
        while (len-- > 0) {
            get_aligned_byte(d);
        }
    }
    for (unsigned bit = 8; bit <= 16; bit <<= 1) { /* FNAME, FCOMMENT */
        if (flags & bit) {
            while (get_aligned_byte(d) != 0) {
            }
        }
    }
    if (flags & 2) { /* FHCRC */
        get_aligned_byte(d);
        get_aligned_byte(d);
    }
    d->in->format = FORMAT_GZIP;
    d->in->check = 0;
    allocate_window(d->in, d->wbits != 0 ? d->wbits : 15);
}

static void read_zlib_header(deflateio *d, unsigned first) {
    unsigned cmf = first, flg = get_aligned_byte(d);
    if ((cmf & 15) != 8 || (cmf >> 4) > 7 || (cmf * 256 + flg) % 31 != 0) {
        data_error("not zlib data");
    }
    if (flg & 0x20) {
        data_error("zlib data with a preset dictionary is not supported");
    }
    unsigned wbits = (cmf >> 4) + 8;
    if (d->wbits != 0 && d->wbits < wbits) {
        data_error("window of the zlib data larger than wbits");
    }
    d->in->format = FORMAT_ZLIB;
    d->in->check = 1;
    allocate_window(d->in, wbits);
}

static void read_header(deflateio *d) {
    inflater *s = d->in;
    switch (d->format) {
    case FORMAT_RAW:
        s->format = FORMAT_RAW;
        allocate_window(s, d->wbits != 0 ? d->wbits : 8);
        break;
    case FORMAT_GZIP:
        read_gzip_header(d);
        break;
    case FORMAT_ZLIB:
        read_zlib_header(d, get_aligned_byte(d));
        break;
    default: {
        int first = stream_get_byte(d);
        if (first < 0) {
            py_raise_msg(&py_type_EOFError, "deflate: no compressed data");
        }
        if (first == 0x1f) {
            /* put the byte back as pending bits for the gzip header reader */
            s->bits = 0x1f;
            s->n_bits = 8;
            read_gzip_header(d);
        } else {
            read_zlib_header(d, (unsigned)first);
        }
        break;
    }
    }
    s->state = IN_BLOCK;
}

static uint32_t read_le32(deflateio *d) {
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        v |= (uint32_t)get_aligned_byte(d) << (8 * i);
    }
    return v;
}

static void read_trailer(deflateio *d) {
    inflater *s = d->in;
    drop_to_byte(s);
    if (s->format == FORMAT_ZLIB) {
        uint32_t v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | get_aligned_byte(d);
        }
        if (v != s->check) {
            data_error("Adler-32 checksum mismatch");
        }
    } else if (s->format == FORMAT_GZIP) {
        if (read_le32(d) != s->check) {
            data_error("CRC-32 checksum mismatch");
        }
        if (read_le32(d) != (uint32_t)s->total) {
            data_error("length of the data does not match the gzip trailer");
        }
    }
    s->state = IN_DONE;
}

static void fold_check(inflater *s, const uint8_t *p, size_t n) {
    if (s->format == FORMAT_ZLIB) {
        s->check = adler32_update(s->check, p, n);
    } else if (s->format == FORMAT_GZIP) {
        s->check = crc32_update(s->check, p, n);
    }
}

static void put_out(inflater *s, uint8_t *out, size_t *got, uint8_t b) {
    out[(*got)++] = b;
    s->window[s->total & (s->window_size - 1)] = b;
    s->total++;
}

/* A length/distance pair after length symbol sym. */
static void start_copy(deflateio *d, int sym) {
    inflater *s = d->in;
    if (sym > 285) {
        data_error("invalid length code");
    }
    size_t len = length_base[sym - 257] + get_bits(d, length_extra[sym - 257]);
    int dsym = huffman_decode(d, &s->dists);
    if (dsym > 29) {
        data_error("invalid distance code");
    }
    size_t dist = dist_base[dsym] + get_bits(d, dist_extra[dsym]);
    if (dist > s->total) {
        data_error("distance too far back");
    }
    if (dist > s->window_size) {
        data_error("distance beyond the window (wbits too small)");
    }
    s->copy_len = len;
    s->copy_dist = dist;
    s->state = IN_COPY;
}

/* Decompresses up to `want` bytes into out; fewer only at the end. */
static size_t inflate_some(deflateio *d, uint8_t *out, size_t want) {
    inflater *s = d->in;
    size_t got = 0, checked = 0;
    while (got < want && s->state != IN_DONE) {
        switch (s->state) {
        case IN_HEADER:
            read_header(d);
            break;
        case IN_BLOCK:
            start_block(d);
            break;
        case IN_STORED:
            while (s->stored_left > 0 && got < want) {
                put_out(s, out, &got, (uint8_t)get_aligned_byte(d));
                s->stored_left--;
            }
            if (s->stored_left == 0) {
                s->state = IN_BLOCK;
            }
            break;
        case IN_CODES:
            while (got < want) {
                int sym = huffman_decode(d, &s->lengths);
                if (sym < 256) {
                    put_out(s, out, &got, (uint8_t)sym);
                } else if (sym == 256) {
                    s->state = IN_BLOCK;
                    break;
                } else {
                    start_copy(d, sym);
                    break;
                }
            }
            break;
        case IN_COPY: {
            size_t mask = s->window_size - 1;
            while (s->copy_len > 0 && got < want) {
                put_out(s, out, &got, s->window[(s->total - s->copy_dist) & mask]);
                s->copy_len--;
            }
            if (s->copy_len == 0) {
                s->state = IN_CODES;
            }
            break;
        }
        default: /* IN_TRAILER */
            fold_check(s, out + checked, got - checked);
            checked = got;
            read_trailer(d);
            break;
        }
        if (py_pending) {
            py_handle_pending();
        }
    }
    fold_check(s, out + checked, got - checked);
    return got;
}

/* ================================================================ compression */

struct deflater {
    uint8_t *buf;    /* window of history, then the bytes not yet coded */
    size_t window;   /* history kept: 2^wbits */
    size_t size;     /* of buf: twice the window and a longest match */
    size_t pos, end; /* next byte to code; bytes in buf */
    uint32_t *head;  /* per hash: latest position + 1, 0 for none */
    uint32_t *prev;  /* per position (mod window): the one before with its hash */
    unsigned hash_bits;
    uint32_t bits; /* pending output bits, first ones lowest */
    unsigned n_bits;
    uint8_t out[128]; /* bytes waiting to go to the stream */
    size_t out_len;
    uint32_t check;
    size_t total;
    bool started;
};

static void flush_out(deflateio *d) {
    deflater *z = d->out;
    stream_put(d, z->out, z->out_len);
    z->out_len = 0;
}

static void put_byte(deflateio *d, uint8_t b) {
    deflater *z = d->out;
    if (z->out_len == sizeof(z->out)) {
        flush_out(d);
    }
    z->out[z->out_len++] = b;
}

static void put_bits(deflateio *d, uint32_t v, unsigned n) {
    deflater *z = d->out;
    z->bits |= v << z->n_bits;
    z->n_bits += n;
    while (z->n_bits >= 8) {
        put_byte(d, (uint8_t)z->bits);
        z->bits >>= 8;
        z->n_bits -= 8;
    }
}

/* Huffman codes go out with their first bit the highest one. */
static void put_code(deflateio *d, uint32_t code, unsigned n) {
    uint32_t reversed = 0;
    for (unsigned i = 0; i < n; i++) {
        reversed = reversed << 1 | ((code >> i) & 1);
    }
    put_bits(d, reversed, n);
}

/* A literal/length symbol in the fixed code. */
static void put_fixed_symbol(deflateio *d, unsigned sym) {
    if (sym < 144) {
        put_code(d, 0x30 + sym, 8);
    } else if (sym < 256) {
        put_code(d, 0x190 + sym - 144, 9);
    } else if (sym < 280) {
        put_code(d, sym - 256, 7);
    } else {
        put_code(d, 0xc0 + sym - 280, 8);
    }
}

static void put_match(deflateio *d, size_t len, size_t dist) {
    unsigned i = 28;
    while (length_base[i] > len) {
        i--;
    }
    put_fixed_symbol(d, 257 + i);
    put_bits(d, (uint32_t)(len - length_base[i]), length_extra[i]);
    unsigned k = 29;
    while (dist_base[k] > dist) {
        k--;
    }
    put_code(d, k, 5);
    put_bits(d, (uint32_t)(dist - dist_base[k]), dist_extra[k]);
}

static void put_be16(deflateio *d, unsigned v) {
    put_byte(d, (uint8_t)(v >> 8));
    put_byte(d, (uint8_t)v);
}

static void put_le32(deflateio *d, uint32_t v) {
    for (int i = 0; i < 4; i++) {
        put_byte(d, (uint8_t)(v >> (8 * i)));
    }
}

static void write_header(deflateio *d) {
    deflater *z = d->out;
    if (d->format == FORMAT_ZLIB) {
        unsigned cinfo = d->wbits > 8 ? d->wbits - 8u : 0u;
        unsigned cmf = cinfo << 4 | 8, flg = 2u << 6; /* the default compression level */
        flg += 31 - (cmf * 256 + flg) % 31;
        put_be16(d, cmf << 8 | flg);
        z->check = 1;
    } else if (d->format == FORMAT_GZIP) {
        static const uint8_t gzip_header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 3};
        for (int i = 0; i < 10; i++) {
            put_byte(d, gzip_header[i]);
        }
        z->check = 0;
    }
    put_bits(d, 1, 1); /* the only block, so the last one */
    put_bits(d, 1, 2); /* fixed Huffman codes */
    z->started = true;
}

static unsigned hash_at(const deflater *z, size_t p) {
    uint32_t v = (uint32_t)z->buf[p] << 16 | (uint32_t)z->buf[p + 1] << 8 | z->buf[p + 2];
    return (v * 2654435761u) >> (32 - z->hash_bits);
}

static void insert_position(deflater *z, size_t p) {
    unsigned h = hash_at(z, p);
    z->prev[p & (z->window - 1)] = z->head[h];
    z->head[h] = (uint32_t)p + 1;
}

/* Extra bits a distance costs beyond its 5-bit code. */
static unsigned distance_extra_bits(size_t dist) {
    unsigned k = 29;
    while (dist_base[k] > dist) {
        k--;
    }
    return dist_extra[k];
}

/* The best earlier match for the bytes at p, within the window: the
 * longest, unless a nearer one is shorter by less than the extra bits the
 * farther distance costs. */
static size_t longest_match(const deflater *z, size_t p, size_t avail, size_t *dist) {
    size_t best = 0, limit = avail < MAX_MATCH ? avail : MAX_MATCH;
    long best_score = 0;
    uint32_t candidate = z->head[hash_at(z, p)];
    const uint8_t *here = z->buf + p;
    for (int chain = 0; candidate != 0 && chain < MAX_CHAIN; chain++) {
        size_t c = candidate - 1;
        if (c >= p || p - c > z->window) {
            break;
        }
        const uint8_t *there = z->buf + c;
        if (there[best] == here[best] && there[0] == here[0]) {
            size_t len = 0;
            while (len < limit && there[len] == here[len]) {
                len++;
            }
            /* a literal costs about 8.5 bits: score matches in half bits */
            long score =
                len < MIN_MATCH ? 0 : (long)(17 * len) - 2 * (long)distance_extra_bits(p - c);
            if (len > best && score > best_score) {
                best = len;
                best_score = score;
                *dist = p - c;
                if (len == limit) {
                    break;
                }
            }
        }
        uint32_t next = z->prev[c & (z->window - 1)];
        if (next >= candidate) {
            break; /* that slot was reused by a later position */
        }
        candidate = next;
    }
    return best;
}

/* Codes the bytes at pos while at least `keep` remain after them. */
static void compress_upto(deflateio *d, size_t keep) {
    deflater *z = d->out;
    while (z->end - z->pos > keep) {
        size_t p = z->pos, avail = z->end - p, dist = 0, len = 0;
        if (avail >= MIN_MATCH) {
            len = longest_match(z, p, avail, &dist);
            insert_position(z, p);
        }
        if (len >= MIN_MATCH) {
            put_match(d, len, dist);
            for (size_t k = 1; k < len; k++) {
                if (z->end - (p + k) >= MIN_MATCH) {
                    insert_position(z, p + k);
                }
            }
            z->pos = p + len;
        } else {
            put_fixed_symbol(d, z->buf[p]);
            z->pos = p + 1;
        }
    }
}

/* Moves the last window of history to the front of buf. */
static void slide(deflater *z) {
    size_t w = z->window;
    memmove(z->buf, z->buf + w, z->end - w);
    z->pos -= w;
    z->end -= w;
    size_t n_head = (size_t)1 << z->hash_bits;
    for (size_t i = 0; i < n_head; i++) {
        z->head[i] = z->head[i] > w ? z->head[i] - (uint32_t)w : 0;
    }
    for (size_t i = 0; i < w; i++) {
        z->prev[i] = z->prev[i] > w ? z->prev[i] - (uint32_t)w : 0;
    }
}

static void deflate_write(deflateio *d, const uint8_t *data, size_t n) {
    deflater *z = d->out;
    if (!z->started) {
        write_header(d);
    }
    z->check = d->format == FORMAT_GZIP ? crc32_update(z->check, data, n)
                                        : adler32_update(z->check, data, n);
    z->total += n;
    while (n > 0) {
        if (z->end == z->size) {
            compress_upto(d, MAX_MATCH - 1);
            slide(z);
        }
        size_t room = z->size - z->end, k = n < room ? n : room;
        memcpy(z->buf + z->end, data, k);
        z->end += k;
        data += k;
        n -= k;
        compress_upto(d, MAX_MATCH - 1);
        if (py_pending) {
            py_handle_pending();
        }
    }
}

static void deflate_finish(deflateio *d) {
    deflater *z = d->out;
    if (!z->started) {
        write_header(d);
    }
    compress_upto(d, 0);
    put_fixed_symbol(d, 256);
    if (z->n_bits > 0) {
        put_bits(d, 0, 8 - z->n_bits);
    }
    if (d->format == FORMAT_ZLIB) {
        put_be16(d, z->check >> 16);
        put_be16(d, z->check & 0xffff);
    } else if (d->format == FORMAT_GZIP) {
        put_le32(d, z->check);
        put_le32(d, (uint32_t)z->total);
    }
    flush_out(d);
}

static deflater *deflater_new(unsigned wbits) {
    deflater *z = py_new(deflater);
    z->window = (size_t)1 << wbits;
    z->size = 2 * z->window + MAX_MATCH;
    z->buf = py_gc_alloc_flags(z->size, PY_GC_LEAF);
    z->hash_bits = wbits < 9 ? 9 : wbits > 14 ? 14 : wbits;
    z->head = py_gc_alloc_flags(((size_t)1 << z->hash_bits) * sizeof(uint32_t), PY_GC_LEAF);
    z->prev = py_gc_alloc_flags(z->window * sizeof(uint32_t), PY_GC_LEAF);
    return z;
}

/* ================================================================ DeflateIO */

static deflateio *deflateio_of(py_val v) {
    if (!py_isinstance(v, &deflateio_type)) {
        py_raise_type_error("expected a DeflateIO, not '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

static void check_open(deflateio *d) {
    if (d->closed) {
        py_raise_msg(&py_type_OSError, "deflate: stream is closed");
    }
}

static deflateio *reader_of(py_val v) {
    deflateio *d = deflateio_of(v);
    check_open(d);
    if (d->out != NULL) {
        py_raise_msg(&py_type_OSError, "deflate: stream is being written");
    }
    if (d->in == NULL) {
        d->in = py_new(inflater);
        d->in->state = IN_HEADER;
    }
    return d;
}

static deflateio *writer_of(py_val v) {
    deflateio *d = deflateio_of(v);
    check_open(d);
    if (d->in != NULL) {
        py_raise_msg(&py_type_OSError, "deflate: stream is being read");
    }
    if (d->out == NULL) {
        d->out = deflater_new(d->wbits != 0 ? d->wbits : 8);
    }
    return d;
}

/* DeflateIO(stream, format=AUTO, wbits=0, close=False, /) */
static py_val deflateio_make_new(const py_type *type, size_t n_args, size_t n_kw,
                                 const py_val *args) {
    py_check_nargs(n_args, n_kw, 1, 4, false);
    py_int_t format = n_args > 1 ? py_get_int(args[1]) : FORMAT_AUTO;
    py_int_t wbits = n_args > 2 ? py_get_int(args[2]) : 0;
    if (format < FORMAT_AUTO || format > FORMAT_GZIP) {
        py_raise_value_error("format must be AUTO, RAW, ZLIB or GZIP");
    }
    if (wbits != 0 && (wbits < 5 || wbits > 15)) {
        py_raise_value_error("wbits must be 0 or between 5 and 15");
    }
    deflateio *d = py_new(deflateio);
    d->head.type = type;
    d->stream = args[0];
    d->proto = stream_proto_of(args[0]);
    d->format = (uint8_t)format;
    d->wbits = (uint8_t)wbits;
    d->close_stream = n_args > 3 && py_truthy(args[3]);
    return PY_OBJ(d);
}

/* read(n=-1): up to n bytes, all that is left when n is negative or absent. */
static py_val deflateio_read(size_t n_args, const py_val *args) {
    deflateio *d = reader_of(args[0]);
    py_int_t n = n_args > 1 && args[1] != PY_NONE ? py_get_int(args[1]) : -1;
    /* grows as data comes, so read(huge) needs no huge buffer up front */
    size_t left = n >= 0 ? (size_t)n : SIZE_MAX;
    py_buf b;
    py_buf_init(&b, left < 256 ? left : 256);
    while (left > 0) {
        size_t room = b.alloc - b.len < 64 ? 1024 : b.alloc - b.len;
        room = room < left ? room : left;
        char *dst = py_buf_extend(&b, room);
        size_t got = inflate_some(d, (uint8_t *)dst, room);
        b.len -= room - got;
        left -= got;
        if (got < room) {
            break;
        }
    }
    return py_buf_to_bytes(&b);
}
static PY_DEFINE_FUN_VAR(deflateio_read_obj, 1, 2, deflateio_read);

/* readinto(buf, n=len(buf)) */
static py_val deflateio_readinto(size_t n_args, const py_val *args) {
    deflateio *d = reader_of(args[0]);
    py_buffer buf;
    py_get_buffer_or_raise(args[1], &buf, PY_BUFFER_WRITE);
    size_t n = buf.len;
    if (n_args > 2) {
        py_int_t limit = py_get_int(args[2]);
        if (limit >= 0 && (size_t)limit < n) {
            n = (size_t)limit;
        }
    }
    return py_int_from_u64(inflate_some(d, buf.buf, n));
}
static PY_DEFINE_FUN_VAR(deflateio_readinto_obj, 2, 3, deflateio_readinto);

/* readline(limit=-1): through the next b"\n" or to the end. */
static py_val deflateio_readline(size_t n_args, const py_val *args) {
    deflateio *d = reader_of(args[0]);
    py_int_t limit = n_args > 1 && args[1] != PY_NONE ? py_get_int(args[1]) : -1;
    py_buf b;
    py_buf_init(&b, 64);
    while (limit < 0 || (py_int_t)b.len < limit) {
        uint8_t c;
        if (inflate_some(d, &c, 1) == 0) {
            break;
        }
        py_buf_add_byte(&b, (char)c);
        if (c == '\n') {
            break;
        }
    }
    return py_buf_to_bytes(&b);
}
static PY_DEFINE_FUN_VAR(deflateio_readline_obj, 1, 2, deflateio_readline);

static py_val deflateio_write(py_val self, py_val data) {
    deflateio *d = writer_of(self);
    py_buffer buf;
    py_get_buffer_or_raise(data, &buf, PY_BUFFER_READ);
    deflate_write(d, buf.buf, buf.len);
    return py_int_from_u64(buf.len);
}
static PY_DEFINE_FUN_2(deflateio_write_obj, deflateio_write);

/* close(): ends the compressed data when writing; closes the underlying
 * stream too if asked to at construction. */
static py_val deflateio_close(py_val self) {
    deflateio *d = deflateio_of(self);
    if (d->closed) {
        return PY_NONE;
    }
    d->closed = true;
    if (d->out != NULL) {
        deflate_finish(d);
    }
    if (d->close_stream) {
        py_call_method_name(d->stream, Q_close, 0, NULL);
    }
    return PY_NONE;
}
static PY_DEFINE_FUN_1(deflateio_close_obj, deflateio_close);

static py_val deflateio_enter(py_val self) {
    deflateio_of(self);
    return self;
}
static PY_DEFINE_FUN_1(deflateio_enter_obj, deflateio_enter);

static py_val deflateio_exit(size_t n_args, const py_val *args) {
    (void)n_args;
    return deflateio_close(args[0]);
}
static PY_DEFINE_FUN_VAR(deflateio_exit_obj, 1, 4, deflateio_exit);

/* ---- the stream protocol, for C code reading or writing a DeflateIO */

static size_t deflateio_proto_read(py_val self, void *buf, size_t size, int *err) {
    (void)err;
    return inflate_some(reader_of(self), buf, size);
}

static size_t deflateio_proto_write(py_val self, const void *buf, size_t size, int *err) {
    (void)err;
    deflate_write(writer_of(self), buf, size);
    return size;
}

static const py_stream_proto deflateio_proto = {deflateio_proto_read, deflateio_proto_write, NULL,
                                                false};

static const py_map_entry deflateio_locals_table[] = {
    {PY_QSTR(Q_read), PY_OBJ(&deflateio_read_obj)},
    {PY_QSTR(Q_readinto), PY_OBJ(&deflateio_readinto_obj)},
    {PY_QSTR(Q_readline), PY_OBJ(&deflateio_readline_obj)},
    {PY_QSTR(Q_write), PY_OBJ(&deflateio_write_obj)},
    {PY_QSTR(Q_close), PY_OBJ(&deflateio_close_obj)},
    {PY_QSTR(Q___enter__), PY_OBJ(&deflateio_enter_obj)},
    {PY_QSTR(Q___exit__), PY_OBJ(&deflateio_exit_obj)},
};
static PY_DEFINE_FIXED_DICT(deflateio_locals, deflateio_locals_table);

static const py_type deflateio_type = {
    .head = {&py_type_type},
    .name = Q_DeflateIO,
    .make_new = deflateio_make_new,
    .protocol = &deflateio_proto,
    .locals = PY_OBJ(&deflateio_locals),
};

static const py_map_entry deflate_module_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_deflate)}, {PY_QSTR(Q_DeflateIO), PY_OBJ(&deflateio_type)},
    {PY_QSTR(Q_AUTO), PY_SMALL(FORMAT_AUTO)},  {PY_QSTR(Q_RAW), PY_SMALL(FORMAT_RAW)},
    {PY_QSTR(Q_ZLIB), PY_SMALL(FORMAT_ZLIB)},  {PY_QSTR(Q_GZIP), PY_SMALL(FORMAT_GZIP)},
};
static PY_DEFINE_FIXED_DICT(deflate_module_globals, deflate_module_table);
PY_DEFINE_MODULE(py_module_deflate, deflate_module_globals);
PY_REGISTER_MODULE(Q_deflate, py_module_deflate);
