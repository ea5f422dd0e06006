# A frozen package: its submodules are found through __path__ (.frozen/frozenpkg).
from .sub import twice

NAME = "frozenpkg"


def describe():
    return "%s with %s" % (NAME, twice("x"))
