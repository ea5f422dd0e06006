# global and nonlocal in the same program
g = 'global'
def outer():
    x = 'outer'
    def change_nonlocal():
        nonlocal x
        x = 'changed by inner'
    def change_global():
        global g
        g = 'changed global'
    change_nonlocal()
    change_global()
    return x
print(outer(), g)
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get
inc, get = counter()
inc(); inc(); inc()
print(get())
