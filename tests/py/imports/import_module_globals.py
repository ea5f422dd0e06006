# functions of a module read and write that module's globals
import mod_globals
setting = 'script setting'
print(mod_globals.get_setting())
mod_globals.set_setting('changed')
print(mod_globals.setting, setting)
from mod_globals import get_setting
mod_globals.setting = 'set from outside'
print(get_setting())
