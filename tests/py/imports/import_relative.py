# modules inside a package import their siblings relatively
from pkg.sub2 import combined
print(combined())
import pkg.sub2
import pkg.sub
print(pkg.sub2.sub is pkg.sub, pkg.sub2.func is pkg.sub.func)
