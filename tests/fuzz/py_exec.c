/*
 * py_exec.c - fuzz target for the compiler and the VM: each input is Python
 * source, compiled and run in a small heap. Anything may be raised; nothing
 * may crash, hang or leak memory outside the heap.
 *
 * Built two ways (mk/fuzz.mk):
 *   - with clang -fsanitize=fuzzer,address,undefined: a libFuzzer target;
 *   - as a plain program (PY_FUZZ_REPLAY): runs each file named on the command
 *     line, so `make test` replays the checked-in corpus.
 * A timer turns a long-running input (while True: pass) into a
 * KeyboardInterrupt, the same way Ctrl-C stops a program.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "campy.h"

#define HEAP_BYTES (256 * 1024)
#define RUN_MS 200

static char heap[HEAP_BYTES] __attribute__((aligned(16)));
static char *stack_top;

static void discard(const char *s, size_t n) {
    (void)s;
    (void)n;
}

static void on_alarm(int sig) {
    (void)sig;
    py_set_pending_exception(py_st.extra[0]);
}

static void arm_timer(int ms) {
    struct itimerval t;
    memset(&t, 0, sizeof(t));
    t.it_value.tv_sec = ms / 1000;
    t.it_value.tv_usec = (ms % 1000) * 1000;
    setitimer(ITIMER_REAL, &t, NULL);
}

/* A fresh interpreter for every input, so one input can't affect the next. */
static int run_one(const uint8_t *data, size_t size) {
    volatile char marker = 0;
    if (stack_top == NULL) {
        stack_top = (char *)&marker;
        signal(SIGALRM, on_alarm);
    }
    memset(&py_port_hooks, 0, sizeof(py_port_hooks));
    py_port_hooks.write_stdout = discard;
    py_port_hooks.write_stderr = discard;
    py_stack_set_top(stack_top);
    py_stack_set_limit(256 * 1024);
    py_gc_init();
    py_gc_add_region(heap, sizeof(heap));
    py_nlr nlr;
    py_try(nlr) {
        py_init();
        py_st.extra[0] = py_exc_new(&py_type_KeyboardInterrupt, 0, NULL);
        arm_timer(RUN_MS);
        py_exec_str((const char *)data, size, QA_fuzz, PY_INPUT_FILE, py_st.main_globals,
                    py_st.main_globals);
        py_nlr_pop();
    } else {
        /* any Python exception is a fine outcome; printing it must work too */
        py_nlr nlr2;
        py_try(nlr2) {
            py_print_exception(&py_print_stdout, nlr.exc);
            py_nlr_pop();
        } else {
        }
    }
    arm_timer(0);
    py_pending = 0;
    return 0;
}

#ifdef PY_FUZZ_REPLAY
int main(int argc, char **argv) {
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            fprintf(stderr, "can't open %s\n", argv[i]);
            failed = 1;
            continue;
        }
        static uint8_t buf[1 << 20];
        size_t n = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        run_one(buf, n);
    }
    return failed;
}
#else
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return run_one(data, size); }
#endif
