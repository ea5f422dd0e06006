# input() with nothing on stdin raises EOFError
try:
    line = input()
    print('read', line)
except EOFError:
    print('EOFError')
print(issubclass(EOFError, Exception))
