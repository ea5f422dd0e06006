# import a module and use its attributes
import mod_simple
print(mod_simple.x, mod_simple.items, mod_simple.func(5))
print(mod_simple.Thing().hello())
print(type(mod_simple).__name__, mod_simple.__name__)
mod_simple.x = 100
import mod_simple
print(mod_simple.x)
