# from-imports out of packages and subpackages
from pkg import sub
from pkg.sub import func
from pkg.nested.deep import value, call_parent
from pkg import pkg_var
print(sub.func(), func(), value, pkg_var)
print(call_parent())
from pkg.nested import deep
print(deep.value is value)
