# return values and exceptions combined with finally
log = []
def f(x):
    try:
        log.append('try')
        if x:
            raise ValueError(x)
        return 'normal'
    except ValueError as e:
        log.append('except')
        return 'handled ' + e.args[0]
    finally:
        log.append('finally')
print(f(''), log)
log.clear()
print(f('bad'), log)
def g():
    for i in range(5):
        try:
            if i == 3:
                return i
        finally:
            if i == 3:
                print('cleanup at', i)
print(g())
