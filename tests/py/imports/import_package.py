# importing a package and its submodules
import pkg
print(pkg.pkg_var, pkg.__name__)
import pkg.sub
print(pkg.sub.func(), pkg.sub.sub_value, pkg.sub.__name__)
import pkg.nested.deep
print(pkg.nested.nested_var, pkg.nested.deep.value)
print(hasattr(pkg, 'sub'), hasattr(pkg, 'nested'))
