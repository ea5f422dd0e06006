# globals() is the module namespace dictionary
g = globals()
print(type(g).__name__, g['__name__'], 'g' in g)
g['created'] = 'via globals()'
print(created)
value = 1
def change():
    globals()['value'] = 2
change()
print(value)
def inside():
    return globals() is g
print(inside(), globals()['inside'] is inside)
