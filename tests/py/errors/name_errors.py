# NameError for unknown, deleted and unbound names
def check(label, fn):
    try:
        fn()
        print(label, 'no error')
    except NameError:
        print(label, 'NameError')
def undefined_global():
    return no_such_name
def deleted():
    x = 1
    del x
    return x
def unbound_local():
    y = y + 1
    return y
def use_before_assign():
    print(z)
    z = 1
def del_undefined():
    del never_defined
def closure_before_assign():
    def inner():
        return w
    r = inner()
    w = 1
    return r
check('undefined global', undefined_global)
check('deleted local', deleted)
check('unbound local', unbound_local)
check('use before assign', use_before_assign)
check('del undefined', del_undefined)
check('closure before assign', closure_before_assign)
check('eval undefined', lambda: eval('undefined_in_eval'))
check('exec undefined', lambda: exec('print(undefined_in_exec)'))
g = 1
del g
check('deleted module global', lambda: g)
try:
    missing_at_top
except NameError:
    print('module level NameError')
print(issubclass(NameError, Exception))
