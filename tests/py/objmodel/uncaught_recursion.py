# stderr
# exit: 1
# a traceback through deep recursion names the repeated line once, with a count
def down(n):
    if n == 0:
        raise ValueError('bottom reached')
    down(n - 1)
def start():
    down(50)
print('start')
start()
