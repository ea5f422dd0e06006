# helper subpackage
nested_var = 'nested package variable'
