/*
 * mpy_load.c - fuzz target for the bytecode-file loader and verifier
 * (py/persist.c, py/verify.c): each input is a .mpy file made for the 64-bit
 * build. A file the loader accepts is run, so whatever the verifier lets
 * through is also what the VM meets. Anything may be raised; nothing may
 * crash, hang or touch memory outside the heap.
 *
 * Built as the other targets are (mk/fuzz.mk): a libFuzzer target
 * (`make fuzz-mpy`) and a replay program that `make test-persist` runs on
 * mutated files (tests/persist/run_persist.py).
 */
#include "py_fuzz_common.h" /* first: it sets _POSIX_C_SOURCE */

#include "persist.h"

static void fuzz_body(const uint8_t *data, size_t size) {
    py_code *code = py_persist_load(data, size, "fuzz.mpy");
    py_exec_code(PY_OBJ(code), py_st.main_globals, py_st.main_globals);
}
