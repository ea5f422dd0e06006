# an imported module's __name__ is its name; the script's is __main__
import mod_name
print(__name__, mod_name.__name__)
import pkg.sub
print(pkg.sub.__name__, pkg.__name__)
