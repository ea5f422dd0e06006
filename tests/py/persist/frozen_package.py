# A frozen package: __init__ and submodules come from the image; __path__
# points into .frozen, relative imports work inside it.
import sys

import frozenpkg

print(frozenpkg.describe())
print(frozenpkg.__file__, frozenpkg.__path__, frozenpkg.sub.__file__)
from frozenpkg import sub

print(sub.twice(21), sub is frozenpkg.sub)
try:
    sub.fail()
except KeyError as e:
    sys.print_exception(e)
try:
    from frozenpkg import missing
except ImportError as e:
    print("ImportError:", e)
print(sorted(k for k in sys.modules if k.startswith("frozenpkg")))
