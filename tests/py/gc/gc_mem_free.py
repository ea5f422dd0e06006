# freeing a big list and collecting gives its memory back
import gc
gc.collect()
before = gc.mem_free()
big = [i for i in range(5000)]
during = gc.mem_free()
print(during < before)
big = None
gc.collect()
after = gc.mem_free()
print(after > during)
print(isinstance(gc.mem_free(), int), isinstance(gc.mem_alloc(), int))
