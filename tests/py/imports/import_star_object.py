# from m import * where sys.modules holds something that is not a module:
# its __all__, or its __dict__, or ImportError (it once crashed the VM)
import sys


class Box:
    pass


b = Box()
b.visible = 1
b._hidden = 2
sys.modules["boxmod"] = b
from boxmod import *

print(visible, "_hidden" in globals())


class Listed:
    __all__ = ["chosen"]
    chosen = "c"
    other = "o"


sys.modules["listedmod"] = Listed
from listedmod import *

print(chosen, "other" in globals())

sys.modules["intmod"] = 5
try:
    from intmod import *
except ImportError as e:
    print("ImportError", e)
