# from module import * skips names starting with an underscore
from mod_private import *
print(public, helper())
try:
    print(_hidden)
except NameError:
    print('_hidden not imported')
import mod_private
print(mod_private._hidden)
