# stderr
# exit: 1
# an uncaught exception prints a traceback to stderr and exits with status 1
def divide(a, b):
    return a / b

print('start')
divide(1, 0)
print('not reached')
