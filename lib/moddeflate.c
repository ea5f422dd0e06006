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
 * length, with lazy matching, and gathers them in blocks of a few thousand
 * symbols; each block goes out in whichever form is smallest: Huffman codes
 * made for it, the fixed codes, or stored. Output does not depend on how
 * the data was split into writes. A DeflateIO may read and write at once
 * (a socket compressed both ways): the two directions share nothing.
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
            py_check_interrupt();
        }
    }
    fold_check(s, out + checked, got - checked);
    return got;
}

/* ================================================================ compression */

/* The literals and matches of the block being gathered are kept compactly
 * until the block is coded: a literal as its byte, a match as three bytes
 * (length - 3, then distance - 1 low byte first), a flag bit per item
 * telling which. Then the block goes out the cheapest way: stored, fixed
 * codes, or codes made for it (RFC 1951 3.2.7). */
#define N_LITLEN 286
#define N_LITLEN_CODES 288 /* the fixed code has two more, never used */
#define N_DIST 30
#define N_CODELEN 19
#define LAZY_LIMIT 32 /* matches at least this long are taken without looking one further */

struct deflater {
    uint8_t *buf;    /* window of history, then the bytes not yet coded */
    size_t window;   /* history kept: 2^wbits */
    size_t span;     /* bytes buf moves by when full: a multiple of the window */
    size_t size;     /* of buf: the window, the span and a longest match */
    size_t pos, end; /* next byte to code; bytes in buf */
    uint32_t *head;  /* per hash: latest position + 1, 0 for none */
    uint32_t *prev;  /* per position (mod window): the one before with its hash */
    unsigned hash_bits;
    size_t next_pos, next_len, next_dist; /* a match found one byte ahead */
    uint8_t *items;                       /* the block: literals and matches */
    uint8_t *flags;                       /* one bit per item: 1 for a match */
    size_t items_cap, items_len, n_items;
    size_t block_start;    /* where the block's bytes start in buf */
    bool block_bytes_kept; /* all of them are still in buf (a stored block can be made) */
    uint16_t freq_litlen[N_LITLEN];
    uint16_t freq_dist[N_DIST];
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
    z->started = true;
}

/* ---- symbols of lengths and distances */

static unsigned length_symbol(size_t len) {
    unsigned i = 28;
    while (length_base[i] > len) {
        i--;
    }
    return i; /* the symbol is 257 + i */
}

static unsigned distance_symbol(size_t dist) {
    unsigned k = 29;
    while (dist_base[k] > dist) {
        k--;
    }
    return k;
}

/* ---- making codes */

/* Code lengths of a Huffman code for freq[0..n), none longer than
 * max_len; unused symbols get 0. The caller makes sure at least two
 * symbols are used, so every code is complete. When the best code is too
 * deep, the counts are flattened (halved, keeping them non-zero) and the
 * tree made again: a little worse than optimal, only on skewed counts. */
/* Weights fit 16 bits: a block has at most 16 KiB of items, so all its
 * counts together stay below 65536. */
typedef struct huffman_work {
    uint16_t weight[2 * N_LITLEN];
    uint16_t parent[2 * N_LITLEN], symbol_of[N_LITLEN];
    uint8_t depth[2 * N_LITLEN];
    uint16_t scaled[N_LITLEN];
} huffman_work;

static void huffman_lengths(huffman_work *work, const uint16_t *freq, size_t n, unsigned max_len,
                            uint8_t *lengths) {
    uint16_t *weight = work->weight, *scaled = work->scaled;
    uint16_t *parent = work->parent, *symbol_of = work->symbol_of;
    uint8_t *depth = work->depth;
    for (size_t i = 0; i < n; i++) {
        scaled[i] = freq[i];
    }
    for (;;) {
        /* the used symbols by weight (insertion sort: n is at most 286) */
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (scaled[i] == 0) {
                continue;
            }
            size_t j = m++;
            while (j > 0 && weight[j - 1] > scaled[i]) {
                weight[j] = weight[j - 1];
                symbol_of[j] = symbol_of[j - 1];
                j--;
            }
            weight[j] = scaled[i];
            symbol_of[j] = (uint16_t)i;
        }
        memset(lengths, 0, n);
        if (m < 2) {
            if (m == 1) {
                lengths[symbol_of[0]] = 1;
            }
            return;
        }
        /* leaves 0..m-1 are in order of weight, and so are the inner
         * nodes as they are made: the two lightest are always at the head
         * of one of the two runs */
        size_t next_leaf = 0, next_inner = m, made = m;
        for (size_t k = 0; k + 1 < m; k++) {
            size_t pick[2];
            for (int t = 0; t < 2; t++) {
                if (next_leaf < m &&
                    (next_inner == made || weight[next_leaf] <= weight[next_inner])) {
                    pick[t] = next_leaf++;
                } else {
                    pick[t] = next_inner++;
                }
            }
            weight[made] = (uint16_t)(weight[pick[0]] + weight[pick[1]]);
            parent[pick[0]] = parent[pick[1]] = (uint16_t)made;
            made++;
        }
        unsigned deepest = 0;
        depth[made - 1] = 0;
        for (size_t j = made - 1; j-- > 0;) {
            depth[j] = (uint8_t)(depth[parent[j]] + 1);
            if (j < m && depth[j] > deepest) {
                deepest = depth[j];
            }
        }
        if (deepest <= max_len) {
            for (size_t j = 0; j < m; j++) {
                lengths[symbol_of[j]] = depth[j];
            }
            return;
        }
        for (size_t i = 0; i < n; i++) {
            if (scaled[i] != 0) {
                scaled[i] = (uint16_t)((scaled[i] >> 1) | 1);
            }
        }
    }
}

/* The canonical code of each symbol from its length (RFC 1951 3.2.2). */
static void huffman_codes(const uint8_t *lengths, size_t n, uint16_t *codes) {
    uint16_t count[16] = {0}, next[16];
    for (size_t i = 0; i < n; i++) {
        count[lengths[i]]++;
    }
    count[0] = 0;
    unsigned code = 0;
    for (int len = 1; len < 16; len++) {
        code = (code + count[len - 1]) << 1;
        next[len] = (uint16_t)code;
    }
    for (size_t i = 0; i < n; i++) {
        codes[i] = lengths[i] != 0 ? next[lengths[i]]++ : 0;
    }
}

/* The fixed code lengths (RFC 1951 3.2.6). */
static void fixed_lengths(uint8_t *litlen, uint8_t *dist) {
    for (size_t i = 0; i < N_LITLEN_CODES; i++) {
        litlen[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    }
    memset(dist, 5, N_DIST);
}

/* Bits the block's items take with these codes. */
static size_t block_data_bits(const deflater *z, const uint8_t *litlen, const uint8_t *dist) {
    size_t bits = 0;
    for (size_t i = 0; i < N_LITLEN; i++) {
        bits += (size_t)z->freq_litlen[i] * (litlen[i] + (i > 256 ? length_extra[i - 257] : 0));
    }
    for (size_t i = 0; i < N_DIST; i++) {
        bits += (size_t)z->freq_dist[i] * (dist[i] + dist_extra[i]);
    }
    return bits;
}

/* A dynamic block's header: the two code length lists run-length coded
 * with symbols 16 (repeat the last 3-6 times), 17 (3-10 zeros) and 18
 * (11-138 zeros). */
typedef struct dynamic_header {
    uint8_t litlen[N_LITLEN_CODES], dist[N_DIST];
    size_t n_litlen, n_dist, n_codelen;
    uint8_t runs[N_LITLEN + N_DIST]; /* code length symbols */
    uint8_t run_extra[N_LITLEN + N_DIST];
    size_t n_runs;
    uint16_t codelen_freq[N_CODELEN];
    uint8_t codelen_len[N_CODELEN];
    uint16_t codelen_code[N_CODELEN];
    huffman_work work;
} dynamic_header;

static void ensure_two_used(uint16_t *freq, size_t n);

static void add_run(dynamic_header *h, unsigned symbol, unsigned extra) {
    h->runs[h->n_runs] = (uint8_t)symbol;
    h->run_extra[h->n_runs++] = (uint8_t)extra;
    h->codelen_freq[symbol]++;
}

static void make_runs(dynamic_header *h) {
    uint8_t all[N_LITLEN + N_DIST];
    memcpy(all, h->litlen, h->n_litlen);
    memcpy(all + h->n_litlen, h->dist, h->n_dist);
    size_t n = h->n_litlen + h->n_dist;
    for (size_t i = 0; i < n;) {
        uint8_t len = all[i];
        size_t run = 1;
        while (i + run < n && all[i + run] == len) {
            run++;
        }
        i += run;
        if (len == 0) {
            while (run >= 11) {
                size_t k = run < 138 ? run : 138;
                add_run(h, 18, (unsigned)(k - 11));
                run -= k;
            }
            if (run >= 3) {
                add_run(h, 17, (unsigned)(run - 3));
                run = 0;
            }
        } else {
            add_run(h, len, 0);
            run--;
            while (run >= 3) {
                size_t k = run < 6 ? run : 6;
                add_run(h, 16, (unsigned)(k - 3));
                run -= k;
            }
        }
        while (run-- > 0) {
            add_run(h, len, 0);
        }
    }
}

static size_t dynamic_header_bits(dynamic_header *h) {
    memset(h->codelen_freq, 0, sizeof(h->codelen_freq));
    h->n_runs = 0;
    make_runs(h);
    uint16_t freq[N_CODELEN];
    memcpy(freq, h->codelen_freq, sizeof(freq));
    ensure_two_used(freq, N_CODELEN);
    huffman_lengths(&h->work, freq, N_CODELEN, 7, h->codelen_len);
    huffman_codes(h->codelen_len, N_CODELEN, h->codelen_code);
    h->n_codelen = N_CODELEN;
    while (h->n_codelen > 4 && h->codelen_len[code_length_order[h->n_codelen - 1]] == 0) {
        h->n_codelen--;
    }
    size_t bits = 5 + 5 + 4 + 3 * h->n_codelen;
    for (size_t i = 0; i < h->n_runs; i++) {
        unsigned s = h->runs[i];
        bits += h->codelen_len[s] + (s == 16 ? 2 : s == 17 ? 3 : s == 18 ? 7 : 0);
    }
    return bits;
}

static void put_dynamic_header(deflateio *d, const dynamic_header *h) {
    put_bits(d, (uint32_t)(h->n_litlen - 257), 5);
    put_bits(d, (uint32_t)(h->n_dist - 1), 5);
    put_bits(d, (uint32_t)(h->n_codelen - 4), 4);
    for (size_t i = 0; i < h->n_codelen; i++) {
        put_bits(d, h->codelen_len[code_length_order[i]], 3);
    }
    for (size_t i = 0; i < h->n_runs; i++) {
        unsigned s = h->runs[i];
        put_code(d, h->codelen_code[s], h->codelen_len[s]);
        if (s >= 16) {
            put_bits(d, h->run_extra[i], s == 16 ? 2 : s == 17 ? 3 : 7);
        }
    }
}

static void ensure_two_used(uint16_t *freq, size_t n) {
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        used += freq[i] != 0;
    }
    for (size_t i = 0; used < 2 && i < n; i++) {
        if (freq[i] == 0) {
            freq[i] = 1;
            used++;
        }
    }
}

/* Lengths made for the block's counts; a code needs two used symbols to
 * be complete, so unused ones stand in when there are fewer. */
static void make_dynamic_codes(deflater *z, dynamic_header *h) {
    uint16_t freq[N_LITLEN];
    memcpy(freq, z->freq_litlen, sizeof(freq));
    ensure_two_used(freq, N_LITLEN);
    huffman_lengths(&h->work, freq, N_LITLEN, 15, h->litlen);
    h->litlen[N_LITLEN] = h->litlen[N_LITLEN + 1] = 0;
    uint16_t dfreq[N_DIST];
    memcpy(dfreq, z->freq_dist, sizeof(dfreq));
    ensure_two_used(dfreq, N_DIST);
    huffman_lengths(&h->work, dfreq, N_DIST, 15, h->dist);
    h->n_litlen = N_LITLEN;
    while (h->n_litlen > 257 && h->litlen[h->n_litlen - 1] == 0) {
        h->n_litlen--;
    }
    h->n_dist = N_DIST;
    while (h->n_dist > 1 && h->dist[h->n_dist - 1] == 0) {
        h->n_dist--;
    }
}

/* ---- coding a block */

static void put_items(deflateio *d, const uint8_t *litlen, const uint8_t *dist) {
    deflater *z = d->out;
    uint16_t litlen_code[N_LITLEN_CODES], dist_code[N_DIST];
    huffman_codes(litlen, N_LITLEN_CODES, litlen_code);
    huffman_codes(dist, N_DIST, dist_code);
    const uint8_t *p = z->items;
    for (size_t i = 0; i < z->n_items; i++) {
        if ((z->flags[i >> 3] >> (i & 7) & 1) == 0) {
            unsigned lit = *p++;
            put_code(d, litlen_code[lit], litlen[lit]);
            continue;
        }
        size_t len = (size_t)p[0] + MIN_MATCH, distance = ((size_t)p[1] | (size_t)p[2] << 8) + 1;
        p += 3;
        unsigned ls = length_symbol(len), ds = distance_symbol(distance);
        put_code(d, litlen_code[257 + ls], litlen[257 + ls]);
        put_bits(d, (uint32_t)(len - length_base[ls]), length_extra[ls]);
        put_code(d, dist_code[ds], dist[ds]);
        put_bits(d, (uint32_t)(distance - dist_base[ds]), dist_extra[ds]);
    }
    put_code(d, litlen_code[256], litlen[256]);
}

/* The block's bytes as stored blocks of at most 65535 bytes each. */
static void put_stored(deflateio *d, bool last) {
    deflater *z = d->out;
    const uint8_t *p = z->buf + z->block_start;
    size_t left = z->pos - z->block_start;
    do {
        size_t k = left < 65535 ? left : 65535;
        left -= k;
        put_bits(d, last && left == 0 ? 1 : 0, 1);
        put_bits(d, 0, 2);
        if (z->n_bits > 0) {
            put_bits(d, 0, 8 - z->n_bits);
        }
        put_bits(d, (uint32_t)k, 16);
        put_bits(d, (uint32_t)k ^ 0xffff, 16);
        for (size_t i = 0; i < k; i++) {
            put_byte(d, p[i]);
        }
        p += k;
    } while (left > 0);
}

static void flush_block(deflateio *d, bool last) {
    deflater *z = d->out;
    z->freq_litlen[256] = 1;
    /* several KiB of tables: on the heap, not on the board's small stack */
    dynamic_header *h = py_gc_alloc_flags(sizeof(dynamic_header), PY_GC_LEAF);
    make_dynamic_codes(z, h);
    size_t dynamic_bits = dynamic_header_bits(h) + block_data_bits(z, h->litlen, h->dist);
    uint8_t fixed_litlen[N_LITLEN_CODES], fixed_dist[N_DIST];
    fixed_lengths(fixed_litlen, fixed_dist);
    size_t fixed_bits = block_data_bits(z, fixed_litlen, fixed_dist);
    size_t raw = z->pos - z->block_start;
    size_t stored_bits = 8 * raw + 40 * (raw / 65535 + 1);
    if (z->block_bytes_kept && stored_bits < fixed_bits && stored_bits < dynamic_bits) {
        put_stored(d, last);
    } else if (fixed_bits <= dynamic_bits) {
        put_bits(d, last ? 1 : 0, 1);
        put_bits(d, 1, 2);
        put_items(d, fixed_litlen, fixed_dist);
    } else {
        put_bits(d, last ? 1 : 0, 1);
        put_bits(d, 2, 2);
        put_dynamic_header(d, h);
        put_items(d, h->litlen, h->dist);
    }
    py_gc_free(h);
    memset(z->freq_litlen, 0, sizeof(z->freq_litlen));
    memset(z->freq_dist, 0, sizeof(z->freq_dist));
    memset(z->flags, 0, (z->items_cap + 7) / 8);
    z->items_len = z->n_items = 0;
    z->block_start = z->pos;
    z->block_bytes_kept = true;
}

static void add_literal(deflateio *d, uint8_t c) {
    deflater *z = d->out;
    z->items[z->items_len++] = c;
    z->n_items++;
    z->freq_litlen[c]++;
}

static void add_match(deflateio *d, size_t len, size_t dist) {
    deflater *z = d->out;
    z->flags[z->n_items >> 3] |= (uint8_t)(1u << (z->n_items & 7));
    z->items[z->items_len++] = (uint8_t)(len - MIN_MATCH);
    z->items[z->items_len++] = (uint8_t)(dist - 1);
    z->items[z->items_len++] = (uint8_t)((dist - 1) >> 8);
    z->n_items++;
    z->freq_litlen[257 + length_symbol(len)]++;
    z->freq_dist[distance_symbol(dist)]++;
}

/* ---- finding matches */

static unsigned hash_at(const deflater *z, size_t p) {
    uint32_t v = (uint32_t)z->buf[p] << 16 | (uint32_t)z->buf[p + 1] << 8 | z->buf[p + 2];
    return (v * 2654435761u) >> (32 - z->hash_bits);
}

static void insert_position(deflater *z, size_t p) {
    unsigned h = hash_at(z, p);
    z->prev[p & (z->window - 1)] = z->head[h];
    z->head[h] = (uint32_t)p + 1;
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
            long score = len < MIN_MATCH
                             ? 0
                             : (long)(17 * len) - 2 * (long)dist_extra[distance_symbol(p - c)];
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

/* The match at p: found one step ahead already, or searched now. */
static size_t match_at(deflater *z, size_t p, size_t *dist) {
    if (z->next_pos == p) {
        z->next_pos = SIZE_MAX;
        *dist = z->next_dist;
        return z->next_len;
    }
    return longest_match(z, p, z->end - p, dist);
}

/* Codes the bytes at pos while more than `keep` remain after them. A match
 * is put off by one byte when the next byte starts a longer one (lazy
 * matching). While writing, keep is a longest match, so that every match,
 * the one a byte ahead included, is looked for with all the bytes it could
 * cover: the output does not depend on how the data was split into
 * writes. */
static void compress_upto(deflateio *d, size_t keep) {
    deflater *z = d->out;
    while (z->end - z->pos > keep) {
        if (z->items_len + 3 > z->items_cap) {
            flush_block(d, false);
        }
        size_t p = z->pos, avail = z->end - p, dist = 0, len = 0;
        if (avail >= MIN_MATCH) {
            len = match_at(z, p, &dist);
            insert_position(z, p);
        }
        if (len >= MIN_MATCH && len < LAZY_LIMIT && avail > MIN_MATCH) {
            size_t next_dist = 0, next_len = longest_match(z, p + 1, avail - 1, &next_dist);
            z->next_pos = p + 1;
            z->next_len = next_len;
            z->next_dist = next_dist;
            if (next_len > len) {
                len = 0;
            }
        }
        if (len >= MIN_MATCH) {
            add_match(d, len, dist);
            for (size_t k = 1; k < len; k++) {
                if (z->end - (p + k) >= MIN_MATCH) {
                    insert_position(z, p + k);
                }
            }
            z->pos = p + len;
        } else {
            add_literal(d, z->buf[p]);
            z->pos = p + 1;
        }
    }
}

/* log2(x) in sixteenths of a bit, for x >= 1: integers only, so that every
 * build makes the same choices and the same output. */
static uint64_t log2_16ths(uint32_t x) {
    static const uint8_t fraction[16] = {0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 15};
    unsigned e = 0;
    while ((x >> e) > 1) {
        e++;
    }
    uint32_t top = e >= 4 ? (x >> (e - 4)) & 15 : (x << (4 - e)) & 15;
    return 16u * e + fraction[top];
}

/* Bits (in sixteenths) the symbols counted in freq take with codes made
 * for them: their entropy, plus their extra bits. */
static uint64_t entropy_16ths(const uint16_t *freq, size_t n, const uint8_t *extra,
                              size_t first_extra, size_t *used) {
    uint32_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += freq[i];
    }
    uint64_t bits = 0, log_total = total == 0 ? 0 : log2_16ths(total);
    for (size_t i = 0; i < n; i++) {
        if (freq[i] != 0) {
            (*used)++;
            uint64_t extra_bits = i >= first_extra ? extra[i - first_extra] : 0;
            bits += freq[i] * (log_total - log2_16ths(freq[i]) + 16 * extra_bits);
        }
    }
    return bits;
}

/* Whether codes made for the block so far would not beat storing it: its
 * symbols' entropy and about five header bits for each symbol used, against
 * eight bits a byte. */
static bool block_looks_incompressible(const deflater *z) {
    size_t raw = z->pos - z->block_start, used = 0;
    uint64_t bits = entropy_16ths(z->freq_litlen, N_LITLEN, length_extra, 257, &used) +
                    entropy_16ths(z->freq_dist, N_DIST, dist_extra, 0, &used);
    return bits + 16 * 5 * (uint64_t)used >= 16 * 8 * (uint64_t)raw;
}

/* Moves the last window of history to the front of buf. A block whose
 * first bytes would leave it ends here if it is better stored. */
static void slide(deflateio *d) {
    deflater *z = d->out;
    size_t w = z->span;
    if (z->block_start < w && z->pos > z->block_start && block_looks_incompressible(z)) {
        flush_block(d, false);
    }
    memmove(z->buf, z->buf + w, z->end - w);
    z->pos -= w;
    z->end -= w;
    if (z->block_start >= w) {
        z->block_start -= w;
    } else {
        z->block_start = 0;
        z->block_bytes_kept = false;
    }
    z->next_pos = SIZE_MAX;
    size_t n_head = (size_t)1 << z->hash_bits;
    for (size_t i = 0; i < n_head; i++) {
        z->head[i] = z->head[i] > w ? z->head[i] - (uint32_t)w : 0;
    }
    for (size_t i = 0; i < z->window; i++) {
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
            compress_upto(d, MAX_MATCH);
            slide(d);
        }
        size_t room = z->size - z->end, k = n < room ? n : room;
        memcpy(z->buf + z->end, data, k);
        z->end += k;
        data += k;
        n -= k;
        compress_upto(d, MAX_MATCH);
        if (py_pending) {
            py_check_interrupt();
        }
    }
}

static void deflate_finish(deflateio *d) {
    deflater *z = d->out;
    if (!z->started) {
        write_header(d);
    }
    compress_upto(d, 0);
    flush_block(d, true);
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

/* The block holds eight items per byte of window, between 2 and 16 KiB.
 * Small windows get a longer buffer than history needs, so that a block of
 * incompressible bytes is still there to be stored. */
static deflater *deflater_new(unsigned wbits) {
    deflater *z = py_new(deflater);
    z->window = (size_t)1 << wbits;
    z->span = z->window < 2048 ? 2048 : z->window;
    z->size = z->window + z->span + MAX_MATCH;
    z->buf = py_gc_alloc_flags(z->size, PY_GC_LEAF);
    z->hash_bits = wbits < 9 ? 9 : wbits > 14 ? 14 : wbits;
    z->head = py_gc_alloc_flags(((size_t)1 << z->hash_bits) * sizeof(uint32_t), PY_GC_LEAF);
    z->prev = py_gc_alloc_flags(z->window * sizeof(uint32_t), PY_GC_LEAF);
    size_t cap = 8 * z->window;
    z->items_cap = cap < 2048 ? 2048 : cap > 16384 ? 16384 : cap;
    z->items = py_gc_alloc_flags(z->items_cap, PY_GC_LEAF);
    z->flags = py_gc_alloc_flags((z->items_cap + 7) / 8, PY_GC_LEAF);
    z->next_pos = SIZE_MAX;
    z->block_bytes_kept = true;
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
    if (d->in == NULL) {
        d->in = py_new(inflater);
        d->in->state = IN_HEADER;
    }
    return d;
}

static deflateio *writer_of(py_val v) {
    deflateio *d = deflateio_of(v);
    check_open(d);
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
