# files that are dropped without close() are closed by the collector, which
# writes out what they still hold: many more files than the process may
# have open at once
import gc
import os
import mod_tmp

d = mod_tmp.make("gc")
for i in range(2000):
    f = open(d + "/f%d.txt" % i, "w")
    f.write("round %d" % i)
    f = None
    if i % 100 == 0:
        gc.collect()
gc.collect()
print(len(os.listdir(d)))
# the collector scans conservatively: a stray word may keep one or two of the
# files open a little longer, but never many
written = sum(open(d + "/f%d.txt" % i).read() == "round %d" % i for i in range(2000))
print(written >= 1990)
for i in range(2000):
    f = open(d + "/f%d.txt" % i)
    f = None
    if i % 100 == 0:
        gc.collect()
mod_tmp.remove(d)
print("done")
