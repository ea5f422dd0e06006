# A module frozen into the PC runners (frozen/pc.txt) for the tests of
# frozen import in tests/py/persist.
print("frozentest runs as", __name__)

VALUE = 42


def where():
    return __name__, __file__


def fail():
    raise ValueError("raised in frozentest")


def call_fail():
    fail()
