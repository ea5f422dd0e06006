/*
 * py_exec.c - fuzz target for the compiler and the VM: each input is Python
 * source, compiled and run in a small heap. Anything may be raised; nothing
 * may crash, hang or touch memory outside the heap.
 *
 * Built two ways (mk/fuzz.mk):
 *   - with clang -fsanitize=fuzzer,address,undefined: a libFuzzer target;
 *   - as a plain program (PY_FUZZ_REPLAY): runs each file named on the command
 *     line, so `make test` replays the checked-in corpus.
 * The heap size, the Ctrl-C timer and the replay main() are in
 * py_fuzz_common.h.
 */
#include "py_fuzz_common.h"

static void fuzz_body(const uint8_t *data, size_t size) {
    py_qstr file = py_qstr_from_cstr("<fuzz>");
    py_exec_str((const char *)data, size, file, PY_INPUT_FILE, py_st.main_globals,
                py_st.main_globals);
}
