# helper module two levels down, importing from its parent package
from ..sub import func
from .. import pkg_var
value = 'deep value'

def call_parent():
    return func() + ' / ' + pkg_var
