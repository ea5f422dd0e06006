# Where the bytecode files made from tests/py/persist/mpy/ are for this kind
# of build (mk/frozen.mk builds them before the language suites run):
# build/persist/pc for the 64-bit runner, build/persist/board for the 32-bit
# single-float one, whose files are the board's.
import sys

KIND = "pc" if sys.maxsize > 2**32 else "board"
DIR = "../../../build/persist/" + KIND


def use():
    if DIR not in sys.path:
        sys.path.insert(0, DIR)
