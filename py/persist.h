/*
 * persist.h - bytecode files (.mpy): compiled code saved to bytes and read
 * back, and the check that makes code from outside safe to run.
 *
 * A bytecode file holds one module's code object tree with its constants.
 * It is made by build/campy-cross and imported like a .py file. Because the
 * bytes come from outside (a file on flash, a download), the loader trusts
 * nothing: every count, index, operand and jump is checked, and the code is
 * verified (py_code_verify) before it can run, so a corrupt or malicious file
 * ends in ValueError, never in a crash.
 *
 * The layout, all integers little-endian, counts as unsigned LEB128 varints:
 *
 *   header  "CPYB", format version (1 byte), float size in bytes (1 byte),
 *           small-int bits (1 byte), 0 (1 byte), instruction-set signature
 *           (4 bytes: py_persist_isa_signature of the compiler's build)
 *   names   count, then each name as length + UTF-8 bytes; code objects refer
 *           to names by their index here, and the loader interns them
 *   file    the source file name: a name index
 *   code    the module's code object (below), then the end of the data
 *
 *   code object: flags, n_pos, n_posonly, n_kwonly, n_locals, n_cells,
 *           n_free, stack_size, block_depth, name (index), first_line,
 *           bytecode (length + bytes), line table (length + bytes),
 *           names (count + indices), slot names (n_locals + n_cells + n_free
 *           indices), cell2arg (n_cells values), constants (count + each)
 *
 *   constant: one tag byte, then
 *           'N' None  'T' True  'F' False  'E' Ellipsis
 *           'i' int: zigzag varint        'I' int: length + hex digits ("-ff")
 *           'f' float: float-size bytes   'c' complex: two of those
 *           'q' interned str: name index  's' str: length + UTF-8
 *           'b' bytes: length + bytes     't' tuple: count + constants
 *           'C' a nested code object
 *
 * A file is refused when its float size or small-int width differ from the
 * running build's, or when its instruction-set signature does (a campy-cross
 * from another version of campy).
 */
#ifndef PY_PERSIST_H
#define PY_PERSIST_H

#include "bytecode.h"
#include "campy.h"

#define PY_PERSIST_MAGIC "CPYB"
#define PY_PERSIST_VERSION 1
#define PY_PERSIST_HEADER_BYTES 12

/* What a bytecode file is compiled for. */
typedef struct py_persist_target {
    uint8_t float_bytes;    /* 4: single precision, 8: double */
    uint8_t small_int_bits; /* 31 on a 32-bit build, 63 on a 64-bit one */
} py_persist_target;

/* The running build's features. */
void py_persist_this_build(py_persist_target *out);

/* A hash of the opcode table, the operator numbering and the code flags:
 * files from a build whose instruction set differs are refused. */
uint32_t py_persist_isa_signature(void);

/* Appends the bytecode file of a module's code to out. ValueError when a
 * constant cannot be stored, or a float has no exact single-precision form
 * that the target's own compiler would also have chosen. */
void py_persist_save(py_buf *out, const py_code *module, const py_persist_target *target);

/* A float constant as the target holds it (as a double). For a single-
 * precision target it must round the way the target's own compiler (strtof
 * on the literal) would; that differs from rounding the double only when
 * the double lies exactly halfway between two floats and the literal was
 * not exactly that value. Such a constant (one whose exact value needs more
 * than 15 digits) is refused with ValueError. */
double py_persist_target_float(py_float_t f, const py_persist_target *target);

/* Reads a bytecode file: the module's code object, on the heap. `what`
 * names the file in error messages. ValueError for anything wrong: not a
 * bytecode file, another format version, an incompatible build, truncated
 * or corrupt data, code that fails verification. */
py_code *py_persist_load(const uint8_t *data, size_t len, const char *what);

/* True when the data starts like a bytecode file. */
bool py_persist_is_bytecode(const uint8_t *data, size_t len);

/* Checks that a code object (and the code nested in it) cannot take the VM
 * outside its frame: instructions decode, operands are in range, jumps land
 * on instructions, the value stack stays within stack_size and within the
 * handler levels, and the values an instruction assumes (a list for
 * LIST_APPEND, cells for a closure, an exception for RERAISE...) are what
 * it gets on every path. `is_module` asks for module-level code. ValueError
 * naming `what` and the function otherwise. */
void py_code_verify(const py_code *code, bool is_module, const char *what);

#endif
