/*
 * host.h - what the parts of the PC runner share.
 */
#ifndef CAMPY_HOST_H
#define CAMPY_HOST_H

#include "campy.h"

/* Slots of py_st.extra the runner uses. */
enum { HOST_ROOT_KBD_INTR = 0 };

/* Runs source in __main__; returns 0 or an exit status. *system_exit tells
 * whether SystemExit ended it. */
int host_exec(const char *src, size_t len, py_qstr filename, int mode, bool *system_exit);

/* The interactive REPL; returns the exit status: SystemExit's code, with
 * *system_exit set, or 0 when input ended. */
int host_repl(const char *version, bool *system_exit);

/* Runs all of standard input as a script (stdin is not a terminal). */
int host_run_stdin(bool *system_exit);

#endif
