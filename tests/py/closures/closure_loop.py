# closures created in loops share the loop variable unless bound
fns = []
for i in range(3):
    fns.append(lambda: i)
print([f() for f in fns])
fns = []
for i in range(3):
    fns.append(lambda i=i: i)
print([f() for f in fns])
def make(i):
    return lambda: i * 10
print([make(i)() for i in range(3)])
def in_function():
    out = []
    for j in range(3):
        def g():
            return j
        out.append(g)
    return [g() for g in out]
print(in_function())
