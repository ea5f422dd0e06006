# platform: strings describing the running build of campy.
import platform
import uplatform

p = platform.platform()
print(type(p).__name__, p.startswith("campy-0.1.0"), len(p) < 80)
print(p.split("-")[2] in ("x86_64", "x86", "aarch64", "arm", "xtensa", "riscv"))
c = platform.python_compiler()
print(type(c).__name__, c.split(" ")[0] in ("GCC", "Clang"), len(c.split(".")) == 3)
lib = platform.libc_ver()
print(type(lib).__name__, len(lib), all(type(x) is str for x in lib))
print(lib[0] in ("glibc", "newlib", ""), ("-with-" + lib[0] + lib[1]) in p or lib[0] == "")
print(uplatform.platform() == p)
try:
    platform.platform(1)
except TypeError:
    print("TypeError")
