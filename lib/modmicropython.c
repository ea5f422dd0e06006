/*
 * modmicropython.c - the micropython module: access to the interpreter's
 * internals as MicroPython documents them.
 */
#include "campy.h"

static py_val mp_const(py_val x) { return x; }
PY_DEFINE_FUN_1(mp_const_obj, mp_const);

static py_val mp_opt_level(size_t n_args, const py_val *args) {
    if (n_args == 0) {
        return PY_SMALL(py_st.opt_level);
    }
    py_st.opt_level = (int)py_get_int(args[0]);
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(mp_opt_level_obj, 0, 1, mp_opt_level);

static void print_out(void *ctx, const char *s, size_t n) {
    py_print_strn((const py_print *)ctx, s, n);
}

static py_val mp_mem_info(size_t n_args, const py_val *args) {
    const py_print *out = &py_print_stdout;
    py_gc_info info;
    py_gc_info_get(&info);
    py_printf(out, "stack: %zu out of %zu\n", py_stack_usage(), py_st.stack_limit);
    py_printf(out, "GC: total: %zu, used: %zu, free: %zu\n", info.total, info.used, info.free);
    py_printf(out, " No. of 1-blocks: %zu, 2-blocks: %zu, max blk sz: %zu, max free sz: %zu\n",
              info.num_1block, info.num_2block, info.max_block, info.max_free_run);
    size_t n = py_gc_region_count();
    for (size_t i = 0; i < n; i++) {
        uintptr_t start;
        size_t total, free;
        py_gc_region_info(i, &start, &total, &free);
        py_printf(out, " region %zu: %zu bytes, %zu free\n", i, total, free);
    }
    if (n_args > 0 && py_truthy(args[0])) {
        py_print_str(out, "GC memory layout (. free, h head, T tail):\n");
        py_gc_dump_layout(print_out, (void *)out);
    }
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(mp_mem_info_obj, 0, 1, mp_mem_info);

static py_val mp_qstr_info(size_t n_args, const py_val *args) {
    (void)n_args;
    (void)args;
    size_t n_pool, n_qstr, n_bytes, n_total;
    py_qstr_info(&n_pool, &n_qstr, &n_bytes, &n_total);
    py_printf(&py_print_stdout, "qstr pool: n_pool=%zu, n_qstr=%zu, n_str_data_bytes=%zu, n_total_bytes=%zu\n",
              n_pool, n_qstr, n_bytes, n_total);
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(mp_qstr_info_obj, 0, 1, mp_qstr_info);

static py_val mp_stack_use(void) { return PY_SMALL((py_int_t)py_stack_usage()); }
PY_DEFINE_FUN_0(mp_stack_use_obj, mp_stack_use);

static py_val mp_heap_lock(void) {
    py_gc_lock();
    return PY_NONE;
}
PY_DEFINE_FUN_0(mp_heap_lock_obj, mp_heap_lock);

static py_val mp_heap_unlock(void) {
    py_gc_unlock();
    return PY_NONE;
}
PY_DEFINE_FUN_0(mp_heap_unlock_obj, mp_heap_unlock);

/* The emergency buffer exists to format exceptions raised in interrupt
 * handlers; campy keeps a static MemoryError, so this only checks its
 * argument. */
static py_val mp_alloc_emergency_exception_buf(py_val size) {
    (void)py_get_int(size);
    return PY_NONE;
}
PY_DEFINE_FUN_1(mp_alloc_emergency_exception_buf_obj, mp_alloc_emergency_exception_buf);

static py_val mp_kbd_intr(py_val chr) {
    (void)py_get_int(chr);
    return PY_NONE;
}
PY_DEFINE_FUN_1(mp_kbd_intr_obj, mp_kbd_intr);

static const py_map_entry mp_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_micropython)},
    {PY_QSTR(Q_const), PY_OBJ(&mp_const_obj)},
    {PY_QSTR(Q_opt_level), PY_OBJ(&mp_opt_level_obj)},
    {PY_QSTR(Q_mem_info), PY_OBJ(&mp_mem_info_obj)},
    {PY_QSTR(Q_qstr_info), PY_OBJ(&mp_qstr_info_obj)},
    {PY_QSTR(Q_stack_use), PY_OBJ(&mp_stack_use_obj)},
    {PY_QSTR(Q_heap_lock), PY_OBJ(&mp_heap_lock_obj)},
    {PY_QSTR(Q_heap_unlock), PY_OBJ(&mp_heap_unlock_obj)},
    {PY_QSTR(Q_alloc_emergency_exception_buf), PY_OBJ(&mp_alloc_emergency_exception_buf_obj)},
    {PY_QSTR(Q_kbd_intr), PY_OBJ(&mp_kbd_intr_obj)},
};
PY_DEFINE_FIXED_DICT(mp_globals, mp_table);
PY_DEFINE_MODULE(py_module_micropython, mp_globals);
PY_REGISTER_MODULE(Q_micropython, py_module_micropython);
