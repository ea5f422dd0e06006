# several closures share the same captured variable
def pair():
    value = []
    def add(x):
        value.append(x)
    def get():
        return list(value)
    def reset():
        nonlocal value
        value = []
    return add, get, reset
add, get, reset = pair()
add(1); add(2)
print(get())
reset()
add(3)
print(get())
def make_accessors():
    data = {'x': 0}
    return (lambda: data['x']), (lambda v: data.update(x=v))
getter, setter = make_accessors()
setter(42)
print(getter())
