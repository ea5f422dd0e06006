# generators that close over enclosing variables
def make_gen(limit):
    def gen():
        n = 0
        while n < limit:
            yield n
            n += 1
    return gen
g = make_gen(4)
print(list(g()), list(g()))
def powers(base):
    return (base ** i for i in range(5))
print(list(powers(2)), list(powers(3)))
def outer():
    items = ['a', 'b']
    gen = (x.upper() for x in items)
    items.append('c')
    return list(gen)
print(outer())
