/*
 * moderrno.c - the errno module: error numbers with their Linux values, as
 * MicroPython uses on every port, and errorcode, the number-to-name dict.
 */
#include "campy.h"

/* name, number */
#define ERRNO_LIST(X)                                                                              \
    X(Q_EPERM, 1)                                                                                  \
    X(Q_ENOENT, 2)                                                                                 \
    X(Q_ESRCH, 3)                                                                                  \
    X(Q_EINTR, 4)                                                                                  \
    X(Q_EIO, 5)                                                                                    \
    X(Q_ENXIO, 6)                                                                                  \
    X(Q_E2BIG, 7)                                                                                  \
    X(Q_ENOEXEC, 8)                                                                                \
    X(Q_EBADF, 9)                                                                                  \
    X(Q_ECHILD, 10)                                                                                \
    X(Q_EAGAIN, 11)                                                                                \
    X(Q_ENOMEM, 12)                                                                                \
    X(Q_EACCES, 13)                                                                                \
    X(Q_EFAULT, 14)                                                                                \
    X(Q_EBUSY, 16)                                                                                 \
    X(Q_EEXIST, 17)                                                                                \
    X(Q_EXDEV, 18)                                                                                 \
    X(Q_ENODEV, 19)                                                                                \
    X(Q_ENOTDIR, 20)                                                                               \
    X(Q_EISDIR, 21)                                                                                \
    X(Q_EINVAL, 22)                                                                                \
    X(Q_ENFILE, 23)                                                                                \
    X(Q_EMFILE, 24)                                                                                \
    X(Q_ENOTTY, 25)                                                                                \
    X(Q_ETXTBSY, 26)                                                                               \
    X(Q_EFBIG, 27)                                                                                 \
    X(Q_ENOSPC, 28)                                                                                \
    X(Q_ESPIPE, 29)                                                                                \
    X(Q_EROFS, 30)                                                                                 \
    X(Q_EMLINK, 31)                                                                                \
    X(Q_EPIPE, 32)                                                                                 \
    X(Q_EDOM, 33)                                                                                  \
    X(Q_ERANGE, 34)                                                                                \
    X(Q_EDEADLK, 35)                                                                               \
    X(Q_ENAMETOOLONG, 36)                                                                          \
    X(Q_ENOLCK, 37)                                                                                \
    X(Q_ENOSYS, 38)                                                                                \
    X(Q_ENOTEMPTY, 39)                                                                             \
    X(Q_ELOOP, 40)                                                                                 \
    X(Q_ENOMSG, 42)                                                                                \
    X(Q_ENODATA, 61)                                                                               \
    X(Q_ETIME, 62)                                                                                 \
    X(Q_EOVERFLOW, 75)                                                                             \
    X(Q_EILSEQ, 84)                                                                                \
    X(Q_ENOTSOCK, 88)                                                                              \
    X(Q_EDESTADDRREQ, 89)                                                                          \
    X(Q_EMSGSIZE, 90)                                                                              \
    X(Q_EPROTOTYPE, 91)                                                                            \
    X(Q_ENOPROTOOPT, 92)                                                                           \
    X(Q_EPROTONOSUPPORT, 93)                                                                       \
    X(Q_EOPNOTSUPP, 95)                                                                            \
    X(Q_EAFNOSUPPORT, 97)                                                                          \
    X(Q_EADDRINUSE, 98)                                                                            \
    X(Q_EADDRNOTAVAIL, 99)                                                                         \
    X(Q_ENETDOWN, 100)                                                                             \
    X(Q_ENETUNREACH, 101)                                                                          \
    X(Q_ENETRESET, 102)                                                                            \
    X(Q_ECONNABORTED, 103)                                                                         \
    X(Q_ECONNRESET, 104)                                                                           \
    X(Q_ENOBUFS, 105)                                                                              \
    X(Q_EISCONN, 106)                                                                              \
    X(Q_ENOTCONN, 107)                                                                             \
    X(Q_ESHUTDOWN, 108)                                                                            \
    X(Q_ETIMEDOUT, 110)                                                                            \
    X(Q_ECONNREFUSED, 111)                                                                         \
    X(Q_EHOSTDOWN, 112)                                                                            \
    X(Q_EHOSTUNREACH, 113)                                                                         \
    X(Q_EALREADY, 114)                                                                             \
    X(Q_EINPROGRESS, 115)                                                                          \
    X(Q_ECANCELED, 125)

#define CONSTANT(q, n) {PY_QSTR(q), PY_SMALL(n)},
#define NAME_OF(q, n) {PY_SMALL(n), PY_QSTR(q)},

static const py_map_entry errorcode_table[] = {ERRNO_LIST(NAME_OF)};
static PY_DEFINE_FIXED_DICT(errno_errorcode, errorcode_table);

static const py_map_entry errno_table[] = {{PY_QSTR(Q___name__), PY_QSTR(Q_errno)},
                                           {PY_QSTR(Q_errorcode), PY_OBJ(&errno_errorcode)},
                                           {PY_QSTR(Q_EWOULDBLOCK), PY_SMALL(11)},
                                           ERRNO_LIST(CONSTANT)};
static PY_DEFINE_FIXED_DICT(errno_globals, errno_table);
PY_DEFINE_MODULE(py_module_errno, errno_globals);
PY_REGISTER_MODULE(Q_errno, py_module_errno);
