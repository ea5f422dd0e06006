# campy-opts: -X stacksize=12k -X heapsize=100k
# Long operator chains lean left as deep as they are long: the compiler
# must walk them in a loop, so a generated 300-term expression compiles with
# the board's C stack (12 KiB for Python) and in its heap.
x = 3
src_const = "+".join(["1"] * 300)
src_names = "+".join(["x"] * 300)
src_mixed = "-".join(["x"] * 150 + ["2"] * 150)
src_fold_then_names = "*".join(["2"] * 20) + "+" + "+".join(["x"] * 200)
for src in (src_const, src_names, src_mixed, src_fold_then_names):
    print(eval(src), eval(compile(src, "<chain>", "eval")))
exec("y = " + src_names + "\nprint(y)")
# folding stops where a small int would overflow, the rest runs at run time
print(eval("*".join(["7"] * 40)) == 7 ** 40)
print(eval("1 << 40 | " + "|".join(["1"] * 200)))
# an error in the middle of a chain names the right line
try:
    eval("+".join(["x"] * 100) + "+'a'+" + "+".join(["x"] * 100))
except TypeError as e:
    print("TypeError", e)
