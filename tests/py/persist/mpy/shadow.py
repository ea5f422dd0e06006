# Compiled to shadow.mpy; a shadow.py next to it must win (tests/py/persist/mpy_search.py).
print("shadow from its bytecode file")
