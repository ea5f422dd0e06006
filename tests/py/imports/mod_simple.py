# helper module: a few module-level names
print('mod_simple loading')
x = 42
items = [1, 2, 3]

def func(a):
    return a * 2

class Thing:
    def hello(self):
        return 'hello from Thing'
