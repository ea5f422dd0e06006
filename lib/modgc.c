/*
 * modgc.c - the gc module: control of the collector (py/gc.c).
 */
#include "campy.h"

static py_val gc_collect(void) {
    py_gc_collect();
    return PY_NONE;
}
PY_DEFINE_FUN_0(gc_collect_obj, gc_collect);

static py_val gc_enable(void) {
    py_gc_enable(true);
    return PY_NONE;
}
PY_DEFINE_FUN_0(gc_enable_obj, gc_enable);

static py_val gc_disable(void) {
    py_gc_enable(false);
    return PY_NONE;
}
PY_DEFINE_FUN_0(gc_disable_obj, gc_disable);

static py_val gc_isenabled(void) { return PY_BOOL(py_gc_is_enabled()); }
PY_DEFINE_FUN_0(gc_isenabled_obj, gc_isenabled);

static py_val gc_mem_free(void) {
    py_gc_info info;
    py_gc_info_get(&info);
    return py_int_from_u64(info.free);
}
PY_DEFINE_FUN_0(gc_mem_free_obj, gc_mem_free);

static py_val gc_mem_alloc(void) {
    py_gc_info info;
    py_gc_info_get(&info);
    return py_int_from_u64(info.used);
}
PY_DEFINE_FUN_0(gc_mem_alloc_obj, gc_mem_alloc);

/* threshold(): the current threshold (-1 for none); threshold(n) sets it. */
static py_val gc_threshold(size_t n_args, const py_val *args) {
    if (n_args == 0) {
        return PY_SMALL(py_gc_get_threshold());
    }
    py_gc_set_threshold(py_get_int(args[0]));
    return PY_NONE;
}
PY_DEFINE_FUN_VAR(gc_threshold_obj, 0, 1, gc_threshold);

static const py_map_entry gc_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q_gc)},
    {PY_QSTR(Q_collect), PY_OBJ(&gc_collect_obj)},
    {PY_QSTR(Q_enable), PY_OBJ(&gc_enable_obj)},
    {PY_QSTR(Q_disable), PY_OBJ(&gc_disable_obj)},
    {PY_QSTR(Q_isenabled), PY_OBJ(&gc_isenabled_obj)},
    {PY_QSTR(Q_mem_free), PY_OBJ(&gc_mem_free_obj)},
    {PY_QSTR(Q_mem_alloc), PY_OBJ(&gc_mem_alloc_obj)},
    {PY_QSTR(Q_threshold), PY_OBJ(&gc_threshold_obj)},
};
PY_DEFINE_FIXED_DICT(gc_globals, gc_table);
PY_DEFINE_MODULE(py_module_gc, gc_globals);
PY_REGISTER_MODULE(Q_gc, py_module_gc);
