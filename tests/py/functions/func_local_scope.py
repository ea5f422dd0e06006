# assignment anywhere in a function makes a name local
x = 'global'
def reads():
    return x
def shadows():
    x = 'local'
    return x
def unbound():
    try:
        print(x)
    except NameError:
        print('UnboundLocalError is a NameError')
    x = 'assigned later'
    return x
print(reads(), shadows(), unbound(), x)
def loop_local():
    for i in range(3):
        pass
    return i
print(loop_local())
def del_local():
    y = 1
    del y
    try:
        return y
    except NameError:
        return 'deleted'
print(del_local())
