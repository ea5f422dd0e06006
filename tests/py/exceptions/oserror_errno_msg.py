# OSError's errno is its first argument, whatever its type
e = OSError('msg')
print(e.errno == 'msg', e.args)
print(OSError(5).errno, OSError(13, 'denied').errno)
