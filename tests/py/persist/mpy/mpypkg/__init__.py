# A package whose __init__ is a bytecode file.
from . import leaf

print("mpypkg from", __name__)
