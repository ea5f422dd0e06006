# a module to find in sys.modules
VALUE = 42
