# a generator cannot be resumed while it is already running
def selfref():
    yield next(me)
me = selfref()
try:
    next(me)
except ValueError:
    print('ValueError: generator already executing')
