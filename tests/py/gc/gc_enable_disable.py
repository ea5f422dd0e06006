# gc.enable, gc.disable and gc.isenabled
import gc
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
data = [[i] * 3 for i in range(100)]
print(len(data), data[99])
gc.collect()
print(gc.isenabled(), data[50])
gc.enable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
