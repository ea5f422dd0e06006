/*
 * main.c - `campy`, the plain runner for the PC.
 *
 * The command line of MicroPython's unix port: a REPL, a script with
 * arguments, -c CODE, -m MODULE, -i, -X heapsize=SIZE and -X emit=bytecode.
 * The heap is one region of heapsize bytes, malloc'd once at start, so a
 * program that runs out of memory on the board runs out here too when given
 * the board's heap size.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "campy.h"
#include "frozen.h"
#include "host.h"
#include "os_port.h"
#include "persist.h"

#define CAMPY_VERSION "0.1.0"

static void write_stdout(const char *s, size_t n) {
    fwrite(s, 1, n, stdout);
    py_os_dupterm_write(s, n); /* os.dupterm streams see the output too */
}

static void flush_stdout(void) { fflush(stdout); }

static void write_stderr(const char *s, size_t n) {
    fflush(stdout);
    fwrite(s, 1, n, stderr);
    fflush(stderr);
}

static int import_stat(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) {
        return 0;
    }
    return S_ISDIR(st.st_mode) ? 2 : S_ISREG(st.st_mode) ? 1 : 0;
}

/* Reads a whole file into a bytes object on the heap, or PY_NULL. */
static py_val read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return PY_NULL;
    }
    py_buf b;
    py_buf_init(&b, 256);
    py_nlr nlr;
    py_try(nlr) {
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
            py_buf_add(&b, chunk, n);
        }
        py_nlr_pop();
    } else {
        fclose(f);
        py_raise(nlr.exc);
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        return PY_NULL;
    }
    return py_buf_to_bytes(&b);
}

/* Input comes from standard input or an os.dupterm stream, whichever has
 * some first. */
static size_t read_stdin(char *buf, size_t n) {
    fflush(stdout);
    while (py_os_dupterm_active() && !py_pending) {
        size_t got = py_os_dupterm_read(buf, n);
        if (got > 0) {
            return got;
        }
        struct pollfd p = {0, POLLIN, 0};
        if (poll(&p, 1, 10) != 0) {
            break; /* input, its end, or a signal */
        }
    }
    for (;;) {
        ssize_t got = read(0, buf, n);
        if (got >= 0) {
            return (size_t)got;
        }
        if (errno != EINTR || py_pending) {
            return 0; /* an error, or Ctrl-C: the caller checks py_pending */
        }
    }
}

/* ---- Ctrl-C */

static void on_sigint(int sig) {
    (void)sig;
    py_val kbi = py_st.extra[HOST_ROOT_KBD_INTR];
    if (kbi != PY_NULL) {
        /* The one KeyboardInterrupt object is raised again and again: each
         * time with a fresh traceback, not the last one's lines as well. */
        py_exc *e = py_ptr(kbi);
        e->traceback = PY_NULL;
        e->context = PY_NULL;
        py_set_pending_exception(kbi);
    }
}

/* ---- running code */

/* Exit status for an exception that ended the program: SystemExit's code,
 * else the traceback on stderr and 1. */
static int report_exception(py_val exc) {
    if (py_exc_matches(exc, PY_OBJ(&py_type_SystemExit))) {
        py_val code = py_exc_arg0(exc);
        if (code == PY_NONE) {
            return 0;
        }
        py_int_t n;
        if (py_get_int_maybe(code, &n)) {
            return (int)(n & 0xff);
        }
        /* str(code) runs the object's __str__, which may raise: this is
         * outside every handler of the program */
        py_nlr nlr;
        py_try(nlr) {
            py_printf(&py_print_stderr, "%v\n", code);
            py_nlr_pop();
        } else {
            py_print_str(&py_print_stderr, "<exception str() failed>\n");
        }
        return 1;
    }
    py_print_exception(&py_print_stderr, exc);
    return 1;
}

/* -X compile-only: compile scripts and commands, run nothing. */
static bool compile_only;

/* What run_main runs besides source text of a PY_INPUT_* mode. */
enum { MAIN_BYTECODE = -1, MAIN_CODE = -2 };

/* Runs in __main__ source text (mode PY_INPUT_*), a bytecode file's bytes
 * (MAIN_BYTECODE) or a code object (MAIN_CODE, in `code`); returns 0, or
 * the exit status of an exception. */
static int run_main(const char *data, size_t len, py_qstr filename, int mode, py_val given,
                    bool *system_exit) {
    py_nlr nlr;
    *system_exit = false;
    py_try(nlr) {
        py_val code = mode != MAIN_BYTECODE ? given
                                            : PY_OBJ(py_persist_load((const uint8_t *)data, len,
                                                                     py_qstr_str(filename)));
        if (mode >= 0 && (!compile_only || mode == PY_INPUT_SINGLE)) {
            py_exec_str(data, len, filename, mode, py_st.main_globals, py_st.main_globals);
        } else if (mode >= 0) {
            py_compile(data, len, filename, mode);
        } else if (!compile_only) {
            py_exec_code(code, py_st.main_globals, py_st.main_globals);
        }
        py_nlr_pop();
        fflush(stdout);
        return 0;
    } else {
        fflush(stdout);
        *system_exit = py_exc_matches(nlr.exc, PY_OBJ(&py_type_SystemExit));
        return report_exception(nlr.exc);
    }
}

int host_exec(const char *src, size_t len, py_qstr filename, int mode, bool *system_exit) {
    return run_main(src, len, filename, mode, PY_NULL, system_exit);
}

static int run_file(const char *path, bool *system_exit) {
    volatile py_val src = PY_NULL;
    py_nlr nlr;
    py_try(nlr) {
        src = read_file(path);
        py_nlr_pop();
    } else {
        *system_exit = false;
        return report_exception(nlr.exc);
    }
    if (src == PY_NULL) {
        fprintf(stderr, "campy: can't open file '%s': [Errno %d] %s\n", path, errno,
                strerror(errno));
        *system_exit = true; /* do not drop into -i's REPL */
        return 2;
    }
    size_t len;
    const char *data = py_str_data(src, &len);
    py_dict_store(py_st.main_globals, PY_QSTR(Q___file__), py_str_from_cstr(path));
    if (py_persist_is_bytecode((const uint8_t *)data, len)) {
        /* from campy-cross */
        return run_main(data, len, py_qstr_from_cstr(path), MAIN_BYTECODE, PY_NULL, system_exit);
    }
    return host_exec(data, len, py_qstr_from_cstr(path), PY_INPUT_FILE, system_exit);
}

/* -m a.b.c: imports the package a.b.c's code belongs to (a.b, or a.b.c
 * itself when that is a package with a __main__), as CPython and
 * MicroPython do, and names it in __main__'s __package__, where relative
 * imports start. Returns 0, or the exit status of an exception. */
static int enter_package(const char *package, size_t len, bool *system_exit) {
    if (len == 0) {
        return 0;
    }
    py_nlr nlr;
    py_try(nlr) {
        py_val name = py_str_new(package, len);
        py_import(py_qstr_from(package, len), PY_NULL, 0);
        py_dict_store(py_st.main_globals, PY_QSTR(Q___package__), name);
        py_nlr_pop();
        return 0;
    } else {
        fflush(stdout);
        *system_exit = py_exc_matches(nlr.exc, PY_OBJ(&py_type_SystemExit));
        return report_exception(nlr.exc);
    }
}

/* -m for a sys.path entry ".frozen": NAME.py or NAME/__main__.py frozen
 * into the runner; -1 when there is neither. */
static int run_frozen_module(const char *name, const char *rel, size_t parent_len,
                             bool *system_exit) {
    char path[1024];
    const char *forms[] = {"%s.py", "%s/__main__.py"};
    for (size_t i = 0; i < 2; i++) {
        int n = snprintf(path, sizeof(path), forms[i], rel);
        const py_frozen_module *m =
            n > 0 && (size_t)n < sizeof(path) ? py_frozen_find_module(path, (size_t)n) : NULL;
        if (m != NULL) {
            int status = enter_package(name, i == 1 ? strlen(name) : parent_len, system_exit);
            if (status != 0) {
                return status;
            }
            return run_main(NULL, 0, m->path, MAIN_CODE, py_frozen_code(m), system_exit);
        }
    }
    return -1;
}

/* -m: finds NAME (dots are folders) on sys.path and runs it as __main__. */
static int run_module(const char *name, bool *system_exit) {
    const char *last_dot = strrchr(name, '.');
    size_t parent_len = last_dot == NULL ? 0 : (size_t)(last_dot - name);
    size_t n;
    py_val *dirs;
    py_get_array(py_st.sys_path, &n, &dirs);
    char rel[1024];
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < sizeof(rel); p++) {
        rel[k++] = *p == '.' ? '/' : *p;
    }
    rel[k] = 0;
    bool package_without_main = false;
    char init[1100];
    int init_len = snprintf(init, sizeof(init), "%s/__init__.py", rel);
    for (size_t i = 0; i < n; i++) {
        size_t dlen;
        const char *dir = py_str_data(dirs[i], &dlen);
        if (dlen == 7 && memcmp(dir, ".frozen", 7) == 0) {
            int status = run_frozen_module(name, rel, parent_len, system_exit);
            if (status >= 0) {
                return status;
            }
            package_without_main =
                package_without_main ||
                (init_len > 0 && (size_t)init_len < sizeof(init) &&
                 py_frozen_find_module(init, (size_t)init_len) != NULL);
            continue;
        }
        /* in each folder as import searches: a package, NAME.py, NAME.mpy */
        const char *forms[] = {"%.*s%s%s/__main__.py", "%.*s%s%s.py", "%.*s%s%s.mpy"};
        const char *sep = dlen == 0 ? "" : "/";
        for (size_t f = 0; f < 3; f++) {
            char path[2048];
            snprintf(path, sizeof(path), forms[f], (int)dlen, dir, sep, rel);
            if (import_stat(path) == 1) {
                int status = enter_package(name, f == 0 ? strlen(name) : parent_len, system_exit);
                return status != 0 ? status : run_file(path, system_exit);
            }
        }
        char path[2048];
        snprintf(path, sizeof(path), "%.*s%s%s", (int)dlen, dir, sep, init);
        package_without_main = package_without_main || import_stat(path) == 1;
    }
    if (package_without_main) {
        fprintf(stderr,
                "campy: no module named '%s.__main__'; '%s' is a package and cannot be "
                "directly executed\n",
                name, name);
    } else {
        fprintf(stderr, "campy: no module named '%s'\n", name);
    }
    *system_exit = true;
    return 1;
}

/* ---- command line */

static void usage(FILE *f) {
    fprintf(f,
            "usage: campy [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
            "Options:\n"
            "  -c CMD        run the program passed as a string\n"
            "  -m MOD        run a module found on sys.path as a script\n"
            "  -i            enter the REPL after running the script or command\n"
            "  -O[N]         optimisation level (sets micropython.opt_level)\n"
            "  -v            verbose (accepted for compatibility)\n"
            "  -h            this help\n"
            "  -X heapsize=SIZE[k|m]  size of the Python heap (default %s)\n"
            "  -X stacksize=SIZE[k|m] C stack available to Python (default 1m)\n"
            "  -X emit=bytecode       code emitter (bytecode is the only one)\n"
            "  -X compile-only        compile the script or command, don't run it\n"
            "Environment: CAMPYPATH  folders to add to sys.path, separated by ':'\n",
            "16m");
}

/* Parses "100k", "2m", "4096"; returns 0 for bad text. */
static size_t parse_size(const char *s) {
    if (*s < '0' || *s > '9') {
        return 0; /* strtoull would take "-5" and " 5" */
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno != 0) {
        return 0;
    }
    unsigned long long mult = 1;
    if (*end == 'k' || *end == 'K') {
        mult = 1024;
        end++;
    } else if (*end == 'm' || *end == 'M') {
        mult = 1024 * 1024;
        end++;
    }
    if (*end != 0 || v > (unsigned long long)SIZE_MAX / mult) {
        return 0;
    }
    return (size_t)(v * mult);
}

static void add_sys_path(const char *dir, size_t len) {
    py_list_append(py_st.sys_path, py_str_new(dir, len));
}

static void setup_sys_path(const char *script) {
    if (script != NULL) {
        const char *slash = strrchr(script, '/');
        if (slash == NULL) {
            add_sys_path("", 0);
        } else {
            add_sys_path(script, (size_t)(slash == script ? 1 : slash - script));
        }
    } else {
        add_sys_path("", 0);
    }
    add_sys_path(".frozen", 7); /* the modules frozen into the image (py/frozen.h) */
    const char *env = getenv("CAMPYPATH");
    if (env != NULL && *env) {
        const char *p = env;
        for (;;) {
            const char *colon = strchr(p, ':');
            size_t len = colon == NULL ? strlen(p) : (size_t)(colon - p);
            if (len > 0) {
                add_sys_path(p, len);
            }
            if (colon == NULL) {
                break;
            }
            p = colon + 1;
        }
    }
}

/* Makes the root objects; false if the heap is too small even for that. */
static bool start_interpreter(int opt_level) {
    py_nlr nlr;
    py_try(nlr) {
        py_init();
        host_os_init(); /* clocks, host files; the current directory mounted at / */
        py_st.opt_level = opt_level;
        py_st.extra[HOST_ROOT_KBD_INTR] = py_exc_new(&py_type_KeyboardInterrupt, 0, NULL);
        py_nlr_pop();
        return true;
    } else {
        return false;
    }
}

static bool setup_sys(const char *script, int first_arg, int argc, char **argv) {
    py_nlr nlr;
    py_try(nlr) {
        setup_sys_path(script != NULL && strcmp(script, "-") != 0 ? script : NULL);
        for (int k = first_arg; k < argc; k++) {
            py_list_append(py_st.sys_argv, py_str_from_cstr(argv[k]));
        }
        if (first_arg > 0 && first_arg < argc && strcmp(argv[first_arg - 1], "-c") == 0) {
            /* as CPython: sys.argv[0] is '-c' rather than the command */
            ((py_list *)py_ptr(py_st.sys_argv))->items[0] = py_str_from_cstr("-c");
        }
        py_nlr_pop();
        return true;
    } else {
        return false;
    }
}

static void stop_interpreter(void) {
    py_nlr nlr;
    py_try(nlr) {
        py_deinit();
        py_nlr_pop();
    } else {
        /* nothing more can be done at exit */
    }
}

/* The C stack the OS lets this process grow to, less room for the C code
 * that runs between two stack checks; SIZE_MAX when unlimited. A limit
 * beyond this would let deep recursion in C crash instead of raising. */
static size_t usable_c_stack(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_STACK, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) {
        return SIZE_MAX;
    }
    uintmax_t limit = (uintmax_t)rl.rlim_cur;
    uintmax_t margin = limit / 8 > 128 * 1024 ? limit / 8 : 128 * 1024;
    uintmax_t usable = limit > margin ? limit - margin : 0;
    return usable > (uintmax_t)SIZE_MAX ? SIZE_MAX : (size_t)usable;
}

int main(int argc, char **argv) {
    volatile int stack_marker = 0;
    /* The PC runner has a big heap by default; -X heapsize=100k gives the
     * board's internal RAM. */
    size_t heap_size = 16 * 1024 * 1024;
    size_t stack_size = 1024 * 1024;
    const char *stack_size_text = NULL; /* as given with -X stacksize */
    int opt_level = 0;

    /* options that must be known before the heap exists */
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-X") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "campy: option -X needs an argument (e.g. -X heapsize=100k)\n");
                return 2;
            }
            const char *x = argv[++i];
            if (strncmp(x, "heapsize=", 9) == 0) {
                heap_size = parse_size(x + 9);
                if (heap_size < 4096) {
                    fprintf(stderr, "campy: bad heap size '%s' (e.g. -X heapsize=100k)\n", x + 9);
                    return 2;
                }
            } else if (strncmp(x, "stacksize=", 10) == 0) {
                stack_size = parse_size(x + 10);
                stack_size_text = x + 10;
                if (stack_size < 4096) {
                    fprintf(stderr, "campy: bad stack size '%s'\n", x + 10);
                    return 2;
                }
            } else if (strcmp(x, "compile-only") == 0) {
                compile_only = true;
            } else if (strncmp(x, "emit=", 5) == 0) {
                if (strcmp(x + 5, "bytecode") != 0) {
                    fprintf(stderr, "campy: emitter '%s' is not supported; use emit=bytecode\n",
                            x + 5);
                    return 2;
                }
            } else {
                fprintf(stderr, "campy: unknown -X option '%s'\n", x);
                usage(stderr);
                return 2;
            }
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strncmp(a, "-O", 2) == 0) {
            opt_level = a[2] ? atoi(a + 2) : opt_level + 1;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "-i") == 0) {
            continue;
        } else if (strcmp(a, "-c") == 0 || strcmp(a, "-m") == 0) {
            i++; /* its argument */
            break;
        } else {
            break;
        }
    }

    size_t usable_stack = usable_c_stack();
    if (stack_size > usable_stack) {
        if (stack_size_text != NULL) {
            fprintf(stderr,
                    "campy: stack size '%s' is more than this process may use (%zuk); "
                    "raise it with ulimit -s\n",
                    stack_size_text, usable_stack / 1024);
            return 2;
        }
        stack_size = usable_stack; /* a small ulimit -s: the default shrinks */
    }

    void *heap = malloc(heap_size);
    if (heap == NULL) {
        fprintf(stderr, "campy: can't allocate a heap of %zu bytes\n", heap_size);
        return 2;
    }
    /* Each line goes out when printed, as from the board's UART (and
     * MicroPython's runner), even into a pipe. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    py_port_hooks.write_stdout = write_stdout;
    py_port_hooks.write_stderr = write_stderr;
    py_port_hooks.flush_stdout = flush_stdout;
    py_port_hooks.import_stat = import_stat;
    py_port_hooks.read_file = read_file;
    py_port_hooks.read_stdin = read_stdin;
    py_stack_set_top((void *)&stack_marker);
    py_stack_set_limit(stack_size);
    py_gc_init();
    py_gc_add_region(heap, heap_size);

    int status = 0;
    if (!start_interpreter(opt_level)) {
        fprintf(stderr, "campy: heap of %zu bytes is too small to start\n", heap_size);
        free(heap);
        return 2;
    }
    /* no SA_RESTART: a blocking read of stdin returns on Ctrl-C */
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);

    /* second pass: the action and its arguments */
    bool inspect = false, ran = false, system_exit = false;
    const char *script = NULL;
    int first_arg = argc;
    const char *command = NULL, *module = NULL;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-X") == 0) {
            i++;
        } else if (strcmp(a, "-i") == 0) {
            inspect = true;
        } else if (strcmp(a, "-c") == 0 || strcmp(a, "-m") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "campy: option %s needs an argument\n", a);
                usage(stderr);
                status = 2;
                goto done;
            }
            if (a[1] == 'c') {
                command = argv[i + 1];
            } else {
                module = argv[i + 1];
            }
            first_arg = i + 1;
            break;
        } else if (a[0] == '-' && a[1] != 0 && strcmp(a, "-v") != 0 && strncmp(a, "-O", 2) != 0) {
            fprintf(stderr, "campy: unknown option '%s'\n", a);
            usage(stderr);
            status = 2;
            goto done;
        } else if (a[0] != '-' || a[1] == 0) {
            script = a;
            first_arg = i;
            break;
        }
    }

    if (!setup_sys(script, first_arg, argc, argv)) {
        fprintf(stderr, "campy: heap too small for the arguments\n");
        status = 2;
        goto done;
    }

    if (command != NULL) {
        status = host_exec(command, strlen(command), QA_stdin, PY_INPUT_FILE, &system_exit);
        ran = true;
    } else if (module != NULL) {
        status = run_module(module, &system_exit);
        ran = true;
    } else if (script != NULL && strcmp(script, "-") != 0) {
        status = run_file(script, &system_exit);
        ran = true;
    }
    if (!ran && (script != NULL || !isatty(0))) {
        status = host_run_stdin(&system_exit);
        ran = true;
    }
    if ((!ran || inspect) && !system_exit) {
        bool repl_exit = false;
        int s = host_repl(CAMPY_VERSION, &repl_exit);
        if (!ran || repl_exit) {
            status = s; /* sys.exit() in the REPL sets the status, even after -i */
        }
    }
    py_sys_atexit_run();
done:
    fflush(stdout);
    stop_interpreter();
    free(heap);
    return status;
}
