# importing something that does not exist raises ImportError
try:
    import no_such_module_here
except ImportError:
    print('ImportError: no module')
try:
    from mod_simple import no_such_name
except ImportError:
    print('ImportError: no name')
try:
    import pkg.no_such_sub
except ImportError:
    print('ImportError: no submodule')
try:
    from pkg import also_missing
except ImportError:
    print('ImportError: no name in package')
print('continuing')
