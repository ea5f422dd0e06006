/*
 * modbinascii.c - the binascii module: hex and base64 text forms of bytes,
 * and CRC-32.
 *
 * Decoders take bytes-like objects or ASCII strings. Malformed input raises
 * binascii.Error, which is ValueError as on MicroPython. CRC-32 is the
 * reflected 0xEDB88320 polynomial of zlib and PNG, computed four bits at a
 * time from a 16-entry table to keep the image small.
 */
#include <string.h>

#include "campy.h"

static const char hex_digits[] = "0123456789abcdef";

/* The bytes of a bytes-like object, or of a str holding only ASCII. */
static const uint8_t *ascii_data(py_val v, size_t *len) {
    if (py_is_str(v)) {
        const char *s = py_str_data(v, len);
        for (size_t i = 0; i < *len; i++) {
            if ((unsigned char)s[i] >= 0x80) {
                py_raise_value_error("string argument should contain only ASCII characters");
            }
        }
        return (const uint8_t *)s;
    }
    py_buffer b;
    if (!py_get_buffer(v, &b, PY_BUFFER_READ)) {
        py_raise_type_error("argument should be bytes, buffer or ASCII string, not '%s'",
                            py_type_name(v));
    }
    *len = b.len;
    return b.buf;
}

/* A bytes-like argument; str is refused, as in CPython. */
static void bytes_arg(py_val v, py_buffer *b) {
    if (py_is_str(v)) {
        py_raise_type_error("a bytes-like object is required, not 'str'");
    }
    py_get_buffer_or_raise(v, b, PY_BUFFER_READ);
}

/* ---- hex */

/* hexlify(data, sep=None, bytes_per_sep=1): sep goes between groups of
 * bytes_per_sep bytes, counted from the right (from the left if negative). */
static py_val binascii_hexlify(size_t n_args, const py_val *args) {
    py_buffer data;
    bytes_arg(args[0], &data);
    char sep = 0;
    if (n_args > 1 && args[1] != PY_NONE) {
        size_t sep_len;
        const uint8_t *s = ascii_data(args[1], &sep_len);
        if (sep_len != 1) {
            py_raise_value_error("sep must be length 1.");
        }
        sep = (char)s[0];
    }
    py_int_t group = n_args > 2 ? py_get_int(args[2]) : 1;
    bool from_left = group < 0;
    size_t per = group < 0 ? (size_t)-group : (size_t)group;
    if (per == 0 || data.len == 0) {
        sep = 0;
    }
    py_buf out;
    size_t n_seps = sep != 0 ? (data.len - 1) / per : 0;
    py_buf_init(&out, 2 * data.len + n_seps);
    bytes_arg(args[0], &data); /* the buffer may have moved */
    const uint8_t *p = data.buf;
    for (size_t i = 0; i < data.len; i++) {
        if (sep != 0 && i > 0) {
            size_t pos = from_left ? i : data.len - i;
            if (pos % per == 0) {
                py_buf_add_byte(&out, sep);
            }
        }
        py_buf_add_byte(&out, hex_digits[p[i] >> 4]);
        py_buf_add_byte(&out, hex_digits[p[i] & 15]);
    }
    return py_buf_to_bytes(&out);
}
static PY_DEFINE_FUN_VAR(binascii_hexlify_obj, 1, 3, binascii_hexlify);

static int hex_value(uint8_t c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20; /* lower case */
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

static py_val binascii_unhexlify(py_val arg) {
    size_t len;
    const uint8_t *s = ascii_data(arg, &len);
    if (len % 2 != 0) {
        py_raise_value_error("Odd-length string");
    }
    py_buf out;
    py_buf_init(&out, len / 2);
    s = ascii_data(arg, &len);
    for (size_t i = 0; i < len; i += 2) {
        int hi = hex_value(s[i]), lo = hex_value(s[i + 1]);
        if (hi < 0 || lo < 0) {
            py_raise_value_error("Non-hexadecimal digit found");
        }
        py_buf_add_byte(&out, (char)(hi << 4 | lo));
    }
    return py_buf_to_bytes(&out);
}
static PY_DEFINE_FUN_1(binascii_unhexlify_obj, binascii_unhexlify);

/* ---- base64 */

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64_value(uint8_t c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+') {
        return 62;
    }
    if (c == '/') {
        return 63;
    }
    return -1;
}

/* b2a_base64(data, *, newline=True) */
static py_val binascii_b2a_base64(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_data, PY_ARG_REQUIRED, PY_NULL},
        {Q_newline, PY_ARG_KW_ONLY, PY_TRUE},
    };
    py_val v[2];
    py_parse_args(n_args, args, kw, 2, spec, v);
    py_buffer data;
    bytes_arg(v[0], &data);
    bool newline = py_truthy(v[1]);
    py_buf out;
    py_buf_init(&out, (data.len + 2) / 3 * 4 + 1);
    bytes_arg(v[0], &data);
    const uint8_t *p = data.buf;
    size_t i = 0;
    for (; i + 3 <= data.len; i += 3) {
        uint32_t n = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        char quad[4] = {b64_alphabet[n >> 18], b64_alphabet[(n >> 12) & 63],
                        b64_alphabet[(n >> 6) & 63], b64_alphabet[n & 63]};
        py_buf_add(&out, quad, 4);
    }
    if (i < data.len) {
        uint32_t n = (uint32_t)p[i] << 16 | (i + 1 < data.len ? (uint32_t)p[i + 1] << 8 : 0);
        char quad[4] = {b64_alphabet[n >> 18], b64_alphabet[(n >> 12) & 63],
                        i + 1 < data.len ? b64_alphabet[(n >> 6) & 63] : '=', '='};
        py_buf_add(&out, quad, 4);
    }
    if (newline) {
        py_buf_add_byte(&out, '\n');
    }
    return py_buf_to_bytes(&out);
}
static PY_DEFINE_FUN_KW(binascii_b2a_base64_obj, 1, binascii_b2a_base64);

/* Characters outside the alphabet are skipped. Decoding ends at a pad that
 * completes a group; a group left unfinished is an error. */
static py_val binascii_a2b_base64(py_val arg) {
    size_t len;
    const uint8_t *s = ascii_data(arg, &len);
    py_buf out;
    py_buf_init(&out, len / 4 * 3 + 3);
    s = ascii_data(arg, &len);
    uint32_t acc = 0;
    size_t quad_pos = 0, pads = 0, n_data = 0, bits = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '=') {
            pads++;
            if (quad_pos >= 2 && quad_pos + pads >= 4) {
                quad_pos = 0;
                break;
            }
            continue;
        }
        int v = b64_value(s[i]);
        if (v < 0) {
            continue;
        }
        pads = 0;
        n_data++;
        acc = acc << 6 | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            py_buf_add_byte(&out, (char)((acc >> bits) & 0xff));
        }
        quad_pos = (quad_pos + 1) % 4;
    }
    if (quad_pos == 1) {
        py_raise_value_error("Invalid base64-encoded string: number of data characters (%zu) "
                             "cannot be 1 more than a multiple of 4",
                             n_data);
    }
    if (quad_pos != 0) {
        py_raise_value_error("Incorrect padding");
    }
    return py_buf_to_bytes(&out);
}
static PY_DEFINE_FUN_1(binascii_a2b_base64_obj, binascii_a2b_base64);

/* ---- crc32 */

static const uint32_t crc_nibble_table[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
    0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c, 0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        crc = (crc >> 4) ^ crc_nibble_table[crc & 15];
        crc = (crc >> 4) ^ crc_nibble_table[crc & 15];
    }
    return ~crc;
}

/* crc32(data, value=0); value may be any int: its low 32 bits are used */
static py_val binascii_crc32(size_t n_args, const py_val *args) {
    uint32_t start = 0;
    if (n_args > 1) {
        if (!py_is_int(args[1])) {
            py_raise_type_error("'%s' object cannot be interpreted as an integer",
                                py_type_name(args[1]));
        }
        py_val low = py_binary_op(PY_BINOP_AND, args[1], py_int_from_u64(0xffffffffu));
        start = (uint32_t)py_get_i64(low);
    }
    py_buffer data;
    bytes_arg(args[0], &data);
    return py_int_from_u64(crc32_update(start, data.buf, data.len));
}
static PY_DEFINE_FUN_VAR(binascii_crc32_obj, 1, 2, binascii_crc32);

static const py_map_entry binascii_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_binascii)},
    {PY_QSTR(Q_hexlify), PY_OBJ(&binascii_hexlify_obj)},
    {PY_QSTR(Q_unhexlify), PY_OBJ(&binascii_unhexlify_obj)},
    {PY_QSTR(Q_b2a_hex), PY_OBJ(&binascii_hexlify_obj)},
    {PY_QSTR(Q_a2b_hex), PY_OBJ(&binascii_unhexlify_obj)},
    {PY_QSTR(Q_a2b_base64), PY_OBJ(&binascii_a2b_base64_obj)},
    {PY_QSTR(Q_b2a_base64), PY_OBJ(&binascii_b2a_base64_obj)},
    {PY_QSTR(Q_crc32), PY_OBJ(&binascii_crc32_obj)},
    {PY_QSTR(Q_Error), PY_OBJ(&py_type_ValueError)},
};
static PY_DEFINE_FIXED_DICT(binascii_globals, binascii_table);
PY_DEFINE_MODULE(py_module_binascii, binascii_globals);
PY_REGISTER_MODULE(Q_binascii, py_module_binascii);
