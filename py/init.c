/*
 * init.c - starting and stopping the interpreter.
 *
 * The port adds its heap regions, records the top of the C stack and fills
 * py_port_hooks; py_init then makes the root objects: sys.modules, sys.path,
 * sys.argv and the __main__ module.
 */
#include <string.h>

#include "bigint.h"
#include "campy.h"

extern const py_module py_module_builtins;

void py_init(void) {
    char *top = py_st.stack_top;
    size_t limit = py_st.stack_limit;
    py_nlr *nlr_top = py_st.nlr_top; /* py_init may run inside a handler */
    memset(&py_st, 0, sizeof(py_st));
    py_st.stack_top = top;
    py_st.stack_limit = limit;
    py_st.nlr_top = nlr_top;
    py_pending = 0;
    py_bigint_poll = py_check_interrupt; /* Ctrl-C stops long big-int loops */
    py_schedule_init();
    py_st.modules = py_dict_new(8);
    py_st.builtins = py_module_globals(PY_OBJ(&py_module_builtins));
    py_st.sys_path = py_list_new(0, NULL);
    py_st.sys_argv = py_list_new(0, NULL);
    py_val main = py_module_new(Q___main__);
    py_st.main_globals = py_module_globals(main);
    py_dict_store(py_st.modules, PY_QSTR(Q___main__), main);
}

void py_deinit(void) {
    py_gc_collect(); /* runs finalisers of what is unreachable (open files) */
    memset(&py_st, 0, offsetof(py_state, roots_end));
}
