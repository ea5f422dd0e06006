# try/except/else/finally flow
def run(x):
    try:
        print('try', x)
        r = 10 // x
    except ZeroDivisionError:
        print('except')
        r = None
    else:
        print('else', r)
    finally:
        print('finally')
    return r
print(run(2))
print(run(0))
try:
    pass
finally:
    print('bare finally')
try:
    raise ValueError
except:
    print('bare except')
