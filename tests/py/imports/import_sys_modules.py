# sys.modules caches loaded modules
import sys
print('mod_simple' in sys.modules)
import mod_simple
print('mod_simple' in sys.modules, sys.modules['mod_simple'] is mod_simple)
import pkg.sub
print('pkg' in sys.modules, 'pkg.sub' in sys.modules)
del sys.modules['mod_simple']
import mod_simple as reloaded
print(reloaded is mod_simple, reloaded.x)
