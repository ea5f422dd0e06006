# stderr
# exit: 1
# the traceback lists every frame, outermost first
def inner(x):
    raise ValueError('bad value %d' % x)

def middle(x):
    return inner(x + 1)

def outer():
    middle(41)

outer()
