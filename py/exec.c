/*
 * exec.c - from source text to a running program: py_compile (lexer, parser
 * and compiler; a module is compiled a statement at a time, other input with
 * the syntax tree's arena released as soon as the code object exists), py_exec_code and py_exec_str, and the REPL's question
 * "does this input need another line?".
 */
#include <string.h>

#include "ast.h"
#include "vm.h"

py_val py_compile(const char *src, size_t len, py_qstr filename, int mode) {
    if (mode == PY_INPUT_FILE) {
        /* statement by statement; the arenas are the compiler's, and an
         * error leaves them to the GC */
        py_parser parser;
        py_parser_begin(&parser, src, len, filename);
        py_code *code = py_compile_module(&parser, filename);
        py_parser_end(&parser);
        return PY_OBJ(code);
    }
    py_ast_arena arena;
    py_ast_arena_init(&arena);
    py_nlr nlr;
    py_try(nlr) {
        py_node *tree = py_parse(&arena, src, len, filename, mode, NULL);
        py_code *code = py_compile_ast(tree, filename, mode);
        py_nlr_pop();
        py_ast_arena_free(&arena);
        return PY_OBJ(code);
    } else {
        py_ast_arena_free(&arena);
        py_nlr_jump(nlr.exc);
    }
}

py_val py_exec_code(py_val code, py_val globals, py_val locals) {
    if (!py_is_type(code, &py_type_code)) {
        py_raise_type_error("expected a code object, got '%s'", py_type_name(code));
    }
    if (globals == PY_NULL) {
        globals = py_st.main_globals;
    }
    if (!py_isinstance(globals, &py_type_dict)) {
        py_raise_type_error("globals must be a dict");
    }
    return py_vm_run_code(py_ptr(code), globals, locals != PY_NULL ? locals : globals);
}

py_val py_exec_str(const char *src, size_t len, py_qstr filename, int mode, py_val globals,
                   py_val locals) {
    py_val code = py_compile(src, len, filename, mode);
    return py_exec_code(code, globals, locals);
}

/* ---- the REPL's continuation rule */

static bool starts_with_word(const char *s, size_t len, const char *word) {
    size_t n = strlen(word);
    if (len < n || memcmp(s, word, n) != 0) {
        return false;
    }
    return len == n || !(s[n] == '_' || (s[n] >= 'a' && s[n] <= 'z') ||
                         (s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9'));
}

/* A compound statement (if, def, a decorator...) goes on until an empty line. */
static bool starts_compound_statement(const char *src, size_t len) {
    static const char *const words[] = {"if",  "while", "for",   "try",  "with",
                                        "def", "class", "async", "match"};
    size_t i = 0;
    while (i < len && (src[i] == ' ' || src[i] == '\t')) {
        i++;
    }
    if (i < len && src[i] == '@') {
        return true;
    }
    for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
        if (starts_with_word(src + i, len - i, words[w])) {
            return true;
        }
    }
    return false;
}

static bool last_line_blank(const char *src, size_t len) {
    size_t end = len;
    size_t start = end;
    while (start > 0 && src[start - 1] != '\n') {
        start--;
    }
    if (start == 0) {
        return false; /* a single line */
    }
    for (size_t i = start; i < end; i++) {
        if (src[i] != ' ' && src[i] != '\t' && src[i] != '\r') {
            return false;
        }
    }
    return true;
}

bool py_repl_continue_with_input(const char *src, size_t len) {
    bool incomplete = false;
    py_ast_arena arena;
    py_ast_arena_init(&arena);
    py_nlr nlr;
    py_try(nlr) {
        py_parse(&arena, src, len, QA_stdin, PY_INPUT_SINGLE, &incomplete);
        py_nlr_pop();
    } else {
        /* a real syntax error: let the REPL run it and report it */
    }
    py_ast_arena_free(&arena);
    if (incomplete) {
        return true;
    }
    return starts_compound_statement(src, len) && !last_line_blank(src, len);
}
