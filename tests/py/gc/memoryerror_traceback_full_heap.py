# campy-opts: -X heapsize=100k
# stderr
# exit: 1
# A heap filled to the last block with small objects still reports where the
# MemoryError happened: the traceback names the file, line and function.
def fill(keep):
    while True:
        keep.append([len(keep)])

print('filling')
fill([])
