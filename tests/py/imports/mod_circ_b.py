# helper module: imports mod_circ_a while mod_circ_a is still loading
import mod_circ_a
b_value = 'B'

def from_b():
    return 'b sees ' + mod_circ_a.a_value
