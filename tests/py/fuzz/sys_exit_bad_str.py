# sys.exit with an object whose __str__ raises: the runner reports it and
# exits with status 1 (it used to abort: the raise had no handler).
import sys


class Code:
    def __str__(self):
        raise ValueError("no text")


print("exiting")
sys.exit(Code())
