# helper package
print('pkg initialised')
pkg_var = 'package variable'
