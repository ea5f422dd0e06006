# campy-opts: -X heapsize=100k
# stderr
# exit: 1
# A dict that outgrows the heap at module level: the traceback names the line.
d = {}
for i in range(100000):
    d["key%d" % i] = [i, str(i), (i, i * 2)]
