/*
 * py_parse.c - fuzz target for the lexer, the parser and the compiler alone:
 * each input is compiled, never run, so the fuzzer spends its time on syntax.
 * The input's length picks the mode (file, REPL line or expression), and the
 * REPL's "needs another line?" question is asked of every input too. The
 * compiled code is dumped as a listing, which walks every instruction and
 * constant the compiler wrote.
 *
 * Built like py_exec.c (see mk/fuzz.mk); shared parts in py_fuzz_common.h.
 */
#include "py_fuzz_common.h"
#include "bytecode.h"

static void fuzz_body(const uint8_t *data, size_t size) {
    static const int modes[3] = {PY_INPUT_FILE, PY_INPUT_SINGLE, PY_INPUT_EVAL};
    const char *src = (const char *)data;
    py_repl_continue_with_input(src, size);
    py_qstr file = py_qstr_from_cstr("<fuzz>");
    py_val code = py_compile(src, size, file, modes[(size / 4) % 3]);
    py_code_dump(&py_print_stdout, py_ptr(code));
}
