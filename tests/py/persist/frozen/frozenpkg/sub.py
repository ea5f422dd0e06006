# A submodule of a frozen package.


def twice(s):
    return s * 2


def fail():
    raise KeyError("from frozenpkg.sub")
