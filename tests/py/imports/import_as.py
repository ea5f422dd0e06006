# import ... as binds the module under another name
import mod_simple as ms
import sys as system
print(ms.x, ms.__name__, system.__name__)
print('mod_simple' in dir(), 'ms' in dir())
import pkg.sub as ps
print(ps.func(), ps.__name__)
