/*
 * objsingle.c - the singletons: None, True and False (and their bool type),
 * Ellipsis and NotImplemented.
 *
 * They are static objects, so they never take heap and compare by address.
 * bool is a subclass of int: arithmetic on bools is int arithmetic.
 */
#include "campy.h"

const py_head py_none_obj = {&py_type_none};
const py_head py_true_obj = {&py_type_bool};
const py_head py_false_obj = {&py_type_bool};
const py_head py_ellipsis_obj = {&py_type_ellipsis};
const py_head py_notimplemented_obj = {&py_type_notimplemented};

/* ---- None */

static void none_print(const py_print *out, py_val self, int kind) {
    (void)self;
    (void)kind;
    py_print_str(out, "None");
}

static py_val none_unary_op(py_unop op, py_val self) {
    switch (op) {
    case PY_UNOP_BOOL:
        return PY_FALSE;
    case PY_UNOP_HASH:
        return PY_SMALL((py_int_t)(self >> 3));
    default:
        return PY_NULL;
    }
}

static py_val none_make_new(const py_type *type, size_t n_args, size_t n_kw,
                            const py_val *args) {
    (void)type;
    (void)args;
    py_check_nargs(n_args, n_kw, 0, 0, false);
    return PY_NONE;
}

const py_type py_type_none = {
    .head = {&py_type_type},
    .name = Q_NoneType,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY,
    .print = none_print,
    .make_new = none_make_new,
    .unary_op = none_unary_op,
};

/* ---- bool */

static void bool_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_print_str(out, self == PY_TRUE ? "True" : "False");
}

static py_val bool_make_new(const py_type *type, size_t n_args, size_t n_kw,
                            const py_val *args) {
    (void)type;
    py_check_nargs(n_args, n_kw, 0, 1, false);
    return n_args == 0 ? PY_FALSE : PY_BOOL(py_truthy(args[0]));
}

static py_val bool_unary_op(py_unop op, py_val self) {
    py_int_t v = self == PY_TRUE;
    switch (op) {
    case PY_UNOP_BOOL:
        return self;
    case PY_UNOP_HASH:
    case PY_UNOP_POS:
    case PY_UNOP_ABS:
    case PY_UNOP_INT:
        return PY_SMALL(v);
    case PY_UNOP_NEG:
        return PY_SMALL(-v);
    case PY_UNOP_INVERT:
        return PY_SMALL(~v);
    case PY_UNOP_FLOAT:
        return py_float_new((py_float_t)v);
    default:
        return PY_NULL;
    }
}

static py_val bool_binary_op(py_binop op, py_val lhs, py_val rhs) {
    /* bool op bool stays bool for the bitwise operators */
    bool both = (lhs == PY_TRUE || lhs == PY_FALSE) && (rhs == PY_TRUE || rhs == PY_FALSE);
    if (both) {
        bool a = lhs == PY_TRUE, b = rhs == PY_TRUE;
        switch (op) {
        case PY_BINOP_AND:
        case PY_BINOP_IAND:
            return PY_BOOL(a && b);
        case PY_BINOP_OR:
        case PY_BINOP_IOR:
            return PY_BOOL(a || b);
        case PY_BINOP_XOR:
        case PY_BINOP_IXOR:
            return PY_BOOL(a != b);
        default:
            break;
        }
    }
    if (lhs == PY_TRUE || lhs == PY_FALSE) {
        lhs = PY_SMALL(lhs == PY_TRUE);
    }
    if (rhs == PY_TRUE || rhs == PY_FALSE) {
        rhs = PY_SMALL(rhs == PY_TRUE);
    }
    if (op >= PY_BINOP_ROR && op <= PY_BINOP_RPOW) {
        /* reflected: self was the right operand */
        return py_binary_op((py_binop)(op - (PY_BINOP_ROR - PY_BINOP_OR)), rhs, lhs);
    }
    return py_binary_op(op, lhs, rhs);
}

const py_type py_type_bool = {
    .head = {&py_type_type},
    .name = Q_bool,
    .print = bool_print,
    .make_new = bool_make_new,
    .unary_op = bool_unary_op,
    .binary_op = bool_binary_op,
    .base = &py_type_int,
};

/* ---- Ellipsis and NotImplemented */

static void ellipsis_print(const py_print *out, py_val self, int kind) {
    (void)self;
    (void)kind;
    py_print_str(out, "Ellipsis");
}

const py_type py_type_ellipsis = {
    .head = {&py_type_type},
    .name = Q_ellipsis,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY,
    .print = ellipsis_print,
};

static void notimplemented_print(const py_print *out, py_val self, int kind) {
    (void)self;
    (void)kind;
    py_print_str(out, "NotImplemented");
}

const py_type py_type_notimplemented = {
    .head = {&py_type_type},
    .name = Q_NotImplementedType,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY,
    .print = notimplemented_print,
};
