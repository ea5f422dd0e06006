# name resolution: local, enclosing, global, builtin
x = 'global'
def outer():
    x = 'enclosing'
    def inner():
        return x
    return inner()
print(outer())
def local():
    x = 'local'
    return x
print(local(), x)
def uses_builtin():
    return len('abc')
print(uses_builtin())
len = lambda s: 'shadowed'
print(len('abc'))
del len
print(len('abc'))
def class_scope():
    y = 1
    class C:
        y = 2
        z = y
    return C.z, y
print(class_scope())
