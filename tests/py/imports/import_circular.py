# circular imports work when names are used after loading
import mod_circ_a
import mod_circ_b
print(mod_circ_a.from_a(), mod_circ_b.from_b())
print(mod_circ_a.mod_circ_b is mod_circ_b, mod_circ_b.mod_circ_a is mod_circ_a)
