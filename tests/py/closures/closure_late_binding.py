# captured variables are looked up when the closure runs
def outer():
    x = 1
    f = lambda: x
    x = 2
    r1 = f()
    x = 3
    return r1, f()
print(outer())
def captured_after_return():
    fs = []
    for name in ['a', 'b']:
        fs.append(lambda: name)
    name = 'final'
    return [f() for f in fs]
print(captured_after_return())
