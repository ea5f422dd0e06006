# an exception while importing propagates; the import can be tried again
try:
    import mod_raises
except ValueError as e:
    print('ValueError', e.args[0])
import sys
print('mod_raises' in sys.modules)
try:
    import mod_raises
except ValueError:
    print('raised again on second import')
