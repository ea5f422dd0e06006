/*
 * cross.h - what the parts of build/campy-cross share: compiling a source
 * file, and freezing the modules of a manifest into C source.
 */
#ifndef CAMPY_HOST_CROSS_H
#define CAMPY_HOST_CROSS_H

#include <stdio.h>

#include "bytecode.h"
#include "persist.h"

/* Reads a whole file into a heap buffer; false with errno set if it can't. */
bool host_read_file(const char *path, py_buf *out);

/* Compiles a source file as a module whose code records `source_name` as
 * its file name. Raises SyntaxError (and the rest) as the compiler does. */
py_code *host_compile_file(const char *path, const char *source_name);

/* Writes data to path, replacing it only once everything is written;
 * false with errno set on failure. */
bool host_write_file(const char *path, const char *data, size_t len);

/* --freeze: compiles every module of the manifest and writes the C source
 * of the frozen table to out_path, and a make dependency line to dep_path
 * (if not NULL). Raises ValueError for a bad manifest; returns false (with
 * a message printed) for a file that cannot be read or written. */
bool host_freeze(const char *manifest, const char *out_path, const char *dep_path,
                 const py_persist_target *target);

#endif
