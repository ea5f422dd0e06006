# runaway recursion raises RecursionError, a RuntimeError, and leaves the interpreter usable
def forever(n):
    return forever(n + 1) + 1
try:
    forever(0)
except RuntimeError:
    print('RuntimeError from recursion')
def ping(n):
    return pong(n + 1)
def pong(n):
    return ping(n + 1)
try:
    ping(0)
except RuntimeError:
    print('RuntimeError from mutual recursion')
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print('still works', depth(30))
f = lambda n: f(n)
try:
    f(1)
except RuntimeError:
    print('RuntimeError from lambda recursion')
for i in range(3):
    try:
        forever(0)
    except RuntimeError:
        pass
print('repeated recovery ok', depth(20))
