/*
 * seq.h - helpers shared by the sequence types (tuple, list, str, bytes,
 * range): printing, comparison, search, repetition and slicing of item
 * arrays, and the array iterator.
 */
#ifndef PY_SEQ_H
#define PY_SEQ_H

#include "campy.h"

/* These take the tuple or list itself: the __repr__ or __eq__ they call may
 * change a list, so they read its items afresh at each step. */
void py_seq_print(const py_print *out, py_val seq, const char *open, const char *close,
                  bool one_comma);
bool py_seq_compare(py_binop op, py_val a, py_val b);
bool py_seq_contains(py_val seq, py_val v);
py_val py_seq_index(py_val seq, size_t n_args, const py_val *args, const char *what);
py_val py_seq_count(py_val seq, py_val v);
/* For seq * n: the count (0 for negative), SIZE_MAX if n is not an int;
 * MemoryError when the result could not fit. */
size_t py_seq_repeat_count(py_val n, size_t len);
py_int_t py_seq_hash(const py_val *items, size_t n);

/* An iterator over a tuple or list (reads the current length each step). */
extern const py_type py_type_seq_iterator;
py_val py_seq_iter_new(py_val seq);

#endif
