/*
 * py_fuzz_common.h - what the core's fuzz targets share: a fresh interpreter
 * per input, a heap whose size the input picks, the timer that stands in for
 * Ctrl-C, and the replay main() that `make test-fuzz-py` runs.
 *
 * A target defines fuzz_body(data, size), which runs inside a handler with
 * the interpreter initialised, then includes this file.
 *
 * Heap: the input's length modulo 4 picks 256 KiB, 96 KiB (the board without
 * PSRAM), 24 KiB, or 24 KiB collecting before every allocation (which finds
 * objects the collector cannot see from its roots). The choice depends on
 * the input alone, so a saved input replays the same way.
 *
 * Timer: a KeyboardInterrupt becomes pending the way Ctrl-C makes it, every
 * 200 ms of CPU time, or for a quarter of the inputs each (the length
 * divided by 4, modulo 4, picks) every 2, 10 or 50 ms, so interrupts also
 * land inside except and finally blocks and __exit__ methods. A program
 * that keeps catching them runs until libFuzzer's -timeout. A pending
 * interrupt left undelivered for FUZZ_STALL_MS means C code looping without
 * py_handle_pending(): that is reported as a crash, with the loop's stack.
 */
#ifndef PY_FUZZ_COMMON_H
#define PY_FUZZ_COMMON_H

#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "campy.h"

#define FUZZ_HEAP_MAX (1024 * 1024) /* 256 KiB at most, but for PY_FUZZ_HEAP_KB */
#define FUZZ_STALL_MS 5000 /* CPU time with an interrupt undelivered */

static void fuzz_body(const uint8_t *data, size_t size);

static char fuzz_heap[FUZZ_HEAP_MAX] __attribute__((aligned(16)));
static int fuzz_started;
static volatile int fuzz_stalled_ms;
static volatile int fuzz_timer_on;
static int fuzz_tick_ms;

static void fuzz_discard(const char *s, size_t n) {
    (void)s;
    (void)n;
}

#ifdef PY_FUZZ_REPLAY
static void fuzz_show(const char *s, size_t n) { fwrite(s, 1, n, stdout); }
static int fuzz_verbose;
#endif

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_HAVE_SANITIZER 1
#endif
#endif
#ifdef FUZZ_HAVE_SANITIZER
void __sanitizer_print_stack_trace(void);
#endif

static void fuzz_on_tick(int sig) {
    (void)sig;
    if (!fuzz_timer_on) {
        return;
    }
    if (py_pending && py_st.pending_exc != PY_NULL) {
        fuzz_stalled_ms += fuzz_tick_ms;
        if (fuzz_stalled_ms >= FUZZ_STALL_MS) {
            static const char msg[] = "\n*** fuzz: KeyboardInterrupt pending for 5 s and "
                                      "never delivered: a C loop without py_handle_pending\n";
            if (write(2, msg, sizeof(msg) - 1) < 0) {
                /* nothing better to do: we are about to abort anyway */
            }
#ifdef FUZZ_HAVE_SANITIZER
            __sanitizer_print_stack_trace();
#endif
            abort();
        }
        return;
    }
    fuzz_stalled_ms = 0;
    py_set_pending_exception(py_st.extra[0]);
}

static void fuzz_timer(int ms) {
    struct itimerval t;
    memset(&t, 0, sizeof(t));
    t.it_value.tv_sec = ms / 1000;
    t.it_value.tv_usec = (ms % 1000) * 1000;
    t.it_interval = t.it_value;
    /* CPU time, not wall time: libFuzzer's own -timeout uses ITIMER_REAL */
    setitimer(ITIMER_VIRTUAL, &t, NULL);
}

/* The replay program takes PY_FUZZ_HEAP_KB and PY_FUZZ_TICK_MS from the
 * environment, to run a program in the heap and with the interrupts the
 * fuzzer did not give it. */
static int fuzz_env(const char *name, int def, int max) {
#ifdef PY_FUZZ_REPLAY
    const char *v = getenv(name);
    if (v != NULL && atoi(v) > 0) {
        return atoi(v) < max ? atoi(v) : max;
    }
#else
    (void)name;
    (void)max;
#endif
    return def;
}

static size_t fuzz_heap_bytes(size_t size) {
    static const size_t bytes[4] = {256 * 1024, 96 * 1024, 24 * 1024, 24 * 1024};
    return (size_t)fuzz_env("PY_FUZZ_HEAP_KB", (int)(bytes[size % 4] / 1024),
                            FUZZ_HEAP_MAX / 1024) *
           1024;
}

/* A fresh interpreter for every input, so one input can't affect the next. */
static int fuzz_run(const uint8_t *data, size_t size) {
    volatile char marker = 0;
    if (!fuzz_started) {
        fuzz_started = 1;
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = fuzz_on_tick;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGVTALRM, &sa, NULL);
    }
    memset(&py_port_hooks, 0, sizeof(py_port_hooks));
    py_port_hooks.write_stdout = fuzz_discard;
    py_port_hooks.write_stderr = fuzz_discard;
#ifdef PY_FUZZ_REPLAY
    if (fuzz_verbose) {
        py_port_hooks.write_stdout = fuzz_show;
        py_port_hooks.write_stderr = fuzz_show;
    }
#endif
    py_stack_set_top((char *)&marker);
    py_stack_set_limit(256 * 1024);
    py_gc_init();
    py_gc_add_region(fuzz_heap, fuzz_heap_bytes(size));
    py_nlr nlr;
    py_try(nlr) {
        py_init();
        py_st.extra[0] = py_exc_new(&py_type_KeyboardInterrupt, 0, NULL);
        if (size % 4 == 3) {
            py_gc_set_threshold(0);
        }
        static const int tick_ms[4] = {200, 2, 10, 50};
        fuzz_tick_ms = fuzz_env("PY_FUZZ_TICK_MS", tick_ms[(size / 4) % 4], 1000000);
        fuzz_stalled_ms = 0;
        fuzz_timer_on = 1;
        fuzz_timer(fuzz_tick_ms);
        fuzz_body(data, size);
        py_nlr_pop();
    } else {
        /* any Python exception is a fine outcome; printing it must work too */
        py_nlr nlr2;
        py_try(nlr2) {
            py_print_exception(&py_print_stderr, nlr.exc);
            py_nlr_pop();
        } else {
        }
    }
    /* Unreachable objects' finalisers run here, after the program. */
    py_nlr nlr3;
    py_try(nlr3) {
        py_deinit();
        py_gc_collect();
        py_nlr_pop();
    } else {
    }
    fuzz_timer_on = 0;
    fuzz_timer(0);
    py_pending = 0;
    return 0;
}

#ifdef PY_FUZZ_REPLAY
/* Runs each file named on the command line; -v prints the program's output. */
int main(int argc, char **argv) {
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            fuzz_verbose = 1;
            continue;
        }
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            fprintf(stderr, "can't open %s\n", argv[i]);
            failed = 1;
            continue;
        }
        static uint8_t buf[1 << 20];
        size_t n = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        fuzz_run(buf, n);
    }
    return failed;
}
#else
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_run(data, size); }
#endif

#endif /* PY_FUZZ_COMMON_H */
