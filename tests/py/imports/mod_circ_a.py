# helper module: imports mod_circ_b, which imports this module back
import mod_circ_b
a_value = 'A'

def from_a():
    return 'a sees ' + mod_circ_b.b_value
