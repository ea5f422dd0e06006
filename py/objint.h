/*
 * objint.h - what other types need from int beyond campy.h: digit text in
 * any base, for format() and the %-operators.
 */
#ifndef PY_OBJINT_H
#define PY_OBJINT_H

#include "campy.h"

/* Appends v (an int or bool) in base 2..36 with lowercase digits: a '-' for
 * negative values, then prefix (may be NULL, e.g. "0x"), then the digits. */
void py_int_append_digits(py_buf *out, py_val v, int base, const char *prefix);

#endif
