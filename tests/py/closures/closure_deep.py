# variables captured through several levels of nesting
def level1(a):
    def level2(b):
        def level3(c):
            def level4(d):
                return a + b + c + d
            return level4
        return level3
    return level2
print(level1(1)(10)(100)(1000))
def curry(f, n):
    def step(args):
        if len(args) == n:
            return f(*args)
        return lambda x: step(args + [x])
    return step([])
add3 = curry(lambda a, b, c: a * 100 + b * 10 + c, 3)
print(add3(1)(2)(3), add3(9)(8)(7))
