# Results far larger than any heap end at once in MemoryError (they used to
# spend seconds to minutes in C loops that Ctrl-C could not stop).
def attempt(f):
    try:
        f()
        print("made it")
    except MemoryError:
        print("MemoryError")

attempt(lambda: "%0*d" % (10**9, 1))
attempt(lambda: "{:0{}d}".format(1, 10**9))
attempt(lambda: "{:0{},d}".format(1, 10**9))
attempt(lambda: format(1.5, ".1000000000f"))
attempt(lambda: format(1.5, ".1000000000e"))
attempt(lambda: format(1.5, "#.1000000000g"))
attempt(lambda: "%.1000000000f" % 1.5)
attempt(lambda: format(1 + 1j, ".1000000000f"))
print(format(1.5, ".1000000000g"))
