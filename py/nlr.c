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

void py_handle_pending(void) {
    if (!py_pending) {
        return;
    }
    py_pending = 0;
    py_val exc = py_st.pending_exc;
    if (exc != PY_NULL) {
        py_st.pending_exc = PY_NULL;
        py_raise(exc);
    }
}
