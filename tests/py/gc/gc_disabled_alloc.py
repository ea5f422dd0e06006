# allocation still works while the automatic collector is disabled
import gc
gc.disable()
bits = []
for i in range(200):
    bits.append(str(i) * 2)
print(len(bits), bits[0], bits[-1])
gc.collect()
gc.enable()
print(''.join(bits[:5]))
