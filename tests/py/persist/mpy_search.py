# Where import looks in each folder of sys.path: a package (NAME/__init__.py
# or __init__.mpy), then NAME.py, then NAME.mpy, as MicroPython does.
import os
import sys

import mod_mpydir

mod_mpydir.use()
SOURCE = mod_mpydir.DIR + "/shadow.py"

with open(SOURCE, "w") as f:
    f.write("print('shadow from its source file')\n")
try:
    import shadow  # shadow.py and shadow.mpy side by side: the source wins
finally:
    os.remove(SOURCE)
del sys.modules["shadow"]
import shadow  # only the bytecode file is left

print(shadow.__file__.endswith("shadow.mpy"))

# a folder with neither: the next folder of sys.path is tried
sys.path.insert(0, "no-such-folder")
del sys.modules["shadow"]
import shadow

try:
    import shadow_missing
except ImportError as e:
    print("ImportError:", e)
