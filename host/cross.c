/*
 * cross.c - `campy-cross`, the compiler from Python source to bytecode
 * files (.mpy), and the freezer of a build's manifest into C source.
 *
 *   campy-cross [-t pc|board] [-s NAME] [-o OUT.mpy] FILE.py
 *   campy-cross --freeze MANIFEST -o OUT.c [-d OUT.d] [-t pc|board]
 *
 * The target says which build will load the file: pc is build/campy (63-bit
 * small ints, double floats), board is the ESP32-CAM and build/campy32
 * (31-bit small ints, single floats). A loader refuses a file made for the
 * other kind. Errors are one line on stderr and a non-zero exit status: 1
 * for a program that does not compile or a file that cannot be read or
 * written, 2 for a bad command line.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cross.h"

#define HEAP_BYTES (64 * 1024 * 1024)
#define STACK_BYTES (1024 * 1024)

static void write_stdout(const char *s, size_t n) { fwrite(s, 1, n, stdout); }
static void write_stderr(const char *s, size_t n) { fwrite(s, 1, n, stderr); }

static void usage(FILE *f) {
    fprintf(f, "usage: campy-cross [-t pc|board] [-s NAME] [-o OUT.mpy] FILE.py\n"
               "       campy-cross --freeze MANIFEST -o OUT.c [-d OUT.d] [-t pc|board]\n"
               "  -t TARGET  the build that will load the file: pc (build/campy, the default)\n"
               "             or board (the ESP32-CAM and build/campy32)\n"
               "  -s NAME    the file name tracebacks show (default: FILE.py as given)\n"
               "  -o OUT     the output file (default: FILE.mpy next to FILE.py)\n"
               "  --freeze   compile the modules of a manifest into C source for the image\n"
               "  -d OUT.d   with --freeze: a make rule naming the files read\n");
}

/* ---- files */

bool host_read_file(const char *path, py_buf *out) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return false;
    }
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        py_buf_add(out, chunk, n);
    }
    int failed = ferror(f);
    int saved = errno;
    fclose(f);
    errno = saved;
    return !failed;
}

bool host_write_file(const char *path, const char *data, size_t len) {
    size_t n = strlen(path);
    char *tmp = malloc(n + 5);
    if (tmp == NULL) {
        errno = ENOMEM;
        return false;
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp", 5);
    FILE *f = fopen(tmp, "wb");
    bool ok = f != NULL && fwrite(data, 1, len, f) == len;
    int saved = errno;
    if (f != NULL && fclose(f) != 0) {
        ok = false;
        saved = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok && f != NULL) {
        remove(tmp);
    }
    free(tmp);
    errno = saved;
    return ok;
}

py_code *host_compile_file(const char *path, const char *source_name) {
    py_buf src;
    py_buf_init(&src, 4096);
    if (!host_read_file(path, &src)) {
        py_raise_msg(&py_type_OSError, "can't read '%s': %s", path, strerror(errno));
    }
    py_val code = py_compile(src.data, src.len, py_qstr_from_cstr(source_name), PY_INPUT_FILE);
    return py_ptr(code);
}

/* ---- errors: one line */

/* The exception as `file:line: Type: message`, from its printed form: the
 * innermost `File "x", line N` and the last line. */
static void report(py_val exc) {
    py_buf b;
    py_buf_init(&b, 256);
    py_print out;
    py_print_to_buf(&out, &b);
    py_print_exception(&out, exc);
    py_buf_add_byte(&b, 0);
    char *text = b.data;
    char *last = NULL, *where = NULL;
    for (char *line = text; *line != 0;) {
        char *end = strchr(line, '\n');
        size_t len = end != NULL ? (size_t)(end - line) : strlen(line);
        if (len > 0) {
            if (strncmp(line, "  File \"", 8) == 0) {
                where = line + 8;
            } else if (line[0] != ' ') {
                last = line;
            }
        }
        if (end == NULL) {
            break;
        }
        *end = 0;
        line = end + 1;
    }
    fprintf(stderr, "campy-cross: ");
    if (where != NULL) {
        char *quote = strchr(where, '"');
        char *line_no = strstr(where, "line ");
        if (quote != NULL) {
            fprintf(stderr, "%.*s:", (int)(quote - where), where);
        }
        if (line_no != NULL) {
            fprintf(stderr, "%ld:", strtol(line_no + 5, NULL, 10));
        }
        fprintf(stderr, " ");
    }
    fprintf(stderr, "%s\n", last != NULL ? last : "error");
}

/* ---- the command line */

typedef struct options {
    const char *input, *output, *source_name, *dep_file;
    bool freeze;
    py_persist_target target;
} options;

static bool parse_target(const char *name, py_persist_target *t) {
    if (strcmp(name, "pc") == 0 || strcmp(name, "campy") == 0) {
        t->float_bytes = 8;
        t->small_int_bits = 63;
    } else if (strcmp(name, "board") == 0 || strcmp(name, "campy32") == 0) {
        t->float_bytes = 4;
        t->small_int_bits = 31;
    } else {
        return false;
    }
    return true;
}

/* 0 when the options are good, else the exit status. */
static int parse_options(int argc, char **argv, options *o) {
    memset(o, 0, sizeof(*o));
    parse_target("pc", &o->target);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool takes_value = strcmp(a, "-o") == 0 || strcmp(a, "-s") == 0 || strcmp(a, "-t") == 0 ||
                           strcmp(a, "-d") == 0;
        if (takes_value && i + 1 >= argc) {
            fprintf(stderr, "campy-cross: option %s needs a value\n", a);
            return 2;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return -1;
        } else if (strcmp(a, "--freeze") == 0) {
            o->freeze = true;
        } else if (strcmp(a, "-o") == 0) {
            o->output = argv[++i];
        } else if (strcmp(a, "-s") == 0) {
            o->source_name = argv[++i];
        } else if (strcmp(a, "-d") == 0) {
            o->dep_file = argv[++i];
        } else if (strcmp(a, "-t") == 0) {
            if (!parse_target(argv[++i], &o->target)) {
                fprintf(stderr, "campy-cross: unknown target '%s' (pc or board)\n", argv[i]);
                return 2;
            }
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "campy-cross: unknown option '%s' (campy-cross -h for help)\n", a);
            return 2;
        } else if (o->input != NULL) {
            fprintf(stderr, "campy-cross: one input file at a time ('%s' and '%s')\n", o->input, a);
            return 2;
        } else {
            o->input = a;
        }
    }
    if (o->input == NULL) {
        fprintf(stderr, "campy-cross: no input file (campy-cross -h for help)\n");
        return 2;
    }
    if (o->freeze && o->output == NULL) {
        fprintf(stderr, "campy-cross: --freeze needs -o OUT.c\n");
        return 2;
    }
    return 0;
}

/* What a loader will do with the file, done before it is written: the code
 * passes the verifier, and for this build's own kind of target the file
 * loads back and saves to the same bytes. A failure here is a bug in the
 * compiler, the writer or the verifier, reported instead of a file that
 * would be refused on import. */
static void check_output(const options *o, const py_code *code, const py_buf *out) {
    py_code_verify(code, true, o->input);
    py_persist_target here;
    py_persist_this_build(&here);
    if (here.float_bytes != o->target.float_bytes ||
        here.small_int_bits != o->target.small_int_bits) {
        return;
    }
    py_code *loaded = py_persist_load((const uint8_t *)out->data, out->len, o->input);
    py_buf again;
    py_buf_init(&again, out->len);
    py_persist_save(&again, loaded, &o->target);
    if (again.len != out->len || memcmp(again.data, out->data, out->len) != 0) {
        py_raise_value_error("%s: the bytecode file does not read back the same", o->input);
    }
}

/* FILE.py -> FILE.mpy (any other name gets .mpy added). */
static char *default_output(const char *input) {
    size_t n = strlen(input);
    size_t stem = n >= 3 && strcmp(input + n - 3, ".py") == 0 ? n - 3 : n;
    char *out = malloc(stem + 5);
    if (out != NULL) {
        memcpy(out, input, stem);
        memcpy(out + stem, ".mpy", 5);
    }
    return out;
}

/* Whether two paths name one file (so writing one would destroy the other). */
static bool same_file(const char *a, const char *b) {
    struct stat sa, sb;
    return strcmp(a, b) == 0 || (stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
                                 sa.st_ino == sb.st_ino);
}

static int compile_to_mpy(const options *o) {
    char *dflt = NULL;
    const char *output = o->output;
    if (output == NULL) {
        output = dflt = default_output(o->input);
        if (output == NULL) {
            fprintf(stderr, "campy-cross: out of memory\n");
            return 1;
        }
    }
    if (same_file(output, o->input)) {
        fprintf(stderr, "campy-cross: the output '%s' is the input file\n", output);
        free(dflt);
        return 1;
    }
    py_code *code = host_compile_file(o->input, o->source_name ? o->source_name : o->input);
    py_buf out;
    py_buf_init(&out, 1024);
    py_persist_save(&out, code, &o->target);
    check_output(o, code, &out);
    int status = 0;
    if (!host_write_file(output, out.data, out.len)) {
        fprintf(stderr, "campy-cross: can't write '%s': %s\n", output, strerror(errno));
        status = 1;
    }
    free(dflt);
    return status;
}

static int run(const options *o) {
    volatile int status = 1;
    py_nlr nlr;
    py_try(nlr) {
        if (o->freeze) {
            status = host_freeze(o->input, o->output, o->dep_file, &o->target) ? 0 : 1;
        } else {
            status = compile_to_mpy(o);
        }
        py_nlr_pop();
    } else {
        report(nlr.exc);
        status = 1;
    }
    return status;
}

int main(int argc, char **argv) {
    volatile int stack_marker = 0;
    options o;
    int bad = parse_options(argc, argv, &o);
    if (bad != 0) {
        return bad < 0 ? 0 : bad;
    }
    void *heap = malloc(HEAP_BYTES);
    if (heap == NULL) {
        fprintf(stderr, "campy-cross: can't allocate a heap of %d bytes\n", HEAP_BYTES);
        return 1;
    }
    py_port_hooks.write_stdout = write_stdout;
    py_port_hooks.write_stderr = write_stderr;
    py_stack_set_top((void *)&stack_marker);
    py_stack_set_limit(STACK_BYTES);
    py_gc_init();
    py_gc_add_region(heap, HEAP_BYTES);
    int status = 1;
    py_nlr nlr;
    py_try(nlr) {
        py_init();
        py_nlr_pop();
        status = run(&o);
    } else {
        fprintf(stderr, "campy-cross: can't start the compiler\n");
    }
    fflush(stdout);
    free(heap);
    return status;
}
