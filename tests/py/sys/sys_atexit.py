# stderr
# exit: 3
# sys.atexit: the registered function runs once the program has ended,
# even when it ends with SystemExit; its own exception is reported
import sys
sys.atexit(None)
print(sys.atexit(print))
def at_end():
    print('at end')
    raise ValueError('from atexit')
sys.atexit(at_end)
print('exiting')
sys.exit(3)
