/*
 * os_port.h - the PC runner's side of the standard modules' port hooks
 * (lib/vfs.h): clocks, entropy, standard input readiness, host files.
 */
#ifndef CAMPY_HOST_OS_PORT_H
#define CAMPY_HOST_OS_PORT_H

#include "campy.h"
#include "lib/vfs.h"

extern const py_posix_ops host_posix_ops;

/* Fills py_os_hooks and mounts the current directory at "/" (as a
 * VfsPosix). Call after py_init(), inside a handler: it allocates. */
void host_os_init(void);

#endif
