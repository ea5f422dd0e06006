# errno: Linux numbers and errorcode
import errno

names = ['EPERM', 'ENOENT', 'EIO', 'EBADF', 'EAGAIN', 'ENOMEM', 'EACCES', 'EEXIST', 'ENODEV', 'ENOTDIR',
         'EISDIR', 'EINVAL', 'ENFILE', 'EMFILE', 'ENOSPC', 'EROFS', 'EPIPE', 'ERANGE', 'ENOTEMPTY',
         'ENAMETOOLONG', 'ENOSYS', 'ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EALREADY',
         'EINPROGRESS', 'ENOTCONN', 'ENOBUFS', 'EADDRINUSE', 'EHOSTUNREACH', 'EISCONN',
         'ENOTSOCK', 'EAFNOSUPPORT', 'EWOULDBLOCK']
for name in names:
    n = getattr(errno, name)
    print(name, n, errno.errorcode[n])
print(errno.EOPNOTSUPP, len(errno.errorcode) > 30, errno.errorcode.get(99999))
try:
    raise OSError(errno.ENOENT, 'no such file')
except OSError as e:
    print(e.errno == errno.ENOENT, errno.errorcode[e.errno])
e = OSError(errno.EEXIST, 'exists')
print(e.errno, e.args)
