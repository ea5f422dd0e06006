/*
 * nlr.c - non-local return (raising), the C stack limit, and pending
 * asynchronous events.
 *
 * Raising an exception is a longjmp to the innermost py_nlr handler; handlers
 * form a chain through py_st.nlr_top. The stack check compares the address of
 * a local against the top recorded at start, so deep recursion in the VM, the
 * parser or the compiler ends in RuntimeError rather than a crash.
 */
#include "campy.h"

py_state py_st;
volatile int py_pending;

void py_nlr_link(py_nlr *nlr) {
    nlr->prev = py_st.nlr_top;
    nlr->exc = PY_NULL;
    py_st.nlr_top = nlr;
}

void py_nlr_pop(void) { py_st.nlr_top = py_st.nlr_top->prev; }

_Noreturn void py_nlr_jump(py_val exc) {
    py_nlr *top = py_st.nlr_top;
    if (top == NULL) {
        /* Nothing can catch it: the port forgot a handler. Say so and stop
         * rather than jumping through garbage. */
        static const char msg[] = "FATAL: uncaught exception outside any handler\n";
        if (py_port_hooks.write_stderr != NULL) {
            py_port_hooks.write_stderr(msg, sizeof(msg) - 1);
        }
        for (;;) {
            __builtin_trap();
        }
    }
    py_st.nlr_top = top->prev;
    top->exc = exc;
    longjmp(top->jb, 1);
}

/* ---- C stack */

void py_stack_set_top(void *top) { py_st.stack_top = (char *)top; }
void py_stack_set_limit(size_t bytes) { py_st.stack_limit = bytes; }

size_t py_stack_usage(void) {
    volatile char here = 0;
    char *p = (char *)&here;
    return py_st.stack_top > p ? (size_t)(py_st.stack_top - p) : 0;
}

void py_stack_check(void) {
    if (py_st.stack_limit != 0 && py_stack_usage() >= py_st.stack_limit) {
        py_raise_msg(&py_type_RuntimeError, "maximum recursion depth exceeded");
    }
}

/* ---- pending events */

void py_set_pending_exception(py_val exc) {
    py_st.pending_exc = exc;
    py_pending = 1;
}

/* The schedule queue is one heap block made by py_init, so scheduling never
 * allocates (an interrupt handler may schedule with the heap locked): a
 * tuple whose items are [first, count, fun0, arg0, fun1, arg1, ...], a ring
 * of PY_SCHEDULE_DEPTH calls. */
#define SCHED_FIRST 0
#define SCHED_COUNT 1
#define SCHED_CALLS 2

/* true while a scheduled call runs: it is never preempted by the next. */
static bool sched_running;

void py_schedule_init(void) {
    py_st.scheduled = py_tuple_new(SCHED_CALLS + 2 * PY_SCHEDULE_DEPTH, NULL);
    py_val *q = ((py_tuple *)py_ptr(py_st.scheduled))->items;
    q[SCHED_FIRST] = PY_SMALL(0);
    q[SCHED_COUNT] = PY_SMALL(0);
    sched_running = false;
}

static py_val *sched_queue(void) {
    return py_st.scheduled == PY_NULL ? NULL : ((py_tuple *)py_ptr(py_st.scheduled))->items;
}

static size_t sched_waiting(void) {
    py_val *q = sched_queue();
    return q == NULL ? 0 : (size_t)py_small_value(q[SCHED_COUNT]);
}

bool py_schedule(py_val fun, py_val arg) {
    py_val *q = sched_queue();
    size_t count = sched_waiting();
    if (q == NULL || count == PY_SCHEDULE_DEPTH) {
        return false;
    }
    size_t slot = ((size_t)py_small_value(q[SCHED_FIRST]) + count) % PY_SCHEDULE_DEPTH;
    q[SCHED_CALLS + 2 * slot] = fun;
    q[SCHED_CALLS + 2 * slot + 1] = arg;
    q[SCHED_COUNT] = PY_SMALL(count + 1);
    if (!sched_running) {
        py_pending = 1;
    }
    return true;
}

/* Runs the oldest scheduled call. An Exception it raises is printed and
 * dropped, as an interrupt handler's would be; KeyboardInterrupt and
 * SystemExit go on into the program, so Ctrl-C still stops it. */
static void sched_run_one(void) {
    py_val *q = sched_queue();
    size_t count = sched_waiting();
    if (count == 0 || sched_running) {
        return;
    }
    size_t first = (size_t)py_small_value(q[SCHED_FIRST]);
    py_val fun = q[SCHED_CALLS + 2 * first], arg = q[SCHED_CALLS + 2 * first + 1];
    q[SCHED_CALLS + 2 * first] = PY_NONE;
    q[SCHED_CALLS + 2 * first + 1] = PY_NONE;
    q[SCHED_FIRST] = PY_SMALL((first + 1) % PY_SCHEDULE_DEPTH);
    q[SCHED_COUNT] = PY_SMALL(count - 1);
    sched_running = true;
    volatile py_val escaping = PY_NULL;
    py_nlr nlr;
    py_try(nlr) {
        py_call1(fun, arg);
        py_nlr_pop();
    }
    else {
        if (py_exc_matches(nlr.exc, PY_OBJ(&py_type_Exception))) {
            py_print_exception(&py_print_stderr, nlr.exc);
        } else {
            escaping = nlr.exc;
        }
    }
    sched_running = false;
    if (sched_waiting() > 0) {
        py_pending = 1;
    }
    if (escaping != PY_NULL) {
        py_raise(escaping);
    }
}

/* Takes the pending exception, if any, leaving py_pending set while calls
 * are still queued. */
static py_val take_pending_exc(void) {
    py_pending = 0;
    py_val exc = py_st.pending_exc;
    py_st.pending_exc = PY_NULL;
    if (sched_waiting() > 0 && !sched_running) {
        py_pending = 1;
    }
    return exc;
}

void py_handle_pending(void) {
    if (!py_pending) {
        return;
    }
    py_val exc = take_pending_exc();
    if (exc != PY_NULL) {
        py_raise(exc);
    }
    sched_run_one();
}

void py_check_interrupt(void) {
    if (py_pending && py_st.pending_exc != PY_NULL) {
        py_raise(take_pending_exc());
    }
}
