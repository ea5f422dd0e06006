/*
 * modio.c - the io module and open(): file objects, StringIO and BytesIO,
 * sys.stdin/stdout/stderr, and the stream protocol as C code uses it.
 *
 * Every stream here is a py_file (vfs.h): a backend (host file, littlefs
 * file, memory, the terminal) behind a table of ops, with the Python
 * methods written once on top. Text and binary differ only in what read
 * returns and write takes; text is UTF-8 and, as on MicroPython, newlines
 * are never translated. Files on seekable backends read ahead for
 * readline(), and give back what they read ahead before a write, seek or
 * tell, so positions are always those of the caller.
 *
 * Python classes derived from io.IOBase are streams too: C code reaches
 * them through readinto(), write() and ioctl(), as MicroPython does.
 */
#include <string.h>

#include "campy.h"
#include "vfs.h"

#define READAHEAD_BYTES 128

enum { ERRNO_EAGAIN = 11, ERRNO_EBADF = 9, ERRNO_EINVAL = 22, ERRNO_EOPNOTSUPP = 95 };

extern const py_type py_type_fileio, py_type_textio, py_type_stringio, py_type_bytesio;
static const py_type iobase_type;

/* ---------------------------------------------------------------- raw views */

/* A window on C memory handed to Python code (block devices, readinto of
 * Python streams) as a memoryview; emptied when the call is over, so a
 * view kept by the callee can no longer reach the memory. */
typedef struct raw_buf {
    py_head head;
    char *data;
    size_t len;
    bool writable;
} raw_buf;

static bool raw_buf_get_buffer(py_val self, py_buffer *buf, int flags) {
    raw_buf *r = py_ptr(self);
    if ((flags & PY_BUFFER_WRITE) && !r->writable) {
        return false;
    }
    buf->buf = r->data;
    buf->len = r->len;
    buf->typecode = 'B';
    return true;
}

static const py_type raw_buf_type = {
    .head = {&py_type_type},
    .name = Q_bytearray,
    .get_buffer = raw_buf_get_buffer,
};

py_raw_view py_raw_view_new(void *data, size_t len, bool writable) {
    raw_buf *r = py_new(raw_buf);
    r->head.type = &raw_buf_type;
    r->data = data;
    r->len = len;
    r->writable = writable;
    py_raw_view v = {PY_OBJ(r), PY_NULL};
    v.view = py_type_memoryview.make_new(&py_type_memoryview, 1, 0, &v.obj);
    return v;
}

void py_raw_view_end(py_raw_view *v) {
    if (v->obj != PY_NULL) {
        raw_buf *r = py_ptr(v->obj);
        r->data = NULL;
        r->len = 0;
    }
}

/* ---------------------------------------------------------------- the stream protocol from C */

const py_stream_proto *py_stream_proto_of(py_val v) {
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

size_t py_stream_read(py_val stream, void *buf, size_t n) {
    const py_stream_proto *p = py_stream_proto_of(stream);
    if (p == NULL || p->read == NULL) {
        py_raise_type_error("'%s' object is not a readable stream", py_type_name(stream));
    }
    int err = 0;
    size_t got = p->read(stream, buf, n, &err);
    if (got == PY_STREAM_ERROR) {
        py_raise_oserror(err);
    }
    return got;
}

void py_stream_write(py_val stream, const void *buf, size_t n) {
    const py_stream_proto *p = py_stream_proto_of(stream);
    if (p == NULL || p->write == NULL) {
        py_raise_type_error("'%s' object is not a writable stream", py_type_name(stream));
    }
    const char *s = buf;
    while (n > 0) {
        int err = 0;
        size_t done = p->write(stream, s, n, &err);
        if (done == PY_STREAM_ERROR) {
            py_raise_oserror(err);
        }
        if (done == 0) {
            py_raise_oserror(ERRNO_EAGAIN);
        }
        s += done;
        n -= done;
    }
}

uintptr_t py_stream_poll(py_val stream, uintptr_t events) {
    const py_stream_proto *p = py_stream_proto_of(stream);
    if (p == NULL || p->ioctl == NULL) {
        py_raise_type_error("'%s' object can't be polled", py_type_name(stream));
    }
    int err = 0;
    py_val r = p->ioctl(stream, PY_STREAM_POLL, events, &err);
    if (r == PY_NULL) {
        py_raise_oserror(err);
    }
    py_int_t ready;
    return py_get_int_maybe(r, &ready) && ready > 0 ? (uintptr_t)ready : 0;
}

/* ---- io.IOBase: Python classes as streams */

/* Calls a method of a Python stream; PY_NULL with *err set if it raised
 * an OSError, other exceptions pass through. */
static py_val call_stream_method(py_val self, py_qstr name, size_t n_args, const py_val *args,
                                 int *err) {
    py_nlr nlr;
    py_try(nlr) {
        py_val r = py_call_method_name(self, name, n_args, args);
        py_nlr_pop();
        return r;
    }
    else {
        py_val e = py_exc_arg0(nlr.exc);
        if (!py_exc_matches(nlr.exc, PY_OBJ(&py_type_OSError)) || !py_is_small(e)) {
            py_raise(nlr.exc);
        }
        *err = (int)py_small_value(e);
        return PY_NULL;
    }
}

static size_t iobase_transfer(py_val self, py_qstr method, void *buf, size_t size, bool into,
                              int *err) {
    py_raw_view v = py_raw_view_new(buf, size, into);
    py_val r = call_stream_method(self, method, 1, &v.view, err);
    py_raw_view_end(&v);
    if (r == PY_NULL) {
        return PY_STREAM_ERROR;
    }
    if (r == PY_NONE) {
        *err = ERRNO_EAGAIN;
        return PY_STREAM_ERROR;
    }
    py_int_t n = py_get_int(r);
    return n < 0 ? 0 : (size_t)n > size ? size : (size_t)n;
}

static size_t iobase_read(py_val self, void *buf, size_t size, int *err) {
    return iobase_transfer(self, Q_readinto, buf, size, true, err);
}

static size_t iobase_write(py_val self, const void *buf, size_t size, int *err) {
    return iobase_transfer(self, Q_write, (void *)buf, size, false, err);
}

static py_val iobase_ioctl(py_val self, uintptr_t request, uintptr_t arg, int *err) {
    if (request == PY_STREAM_SEEK) {
        *err = ERRNO_EOPNOTSUPP;
        return PY_NULL;
    }
    py_val dest[2];
    py_load_method_maybe(self, Q_ioctl, dest);
    if (dest[0] == PY_NULL) {
        *err = ERRNO_EINVAL;
        return PY_NULL;
    }
    py_val args[2] = {PY_SMALL((py_int_t)request), py_int_from_u64(arg)};
    return call_stream_method(self, Q_ioctl, 2, args, err);
}

static const py_stream_proto iobase_proto = {iobase_read, iobase_write, iobase_ioctl, false};

static const py_head iobase_instance = {&iobase_type};

/* Arguments are not checked: a subclass's instance is made through here
 * with the arguments its own __init__ takes. */
static py_val iobase_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    (void)type;
    (void)n_args;
    (void)n_kw;
    (void)args;
    return PY_OBJ(&iobase_instance);
}

static const py_type iobase_type = {
    .head = {&py_type_type},
    .name = Q_IOBase,
    .flags = PY_TYPE_FLAG_BASETYPE,
    .make_new = iobase_make_new,
    .protocol = &iobase_proto,
};

/* ---------------------------------------------------------------- file objects */

bool py_is_file(py_val v) {
    if (!py_is_obj(v)) {
        return false;
    }
    const py_type *t = py_type_of(v);
    return t == &py_type_fileio || t == &py_type_textio || t == &py_type_stringio ||
           t == &py_type_bytesio;
}

static py_file *file_of(py_val v) {
    if (!py_is_file(v)) {
        py_raise_type_error("expected a file object, not '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

static py_file *open_file_of(py_val v) {
    py_file *f = file_of(v);
    if (f->flags & PY_FILE_CLOSED) {
        bool memory = f->head.type == &py_type_stringio || f->head.type == &py_type_bytesio;
        py_raise_value_error(memory ? "I/O operation on closed file" /* as CPython */
                                    : "I/O operation on closed file.");
    }
    return f;
}

static void raise_if(int err) {
    if (err != 0) {
        py_raise_oserror(err);
    }
}

static bool is_text(const py_file *f) { return (f->flags & PY_FILE_TEXT) != 0; }

static py_file *readable_file_of(py_val v) {
    py_file *f = open_file_of(v);
    if (!(f->flags & PY_FILE_READ) || f->ops->read == NULL) {
        py_raise_oserror(ERRNO_EBADF);
    }
    return f;
}

static py_file *writable_file_of(py_val v) {
    py_file *f = open_file_of(v);
    if (!(f->flags & PY_FILE_WRITE) || f->ops->write == NULL) {
        py_raise_oserror(ERRNO_EBADF);
    }
    return f;
}

unsigned py_file_parse_mode(py_val mode, bool *text) {
    size_t len;
    const char *m = py_get_str(mode, &len);
    unsigned seen = 0, flags = 0;
    int kinds = 0;
    for (size_t i = 0; i < len; i++) {
        const char *all = "rwaxbt+";
        const char *at = m[i] != 0 ? strchr(all, m[i]) : NULL;
        unsigned bit = at == NULL ? 0 : 1u << (at - all);
        if (bit == 0 || (seen & bit)) {
            py_raise_value_error("invalid mode: '%.*s'", (int)len, m);
        }
        seen |= bit;
        switch (m[i]) {
        case 'r':
            flags |= PY_OPEN_READ;
            kinds++;
            break;
        case 'w':
            flags |= PY_OPEN_WRITE | PY_OPEN_CREATE | PY_OPEN_TRUNC;
            kinds++;
            break;
        case 'a':
            flags |= PY_OPEN_WRITE | PY_OPEN_CREATE | PY_OPEN_APPEND;
            kinds++;
            break;
        case 'x':
            flags |= PY_OPEN_WRITE | PY_OPEN_CREATE | PY_OPEN_EXCL;
            kinds++;
            break;
        case '+':
            flags |= PY_OPEN_READ | PY_OPEN_WRITE;
            break;
        default:
            break;
        }
    }
    bool b = memchr(m, 'b', len) != NULL;
    bool t = memchr(m, 't', len) != NULL;
    if (b && t) {
        py_raise_value_error("can't have text and binary mode at once");
    }
    if (kinds > 1) {
        py_raise_value_error("must have exactly one of create/read/write/append mode");
    }
    if (kinds == 0) {
        py_raise_value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus");
    }
    *text = !b;
    return flags;
}

py_file *py_file_new(const py_file_ops *ops, size_t size, py_val name, py_val mode, bool text,
                     unsigned open_flags) {
    py_file *f = py_gc_alloc_flags(size < sizeof(py_file) ? sizeof(py_file) : size, PY_GC_FINALISE);
    f->head.type = text ? &py_type_textio : &py_type_fileio;
    f->ops = ops;
    f->name = name;
    f->mode = mode;
    f->flags = (uint16_t)(((open_flags & PY_OPEN_READ) ? PY_FILE_READ : 0) |
                          ((open_flags & PY_OPEN_WRITE) ? PY_FILE_WRITE : 0) |
                          ((open_flags & PY_OPEN_APPEND) ? PY_FILE_APPEND : 0) |
                          (text ? PY_FILE_TEXT : 0));
    return f;
}

/* ---- reading, with read-ahead */

static bool has_readahead(const py_file *f) { return f->rpos < f->rlen; }

/* Gives back what was read ahead, so the backend's position is the
 * caller's again. */
static void drop_readahead(py_file *f) {
    if (has_readahead(f)) {
        long long back = -(long long)(f->rlen - f->rpos), pos;
        f->rpos = f->rlen = 0;
        raise_if(f->ops->seek(PY_OBJ(f), back, 1, &pos));
    }
    f->rpos = f->rlen = 0;
}

/* Up to n bytes; fewer only at the end of the data (0) or when a terminal
 * has no more yet. */
static size_t read_some(py_file *f, char *buf, size_t n) {
    if (has_readahead(f)) {
        size_t k = f->rlen - f->rpos;
        if (k > n) {
            k = n;
        }
        memcpy(buf, f->rbuf + f->rpos, k);
        f->rpos = (uint16_t)(f->rpos + k);
        return k;
    }
    size_t got = 0;
    raise_if(f->ops->read(PY_OBJ(f), buf, n, &got));
    return got;
}

/* n bytes, or fewer at the end of the data. */
static size_t read_full(py_file *f, char *buf, size_t n) {
    size_t total = 0;
    while (total < n) {
        size_t got = read_some(f, buf + total, n - total);
        if (got == 0) {
            break;
        }
        total += got;
    }
    return total;
}

/* The next byte, or -1 at the end. */
static int read_byte(py_file *f) {
    if (has_readahead(f)) {
        return (unsigned char)f->rbuf[f->rpos++];
    }
    if (!f->ops->readahead) {
        char c;
        return read_some(f, &c, 1) == 0 ? -1 : (unsigned char)c;
    }
    if (f->rbuf == NULL) {
        f->rbuf = py_gc_alloc_flags(READAHEAD_BYTES, PY_GC_LEAF);
    }
    size_t got = 0;
    raise_if(f->ops->read(PY_OBJ(f), f->rbuf, READAHEAD_BYTES, &got));
    f->rpos = 0;
    f->rlen = (uint16_t)got;
    return got == 0 ? -1 : (unsigned char)f->rbuf[f->rpos++];
}

/* Bytes in a UTF-8 sequence that starts with lead byte c (1 for stray
 * continuation bytes, so they count as one character each). */
static size_t utf8_seq_len(unsigned char c) {
    return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

static bool is_continuation(unsigned char c) { return (c & 0xc0) == 0x80; }

static size_t utf8_count(const char *s, size_t n) {
    size_t chars = 0;
    for (size_t i = 0; i < n; i++) {
        chars += !is_continuation((unsigned char)s[i]);
    }
    return chars;
}

/* Reads the bytes the last character of b still lacks. Returns true when
 * a byte that is not a continuation came instead (broken text): it begins
 * a character of its own, which the caller counts. */
static bool finish_char(py_file *f, py_buf *b) {
    size_t i = b->len, back = 0;
    while (i > 0 && back < 3 && is_continuation((unsigned char)b->data[i - 1])) {
        i--;
        back++;
    }
    if (i == 0 || is_continuation((unsigned char)b->data[i - 1])) {
        return false;
    }
    size_t need = utf8_seq_len((unsigned char)b->data[i - 1]);
    for (size_t have = b->len - (i - 1); have < need; have++) {
        int c = read_byte(f);
        if (c < 0) {
            return false;
        }
        py_buf_add_byte(b, (char)c);
        if (!is_continuation((unsigned char)c)) {
            return true;
        }
    }
    return false;
}

/* Appends up to n characters (text) or bytes (binary) to b; n < 0: all. */
static void read_into_buf(py_file *f, py_buf *b, py_int_t n) {
    if (n < 0) {
        size_t chunk = b->alloc - b->len > 256 ? b->alloc - b->len : 256;
        for (;;) {
            char *p = py_buf_extend(b, chunk);
            size_t got = read_full(f, p, chunk);
            b->len -= chunk - got;
            if (got < chunk) {
                return;
            }
            if (chunk < 4096) {
                chunk *= 2;
            }
            py_check_interrupt();
        }
    }
    if (!is_text(f)) {
        char *p = py_buf_extend(b, (size_t)n);
        size_t got = read_full(f, p, (size_t)n);
        b->len -= (size_t)n - got;
        return;
    }
    /* n bytes hold at most n characters: read what is still missing, then
     * the rest of a character cut at the end */
    size_t chars = 0;
    while (chars < (size_t)n) {
        size_t want = (size_t)n - chars, at = b->len;
        char *p = py_buf_extend(b, want);
        size_t got = read_full(f, p, want);
        b->len = at + got;
        if (got == 0) {
            return;
        }
        chars += utf8_count(b->data + at, got);
        while (finish_char(f, b)) {
            chars++;
        }
    }
}

static py_val buf_to_value(py_file *f, py_buf *b) {
    return is_text(f) ? py_buf_to_str(b) : py_buf_to_bytes(b);
}

/* Bytes from the position to the end of a seekable file, or false. */
static bool bytes_left(py_file *f, size_t *left) {
    if (f->ops->seek == NULL || !f->ops->readahead) {
        return false;
    }
    py_val self = PY_OBJ(f);
    long long cur, end, back;
    if (f->ops->seek(self, 0, 1, &cur) != 0) {
        return false;
    }
    int err = f->ops->seek(self, 0, 2, &end);
    raise_if(f->ops->seek(self, cur, 0, &back));
    if (err != 0 || end < cur || (unsigned long long)(end - cur) > SIZE_MAX / 2) {
        return false;
    }
    *left = (size_t)(end - cur) + (f->rlen - f->rpos);
    return true;
}

/* read() of a whole binary file straight into its bytes object, so the
 * board needs room for the data once, not twice. */
static py_val read_all_bytes(py_file *f, size_t left) {
    py_val bytes = py_bytes_new(NULL, left); /* zeros, filled here */
    size_t len;
    char *p = (char *)py_str_data(bytes, &len);
    size_t got = read_full(f, p, left);
    py_buf rest;
    py_buf_init(&rest, 16);
    if (got == left) {
        read_into_buf(f, &rest, -1); /* the file may have grown meanwhile */
        if (rest.len == 0) {
            py_gc_free(rest.data);
            return bytes;
        }
    }
    py_buf b;
    py_buf_init(&b, got + rest.len);
    py_buf_add(&b, p, got);
    py_buf_add(&b, rest.data, rest.len);
    return py_buf_to_bytes(&b);
}

static py_val file_read(size_t n_args, const py_val *args) {
    py_file *f = readable_file_of(args[0]);
    py_int_t n = n_args > 1 && args[1] != PY_NONE ? py_get_int(args[1]) : -1;
    size_t left = 0;
    bool sized = n < 0 && bytes_left(f, &left);
    if (sized && !is_text(f) && left > 0) {
        return read_all_bytes(f, left);
    }
    py_buf b;
    py_buf_init(&b, sized ? left + 1 : n >= 0 && n < 256 ? (size_t)n : 256);
    read_into_buf(f, &b, n);
    return buf_to_value(f, &b);
}
PY_DEFINE_FUN_VAR(file_read_obj, 1, 2, file_read);

/* One line (with its newline); at most limit characters or bytes when
 * limit >= 0. Returns false at the end of the data. */
static bool read_line(py_file *f, py_buf *b, py_int_t limit) {
    size_t count = 0;
    bool any = false;
    while (limit < 0 || count < (size_t)limit) {
        int c = read_byte(f);
        if (c < 0) {
            break;
        }
        any = true;
        py_buf_add_byte(b, (char)c);
        if (!is_text(f) || !is_continuation((unsigned char)c)) {
            count++;
        }
        if (c == '\n') {
            break;
        }
    }
    if (is_text(f) && any) {
        finish_char(f, b); /* a character cut by the limit */
    }
    return any;
}

static py_val file_readline(size_t n_args, const py_val *args) {
    py_file *f = readable_file_of(args[0]);
    py_int_t limit = n_args > 1 && args[1] != PY_NONE ? py_get_int(args[1]) : -1;
    py_buf b;
    py_buf_init(&b, 64);
    read_line(f, &b, limit);
    return buf_to_value(f, &b);
}
PY_DEFINE_FUN_VAR(file_readline_obj, 1, 2, file_readline);

static py_val file_readlines(size_t n_args, const py_val *args) {
    py_file *f = readable_file_of(args[0]);
    py_int_t hint = n_args > 1 && args[1] != PY_NONE ? py_get_int(args[1]) : -1;
    py_val list = py_list_new(0, NULL);
    size_t total = 0;
    for (;;) {
        py_buf b;
        py_buf_init(&b, 64);
        if (!read_line(f, &b, -1)) {
            break;
        }
        total += b.len;
        py_list_append(list, buf_to_value(f, &b));
        if (hint > 0 && total >= (size_t)hint) {
            break;
        }
    }
    return list;
}
PY_DEFINE_FUN_VAR(file_readlines_obj, 1, 2, file_readlines);

static py_val file_iternext(py_val self) {
    py_file *f = readable_file_of(self);
    py_buf b;
    py_buf_init(&b, 64);
    if (!read_line(f, &b, -1)) {
        return PY_STOP;
    }
    return buf_to_value(f, &b);
}

static py_val file_readinto(size_t n_args, const py_val *args) {
    py_file *f = readable_file_of(args[0]);
    py_buffer buf;
    py_get_buffer_or_raise(args[1], &buf, PY_BUFFER_WRITE);
    size_t n = buf.len;
    if (n_args > 2) {
        py_int_t k = py_get_int(args[2]);
        if (k >= 0 && (size_t)k < n) {
            n = (size_t)k;
        }
    }
    return py_int_from_u64(read_full(f, buf.buf, n));
}
PY_DEFINE_FUN_VAR(file_readinto_obj, 2, 3, file_readinto);

/* ---- writing, seeking, closing */

static void write_all(py_file *f, const char *s, size_t n) {
    drop_readahead(f);
    while (n > 0) {
        size_t done = 0;
        raise_if(f->ops->write(PY_OBJ(f), s, n, &done));
        if (done == 0) {
            py_raise_oserror(ERRNO_EAGAIN);
        }
        s += done;
        n -= done;
    }
}

static py_val file_write(py_val self, py_val data) {
    py_file *f = writable_file_of(self);
    if (is_text(f)) {
        if (!py_is_str(data)) {
            py_raise_type_error("write() argument must be str, not %s", py_type_name(data));
        }
        size_t n;
        const char *s = py_str_data(data, &n);
        write_all(f, s, n);
        return py_int_from_u64(utf8_count(s, n));
    }
    py_buffer buf;
    if (py_is_str(data) || !py_get_buffer(data, &buf, PY_BUFFER_READ)) {
        py_raise_type_error("a bytes-like object is required, not '%s'", py_type_name(data));
    }
    write_all(f, buf.buf, buf.len);
    return py_int_from_u64(buf.len);
}
PY_DEFINE_FUN_2(file_write_obj, file_write);

static long long file_seek_to(py_file *f, long long offset, int whence) {
    if (f->ops->seek == NULL) {
        py_raise_oserror(ERRNO_EOPNOTSUPP);
    }
    long long pos = 0;
    if (whence == 1 && offset == 0) {
        /* tell(): the read-ahead stays */
        raise_if(f->ops->seek(PY_OBJ(f), 0, 1, &pos));
        return pos - (long long)(f->rlen - f->rpos);
    }
    drop_readahead(f);
    raise_if(f->ops->seek(PY_OBJ(f), offset, whence, &pos));
    return pos;
}

static py_val file_seek(size_t n_args, const py_val *args) {
    py_file *f = open_file_of(args[0]);
    long long offset = py_get_i64(args[1]);
    py_int_t whence = n_args > 2 ? py_get_int(args[2]) : 0;
    if (whence < 0 || whence > 2) {
        py_raise_value_error("invalid whence (%ld, should be 0, 1 or 2)", (long)whence);
    }
    if (whence == 0 && offset < 0) {
        if (is_text(f)) {
            py_raise_value_error("negative seek position %ld", (long)offset);
        }
        py_raise_oserror(ERRNO_EINVAL);
    }
    return py_int_from_i64(file_seek_to(f, offset, (int)whence));
}
PY_DEFINE_FUN_VAR(file_seek_obj, 2, 3, file_seek);

static py_val file_tell(py_val self) {
    py_file *f = open_file_of(self);
    return py_int_from_i64(file_seek_to(f, 0, 1));
}
PY_DEFINE_FUN_1(file_tell_obj, file_tell);

static void flush_file(py_file *f) {
    if ((f->flags & PY_FILE_WRITE) && f->ops->flush != NULL) {
        raise_if(f->ops->flush(PY_OBJ(f)));
    }
}

static py_val file_flush(py_val self) {
    flush_file(open_file_of(self));
    return PY_NONE;
}
PY_DEFINE_FUN_1(file_flush_obj, file_flush);

static void close_file(py_file *f) {
    if (f->flags & PY_FILE_CLOSED) {
        return;
    }
    if (f->ops->close == NULL) {
        return; /* the terminal streams stay open */
    }
    f->flags |= PY_FILE_CLOSED;
    if (f->rbuf != NULL) {
        py_gc_free(f->rbuf);
        f->rbuf = NULL;
    }
    f->rpos = f->rlen = 0;
    raise_if(f->ops->close(PY_OBJ(f)));
}

static py_val file_close(py_val self) {
    close_file(file_of(self));
    return PY_NONE;
}
PY_DEFINE_FUN_1(file_close_obj, file_close);

static py_val file_enter(py_val self) {
    open_file_of(self);
    return self;
}
PY_DEFINE_FUN_1(file_enter_obj, file_enter);

static py_val file_exit(size_t n_args, const py_val *args) {
    (void)n_args;
    close_file(file_of(args[0]));
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(file_exit_obj, 1, 4, file_exit);

static py_val file_readable(py_val self) {
    return PY_BOOL(open_file_of(self)->flags & PY_FILE_READ);
}
PY_DEFINE_FUN_1(file_readable_obj, file_readable);

static py_val file_writable(py_val self) {
    return PY_BOOL(open_file_of(self)->flags & PY_FILE_WRITE);
}
PY_DEFINE_FUN_1(file_writable_obj, file_writable);

static py_val file_seekable(py_val self) { return PY_BOOL(open_file_of(self)->ops->seek != NULL); }
PY_DEFINE_FUN_1(file_seekable_obj, file_seekable);

static void file_finalise(py_val self) {
    py_file *f = py_ptr(self);
    if (!(f->flags & PY_FILE_CLOSED) && f->ops->finalise != NULL) {
        f->flags |= PY_FILE_CLOSED;
        f->ops->finalise(self);
    }
}

static void file_attr(py_val self, py_qstr name, py_val *dest) {
    py_file *f = py_ptr(self);
    if (dest[0] != PY_NULL) {
        return;
    }
    if (name == Q_closed) {
        dest[0] = PY_BOOL(f->flags & PY_FILE_CLOSED);
    } else if (name == Q_name && f->name != PY_NULL) {
        dest[0] = f->name;
    } else if (name == Q_mode && f->mode != PY_NULL) {
        dest[0] = f->mode;
    } else if (name == Q_buffer) {
        for (size_t i = 0; i < 3; i++) {
            if (f == &py_sys_stdio[i]) {
                dest[0] = PY_SYS_STDIO(i + 3);
            }
        }
    }
}

static void file_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_file *f = py_ptr(self);
    py_printf(out, "<io.%q", (py_qstr)py_type_of(self)->name);
    if (f->name != PY_NULL) {
        py_printf(out, " name=%r", f->name);
    }
    if (f->mode != PY_NULL) {
        py_printf(out, " mode=%r", f->mode);
    }
    py_print_str(out, f->flags & PY_FILE_CLOSED ? " closed>" : ">");
}

/* ---- the stream protocol of file objects */

static size_t file_proto_read(py_val self, void *buf, size_t size, int *err) {
    py_file *f = py_ptr(self);
    if ((f->flags & PY_FILE_CLOSED) || !(f->flags & PY_FILE_READ)) {
        *err = ERRNO_EBADF;
        return PY_STREAM_ERROR;
    }
    if (has_readahead(f)) {
        return read_some(f, buf, size);
    }
    size_t got = 0;
    *err = f->ops->read(self, buf, size, &got);
    return *err ? PY_STREAM_ERROR : got;
}

static size_t file_proto_write(py_val self, const void *buf, size_t size, int *err) {
    py_file *f = py_ptr(self);
    if ((f->flags & PY_FILE_CLOSED) || !(f->flags & PY_FILE_WRITE)) {
        *err = ERRNO_EBADF;
        return PY_STREAM_ERROR;
    }
    drop_readahead(f);
    size_t done = 0;
    *err = f->ops->write(self, buf, size, &done);
    return *err ? PY_STREAM_ERROR : done;
}

static py_val file_proto_ioctl(py_val self, uintptr_t request, uintptr_t arg, int *err) {
    py_file *f = py_ptr(self);
    if (f->flags & PY_FILE_CLOSED) {
        if (request == PY_STREAM_CLOSE) {
            return PY_NONE;
        }
        if (request == PY_STREAM_POLL) {
            return PY_SMALL(PY_POLL_NVAL);
        }
        *err = ERRNO_EBADF;
        return PY_NULL;
    }
    switch (request) {
    case PY_STREAM_FLUSH:
        flush_file(f);
        return PY_NONE;
    case PY_STREAM_SEEK: {
        py_stream_seek *s = (py_stream_seek *)arg;
        s->offset = file_seek_to(f, s->offset, s->whence);
        return PY_NONE;
    }
    case PY_STREAM_POLL: {
        uintptr_t ready = 0;
        if (f == &py_sys_stdio[0] || f == &py_sys_stdio[3]) {
            bool can_read =
                has_readahead(f) || py_os_hooks.stdin_ready == NULL || py_os_hooks.stdin_ready();
            ready = can_read ? PY_POLL_IN : 0;
        } else {
            ready = ((f->flags & PY_FILE_READ) ? PY_POLL_IN : 0) |
                    ((f->flags & PY_FILE_WRITE) ? PY_POLL_OUT : 0);
        }
        return PY_SMALL((py_int_t)(ready & arg));
    }
    case PY_STREAM_CLOSE:
        close_file(f);
        return PY_NONE;
    default:
        *err = ERRNO_EINVAL;
        return PY_NULL;
    }
}

static const py_stream_proto file_binary_proto = {file_proto_read, file_proto_write,
                                                  file_proto_ioctl, false};
static const py_stream_proto file_text_proto = {file_proto_read, file_proto_write, file_proto_ioctl,
                                                true};

static const py_map_entry file_locals_table[] = {
    {PY_QSTR(Q_read), PY_OBJ(&file_read_obj)},
    {PY_QSTR(Q_readinto), PY_OBJ(&file_readinto_obj)},
    {PY_QSTR(Q_readline), PY_OBJ(&file_readline_obj)},
    {PY_QSTR(Q_readlines), PY_OBJ(&file_readlines_obj)},
    {PY_QSTR(Q_write), PY_OBJ(&file_write_obj)},
    {PY_QSTR(Q_seek), PY_OBJ(&file_seek_obj)},
    {PY_QSTR(Q_tell), PY_OBJ(&file_tell_obj)},
    {PY_QSTR(Q_flush), PY_OBJ(&file_flush_obj)},
    {PY_QSTR(Q_close), PY_OBJ(&file_close_obj)},
    {PY_QSTR(Q_readable), PY_OBJ(&file_readable_obj)},
    {PY_QSTR(Q_writable), PY_OBJ(&file_writable_obj)},
    {PY_QSTR(Q_seekable), PY_OBJ(&file_seekable_obj)},
    {PY_QSTR(Q___enter__), PY_OBJ(&file_enter_obj)},
    {PY_QSTR(Q___exit__), PY_OBJ(&file_exit_obj)},
};
PY_DEFINE_FIXED_DICT(file_locals, file_locals_table);

const py_type py_type_fileio = {
    .head = {&py_type_type},
    .name = Q_FileIO,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .print = file_print,
    .attr = file_attr,
    .iternext = file_iternext,
    .finalise = file_finalise,
    .protocol = &file_binary_proto,
    .locals = PY_OBJ(&file_locals),
};

const py_type py_type_textio = {
    .head = {&py_type_type},
    .name = Q_TextIOWrapper,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .print = file_print,
    .attr = file_attr,
    .iternext = file_iternext,
    .finalise = file_finalise,
    .protocol = &file_text_proto,
    .locals = PY_OBJ(&file_locals),
};

/* ---------------------------------------------------------------- StringIO and BytesIO */

typedef struct memio {
    py_file file; /* fd is the position */
    char *data;   /* a leaf block, or NULL while empty */
    size_t len, alloc;
} memio;

static memio *memio_of(py_val self) { return py_ptr(self); }

static int memio_read(py_val self, void *buf, size_t n, size_t *got) {
    memio *m = memio_of(self);
    size_t pos = (size_t)m->file.fd;
    size_t k = pos >= m->len ? 0 : m->len - pos < n ? m->len - pos : n;
    if (k > 0) {
        memcpy(buf, m->data + pos, k);
    }
    m->file.fd = (intptr_t)(pos + k);
    *got = k;
    return 0;
}

static int memio_write(py_val self, const void *buf, size_t n, size_t *done) {
    memio *m = memio_of(self);
    size_t pos = (size_t)m->file.fd;
    *done = 0;
    if (n == 0) {
        return 0;
    }
    if (m->file.flags & PY_FILE_APPEND) {
        pos = m->len;
    }
    if (n > (size_t)PY_SMALL_MAX - pos) {
        py_raise_memory_error();
    }
    size_t end = pos + n;
    if (end > m->alloc) {
        size_t alloc = m->alloc + m->alloc / 2;
        if (alloc < end) {
            alloc = end;
        }
        if (alloc < 16) {
            alloc = 16;
        }
        m->data =
            m->data == NULL ? py_gc_alloc_flags(alloc, PY_GC_LEAF) : py_gc_realloc(m->data, alloc);
        m->alloc = alloc;
    }
    if (pos > m->len) {
        memset(m->data + m->len, 0, pos - m->len);
    }
    memcpy(m->data + pos, buf, n);
    if (end > m->len) {
        m->len = end;
    }
    m->file.fd = (intptr_t)end;
    *done = n;
    return 0;
}

static int memio_seek(py_val self, long long offset, int whence, long long *pos) {
    memio *m = memio_of(self);
    long long base = whence == 0 ? 0 : whence == 1 ? (long long)m->file.fd : (long long)m->len;
    if (offset < -base) {
        return ERRNO_EINVAL;
    }
    long long to = base + offset;
    if (to > PY_SMALL_MAX) {
        return ERRNO_EINVAL;
    }
    m->file.fd = (intptr_t)to;
    *pos = to;
    return 0;
}

static int memio_flush(py_val self) {
    (void)self;
    return 0;
}

static int memio_close(py_val self) {
    memio *m = memio_of(self);
    if (m->data != NULL) {
        py_gc_free(m->data);
    }
    m->data = NULL;
    m->len = m->alloc = 0;
    return 0;
}

static const py_file_ops memio_ops = {memio_read,  memio_write, memio_seek, memio_flush,
                                      memio_close, NULL,        false};

static py_val memio_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    py_check_nargs(n_args, n_kw, 0, 1, false);
    bool text = type == &py_type_stringio;
    memio *m = py_new(memio);
    m->file.head.type = type;
    m->file.ops = &memio_ops;
    m->file.flags = PY_FILE_READ | PY_FILE_WRITE | (text ? PY_FILE_TEXT : 0);
    if (n_args == 1 && args[0] != PY_NONE) {
        py_int_t reserve;
        if (py_get_int_maybe(args[0], &reserve) && !py_is_str(args[0])) {
            /* MicroPython: an int reserves room */
            if (reserve > 0) {
                m->data = py_gc_alloc_flags((size_t)reserve, PY_GC_LEAF);
                m->alloc = (size_t)reserve;
            }
        } else {
            size_t n;
            const char *s;
            py_buffer buf;
            if (text) {
                if (!py_is_str(args[0])) {
                    py_raise_type_error("initial_value must be str or None, not %s",
                                        py_type_name(args[0]));
                }
                s = py_str_data(args[0], &n);
            } else {
                if (py_is_str(args[0]) || !py_get_buffer(args[0], &buf, PY_BUFFER_READ)) {
                    py_raise_type_error("a bytes-like object is required, not '%s'",
                                        py_type_name(args[0]));
                }
                s = buf.buf;
                n = buf.len;
            }
            size_t done;
            memio_write(PY_OBJ(m), s, n, &done);
            m->file.fd = 0;
        }
    }
    return PY_OBJ(m);
}

static py_val memio_getvalue(py_val self) {
    if (!py_is_type(self, &py_type_stringio) && !py_is_type(self, &py_type_bytesio)) {
        py_raise_type_error("expected StringIO or BytesIO, not '%s'", py_type_name(self));
    }
    memio *m = py_ptr(open_file_of(self));
    const char *data = m->data == NULL ? "" : m->data;
    return is_text(&m->file) ? py_str_new(data, m->len) : py_bytes_new(data, m->len);
}
PY_DEFINE_FUN_1(memio_getvalue_obj, memio_getvalue);

static void memio_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_printf(out, "<io.%q object at %p>", (py_qstr)py_type_of(self)->name, py_ptr(self));
}

static const py_map_entry memio_locals_table[] = {
    {PY_QSTR(Q_read), PY_OBJ(&file_read_obj)},
    {PY_QSTR(Q_readinto), PY_OBJ(&file_readinto_obj)},
    {PY_QSTR(Q_readline), PY_OBJ(&file_readline_obj)},
    {PY_QSTR(Q_readlines), PY_OBJ(&file_readlines_obj)},
    {PY_QSTR(Q_write), PY_OBJ(&file_write_obj)},
    {PY_QSTR(Q_seek), PY_OBJ(&file_seek_obj)},
    {PY_QSTR(Q_tell), PY_OBJ(&file_tell_obj)},
    {PY_QSTR(Q_flush), PY_OBJ(&file_flush_obj)},
    {PY_QSTR(Q_close), PY_OBJ(&file_close_obj)},
    {PY_QSTR(Q_getvalue), PY_OBJ(&memio_getvalue_obj)},
    {PY_QSTR(Q_readable), PY_OBJ(&file_readable_obj)},
    {PY_QSTR(Q_writable), PY_OBJ(&file_writable_obj)},
    {PY_QSTR(Q_seekable), PY_OBJ(&file_seekable_obj)},
    {PY_QSTR(Q___enter__), PY_OBJ(&file_enter_obj)},
    {PY_QSTR(Q___exit__), PY_OBJ(&file_exit_obj)},
};
PY_DEFINE_FIXED_DICT(memio_locals, memio_locals_table);

static void memio_attr(py_val self, py_qstr name, py_val *dest) {
    if (dest[0] == PY_NULL && name == Q_closed) {
        dest[0] = PY_BOOL(file_of(self)->flags & PY_FILE_CLOSED);
    }
}

const py_type py_type_stringio = {
    .head = {&py_type_type},
    .name = Q_StringIO,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .print = memio_print,
    .make_new = memio_make_new,
    .attr = memio_attr,
    .iternext = file_iternext,
    .protocol = &file_text_proto,
    .locals = PY_OBJ(&memio_locals),
};

const py_type py_type_bytesio = {
    .head = {&py_type_type},
    .name = Q_BytesIO,
    .flags = PY_TYPE_FLAG_ITER_IS_SELF,
    .print = memio_print,
    .make_new = memio_make_new,
    .attr = memio_attr,
    .iternext = file_iternext,
    .protocol = &file_binary_proto,
    .locals = PY_OBJ(&memio_locals),
};

/* ---------------------------------------------------------------- sys.stdin, stdout, stderr */

static int stdin_read(py_val self, void *buf, size_t n, size_t *got) {
    (void)self;
    *got = 0;
    if (n == 0) {
        return 0;
    }
    size_t k = py_port_hooks.read_stdin == NULL ? 0 : py_port_hooks.read_stdin(buf, n);
    py_handle_pending();
    *got = k;
    return 0;
}

static int stdout_write(py_val self, const void *buf, size_t n, size_t *done) {
    py_file *f = py_ptr(self);
    const py_print *out = f->fd == 2 ? &py_print_stderr : &py_print_stdout;
    py_print_strn(out, buf, n);
    *done = n;
    return 0;
}

static int stdout_flush(py_val self) {
    (void)self;
    if (py_port_hooks.flush_stdout != NULL) {
        py_port_hooks.flush_stdout();
    }
    return 0;
}

static const py_file_ops stdin_ops = {stdin_read, NULL, NULL, NULL, NULL, NULL, false};
static const py_file_ops stdout_ops = {NULL, stdout_write, NULL, stdout_flush, NULL, NULL, false};

#define STDIO(type, ops, name, mode, fd, flags)                                                    \
    { {&type}, &ops, PY_QSTR(name), PY_QSTR(mode), PY_NULL, fd, NULL, 0, 0, flags }

/* Static, so never collected; they hold no heap pointers (no read-ahead). */
py_file py_sys_stdio[6] = {
    STDIO(py_type_textio, stdin_ops, QA_stdin, Q_r, 0, PY_FILE_READ | PY_FILE_TEXT),
    STDIO(py_type_textio, stdout_ops, QA_stdout, Q_w, 1, PY_FILE_WRITE | PY_FILE_TEXT),
    STDIO(py_type_textio, stdout_ops, QA_stderr, Q_w, 2, PY_FILE_WRITE | PY_FILE_TEXT),
    STDIO(py_type_fileio, stdin_ops, QA_stdin, Q_rb, 0, PY_FILE_READ),
    STDIO(py_type_fileio, stdout_ops, QA_stdout, Q_wb, 1, PY_FILE_WRITE),
    STDIO(py_type_fileio, stdout_ops, QA_stderr, Q_wb, 2, PY_FILE_WRITE),
};

/* ---------------------------------------------------------------- open() and the module */

static py_val io_open(size_t n_args, const py_val *args, py_map *kw) {
    static const py_arg_spec spec[] = {
        {Q_file, PY_ARG_REQUIRED, PY_NULL},
        {Q_mode, 0, PY_QSTR(Q_r)},
        {Q_buffering, 0, PY_SMALL(-1)},
        {Q_encoding, 0, PY_NONE},
        {Q_errors, 0, PY_NONE},
        {Q_newline, 0, PY_NONE},
    };
    py_val a[6];
    py_parse_args(n_args, args, kw, 6, spec, a);
    if (!py_is_str(a[1])) {
        py_raise_type_error("open() argument 'mode' must be str, not %s", py_type_name(a[1]));
    }
    bool text;
    py_file_parse_mode(a[1], &text);
    if (!text && a[3] != PY_NONE) {
        py_raise_value_error("binary mode doesn't take an encoding argument");
    }
    if (!py_is_str(a[0]) && !py_is_type(a[0], &py_type_bytes)) {
        py_raise_type_error("expected str, bytes or os.PathLike object, not %s",
                            py_type_name(a[0]));
    }
    return py_vfs_open(a[0], a[1]);
}
PY_DEFINE_FUN_KW(py_io_open_obj, 1, io_open);

static const py_map_entry io_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_io)},
    {PY_QSTR(Q_open), PY_OBJ(&py_io_open_obj)},
    {PY_QSTR(Q_FileIO), PY_OBJ(&py_type_fileio)},
    {PY_QSTR(Q_TextIOWrapper), PY_OBJ(&py_type_textio)},
    {PY_QSTR(Q_StringIO), PY_OBJ(&py_type_stringio)},
    {PY_QSTR(Q_BytesIO), PY_OBJ(&py_type_bytesio)},
    {PY_QSTR(Q_IOBase), PY_OBJ(&iobase_type)},
    {PY_QSTR(Q_SEEK_SET), PY_SMALL(0)},
    {PY_QSTR(Q_SEEK_CUR), PY_SMALL(1)},
    {PY_QSTR(Q_SEEK_END), PY_SMALL(2)},
};
PY_DEFINE_FIXED_DICT(io_globals, io_table);
PY_DEFINE_MODULE(py_module_io, io_globals);
PY_REGISTER_MODULE(Q_io, py_module_io);
