# A submodule of a bytecode package.
VALUE = "leaf value"


def deep(n):
    if n == 0:
        raise IndexError("at the bottom")
    return deep(n - 1)
