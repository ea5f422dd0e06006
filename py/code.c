/*
 * code.c - the code object type, the opcode tables, line lookup and the
 * readable listing of compiled code.
 *
 * The listing is what the compiler's tests compare against and what the
 * runner prints for diagnostics, so its format is kept stable: one line per
 * instruction with its source line (when it changes), byte offset, opcode
 * name and a decoded operand.
 */
#include <string.h>

#include "bytecode.h"

#define BC_FORMAT_ENTRY(name, fmt) fmt,
const uint8_t py_bc_format[PY_OP_COUNT] = {PY_BC_OPCODES(BC_FORMAT_ENTRY)};
#undef BC_FORMAT_ENTRY

#define BC_NAME_ENTRY(name, fmt) #name,
const char *const py_bc_name[PY_OP_COUNT] = {PY_BC_OPCODES(BC_NAME_ENTRY)};
#undef BC_NAME_ENTRY

/* ---------------------------------------------------------------- the type */

static void code_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    const py_code *code = py_ptr(self);
    py_printf(out, "<code object %q at %p>", code->name, py_ptr(self));
}

static void code_attr(py_val self, py_qstr name, py_val *dest) {
    const py_code *code = py_ptr(self);
    if (dest[0] != PY_NULL) {
        return; /* read-only */
    }
    if (name == Q_co_name) {
        dest[0] = PY_QSTR(code->name);
    } else if (name == Q_co_filename) {
        dest[0] = PY_QSTR(code->filename);
    } else if (name == Q_co_firstlineno) {
        dest[0] = PY_SMALL(code->first_line);
    } else if (name == Q_co_argcount) {
        dest[0] = PY_SMALL(code->n_pos);
    }
}

const py_type py_type_code = {
    .head = {&py_type_type},
    .name = Q_code,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY,
    .print = code_print,
    .attr = code_attr,
};

/* ---------------------------------------------------------------- line table */

/* Reads one unsigned LEB128 varint; false when the table ends inside it. */
static bool read_varint(const uint8_t *p, size_t len, size_t *pos, uint32_t *out) {
    uint32_t v = 0;
    unsigned shift = 0;
    while (*pos < len && shift < 32) {
        uint8_t b = p[(*pos)++];
        v |= (uint32_t)(b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
            *out = v;
            return true;
        }
        shift += 7;
    }
    return false;
}

uint32_t py_code_line(const py_code *code, size_t offset) {
    uint32_t line = code->first_line;
    size_t at = 0, pos = 0;
    uint32_t d_offset, d_line;
    while (read_varint(code->line_table, code->line_table_len, &pos, &d_offset) &&
           read_varint(code->line_table, code->line_table_len, &pos, &d_line)) {
        at += d_offset;
        if (at > offset) {
            break;
        }
        /* zigzag: 0, -1, 1, -2, 2 ... are 0, 1, 2, 3, 4 ... */
        uint32_t magnitude = d_line >> 1;
        line = (d_line & 1) ? line - magnitude - 1 : line + magnitude;
    }
    return line;
}

/* ---------------------------------------------------------------- listing */

static const char *const binop_text[PY_BINOP_COUNT] = {
    [PY_BINOP_LT] = "<",
    [PY_BINOP_GT] = ">",
    [PY_BINOP_EQ] = "==",
    [PY_BINOP_LE] = "<=",
    [PY_BINOP_GE] = ">=",
    [PY_BINOP_NE] = "!=",
    [PY_BINOP_IN] = "in",
    [PY_BINOP_NOT_IN] = "not in",
    [PY_BINOP_IS] = "is",
    [PY_BINOP_IS_NOT] = "is not",
    [PY_BINOP_EXC_MATCH] = "exc_match",
    [PY_BINOP_IOR] = "|=",
    [PY_BINOP_IXOR] = "^=",
    [PY_BINOP_IAND] = "&=",
    [PY_BINOP_ILSHIFT] = "<<=",
    [PY_BINOP_IRSHIFT] = ">>=",
    [PY_BINOP_IADD] = "+=",
    [PY_BINOP_ISUB] = "-=",
    [PY_BINOP_IMUL] = "*=",
    [PY_BINOP_IMATMUL] = "@=",
    [PY_BINOP_IFLOORDIV] = "//=",
    [PY_BINOP_ITRUEDIV] = "/=",
    [PY_BINOP_IMOD] = "%=",
    [PY_BINOP_IPOW] = "**=",
    [PY_BINOP_OR] = "|",
    [PY_BINOP_XOR] = "^",
    [PY_BINOP_AND] = "&",
    [PY_BINOP_LSHIFT] = "<<",
    [PY_BINOP_RSHIFT] = ">>",
    [PY_BINOP_ADD] = "+",
    [PY_BINOP_SUB] = "-",
    [PY_BINOP_MUL] = "*",
    [PY_BINOP_MATMUL] = "@",
    [PY_BINOP_FLOORDIV] = "//",
    [PY_BINOP_TRUEDIV] = "/",
    [PY_BINOP_MOD] = "%",
    [PY_BINOP_POW] = "**",
};

static const char *const unop_text[] = {
    [PY_UNOP_POS] = "+", [PY_UNOP_NEG] = "-", [PY_UNOP_INVERT] = "~", [PY_UNOP_NOT] = "not"};

static const char *const code_flag_text[] = {"VARARGS",   "VARKW", "GENERATOR", "COROUTINE",
                                             "NEWLOCALS", "CLASS", "MODULE"};

static void dump_header(const py_print *out, const py_code *code) {
    py_printf(out, "code %q (%q:%u) flags=", code->name, code->filename,
              (unsigned)code->first_line);
    bool any = false;
    for (unsigned i = 0; i < sizeof(code_flag_text) / sizeof(code_flag_text[0]); i++) {
        if (code->flags & (1u << i)) {
            py_printf(out, "%s%s", any ? "|" : "", code_flag_text[i]);
            any = true;
        }
    }
    if (!any) {
        py_print_str(out, "0");
    }
    py_printf(out, " pos=%u posonly=%u kwonly=%u stack=%u blocks=%u\n", (unsigned)code->n_pos,
              (unsigned)code->n_posonly, (unsigned)code->n_kwonly, (unsigned)code->stack_size,
              (unsigned)code->block_depth);
    size_t first_cell = code->n_locals, first_free = first_cell + code->n_cells;
    size_t n_slots = first_free + code->n_free;
    for (size_t i = 0; i < n_slots; i++) {
        if (i == 0 || i == first_cell || i == first_free) {
            const char *part = i < first_cell ? "locals:" : i < first_free ? "cells:" : "free:";
            py_printf(out, "%s%s", i == 0 ? "  " : " | ", part);
        }
        py_printf(out, " %q", code->slot_names[i]);
        if (i >= first_cell && i < first_free) {
            uint16_t arg = code->cell2arg[i - first_cell];
            if (arg != PY_CODE_NO_ARG) {
                py_printf(out, "=arg%u", (unsigned)arg);
            }
        }
    }
    if (n_slots != 0) {
        py_print_str(out, "\n");
    }
}

static void dump_const(const py_print *out, py_val v) {
    if (py_is_obj(v) && py_type_of(v) == &py_type_code) {
        py_printf(out, "<code %q>", ((const py_code *)py_ptr(v))->name);
    } else {
        py_printf(out, "%r", v);
    }
}

static const char *slot_name_text(const py_code *code, unsigned slot) {
    size_t n_slots = (size_t)code->n_locals + code->n_cells + code->n_free;
    return slot < n_slots ? py_qstr_str(code->slot_names[slot]) : "?";
}

static void dump_operand(const py_print *out, const py_code *code, uint8_t op, uint32_t arg,
                         uint8_t extra) {
    switch (op) {
    case PY_OP_LOAD_CONST:
        py_print_str(out, " ");
        if (arg < code->n_consts) {
            dump_const(out, code->consts[arg]);
        } else {
            py_print_str(out, "?");
        }
        return;
    case PY_OP_LOAD_SMALL_INT:
        py_printf(out, " %d", (int)(int16_t)(uint16_t)arg);
        return;
    case PY_OP_LOAD_FAST:
    case PY_OP_STORE_FAST:
    case PY_OP_DELETE_FAST:
    case PY_OP_LOAD_DEREF:
    case PY_OP_STORE_DEREF:
    case PY_OP_DELETE_DEREF:
    case PY_OP_LOAD_CLOSURE:
        py_printf(out, " %s", slot_name_text(code, arg));
        return;
    case PY_OP_LOAD_NAME:
    case PY_OP_STORE_NAME:
    case PY_OP_DELETE_NAME:
    case PY_OP_LOAD_GLOBAL:
    case PY_OP_STORE_GLOBAL:
    case PY_OP_DELETE_GLOBAL:
    case PY_OP_LOAD_ATTR:
    case PY_OP_STORE_ATTR:
    case PY_OP_DELETE_ATTR:
    case PY_OP_LOAD_METHOD:
    case PY_OP_IMPORT_NAME:
    case PY_OP_IMPORT_FROM:
        py_printf(out, " %s", arg < code->n_names ? py_qstr_str(code->names[arg]) : "?");
        return;
    case PY_OP_UNARY_OP:
        py_printf(out, " %s",
                  arg < sizeof(unop_text) / sizeof(unop_text[0]) && unop_text[arg] ? unop_text[arg]
                                                                                   : "?");
        return;
    case PY_OP_BINARY_OP:
        py_printf(out, " %s", arg < PY_BINOP_COUNT && binop_text[arg] ? binop_text[arg] : "?");
        return;
    case PY_OP_CALL_FUNCTION:
    case PY_OP_CALL_METHOD:
        py_printf(out, " %u", (unsigned)(arg & 0xff));
        if (arg >> 8) {
            py_printf(out, " kw=%u", (unsigned)(arg >> 8));
        }
        return;
    case PY_OP_UNPACK_EX:
        py_printf(out, " %u %u", (unsigned)(arg & 0xff), (unsigned)(arg >> 8));
        return;
    case PY_OP_FORMAT_VALUE:
        if (arg & 0xff) {
            py_printf(out, " !%c", (int)(arg & 0xff));
        }
        if (arg & 0x100) {
            py_print_str(out, " spec");
        }
        return;
    case PY_OP_MAKE_FUNCTION:
        py_print_str(out, " ");
        if (arg < code->n_consts) {
            dump_const(out, code->consts[arg]);
        }
        if (extra & 1) {
            py_print_str(out, " defaults");
        }
        if (extra & 2) {
            py_print_str(out, " kwdefaults");
        }
        if (extra & 4) {
            py_print_str(out, " closure");
        }
        return;
    default:
        break;
    }
    switch (py_bc_format[op]) {
    case PY_BC_U16:
        py_printf(out, " %u", (unsigned)arg);
        break;
    case PY_BC_U32:
        py_printf(out, " -> %lu", (unsigned long)arg);
        break;
    default:
        break;
    }
}

static void dump_instructions(const py_print *out, const py_code *code) {
    const uint8_t *bc = code->bytecode;
    size_t pc = 0;
    uint32_t last_line = 0;
    while (pc < code->bytecode_len) {
        uint8_t op = bc[pc];
        if (op >= PY_OP_COUNT || pc + py_bc_size(op) > code->bytecode_len) {
            py_printf(out, "        %5lu ?? %u\n", (unsigned long)pc, (unsigned)op);
            return;
        }
        uint32_t arg = 0;
        uint8_t extra = 0;
        switch (py_bc_format[op]) {
        case PY_BC_U16:
            arg = bc[pc + 1] | (uint32_t)bc[pc + 2] << 8;
            break;
        case PY_BC_U32:
            arg = bc[pc + 1] | (uint32_t)bc[pc + 2] << 8 | (uint32_t)bc[pc + 3] << 16 |
                  (uint32_t)bc[pc + 4] << 24;
            break;
        case PY_BC_U16_U8:
            arg = bc[pc + 1] | (uint32_t)bc[pc + 2] << 8;
            extra = bc[pc + 3];
            break;
        default:
            break;
        }
        uint32_t line = py_code_line(code, pc);
        if (line != last_line) {
            py_printf(out, "  %5u", (unsigned)line);
            last_line = line;
        } else {
            py_print_str(out, "       ");
        }
        py_printf(out, " %5lu %s", (unsigned long)pc, py_bc_name[op]);
        dump_operand(out, code, op, arg, extra);
        py_print_str(out, "\n");
        pc += py_bc_size(op);
    }
}

void py_code_dump(const py_print *out, const py_code *code) {
    py_stack_check();
    dump_header(out, code);
    dump_instructions(out, code);
    for (size_t i = 0; i < code->n_consts; i++) {
        py_val v = code->consts[i];
        if (py_is_obj(v) && py_type_of(v) == &py_type_code) {
            py_print_str(out, "\n");
            py_code_dump(out, py_ptr(v));
        }
    }
}
