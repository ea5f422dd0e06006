# skip-if: single-float
# Formatting with huge precisions and zero-padded widths: results that fit
# the heap must be right; the general format drops the zeros a huge
# precision would add, so it needs no memory for them.
print(format(1.5, ".1000000000"), format(1.5, ".1000000000g"), format(0.1, ".1000000000G"))
print(format(123.456, ".100000000n"), format(1e300, ".100000000")[:12])
print(format(2.0**-1074, ".100000000g")[:30])
print(format(9.999999999999998, ".30g"), format(9.999999999999998, ".16g"))
print(format(0.1, ".1000")[-10:], len(format(0.1, "#.1000g")))
print(format(1.5, ".3000000000f") if False else "skip")
for w in range(1, 16):
    print(format(12345, "0%d,d" % w), format(-12345, "0%d_d" % w), format(12345, "0%dx" % w))
print(format(1234567, "030,.2f"), "%0*d" % (20, -7), "{:0{}d}".format(1, 25))
try:
    format(1.5, ".3000000000f")
except ValueError as e:
    print("ValueError", e)
