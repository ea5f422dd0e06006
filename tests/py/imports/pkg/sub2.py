# helper submodule using relative imports
from . import sub
from .sub import func, sub_value

def combined():
    return func() + ' via sub2, value %d' % (sub.sub_value + sub_value)
