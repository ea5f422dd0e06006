# functions defined inside functions
def outer(x):
    def square():
        return x * x
    def add(y):
        return square() + y
    return add(1)
print(outer(3))
def make_ops():
    def plus(a, b):
        return a + b
    def minus(a, b):
        return a - b
    return {'+': plus, '-': minus}
ops = make_ops()
print(ops['+'](2, 3), ops['-'](2, 3))
def recursive_inner(n):
    def walk(k):
        return [] if k == 0 else [k] + walk(k - 1)
    return walk(n)
print(recursive_inner(4))
