# helper submodule
def func():
    return 'pkg.sub.func'

sub_value = 7
