# finally runs on return, break, continue and exceptions
def ret():
    try:
        return 'from try'
    finally:
        print('finally after return')
print(ret())
def override():
    try:
        return 'try'
    finally:
        return 'finally wins'
print(override())
def swallow():
    try:
        raise ValueError
    finally:
        return 'exception discarded'
print(swallow())
for i in range(3):
    try:
        if i == 0:
            continue
        if i == 2:
            break
        print('body', i)
    finally:
        print('finally', i)
def nested():
    try:
        try:
            raise KeyError('k')
        finally:
            print('inner finally')
    except KeyError:
        print('outer except')
    finally:
        print('outer finally')
nested()
def count():
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                return n
        finally:
            print('loop finally', n)
print(count())
