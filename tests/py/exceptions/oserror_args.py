# OSError with errno and message
try:
    raise OSError(2, 'ENOENT')
except OSError as e:
    print(e.args, e.errno)
try:
    open('/nonexistent/path/file.txt')
except OSError as e:
    print('OSError', e.errno == 2)
print(issubclass(OSError, Exception))
