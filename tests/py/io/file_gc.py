# files that are dropped without close() are closed by the collector
import gc
import mod_tmp

d = mod_tmp.make("gc")
for i in range(3000):
    f = open(d + "/f%d.txt" % (i % 5), "w")
    f.write("round %d" % i)
    f = None
    if i % 100 == 0:
        gc.collect()
gc.collect()
print(sorted(open(d + "/f%d.txt" % i).read() for i in range(5)))
mod_tmp.remove(d)
print("done")
