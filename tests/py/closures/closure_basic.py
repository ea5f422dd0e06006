# closures capture variables of enclosing functions
def make_multiplier(k):
    def mul(x):
        return x * k
    return mul
double = make_multiplier(2)
triple = make_multiplier(3)
print(double(5), triple(5), double(triple(2)))
def make_greeting(greeting):
    return lambda name: '%s, %s' % (greeting, name)
print(make_greeting('Hi')('A'), make_greeting('Bye')('B'))
def outer():
    x = 'before'
    def show():
        return x
    x = 'after'
    return show
print(outer()())
