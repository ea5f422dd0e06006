# mem_alloc grows when memory is allocated and shrinks after collection
import gc
gc.collect()
start = gc.mem_alloc()
buf = bytearray(20000)
grown = gc.mem_alloc()
print(grown >= start + 20000)
buf = None
gc.collect()
print(gc.mem_alloc() < grown)
print(gc.mem_alloc() + gc.mem_free() > 20000)
